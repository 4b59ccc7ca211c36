#pragma once

#include <string>
#include <string_view>

#include "engine/model/json.h"
#include "engine/model/project.h"
#include "engine/model/type_spec.h"

namespace loadstar::openapi {

// FastAPI prints schemas in two shapes, and we print them the same way so that a
// diff against a real FastAPI app shows only real differences:
// - components/schemas and response/body schemas go through FastAPI's own
//   OpenAPI models, which put keys in the order of the model's fields and turn
//   numeric bounds into floats ("minimum": 1.0);
// - parameter schemas come out as Pydantic generated them: constraints in
//   Pydantic's order, numbers as written, and "title" appended last by FastAPI.
enum class SchemaStyle { Component, Parameter };

// The schema with its keys in the style's order (unknown keys last, as they
// came) and its bounds spelled the style's way, recursively through subschemas
// but never into values such as "default", "enum" or "examples".
Json ordered(const Json& schema, SchemaStyle style);

// OpenAPI allows only [A-Za-z0-9._-] in component names; Pydantic replaces
// anything else with "_" in the same way.
std::string componentName(std::string_view modelName);
std::string schemaRef(std::string_view modelName);  // "#/components/schemas/<name>"

// The JSON Schema (OpenAPI 3.1) of a value type with only the constraints that
// apply to its kind (the design checks report the others); key order is left to
// ordered(). Nullable types get a type array (["string", "null"]) where they have
// a plain type, else an anyOf with {"type": "null"}; a tagged union a discriminator
// whose mapping lists every tag. A format Loadstar does not check is kept as given.
Json plainSchema(const model::Project& project, const model::TypeSpec& type);

}  // namespace loadstar::openapi
