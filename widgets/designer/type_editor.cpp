#include "widgets/designer/type_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QVBoxLayout>

#include "widgets/common/quiet_update.h"
#include "widgets/designer/union_editor.h"

namespace loadstar::widgets {

namespace {

constexpr int kMaxNesting = 3;  // e.g. array of map of union: deeper designs are edited in the file

std::optional<double>* doubleSlot(model::Constraints& c, const std::string& key) {
    if (key == "ge") return &c.ge;
    if (key == "gt") return &c.gt;
    if (key == "le") return &c.le;
    if (key == "lt") return &c.lt;
    if (key == "multiple_of") return &c.multipleOf;
    return nullptr;
}

std::optional<std::int64_t>* integerSlot(model::Constraints& c, const std::string& key) {
    if (key == "min_length") return &c.minLength;
    if (key == "max_length") return &c.maxLength;
    if (key == "min_items") return &c.minItems;
    if (key == "max_items") return &c.maxItems;
    return nullptr;
}

QString numberText(double v) {
    return QString::number(v, 'g', 15);
}

bool applies(model::TypeKind kind, const std::string& key) {
    using model::TypeKind;
    const bool numeric = kind == TypeKind::Integer || kind == TypeKind::Number;
    if (key == "ge" || key == "gt" || key == "le" || key == "lt" || key == "multiple_of") return numeric;
    if (key == "min_length" || key == "max_length" || key == "pattern") return kind == TypeKind::String;
    if (key == "min_items" || key == "max_items") return kind == TypeKind::Array;
    return false;
}

bool nests(model::TypeKind kind) {
    return kind == model::TypeKind::Array || kind == model::TypeKind::Map || kind == model::TypeKind::Union;
}

}  // namespace

QString enumValuesToText(const std::vector<Json>& values) {
    QStringList parts;
    for (const Json& v : values) {
        parts << QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
    }
    return parts.join(QStringLiteral(", "));
}

std::vector<Json> enumValuesFromText(const QString& text) {
    std::vector<Json> values;
    for (const QString& raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString part = raw.trimmed();
        if (part.isEmpty()) continue;
        bool isInteger = false;
        const qlonglong n = part.toLongLong(&isInteger);
        if (isInteger) {
            values.emplace_back(static_cast<std::int64_t>(n));
        } else {
            values.emplace_back(part.toStdString());
        }
    }
    return values;
}

QString literalToText(const Json& value) {
    if (value.is_string()) {
        const QString text = QString::fromStdString(value.get<std::string>());
        // Bare unless the text would read back as another JSON value ("3", "true").
        if (Json::parse(value.get<std::string>(), nullptr, false).is_discarded() &&
            !text.startsWith(QLatin1Char('"')))
            return text;
    }
    return QString::fromStdString(value.dump());
}

Json literalFromText(const QString& text) {
    Json parsed = Json::parse(text.trimmed().toStdString(), nullptr, false);
    if (parsed.is_discarded() || parsed.is_object() || parsed.is_array()) return Json(text.toStdString());
    return parsed;
}

TypeEditor::TypeEditor(QWidget* parent, int depth)
    : QWidget(parent),
      depth_(depth),
      form_(new QFormLayout),
      kind_(new QComboBox),
      model_(new QComboBox),
      enumValues_(new QLineEdit),
      format_(new QComboBox),
      itemsBox_(new QGroupBox(tr("Item type"))),
      nullable_(new QCheckBox(tr("&Null allowed (Optional)"))),
      uniqueItems_(new QCheckBox(tr("Items are &unique"))),
      literal_(new QLineEdit),
      otherFormat_(new QLineEdit),
      unionBox_(new QGroupBox(tr("Variants"))) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(form_);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    using model::TypeKind;
    const std::pair<QString, TypeKind> kinds[] = {
        {tr("string"), TypeKind::String},     {tr("integer"), TypeKind::Integer},
        {tr("number"), TypeKind::Number},     {tr("boolean"), TypeKind::Boolean},
        {tr("array of …"), TypeKind::Array},  {tr("model"), TypeKind::Object},
        {tr("enum"), TypeKind::Enum},         {tr("literal"), TypeKind::Literal},
        {tr("map of …"), TypeKind::Map},      {tr("union of …"), TypeKind::Union},
        {tr("any JSON value"), TypeKind::Any}};
    for (const auto& [label, kind] : kinds) {
        if (nests(kind) && depth_ >= kMaxNesting) continue;
        kind_->addItem(label, static_cast<int>(kind));
    }
    kind_->setObjectName("kind");
    form_->addRow(tr("&Type"), kind_);
    connect(kind_, &QComboBox::activated, this, [this] { onKindChosen(); });

