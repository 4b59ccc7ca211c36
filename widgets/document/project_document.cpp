#include "widgets/document/project_document.h"

#include "engine/schema/project_check.h"

namespace loadstar::widgets {

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent), project_(std::make_shared<const model::Project>()) {
    connect(&undoStack_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit dirtyChanged(!clean); });
    recheck();
}

void ProjectDocument::reset(model::Project project, const QString& filePath, bool dirty) {
    undoStack_.clear();
    project_ = std::make_shared<const model::Project>(std::move(project));
    ++mergeEpoch_;
    if (dirty) {
        // A recovered design differs from its file: keep it dirty until saved.
        undoStack_.resetClean();
    } else {
        undoStack_.setClean();
    }
    emit dirtyChanged(isDirty());
    setFilePath(filePath);
    recheck();
    emit projectChanged();
}

void ProjectDocument::setFilePath(const QString& filePath) {
    if (filePath_ == filePath) return;
    filePath_ = filePath;
    emit filePathChanged(filePath_);
}

void ProjectDocument::markSaved() {
    undoStack_.setClean();
    ++mergeEpoch_;
}

bool ProjectDocument::edit(const std::function<void(model::Project&)>& change,
                           ProjectEditCommand::Describe describe, const QString& mergeKey,
                           const QString& location) {
    model::Project after = *project_;
    change(after);
    if (after == *project_) return false;
    undoStack_.push(new ProjectEditCommand(this, *project_, std::move(after), std::move(describe), mergeKey,
                                           mergeEpoch_, location));
    return true;
}

bool ProjectDocument::edit(const std::function<void(model::Project&)>& change, const QString& text,
                           const QString& mergeKey, const QString& location) {
    return edit(
        change, [text](const model::Project&, const model::Project&) { return text; }, mergeKey, location);
}

void ProjectDocument::applySnapshot(const model::Project& project, const QString& location) {
    project_ = std::make_shared<const model::Project>(project);
    recheck();
    emit projectChanged();
    emit locationEdited(location);
}

void ProjectDocument::recheck() {
    auto problems = schema::checkProject(*project_);
    if (problems == problems_) return;
    problems_ = std::move(problems);
    emit problemsChanged();
}

}  // namespace loadstar::widgets
