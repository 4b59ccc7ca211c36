#include "widgets/server/server_panel.h"

#include <QAction>
#include <QHostAddress>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/server/server_log_filter.h"
#include "widgets/server/try_it_console.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::find;
using loadstar::testing::waitFor;
using State = ServerController::State;

class ServerPanelTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto options = loadstar::testing::isolatedOptions(dir_.path());
        options.serverBinary = loadstar::testing::serveBinary();
        window_ = std::make_unique<MainWindow>(options);
        loadstar::testing::showAndActivate(window_.get());
    }
    // Opens a copy of the Embedder sample that serves on `port`.
    void openEmbedderOn(int port) {
        auto loaded =
            model::loadProject(loadstar::testing::sourceDir() / "projects" / "embedder.loadstar.json");
        ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
        auto project = std::get<model::Project>(std::move(loaded));
        project.server.host = "127.0.0.1";
        project.server.port = port;
        const auto path = dir_ / "embedder.loadstar.json";
        ASSERT_TRUE(std::holds_alternative<std::monostate>(model::saveProject(project, path)));
        ASSERT_TRUE(window_->openFile(QString::fromStdString(path.string())));
    }
    ServerController* server() { return window_->serverPanel()->controller(); }
    int send() {
        TryItConsole* console = window_->serverPanel()->console();
        QSignalSpy answered(console, &TryItConsole::responseReceived);
        QTest::mouseClick(find<QPushButton>(console, "tryItSend"), Qt::LeftButton);
        EXPECT_TRUE(waitFor([&] { return answered.size() == 1; }, 10000));
        return console->lastStatus();
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(ServerPanelTest, StartTryRestartAndStopFromTheWindow) {
    openEmbedderOn(0);
    QAction* action = window_->serverAction();
    ASSERT_TRUE(action->isEnabled());
    EXPECT_EQ(action->text(), "Start Server");
    action->trigger();
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Listening; }, 20000))
        << server()->errorTail().toStdString();
    EXPECT_EQ(action->text(), "Stop Server");
    EXPECT_EQ(window_->serverPanel()->statusLabel()->text(), "Listening on " + server()->url().toString());
    EXPECT_TRUE(find<QPushButton>(window_.get(), "serverOpenDocs")->isEnabled());

    TryItConsole* console = window_->serverPanel()->console();
    EXPECT_EQ(console->targetField()->text(), server()->url().toString());
    QTest::mouseClick(find<QPushButton>(console, "tryItValid"), Qt::LeftButton);
    EXPECT_EQ(send(), 200);
    QTest::mouseClick(find<QPushButton>(console, "tryItInvalid"), Qt::LeftButton);
    EXPECT_EQ(send(), 422);
    ASSERT_GE(console->errorList()->count(), 1);
    EXPECT_TRUE(console->errorList()->item(0)->text().startsWith("body"))
        << console->errorList()->item(0)->text().toStdString();

    // The log keeps what was sent; the filter narrows it.
    ServerLogFilter* log = window_->serverPanel()->filteredLog();
    ASSERT_TRUE(waitFor([&] { return server()->log()->pendingCount() == 0; }));
    const int all = log->rowCount();
    loadstar::testing::typeInto(window_->serverPanel()->logFilter(), "POST http");
    EXPECT_EQ(log->rowCount(), 2);
    EXPECT_LT(log->rowCount(), all);
    loadstar::testing::typeInto(window_->serverPanel()->logFilter(), QString());
    // With the server's access log, the requests it answered are there too, by status class.
    if (server()->accessLogActive()) {
        loadstar::testing::choose(window_->serverPanel()->logShow(), "4xx client errors");
        ASSERT_TRUE(waitFor([&] { return log->rowCount() == 1; }, 5000));
        EXPECT_TRUE(log->index(0, 0).data(Qt::ToolTipRole).toString().startsWith("POST /embed → 422 · "))
            << log->index(0, 0).data(Qt::ToolTipRole).toString().toStdString();
        loadstar::testing::choose(window_->serverPanel()->logShow(), "2xx success");
        EXPECT_EQ(log->rowCount(), 1);
        loadstar::testing::choose(window_->serverPanel()->logShow(), "Everything");
    }

    // Editing while serving offers a restart on the new design.
    window_->document()->edit([](model::Project& p) { p.endpoints[0].summary = "Embed texts, changed"; },
                              QStringLiteral("Change summary"));
    auto* restart = window_->messageBar()->findChild<QPushButton*>("restartServer");
    ASSERT_NE(restart, nullptr);
    EXPECT_TRUE(window_->messageBar()->text().startsWith("Design changed"));
    QSignalSpy states(server(), &ServerController::stateChanged);
    QTest::mouseClick(restart, Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return states.size() >= 4 && server()->state() == State::Listening; }, 20000));
    ASSERT_NE(window_->serverPanel()->served(), nullptr);
    EXPECT_EQ(window_->serverPanel()->served()->endpoints[0].summary, "Embed texts, changed");

    action->trigger();
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Stopped; }, 10000));
    EXPECT_EQ(action->text(), "Start Server");
    EXPECT_EQ(window_->serverPanel()->statusLabel()->text(), "Server stopped");
    EXPECT_FALSE(find<QPushButton>(window_.get(), "serverCopyUrl")->isEnabled());
}

