#include "widgets/designer/field_form.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

#include "widgets/common/form_fields.h"
#include "widgets/common/quiet_update.h"
#include "widgets/designer/json_value_text.h"
#include "widgets/designer/type_editor.h"

namespace loadstar::widgets {

FieldForm::FieldForm(QWidget* parent)
    : QWidget(parent),
      name_(new QLineEdit),
      type_(new TypeEditor),
      required_(new QCheckBox(tr("Re&quired"))),
      default_(new QLineEdit),
      example_(new QLineEdit),
      description_(form::textBox("description", 4)) {
    auto* rows = form::growingForm(this);
    rows->setContentsMargins(0, 0, 0, 0);
    name_->setObjectName("fieldName");
    required_->setObjectName("required");
    default_->setObjectName("default");
    example_->setObjectName("example");
    default_->setPlaceholderText(tr("none (JSON, or bare text for strings)"));
    example_->setPlaceholderText(tr("none (JSON, or bare text for strings)"));
    rows->addRow(tr("&Name"), name_);
    rows->addRow(type_);
    rows->addRow(QString(), required_);
    rows->addRow(tr("Defa&ult"), default_);
    rows->addRow(tr("E&xample"), example_);
    rows->addRow(tr("Descr&iption"), description_);

    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        field_.name = text.toStdString();
        emit edited(field_, QStringLiteral("name"));
    });
    connect(type_, &TypeEditor::edited, this, [this](const model::TypeSpec& type, const QString& what) {
        field_.type = type;
        emit edited(field_, what);
    });
    connect(required_, &QCheckBox::toggled, this, [this](bool on) {
        field_.required = on;
        emit edited(field_, QStringLiteral("required"));
    });
    connect(default_, &QLineEdit::textEdited, this,
            [this] { onValueEdited(default_, &model::Field::defaultValue, QStringLiteral("default")); });
    connect(example_, &QLineEdit::textEdited, this,
            [this] { onValueEdited(example_, &model::Field::example, QStringLiteral("example")); });
    connect(description_, &QPlainTextEdit::textChanged, this, [this] {
        field_.description = description_->toPlainText().toStdString();
        emit edited(field_, QStringLiteral("description"));
    });
    for (QLineEdit* edit : {name_, default_, example_}) {
        connect(edit, &QLineEdit::editingFinished, this, &FieldForm::editFinished);
    }
}

void FieldForm::onValueEdited(QLineEdit* edit, std::optional<Json> model::Field::*member,
                              const QString& what) {
    std::optional<Json> value;
    if (!jsonValueFromText(edit->text(), field_.type, value)) {
        edit->setToolTip(tr("Not valid JSON yet: numbers as 42, lists as [1, 2], text in quotes"));
        return;
    }
    edit->setToolTip({});
    field_.*member = value;
    emit edited(field_, what);
}

void FieldForm::setModelNames(const QStringList& names) {
    type_->setModelNames(names);
}

void FieldForm::setField(const model::Field& field) {
    field_ = field;
    quiet::setText(name_, QString::fromStdString(field.name));
    type_->setType(field.type);
    quiet::setChecked(required_, field.required);
    // Leave half-typed JSON alone while its widget has the focus.
    if (!(default_->hasFocus() && !default_->toolTip().isEmpty())) {
        quiet::setText(default_, jsonValueToText(field.defaultValue, field.type));
    }
    if (!(example_->hasFocus() && !example_->toolTip().isEmpty())) {
        quiet::setText(example_, jsonValueToText(field.example, field.type));
    }
    quiet::setPlainText(description_, QString::fromStdString(field.description));
}

QWidget* FieldForm::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key == "name") return name_;
    if (key == "required") return required_;
    if (key == "default") return default_;
    if (key == "example") return example_;
    if (key == "description") return description_;
    return type_->locate(pointer, from);
}

}  // namespace loadstar::widgets
