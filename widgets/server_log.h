#pragma once

#include <deque>

#include <QAbstractListModel>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace loadstar::widgets {

// What the Server panel shows as its log: the requests sent from Loadstar (the
// Try-it console) and the server's own stdout/stderr lines. The server writes no
// access log, so requests from other clients do not appear. Bounded: the oldest
// lines go first.
class ServerLog : public QAbstractListModel {
    Q_OBJECT

  public:
    enum class Source { Loadstar, ServerOut, ServerErr };
    enum Role { SourceRole = Qt::UserRole + 1 };

    explicit ServerLog(int capacity = 2000, QObject* parent = nullptr);

    void append(Source source, const QString& text);
    // Many lines at once (a burst of server output): one removal and one
    // insertion for the views, and never more than the capacity kept.
    void append(Source source, const QStringList& lines);
    void clear();
    int capacity() const { return capacity_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  private:
    struct Line {
        QDateTime time;
        Source source;
        QString text;
    };

    int capacity_;
    std::deque<Line> lines_;
};

}  // namespace loadstar::widgets
