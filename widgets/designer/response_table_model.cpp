#include "widgets/designer/response_table_model.h"

#include "widgets/cockpit/body_choices.h"

namespace loadstar::widgets {

ResponseTableModel::ResponseTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResponseTableModel::setResponses(const std::vector<model::Response>& responses) {
    if (responses == responses_) return;
    if (responses.size() == responses_.size() && !responses.empty()) {
        responses_ = responses;
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    responses_ = responses;
    endResetModel();
}

int ResponseTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(responses_.size());
}

int ResponseTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResponseTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    const model::Response& r = responses_[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
        case StatusColumn:
            return r.status;
        case BodyColumn:
            if (role == Qt::EditRole) return BodyChoices::code(r.body);
            if (!r.body) return tr("(no body)");
            return QString::fromStdString(model::describe(*r.body));
        case DescriptionColumn:
            return QString::fromStdString(r.description);
        case ExampleColumn:
            return r.example ? QString::fromStdString(r.example->dump()) : QString();
        default:
            return {};
    }
}

bool ResponseTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= rowCount() || role != Qt::EditRole) return false;
    model::Response r = responses_[static_cast<std::size_t>(index.row())];
    QString what;
    switch (index.column()) {
        case StatusColumn: {
            bool ok = false;
            const int status = value.toInt(&ok);
            if (!ok || status < 100 || status > 599) return false;
            r.status = status;
            what = QStringLiteral("status");
            break;
        }
        case BodyColumn:
            r.body = BodyChoices::apply(value.toString(), r.body);
            what = QStringLiteral("body");
            break;
        case DescriptionColumn:
            r.description = value.toString().toStdString();
            what = QStringLiteral("description");
            break;
        case ExampleColumn: {
            const std::string text = value.toString().trimmed().toStdString();
            if (text.empty()) {
                r.example.reset();
            } else {
                Json parsed = Json::parse(text, nullptr, false);
                if (parsed.is_discarded()) return false;  // the editor keeps the old value; JSON only
                r.example = std::move(parsed);
            }
            what = QStringLiteral("example");
            break;
        }
        default:
            return false;
    }
    if (r == responses_[static_cast<std::size_t>(index.row())]) return false;
    emit responseEdited(index.row(), r, what);
    return true;
}

Qt::ItemFlags ResponseTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant ResponseTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case StatusColumn:
            return tr("Status");
        case BodyColumn:
            return tr("Body");
        case DescriptionColumn:
            return tr("Description");
        case ExampleColumn:
            return tr("Example (JSON)");
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
