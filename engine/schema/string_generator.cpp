#include "engine/schema/string_generator.h"

#include <algorithm>
#include <vector>

#include <re2/re2.h>

#include "engine/schema/random.h"
#include "engine/schema/string_pattern.h"

namespace loadstar::schema {

namespace {

constexpr std::int64_t kUnbounded = kUnboundedLength;
constexpr int kAttempts = 8;

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b) {
    return std::min(kUnbounded, a + b);
}

std::int64_t saturatingMul(std::int64_t a, std::int64_t b) {
    if (a == 0 || b == 0) return 0;
    if (a >= kUnbounded / b) return kUnbounded;
    return std::min(kUnbounded, a * b);
}

using Node = StringGenerator::Node;

void computeBounds(Node& n) {
    for (Node& child : n.children)
        computeBounds(child);
    switch (n.kind) {
        case Node::Kind::Chars:
            n.shortest = n.longest = 1;
            break;
        case Node::Kind::ZeroWidth:
            n.shortest = n.longest = 0;
            break;
        case Node::Kind::Concat:
            n.shortest = n.longest = 0;
            for (const Node& child : n.children) {
                n.shortest = saturatingAdd(n.shortest, child.shortest);
                n.longest = saturatingAdd(n.longest, child.longest);
            }
            break;
        case Node::Kind::Alternate:
            n.shortest = kUnbounded;
            n.longest = 0;
            for (const Node& child : n.children) {
                n.shortest = std::min(n.shortest, child.shortest);
                n.longest = std::max(n.longest, child.longest);
            }
            break;
        case Node::Kind::Repeat:
            n.shortest = saturatingMul(n.repeatMin, n.children.front().shortest);
            n.longest = n.repeatMax >= kUnbounded && n.children.front().longest > 0
                            ? kUnbounded
                            : saturatingMul(n.repeatMax, n.children.front().longest);
            break;
    }
}

Node filler() {
    Node chars = alnumChar();
    Node rep = Node::ofKind(Node::Kind::Repeat);
    rep.filler = true;
    rep.children.push_back(std::move(chars));
    return rep;
}

// Whether every string of `n` is pinned to the start (anchor '^') or the end ('$')
// of the text. Zero-width nodes that are not anchors (flags, \b) are looked past.
bool anchored(const Node& n, char anchor) {
    switch (n.kind) {
        case Node::Kind::ZeroWidth:
            return n.anchor == anchor;
        case Node::Kind::Chars:
            return false;
        case Node::Kind::Repeat:
            return n.repeatMin >= 1 && anchored(n.children.front(), anchor);
        case Node::Kind::Alternate:
            return !n.children.empty() && std::all_of(n.children.begin(), n.children.end(),
                                                      [&](const Node& c) { return anchored(c, anchor); });
        case Node::Kind::Concat: {
            const auto pinned = [&](const Node& c) {
                if (c.kind == Node::Kind::ZeroWidth && c.anchor == 0) return std::optional<bool>();
                return std::optional<bool>(anchored(c, anchor));
            };
            if (anchor == '^') {
                for (const Node& c : n.children) {
                    if (std::optional<bool> p = pinned(c)) return *p;
                }
            } else {
                for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
                    if (std::optional<bool> p = pinned(*it)) return *p;
                }
            }
            return false;
        }
    }
    return false;
}

// A pattern is searched, so an unanchored one may sit inside longer text; padding
// on the open sides lets a string reach a length the pattern alone cannot. Each
// branch of a top-level alternation (^a|b$) is padded on its own open sides.
Node padded(Node body) {
    if (body.kind == Node::Kind::Alternate) {
        for (Node& branch : body.children)
            branch = padded(std::move(branch));
        return body;
    }
    Node seq = Node::ofKind(Node::Kind::Concat);
    const bool start = anchored(body, '^');
    const bool end = anchored(body, '$');
    if (!start) seq.children.push_back(filler());
    seq.children.push_back(std::move(body));
    if (!end) seq.children.push_back(filler());
    return seq;
}

// Splits `length` over parts with the given bounds: each part gets at least its
// minimum, the rest is spread at random over the parts that can take it, filler
// parts last.
std::vector<std::int64_t> distribute(const std::vector<const Node*>& parts, std::int64_t length,
                                     Random& rng) {
    std::vector<std::int64_t> sizes(parts.size());
    std::int64_t rest = length;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        sizes[i] = parts[i]->shortest;
        rest -= sizes[i];
    }
    if (rest <= 0 || parts.empty()) return sizes;
    for (const bool fillers : {false, true}) {
        for (const bool greedy : {false, true}) {
            const std::size_t start = rng.index(parts.size());
            for (std::size_t k = 0; k < parts.size() && rest > 0; ++k) {
                const std::size_t i = (start + k) % parts.size();
                if (parts[i]->filler != fillers) continue;
                const std::int64_t room = std::min(rest, parts[i]->longest - sizes[i]);
                if (room <= 0) continue;
                const std::int64_t extra = greedy ? room : rng.between(0, room);
                sizes[i] += extra;
                rest -= extra;
            }
        }
    }
    return sizes;
}

constexpr std::int64_t kMaxRepeatCopies = 1 << 20;

