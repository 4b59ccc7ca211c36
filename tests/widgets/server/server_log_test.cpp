#include "widgets/server/server_log.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "support/widget_driver.h"
#include "widgets/server/access_log_entry.h"
#include "widgets/server/server_log_filter.h"
#include "widgets/server/server_panel.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;
using Show = ServerLogFilter::Show;

// Lines as `loadstar serve --access-log` writes them.
const QByteArray kGet =
    R"({"time":"2026-11-25T15:20:01.123Z","client":"127.0.0.1:41234","method":"GET","target":"/hello?x=1","status":200,"duration_us":412,"bytes_out":27})";
const QByteArray kPost422 =
    R"({"time":"2026-11-25T15:20:01.250Z","client":"127.0.0.1:41236","method":"POST","target":"/embed","status":422,"duration_us":15250,"bytes_out":131})";
const QByteArray kSkipped = R"({"time":"2026-11-25T15:20:02.000Z","skipped":37})";

AccessLogEntry request(int status, const QString& target = QStringLiteral("/x")) {
    AccessLogEntry e;
    e.time = QDateTime(QDate(2026, 11, 25), QTime(15, 20, 1), Qt::UTC);
    e.client = QStringLiteral("127.0.0.1:5000");
    e.method = QStringLiteral("GET");
    e.target = target;
    e.status = status;
    e.durationUs = 100;
    e.bytesOut = 2;
    return e;
}

TEST(AccessLogEntry, ParsesARequestLine) {
    const auto entry = AccessLogEntry::parse(kGet);
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->time, QDateTime(QDate(2026, 11, 25), QTime(15, 20, 1, 123), Qt::UTC));
    EXPECT_EQ(entry->client, "127.0.0.1:41234");
    EXPECT_EQ(entry->method, "GET");
    EXPECT_EQ(entry->target, "/hello?x=1");
    EXPECT_EQ(entry->status, 200);
    EXPECT_EQ(entry->durationUs, 412);
    EXPECT_EQ(entry->bytesOut, 27);
    EXPECT_FALSE(entry->isSkipped());
    EXPECT_EQ(entry->text(), "GET /hello?x=1 → 200 · 412us · 27 B · 127.0.0.1:41234");
    EXPECT_EQ(AccessLogEntry::parse(kPost422)->text(),
              "POST /embed → 422 · 15.25ms · 131 B · 127.0.0.1:41236");
}

TEST(AccessLogEntry, ParsesASkippedMarker) {
    const auto entry = AccessLogEntry::parse(kSkipped + "\r");
    ASSERT_TRUE(entry.has_value());
    EXPECT_TRUE(entry->isSkipped());
    EXPECT_EQ(entry->skipped, 37);
    EXPECT_EQ(entry->text(), "… 37 requests not shown");
    EXPECT_EQ(AccessLogEntry::parse(R"({"time":"2026-11-25T15:20:02.000Z","skipped":1})")->text(),
              "… 1 request not shown");
}

TEST(AccessLogEntry, RejectsEverythingElse) {
    for (const QByteArray& line :
         {QByteArray("listening on http://127.0.0.1:8000"), QByteArray(""), QByteArray("{not json"),
          QByteArray("[1,2]"), QByteArray(R"({"time":"yesterday","skipped":3})"),
          QByteArray(R"({"time":"2026-11-25T15:20:02.000Z","skipped":0})"),
          QByteArray(R"({"time":"2026-11-25T15:20:02.000Z","method":"GET","target":"/"})"),
          QByteArray(R"({"time":"2026-11-25T15:20:02.000Z","method":"GET","target":"/",)"
                     R"("status":"200","duration_us":1,"bytes_out":1})"),
          QByteArray(R"({"time":"2026-11-25T15:20:02.000Z","method":"GET","target":"/",)"
                     R"("status":200.5,"duration_us":1,"bytes_out":1})")}) {
        EXPECT_FALSE(AccessLogEntry::parse(line).has_value()) << line.toStdString();
    }
}

