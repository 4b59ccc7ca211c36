#include "widgets/document/project_edit_command.h"

#include "widgets/document/project_document.h"

namespace loadstar::widgets {

ProjectEditCommand::ProjectEditCommand(ProjectDocument* document, model::Project before, model::Project after,
                                       Describe describe, QString mergeKey, int mergeEpoch, QString location)
    : document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      describe_(std::move(describe)),
      mergeKey_(std::move(mergeKey)),
      mergeEpoch_(mergeEpoch),
      location_(std::move(location)) {
    setText(describe_(before_, after_));
}

void ProjectEditCommand::undo() {
    document_->applySnapshot(before_, location_);
}

void ProjectEditCommand::redo() {
    document_->applySnapshot(after_, location_);
}

bool ProjectEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const ProjectEditCommand*>(other);
    if (next == nullptr || next->mergeKey_ != mergeKey_ || next->mergeEpoch_ != mergeEpoch_) return false;
    after_ = next->after_;
    setText(describe_(before_, after_));
    // Typing a value back to what it was leaves nothing to undo.
    if (before_ == after_) setObsolete(true);
    return true;
}

}  // namespace loadstar::widgets
