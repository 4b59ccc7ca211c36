#include "widgets/server/try_it_console.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/widget_driver.h"
#include "widgets/server/server_controller.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;

std::shared_ptr<const model::Project> embedderOnAnyPort() {
    auto loaded = model::loadProject(std::filesystem::path(LOADSTAR_SOURCE_DIR) / "projects" /
                                     "embedder.loadstar.json");
    EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
    auto project = std::get<model::Project>(std::move(loaded));
    project.server.host = "127.0.0.1";
    project.server.port = 0;
    return std::make_shared<const model::Project>(std::move(project));
}

class TryIt : public ::testing::Test {
  protected:
    void SetUp() override {
        project_ = embedderOnAnyPort();
        server_.start(project_);
        ASSERT_TRUE(waitFor([&] { return server_.state() != ServerController::State::Starting; }, 20000));
        ASSERT_EQ(server_.state(), ServerController::State::Listening) << server_.errorTail().toStdString();
        console_.setProject(project_);
        console_.setServerUrl(server_.url());
        console_.resize(900, 500);
        loadstar::testing::showAndActivate(&console_);
    }
    int sendAndWait() {
        QSignalSpy answered(&console_, &TryItConsole::responseReceived);
        QTest::mouseClick(loadstar::testing::find<QPushButton>(&console_, "tryItSend"), Qt::LeftButton);
        EXPECT_TRUE(waitFor([&] { return answered.size() == 1; }, 10000));
        return console_.lastStatus();
    }

    std::shared_ptr<const model::Project> project_;
    ServerController server_{loadstar::testing::serveBinary()};
    TryItConsole console_{server_.log()};
};

TEST_F(TryIt, AValidSampleGets200AndIsLogged) {
    EXPECT_EQ(console_.targetField()->text(), server_.url().toString());
    QTest::mouseClick(loadstar::testing::find<QPushButton>(&console_, "tryItValid"), Qt::LeftButton);
    EXPECT_TRUE(console_.bodyEditor()->toPlainText().contains("\"texts\""));
    EXPECT_EQ(sendAndWait(), 200);
    EXPECT_TRUE(console_.responseBody()->toPlainText().contains("\"vectors\""))
        << console_.responseBody()->toPlainText().toStdString();
    EXPECT_FALSE(console_.errorList()->isVisible());
    const auto* status = loadstar::testing::find<QLabel>(&console_, "tryItStatus");
    EXPECT_TRUE(status->text().startsWith("<b>200 OK</b>")) << status->text().toStdString();
    server_.log()->flush();
    bool logged = false;
    for (int row = 0; row < server_.log()->rowCount(); ++row)
        logged =
            logged || server_.log()->index(row).data(Qt::ToolTipRole).toString().startsWith("POST http://");
    EXPECT_TRUE(logged);
}

TEST_F(TryIt, AnInvalidVariantGets422WithReadableClickableErrors) {
    QTest::mouseClick(loadstar::testing::find<QPushButton>(&console_, "tryItInvalid"), Qt::LeftButton);
    const auto* note = loadstar::testing::find<QLabel>(&console_, "tryItVariantNote");
    EXPECT_TRUE(note->text().startsWith("Invalid: ")) << note->text().toStdString();
    EXPECT_EQ(sendAndWait(), 422);
    QListWidget* errors = console_.errorList();
    ASSERT_TRUE(errors->isVisible());
    ASSERT_GE(errors->count(), 1);
    EXPECT_TRUE(errors->item(0)->text().startsWith("body")) << errors->item(0)->text().toStdString();
    EXPECT_TRUE(errors->item(0)->text().contains(": ")) << errors->item(0)->text().toStdString();
    console_.targetField()->setFocus();
    errors->scrollToItem(errors->item(0));
    QTest::mouseClick(errors->viewport(), Qt::LeftButton, {},
                      errors->visualItemRect(errors->item(0)).center());
    EXPECT_TRUE(waitFor([&] { return console_.bodyEditor()->hasFocus(); }, 2000));
}

TEST_F(TryIt, AnEmptyListIsNamedAndClickingItSelectsItsKeyInTheBody) {
    console_.bodyEditor()->setPlainText("{\"texts\": []}");
    EXPECT_EQ(sendAndWait(), 422);
    ASSERT_EQ(console_.errorList()->count(), 1);
    EXPECT_EQ(console_.errorList()->item(0)->text(),
              "body › texts: List should have at least 1 item after validation, not 0");
    // The body is shown in the order the server sent it: FastAPI's type, loc, msg, input.
    const QString shown = console_.responseBody()->toPlainText();
    EXPECT_LT(shown.indexOf("\"type\""), shown.indexOf("\"loc\"")) << shown.toStdString();
    EXPECT_LT(shown.indexOf("\"msg\""), shown.indexOf("\"input\"")) << shown.toStdString();
    console_.focusLocation(QJsonArray{"body", "texts"});
    EXPECT_EQ(console_.bodyEditor()->textCursor().selectedText(), "\"texts\"");
}

TEST(TryItConsoleAlone, KeepsWhatWasTypedAcrossUnrelatedDesignEdits) {
    TryItConsole console(nullptr);
    auto withHeader = std::make_shared<model::Project>(*embedderOnAnyPort());
    model::Parameter trace;
    trace.name = "X-Trace";
    trace.in = model::ParamLocation::Header;
    withHeader->endpoints[0].parameters.push_back(trace);
    console.setProject(withHeader);
    QLineEdit* field = console.parameterField("header", "x-trace");
    ASSERT_NE(field, nullptr);
    field->setText("typed");

    auto edited = std::make_shared<model::Project>(*withHeader);
    edited->endpoints[0].summary = "Changed";
    console.setProject(edited);
    ASSERT_EQ(console.parameterField("header", "X-Trace"), field);
    EXPECT_EQ(field->text(), "typed");

    edited = std::make_shared<model::Project>(*edited);
    edited->endpoints[0].parameters.clear();
    console.setProject(edited);
    EXPECT_EQ(console.parameterField("header", "X-Trace"), nullptr);
}

TEST(TryItConsoleAlone, AskForATargetWhenThereIsNone) {
    TryItConsole console(nullptr);
    console.setProject(embedderOnAnyPort());
    console.send();
    EXPECT_EQ(loadstar::testing::find<QLabel>(&console, "tryItStatus")->text(),
              "Enter a target such as http://127.0.0.1:8000, or start the server.");
}

}  // namespace
}  // namespace loadstar::widgets