TEST(ServerLog, ShowsQueuedLinesInOneBatch) {
    ServerLog log(100);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    log.append(*AccessLogEntry::parse(kGet));
    log.append(*AccessLogEntry::parse(kPost422));
    log.append(*AccessLogEntry::parse(kSkipped));
    log.append(ServerLog::Source::Loadstar, QStringLiteral("POST http://127.0.0.1/embed"));
    EXPECT_EQ(log.rowCount(), 0);
    EXPECT_EQ(log.pendingCount(), 4);
    ASSERT_TRUE(waitFor([&] { return log.rowCount() == 4; }, 2000));
    ASSERT_EQ(inserted.size(), 1);
    EXPECT_EQ(inserted.at(0).at(1).toInt(), 0);
    EXPECT_EQ(inserted.at(0).at(2).toInt(), 3);

    const QString time = QDateTime(QDate(2026, 11, 25), QTime(15, 20, 1, 123), Qt::UTC)
                             .toLocalTime()
                             .toString(QStringLiteral("HH:mm:ss.zzz"));
    EXPECT_EQ(log.index(0).data().toString(),
              time + "  request   GET /hello?x=1 → 200 · 412us · 27 B · 127.0.0.1:41234");
    EXPECT_EQ(log.index(0).data(ServerLog::StatusRole).toInt(), 200);
    EXPECT_EQ(log.index(1).data(ServerLog::StatusRole).toInt(), 422);
    EXPECT_TRUE(log.index(1).data(Qt::ForegroundRole).isValid());
    EXPECT_FALSE(log.index(0).data(Qt::ForegroundRole).isValid());
    EXPECT_EQ(log.index(2).data(ServerLog::SourceRole).toInt(), static_cast<int>(ServerLog::Source::Skipped));
    EXPECT_EQ(log.index(2).data(Qt::ToolTipRole).toString(), "… 37 requests not shown");
    EXPECT_EQ(log.index(3).data(ServerLog::StatusRole).toInt(), 0);
}

TEST(ServerLog, KeepsTheNewestLinesUpToItsCapacity) {
    ServerLog log(3);
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int i = 0; i < 2; ++i)
        log.append(ServerLog::Source::ServerOut, QStringLiteral("line %1").arg(i));
    log.flush();
    for (int i = 2; i < 5; ++i)
        log.append(ServerLog::Source::ServerOut, QStringLiteral("line %1").arg(i));
    log.flush();
    ASSERT_EQ(log.rowCount(), 3);
    EXPECT_EQ(log.index(0).data(Qt::ToolTipRole).toString(), "line 2");
    EXPECT_EQ(log.index(2).data(Qt::ToolTipRole).toString(), "line 4");
    EXPECT_TRUE(log.index(2).data().toString().endsWith("server    line 4"));
    log.append(ServerLog::Source::Loadstar, QStringLiteral("GET /healthz → 200"));
    log.flush();
    EXPECT_EQ(log.index(2).data(ServerLog::SourceRole).toInt(),
              static_cast<int>(ServerLog::Source::Loadstar));
    log.append(ServerLog::Source::Loadstar, QStringLiteral("never shown"));
    log.clear();
    log.flush();
    EXPECT_EQ(log.rowCount(), 0);
}

