#include "widgets/server/server_log.h"

#include <algorithm>

#include <QBrush>

namespace loadstar::widgets {

ServerLog::ServerLog(int capacity, QObject* parent)
    : QAbstractListModel(parent), capacity_(std::max(1, capacity)) {
    batch_.setSingleShot(true);
    batch_.setInterval(100);
    connect(&batch_, &QTimer::timeout, this, &ServerLog::flush);
}

void ServerLog::append(Source source, const QString& text) {
    enqueue({QDateTime::currentDateTime(), source, text});
}

void ServerLog::append(const AccessLogEntry& entry) {
    enqueue({entry.time.toLocalTime(), entry.isSkipped() ? Source::Skipped : Source::Request, entry.text(),
             entry.status});
}

void ServerLog::enqueue(Line line) {
    pending_.push_back(std::move(line));
    if (static_cast<int>(pending_.size()) > capacity_) pending_.pop_front();
    if (!batch_.isActive()) batch_.start();
}

void ServerLog::flush() {
    batch_.stop();
    if (pending_.empty()) return;
    // The queue never exceeds the capacity, so trimming only ever removes shown lines.
    const int incoming = static_cast<int>(pending_.size());
    const int overflow = static_cast<int>(lines_.size()) + incoming - capacity_;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        lines_.erase(lines_.begin(), lines_.begin() + overflow);
        endRemoveRows();
    }
    const int first = static_cast<int>(lines_.size());
    beginInsertRows({}, first, first + incoming - 1);
    std::move(pending_.begin(), pending_.end(), std::back_inserter(lines_));
    pending_.clear();
    endInsertRows();
}

void ServerLog::clear() {
    batch_.stop();
    pending_.clear();
    beginResetModel();
    lines_.clear();
    endResetModel();
}

int ServerLog::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(lines_.size());
}

QVariant ServerLog::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Line& line = lines_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole: {
            const char* tag = line.source == Source::Loadstar                                    ? "loadstar"
                              : line.source == Source::Request || line.source == Source::Skipped ? "request "
                                                                                                 : "server  ";
            return QStringLiteral("%1  %2  %3")
                .arg(line.time.toString(QStringLiteral("HH:mm:ss.zzz")), QLatin1String(tag), line.text);
        }
        case Qt::ToolTipRole:
            return line.text;
        case Qt::ForegroundRole:
            // Mid-saturation colours that read on light and dark backgrounds alike.
            if (line.source == Source::ServerErr || line.status >= 500)
                return QBrush(QColor(0xe0, 0x4f, 0x4f));
            if (line.status >= 400) return QBrush(QColor(0xd0, 0x8a, 0x20));
            return {};
        case SourceRole:
            return static_cast<int>(line.source);
        case StatusRole:
            return line.status;
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
