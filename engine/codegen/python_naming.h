#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// A design name as Python spells it: `attribute` is what the code uses; when it
// differs from the design's name, the design's name becomes the alias (so JSON keys,
// query keys and error locations keep the design's spelling).
struct PythonName {
    std::string attribute;
    std::string designName;
    bool aliased() const { return attribute != designName; }
};

// The Python names of one design, chosen once so that every module agrees: model
// classes, the Literal aliases of enums (named after the first field or parameter
// that uses them), field attributes and endpoint function names. Names never
// collide with each other, with Python keywords, with what the generated modules
// import or define, or with Pydantic's own BaseModel attributes.
class PythonNaming {
  public:
    explicit PythonNaming(const model::Project& project);
    const model::Project& project() const { return *project_; }

    // The class of a design model; empty for a model the project lacks.
    std::string modelClass(std::string_view modelName) const;
    // The alias for an enum's values (every enum in the design has one).
    std::string enumAlias(const std::vector<Json>& values) const;
    const std::vector<std::pair<std::string, std::vector<Json>>>& enumAliases() const { return enums_; }

    // The attributes of a model's fields, in field order.
    const std::vector<PythonName>& fields(const model::Model& model) const;
    // An endpoint's view function.
    std::string function(const model::Endpoint& endpoint) const;
    // The argument names of an endpoint's parameters (in parameter order) and of its body.
    const std::vector<PythonName>& parameters(const model::Endpoint& endpoint) const;
    std::string bodyArgument(const model::Endpoint& endpoint) const;
    // Every top-level name taken so far (modules' names, classes, aliases, functions).
    const std::set<std::string>& taken() const { return taken_; }

    // Names every generated module imports or defines at the top level.
    static const std::set<std::string>& reservedModuleNames();

  private:
    void registerEnum(const model::TypeSpec& type, std::string_view usedBy);

    const model::Project* project_;
    std::set<std::string> taken_;  // top-level names of the models module
    std::map<std::string, std::string> classes_;
    std::vector<std::pair<std::string, std::vector<Json>>> enums_;
    std::map<const model::Model*, std::vector<PythonName>> fields_;
    std::map<const model::Endpoint*, std::string> functions_;
    std::map<const model::Endpoint*, std::vector<PythonName>> parameters_;
    std::map<const model::Endpoint*, std::string> bodies_;
};

}  // namespace loadstar::codegen
