#pragma once

#include <filesystem>
#include <limits>
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
    bool isWriting() const { return labelling_; }

    // Reads the folder again (coalesced: many changes in a moment read it once).
    void reload();
    // Writes a run's name and note. What is asked for shows in runs() at once and
    // wins over any listing read before it was written, so no view shows, and no
    // later edit writes back, an older name or note.
    void relabel(const std::filesystem::path& file, const QString& name, const QString& note);
    // A new name with the newest note, a new note with the newest name.
    void rename(const std::filesystem::path& file, const QString& name);
    void annotate(const std::filesystem::path& file, const QString& note);
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
    // A name and note asked for and not yet seen in a listing read after its write.
    struct Label {
        QString name;
        QString note;
        quint64 visibleFrom = std::numeric_limits<quint64>::max();  // the first listing that reads it
    };
    void watch();
    void loadNow();
    void labelNext();
    // Puts the labels asked for over what listing number `listing` read (0: over
    // runs() as they are).
    void applyLabels(quint64 listing);
    Label newestLabel(const std::filesystem::path& file) const;

    std::filesystem::path projectFile_;
    std::vector<results::StoredRun> runs_;
    std::vector<DeletedRun> deleted_;
    // Relabels run one at a time (two rewrites of one file must not race), the
    // newest label per file winning.
    std::map<std::filesystem::path, std::pair<QString, QString>> pendingLabels_;
    std::map<std::filesystem::path, Label> labels_;
    quint64 listings_ = 0;  // listings started
    bool labelling_ = false;
    bool loading_ = false;
    QFileSystemWatcher watcher_;
    QTimer debounce_;
    BackgroundJob loader_;
    BackgroundJob labeller_;
    BackgroundJob deleter_;
};

}  // namespace loadstar::widgets
