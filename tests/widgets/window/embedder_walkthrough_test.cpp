// The "Done when", walked through the window as a user would: the
// Embedder API built from an empty project with keyboard and mouse only,
// served, tried with a valid and an invalid request, and exported. With
// LOADSTAR_WALKTHROUGH_SHOTS=DIR it also leaves a picture of every step there.
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/designer/behaviour_form.h"
#include "widgets/designer/endpoint_editor.h"
#include "widgets/designer/field_form.h"
#include "widgets/designer/model_editor.h"
#include "widgets/designer/response_table_model.h"
#include "widgets/designer/type_editor.h"
#include "widgets/document/problems_model.h"
#include "widgets/server/server_panel.h"
#include "widgets/server/try_it_console.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/welcome_page.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::choose;
using loadstar::testing::find;
using loadstar::testing::typeInto;
using loadstar::testing::waitFor;

void typeIntoSpin(QAbstractSpinBox* spin, const QString& text) {
    ASSERT_NE(spin, nullptr);
    spin->setFocus(Qt::TabFocusReason);
    spin->selectAll();
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Return);
}

void click(QAbstractButton* button) {
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
}

class EmbedderWalkthrough : public ::testing::Test {
  protected:
    void SetUp() override {
        auto options = loadstar::testing::isolatedOptions(dir_.path());
        options.serverBinary = loadstar::testing::serveBinary();
        window_ = std::make_unique<MainWindow>(options);
        window_->resize(1360, 900);
        loadstar::testing::showAndActivate(window_.get());
    }
    void shot(const char* name) {
        const QString dir = qEnvironmentVariable("LOADSTAR_WALKTHROUGH_SHOTS");
        if (dir.isEmpty()) return;
        QTest::qWait(300);  // previews arrive from the background
        window_->grab().save(dir + QStringLiteral("/%1.png").arg(QLatin1String(name)));
    }
    // Adds a field through the model editor and names it.
    FieldForm* addField(const QString& name) {
        click(find<QPushButton>(window_->modelEditor(), "addField"));
        FieldForm* form = window_->modelEditor()->fieldForm();
        typeInto(form->nameEdit(), name);
        return form;
    }
    int send(TryItConsole* console) {
        QSignalSpy answered(console, &TryItConsole::responseReceived);
        click(find<QPushButton>(console, "tryItSend"));
        EXPECT_TRUE(waitFor([&] { return answered.size() == 1; }, 10000));
        return console->lastStatus();
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(EmbedderWalkthrough, BuildServeTryAndExportWithTheGuiOnly) {
    shot("01-welcome");
    click(find<QPushButton>(window_->welcomePage(), "newProject"));
    typeInto(find<QLineEdit>(window_.get(), "projectName"), "Embedder API");
    typeIntoSpin(find<QAbstractSpinBox>(window_.get(), "port"), "0");  // any free port
    shot("02-settings");

    // EmbedRequest: texts, 1..64 strings of 1..2048 characters; unknown keys rejected.
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    ModelEditor* models = window_->modelEditor();
    typeInto(find<QLineEdit>(models, "modelName"), "EmbedRequest");
    typeInto(find<QLineEdit>(models, "modelDescription"), "Texts to embed.");
    choose(find<QComboBox>(models, "extra"), "reject unknown keys (422)");
    FieldForm* form = addField("texts");
    TypeEditor* type = form->typeEditor();
    choose(type->kindCombo(), QString::fromUtf8("array of …"));
    typeInto(type->constraintEdit("min_items"), "1");
    typeInto(type->constraintEdit("max_items"), "64");
    typeInto(type->itemsEditor()->constraintEdit("min_length"), "1");
    typeInto(type->itemsEditor()->constraintEdit("max_length"), "2048");
    shot("03-request-model");

    // EmbedResponse: vectors, arrays of 8 numbers in [-1, 1].
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    typeInto(find<QLineEdit>(models, "modelName"), "EmbedResponse");
    form = addField("vectors");
    type = form->typeEditor();
    choose(type->kindCombo(), QString::fromUtf8("array of …"));
    TypeEditor* vector = type->itemsEditor();
    ASSERT_NE(vector, nullptr);
    choose(vector->kindCombo(), QString::fromUtf8("array of …"));
    typeInto(vector->constraintEdit("min_items"), "8");
    typeInto(vector->constraintEdit("max_items"), "8");
    ASSERT_NE(vector->itemsEditor(), nullptr);
    choose(vector->itemsEditor()->kindCombo(), "number");
    typeInto(vector->itemsEditor()->constraintEdit("ge"), "-1");
    typeInto(vector->itemsEditor()->constraintEdit("le"), "1");
    shot("04-response-model");

    // POST /embed, batched: requests within 5 ms are embedded together.
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    EndpointEditor* endpoint = window_->endpointEditor();
    choose(find<QComboBox>(endpoint, "method"), "POST");
    typeInto(find<QLineEdit>(endpoint, "path"), "/embed");
    typeInto(find<QLineEdit>(endpoint, "endpointId"), "embed");
    typeInto(find<QLineEdit>(endpoint, "summary"), "Embed texts");
    typeInto(find<QLineEdit>(endpoint, "tags"), "embeddings");
    choose(find<QComboBox>(endpoint, "requestModel"), "EmbedRequest");
    QTableView* responses = endpoint->responseView();
    responses->setFocus();
    responses->setCurrentIndex(responses->model()->index(0, ResponseTableModel::BodyColumn));
    QTest::keyClick(responses, Qt::Key_F2);
    auto* body = qobject_cast<QComboBox*>(QApplication::focusWidget());
    ASSERT_NE(body, nullptr);
    choose(body, "EmbedResponse");
    QTest::keyClick(body, Qt::Key_Return);
    BehaviourForm* behaviour = endpoint->behaviourForm();
    auto* batching = find<QCheckBox>(behaviour, "batching");
    batching->setFocus();
    QTest::keyClick(batching, Qt::Key_Space);
    typeInto(behaviour->durationEdit("window"), "5ms");
    typeIntoSpin(find<QAbstractSpinBox>(behaviour, "maxBatch"), "32");
    typeInto(behaviour->durationEdit("base"), "20ms");
    typeInto(behaviour->durationEdit("per_item"), "1ms");
    window_->jumpTo(QStringLiteral("/endpoints/0/behaviour/batching/max_batch"));
    shot("05-endpoint");
    EXPECT_EQ(window_->problemsModel()->errorCount(), 0);

    const QString path = QString::fromStdString((dir_ / "embedder-api.loadstar.json").string());
    window_->setSavePathPrompt([&](const QString&) { return path; });
    QTest::keySequence(window_.get(), QKeySequence::Save);
    ASSERT_FALSE(window_->document()->isDirty());

    // What was built is the sample's design.
    auto sample = model::loadProject(loadstar::testing::sourceDir() / "projects" / "embedder.loadstar.json");
    auto built = model::loadProject(path.toStdString());
    ASSERT_TRUE(std::holds_alternative<model::Project>(sample));
    ASSERT_TRUE(std::holds_alternative<model::Project>(built));
    const model::Project& want = std::get<model::Project>(sample);
    const model::Project& got = std::get<model::Project>(built);
    ASSERT_EQ(got.models.size(), 2u);
    EXPECT_EQ(got.models[0].extra, want.models[0].extra);
    EXPECT_EQ(got.models[0].fields[0].type, want.models[0].fields[0].type);
    EXPECT_EQ(got.models[1].fields[0].type, want.models[1].fields[0].type);
    ASSERT_EQ(got.endpoints.size(), 1u);
    EXPECT_EQ(got.endpoints[0].requestBody, want.endpoints[0].requestBody);
    EXPECT_EQ(got.endpoints[0].responses[0].body, want.endpoints[0].responses[0].body);
    EXPECT_EQ(got.endpoints[0].behaviour.batching, want.endpoints[0].behaviour.batching);

    // Serve it and try it: a valid sample gets 200, an invalid variant 422.
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    ServerController* server = window_->serverPanel()->controller();
    ASSERT_TRUE(waitFor([&] { return server->state() == ServerController::State::Listening; }, 20000))
        << server->errorTail().toStdString();
    TryItConsole* console = window_->serverPanel()->console();
    click(find<QPushButton>(console, "tryItValid"));
    EXPECT_EQ(send(console), 200);
    shot("06-try-valid");
    click(find<QPushButton>(console, "tryItInvalid"));
    EXPECT_EQ(send(console), 422);
    EXPECT_GE(console->errorList()->count(), 1);
    shot("07-try-invalid");
    window_->serverPanel()->tabs()->setCurrentIndex(1);
    ASSERT_TRUE(waitFor([&] { return server->log()->pendingCount() == 0; }));
    shot("08-log");

    // Export OpenAPI; the message bar reports the validation result.
    const QString openapi = QString::fromStdString((dir_ / "openapi.yaml").string());
    window_->setExportPathPrompt([&](const QString&) { return openapi; });
    QSignalSpy exported(window_.get(), &MainWindow::exportFinished);
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    ASSERT_TRUE(waitFor([&] { return exported.size() == 1; }, 10000));
    EXPECT_TRUE(exported.at(0).at(0).toBool());
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Information);
    EXPECT_TRUE(window_->messageBar()->text().endsWith("The design check found no problems."))
        << window_->messageBar()->text().toStdString();
    EXPECT_TRUE(std::filesystem::file_size(openapi.toStdString()) > 500);
    shot("09-exported");

    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    ASSERT_TRUE(waitFor([&] { return server->state() == ServerController::State::Stopped; }, 10000));
}

}  // namespace
}  // namespace loadstar::widgets
