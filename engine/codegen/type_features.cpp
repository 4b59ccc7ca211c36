#include "engine/codegen/type_features.h"

namespace loadstar::codegen {

namespace {

using model::StringFormat;
using model::TypeKind;

void scan(const model::TypeSpec& type, TypeFeatures& out) {
    const model::Constraints& c = type.constraints;
    out.email = out.email || (type.kind == TypeKind::String && c.format == StringFormat::Email);
    out.checkedFormats =
        out.checkedFormats || (type.kind == TypeKind::String &&
                               (c.format == StringFormat::Hostname || c.format == StringFormat::Byte ||
                                c.format == StringFormat::Binary));
    out.taggedUnion = out.taggedUnion || (type.kind == TypeKind::Union && type.discriminator);
    out.untaggedUnion = out.untaggedUnion || (type.kind == TypeKind::Union && !type.discriminator);
    out.uniqueItems = out.uniqueItems || (type.kind == TypeKind::Array && c.uniqueItems);
    out.nullable = out.nullable || type.nullable;
    out.otherFormat = out.otherFormat || !c.otherFormat.empty();
    if (type.items) scan(*type.items, out);
    for (const model::TypeSpec& variant : type.variants)
        scan(variant, out);
}

}  // namespace

TypeFeatures typeFeatures(const model::Project& project) {
    TypeFeatures out;
    for (const model::Model& m : project.models) {
        for (const model::Field& f : m.fields)
            scan(f.type, out);
    }
    for (const model::Endpoint& e : project.endpoints) {
        for (const model::Parameter& p : e.parameters)
            scan(p.type, out);
        if (e.requestBody) scan(e.requestBody->type, out);
        for (const model::Response& r : e.responses) {
            if (r.body) scan(*r.body, out);
        }
    }
    return out;
}

}  // namespace loadstar::codegen
