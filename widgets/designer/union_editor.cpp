#include "widgets/designer/union_editor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/common/quiet_update.h"
#include "widgets/designer/type_editor.h"

namespace loadstar::widgets {

QString mappingToText(const std::vector<std::pair<std::string, std::string>>& mapping) {
    QStringList parts;
    for (const auto& [tag, modelName] : mapping)
        parts << QString::fromStdString(tag) + QLatin1Char('=') + QString::fromStdString(modelName);
    return parts.join(QStringLiteral(", "));
}

std::vector<std::pair<std::string, std::string>> mappingFromText(const QString& text) {
    std::vector<std::pair<std::string, std::string>> mapping;
    for (const QString& piece : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype equals = piece.indexOf(QLatin1Char('='));
        if (equals < 0) continue;
        const QString tag = piece.left(equals).trimmed();
        const QString modelName = piece.mid(equals + 1).trimmed();
        if (tag.isEmpty() || modelName.isEmpty()) continue;
        mapping.emplace_back(tag.toStdString(), modelName.toStdString());
    }
    return mapping;
}

UnionEditor::UnionEditor(QWidget* parent, int depth)
    : QWidget(parent),
      depth_(depth),
      list_(new QVBoxLayout),
      add_(new QPushButton(tr("Add &variant"))),
      exclusive_(new QCheckBox(tr("Exactly one variant matches (oneOf)"))),
      property_(new QLineEdit),
      mapping_(new QLineEdit) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    list_->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(list_);
    add_->setObjectName("addVariant");
    outer->addWidget(add_, 0, Qt::AlignLeft);
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    exclusive_->setObjectName("exclusive");
    property_->setObjectName("discriminator");
    property_->setPlaceholderText(tr("none: each variant is tried (smart union)"));
    property_->setToolTip(
        tr("The field whose value names the variant (Pydantic's tagged union); "
           "every variant must then be a model with that field"));
    mapping_->setObjectName("mapping");
    mapping_->setPlaceholderText(tr("tag=Model, … (else the models' literal tag fields, or their names)"));
    form->addRow(QString(), exclusive_);
    form->addRow(tr("Discriminator"), property_);
    form->addRow(tr("Tag mapping"), mapping_);
    outer->addLayout(form);

    connect(add_, &QPushButton::clicked, this, [this] {
        model::TypeSpec next = type_;
        next.variants.push_back(model::TypeSpec::scalar(model::TypeKind::String));
        emitEdit(next, tr("variants"));
    });
    connect(exclusive_, &QCheckBox::toggled, this, [this](bool on) {
        model::TypeSpec next = type_;
        next.exclusive = on;
        emitEdit(next, tr("exclusive"));
    });
    connect(property_, &QLineEdit::textEdited, this, [this] { onDiscriminatorEdited(); });
    connect(mapping_, &QLineEdit::textEdited, this, [this] { onDiscriminatorEdited(); });
}

void UnionEditor::onDiscriminatorEdited() {
    model::TypeSpec next = type_;
    const std::string property = property_->text().trimmed().toStdString();
    if (property.empty()) {
        next.discriminator.reset();
    } else {
        next.discriminator = model::Discriminator{property, mappingFromText(mapping_->text())};
    }
    emitEdit(next, tr("discriminator"));
}

void UnionEditor::emitEdit(model::TypeSpec next, const QString& what) {
    if (next == type_) return;
    type_ = next;
    syncVariants();
    emit edited(type_, what);
}

void UnionEditor::setModelNames(const QStringList& names) {
    modelNames_ = names;
    for (const Variant& v : variants_)
        v.editor->setModelNames(names);
}

void UnionEditor::setType(const model::TypeSpec& type) {
    type_ = type;
    syncVariants();
    quiet::setChecked(exclusive_, type.exclusive);
    const QString property =
        type.discriminator ? QString::fromStdString(type.discriminator->property) : QString();
    if (property_->text().trimmed() != property) quiet::setText(property_, property);
    const auto mapping =
        type.discriminator ? type.discriminator->mapping : std::vector<std::pair<std::string, std::string>>{};
    // Leave a half-typed entry ("cat=") alone while it means the same mapping.
    if (mappingFromText(mapping_->text()) != mapping) quiet::setText(mapping_, mappingToText(mapping));
    mapping_->setEnabled(type.discriminator.has_value());
}

// One editor per variant, reused across updates so that focus and typing survive.
void UnionEditor::syncVariants() {
    while (variants_.size() > type_.variants.size()) {
        delete variants_.back().row;
        variants_.pop_back();
    }
    while (variants_.size() < type_.variants.size()) {
        const std::size_t index = variants_.size();
        Variant v;
        v.row = new QFrame;
        auto* frame = static_cast<QFrame*>(v.row);
        frame->setFrameShape(QFrame::StyledPanel);
        auto* layout = new QHBoxLayout(frame);
        layout->setContentsMargins(6, 4, 6, 4);
        auto* label = new QLabel(QString::number(index + 1));
        label->setAlignment(Qt::AlignTop);
        layout->addWidget(label);
        v.editor = new TypeEditor(frame, depth_ + 1);
        v.editor->setObjectName(QStringLiteral("variant%1").arg(index));
        v.editor->setModelNames(modelNames_);
        layout->addWidget(v.editor, 1);
        v.remove = new QPushButton(tr("Remove"));
        v.remove->setObjectName(QStringLiteral("removeVariant%1").arg(index));
        layout->addWidget(v.remove, 0, Qt::AlignTop);
        list_->addWidget(frame);
        connect(v.editor, &TypeEditor::edited, this,
                [this, index](const model::TypeSpec& variant, const QString& what) {
                    if (index >= type_.variants.size()) return;
                    model::TypeSpec next = type_;
                    next.variants[index] = variant;
                    emitEdit(next, tr("variant %1 %2").arg(index + 1).arg(what));
                });
        connect(v.remove, &QPushButton::clicked, this, [this, index] {
            if (index >= type_.variants.size()) return;
            model::TypeSpec next = type_;
            next.variants.erase(next.variants.begin() + static_cast<std::ptrdiff_t>(index));
            emitEdit(next, tr("variants"));
        });
        variants_.push_back(v);
    }
    for (std::size_t i = 0; i < variants_.size(); ++i)
        variants_[i].editor->setType(type_.variants[i]);
}

TypeEditor* UnionEditor::variantEditor(std::size_t index) const {
    return index < variants_.size() ? variants_[index].editor : nullptr;
}

QWidget* UnionEditor::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key == "exclusive") return exclusive_;
    if (key == "discriminator") return pointer.token(from + 1) == "mapping" ? mapping_ : property_;
    if (key == "variants") {
        const int index = pointer.indexAt(from + 1);
        if (index < 0) return add_;
        if (TypeEditor* editor = variantEditor(static_cast<std::size_t>(index)))
            return editor->locate(pointer, from + 2);
    }
    return add_;
}

}  // namespace loadstar::widgets
