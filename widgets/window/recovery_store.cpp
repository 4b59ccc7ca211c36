#include "widgets/window/recovery_store.h"

#include <QDir>
#include <QFile>

#include "engine/model/project_file.h"

namespace loadstar::widgets {

RecoveryStore::RecoveryStore(QString directory) : directory_(std::move(directory)) {}

QString RecoveryStore::filePath() const {
    return QDir(directory_).filePath(QStringLiteral("recovery.loadstar-autosave.json"));
}

QString RecoveryStore::save(const model::Project& project, const QString& originalPath) {
    if (!QDir().mkpath(directory_)) return QObject::tr("cannot create %1").arg(directory_);
    Json document = Json::object();
    document["file"] = originalPath.toStdString();
    document["saved_at"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    document["project"] = model::projectToJson(project);
    const auto result = model::writeFileAtomically(filePath().toStdString(), document.dump(2) + "\n");
    if (const auto* error = std::get_if<model::ProjectError>(&result))
        return QString::fromStdString(error->toString());
    return {};
}

std::optional<RecoveryStore::Recovered> RecoveryStore::load() const {
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    const Json document = Json::parse(file.readAll().toStdString(), nullptr, false);
    if (!document.is_object() || !document.contains("project")) return std::nullopt;
    auto project = model::projectFromJson(document["project"]);
    auto* parsed = std::get_if<model::Project>(&project);
    if (parsed == nullptr) return std::nullopt;
    Recovered out{std::move(*parsed), {}, {}};
    if (document.contains("file") && document["file"].is_string()) {
        out.originalPath = QString::fromStdString(document["file"].get<std::string>());
    }
    if (document.contains("saved_at") && document["saved_at"].is_string()) {
        out.savedAt = QDateTime::fromString(QString::fromStdString(document["saved_at"].get<std::string>()),
                                            Qt::ISODate);
    }
    return out;
}

void RecoveryStore::discard() {
    QFile::remove(filePath());
}

}  // namespace loadstar::widgets
