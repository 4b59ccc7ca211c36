#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace loadstar::schema {

class Random;

// Strings that satisfy a `pattern` (RE2 syntax, searched like Pydantic searches it)
// within length bounds. The pattern is parsed once into a small tree that is walked
// to build candidates; every candidate is confirmed by RE2 before it is returned, so
// a construct the walker does not model (word boundaries, case folding, an odd
// mix of anchors) can make generation fail but never yields a wrong string.
//
// Generated characters are ASCII, so a length in bytes is also the length in code
// points that Pydantic counts.
class StringGenerator {
  public:
    // An empty pattern accepts any string.
    explicit StringGenerator(std::string_view pattern);
    ~StringGenerator();
    StringGenerator(const StringGenerator&) = delete;
    StringGenerator& operator=(const StringGenerator&) = delete;

    const std::string& pattern() const { return pattern_; }
    // False when RE2 refuses the pattern: nothing can match it.
    bool patternValid() const { return patternValid_; }
    // False when the pattern uses syntax the walker does not know; generation then fails.
    bool understood() const { return root_ != nullptr; }
    // Whether `text` satisfies the pattern (RE2 partial match; true without a pattern).
    bool matches(std::string_view text) const;

    // A matching string with a length in [minLength, maxLength]. The length is drawn
    // from the lowest reachable `spread + 1` lengths so that samples stay readable.
    // nullopt when a few attempts found none.
    std::optional<std::string> generate(Random& rng, std::int64_t minLength, std::int64_t maxLength,
                                        std::int64_t spread) const;

    // A string with a length in [minLength, maxLength] that does not match and that
    // `accept` agrees to; nullopt when every probe matched (e.g. the pattern `.*`).
    std::optional<std::string> mismatch(std::int64_t minLength, std::int64_t maxLength,
                                        const std::function<bool(std::string_view)>& accept) const;

    struct Node;

  private:
    std::string pattern_;
    bool patternValid_ = true;
    std::unique_ptr<re2::RE2> regex_;
    std::unique_ptr<Node> root_;
};

}  // namespace loadstar::schema
