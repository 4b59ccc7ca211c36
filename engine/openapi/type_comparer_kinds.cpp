// TypeComparer's rules for the kinds real APIs added: nullable values, unions (and
// the tags of tagged ones), literals and formats Loadstar keeps without checking.
#include <algorithm>
#include <map>

#include "engine/model/discriminator.h"
#include "engine/openapi/type_comparer.h"

namespace loadstar::openapi::detail {

using model::TypeKind;
using model::TypeSpec;

namespace {

// Two alternatives of a union are the same one when they have the same kind and,
// for models and literals, name the same model or value.
bool sameAlternative(const TypeSpec& a, const TypeSpec& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == TypeKind::Object) return a.modelRef == b.modelRef;
    if (a.kind == TypeKind::Literal) return a.literalValue() == b.literalValue();
    return true;
}

bool literalOf(const TypeSpec& literal, TypeKind kind) {
    const Json& value = literal.literalValue();
    switch (kind) {
        case TypeKind::String:
            return value.is_string();
        case TypeKind::Integer:
            return value.is_number_integer();
        case TypeKind::Number:
            return value.is_number();
        case TypeKind::Boolean:
            return value.is_boolean();
        default:
            return false;
    }
}

}  // namespace

bool accepts(const TypeSpec& wide, const TypeSpec& narrow) {
    if (wide.kind == TypeKind::Any) return narrow.kind != TypeKind::Any;
    if (wide.kind == TypeKind::Union && narrow.kind != TypeKind::Union) {
        return std::any_of(wide.variants.begin(), wide.variants.end(), [&](const TypeSpec& v) {
            return sameAlternative(v, narrow) || accepts(v, narrow);
        });
    }
    if (narrow.kind == TypeKind::Literal) {
        if (wide.kind == TypeKind::Enum) {
            return std::find(wide.enumValues.begin(), wide.enumValues.end(), narrow.literalValue()) !=
                   wide.enumValues.end();
        }
        return literalOf(narrow, wide.kind);
    }
    return false;
}

void TypeComparer::compareNullable(const TypeSpec& before, const TypeSpec& after, Direction direction,
                                   const Subject& subject, Found& found) {
    const bool now = after.nullable;
    const bool request = direction == Direction::Request;
    const std::string text = now ? (request ? ": null is now accepted" : ": may now be null")
                                 : (request ? ": null is no longer accepted" : ": is no longer null");
    // A request that may send null is looser; a response that may carry null surprises clients.
    found.push_back(
        add(now ? loosened(direction) : tightened(direction),
            std::string(directionName(direction)) + (now ? "-became-nullable" : "-became-not-nullable"),
            subject.name + text, subject.oldPointer, subject.newPointer));
    (void)before;
}

void TypeComparer::compareUnions(const TypeSpec& before, const TypeSpec& after, Direction direction,
                                 const Subject& subject, Found& found) {
    const std::string dir = directionName(direction);
    std::vector<bool> matched(after.variants.size(), false);
    for (const TypeSpec& old : before.variants) {
        std::optional<std::size_t> same;
        for (std::size_t j = 0; j < after.variants.size() && !same; ++j) {
            if (!matched[j] && sameAlternative(old, after.variants[j])) same = j;
        }
        if (!same) {
            // Requests of that shape are refused now; responses no longer carry it.
            found.push_back(add(tightened(direction), dir + "-union-alternative-removed",
                                subject.name + ": the alternative " + model::describe(old) + " was removed",
                                subject.oldPointer, subject.newPointer));
            continue;
        }
        matched[*same] = true;
        const TypeSpec& now = after.variants[*same];
        const Subject alternative{"alternative " + model::describe(now) + " of " + subject.name,
                                  subject.oldPointer, subject.newPointer};
        const Found nested = compare(old, now, direction, alternative);
        found.insert(found.end(), nested.begin(), nested.end());
    }
    for (std::size_t j = 0; j < after.variants.size(); ++j) {
        if (matched[j]) continue;
        // A response may now be of a shape clients do not know.
        found.push_back(
            add(loosened(direction), dir + "-union-alternative-added",
                subject.name + ": the alternative " + model::describe(after.variants[j]) + " was added",
                subject.oldPointer, subject.newPointer));
    }
    compareTags(before, after, direction, subject, found);
}

