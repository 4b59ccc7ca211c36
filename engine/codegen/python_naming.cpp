#include "engine/codegen/python_naming.h"

#include "engine/codegen/python_names.h"

namespace loadstar::codegen {

namespace {

using model::TypeKind;
using model::TypeSpec;

// BaseModel's own attributes in Pydantic 1 and 2: a field of that name would
// shadow a method (Pydantic 1 refuses such a model).
const std::set<std::string>& baseModelAttributes() {
    static const std::set<std::string> names{
        "APIKeyCookie", "APIKeyQuery",     "Body",          "Config",
        "construct",    "Cookie",          "cookie_values", "copy",
        "dict",         "document_models", "fields",        "formatted_text",
        "from_orm",     "header_values",   "HTTPBasic",     "HTTPBasicCredentials",
        "IPv4Address",  "IPv6Address",     "json",          "parse_file",
        "parse_obj",    "parse_raw",       "query_values",  "schema",
        "schema_json",  "tagged_union",    "unique_list",   "update_forward_refs",
        "validate"};
    return names;
}

bool usableAttribute(const std::string& name, const std::set<std::string>& reserved) {
    // Pydantic treats "_x" as private and reserves the "model_" namespace (Pydantic 2).
    return isPythonIdentifier(name) && name.front() != '_' && !name.starts_with("model_") &&
           baseModelAttributes().count(name) == 0 && reserved.count(name) == 0;
}

std::string attributeFor(const std::string& designName, const std::set<std::string>& reserved,
                         std::set<std::string>& used) {
    if (usableAttribute(designName, reserved) && used.count(designName) == 0) {
        used.insert(designName);
        return designName;
    }
    std::string base = snakeIdentifier(designName);
    if (base.starts_with("model_")) base = "field_" + base;
    while (!usableAttribute(base, reserved))
        base += "_";
    return uniqueName(base, used);
}

}  // namespace

const std::set<std::string>& PythonNaming::reservedModuleNames() {
    // What the generated modules import or define at the top level, and the builtins
    // the annotations use: a model, alias or function of the same name would shadow them.
    static const std::set<std::string> names{"Any",
                                             "AnyUrl",
                                             "APIKeyHeader",
                                             "BaseModel",
                                             "CORSMiddleware",
                                             "ClosedModel",
                                             "Depends",
                                             "Dict",
                                             "EmailStr",
                                             "FastAPI",
                                             "Field",
                                             "Flask",
                                             "HTTPAuthorizationCredentials",
                                             "HTTPBearer",
                                             "HTTPException",
                                             "Header",
                                             "JSONResponse",
                                             "List",
                                             "Literal",
                                             "MicroBatcher",
                                             "OpenModel",
                                             "Optional",
                                             "PYDANTIC_V2",
                                             "Path",
                                             "Query",
                                             "RESPONSES",
                                             "Request",
                                             "RequestValidationError",
                                             "Response",
                                             "Security",
                                             "StrictStr",
                                             "UUID",
                                             "Union",
                                             "ValidationError",
                                             "abort",
                                             "annotations",
                                             "app",
                                             "asyncio",
                                             "bool",
                                             "bounded_list",
                                             "burn_cpu",
                                             "compat",
                                             "confloat",
                                             "conint",
                                             "date",
                                             "datetime",
                                             "dict",
                                             "float",
                                             "g",
                                             "health",
                                             "inject_error",
                                             "int",
                                             "io_wait",
                                             "json",
                                             "jsonable_encoder",
                                             "list",
                                             "make_response",
                                             "math",
                                             "models",
                                             "object",
                                             "os",
                                             "random",
                                             "request",
                                             "resolve_forward_refs",
                                             "run_in_threadpool",
                                             "secrets",
                                             "settings",
                                             "str",
                                             "schema_extra",
                                             "text",
                                             "threading",
                                             "time",
                                             "type",
                                             "validate",
                                             "validate_request",
                                             "validation"};
    return names;
}

PythonNaming::PythonNaming(const model::Project& project) : project_(&project) {
    taken_ = reservedModuleNames();
    for (const model::Model& m : project.models) {
        if (classes_.count(m.name) != 0) continue;
        std::string base = className(m.name);
        if (taken_.count(base) != 0) base += "Model";  // "List" -> ListModel
        classes_[m.name] = uniqueName(base, taken_);
    }
    for (const model::Model& m : project.models) {
        for (const model::Field& f : m.fields)
            registerEnum(f.type, f.name);
    }
    for (const model::Endpoint& e : project.endpoints) {
        for (const model::Parameter& p : e.parameters)
            registerEnum(p.type, p.name);
        if (e.requestBody) registerEnum(e.requestBody->type, e.id);
        for (const model::Response& r : e.responses) {
            if (r.body) registerEnum(*r.body, e.id);
        }
    }

    // Field attributes must not shadow what a class body refers to: the modules'
    // names, the model classes and the aliases.
    for (const model::Model& m : project.models) {
        std::vector<PythonName>& names = fields_[&m];
        std::set<std::string> used;
        for (const model::Field& f : m.fields)
            names.push_back({attributeFor(f.name, taken_, used), f.name});
    }

    for (const model::Endpoint& e : project.endpoints) {
        functions_[&e] = uniqueName(snakeIdentifier(e.id.empty() ? e.method + " " + e.path : e.id), taken_);
    }
    for (const model::Endpoint& e : project.endpoints) {
        std::set<std::string> used;
        std::vector<PythonName>& names = parameters_[&e];
        for (const model::Parameter& p : e.parameters)
            names.push_back({attributeFor(p.name, taken_, used), p.name});
        std::string body = "body";
        while (used.count(body) != 0)
            body += "_";
        bodies_[&e] = body;
    }
}

void PythonNaming::registerEnum(const TypeSpec& type, std::string_view usedBy) {
    if (type.kind == TypeKind::Array && type.items) {
        registerEnum(*type.items, usedBy);
        return;
    }
    if (type.kind != TypeKind::Enum) return;
    for (const auto& [name, values] : enums_) {
        if (values == type.enumValues) return;
    }
    std::string base = className(usedBy);
    if (taken_.count(base) != 0) base += "Choice";
    enums_.emplace_back(uniqueName(base, taken_), type.enumValues);
}

std::string PythonNaming::modelClass(std::string_view modelName) const {
    const auto it = classes_.find(std::string(modelName));
    return it == classes_.end() ? std::string() : it->second;
}

std::string PythonNaming::enumAlias(const std::vector<Json>& values) const {
    for (const auto& [name, known] : enums_) {
        if (known == values) return name;
    }
    return {};
}

const std::vector<PythonName>& PythonNaming::fields(const model::Model& model) const {
    static const std::vector<PythonName> kNone;
    const auto it = fields_.find(&model);
    return it == fields_.end() ? kNone : it->second;
}

std::string PythonNaming::function(const model::Endpoint& endpoint) const {
    const auto it = functions_.find(&endpoint);
    return it == functions_.end() ? std::string() : it->second;
}

const std::vector<PythonName>& PythonNaming::parameters(const model::Endpoint& endpoint) const {
    static const std::vector<PythonName> kNone;
    const auto it = parameters_.find(&endpoint);
    return it == parameters_.end() ? kNone : it->second;
}

std::string PythonNaming::bodyArgument(const model::Endpoint& endpoint) const {
    const auto it = bodies_.find(&endpoint);
    return it == bodies_.end() ? std::string("body") : it->second;
}

}  // namespace loadstar::codegen
