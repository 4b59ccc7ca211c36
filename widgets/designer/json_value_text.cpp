#include "widgets/designer/json_value_text.h"

namespace loadstar::widgets {

namespace {
bool typedBare(const model::TypeSpec& type, const QString& text) {
    return type.kind == model::TypeKind::String && !text.startsWith(QLatin1Char('"'));
}
}  // namespace

QString jsonValueToText(const std::optional<Json>& value, const model::TypeSpec& type) {
    if (!value) return {};
    if (value->is_string() && type.kind == model::TypeKind::String) {
        const QString text = QString::fromStdString(value->get<std::string>());
        if (!text.startsWith(QLatin1Char('"'))) return text;
    }
    return QString::fromStdString(value->dump());
}

bool jsonValueFromText(const QString& text, const model::TypeSpec& type, std::optional<Json>& value) {
    if (text.isEmpty()) {
        value.reset();
        return true;
    }
    if (typedBare(type, text)) {
        value = Json(text.toStdString());
        return true;
    }
    Json parsed = Json::parse(text.toStdString(), nullptr, false);
    if (parsed.is_discarded()) {
        // An enum of strings also accepts bare words.
        if (type.kind == model::TypeKind::Enum && !text.contains(QLatin1Char('"'))) {
            value = Json(text.toStdString());
            return true;
        }
        return false;
    }
    value = std::move(parsed);
    return true;
}

}  // namespace loadstar::widgets
