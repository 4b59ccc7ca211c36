#pragma once

#include <deque>

#include <QAbstractListModel>
#include <QDateTime>
#include <QString>
#include <QTimer>

#include "widgets/server/access_log_entry.h"

namespace loadstar::widgets {

// What the Server panel shows as its log: the server's access log (every
// request it answered, from any client, as sampled by the server), the
// requests sent from Loadstar (the Try-it console) and the server's other
// stdout/stderr lines.
//
// Lines arrive in batches: append() queues them and a 10 Hz timer inserts the
// queue in one step, so a flood of requests costs the view one update per tick
// rather than one per line. Bounded: the oldest lines go first, and a queue
// longer than the capacity drops its own oldest lines before they are shown.
class ServerLog : public QAbstractListModel {
    Q_OBJECT

  public:
    enum class Source { Loadstar, ServerOut, ServerErr, Request, Skipped };
    enum Role {
        SourceRole = Qt::UserRole + 1,
        StatusRole,  // the HTTP status of a Request line, else 0
    };

    explicit ServerLog(int capacity = 2000, QObject* parent = nullptr);

    void append(Source source, const QString& text);
    void append(const AccessLogEntry& entry);
    // Shows the queued lines now (the timer does this on its own).
    void flush();
    void clear();
    int capacity() const { return capacity_; }
    int pendingCount() const { return static_cast<int>(pending_.size()); }
    void setBatchIntervalMs(int ms) { batch_.setInterval(ms); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  private:
    struct Line {
        QDateTime time;
        Source source;
        QString text;
        int status = 0;
    };
    void enqueue(Line line);

    int capacity_;
    std::deque<Line> lines_;
    std::deque<Line> pending_;
    QTimer batch_;
};

}  // namespace loadstar::widgets
