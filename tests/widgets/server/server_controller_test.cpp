#include "widgets/server/server_controller.h"

#include <fstream>
#include <memory>

#include <QAbstractItemModelTester>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/server/server_log.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;
using State = ServerController::State;

std::shared_ptr<const model::Project> sampleOnPort(int port) {
    auto loaded = model::loadProject(std::filesystem::path(LOADSTAR_SOURCE_DIR) / "projects" /
                                     "embedder.loadstar.json");
    EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
    auto project = std::get<model::Project>(std::move(loaded));
    project.server.host = "127.0.0.1";
    project.server.port = port;
    return std::make_shared<const model::Project>(std::move(project));
}

// GET `url` through Qt's network stack, as Try-it does: the status, or 0 when no
// answer came within 10 s.
int statusOfGet(const QUrl& url) {
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    if (!waitFor([&] { return reply->isFinished(); }, 10000)) return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

TEST(ServerController, StartsListensAnswersAndStops) {
    ServerController server(loadstar::testing::serveBinary());
    QAbstractItemModelTester tester(server.log(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    server.start(sampleOnPort(0));
    EXPECT_EQ(server.state(), State::Starting);
    ASSERT_TRUE(waitFor([&] { return server.state() != State::Starting; }, 20000))
        << server.statusText().toStdString();
    ASSERT_EQ(server.state(), State::Listening) << server.errorTail().toStdString();
    EXPECT_EQ(server.url().host(), "127.0.0.1");
    EXPECT_GT(server.url().port(), 0);
    EXPECT_EQ(server.statusText(), "Listening on " + server.url().toString());

    EXPECT_EQ(statusOfGet(server.url().resolved(QUrl("/healthz"))), 200);

    server.stop();
    EXPECT_EQ(server.state(), State::Stopping);
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Stopped; }, 10000));
    EXPECT_FALSE(server.url().isValid());
}

TEST(ServerController, AServerOnEveryInterfaceIsReachedThroughLoopback) {
    ServerController server(loadstar::testing::serveBinary());
    auto project = std::make_shared<model::Project>(*sampleOnPort(0));
    project->server.host = "0.0.0.0";
    server.start(project);
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Listening; }, 20000))
        << server.errorTail().toStdString();
    EXPECT_EQ(server.url().host(), "127.0.0.1") << "where Try-it and load connect";
    EXPECT_TRUE(server.statusText().startsWith("Listening on http://0.0.0.0:"))
        << server.statusText().toStdString();
    EXPECT_EQ(statusOfGet(server.url().resolved(QUrl("/healthz"))), 200);
    server.stop();
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Stopped; }, 10000));
}

TEST(ServerController, ReportsACrashWithTheServersStderr) {
    QTcpServer taken;
    ASSERT_TRUE(taken.listen(QHostAddress::LocalHost, 0));
    ServerController server(loadstar::testing::serveBinary());
    server.start(sampleOnPort(taken.serverPort()));
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Crashed; }, 20000))
        << server.statusText().toStdString();
    EXPECT_EQ(server.exitCode(), 2);
    EXPECT_FALSE(server.errorTail().isEmpty());
    EXPECT_TRUE(server.errorTail().contains(QString::number(taken.serverPort())) ||
                server.errorTail().contains("in use", Qt::CaseInsensitive))
        << server.errorTail().toStdString();
    EXPECT_EQ(server.statusText(), "Server crashed (exit code 2)");
}

TEST(ServerController, ReportsABinaryThatCannotStart) {
    ServerController server(QStringLiteral("/nonexistent/loadstar"));
    server.start(sampleOnPort(0));
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Crashed; }, 10000));
    EXPECT_TRUE(server.errorTail().contains("/nonexistent/loadstar")) << server.errorTail().toStdString();
}

