#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QString>

#include "engine/model/design_check.h"
#include "engine/model/project.h"

namespace loadstar::widgets {

// The Problems list: one row per design problem, errors first.
class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { MessageColumn, WhereColumn, ColumnCount };
    static constexpr int kLocationRole = Qt::UserRole + 1;  // the JSON pointer, a QString

    explicit ProblemsModel(QObject* parent = nullptr);

    void setProblems(const model::Project& project, const std::vector<model::Problem>& problems);
    QString locationAt(int row) const;
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        model::Severity severity;
        QString location;
        QString where;
        QString message;
        bool operator==(const Row&) const = default;
    };
    std::vector<Row> rows_;
};

}  // namespace loadstar::widgets