TEST(ServerLog, AFloodCostsOneUpdateAndStaysBounded) {
    ServerLog log(2000);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    log.append(ServerLog::Source::ServerOut, QStringLiteral("listening"));
    log.flush();
    const auto entry = *AccessLogEntry::parse(kGet);
    for (int i = 0; i < 100'000; ++i)
        log.append(entry);
    EXPECT_EQ(log.pendingCount(), 2000);
    log.flush();
    EXPECT_EQ(log.rowCount(), 2000);
    EXPECT_EQ(inserted.size(), 2);
    EXPECT_EQ(removed.size(), 1);
    EXPECT_EQ(log.index(0).data(ServerLog::SourceRole).toInt(), static_cast<int>(ServerLog::Source::Request));
}

TEST(ServerLogFilter, NarrowsByStatusClassAndText) {
    ServerLog log;
    ServerLogFilter filter;
    filter.setSourceModel(&log);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    log.append(ServerLog::Source::ServerOut, QStringLiteral("listening on http://127.0.0.1:8000"));
    for (int status : {200, 201, 204, 301, 404, 422, 422, 500})
        log.append(request(status, QStringLiteral("/items/%1").arg(status)));
    log.append(*AccessLogEntry::parse(kSkipped));
    log.append(ServerLog::Source::ServerErr, QStringLiteral("warning: slow"));
    log.flush();
    const auto count = [&](Show show) {
        filter.setShow(show);
        return filter.rowCount();
    };
    EXPECT_EQ(count(Show::Everything), 11);
    EXPECT_EQ(count(Show::Requests), 9);
    EXPECT_EQ(count(Show::Success), 3);
    EXPECT_EQ(count(Show::Redirects), 1);
    EXPECT_EQ(count(Show::ClientErrors), 3);
    EXPECT_EQ(count(Show::ServerErrors), 1);
    EXPECT_EQ(count(Show::Messages), 2);
    filter.setShow(Show::ClientErrors);
    filter.setText(QStringLiteral("ITEMS/422"));
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setShow(Show::Everything);
    filter.setText(QStringLiteral("slow"));
    EXPECT_EQ(filter.rowCount(), 1);
}

TEST(ServerPanel, FiltersFedLinesFromItsControlsAndFollowsTheEnd) {
    ServerPanel panel(QStringLiteral("/nonexistent/loadstar"));
    panel.resize(900, 300);
    loadstar::testing::showAndActivate(&panel);
    ServerLog* log = panel.controller()->log();
    for (int i = 0; i < 300; ++i)
        log->append(request(i % 10 == 0 ? 503 : 200, QStringLiteral("/n/%1").arg(i)));
    log->flush();
    QListView* view = panel.logView();
    // The view scrolls to the end once its layout has caught up with the new rows.
    EXPECT_TRUE(loadstar::testing::waitFor([&] {
        return view->verticalScrollBar()->maximum() > 0 &&
               view->verticalScrollBar()->value() == view->verticalScrollBar()->maximum();
    }));

    loadstar::testing::choose(panel.logShow(), QStringLiteral("5xx server errors"));
    EXPECT_EQ(panel.filteredLog()->rowCount(), 30);
    loadstar::testing::typeInto(panel.logFilter(), QStringLiteral("/n/29"));
    EXPECT_EQ(panel.filteredLog()->rowCount(), 1);
    EXPECT_TRUE(panel.filteredLog()->index(0, 0).data().toString().contains("GET /n/290 → 503"));
    loadstar::testing::typeInto(panel.logFilter(), QString());
    loadstar::testing::choose(panel.logShow(), QStringLiteral("Everything"));

    // Someone reading older lines keeps their place as new ones arrive.
    view->verticalScrollBar()->setValue(0);
    log->append(request(200));
    log->flush();
    EXPECT_EQ(view->verticalScrollBar()->value(), 0);
    view->scrollToBottom();
    const int bottom = view->verticalScrollBar()->maximum();
    log->append(request(200));
    log->flush();
    // Once the layout has the new row the end moves down, and the view follows it.
    EXPECT_TRUE(loadstar::testing::waitFor([&] {
        return view->verticalScrollBar()->maximum() > bottom &&
               view->verticalScrollBar()->value() == view->verticalScrollBar()->maximum();
    }));

    QTest::mouseClick(loadstar::testing::find<QPushButton>(&panel, "serverLogClear"), Qt::LeftButton);
    EXPECT_EQ(log->rowCount(), 0);
}

}  // namespace
}  // namespace loadstar::widgets