    model_->setObjectName("model");
    form_->addRow(tr("Mo&del"), model_);
    connect(model_, &QComboBox::activated, this, [this] {
        model::TypeSpec next = type_;
        next.modelRef = model_->currentText().toStdString();
        emitEdit(next, tr("model"));
    });

    enumValues_->setObjectName("values");
    enumValues_->setPlaceholderText(tr("small, medium, large"));
    enumValues_->setToolTip(tr("Allowed values, separated by commas; whole numbers stay numbers"));
    form_->addRow(tr("&Values"), enumValues_);
    connect(enumValues_, &QLineEdit::textEdited, this, [this](const QString& text) {
        model::TypeSpec next = type_;
        next.enumValues = enumValuesFromText(text);
        emitEdit(next, tr("values"));
    });

    format_->setObjectName("format");
    using model::StringFormat;
    for (StringFormat f :
         {StringFormat::None, StringFormat::Email, StringFormat::Uuid, StringFormat::DateTime,
          StringFormat::Date, StringFormat::Time, StringFormat::Uri, StringFormat::Hostname,
          StringFormat::Ipv4, StringFormat::Ipv6, StringFormat::Byte, StringFormat::Binary}) {
        const QString name = QString::fromLatin1(model::toString(f));
        format_->addItem(name.isEmpty() ? tr("(any)") : name, static_cast<int>(f));
    }
    form_->addRow(tr("&Format"), format_);
    connect(format_, &QComboBox::activated, this, [this] {
        model::TypeSpec next = type_;
        next.constraints.format = static_cast<model::StringFormat>(format_->currentData().toInt());
        emitEdit(next, tr("format"));
    });

    addConstraint("min_length", tr("Min length"), true);
    addConstraint("max_length", tr("Max length"), true);
    QLineEdit* pattern = new QLineEdit;
    pattern->setObjectName("pattern");
    pattern->setPlaceholderText(tr("regular expression (RE2), searched anywhere"));
    constraints_["pattern"] = pattern;
    form_->addRow(tr("Pattern"), pattern);
    connect(pattern, &QLineEdit::textEdited, this, [this](const QString& text) {
        model::TypeSpec next = type_;
        next.constraints.pattern =
            text.isEmpty() ? std::nullopt : std::optional<std::string>(text.toStdString());
        emitEdit(next, QStringLiteral("pattern"));
    });
    addConstraint("ge", tr("Minimum (≥)"), false);
    addConstraint("gt", tr("Above (>)"), false);
    addConstraint("le", tr("Maximum (≤)"), false);
    addConstraint("lt", tr("Below (<)"), false);
    addConstraint("multiple_of", tr("Multiple of"), false);
    addConstraint("min_items", tr("Min items"), true);
    addConstraint("max_items", tr("Max items"), true);

    new QVBoxLayout(itemsBox_);
    outer->addWidget(itemsBox_);
    new QVBoxLayout(unionBox_);
    outer->addWidget(unionBox_);
    addNewKindRows();
    updateRows();
}

