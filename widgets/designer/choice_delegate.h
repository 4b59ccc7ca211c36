#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <QStyledItemDelegate>

namespace loadstar::widgets {

// A table cell edited by picking from a list (parameter location, type, body
// model). The choices are asked for each time an editor opens, so they follow the design.
class ChoiceDelegate : public QStyledItemDelegate {
    Q_OBJECT

  public:
    using Choices = std::function<std::vector<std::pair<QString, QString>>()>;  // label, value

    ChoiceDelegate(Choices choices, QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

  private:
    Choices choices_;
};

}  // namespace loadstar::widgets
