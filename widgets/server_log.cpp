#include "widgets/server_log.h"

#include <algorithm>

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace loadstar::widgets {

ServerLog::ServerLog(int capacity, QObject* parent) : QAbstractListModel(parent), capacity_(capacity) {}

void ServerLog::append(Source source, const QString& text) {
    if (static_cast<int>(lines_.size()) >= capacity_) {
        beginRemoveRows({}, 0, 0);
        lines_.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(lines_.size());
    beginInsertRows({}, row, row);
    lines_.push_back({QDateTime::currentDateTime(), source, text});
    endInsertRows();
}

void ServerLog::append(Source source, const QStringList& lines) {
    if (lines.isEmpty()) return;
    const QDateTime now = QDateTime::currentDateTime();
    const qsizetype keep = std::min<qsizetype>(lines.size(), capacity_);
    const int overflow = static_cast<int>(lines_.size()) + static_cast<int>(keep) - capacity_;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        lines_.erase(lines_.begin(), lines_.begin() + overflow);
        endRemoveRows();
    }
    const int first = static_cast<int>(lines_.size());
    beginInsertRows({}, first, first + static_cast<int>(keep) - 1);
    for (qsizetype i = lines.size() - keep; i < lines.size(); ++i)
        lines_.push_back({now, source, lines[i]});
    endInsertRows();
}

void ServerLog::clear() {
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
            const char* tag = line.source == Source::Loadstar ? "loadstar" : "server";
            return QStringLiteral("%1  %2  %3")
                .arg(line.time.toString(QStringLiteral("HH:mm:ss.zzz")), QLatin1String(tag), line.text);
        }
        case Qt::ToolTipRole:
            return line.text;
        case Qt::ForegroundRole:
            if (line.source == Source::ServerErr) return QBrush(QColor(0xd3, 0x2f, 0x2f));
            return {};
        case SourceRole:
            return static_cast<int>(line.source);
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
