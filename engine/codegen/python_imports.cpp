#include "engine/codegen/python_imports.h"

#include <algorithm>
#include <vector>

namespace loadstar::codegen {

namespace {

enum class Group { StandardLibrary, ThirdParty, Local };

Group groupOf(const std::string& module) {
    static const std::set<std::string> kStandard{"__future__", "asyncio",   "datetime", "ipaddress", "json",
                                                 "math",       "os",        "pathlib",  "random",    "re",
                                                 "secrets",    "threading", "time",     "typing",    "uuid"};
    if (module.starts_with(".")) return Group::Local;
    const std::string top = module.substr(0, module.find('.'));
    return kStandard.count(top) != 0 ? Group::StandardLibrary : Group::ThirdParty;
}

// isort's order_by_type: CONSTANTS, then Classes, then functions and variables.
int kindOf(const std::string& name) {
    const bool upperFirst = !name.empty() && name.front() >= 'A' && name.front() <= 'Z';
    const bool allUpper = std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (upperFirst && allUpper && name.size() > 1) return 0;
    return upperFirst ? 1 : 2;
}

std::string lowered(const std::string& name) {
    std::string out = name;
    for (char& c : out)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

}  // namespace

void PythonImports::module(const std::string& name) {
    modules_.insert(name);
}

void PythonImports::from(const std::string& module, const std::string& name) {
    names_[module].insert(name);
}

void PythonImports::merge(const PythonImports& other) {
    modules_.insert(other.modules_.begin(), other.modules_.end());
    for (const auto& [module, names] : other.names_)
        names_[module].insert(names.begin(), names.end());
}

std::set<std::string> PythonImports::namesFrom(const std::string& module) const {
    const auto it = names_.find(module);
    return it == names_.end() ? std::set<std::string>() : it->second;
}

void PythonImports::write(PySource& source) const {
    bool firstGroup = true;
    for (const Group group : {Group::StandardLibrary, Group::ThirdParty, Group::Local}) {
        bool any = false;
        const auto startGroup = [&] {
            if (!any && !firstGroup) source.blank();
            any = true;
        };
        for (const std::string& m : modules_) {
            if (groupOf(m) != group) continue;
            startGroup();
            source.line("import " + m);
        }
        for (const auto& [m, names] : names_) {
            if (groupOf(m) != group) continue;
            startGroup();
            std::vector<std::string> sorted(names.begin(), names.end());
            std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
                if (kindOf(a) != kindOf(b)) return kindOf(a) < kindOf(b);
                return lowered(a) < lowered(b);  // isort compares names case-insensitively
            });
            std::string line = "from " + m + " import ";
            for (std::size_t i = 0; i < sorted.size(); ++i)
                line += (i > 0 ? ", " : "") + sorted[i];
            if (columns(line) <= 88) {
                source.line(line);
                continue;
            }
            // Too long: one name a line with a trailing comma, which black keeps as it is.
            source.line("from " + m + " import (");
            source.indent();
            for (const std::string& name : sorted)
                source.line(name + ",");
            source.dedent();
            source.line(")");
        }
        if (any) firstGroup = false;
    }
}

}  // namespace loadstar::codegen
