#include "widgets/cockpit/body_choices.h"

#include <QCoreApplication>

namespace loadstar::widgets {

namespace {

bool isModelArray(const model::TypeSpec& type) {
    return type.kind == model::TypeKind::Array && type.items && type.items->kind == model::TypeKind::Object &&
           type.constraints == model::Constraints{} && type.items->constraints == model::Constraints{};
}

QString tr(const char* text) {
    return QCoreApplication::translate("BodyChoices", text);
}

}  // namespace

QString BodyChoices::code(const std::optional<model::TypeSpec>& body) {
    if (!body) return {};
    if (body->kind == model::TypeKind::Object) return QString::fromStdString(body->modelRef);
    if (isModelArray(*body)) return QString::fromStdString(body->items->modelRef) + QStringLiteral("[]");
    return QString::fromLatin1(kOther);
}

std::vector<std::pair<QString, QString>> BodyChoices::list(const model::Project& project,
                                                           const std::optional<model::TypeSpec>& current) {
    std::vector<std::pair<QString, QString>> choices{{tr("(no body)"), QString()}};
    for (const model::Model& m : project.models)
        choices.emplace_back(QString::fromStdString(m.name), QString::fromStdString(m.name));
    for (const model::Model& m : project.models) {
        choices.emplace_back(tr("array of %1").arg(QString::fromStdString(m.name)),
                             QString::fromStdString(m.name) + QStringLiteral("[]"));
    }
    if (code(current) == QLatin1String(kOther)) {
        choices.emplace_back(QString::fromStdString(model::describe(*current)), QString::fromLatin1(kOther));
    } else {
        choices.emplace_back(tr("other type…"), QString::fromLatin1(kOther));
    }
    return choices;
}

std::optional<model::TypeSpec> BodyChoices::apply(const QString& code,
                                                  const std::optional<model::TypeSpec>& current) {
    if (code.isEmpty()) return std::nullopt;
    if (code == QLatin1String(kOther)) {
        if (current && BodyChoices::code(current) == QLatin1String(kOther)) return current;
        return model::TypeSpec::scalar(model::TypeKind::String);
    }
    if (code.endsWith(QStringLiteral("[]")))
        return model::TypeSpec::arrayOf(model::TypeSpec::object(code.chopped(2).toStdString()));
    return model::TypeSpec::object(code.toStdString());
}

}  // namespace loadstar::widgets
