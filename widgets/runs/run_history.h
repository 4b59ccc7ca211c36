#pragma once

#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

#include "engine/results/run_store.h"
#include "widgets/common/background_job.h"

namespace loadstar::widgets {

// The runs stored with the open project (`<project file>.runs/`), read off the GUI
// thread and read again whenever the folder changes. Renaming, annotating and
// deleting also run in the background. A deleted run's bytes are kept in memory
// until forgetDeleted(), so that undoDelete() can put the file back as it was.
class RunHistory : public QObject {
    Q_OBJECT

  public:
    explicit RunHistory(QObject* parent = nullptr);

    // Empty: no project file (an unsaved project has no runs).
    void setProjectFile(const std::filesystem::path& projectFile);
    const std::filesystem::path& projectFile() const { return projectFile_; }
    std::filesystem::path directory() const;

    // Oldest first, as the store lists them; unreadable files carry their error.
    const std::vector<results::StoredRun>& runs() const { return runs_; }
    int indexOf(const std::filesystem::path& file) const;
    bool isLoading() const { return loading_; }

    // Reads the folder again (coalesced: many changes in a moment read it once).
    void reload();
    void relabel(const std::filesystem::path& file, const QString& name, const QString& note);
    void remove(const std::vector<std::filesystem::path>& files);
    bool canUndoDelete() const { return !deleted_.empty(); }
    void undoDelete();
    void forgetDeleted();

  signals:
    void changed();
    // Deleted `count` files (recoverable with undoDelete() until forgetDeleted()).
    void deleted(int count, const QStringList& errors);
    void failed(const QString& message);

  private:
    struct DeletedRun {
        std::filesystem::path file;
        std::string contents;
    };
    void watch();
    void loadNow();
    void labelNext();

    std::filesystem::path projectFile_;
    std::vector<results::StoredRun> runs_;
    std::vector<DeletedRun> deleted_;
    // Relabels run one at a time (two rewrites of one file must not race), the
    // newest label per file winning.
    std::map<std::filesystem::path, std::pair<QString, QString>> pendingLabels_;
    bool labelling_ = false;
    bool loading_ = false;
    QFileSystemWatcher watcher_;
    QTimer debounce_;
    BackgroundJob loader_;
    BackgroundJob labeller_;
    BackgroundJob deleter_;
};

}  // namespace loadstar::widgets
