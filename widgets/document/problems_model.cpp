#include "widgets/document/problems_model.h"

#include <algorithm>

#include <QApplication>
#include <QStyle>

#include "widgets/document/json_pointer.h"

namespace loadstar::widgets {

ProblemsModel::ProblemsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProblemsModel::setProblems(const model::Project& project, const std::vector<model::Problem>& problems) {
    std::vector<Row> next;
    for (const model::Problem& p : problems) {
        next.push_back({p.severity, QString::fromStdString(p.location),
                        QString::fromStdString(JsonPointer::parse(p.location).describe(project)),
                        QString::fromStdString(p.message)});
    }
    std::stable_sort(next.begin(), next.end(), [](const Row& a, const Row& b) {
        return a.severity == model::Severity::Error && b.severity != model::Severity::Error;
    });
    if (next == rows_) return;
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
}

QString ProblemsModel::locationAt(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<std::size_t>(row)].location : QString();
}

int ProblemsModel::errorCount() const {
    return static_cast<int>(std::count_if(rows_.begin(), rows_.end(),
                                          [](const Row& r) { return r.severity == model::Severity::Error; }));
}

int ProblemsModel::warningCount() const {
    return rowCount() - errorCount();
}

int ProblemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ProblemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return index.column() == MessageColumn ? row.message : row.where;
        case Qt::ToolTipRole:
            return row.location;
        case Qt::DecorationRole:
            if (index.column() != MessageColumn) return {};
            return QApplication::style()->standardIcon(row.severity == model::Severity::Error
                                                           ? QStyle::SP_MessageBoxCritical
                                                           : QStyle::SP_MessageBoxWarning);
        case kLocationRole:
            return row.location;
        default:
            return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == MessageColumn ? tr("Problem") : tr("Where");
}

}  // namespace loadstar::widgets
