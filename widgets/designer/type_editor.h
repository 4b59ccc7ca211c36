#pragma once

#include <map>

#include <QStringList>
#include <QWidget>

#include "engine/model/type_spec.h"
#include "widgets/document/json_pointer.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLineEdit;

namespace loadstar::widgets {

class UnionEditor;

// Edits one TypeSpec: its kind, whether null is allowed, the constraints that apply
// to that kind, the referenced model, enum values, a literal's value, for arrays
// and maps the item or value type (a nested editor), for unions the variants and
// the discriminator (a UnionEditor).
class TypeEditor : public QWidget {
    Q_OBJECT

  public:
    explicit TypeEditor(QWidget* parent = nullptr, int depth = 0);

    void setModelNames(const QStringList& names);
    void setType(const model::TypeSpec& type);
    const model::TypeSpec& type() const { return type_; }

    // The widget for a pointer tail such as "/min_items" or "/items/pattern", from token `from` on.
    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    QComboBox* kindCombo() const { return kind_; }
    QComboBox* modelCombo() const { return model_; }
    QLineEdit* valuesEdit() const { return enumValues_; }
    // "min_length", "ge", "pattern", ...; null for an unknown key.
    QLineEdit* constraintEdit(const std::string& key) const;
    // The item (array) or value (map) type's editor; null until the type has been one.
    TypeEditor* itemsEditor() const { return items_; }
    QCheckBox* nullableBox() const { return nullable_; }
    QCheckBox* uniqueItemsBox() const { return uniqueItems_; }
    QLineEdit* literalEdit() const { return literal_; }
    QLineEdit* otherFormatEdit() const { return otherFormat_; }
    // The union's editor; null until the type has been a union.
    UnionEditor* unionEditor() const { return union_; }

  signals:
    // `what` names the change for the undo history: "type", "min_length", "items".
    void edited(const model::TypeSpec& type, const QString& what);

  private:
    QLineEdit* addConstraint(const char* key, const QString& label, bool integer);
    void emitEdit(model::TypeSpec next, const QString& what);
    void onKindChosen();
    void onConstraintEdited(const char* key, QLineEdit* edit, bool integer);
    void updateRows();
    void ensureItemsEditor();
    void ensureUnionEditor();
    void addNewKindRows();
    model::TypeSpec typeOfKind(model::TypeKind kind) const;

    int depth_;
    model::TypeSpec type_;
    QStringList modelNames_;
    QFormLayout* form_;
    QComboBox* kind_;
    QComboBox* model_;
    QLineEdit* enumValues_;
    QComboBox* format_;
    std::map<std::string, QLineEdit*> constraints_;
    QGroupBox* itemsBox_;
    TypeEditor* items_ = nullptr;
    QCheckBox* nullable_;
    QCheckBox* uniqueItems_;
    QLineEdit* literal_;
    QLineEdit* otherFormat_;
    QGroupBox* unionBox_;
    UnionEditor* union_ = nullptr;
};

// "a, b, 3" <-> ["a", "b", 3]: numbers stay numbers, everything else is a string.
QString enumValuesToText(const std::vector<Json>& values);
std::vector<Json> enumValuesFromText(const QString& text);

// A literal's value as typed: JSON (3, true, null, "3") or bare text for a string.
QString literalToText(const Json& value);
Json literalFromText(const QString& text);

}  // namespace loadstar::widgets
