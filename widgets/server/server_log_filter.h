#pragma once

#include <QSortFilterProxyModel>

namespace loadstar::widgets {

// Narrows the ServerLog by text (case-insensitive, anywhere in the line) and by
// what a line is: requests by their status class, or the messages around them.
class ServerLogFilter : public QSortFilterProxyModel {
    Q_OBJECT

  public:
    enum class Show { Everything, Requests, Success, Redirects, ClientErrors, ServerErrors, Messages };

    explicit ServerLogFilter(QObject* parent = nullptr);

    void setText(const QString& text);
    void setShow(Show show);
    Show show() const { return show_; }

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

  private:
    QString text_;
    Show show_ = Show::Everything;
};

}  // namespace loadstar::widgets
