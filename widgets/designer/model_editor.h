#pragma once

#include <cstdint>

#include <QWidget>

#include "engine/model/field.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problem_markers.h"

class QComboBox;
class QLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace loadstar::widgets {

class FieldForm;
class FieldTableModel;
class PreviewPane;
class ProjectDocument;

// Edits one model: its name (references follow a rename), description, what it
// does with unknown keys, and its fields, with a sample body and its JSON Schema beside.
class ModelEditor : public QWidget {
    Q_OBJECT

  public:
    explicit ModelEditor(ProjectDocument* document, QWidget* parent = nullptr);

    void showModel(int index);
    int modelIndex() const { return modelIndex_; }
    int currentField() const;
    void selectField(int row);
    // Selects and focuses what `pointer` (from token `from` on, e.g. "/fields/0/name") names.
    void focusLocation(const JsonPointer& pointer, std::size_t from);

    FieldTableModel* fieldTable() const { return fields_; }
    FieldForm* fieldForm() const { return fieldForm_; }
    PreviewPane* samplePreview() const { return sample_; }
    PreviewPane* schemaPreview() const { return schema_; }

  private:
    // The parts of the editor, each built with its widgets wired to the document.
    QLayout* modelSection();
    QWidget* fieldTableSection();
    QWidget* fieldSection();
    QWidget* previewSection();

    void editName(const QString& text);
    void editField(const model::Field& field, const QString& what);
    void refresh();
    void refreshPreviews();
    void showProblems();
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    void addField();
    void removeField();
    void moveField(int delta);
    void duplicateField();
    void updateButtons();
    QString modelName() const;

    ProjectDocument* document_;
    int modelIndex_ = -1;
    std::uint64_t sampleSeed_ = 1;
    QLineEdit* name_;
    QLineEdit* description_;
    QComboBox* extra_;
    QLabel* banner_;
    ProblemMarkers markers_;
    FieldTableModel* fields_;
    QTableView* table_;
    QPushButton* add_;
    QPushButton* remove_;
    QPushButton* up_;
    QPushButton* down_;
    QPushButton* duplicate_;
    QWidget* fieldPane_;
    FieldForm* fieldForm_;
    PreviewPane* sample_;
    PreviewPane* schema_;
};

}  // namespace loadstar::widgets
