#include "widgets/runs/run_history.h"

#include <fstream>
#include <sstream>

#include "engine/model/project_file.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

RunHistory::RunHistory(QObject* parent) : QObject(parent) {
    debounce_.setSingleShot(true);
    debounce_.setInterval(150);
    connect(&debounce_, &QTimer::timeout, this, &RunHistory::loadNow);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, [this](const QString& path) {
        // The project's folder changes whenever the project is saved; it only matters
        // when the runs folder appears or goes.
        if (path == q(directory().string()) || std::filesystem::is_directory(directory()) !=
                                                   watcher_.directories().contains(q(directory().string())))
            reload();
    });
}

std::filesystem::path RunHistory::directory() const {
    return projectFile_.empty() ? std::filesystem::path() : results::runsDirectory(projectFile_);
}

void RunHistory::setProjectFile(const std::filesystem::path& projectFile) {
    if (projectFile == projectFile_) return;
    projectFile_ = projectFile;
    forgetDeleted();
    runs_.clear();
    emit changed();
    watch();
    if (!projectFile_.empty()) loadNow();
}

void RunHistory::watch() {
    if (!watcher_.directories().isEmpty()) watcher_.removePaths(watcher_.directories());
    if (projectFile_.empty()) return;
    // The project's folder tells when the runs folder appears (the first stored run).
    const QString runs = q(directory().string());
    const QString parent = q(projectFile_.parent_path().string());
    if (std::filesystem::is_directory(directory())) watcher_.addPath(runs);
    if (!parent.isEmpty()) watcher_.addPath(parent);
}

int RunHistory::indexOf(const std::filesystem::path& file) const {
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        if (runs_[i].file == file) return static_cast<int>(i);
    }
    return -1;
}

void RunHistory::reload() {
    if (projectFile_.empty()) return;
    debounce_.start();
}

void RunHistory::loadNow() {
    if (projectFile_.empty()) return;
    // The runs folder may have been created (or removed) since the last look.
    if (std::filesystem::is_directory(directory()) !=
        watcher_.directories().contains(q(directory().string())))
        watch();
    loading_ = true;
    const std::filesystem::path project = projectFile_;
    loader_.start<std::vector<results::StoredRun>>(
        this, [project] { return results::listRuns(project); },
        [this, project](std::vector<results::StoredRun> runs) {
            if (project != projectFile_) return;
            loading_ = false;
            runs_ = std::move(runs);
            emit changed();
        });
}

void RunHistory::relabel(const std::filesystem::path& file, const QString& name, const QString& note) {
    pendingLabels_[file] = {name, note};
    if (!labelling_) labelNext();
}

void RunHistory::labelNext() {
    if (pendingLabels_.empty()) {
        labelling_ = false;
        loadNow();
        return;
    }
    labelling_ = true;
    const auto next = pendingLabels_.begin();
    const std::filesystem::path file = next->first;
    const std::string name = next->second.first.toStdString();
    const std::string note = next->second.second.toStdString();
    pendingLabels_.erase(next);
    labeller_.start<std::optional<std::string>>(
        this, [file, name, note] { return results::relabelRun(file, name, note); },
        [this](std::optional<std::string> error) {
            if (error) emit failed(tr("Could not save the run's name and note: %1").arg(q(*error)));
            labelNext();
        });
}

void RunHistory::remove(const std::vector<std::filesystem::path>& files) {
    struct Outcome {
        std::vector<DeletedRun> deleted;
        QStringList errors;
    };
    deleter_.start<Outcome>(
        this,
        [files] {
            Outcome out;
            for (const auto& file : files) {
                // Keep the bytes first: undo writes them back exactly as they were.
                std::ifstream in(file, std::ios::binary);
                std::ostringstream text;
                text << in.rdbuf();
                if (!in) {
                    out.errors << q(file.string() + ": cannot be read");
                    continue;
                }
                if (auto error = results::deleteRun(file)) {
                    out.errors << q(*error);
                    continue;
                }
                out.deleted.push_back({file, text.str()});
            }
            return out;
        },
        [this](Outcome out) {
            deleted_ = std::move(out.deleted);
            emit deleted(static_cast<int>(deleted_.size()), out.errors);
            loadNow();
        });
}

void RunHistory::undoDelete() {
    auto restore = std::move(deleted_);
    deleted_.clear();
    deleter_.start<QStringList>(
        this,
        [restore] {
            QStringList errors;
            for (const DeletedRun& run : restore) {
                std::error_code ec;
                std::filesystem::create_directories(run.file.parent_path(), ec);
                const auto written = model::writeFileAtomically(run.file, run.contents);
                if (const auto* e = std::get_if<model::ProjectError>(&written)) errors << q(e->toString());
            }
            return errors;
        },
        [this](QStringList errors) {
            if (!errors.isEmpty())
                emit failed(
                    tr("Could not restore the deleted run: %1").arg(errors.join(QStringLiteral("; "))));
            loadNow();
        });
}

void RunHistory::forgetDeleted() {
    deleted_.clear();
}

}  // namespace loadstar::widgets