void build(const Node& n, std::int64_t length, Random& rng, std::string& out) {
    switch (n.kind) {
        case Node::Kind::Chars:
            out += n.chars[rng.index(n.chars.size())];
            return;
        case Node::Kind::ZeroWidth:
            return;
        case Node::Kind::Alternate: {
            std::vector<const Node*> fitting;
            for (const Node& child : n.children) {
                if (child.shortest <= length && length <= child.longest) fitting.push_back(&child);
            }
            const Node* chosen = nullptr;
            if (!fitting.empty()) {
                chosen = fitting[rng.index(fitting.size())];
            } else {
                std::int64_t bestDistance = kUnbounded;
                for (const Node& child : n.children) {
                    const std::int64_t distance =
                        length < child.shortest ? child.shortest - length : length - child.longest;
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        chosen = &child;
                    }
                }
            }
            build(*chosen, std::clamp(length, chosen->shortest, chosen->longest), rng, out);
            return;
        }
        case Node::Kind::Concat: {
            std::vector<const Node*> parts;
            parts.reserve(n.children.size());
            for (const Node& child : n.children)
                parts.push_back(&child);
            const std::vector<std::int64_t> sizes = distribute(parts, length, rng);
            for (std::size_t i = 0; i < parts.size(); ++i)
                build(*parts[i], sizes[i], rng, out);
            return;
        }
        case Node::Kind::Repeat: {
            const Node& child = n.children.front();
            if (child.kind == Node::Kind::Chars) {
                const std::int64_t count =
                    std::min(std::clamp(length, n.repeatMin, n.repeatMax), kMaxRepeatCopies);
                for (std::int64_t i = 0; i < count; ++i)
                    out += child.chars[rng.index(child.chars.size())];
                return;
            }
            std::int64_t low = n.repeatMin;
            std::int64_t high = n.repeatMax;
            if (child.longest > 0 && child.longest < kUnbounded) {
                low = std::max(low, (length + child.longest - 1) / child.longest);
            }
            if (child.shortest > 0) {
                high = std::min(high, length / child.shortest);
            } else {
                high = std::min(high, std::max(low, length));
            }
            // No count hits the length exactly (copies come in fixed sizes): fall short
            // rather than overshoot, since the enclosing parts may make up the difference.
            std::int64_t count = 0;
            if (low <= high) {
                count = rng.between(low, high);
            } else {
                count = high >= n.repeatMin ? high : std::min(low, n.repeatMax);
            }
            count = std::min(count, kMaxRepeatCopies);
            const std::vector<const Node*> copies(static_cast<std::size_t>(count), &child);
            const std::vector<std::int64_t> sizes = distribute(copies, length, rng);
            for (const std::int64_t size : sizes)
                build(child, std::min(size, child.longest), rng, out);
            return;
        }
    }
}

}  // namespace

StringGenerator::StringGenerator(std::string_view pattern) : pattern_(pattern) {
    if (!pattern_.empty()) {
        RE2::Options options;
        options.set_log_errors(false);
        regex_ = std::make_unique<re2::RE2>(pattern_, options);
        patternValid_ = regex_->ok();
        if (!patternValid_) return;
    }
    Node body;
    if (pattern_.empty()) {
        body = Node::ofKind(Node::Kind::Concat);
    } else {
        std::optional<Node> read = readPattern(pattern_);
        if (!read) return;
        body = std::move(*read);
    }
    auto root = std::make_unique<Node>(pattern_.empty() ? std::move(body) : padded(std::move(body)));
    if (pattern_.empty()) root->children.push_back(filler());
    computeBounds(*root);
    root_ = std::move(root);
}

StringGenerator::~StringGenerator() = default;

bool StringGenerator::matches(std::string_view text) const {
    if (!regex_) return true;
    return patternValid_ && RE2::PartialMatch(text, *regex_);
}

std::optional<std::string> StringGenerator::generate(Random& rng, std::int64_t minLength,
                                                     std::int64_t maxLength, std::int64_t spread) const {
    if (!root_ || !patternValid_) return std::nullopt;
    const std::int64_t lo = std::max({minLength, root_->shortest, std::int64_t{0}});
    const std::int64_t hi =
        std::min({maxLength, root_->longest, saturatingAdd(lo, std::max<std::int64_t>(spread, 0))});
    if (lo > hi) return std::nullopt;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        std::string out;
        build(*root_, rng.between(lo, hi), rng, out);
        const auto size = static_cast<std::int64_t>(out.size());
        if (size >= minLength && size <= maxLength && matches(out)) return out;
    }
    return std::nullopt;
}

std::optional<std::string> StringGenerator::mismatch(
    std::int64_t minLength, std::int64_t maxLength,
    const std::function<bool(std::string_view)>& accept) const {
    if (!regex_ || !patternValid_) return std::nullopt;
    static constexpr std::string_view kProbes = "!~ #_-.0aAzZ9@:/";
    const std::int64_t lo = std::max<std::int64_t>(minLength, 0);
    const std::int64_t hi = std::min(maxLength, lo + 4);
    for (std::int64_t length = lo; length <= hi; ++length) {
        for (const char probe : kProbes) {
            std::string candidate(static_cast<std::size_t>(length), probe);
            if (!matches(candidate) && accept(candidate)) return candidate;
            if (length == 0) break;
        }
    }
    return std::nullopt;
}

}  // namespace loadstar::schema
