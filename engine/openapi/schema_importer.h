#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/project.h"
#include "engine/model/type_spec.h"
#include "engine/openapi/import_context.h"

namespace loadstar::openapi::detail {

// The annotations a field or a parameter takes from its schema.
struct SchemaAnnotations {
    std::string description;
    std::optional<Json> defaultValue;  // a null default is no default
    std::optional<Json> example;
    std::string title;
};

// Whether the one asking for a type keeps the schema's annotations itself (a
// field or a parameter does; array items and bodies do not, so theirs are losses).
enum class Annotated { No, Yes };

// A schema that only accepts null ({type: null}, const null, an enum of null alone).
bool isNullSchema(const Json& schema);
// A schema that accepts null beside its own kind (3.0's nullable: true, 3.1's "null"
// in a type list).
bool declaresNull(const Json& schema);
// An object schema without properties whose values share one type (or any):
// additionalProperties -> Dict[str, X].
bool isMapSchema(const Json& schema);

// JSON Schema (OpenAPI's dialect, 3.0 or 3.1) -> the design's value types and
// models. Object schemas become models: those under components/schemas by their
// name, inline ones by a name taken from where they are used ("PetOwner",
// "CreatePetRequest"); allOf is merged into one model; references to scalar,
// enum, array or map schemas are written inline. Nullable schemas (3.0's nullable,
// 3.1's type lists, anyOf with null) are Optional, anyOf/oneOf a union (tagged by
// a discriminator over models), objects without properties maps, {} any value,
// const and one-value enums literals. What has no counterpart is reported keyword
// by keyword.
class SchemaImporter {
  public:
    explicit SchemaImporter(ImportContext& context) : context_(context) {}

    // Declares a model for every object schema under components/schemas (in the
    // document's order, used or not) and builds them.
    void importComponents();

    // Reports what becomes of the named schemas that are not objects (scalars,
    // enums, arrays): written inline where used, or not kept when unused. Call
    // after everything that may use them is imported.
    void reportNamedTypes();

    // The type of a schema; nullopt when the design cannot hold it (the loss is
    // reported). `nameHint` names a model made from an inline object schema.
    std::optional<model::TypeSpec> type(const Place& schema, const std::string& nameHint,
                                        Annotated annotated);

    // The description, default, example and title a field or parameter takes
    // from its schema (3.1 allows them beside a $ref).
    SchemaAnnotations annotations(const Place& schema);

    // After everything is imported (the models built): drops discriminators whose
    // models carry no text tag field (reported), and the mapping entries the models
    // say anyway (a tag field's literal, or the model's name), as the design keeps them.
    void finishDiscriminators();

    // PascalCase of a name's words: "create_pet" -> "CreatePet".
    static std::string pascalCase(std::string_view text);

  private:
    using PlaceKey = std::pair<std::size_t, std::string>;

    struct Flattened {
        std::vector<Place> parts;  // object schemas whose properties make up the model, outermost first
        bool complete = true;      // false when a part could not be read (reported)
    };

    // schema_importer.cpp
    std::optional<model::TypeSpec> convert(const Place& schema, const std::string& nameHint,
                                           Annotated annotated);
    std::optional<model::TypeSpec> referenced(const Place& schema, const std::string& nameHint,
                                              Annotated annotated);
    std::optional<model::TypeSpec> intersection(const Place& schema, const std::string& nameHint,
                                                Annotated annotated);
    std::optional<model::TypeSpec> enumeration(const Place& schema, std::set<std::string>& used);
    std::optional<model::TypeSpec> byKind(const Place& schema, const std::string& kind,
                                          const std::string& nameHint, std::set<std::string>& used);
    std::optional<model::TypeSpec> severalKinds(const Place& schema, const std::vector<std::string>& kinds,
                                                const std::string& nameHint, std::set<std::string>& used);
    void stringConstraints(const Place& schema, model::Constraints& c, std::set<std::string>& used);
    void numberConstraints(const Place& schema, model::Constraints& c, std::set<std::string>& used);
    void otherFormat(const Place& schema, model::Constraints& c);
    void reportUnused(const Place& schema, const std::set<std::string>& used, Annotated annotated);

    // schema_unions.cpp
    std::optional<model::TypeSpec> alternatives(const Place& schema, const std::string& nameHint);
    std::optional<model::Discriminator> discriminator(const Place& schema, const model::TypeSpec& unionType,
                                                      const std::vector<std::string>& refs);
    void finishDiscriminators(model::TypeSpec& type);
    static std::string discriminatorKey(const std::string& property, const model::TypeSpec& unionType);

    // schema_models.cpp
    bool objectLike(const Place& schema, int depth = 0);
    std::string modelFor(const Place& objectSchema, const std::string& nameHint);
    void buildModel(std::size_t index, const Place& objectSchema);
    Flattened flatten(const Place& schema);
    void flattenInto(const Place& schema, Flattened& out, std::set<PlaceKey>& seen);
    void addFields(model::Model& model, const Place& part, const std::set<std::string>& required);
    std::string uniqueModelName(const std::string& wanted);
    std::string componentModelName(const std::string& key, const Json& schema) const;

    ImportContext& context_;
    std::map<PlaceKey, std::string> modelsByPlace_;
    std::set<std::string> modelNames_;
    std::set<PlaceKey> inlining_;    // $ref targets being written inline: a cycle among them has no type
    std::set<PlaceKey> inlined_;     // $ref targets written inline at least once
    std::vector<Place> namedTypes_;  // components/schemas that are not objects (written inline where used)
    std::set<std::string> dropped_;  // "Model/field" of properties not kept
    std::map<std::string, Place> discriminatorPlaces_;  // discriminatorKey -> where it was written
    std::set<std::string> reportedDiscriminators_;
    int depth_ = 0;
};

}  // namespace loadstar::openapi::detail