// Null, a literal's value, a format Loadstar does not check, unique items: each
// placed next to the row it belongs with.
void TypeEditor::addNewKindRows() {
    const auto rowOf = [this](QWidget* widget) {
        int row = -1;
        QFormLayout::ItemRole role{};
        form_->getWidgetPosition(widget, &row, &role);
        return row;
    };
    nullable_->setObjectName("nullable");
    nullable_->setToolTip(tr("null is a valid value besides the type's own (Optional[X])"));
    form_->insertRow(rowOf(kind_) + 1, QString(), nullable_);
    connect(nullable_, &QCheckBox::toggled, this, [this](bool on) {
        model::TypeSpec next = type_;
        next.nullable = on;
        emitEdit(next, tr("nullable"));
    });

    literal_->setObjectName("value");
    literal_->setPlaceholderText(tr("cat, 3, true or null"));
    literal_->setToolTip(tr("The one value allowed (Literal); text in quotes stays text: \"3\""));
    form_->insertRow(rowOf(enumValues_) + 1, tr("&Value"), literal_);
    connect(literal_, &QLineEdit::textEdited, this, [this](const QString& text) {
        model::TypeSpec next = type_;
        next.enumValues = {literalFromText(text)};
        emitEdit(next, tr("value"));
    });

    otherFormat_->setObjectName("other_format");
    otherFormat_->setPlaceholderText(tr("none"));
    otherFormat_->setToolTip(
        tr("A format Loadstar does not check (int64, password, …): kept and exported, "
           "not checked"));
    form_->insertRow(rowOf(format_) + 1, tr("Other format (not checked)"), otherFormat_);
    connect(otherFormat_, &QLineEdit::textEdited, this, [this](const QString& text) {
        model::TypeSpec next = type_;
        next.constraints.otherFormat = text.trimmed().toStdString();
        emitEdit(next, QStringLiteral("other_format"));
    });

    uniqueItems_->setObjectName("unique_items");
    form_->insertRow(rowOf(constraints_.at("max_items")) + 1, QString(), uniqueItems_);
    connect(uniqueItems_, &QCheckBox::toggled, this, [this](bool on) {
        model::TypeSpec next = type_;
        next.constraints.uniqueItems = on;
        emitEdit(next, QStringLiteral("unique_items"));
    });
}

QLineEdit* TypeEditor::addConstraint(const char* key, const QString& label, bool integer) {
    auto* edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(key));
    edit->setPlaceholderText(tr("none"));
    constraints_[key] = edit;
    form_->addRow(label, edit);
    connect(edit, &QLineEdit::textEdited, this,
            [this, key, edit, integer] { onConstraintEdited(key, edit, integer); });
    return edit;
}

void TypeEditor::onConstraintEdited(const char* key, QLineEdit* edit, bool integer) {
    model::TypeSpec next = type_;
    const QString text = edit->text().trimmed();
    bool ok = true;
    if (integer) {
        const qlonglong value = text.toLongLong(&ok);
        *integerSlot(next.constraints, key) =
            text.isEmpty() ? std::nullopt : std::optional<std::int64_t>(static_cast<std::int64_t>(value));
    } else {
        const double value = text.toDouble(&ok);
        *doubleSlot(next.constraints, key) = text.isEmpty() ? std::nullopt : std::optional<double>(value);
    }
    if (!text.isEmpty() && !ok) {
        // Keep the design as it was until the text is a number again.
        edit->setToolTip(integer ? tr("Enter a whole number, or leave empty for no limit")
                                 : tr("Enter a number, or leave empty for no limit"));
        return;
    }
    edit->setToolTip({});
    emitEdit(next, QString::fromLatin1(key));
}

