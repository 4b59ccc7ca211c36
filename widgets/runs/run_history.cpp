#include "widgets/runs/run_history.h"

#include <algorithm>
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
    const quint64 listing = ++listings_;
    loader_.start<std::vector<results::StoredRun>>(
        this, [project] { return results::listRuns(project); },
        [this, project, listing](std::vector<results::StoredRun> runs) {
            if (project != projectFile_) return;
            loading_ = false;
            runs_ = std::move(runs);
            applyLabels(listing);
            emit changed();
        });
}

void RunHistory::applyLabels(quint64 listing) {
    for (auto it = labels_.begin(); it != labels_.end();) {
        const auto run = std::find_if(runs_.begin(), runs_.end(),
                                      [&](const results::StoredRun& r) { return r.file == it->first; });
        if ((listing > 0 && run == runs_.end()) || listing >= it->second.visibleFrom) {
            // The file has it now (or is gone): what it says is the truth from here on.
            it = labels_.erase(it);
            continue;
        }
        if (run != runs_.end() && run->result) {
            run->result->name = it->second.name.toStdString();
            run->result->note = it->second.note.toStdString();
        }
        ++it;
    }
}

RunHistory::Label RunHistory::newestLabel(const std::filesystem::path& file) const {
    if (const auto it = labels_.find(file); it != labels_.end()) return it->second;
    const int index = indexOf(file);
    if (index < 0 || !runs_[static_cast<std::size_t>(index)].result) return {};
    const results::RunResult& r = *runs_[static_cast<std::size_t>(index)].result;
    return {q(r.name), q(r.note)};
}

void RunHistory::relabel(const std::filesystem::path& file, const QString& name, const QString& note) {
    pendingLabels_[file] = {name, note};
    labels_[file] = {name, note};
    applyLabels(0);
    if (!labelling_) labelNext();
}

void RunHistory::rename(const std::filesystem::path& file, const QString& name) {
    relabel(file, name, newestLabel(file).note);
}

void RunHistory::annotate(const std::filesystem::path& file, const QString& note) {
    relabel(file, newestLabel(file).name, note);
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
        [this, file, name, note](std::optional<std::string> error) {
            const auto label = labels_.find(file);
            const bool newest = label != labels_.end() && label->second.name.toStdString() == name &&
                                label->second.note.toStdString() == note;
            if (error) {
                emit failed(tr("Could not save the run's name and note: %1").arg(q(*error)));
                // The file keeps what it had; the next listing shows that.
                if (newest) labels_.erase(label);
            } else if (newest) {
                label->second.visibleFrom = listings_ + 1;
            }
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
