#pragma once

#include <vector>

#include <QStringList>
#include <QWidget>

#include "engine/model/type_spec.h"
#include "widgets/document/json_pointer.h"

class QCheckBox;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace loadstar::widgets {

class TypeEditor;

// Edits a union's alternatives (each a nested type editor, removable), whether it
// is exclusive (oneOf), and its optional discriminator: the tag property and the
// tag-to-model mapping ("lte=CellularLink, 5g=CellularLink").
class UnionEditor : public QWidget {
    Q_OBJECT

  public:
    UnionEditor(QWidget* parent, int depth);

    void setModelNames(const QStringList& names);
    void setType(const model::TypeSpec& type);

    QWidget* locate(const JsonPointer& pointer, std::size_t from);
    TypeEditor* variantEditor(std::size_t index) const;
    std::size_t variantCount() const { return variants_.size(); }
    QPushButton* addButton() const { return add_; }
    QCheckBox* exclusiveBox() const { return exclusive_; }
    QLineEdit* discriminatorEdit() const { return property_; }
    QLineEdit* mappingEdit() const { return mapping_; }

  signals:
    void edited(const model::TypeSpec& type, const QString& what);

  private:
    struct Variant {
        QWidget* row = nullptr;
        TypeEditor* editor = nullptr;
        QPushButton* remove = nullptr;
    };

    void syncVariants();
    void emitEdit(model::TypeSpec next, const QString& what);
    void onDiscriminatorEdited();

    int depth_;
    model::TypeSpec type_;
    QStringList modelNames_;
    QVBoxLayout* list_;
    std::vector<Variant> variants_;
    QPushButton* add_;
    QCheckBox* exclusive_;
    QLineEdit* property_;
    QLineEdit* mapping_;
};

// "cat=Cat, lte=CellularLink" <-> [("cat","Cat"), ("lte","CellularLink")]; pieces
// without '=' or with an empty side are left out.
QString mappingToText(const std::vector<std::pair<std::string, std::string>>& mapping);
std::vector<std::pair<std::string, std::string>> mappingFromText(const QString& text);

}  // namespace loadstar::widgets
