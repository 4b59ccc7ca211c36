#include "engine/codegen/python_types.h"

#include "engine/codegen/python_names.h"
#include "engine/model/discriminator.h"

namespace loadstar::codegen {

using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

bool hasPattern(const TypeSpec& type) {
    return type.kind == TypeKind::String && type.constraints.format == StringFormat::None &&
           type.constraints.pattern.has_value();
}

namespace {

std::vector<PyExpr> numericBounds(const model::Constraints& c) {
    std::vector<PyExpr> out;
    if (c.gt) out.push_back(PyExpr::atom(pythonNumber(*c.gt)).keyword("gt"));
    if (c.ge) out.push_back(PyExpr::atom(pythonNumber(*c.ge)).keyword("ge"));
    if (c.lt) out.push_back(PyExpr::atom(pythonNumber(*c.lt)).keyword("lt"));
    if (c.le) out.push_back(PyExpr::atom(pythonNumber(*c.le)).keyword("le"));
    if (c.multipleOf) out.push_back(PyExpr::atom(pythonNumber(*c.multipleOf)).keyword("multiple_of"));
    return out;
}

std::vector<PyExpr> lengths(const model::Constraints& c) {
    std::vector<PyExpr> out;
    if (c.minLength) out.push_back(PyExpr::atom(std::to_string(*c.minLength)).keyword("min_length"));
    if (c.maxLength) out.push_back(PyExpr::atom(std::to_string(*c.maxLength)).keyword("max_length"));
    return out;
}

}  // namespace

std::string TypeAliases::alias(const PyExpr& definition, const std::string& usedBy,
                               const PythonImports& imports) {
    const std::string key = definition.flat();
    for (const Alias& a : aliases_) {
        if (a.definition.flat() == key) return a.name;
    }
    std::string base = className(usedBy);
    if (taken_.count(base) != 0) base += "Type";
    aliases_.push_back(Alias{uniqueName(base, taken_), definition, imports});
    return aliases_.back().name;
}

PythonTypes::PythonTypes(const PythonNaming& naming, TypeAliases& aliases, PythonImports& imports,
                         std::string compatModule, std::string modelsModule)
    : naming_(naming),
      aliases_(aliases),
      imports_(imports),
      compat_(std::move(compatModule)),
      models_(std::move(modelsModule)) {}

PyExpr PythonTypes::hoisted(const TypeSpec& type, ValueSource source, bool topLevel,
                            const std::string& usedBy, const std::set<std::string>& forward) {
    PythonImports scratch;
    PythonTypes probe(naming_, aliases_, scratch, compat_, "");
    const PyExpr definition = probe.annotation(type, source, topLevel, forward);
    if (definition.flat().find('(') == std::string::npos || probe.referencedClass_)
        return annotation(type, source, topLevel, forward);
    return PyExpr::atom(useModel(aliases_.alias(definition, usedBy, scratch)));
}

std::string PythonTypes::useModel(const std::string& name) {
    if (!models_.empty() && !name.empty()) imports_.from(models_, name);
    return name;
}

std::string PythonTypes::useCompat(const std::string& name) {
    imports_.from(compat_, name);
    return name;
}

PyExpr PythonTypes::optional(PyExpr inner) {
    // Nullable already, or Any (which takes None too).
    if (inner.flat().rfind("Optional[", 0) == 0 || inner.flat() == "Any") return inner;
    imports_.from("typing", "Optional");
    return PyExpr::subscript("Optional", {std::move(inner)});
}

PyExpr PythonTypes::annotation(const TypeSpec& type, ValueSource source, bool topLevel,
                               const std::set<std::string>& forward) {
    if (type.nullable) {
        TypeSpec present = type;
        present.nullable = false;
        return optional(annotation(present, source, topLevel, forward));
    }
    switch (type.kind) {
        case TypeKind::String:
            return stringAnnotation(type, source, topLevel);
        case TypeKind::Integer:
            return numberAnnotation(type, topLevel, true);
        case TypeKind::Number:
            return numberAnnotation(type, topLevel, false);
        case TypeKind::Boolean:
            return PyExpr::atom("bool");
        case TypeKind::Enum:
            return PyExpr::atom(useModel(naming_.enumAlias(type.enumValues)));
        case TypeKind::Object: {
            const std::string name = naming_.modelClass(type.modelRef);
            if (name.empty()) {
                // A reference the design check reports; any JSON object passes.
                imports_.from("typing", "Any");
                imports_.from("typing", "Dict");
                return PyExpr::subscript("Dict", {PyExpr::atom("str"), PyExpr::atom("Any")});
            }
            referencedClass_ = true;
            if (forward.count(name) != 0) return PyExpr::atom(pythonString(name));
            return PyExpr::atom(useModel(name));
        }
        case TypeKind::Array:
            return arrayAnnotation(type, source, forward);
        case TypeKind::Map: {
            imports_.from("typing", "Dict");
            PyExpr value = type.items ? annotation(*type.items, source, false, forward) : PyExpr::atom("Any");
            if (!type.items) imports_.from("typing", "Any");
            return PyExpr::subscript("Dict", {PyExpr::atom("str"), std::move(value)});
        }
        case TypeKind::Union:
            return unionAnnotation(type, source, forward);
        case TypeKind::Literal:
            imports_.from("typing", "Literal");
            return PyExpr::subscript("Literal", {PyExpr::atom(pythonLiteral(type.literalValue()))});
        case TypeKind::Any:
            imports_.from("typing", "Any");
            return PyExpr::atom("Any");
    }
    return PyExpr::atom("object");
}

PyExpr PythonTypes::stringAnnotation(const TypeSpec& type, ValueSource source, bool topLevel) {
    const model::Constraints& c = type.constraints;
    switch (c.format) {
        case StringFormat::Email:
            imports_.from("pydantic", "EmailStr");
            return PyExpr::atom("EmailStr");
        case StringFormat::Uuid:
            imports_.from("uuid", "UUID");
            return PyExpr::atom("UUID");
        case StringFormat::DateTime:
            imports_.from("datetime", "datetime");
            return PyExpr::atom("datetime");
        case StringFormat::Date:
            imports_.from("datetime", "date");
            return PyExpr::atom("date");
        case StringFormat::Uri:
            imports_.from("pydantic", "AnyUrl");
            return PyExpr::atom("AnyUrl");
        case StringFormat::Time:
            imports_.from("datetime", "time");
            return PyExpr::atom("time");
        case StringFormat::Ipv4:
            imports_.from("ipaddress", "IPv4Address");
            return PyExpr::atom("IPv4Address");
        case StringFormat::Ipv6:
            imports_.from("ipaddress", "IPv6Address");
            return PyExpr::atom("IPv6Address");
        case StringFormat::Hostname:
        case StringFormat::Byte:
        case StringFormat::Binary: {
            // Every bound goes into the type: byte and binary lengths count bytes.
            std::vector<PyExpr> arguments{PyExpr::atom(pythonString(model::toString(c.format)))};
            for (PyExpr& bound : lengths(c))
                arguments.push_back(std::move(bound));
            if (c.pattern) arguments.push_back(PyExpr::atom(pythonPattern(*c.pattern)).keyword("pattern"));
            return PyExpr::call(useCompat("formatted_text"), std::move(arguments));
        }
        case StringFormat::None:
            break;
    }
    if (c.pattern || (!topLevel && (c.minLength || c.maxLength))) {
        std::vector<PyExpr> arguments = lengths(c);
        if (c.pattern) arguments.push_back(PyExpr::atom(pythonPattern(*c.pattern)).keyword("pattern"));
        return PyExpr::call(useCompat("text"), std::move(arguments));
    }
    if (source == ValueSource::Parameter) return PyExpr::atom("str");
    imports_.from("pydantic", "StrictStr");
    return PyExpr::atom("StrictStr");
}

PyExpr PythonTypes::arrayAnnotation(const TypeSpec& type, ValueSource source,
                                    const std::set<std::string>& forward) {
    PyExpr item = type.items ? annotation(*type.items, source, false, forward) : PyExpr::atom("Any");
    if (!type.items) imports_.from("typing", "Any");
    const model::Constraints& c = type.constraints;
    if (!c.minItems && !c.maxItems && !c.uniqueItems) {
        imports_.from("typing", "List");
        return PyExpr::subscript("List", {std::move(item)});
    }
    std::vector<PyExpr> arguments{std::move(item)};
    if (c.minItems) arguments.push_back(PyExpr::atom(std::to_string(*c.minItems)).keyword("min_length"));
    if (c.maxItems) arguments.push_back(PyExpr::atom(std::to_string(*c.maxItems)).keyword("max_length"));
    return PyExpr::call(useCompat(c.uniqueItems ? "unique_list" : "bounded_list"), std::move(arguments));
}

// An untagged union is typing's Union (Pydantic's smart union in version 2); a
// tagged one compat.tagged_union with the design's tags, which both versions
// validate the same way.
PyExpr PythonTypes::unionAnnotation(const TypeSpec& type, ValueSource source,
                                    const std::set<std::string>& forward) {
    if (type.discriminator) {
        PyExpr mapping;
        mapping.open = '{';
        for (const model::DiscriminatorTag& tag : model::discriminatorTags(naming_.project(), type)) {
            mapping.items.push_back(
                annotation(type.variants[tag.variant], source, false, forward).entry(pythonString(tag.tag)));
        }
        if (!mapping.items.empty()) {
            return PyExpr::call(
                useCompat("tagged_union"),
                {PyExpr::atom(pythonString(type.discriminator->property)), std::move(mapping)});
        }
    }
    std::vector<PyExpr> variants;
    for (const TypeSpec& variant : type.variants)
        variants.push_back(annotation(variant, source, false, forward));
    if (variants.empty()) {
        imports_.from("typing", "Any");
        return PyExpr::atom("Any");
    }
    if (variants.size() == 1) return std::move(variants.front());
    imports_.from("typing", "Union");
    return PyExpr::subscript("Union", std::move(variants));
}

PyExpr PythonTypes::numberAnnotation(const TypeSpec& type, bool topLevel, bool integer) {
    std::vector<PyExpr> bounds = numericBounds(type.constraints);
    if (topLevel || bounds.empty()) return PyExpr::atom(integer ? "int" : "float");
    const std::string function = integer ? "conint" : "confloat";
    imports_.from("pydantic", function);
    return PyExpr::call(function, std::move(bounds));
}

std::vector<PyExpr> PythonTypes::fieldConstraints(const TypeSpec& type) {
    std::vector<PyExpr> out;
    switch (type.kind) {
        case TypeKind::Integer:
        case TypeKind::Number:
            out = numericBounds(type.constraints);
            break;
        case TypeKind::String:
            if (type.constraints.format == StringFormat::None && !type.constraints.pattern)
                out = lengths(type.constraints);
            break;
        default:
            break;
    }
    if (!type.constraints.otherFormat.empty()) {
        // Declared, not checked (as the embedded server does).
        out.push_back(PyExpr::atom(
            "**" + PyExpr::call(useCompat("schema_extra"),
                                {PyExpr::atom(pythonString(type.constraints.otherFormat)).keyword("format")})
                       .flat()));
    }
    return out;
}

std::vector<std::string> PythonTypes::unenforced(const TypeSpec& type) {
    std::vector<std::string> out;
    const model::Constraints& c = type.constraints;
    if (!c.otherFormat.empty())
        out.push_back("the format " + c.otherFormat + " is not checked (nor by the embedded server)");
    for (const TypeSpec& variant : type.variants) {
        for (std::string& note : unenforced(variant))
            out.push_back(std::move(note));
    }
    if ((type.kind == TypeKind::Array || type.kind == TypeKind::Map) && type.items) {
        for (std::string& note : unenforced(*type.items))
            out.push_back(std::move(note));
        return out;
    }
    const bool typed = c.format != StringFormat::None && c.format != StringFormat::Hostname &&
                       c.format != StringFormat::Byte && c.format != StringFormat::Binary;
    if (type.kind != TypeKind::String || !typed) return out;
    const std::string format = model::toString(c.format);
    if (c.minLength) out.push_back("min_length on a " + format + " string");
    if (c.maxLength) out.push_back("max_length on a " + format + " string");
    if (c.pattern) out.push_back("pattern on a " + format + " string");
    return out;
}

}  // namespace loadstar::codegen
