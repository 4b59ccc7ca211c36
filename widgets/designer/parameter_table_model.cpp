#include "widgets/designer/parameter_table_model.h"

namespace loadstar::widgets {

ParameterTableModel::ParameterTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ParameterTableModel::setParameters(const std::vector<model::Parameter>& parameters) {
    if (parameters == parameters_) return;
    if (parameters.size() == parameters_.size() && !parameters.empty()) {
        parameters_ = parameters;
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    parameters_ = parameters;
    endResetModel();
}

int ParameterTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(parameters_.size());
}

int ParameterTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParameterTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const model::Parameter& p = parameters_[static_cast<std::size_t>(index.row())];
    if (index.column() == RequiredColumn) {
        if (role == Qt::CheckStateRole) return p.required ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(p.name);
        case InColumn:
            return QString::fromLatin1(model::toString(p.in));
        case TypeColumn:
            return role == Qt::EditRole ? QString::fromLatin1(model::toString(p.type.kind))
                                        : QString::fromStdString(model::describe(p.type));
        case DescriptionColumn:
            return QString::fromStdString(p.description);
        default:
            return {};
    }
}

bool ParameterTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= rowCount()) return false;
    model::Parameter p = parameters_[static_cast<std::size_t>(index.row())];
    QString what;
    if (index.column() == RequiredColumn && role == Qt::CheckStateRole) {
        p.required = value.toInt() == Qt::Checked;
        what = QStringLiteral("required");
    } else if (role == Qt::EditRole) {
        const std::string text = value.toString().trimmed().toStdString();
        switch (index.column()) {
            case NameColumn:
                p.name = text;
                what = QStringLiteral("name");
                break;
            case InColumn: {
                const auto in = model::parseParamLocation(text);
                if (!in) return false;
                p.in = *in;
                // Path parameters are always required; say so rather than raise a problem.
                if (p.in == model::ParamLocation::Path) p.required = true;
                what = QStringLiteral("location");
                break;
            }
            case TypeColumn: {
                const auto kind = model::parseTypeKind(text);
                if (!kind) return false;
                p.type = model::TypeSpec::scalar(*kind);
                what = QStringLiteral("type");
                break;
            }
            case DescriptionColumn:
                p.description = value.toString().toStdString();
                what = QStringLiteral("description");
                break;
            default:
                return false;
        }
    } else {
        return false;
    }
    if (p == parameters_[static_cast<std::size_t>(index.row())]) return false;
    emit parameterEdited(index.row(), p, what);
    return true;
}

Qt::ItemFlags ParameterTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == RequiredColumn) return base | Qt::ItemIsUserCheckable;
    return base | Qt::ItemIsEditable;
}

QVariant ParameterTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NameColumn:
            return tr("Name");
        case InColumn:
            return tr("In");
        case TypeColumn:
            return tr("Type");
        case RequiredColumn:
            return tr("Required");
        case DescriptionColumn:
            return tr("Description");
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
