#pragma once

#include <optional>

#include <QString>

#include "engine/model/json.h"
#include "engine/model/type_spec.h"

namespace loadstar::widgets {

// How a default or example value is typed into a line edit. Strings are typed
// bare (hello, not "hello") when the type is a string; everything else is JSON.
QString jsonValueToText(const std::optional<Json>& value, const model::TypeSpec& type);

// nullopt in `value` means "empty text: no value". Returns false when the text is
// not valid JSON for a non-string type.
bool jsonValueFromText(const QString& text, const model::TypeSpec& type, std::optional<Json>& value);

}  // namespace loadstar::widgets
