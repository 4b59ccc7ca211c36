#include "engine/openapi/type_comparer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

namespace loadstar::openapi::detail {

using model::Constraints;
using model::TypeKind;
using model::TypeSpec;

namespace {

std::string number(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15) {
        return std::to_string(static_cast<long long>(value));
    }
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

// A bound as the client sees it: a value and whether the value itself is excluded.
struct Bound {
    double value = 0;
    bool exclusive = false;
    std::string text() const { return (exclusive ? "> " : ">= ") + number(value); }
    std::string upperText() const { return (exclusive ? "< " : "<= ") + number(value); }
};

// The effective lower bound; for integers, > 0 is the same as >= 1.
std::optional<Bound> lowerBound(const Constraints& c, bool integer) {
    std::optional<Bound> bound;
    if (c.ge) bound = Bound{*c.ge, false};
    if (c.gt && (!bound || *c.gt >= bound->value)) bound = Bound{*c.gt, true};
    if (bound && integer)
        bound = Bound{bound->exclusive ? std::floor(bound->value) + 1 : std::ceil(bound->value), false};
    return bound;
}

std::optional<Bound> upperBound(const Constraints& c, bool integer) {
    std::optional<Bound> bound;
    if (c.le) bound = Bound{*c.le, false};
    if (c.lt && (!bound || *c.lt <= bound->value)) bound = Bound{*c.lt, true};
    if (bound && integer)
        bound = Bound{bound->exclusive ? std::ceil(bound->value) - 1 : std::floor(bound->value), false};
    return bound;
}

bool isStringEnum(const TypeSpec& type) {
    return type.kind == TypeKind::Enum && std::all_of(type.enumValues.begin(), type.enumValues.end(),
                                                      [](const Json& v) { return v.is_string(); });
}

bool isIntegerEnum(const TypeSpec& type) {
    return type.kind == TypeKind::Enum && std::all_of(type.enumValues.begin(), type.enumValues.end(),
                                                      [](const Json& v) { return v.is_number_integer(); });
}

std::string kindName(const TypeSpec& type) {
    return model::describe(type);
}

}  // namespace

ChangeClass tightened(Direction direction) {
    return direction == Direction::Request ? ChangeClass::Breaking : ChangeClass::NonBreaking;
}

ChangeClass loosened(Direction direction) {
    return direction == Direction::Request ? ChangeClass::NonBreaking : ChangeClass::Breaking;
}

const char* directionName(Direction direction) {
    return direction == Direction::Request ? "request" : "response";
}

std::size_t TypeComparer::add(ChangeClass kind, std::string id, std::string message, std::string oldPointer,
                              std::string newPointer) {
    changes_.push_back(
        Change{kind, std::move(id), std::move(message), std::move(oldPointer), std::move(newPointer), {}});
    return changes_.size() - 1;
}

std::vector<std::size_t> TypeComparer::compare(const TypeSpec& before, const TypeSpec& after,
                                               Direction direction, const Subject& subject) {
    Found found;
    if (before.nullable != after.nullable) compareNullable(before, after, direction, subject, found);
    if (before.nullable || after.nullable) {
        // The rest compares what both accept besides null.
        TypeSpec a = before;
        TypeSpec b = after;
        a.nullable = b.nullable = false;
        const Found rest = compare(a, b, direction, subject);
        found.insert(found.end(), rest.begin(), rest.end());
        return found;
    }
    if (kindChange(before, after, direction, subject, found)) return found;
    switch (after.kind) {
        case TypeKind::Object: {
            const Found nested = compareModels(before.modelRef, after.modelRef, direction);
            found.insert(found.end(), nested.begin(), nested.end());
            break;
        }
        case TypeKind::Array:
        case TypeKind::Map:
            if (before.items && after.items) {
                const Subject items{(after.kind == TypeKind::Map ? "values of " : "items of ") + subject.name,
                                    subject.oldPointer, subject.newPointer};
                const Found nested = compare(*before.items, *after.items, direction, items);
                found.insert(found.end(), nested.begin(), nested.end());
            }
            compareConstraints(before, after, direction, subject, found);
            break;
        case TypeKind::Enum:
            compareEnums(before, after, direction, subject, found);
            break;
        case TypeKind::Union:
            compareUnions(before, after, direction, subject, found);
            break;
        case TypeKind::Literal:
            if (before.literalValue() != after.literalValue()) {
                found.push_back(add(ChangeClass::Breaking,
                                    std::string(directionName(direction)) + "-literal-changed",
                                    subject.name + ": the literal changed from " +
                                        before.literalValue().dump() + " to " + after.literalValue().dump(),
                                    subject.oldPointer, subject.newPointer));
            }
            break;
        default:
            compareConstraints(before, after, direction, subject, found);
            break;
    }
    compareOtherFormats(before, after, direction, subject, found);
    return found;
}

bool TypeComparer::kindChange(const TypeSpec& before, const TypeSpec& after, Direction direction,
                              const Subject& subject, Found& found) {
    if (before.kind == after.kind) return false;
    const std::string prefix = std::string(directionName(direction)) + "-type-";
    const std::string what =
        subject.name + ": type changed from " + kindName(before) + " to " + kindName(after);
    ChangeClass kind = ChangeClass::Breaking;
    std::string id = prefix + "changed";
    // Widening (integer -> number, an enum -> its base type, X -> a union with X,
    // anything -> any value) accepts more; narrowing accepts less.
    const bool widening =
        (before.kind == TypeKind::Integer && after.kind == TypeKind::Number) ||
        (isStringEnum(before) && after.kind == TypeKind::String) ||
        (isIntegerEnum(before) && (after.kind == TypeKind::Integer || after.kind == TypeKind::Number)) ||
        accepts(after, before);
    const bool narrowing =
        (before.kind == TypeKind::Number && after.kind == TypeKind::Integer) ||
        (before.kind == TypeKind::String && isStringEnum(after)) ||
        ((before.kind == TypeKind::Integer || before.kind == TypeKind::Number) && isIntegerEnum(after)) ||
        accepts(before, after);
    if (widening) {
        kind = loosened(direction);
        id = prefix + "widened";
    } else if (narrowing) {
        kind = tightened(direction);
        id = prefix + "narrowed";
    }
    found.push_back(add(kind, id, what, subject.oldPointer, subject.newPointer));
    return true;
}

void TypeComparer::compareEnums(const TypeSpec& before, const TypeSpec& after, Direction direction,
                                const Subject& subject, Found& found) {
    const std::string prefix = std::string(directionName(direction)) + "-enum-value-";
    for (const Json& value : before.enumValues) {
        if (std::find(after.enumValues.begin(), after.enumValues.end(), value) == after.enumValues.end()) {
            found.push_back(add(tightened(direction), prefix + "removed",
                                subject.name + ": enum value " + value.dump() + " removed",
                                subject.oldPointer, subject.newPointer));
        }
    }
    for (const Json& value : after.enumValues) {
        if (std::find(before.enumValues.begin(), before.enumValues.end(), value) == before.enumValues.end()) {
            found.push_back(add(loosened(direction), prefix + "added",
                                subject.name + ": enum value " + value.dump() + " added", subject.oldPointer,
                                subject.newPointer));
        }
    }
}

void TypeComparer::compareConstraints(const TypeSpec& before, const TypeSpec& after, Direction direction,
                                      const Subject& subject, Found& found) {
    const Constraints& a = before.constraints;
    const Constraints& b = after.constraints;
    const auto emit = [&](ChangeClass kind, const std::string& keyword, const std::string& verb,
                          const std::string& text) {
        constraintChange(kind, direction, subject, keyword + "-" + verb, text, found);
    };
    // A minimum-like count (minLength, minItems): higher is tighter.
    const auto minimum = [&](const char* keyword, const std::optional<std::int64_t>& x,
                             const std::optional<std::int64_t>& y) {
        const std::int64_t from = x.value_or(0);
        const std::int64_t to = y.value_or(0);
        if (from == to) return;
        const std::string text = !x   ? std::string(keyword) + " " + std::to_string(to) + " added"
                                 : !y ? std::string(keyword) + " " + std::to_string(from) + " removed"
                                      : std::string(keyword) + (to > from ? " raised" : " lowered") +
                                            " from " + std::to_string(from) + " to " + std::to_string(to);
        emit(to > from ? tightened(direction) : loosened(direction), keyword,
             to > from ? "increased" : "decreased", text);
    };
    // A maximum-like count (maxLength, maxItems): lower is tighter; none is unbounded.
    const auto maximum = [&](const char* keyword, const std::optional<std::int64_t>& x,
                             const std::optional<std::int64_t>& y) {
        if (x == y) return;
        const bool tighter = !x || (y && *y < *x);
        const std::string text = !x   ? std::string(keyword) + " " + std::to_string(*y) + " added"
                                 : !y ? std::string(keyword) + " " + std::to_string(*x) + " removed"
                                      : std::string(keyword) + (*y < *x ? " lowered" : " raised") + " from " +
                                            std::to_string(*x) + " to " + std::to_string(*y);
        emit(tighter ? tightened(direction) : loosened(direction), keyword,
             tighter ? "decreased" : "increased", text);
    };
    if (after.kind == TypeKind::String) {
        minimum("minLength", a.minLength, b.minLength);
        maximum("maxLength", a.maxLength, b.maxLength);
        if (a.pattern != b.pattern) {
            if (!a.pattern) {
                emit(tightened(direction), "pattern", "added", "pattern " + quoted(*b.pattern) + " added");
            } else if (!b.pattern) {
                emit(loosened(direction), "pattern", "removed", "pattern " + quoted(*a.pattern) + " removed");
            } else {
                // Neither language is known to contain the other: breaking both ways.
                emit(ChangeClass::Breaking, "pattern", "changed",
                     "pattern changed from " + quoted(*a.pattern) + " to " + quoted(*b.pattern));
            }
        }
        if (a.format != b.format) {
            const std::string from = model::toString(a.format);
            const std::string to = model::toString(b.format);
            if (from.empty()) {
                emit(tightened(direction), "format", "added", "format " + to + " added");
            } else if (to.empty()) {
                emit(loosened(direction), "format", "removed", "format " + from + " removed");
            } else {
                emit(ChangeClass::Breaking, "format", "changed", "format changed from " + from + " to " + to);
            }
        }
    }
    if (after.kind == TypeKind::Integer || after.kind == TypeKind::Number)
        compareNumberConstraints(before, after, direction, subject, found);
    if (after.kind == TypeKind::Array) {
        minimum("minItems", a.minItems, b.minItems);
        maximum("maxItems", a.maxItems, b.maxItems);
        if (a.uniqueItems != b.uniqueItems) {
            emit(b.uniqueItems ? tightened(direction) : loosened(direction), "unique-items",
                 b.uniqueItems ? "set" : "removed",
                 b.uniqueItems ? "items must now be unique" : "items need no longer be unique");
        }
    }
}

void TypeComparer::constraintChange(ChangeClass kind, Direction direction, const Subject& subject,
                                    const std::string& what, const std::string& text, Found& found) {
    found.push_back(add(kind, std::string(directionName(direction)) + "-" + what, subject.name + ": " + text,
                        subject.oldPointer, subject.newPointer));
}

// Minimum and maximum (each possibly exclusive) and multipleOf of a number or an integer.
void TypeComparer::compareNumberConstraints(const TypeSpec& before, const TypeSpec& after,
                                            Direction direction, const Subject& subject, Found& found) {
    const Constraints& a = before.constraints;
    const Constraints& b = after.constraints;
    const auto emit = [&](ChangeClass kind, const std::string& keyword, const std::string& verb,
                          const std::string& text) {
        constraintChange(kind, direction, subject, keyword + "-" + verb, text, found);
    };
    const bool integer = after.kind == TypeKind::Integer;
    const std::optional<Bound> lowA = lowerBound(a, integer);
    const std::optional<Bound> lowB = lowerBound(b, integer);
    if (lowA || lowB) {
        if (!lowA) {
            emit(tightened(direction), "min", "set", "minimum " + lowB->text() + " added");
        } else if (!lowB) {
            emit(loosened(direction), "min", "removed", "minimum " + lowA->text() + " removed");
        } else if (lowA->value != lowB->value || lowA->exclusive != lowB->exclusive) {
            const bool tighter = lowB->value > lowA->value || (lowB->value == lowA->value && lowB->exclusive);
            emit(tighter ? tightened(direction) : loosened(direction), "min",
                 tighter ? "increased" : "decreased",
                 std::string("minimum ") + (tighter ? "raised" : "lowered") + " from " + lowA->text() +
                     " to " + lowB->text());
        }
    }
    const std::optional<Bound> highA = upperBound(a, integer);
    const std::optional<Bound> highB = upperBound(b, integer);
    if (highA || highB) {
        if (!highA) {
            emit(tightened(direction), "max", "set", "maximum " + highB->upperText() + " added");
        } else if (!highB) {
            emit(loosened(direction), "max", "removed", "maximum " + highA->upperText() + " removed");
        } else if (highA->value != highB->value || highA->exclusive != highB->exclusive) {
            const bool tighter =
                highB->value < highA->value || (highB->value == highA->value && highB->exclusive);
            emit(tighter ? tightened(direction) : loosened(direction), "max",
                 tighter ? "decreased" : "increased",
                 std::string("maximum ") + (tighter ? "lowered" : "raised") + " from " + highA->upperText() +
                     " to " + highB->upperText());
        }
    }
    if (a.multipleOf != b.multipleOf) {
        if (!a.multipleOf) {
            emit(tightened(direction), "multiple-of", "set",
                 "multipleOf " + number(*b.multipleOf) + " added");
        } else if (!b.multipleOf) {
            emit(loosened(direction), "multiple-of", "removed",
                 "multipleOf " + number(*a.multipleOf) + " removed");
        } else {
            const double ratio = *b.multipleOf / *a.multipleOf;
            const bool tighter = std::floor(ratio) == ratio;         // 2 -> 4: fewer values
            const bool looser = std::floor(1 / ratio) == 1 / ratio;  // 4 -> 2: more values
            emit(tighter  ? tightened(direction)
                 : looser ? loosened(direction)
                          : ChangeClass::Breaking,
                 "multiple-of", "changed",
                 "multipleOf changed from " + number(*a.multipleOf) + " to " + number(*b.multipleOf));
        }
    }
}

TypeComparer::Found TypeComparer::compareModels(const std::string& before, const std::string& after,
                                                Direction direction) {
    const auto key = std::make_tuple(before, after, direction);
    if (const auto known = compared_.find(key); known != compared_.end()) return known->second;
    if (!comparing_.insert(key).second) return {};  // recursion: the outer comparison lists it
    Found found;
    const model::Model* a = before_.model(before);
    const model::Model* b = after_.model(after);
    if (a && b) {
        const auto index = [](const model::Project& p, const model::Model* m) {
            return static_cast<std::size_t>(m - p.models.data());
        };
        compareFields(*a, *b, index(before_, a), index(after_, b), direction, found);
    }
    comparing_.erase(key);
    compared_.emplace(key, found);
    return found;
}

void TypeComparer::compareFields(const model::Model& before, const model::Model& after,
                                 std::size_t beforeIndex, std::size_t afterIndex, Direction direction,
                                 Found& found) {
    const std::string dir = directionName(direction);
    const std::string oldModel = "/models/" + std::to_string(beforeIndex);
    const std::string newModel = "/models/" + std::to_string(afterIndex);
    const auto fieldAt = [](const std::string& model, std::size_t index) {
        return model + "/fields/" + std::to_string(index);
    };
    const auto position = [](const model::Model& m, const model::Field& f) {
        return static_cast<std::size_t>(&f - m.fields.data());
    };
    const auto subject = [&](const model::Field& field) {
        return dir + " property " + quoted(field.name) + " of " + after.name;
    };
    // Descriptions and examples are listed once per pair of models, whichever way they are used.
    const bool document = documented_.emplace(before.name, after.name).second;
    auto& docs = docsFound_[{before.name, after.name}];
    if (document && before.description != after.description) {
        docs.push_back(add(ChangeClass::DocsOnly, "model-description-changed",
                           "model " + after.name + ": description changed", oldModel, newModel));
    }
    if (before.extra != after.extra) {
        const bool nowForbids = after.extra == model::ExtraFields::Forbid;
        const bool usedToForbid = before.extra == model::ExtraFields::Forbid;
        if (direction == Direction::Request && (nowForbids || usedToForbid)) {
            found.push_back(
                add(nowForbids ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                    nowForbids ? "request-extra-properties-forbidden" : "request-extra-properties-allowed",
                    "request model " + after.name +
                        (nowForbids ? ": properties it does not declare are now refused"
                                    : ": properties it does not declare are now accepted"),
                    oldModel, newModel));
        }
    }
    for (const model::Field& old : before.fields) {
        const model::Field* now = after.field(old.name);
        const std::string oldAt = fieldAt(oldModel, position(before, old));
        if (!now) {
            if (direction == Direction::Request) {
                const bool refused = after.extra == model::ExtraFields::Forbid;
                found.push_back(add(
                    refused ? ChangeClass::Breaking : ChangeClass::NonBreaking, "request-property-removed",
                    subject(old) + " removed" +
                        (refused ? " (and now refused: the model forbids undeclared properties)"
                                 : " (now ignored when sent)"),
                    oldAt, newModel));
            } else {
                found.push_back(add(ChangeClass::Breaking, "response-property-removed",
                                    subject(old) + " removed", oldAt, newModel));
            }
            continue;
        }
        const std::string newAt = fieldAt(newModel, position(after, *now));
        const Subject s{subject(*now), oldAt, newAt};
        if (old.required != now->required) {
            if (direction == Direction::Request) {
                found.push_back(add(
                    now->required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                    now->required ? "request-property-became-required" : "request-property-became-optional",
                    s.name + (now->required ? " is now required" : " is now optional"), oldAt, newAt));
            } else {
                found.push_back(add(
                    now->required ? ChangeClass::NonBreaking : ChangeClass::Breaking,
                    now->required ? "response-property-became-required" : "response-property-became-optional",
                    s.name + (now->required ? " is now always present" : " may now be missing"), oldAt,
                    newAt));
            }
        }
        if (old.defaultValue != now->defaultValue && direction == Direction::Request && !now->required) {
            const std::string from = old.defaultValue ? old.defaultValue->dump() : "none";
            const std::string to = now->defaultValue ? now->defaultValue->dump() : "none";
            found.push_back(add(ChangeClass::Breaking, "request-property-default-changed",
                                s.name + ": default changed from " + from + " to " + to +
                                    " (a client that leaves it out gets another value)",
                                oldAt, newAt));
        }
        const Found nested = compare(old.type, now->type, direction, s);
        found.insert(found.end(), nested.begin(), nested.end());
        if (document) {
            if (old.description != now->description) {
                docs.push_back(
                    add(ChangeClass::DocsOnly, "property-description-changed",
                        "property " + quoted(now->name) + " of " + after.name + ": description changed",
                        oldAt, newAt));
            }
            if (old.example != now->example) {
                docs.push_back(
                    add(ChangeClass::DocsOnly, "property-example-changed",
                        "property " + quoted(now->name) + " of " + after.name + ": example changed", oldAt,
                        newAt));
            }
        }
    }
    for (const model::Field& added : after.fields) {
        if (before.field(added.name)) continue;
        const std::string newAt = fieldAt(newModel, position(after, added));
        if (direction == Direction::Request) {
            // A default does not make a required property optional for the contract (oasdiff 1.25).
            const bool required = added.required;
            found.push_back(
                add(required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                    required ? "request-required-property-added" : "request-optional-property-added",
                    subject(added) + (required ? " added, required" : " added, optional"), oldModel, newAt));
        } else {
            found.push_back(add(ChangeClass::NonBreaking, "response-property-added",
                                subject(added) + " added", oldModel, newAt));
        }
    }
    found.insert(found.end(), docs.begin(), docs.end());
}

}  // namespace loadstar::openapi::detail
