#include "widgets/server/server_log_filter.h"

#include "widgets/server/server_log.h"

namespace loadstar::widgets {

ServerLogFilter::ServerLogFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void ServerLogFilter::setText(const QString& text) {
    if (text == text_) return;
    text_ = text;
    invalidateRowsFilter();
}

void ServerLogFilter::setShow(Show show) {
    if (show == show_) return;
    show_ = show;
    invalidateRowsFilter();
}

bool ServerLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto source = static_cast<ServerLog::Source>(index.data(ServerLog::SourceRole).toInt());
    const int statusClass = index.data(ServerLog::StatusRole).toInt() / 100;
    const bool request = source == ServerLog::Source::Request;
    bool shown = true;
    switch (show_) {
        case Show::Everything:
            break;
        case Show::Requests:
            shown = request || source == ServerLog::Source::Skipped;
            break;
        case Show::Success:
            shown = request && statusClass == 2;
            break;
        case Show::Redirects:
            shown = request && statusClass == 3;
            break;
        case Show::ClientErrors:
            shown = request && statusClass == 4;
            break;
        case Show::ServerErrors:
            shown = request && statusClass == 5;
            break;
        case Show::Messages:
            shown = !request && source != ServerLog::Source::Skipped;
            break;
    }
    return shown && (text_.isEmpty() || index.data().toString().contains(text_, Qt::CaseInsensitive));
}

}  // namespace loadstar::widgets
