#include "engine/model/model.h"

namespace loadstar::model {

const Field* Model::field(std::string_view fieldName) const {
    for (const Field& f : fields) {
        if (f.name == fieldName) return &f;
    }
    return nullptr;
}

const char* toString(ExtraFields extra) {
    switch (extra) {
        case ExtraFields::Ignore:
            return "ignore";
        case ExtraFields::Forbid:
            return "forbid";
        case ExtraFields::Allow:
            return "allow";
    }
    return "?";
}

std::optional<ExtraFields> parseExtraFields(std::string_view text) {
    if (text == "ignore") return ExtraFields::Ignore;
    if (text == "forbid") return ExtraFields::Forbid;
    if (text == "allow") return ExtraFields::Allow;
    return std::nullopt;
}

}  // namespace loadstar::model
