#pragma once

#include <optional>

#include <QDateTime>
#include <QString>

#include "engine/model/project.h"

namespace loadstar::widgets {

// The autosave file: the unsaved design and the file it belongs to, written
// atomically every few seconds while there are unsaved changes, removed on a
// save or a clean exit. Found at the next start, it means the last session crashed.
class RecoveryStore {
  public:
    struct Recovered {
        model::Project project;
        QString originalPath;  // empty for a project never saved
        QDateTime savedAt;
    };

    explicit RecoveryStore(QString directory);

    // Returns an error message, or an empty string on success.
    QString save(const model::Project& project, const QString& originalPath);
    std::optional<Recovered> load() const;
    void discard();
    QString filePath() const;

  private:
    QString directory_;
};

}  // namespace loadstar::widgets