// A fresh type of `kind`, seeded from the current one where that helps: a union
// starts with the current type as its first variant, a literal with the first
// enum value.
model::TypeSpec TypeEditor::typeOfKind(model::TypeKind kind) const {
    using model::TypeKind;
    model::TypeSpec present = type_;
    present.nullable = false;
    switch (kind) {
        case TypeKind::Array:
            return model::TypeSpec::arrayOf(model::TypeSpec::scalar(TypeKind::String));
        case TypeKind::Map:
            return model::TypeSpec::mapOf(model::TypeSpec::scalar(TypeKind::String));
        case TypeKind::Union:
            return model::TypeSpec::unionOf(
                {present, model::TypeSpec::scalar(present.kind == TypeKind::String ? TypeKind::Integer
                                                                                   : TypeKind::String)});
        case TypeKind::Literal:
            return model::TypeSpec::literal(type_.enumValues.empty() ? Json("value")
                                                                     : type_.enumValues.front());
        default:
            return model::TypeSpec::scalar(kind);
    }
}

void TypeEditor::onKindChosen() {
    using model::TypeKind;
    const auto kind = static_cast<TypeKind>(kind_->currentData().toInt());
    if (kind == type_.kind) return;
    model::TypeSpec next = typeOfKind(kind);
    next.nullable = type_.nullable;
    next.constraints.otherFormat = type_.constraints.otherFormat;
    // Keep the constraints that still apply; the rest would only raise warnings.
    for (const auto& [key, edit] : constraints_) {
        if (!applies(kind, key)) continue;
        if (auto* slot = doubleSlot(type_.constraints, key)) *doubleSlot(next.constraints, key) = *slot;
        if (auto* slot = integerSlot(type_.constraints, key)) *integerSlot(next.constraints, key) = *slot;
    }
    if (kind == TypeKind::String) {
        next.constraints.pattern = type_.constraints.pattern;
        next.constraints.format = type_.constraints.format;
    }
    if (kind == TypeKind::Object && !modelNames_.isEmpty()) next.modelRef = modelNames_.front().toStdString();
    if (kind == TypeKind::Enum)
        next.enumValues = type_.enumValues;  // a literal's value becomes the first member
    if (kind == TypeKind::Array) next.constraints.uniqueItems = type_.constraints.uniqueItems;
    emitEdit(next, tr("type"));
}

void TypeEditor::emitEdit(model::TypeSpec next, const QString& what) {
    if (next == type_) return;
    type_ = next;
    updateRows();
    emit edited(type_, what);
}

void TypeEditor::setModelNames(const QStringList& names) {
    modelNames_ = names;
    if (items_ != nullptr) items_->setModelNames(names);
    if (union_ != nullptr) union_->setModelNames(names);
    setType(type_);
}

void TypeEditor::ensureItemsEditor() {
    if (items_ != nullptr) return;
    items_ = new TypeEditor(itemsBox_, depth_ + 1);
    items_->setModelNames(modelNames_);
    itemsBox_->layout()->addWidget(items_);
    connect(items_, &TypeEditor::edited, this, [this](const model::TypeSpec& item, const QString& what) {
        model::TypeSpec next = type_;
        next.items = std::make_shared<model::TypeSpec>(item);
        emitEdit(next, tr("items %1").arg(what));
    });
}

void TypeEditor::ensureUnionEditor() {
    if (union_ != nullptr) return;
    union_ = new UnionEditor(unionBox_, depth_);
    union_->setModelNames(modelNames_);
    unionBox_->layout()->addWidget(union_);
    connect(union_, &UnionEditor::edited, this, [this](const model::TypeSpec& next, const QString& what) {
        model::TypeSpec merged = next;
        merged.nullable = type_.nullable;  // the union editor does not own these
        merged.constraints = type_.constraints;
        emitEdit(merged, what);
    });
}

