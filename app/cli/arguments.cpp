#include "app/cli/arguments.h"

#include <stdexcept>

namespace loadstar::cli {

std::optional<Arguments> Arguments::parse(const std::vector<std::string>& args,
                                          const std::vector<OptionSpec>& specs, std::string& error) {
    Arguments out;
    const auto findLong = [&](std::string_view name) -> const OptionSpec* {
        for (const OptionSpec& s : specs) {
            if (s.longName == name) return &s;
        }
        return nullptr;
    };
    const auto findShort = [&](char c) -> const OptionSpec* {
        for (const OptionSpec& s : specs) {
            if (s.shortName != '\0' && s.shortName == c) return &s;
        }
        return nullptr;
    };
    const auto store = [&](const OptionSpec& spec, std::string value) -> bool {
        auto& slot = out.options_[spec.longName];
        if (!slot.empty() && !spec.repeatable && !spec.takesValue) {
            error = "--" + spec.longName + " given twice";
            return false;
        }
        slot.push_back(std::move(value));
        return true;
    };

    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg == "-" || arg.size() < 2 || arg[0] != '-') {
            out.positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        const OptionSpec* spec = nullptr;
        std::optional<std::string> inlineValue;
        std::string shown;
        if (arg.starts_with("--")) {
            std::string name = arg.substr(2);
            if (const std::size_t eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name.resize(eq);
            }
            spec = findLong(name);
            shown = "--" + name;
        } else {
            spec = findShort(arg[1]);
            shown = arg.substr(0, 2);
            if (arg.size() > 2) inlineValue = arg.substr(2);
        }
        if (!spec) {
            error = "unknown option " + shown;
            return std::nullopt;
        }
        if (!spec->takesValue) {
            if (inlineValue) {
                error = shown + " takes no value";
                return std::nullopt;
            }
            if (!store(*spec, "")) return std::nullopt;
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                error = shown + " needs a value";
                return std::nullopt;
            }
            inlineValue = args[++i];
        }
        if (!store(*spec, *inlineValue)) return std::nullopt;
    }
    return out;
}

bool Arguments::has(std::string_view name) const {
    return options_.find(name) != options_.end();
}

std::optional<std::string> Arguments::value(std::string_view name) const {
    const auto it = options_.find(name);
    if (it == options_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Arguments::values(std::string_view name) const {
    const auto it = options_.find(name);
    return it == options_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<int> Arguments::count(std::string_view name, int min, int max, std::string& error) const {
    const auto text = value(name);
    if (!text) return std::nullopt;
    std::size_t used = 0;
    int v = 0;
    try {
        v = std::stoi(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || v < min || v > max) {
        error = "--" + std::string(name) + " wants a count from " + std::to_string(min) + " to " +
                std::to_string(max);
        return std::nullopt;
    }
    return v;
}

}  // namespace loadstar::cli
