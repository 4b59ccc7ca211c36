#include "widgets/designer/field_table_model.h"

#include <QStringList>

#include "widgets/designer/json_value_text.h"
#include "widgets/designer/type_editor.h"

namespace loadstar::widgets {

namespace {

QString number(double v) {
    return QString::number(v, 'g', 15);
}

QString range(const std::optional<std::int64_t>& lo, const std::optional<std::int64_t>& hi,
              const QString& unit) {
    if (lo && hi)
        return lo == hi ? QStringLiteral("%1 %2").arg(*lo).arg(unit)
                        : QStringLiteral("%1–%2 %3").arg(*lo).arg(*hi).arg(unit);
    if (lo) return QStringLiteral("≥ %1 %2").arg(*lo).arg(unit);
    if (hi) return QStringLiteral("≤ %1 %2").arg(*hi).arg(unit);
    return {};
}

}  // namespace

QString constraintsSummary(const model::TypeSpec& type) {
    const model::Constraints& c = type.constraints;
    QStringList parts;
    if (c.ge) parts << QStringLiteral("≥ %1").arg(number(*c.ge));
    if (c.gt) parts << QStringLiteral("> %1").arg(number(*c.gt));
    if (c.le) parts << QStringLiteral("≤ %1").arg(number(*c.le));
    if (c.lt) parts << QStringLiteral("< %1").arg(number(*c.lt));
    if (c.multipleOf) parts << QObject::tr("multiple of %1").arg(number(*c.multipleOf));
    if (QString length = range(c.minLength, c.maxLength, QObject::tr("chars")); !length.isEmpty())
        parts << length;
    if (c.pattern) parts << QObject::tr("matches %1").arg(QString::fromStdString(*c.pattern));
    if (c.format != model::StringFormat::None) parts << QString::fromLatin1(model::toString(c.format));
    if (!c.otherFormat.empty())
        parts << QObject::tr("%1 (not checked)").arg(QString::fromStdString(c.otherFormat));
    if (QString items = range(c.minItems, c.maxItems, QObject::tr("items")); !items.isEmpty()) parts << items;
    if (c.uniqueItems) parts << QObject::tr("unique items");
    if (type.discriminator) {
        parts << QObject::tr("tagged by %1").arg(QString::fromStdString(type.discriminator->property));
    }
    if (type.kind == model::TypeKind::Enum) {
        parts << QObject::tr("one of %1").arg(enumValuesToText(type.enumValues));
    }
    if (type.kind == model::TypeKind::Array && type.items) {
        const QString inner = constraintsSummary(*type.items);
        if (!inner.isEmpty()) parts << QObject::tr("each %1").arg(inner);
    }
    if (type.kind == model::TypeKind::Map && type.items) {
        const QString inner = constraintsSummary(*type.items);
        if (!inner.isEmpty()) parts << QObject::tr("each value %1").arg(inner);
    }
    return parts.join(QStringLiteral("; "));
}

FieldTableModel::FieldTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FieldTableModel::setFields(const std::vector<model::Field>& fields) {
    if (fields == fields_) return;
    if (fields.size() == fields_.size()) {
        // Same rows, new values: keep the selection and the scroll position.
        fields_ = fields;
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    fields_ = fields;
    endResetModel();
}

int FieldTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(fields_.size());
}

int FieldTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const model::Field& f = fields_[static_cast<std::size_t>(index.row())];
    if (role == Qt::CheckStateRole && index.column() == RequiredColumn) {
        return f.required ? Qt::Checked : Qt::Unchecked;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(f.name);
        case TypeColumn:
            return QString::fromStdString(model::describe(f.type));
        case RequiredColumn:
            return role == Qt::ToolTipRole ? QVariant(f.required ? tr("required") : tr("optional"))
                                           : QVariant();
        case DefaultColumn:
            return jsonValueToText(f.defaultValue, f.type);
        case ConstraintsColumn:
            return constraintsSummary(f.type);
        case DescriptionColumn:
            return QString::fromStdString(f.description);
        default:
            return {};
    }
}

QVariant FieldTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NameColumn:
            return tr("Name");
        case TypeColumn:
            return tr("Type");
        case RequiredColumn:
            return tr("Required");
        case DefaultColumn:
            return tr("Default");
        case ConstraintsColumn:
            return tr("Constraints");
        case DescriptionColumn:
            return tr("Description");
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
