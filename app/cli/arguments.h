#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadstar::cli {

// One option a subcommand accepts: `--long`, optionally `-s`, with or without a value.
struct OptionSpec {
    std::string longName;   // without dashes, e.g. "output"
    char shortName = '\0';  // e.g. 'o'; '\0' for none
    bool takesValue = false;
    bool repeatable = false;  // e.g. -H 'K: V' given several times
};

// Parsed command line of one subcommand. Accepts `--name value`, `--name=value`,
// `-n value` and `-nvalue` (wrk style: -c50), flags, and positionals in any order;
// `--` ends the options.
class Arguments {
  public:
    static std::optional<Arguments> parse(const std::vector<std::string>& args,
                                          const std::vector<OptionSpec>& specs, std::string& error);

    bool has(std::string_view name) const;
    std::optional<std::string> value(std::string_view name) const;  // the last one given
    std::vector<std::string> values(std::string_view name) const;
    // The value of --NAME as a whole number from `min` to `max`; nullopt when the
    // option is absent, or, with `error` set ("--NAME wants a count from MIN to
    // MAX"), when it is not such a number.
    std::optional<int> count(std::string_view name, int min, int max, std::string& error) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

  private:
    std::map<std::string, std::vector<std::string>, std::less<>> options_;
    std::vector<std::string> positionals_;
};

}  // namespace loadstar::cli
