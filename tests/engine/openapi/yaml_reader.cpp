#include "engine/openapi/yaml_reader.h"

#include <cstdint>
#include <limits>
#include <regex>

#include <yaml-cpp/yaml.h>

namespace loadstar::openapi::testing {

namespace {

Json resolvePlain(const std::string& text) {
    static const std::regex kNull("~|null|Null|NULL");
    static const std::regex kTrue("true|True|TRUE");
    static const std::regex kFalse("false|False|FALSE");
    static const std::regex kInt("[-+]?[0-9]+");
    static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    static const std::regex kYaml11Typed(
        R"(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<)"
        R"(|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*)"
        R"(|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)"
        R"(|[-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+][0-9]+)?)"
        R"(|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"
        R"(|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)");
    if (text.empty() || std::regex_match(text, kNull)) return nullptr;
    if (std::regex_match(text, kTrue)) return true;
    if (std::regex_match(text, kFalse)) return false;
    if (std::regex_match(text, kInt)) {
        if (text.front() == '-') return std::stoll(text);
        const unsigned long long value = std::stoull(text);
        if (value <= static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
            return static_cast<std::int64_t>(value);
        }
        return value;
    }
    if (std::regex_match(text, kFloat)) return std::stod(text);
    if (std::regex_match(text, kYaml11Typed)) return Json{{"yaml-1.1-typed", text}};
    return text;
}

Json toJson(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
            return node.Tag() == "?" ? resolvePlain(node.Scalar()) : Json(node.Scalar());
        case YAML::NodeType::Sequence: {
            Json array = Json::array();
            for (const YAML::Node& element : node)
                array.push_back(toJson(element));
            return array;
        }
        case YAML::NodeType::Map: {
            Json object = Json::object();
            for (const auto& entry : node)
                object[entry.first.Scalar()] = toJson(entry.second);
            return object;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return nullptr;
}

}  // namespace

Json parseYaml(const std::string& text) {
    return toJson(YAML::Load(text));
}

}  // namespace loadstar::openapi::testing
