#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "engine/model/endpoint.h"

namespace loadstar::widgets {

// An endpoint's responses (status, body model, description), edited in place;
// like ParameterTableModel it reports edits and waits for setResponses().
class ResponseTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { StatusColumn, BodyColumn, DescriptionColumn, ExampleColumn, ColumnCount };
    // BodyColumn's edit value is a BodyChoices code.

    explicit ResponseTableModel(QObject* parent = nullptr);

    void setResponses(const std::vector<model::Response>& responses);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  signals:
    void responseEdited(int row, const model::Response& response, const QString& what);

  private:
    std::vector<model::Response> responses_;
};

}  // namespace loadstar::widgets
