#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QString>

#include "engine/model/project.h"

namespace loadstar::widgets {

// The quick picks for a request or response body: none, a model, or an array
// of a model, as (label, code) pairs for a combo box. Codes: "" for no body,
// "Name" for model Name, "Name[]" for an array of Name, and kOther for any
// other type (a scalar, an enum, nested arrays), which the type editor beside
// the picker edits in full.
class BodyChoices {
  public:
    static constexpr const char* kOther = "*";

    static QString code(const std::optional<model::TypeSpec>& body);
    // Every model and array of model; plus the current type when it is none of those.
    static std::vector<std::pair<QString, QString>> list(const model::Project& project,
                                                         const std::optional<model::TypeSpec>& current);
    // The body a code picks. kOther keeps a current body of another type and
    // turns no body into a string, ready to be edited.
    static std::optional<model::TypeSpec> apply(const QString& code,
                                                const std::optional<model::TypeSpec>& current);
};

}  // namespace loadstar::widgets
