#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "engine/model/field.h"

namespace loadstar::widgets {

// The fields of the model being edited, one row each. Read-only: edits go through
// the field form so that each one is a named undo step.
class FieldTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        NameColumn,
        TypeColumn,
        RequiredColumn,
        DefaultColumn,
        ConstraintsColumn,
        DescriptionColumn,
        ColumnCount
    };

    explicit FieldTableModel(QObject* parent = nullptr);

    void setFields(const std::vector<model::Field>& fields);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    std::vector<model::Field> fields_;
};

// "1–64 items; each 1–2048 chars", "≥ 0, ≤ 100", "email".
QString constraintsSummary(const model::TypeSpec& type);

}  // namespace loadstar::widgets