void TypeComparer::compareTags(const TypeSpec& before, const TypeSpec& after, Direction direction,
                               const Subject& subject, Found& found) {
    const std::string dir = directionName(direction);
    if (!before.discriminator && !after.discriminator) return;
    if (!before.discriminator || !after.discriminator) {
        const bool added = after.discriminator.has_value();
        const std::string& property = added ? after.discriminator->property : before.discriminator->property;
        // Tagged, a value must carry a known tag: tighter for requests.
        found.push_back(add(added ? tightened(direction) : loosened(direction),
                            dir + (added ? "-discriminator-added" : "-discriminator-removed"),
                            subject.name + ": the discriminator " + property +
                                (added ? " was added (the tag now chooses the model)" : " was removed"),
                            subject.oldPointer, subject.newPointer));
        return;
    }
    if (before.discriminator->property != after.discriminator->property) {
        found.push_back(add(ChangeClass::Breaking, dir + "-discriminator-property-changed",
                            subject.name + ": the discriminator changed from " +
                                before.discriminator->property + " to " + after.discriminator->property,
                            subject.oldPointer, subject.newPointer));
        return;
    }
    const auto tags = [](const model::Project& project, const TypeSpec& type) {
        std::map<std::string, std::string> out;
        for (const model::DiscriminatorTag& tag : model::discriminatorTags(project, type))
            out.emplace(tag.tag, type.variants[tag.variant].modelRef);
        return out;
    };
    const std::map<std::string, std::string> old = tags(before_, before);
    const std::map<std::string, std::string> now = tags(after_, after);
    for (const auto& [tag, model] : old) {
        const auto kept = now.find(tag);
        if (kept == now.end()) {
            found.push_back(add(tightened(direction), dir + "-discriminator-tag-removed",
                                subject.name + ": the tag " + tag + " (" + model + ") was removed",
                                subject.oldPointer, subject.newPointer));
        } else if (kept->second != model) {
            found.push_back(
                add(ChangeClass::Breaking, dir + "-discriminator-tag-changed",
                    subject.name + ": the tag " + tag + " now chooses " + kept->second + ", not " + model,
                    subject.oldPointer, subject.newPointer));
        }
    }
    for (const auto& [tag, model] : now) {
        if (old.contains(tag)) continue;
        found.push_back(add(loosened(direction), dir + "-discriminator-tag-added",
                            subject.name + ": the tag " + tag + " (" + model + ") was added",
                            subject.oldPointer, subject.newPointer));
    }
}

void TypeComparer::compareOtherFormats(const TypeSpec& before, const TypeSpec& after, Direction direction,
                                       const Subject& subject, Found& found) {
    const std::string& from = before.constraints.otherFormat;
    const std::string& to = after.constraints.otherFormat;
    if (from == to) return;
    const std::string dir = directionName(direction);
    // Loadstar does not check these formats, but the contract declares them: clients
    // and generated code rely on them (an int64 that becomes an int32).
    if (from.empty()) {
        found.push_back(add(tightened(direction), dir + "-format-added",
                            subject.name + ": format " + to + " added (not checked by Loadstar)",
                            subject.oldPointer, subject.newPointer));
    } else if (to.empty()) {
        found.push_back(add(loosened(direction), dir + "-format-removed",
                            subject.name + ": format " + from + " removed (not checked by Loadstar)",
                            subject.oldPointer, subject.newPointer));
    } else {
        found.push_back(
            add(ChangeClass::Breaking, dir + "-format-changed",
                subject.name + ": format changed from " + from + " to " + to + " (not checked by Loadstar)",
                subject.oldPointer, subject.newPointer));
    }
}

}  // namespace loadstar::openapi::detail