TEST_F(ServerPanelTest, APortInUseShowsTheCrashAndTheServersStderr) {
    QTcpServer taken;
    ASSERT_TRUE(taken.listen(QHostAddress::LocalHost, 0));
    openEmbedderOn(taken.serverPort());
    window_->serverAction()->trigger();
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Crashed; }, 20000));
    const QString status = window_->serverPanel()->statusLabel()->text();
    EXPECT_TRUE(status.startsWith("Server crashed (exit code 2)\n")) << status.toStdString();
    EXPECT_TRUE(status.contains(server()->errorTail()));
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Error);
    EXPECT_EQ(window_->serverAction()->text(), "Start Server");
}

TEST_F(ServerPanelTest, OpeningAnotherDesignStopsTheServerAndSaysSo) {
    openEmbedderOn(0);
    window_->serverAction()->trigger();
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Listening; }, 20000))
        << server()->errorTail().toStdString();
    TryItConsole* console = window_->serverPanel()->console();
    QTest::mouseClick(find<QPushButton>(console, "tryItInvalid"), Qt::LeftButton);
    EXPECT_EQ(send(), 422);
    ASSERT_TRUE(window_->openFile(QString::fromStdString(
        (loadstar::testing::sourceDir() / "projects" / "bookstore.loadstar.json").string())));
    EXPECT_FALSE(server()->isRunning());
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Information);
    EXPECT_TRUE(
        window_->messageBar()->text().startsWith("Stopped the server, which was serving “Embedder API”."))
        << window_->messageBar()->text().toStdString();
    EXPECT_EQ(window_->messageBar()->findChild<QPushButton*>("restartServer"), nullptr);
    // Nothing of the old design's exchange stays in the console.
    EXPECT_EQ(console->lastStatus(), 0);
    EXPECT_TRUE(console->responseBody()->toPlainText().isEmpty());
    EXPECT_TRUE(console->errorList()->isHidden());
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Stopped; }, 10000));
    EXPECT_EQ(window_->serverAction()->text(), "Start Server");

    // New does the same.
    window_->serverAction()->trigger();
    ASSERT_TRUE(waitFor([&] { return server()->state() == State::Listening; }, 20000));
    window_->newProject();
    EXPECT_FALSE(server()->isRunning());
    EXPECT_TRUE(window_->messageBar()->text().startsWith("Stopped the server, which was serving “Bookstore"))
        << window_->messageBar()->text().toStdString();
    EXPECT_EQ(window_->messageBar()->findChild<QPushButton*>("restartServer"), nullptr);
}

}  // namespace
}  // namespace loadstar::widgets