void TypeEditor::setType(const model::TypeSpec& type) {
    type_ = type;
    quiet::setCurrentData(kind_, static_cast<int>(type.kind));
    quiet::setChecked(nullable_, type.nullable);
    quiet::setChecked(uniqueItems_, type.constraints.uniqueItems);
    if (type.kind == model::TypeKind::Literal && literalFromText(literal_->text()) != type.literalValue())
        quiet::setText(literal_, literalToText(type.literalValue()));
    if (otherFormat_->text().trimmed().toStdString() != type.constraints.otherFormat)
        quiet::setText(otherFormat_, QString::fromStdString(type.constraints.otherFormat));
    {
        const QSignalBlocker block(model_);
        model_->clear();
        model_->addItems(modelNames_);
        if (!type.modelRef.empty() && model_->findText(QString::fromStdString(type.modelRef)) < 0) {
            model_->addItem(QString::fromStdString(type.modelRef));
        }
        model_->setCurrentIndex(model_->findText(QString::fromStdString(type.modelRef)));
    }
    // Only rewrite the values text when it means something else, so "a, " keeps its comma while typing.
    if (enumValuesFromText(enumValues_->text()) != type.enumValues) {
        quiet::setText(enumValues_, enumValuesToText(type.enumValues));
    }
    quiet::setCurrentData(format_, static_cast<int>(type.constraints.format));
    model::Constraints c = type.constraints;
    for (const auto& [key, edit] : constraints_) {
        QString text;
        if (auto* slot = doubleSlot(c, key); slot != nullptr && *slot) text = numberText(**slot);
        if (auto* slot = integerSlot(c, key); slot != nullptr && *slot) text = QString::number(**slot);
        if (key == "pattern" && c.pattern) text = QString::fromStdString(*c.pattern);
        // A half-typed number ("1e") stays on screen while the design keeps the last valid one.
        if (!edit->toolTip().isEmpty() && edit->hasFocus()) continue;
        quiet::setText(edit, text);
    }
    if ((type.kind == model::TypeKind::Array || type.kind == model::TypeKind::Map) && type.items) {
        ensureItemsEditor();
        items_->setType(*type.items);
    }
    if (type.kind == model::TypeKind::Union) {
        ensureUnionEditor();
        union_->setType(type);
    }
    updateRows();
}

void TypeEditor::updateRows() {
    using model::TypeKind;
    const TypeKind kind = type_.kind;
    form_->setRowVisible(model_, kind == TypeKind::Object);
    form_->setRowVisible(enumValues_, kind == TypeKind::Enum);
    form_->setRowVisible(format_, kind == TypeKind::String);
    form_->setRowVisible(literal_, kind == TypeKind::Literal);
    for (const auto& [key, edit] : constraints_) {
        // A constraint set on the wrong kind stays visible so that its warning can be fixed.
        form_->setRowVisible(edit, applies(kind, key) || !edit->text().isEmpty());
    }
    form_->setRowVisible(uniqueItems_, kind == TypeKind::Array || type_.constraints.uniqueItems);
    // Formats Loadstar cannot check belong to scalars ("int64", "password").
    form_->setRowVisible(otherFormat_, kind == TypeKind::String || kind == TypeKind::Integer ||
                                           kind == TypeKind::Number ||
                                           !type_.constraints.otherFormat.empty());
    itemsBox_->setTitle(kind == TypeKind::Map ? tr("Value type (keys are strings)") : tr("Item type"));
    itemsBox_->setVisible((kind == TypeKind::Array || kind == TypeKind::Map) && items_ != nullptr);
    unionBox_->setVisible(kind == TypeKind::Union && union_ != nullptr);
}

QLineEdit* TypeEditor::constraintEdit(const std::string& key) const {
    const auto it = constraints_.find(key);
    return it == constraints_.end() ? nullptr : it->second;
}

QWidget* TypeEditor::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key.empty() || key == "type") return kind_;
    if (key == "items") return items_ != nullptr ? items_->locate(pointer, from + 1) : kind_;
    if (key == "model") return model_;
    if (key == "values") return enumValues_;
    if (key == "value") return literal_;
    if (key == "format") return format_;
    if (key == "other_format") return otherFormat_;
    if (key == "nullable") return nullable_;
    if (key == "unique_items") return uniqueItems_;
    if (key == "variants" || key == "exclusive" || key == "discriminator")
        return union_ != nullptr ? union_->locate(pointer, from) : kind_;
    if (auto it = constraints_.find(key); it != constraints_.end()) return it->second;
    return kind_;
}

}  // namespace loadstar::widgets
