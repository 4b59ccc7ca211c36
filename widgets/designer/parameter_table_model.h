#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "engine/model/parameter.h"

namespace loadstar::widgets {

// An endpoint's path, query and header parameters, edited in place. The model
// never changes itself: it reports the edited parameter and the document answers
// with setParameters(), so every cell edit is one undo step.
class ParameterTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { NameColumn, InColumn, TypeColumn, RequiredColumn, DescriptionColumn, ColumnCount };

    explicit ParameterTableModel(QObject* parent = nullptr);

    void setParameters(const std::vector<model::Parameter>& parameters);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  signals:
    void parameterEdited(int row, const model::Parameter& parameter, const QString& what);

  private:
    std::vector<model::Parameter> parameters_;
};

}  // namespace loadstar::widgets
