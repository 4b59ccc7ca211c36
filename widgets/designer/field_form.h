#pragma once

#include <QWidget>

#include "engine/model/field.h"
#include "widgets/document/json_pointer.h"

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace loadstar::widgets {

class TypeEditor;

// The detail form for one field of a model. Emits the whole edited field with a
// short name of what changed ("name", "default", "min_length") for the undo history.
class FieldForm : public QWidget {
    Q_OBJECT

  public:
    explicit FieldForm(QWidget* parent = nullptr);

    void setModelNames(const QStringList& names);
    void setField(const model::Field& field);
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    QLineEdit* nameEdit() const { return name_; }
    TypeEditor* typeEditor() const { return type_; }

  signals:
    void edited(const model::Field& field, const QString& what);
    void editFinished();

  private:
    void onValueEdited(QLineEdit* edit, std::optional<Json> model::Field::*member, const QString& what);

    model::Field field_;
    QLineEdit* name_;
    TypeEditor* type_;
    QCheckBox* required_;
    QLineEdit* default_;
    QLineEdit* example_;
    QPlainTextEdit* description_;
};

}  // namespace loadstar::widgets