TEST(ServerController, RestartServesTheNewDesign) {
    ServerController server(loadstar::testing::serveBinary());
    server.start(sampleOnPort(0));
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Listening; }, 20000));
    QSignalSpy states(&server, &ServerController::stateChanged);
    server.restart(sampleOnPort(0));
    ASSERT_TRUE(waitFor([&] { return states.size() >= 4; }, 20000));
    EXPECT_EQ(states.at(0).at(0).value<State>(), State::Stopping);
    EXPECT_EQ(states.at(1).at(0).value<State>(), State::Stopped);
    EXPECT_EQ(states.at(2).at(0).value<State>(), State::Starting);
    EXPECT_EQ(states.at(3).at(0).value<State>(), State::Listening);
}

// A `loadstar serve` from before the access log: rejects the flag like the real one did.
TEST(ServerController, StartsAServerWithoutAnAccessLogWithoutOne) {
    loadstar::testing::TempDir dir;
    const auto script = dir / "old-loadstar";
    {
        std::ofstream out(script);
        out << "#!/bin/sh\n"
               "for a in \"$@\"; do\n"
               "  if [ \"$a\" = --access-log ]; then echo 'loadstar: unknown option --access-log' >&2; exit "
               "2; fi\n"
               "done\n"
               "exec '" LOADSTAR_BINARY "' \"$@\"\n";
    }
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    ServerController server(QString::fromStdString(script.string()));
    EXPECT_TRUE(server.accessLogActive());
    server.start(sampleOnPort(0));
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Listening; }, 20000))
        << server.statusText().toStdString() << server.errorTail().toStdString();
    EXPECT_FALSE(server.accessLogActive());
    server.log()->flush();
    bool explained = false;
    for (int row = 0; row < server.log()->rowCount(); ++row) {
        explained = explained || server.log()->index(row).data(Qt::ToolTipRole).toString() ==
                                     "This loadstar serve writes no access log; starting it without one.";
    }
    EXPECT_TRUE(explained);
    server.stop();
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Stopped; }, 10000));
}

TEST(ServerController, TheServersAccessLogReachesTheLogSampled) {
    ServerController server(loadstar::testing::serveBinary());
    server.setAccessLog(true, 5);
    server.start(sampleOnPort(0));
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Listening; }, 20000))
        << server.errorTail().toStdString();
    ASSERT_TRUE(server.accessLogActive()) << "loadstar serve was started without its access log";

    QNetworkAccessManager network;
    QNetworkRequest post(server.url().resolved(QUrl("/embed")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply* invalid = network.post(post, QByteArray("{}"));
    ASSERT_TRUE(waitFor([&] { return invalid->isFinished(); }, 10000));
    EXPECT_EQ(invalid->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
    invalid->deleteLater();
    const auto logged = [&](const QString& text, ServerLog::Source source) {
        for (int row = 0; row < server.log()->rowCount(); ++row) {
            const QModelIndex line = server.log()->index(row);
            if (line.data(ServerLog::SourceRole).toInt() == static_cast<int>(source) &&
                line.data(Qt::ToolTipRole).toString().startsWith(text))
                return true;
        }
        return false;
    };
    EXPECT_TRUE(waitFor([&] { return logged("POST /embed → 422 · ", ServerLog::Source::Request); }, 5000));

    // More than 5 a second: the rest is counted, not shown.
    std::vector<QNetworkReply*> burst;
    for (int i = 0; i < 40; ++i)
        burst.push_back(network.get(QNetworkRequest(server.url().resolved(QUrl("/healthz")))));
    ASSERT_TRUE(waitFor(
        [&] { return std::all_of(burst.begin(), burst.end(), [](auto* r) { return r->isFinished(); }); },
        10000));
    EXPECT_TRUE(waitFor([&] { return logged(QString::fromUtf8("… "), ServerLog::Source::Skipped); }, 5000));
    EXPECT_TRUE(logged("GET /healthz → 200 · ", ServerLog::Source::Request));
    for (QNetworkReply* r : burst)
        r->deleteLater();
    server.stop();
    ASSERT_TRUE(waitFor([&] { return server.state() == State::Stopped; }, 10000));
}

}  // namespace
}  // namespace loadstar::widgets
