#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeView>

#include <gtest/gtest.h>

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/designer/behaviour_form.h"
#include "widgets/designer/endpoint_editor.h"
#include "widgets/designer/field_form.h"
#include "widgets/designer/model_editor.h"
#include "widgets/designer/preview_pane.h"
#include "widgets/designer/response_table_model.h"
#include "widgets/designer/settings_editor.h"
#include "widgets/designer/type_editor.h"
#include "widgets/document/problems_model.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/welcome_page.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::choose;
using loadstar::testing::find;
using loadstar::testing::typeInto;

class Workbench : public ::testing::Test {
  protected:
    void SetUp() override {
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        loadstar::testing::showAndActivate(window_.get());
    }
    // A writable copy of a sample project.
    QString copyOfSample(const char* name) {
        const auto target = dir_ / name;
        std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects" / name, target);
        return QString::fromStdString(target.string());
    }
    model::Project savedProject(const QString& path) {
        auto result = model::loadProject(path.toStdString());
        EXPECT_TRUE(std::holds_alternative<model::Project>(result));
        return std::holds_alternative<model::Project>(result) ? std::get<model::Project>(result)
                                                              : model::Project{};
    }
    void click(QAbstractButton* button) {
        ASSERT_NE(button, nullptr);
        QTest::mouseClick(button, Qt::LeftButton);
    }
    ModelEditor* models() { return window_->modelEditor(); }
    EndpointEditor* endpoints() { return window_->endpointEditor(); }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

// Picks `text` in the body cell of response `row` with the keyboard, as a user does.
void chooseResponseBody(QTableView* responses, int row, const QString& text) {
    responses->setFocus();
    responses->setCurrentIndex(responses->model()->index(row, ResponseTableModel::BodyColumn));
    QTest::keyClick(responses, Qt::Key_F2);
    auto* choice = qobject_cast<QComboBox*>(QApplication::focusWidget());
    ASSERT_NE(choice, nullptr);
    choose(choice, text);
    QTest::keyClick(choice, Qt::Key_Return);
}

TEST_F(Workbench, BodiesCanBeArraysOfModelsOrAnyOtherType) {
    ASSERT_TRUE(window_->openFile(copyOfSample("bookstore.loadstar.json")));
    const auto& project = window_->document()->project();
    const std::string model = project.models.front().name;
    const QString name = QString::fromStdString(model);
    window_->addEndpoint();
    ASSERT_EQ(window_->currentPage(), endpoints());
    choose(find<QComboBox>(endpoints(), "requestModel"), "array of " + name);
    EXPECT_FALSE(endpoints()->requestTypeEditor()->isVisible());

    QTableView* responses = endpoints()->responseView();
    click(find<QPushButton>(endpoints(), "addResponse"));  // beside the 200 a new endpoint has
    ASSERT_EQ(responses->model()->rowCount(), 2);
    chooseResponseBody(responses, 0, "array of " + name);
    EXPECT_EQ(responses->model()->index(0, ResponseTableModel::BodyColumn).data().toString().toStdString(),
              "array of model " + model);
    EXPECT_FALSE(endpoints()->responseTypeEditor()->isVisible());

    // Any other type: picked as "other type…", then edited in full below the table.
    chooseResponseBody(responses, 1, QString::fromUtf8("other type…"));
    TypeEditor* type = endpoints()->responseTypeEditor();
    ASSERT_TRUE(type->isVisible());
    choose(type->kindCombo(), "array of …");
    typeInto(type->constraintEdit("max_items"), "3");
    ASSERT_NE(type->itemsEditor(), nullptr);
    choose(type->itemsEditor()->kindCombo(), "integer");
    typeInto(type->itemsEditor()->constraintEdit("ge"), "0");
    EXPECT_EQ(responses->model()->index(1, ResponseTableModel::BodyColumn).data().toString(),
              "array of integer");

    const QString path = QString::fromStdString((dir_ / "bodies.loadstar.json").string());
    ASSERT_TRUE(window_->saveTo(path));
    const model::Project saved = savedProject(path);
    const model::Endpoint& e = saved.endpoints.back();
    ASSERT_TRUE(e.requestBody.has_value());
    EXPECT_EQ(e.requestBody->type, model::TypeSpec::arrayOf(model::TypeSpec::object(model)));
    ASSERT_EQ(e.responses.size(), 2u);
    EXPECT_EQ(e.responses[0].body, model::TypeSpec::arrayOf(model::TypeSpec::object(model)));
    model::TypeSpec integer = model::TypeSpec::scalar(model::TypeKind::Integer);
    integer.constraints.ge = 0;
    model::TypeSpec expected = model::TypeSpec::arrayOf(integer);
    expected.constraints.maxItems = 3;
    EXPECT_EQ(e.responses[1].body, expected);

    // Each choice was one undo step: back to a plain array of integers, then to a string.
    window_->document()->undoStack()->undo();
    EXPECT_EQ(window_->document()->project().endpoints.back().responses[1].body->items->constraints.ge,
              std::nullopt);
    // A request body of another type shows the type editor too.
    choose(find<QComboBox>(endpoints(), "requestModel"), QString::fromUtf8("other type…"));
    EXPECT_TRUE(endpoints()->requestTypeEditor()->isVisible());
    EXPECT_EQ(window_->document()->project().endpoints.back().requestBody->type,
              model::TypeSpec::scalar(model::TypeKind::String));
}

TEST_F(Workbench, BuildsAModelAndAnEndpointPurelyThroughTheWidgetsAndSavesThem) {
    click(find<QPushButton>(window_->welcomePage(), "newProject"));
    ASSERT_TRUE(window_->hasProject());
    typeInto(find<QLineEdit>(window_->settingsEditor(), "projectName"), "Embedder API");

    // A request model: texts (array of 1..64 non-empty strings) and an optional flag.
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    ASSERT_EQ(window_->currentPage(), models());
    typeInto(find<QLineEdit>(models(), "modelName"), "EmbedRequest");
    click(find<QPushButton>(models(), "addField"));
    FieldForm* form = models()->fieldForm();
    typeInto(form->nameEdit(), "texts");
    choose(form->typeEditor()->kindCombo(), QString::fromUtf8("array of …"));
    typeInto(form->typeEditor()->constraintEdit("min_items"), "1");
    typeInto(form->typeEditor()->constraintEdit("max_items"), "64");
    ASSERT_NE(form->typeEditor()->itemsEditor(), nullptr);
    typeInto(form->typeEditor()->itemsEditor()->constraintEdit("min_length"), "1");
    click(find<QPushButton>(models(), "addField"));
    typeInto(form->nameEdit(), "normalize");
    choose(form->typeEditor()->kindCombo(), "boolean");
    auto* required = find<QCheckBox>(form, "required");
    required->setFocus();
    QTest::keyClick(required, Qt::Key_Space);
    typeInto(find<QLineEdit>(form, "default"), "true");

    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    typeInto(find<QLineEdit>(models(), "modelName"), "EmbedResponse");
    click(find<QPushButton>(models(), "addField"));
    typeInto(form->nameEdit(), "count");
    choose(form->typeEditor()->kindCombo(), "integer");
    typeInto(form->typeEditor()->constraintEdit("ge"), "0");

    // The endpoint: POST /embed/{model_id} taking EmbedRequest, answering EmbedResponse after 50 ms.
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    ASSERT_EQ(window_->currentPage(), endpoints());
    choose(find<QComboBox>(endpoints(), "method"), "POST");
    typeInto(find<QLineEdit>(endpoints(), "path"), "/embed/{model_id}");
    EXPECT_EQ(endpoints()->pathCheck()->text(), "Not declared as path parameters: model_id.");
    click(find<QPushButton>(endpoints(), "addPathParameters"));
    EXPECT_EQ(endpoints()->pathCheck()->text(), QString::fromUtf8("Path parameters: model_id ✓"));
    QTableView* params = endpoints()->parameterView();
    params->setFocus();
    QTest::mouseClick(params->viewport(), Qt::LeftButton, {},
                      params->visualRect(params->model()->index(0, 0)).center());
    choose(endpoints()->parameterForm()->typeEditor()->kindCombo(), "integer");
    typeInto(endpoints()->parameterForm()->typeEditor()->constraintEdit("ge"), "1");
    typeInto(find<QLineEdit>(endpoints(), "endpointId"), "embed");
    typeInto(find<QLineEdit>(endpoints(), "summary"), "Embed texts");
    choose(find<QComboBox>(endpoints(), "requestModel"), "EmbedRequest");
    auto* responses = find<QTableView>(endpoints(), "responses");
    responses->setFocus();
    responses->setCurrentIndex(responses->model()->index(0, ResponseTableModel::BodyColumn));
    QTest::keyClick(responses, Qt::Key_F2);
    auto* bodyChoice = qobject_cast<QComboBox*>(QApplication::focusWidget());
    ASSERT_NE(bodyChoice, nullptr);
    choose(bodyChoice, "EmbedResponse");
    QTest::keyClick(bodyChoice, Qt::Key_Return);
    choose(endpoints()->behaviourForm()->latencyKind(), "fixed");
    typeInto(endpoints()->behaviourForm()->durationEdit("fixed"), "50ms");

    const QString path = QString::fromStdString((dir_ / "embedder.loadstar.json").string());
    window_->setSavePathPrompt([&](const QString&) { return path; });
    QTest::keySequence(window_.get(), QKeySequence::Save);
    EXPECT_FALSE(window_->document()->isDirty());

    const model::Project saved = savedProject(path);
    EXPECT_EQ(saved.name, "Embedder API");
    ASSERT_EQ(saved.models.size(), 2u);
    const model::Model& request = saved.models[0];
    EXPECT_EQ(request.name, "EmbedRequest");
    ASSERT_EQ(request.fields.size(), 2u);
    EXPECT_EQ(request.fields[0].name, "texts");
    EXPECT_EQ(request.fields[0].type.kind, model::TypeKind::Array);
    EXPECT_EQ(request.fields[0].type.constraints.minItems, 1);
    EXPECT_EQ(request.fields[0].type.constraints.maxItems, 64);
    ASSERT_TRUE(request.fields[0].type.items);
    EXPECT_EQ(request.fields[0].type.items->kind, model::TypeKind::String);
    EXPECT_EQ(request.fields[0].type.items->constraints.minLength, 1);
    EXPECT_TRUE(request.fields[0].required);
    EXPECT_EQ(request.fields[1].name, "normalize");
    EXPECT_EQ(request.fields[1].type.kind, model::TypeKind::Boolean);
    EXPECT_FALSE(request.fields[1].required);
    EXPECT_EQ(request.fields[1].defaultValue, Json(true));
    EXPECT_EQ(saved.models[1].name, "EmbedResponse");
    ASSERT_EQ(saved.models[1].fields.size(), 1u);
    EXPECT_EQ(saved.models[1].fields[0].type.kind, model::TypeKind::Integer);
    EXPECT_EQ(saved.models[1].fields[0].type.constraints.ge, 0.0);

    ASSERT_EQ(saved.endpoints.size(), 1u);
    const model::Endpoint& e = saved.endpoints[0];
    EXPECT_EQ(e.id, "embed");
    EXPECT_EQ(e.method, "POST");
    EXPECT_EQ(e.path, "/embed/{model_id}");
    EXPECT_EQ(e.summary, "Embed texts");
    ASSERT_EQ(e.parameters.size(), 1u);
    EXPECT_EQ(e.parameters[0].name, "model_id");
    EXPECT_EQ(e.parameters[0].in, model::ParamLocation::Path);
    EXPECT_TRUE(e.parameters[0].required);
    EXPECT_EQ(e.parameters[0].type.kind, model::TypeKind::Integer);
    EXPECT_EQ(e.parameters[0].type.constraints.ge, 1.0);
    ASSERT_TRUE(e.requestBody);
    EXPECT_EQ(e.requestBody->type.modelRef, "EmbedRequest");
    ASSERT_EQ(e.responses.size(), 1u);
    EXPECT_EQ(e.responses[0].status, 200);
    ASSERT_TRUE(e.responses[0].body);
    EXPECT_EQ(e.responses[0].body->modelRef, "EmbedResponse");
    EXPECT_EQ(e.behaviour.latency.kind, model::Latency::Kind::Fixed);
    EXPECT_EQ(e.behaviour.latency.fixed, std::chrono::milliseconds(50));
    for (const model::Problem& p : model::checkDesign(saved)) {
        EXPECT_NE(p.severity, model::Severity::Error) << p.location << ": " << p.message;
    }
}

TEST_F(Workbench, EachFieldEditIsOneUndoStepAcrossEditors) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    typeInto(models()->fieldForm()->nameEdit(), "inputs");
    window_->selectNode({ProjectTreeModel::Kind::Endpoint, 0});
    typeInto(find<QLineEdit>(endpoints(), "summary"), "Embed");
    QUndoStack* undo = window_->document()->undoStack();
    ASSERT_EQ(undo->count(), 2);
    EXPECT_EQ(undo->text(0), QString::fromUtf8("Rename field ‘texts’ to ‘inputs’"));
    EXPECT_EQ(undo->text(1), "Change summary of POST /embed");

    QTest::keySequence(window_.get(), QKeySequence::Undo);
    EXPECT_EQ(find<QLineEdit>(endpoints(), "summary")->text(), "Embed texts");
    QTest::keySequence(window_.get(), QKeySequence::Undo);
    EXPECT_EQ(window_->currentPage(), models());  // undo shows where it changed something
    EXPECT_EQ(models()->fieldForm()->nameEdit()->text(), "texts");
    EXPECT_FALSE(window_->document()->isDirty());
    QTest::keySequence(window_.get(), QKeySequence::Redo);
    QTest::keySequence(window_.get(), QKeySequence::Redo);
    EXPECT_EQ(window_->document()->project().models[0].fields[0].name, "inputs");
    EXPECT_EQ(window_->document()->project().endpoints[0].summary, "Embed");

    window_->selectNode({ProjectTreeModel::Kind::Settings, -1});
    typeInto(find<QLineEdit>(window_->settingsEditor(), "host"), "0.0.0.0");
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    QTest::keySequence(window_.get(), QKeySequence::Undo);
    EXPECT_EQ(window_->currentPage(), window_->settingsEditor());
    EXPECT_EQ(find<QLineEdit>(window_->settingsEditor(), "host")->text(), "127.0.0.1");
}

TEST_F(Workbench, RenamingAModelInItsEditorRenamesItsReferencesInOneStep) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    typeInto(find<QLineEdit>(models(), "modelName"), "TextBatch");
    const model::Project& p = window_->document()->project();
    EXPECT_EQ(p.models[0].name, "TextBatch");
    EXPECT_EQ(p.endpoints[0].requestBody->type.modelRef, "TextBatch");
    EXPECT_TRUE(window_->document()->problems().empty());
    // The sidebar follows the name without collapsing what was open.
    EXPECT_EQ(window_->treeModel()->indexOf({ProjectTreeModel::Kind::Model, 0}).data().toString(),
              "TextBatch");
    EXPECT_TRUE(window_->sidebar()->isExpanded(
        window_->treeModel()->indexOf({ProjectTreeModel::Kind::EndpointsGroup, -1})));
    ASSERT_EQ(window_->document()->undoStack()->count(), 1);
    EXPECT_EQ(window_->document()->undoStack()->undoText(),
              QString::fromUtf8("Rename model ‘EmbedRequest’ to ‘TextBatch’"));
    window_->document()->undoStack()->undo();
    EXPECT_EQ(window_->document()->project().endpoints[0].requestBody->type.modelRef, "EmbedRequest");
    EXPECT_EQ(window_->treeModel()->indexOf({ProjectTreeModel::Kind::Model, 0}).data().toString(),
              "EmbedRequest");
}

TEST_F(Workbench, FieldsAreAddedMovedDuplicatedAndRemovedOneStepEach) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    const auto names = [this] {
        std::vector<std::string> out;
        for (const auto& f : window_->document()->project().models[0].fields)
            out.push_back(f.name);
        return out;
    };
    click(find<QPushButton>(models(), "addField"));
    click(find<QPushButton>(models(), "duplicateField"));
    EXPECT_EQ(names(), (std::vector<std::string>{"texts", "field_1", "field_1_copy"}));
    click(find<QPushButton>(models(), "moveFieldUp"));
    click(find<QPushButton>(models(), "moveFieldUp"));
    EXPECT_EQ(names(), (std::vector<std::string>{"field_1_copy", "texts", "field_1"}));
    EXPECT_EQ(models()->currentField(), 0);
    click(find<QPushButton>(models(), "removeField"));
    EXPECT_EQ(names(), (std::vector<std::string>{"texts", "field_1"}));
    EXPECT_EQ(window_->document()->undoStack()->count(), 5);
    EXPECT_EQ(window_->document()->undoStack()->undoText(),
              QString::fromUtf8("Remove field ‘field_1_copy’ from EmbedRequest"));
}

TEST_F(Workbench, OpeningABrokenFileShowsTheEnginesMessageAndChangesNothing) {
    const QString good = copyOfSample("embedder.loadstar.json");
    ASSERT_TRUE(window_->openFile(good));
    window_->document()->edit([](model::Project& p) { p.version = "9"; }, QStringLiteral("Change version"));
    const auto broken = dir_ / "broken.loadstar.json";
    loadstar::testing::writeFile(broken, "{\"loadstar\": 1, \"name\": ");
    const auto expected = std::get<model::ProjectError>(model::loadProject(broken)).toString();

    EXPECT_FALSE(window_->openFile(QString::fromStdString(broken.string())));
    EXPECT_TRUE(window_->messageBar()->text().contains(QString::fromStdString(expected)))
        << window_->messageBar()->text().toStdString();
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Error);
    EXPECT_EQ(window_->document()->filePath(), QFileInfo(good).absoluteFilePath());
    EXPECT_EQ(window_->document()->project().version, "9");
    EXPECT_TRUE(window_->document()->isDirty());
}

TEST_F(Workbench, UnsavedChangesAreNeverDroppedWithoutAsking) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->document()->edit([](model::Project& p) { p.version = "9"; }, QStringLiteral("Change version"));
    // Asked inline, not in a dialog; the command runs once the answer is given.
    const auto answer = [&](const char* button) {
        auto* b = window_->messageBar()->findChild<QPushButton*>(QString::fromLatin1(button));
        ASSERT_NE(b, nullptr) << button;
        click(b);
    };
    window_->newProject();
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Warning);
    EXPECT_EQ(window_->messageBar()->text(),
              QString::fromUtf8("“Embedder API” has unsaved changes. Save them first?"));
    answer("cancelReplacing");
    EXPECT_EQ(window_->document()->project().version, "9");
    EXPECT_TRUE(window_->messageBar()->text().isEmpty());
    window_->closeProject();
    EXPECT_TRUE(window_->hasProject());
    answer("cancelReplacing");
    window_->newProject();
    answer("discardBeforeReplacing");
    EXPECT_EQ(window_->document()->project().name, "Untitled API");
    EXPECT_FALSE(window_->document()->isDirty());
    // Save first, then go ahead.
    window_->document()->edit([](model::Project& p) { p.version = "10"; }, QStringLiteral("Change version"));
    const QString saved = QString::fromStdString((dir_ / "untitled.loadstar.json").string());
    window_->setSavePathPrompt([&](const QString&) { return saved; });
    ASSERT_FALSE(window_->openFile(copyOfSample("bookstore.loadstar.json")));
    answer("saveBeforeReplacing");
    EXPECT_EQ(window_->document()->project().name, "Bookstore API");
    EXPECT_EQ(savedProject(saved).version, "10");
    window_->closeProject();  // nothing unsaved: no question
    EXPECT_FALSE(window_->hasProject());
    EXPECT_EQ(window_->currentPage(), window_->welcomePage());

    // Closing the window keeps the standard modal question.
    ASSERT_TRUE(window_->openFile(copyOfSample("predict.loadstar.json")));
    window_->document()->edit([](model::Project& p) { p.version = "11"; }, QStringLiteral("Change version"));
    int asked = 0;
    window_->setUnsavedChangesPrompt([&](const QString& name) {
        ++asked;
        EXPECT_EQ(name, "Predict API");
        return QMessageBox::Cancel;
    });
    EXPECT_FALSE(window_->close());
    EXPECT_EQ(asked, 1);
    window_->setUnsavedChangesPrompt([](const QString&) { return QMessageBox::Discard; });
    EXPECT_TRUE(window_->close());
}

TEST_F(Workbench, AutosaveIsOfferedBackAfterACrash) {
    const QString file = copyOfSample("embedder.loadstar.json");
    ASSERT_TRUE(window_->openFile(file));
    window_->selectNode({ProjectTreeModel::Kind::Endpoint, 0});
    typeInto(find<QLineEdit>(endpoints(), "summary"), "Recovered summary");
    window_->autosaveNow();
    ASSERT_TRUE(std::filesystem::exists(dir_ / "recovery" / "recovery.loadstar-autosave.json"));
    window_.reset();  // no close event: as if the process had died

    MainWindow next(loadstar::testing::isolatedOptions(dir_.path()));
    loadstar::testing::showAndActivate(&next);
    EXPECT_TRUE(next.messageBar()->text().contains("did not close cleanly"))
        << next.messageBar()->text().toStdString();
    QPushButton* restore = nullptr;
    for (QPushButton* b : next.messageBar()->findChildren<QPushButton*>()) {
        if (b->text() == "&Restore") restore = b;
    }
    ASSERT_NE(restore, nullptr);
    click(restore);
    EXPECT_TRUE(next.hasProject());
    EXPECT_EQ(next.document()->project().endpoints[0].summary, "Recovered summary");
    EXPECT_EQ(next.document()->filePath(), QFileInfo(file).absoluteFilePath());
    EXPECT_TRUE(next.document()->isDirty());
    EXPECT_TRUE(next.save());
    EXPECT_EQ(savedProject(file).endpoints[0].summary, "Recovered summary");
    EXPECT_FALSE(std::filesystem::exists(dir_ / "recovery" / "recovery.loadstar-autosave.json"));
}

TEST_F(Workbench, ClickingAProblemJumpsToTheOffendingFieldWhichIsMarkedInline) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Settings, -1});
    window_->document()->edit(
        [](model::Project& p) {
            p.endpoints[0].path = "/embed/{model}";
            p.models[0].fields[0].type.items =
                std::make_shared<model::TypeSpec>(*p.models[0].fields[0].type.items);
            p.models[0].fields[0].type.items->constraints.minLength = 5000;
        },
        QStringLiteral("Break the design"));
    QTableView* problems = window_->problemsView();
    // The impossible length also makes the field's example invalid (the value check).
    ASSERT_EQ(window_->problemsModel()->rowCount(), 3);
    EXPECT_EQ(window_->problemsModel()->locationAt(0), "/models/0/fields/0/items/min_length");
    EXPECT_EQ(window_->problemsModel()->locationAt(1), "/endpoints/0/path");
    EXPECT_EQ(window_->problemsModel()->locationAt(2), "/models/0/fields/0/example");

    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {},
                      problems->visualRect(problems->model()->index(1, 0)).center());
    EXPECT_EQ(window_->currentPage(), endpoints());
    auto* path = find<QLineEdit>(endpoints(), "path");
    EXPECT_TRUE(path->hasFocus());
    EXPECT_EQ(path->actions().size(), 1);  // the inline warning mark
    EXPECT_TRUE(path->toolTip().contains("{model}")) << path->toolTip().toStdString();

    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {},
                      problems->visualRect(problems->model()->index(0, 0)).center());
    EXPECT_EQ(window_->currentPage(), models());
    QLineEdit* minLength = models()->fieldForm()->typeEditor()->itemsEditor()->constraintEdit("min_length");
    EXPECT_TRUE(minLength->hasFocus());
    EXPECT_EQ(minLength->text(), "5000");
}

TEST_F(Workbench, RecentFilesAndTheLastProjectAreRemembered) {
    const QString file = copyOfSample("bookstore.loadstar.json");
    ASSERT_TRUE(window_->openFile(file));
    window_->close();
    window_.reset();
    MainWindow next(loadstar::testing::isolatedOptions(dir_.path()));
    ASSERT_EQ(next.welcomePage()->recentButtons().size(), 1);
    EXPECT_EQ(next.welcomePage()->recentButtons()[0]->text(), "bookstore.loadstar.json");
    next.openInitial({});
    EXPECT_TRUE(next.hasProject());
    EXPECT_EQ(next.document()->filePath(), QFileInfo(file).absoluteFilePath());
}

TEST_F(Workbench, ExportsOpenApiInTheBackgroundWithTheDesignChecksVerdict) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    QSignalSpy finished(window_.get(), &MainWindow::exportFinished);
    const auto json = dir_ / "openapi.json";
    window_->setExportPathPrompt([&](const QString&) { return QString::fromStdString(json.string()); });
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(finished.takeFirst().at(0).toBool());
    const Json document = Json::parse(loadstar::testing::readFile(json));
    EXPECT_EQ(document["openapi"], "3.1.0");
    EXPECT_EQ(document["info"]["title"], "Embedder API");
    EXPECT_TRUE(document["paths"].contains("/embed"));
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Information);
    EXPECT_TRUE(window_->messageBar()->text().contains("found no problems"))
        << window_->messageBar()->text().toStdString();

    // A design with an error is still exported, and the message says it cannot be trusted.
    window_->document()->edit([](model::Project& p) { p.endpoints[0].path = "/embed/{m}"; },
                              QStringLiteral("Break"));
    const auto yaml = dir_ / "openapi.yaml";
    window_->exportOpenApi(QString::fromStdString(yaml.string()));
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(loadstar::testing::readFile(yaml).starts_with("openapi: \"3.1.0\"\n"));
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Warning);
    EXPECT_TRUE(window_->messageBar()->text().contains("the design has 1 error"))
        << window_->messageBar()->text().toStdString();
}

TEST_F(Workbench, PreviewsShowTheModelsSchemaAndTheEndpointsFragmentAndFollowEdits) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    PreviewPane* schema = models()->schemaPreview();
    ASSERT_TRUE(
        loadstar::testing::waitFor([&] { return !schema->isPending() && !schema->text().isEmpty(); }));
    const Json shown = Json::parse(schema->text().toStdString());
    EXPECT_EQ(shown["required"], Json::array({"texts"}));
    EXPECT_EQ(shown["properties"]["texts"]["maxItems"], 64);

    typeInto(models()->fieldForm()->typeEditor()->constraintEdit("max_items"), "32");
    ASSERT_TRUE(loadstar::testing::waitFor([&] {
        return !schema->isPending() &&
               Json::parse(schema->text().toStdString())["properties"]["texts"]["maxItems"] == 32;
    }));

    // The sample body is valid for the model: 1 to 32 non-empty texts.
    PreviewPane* sample = models()->samplePreview();
    ASSERT_TRUE(
        loadstar::testing::waitFor([&] { return !sample->isPending() && !sample->text().isEmpty(); }));
    const Json body = Json::parse(sample->text().toStdString());
    ASSERT_TRUE(body["texts"].is_array());
    EXPECT_GE(body["texts"].size(), 1u);
    EXPECT_LE(body["texts"].size(), 32u);
    for (const Json& text : body["texts"])
        EXPECT_FALSE(text.get<std::string>().empty());

    window_->selectNode({ProjectTreeModel::Kind::Endpoint, 0});
    PreviewPane* fragment = endpoints()->fragmentPreview();
    ASSERT_TRUE(
        loadstar::testing::waitFor([&] { return !fragment->isPending() && !fragment->text().isEmpty(); }));
    const Json operation = Json::parse(fragment->text().toStdString());
    EXPECT_EQ(operation["/embed"]["post"]["operationId"], "embed");
    EXPECT_TRUE(loadstar::testing::waitFor([&] {
        return endpoints()->fragmentYamlPreview()->text().startsWith("/embed:");
    })) << endpoints()->fragmentYamlPreview()->text().toStdString();
}

TEST_F(Workbench, TheSidebarAddsDuplicatesAndDeletesWithWarningsAndUndo) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    QTest::keySequence(window_.get(), QKeySequence(Qt::CTRL | Qt::Key_D));
    const model::Project& p = window_->document()->project();
    ASSERT_EQ(p.models.size(), 3u);
    EXPECT_EQ(p.models[1].name, "EmbedRequestCopy1");
    EXPECT_EQ(p.models[1].fields, p.models[0].fields);

    window_->selectNode({ProjectTreeModel::Kind::Model, 0});
    window_->sidebar()->setFocus();
    QTest::keyClick(window_->sidebar(), Qt::Key_Delete);
    ASSERT_EQ(window_->document()->project().models.size(), 2u);
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Warning);
    EXPECT_EQ(window_->messageBar()->text(),
              QString::fromUtf8(
                  "Deleted model ‘EmbedRequest’; 1 reference to it now points nowhere (see Problems)."));
    EXPECT_EQ(window_->problemsModel()->errorCount(), 1);
    QPushButton* undo = nullptr;
    for (QPushButton* b : window_->messageBar()->findChildren<QPushButton*>()) {
        if (b->text() == "Undo") undo = b;
    }
    ASSERT_NE(undo, nullptr);
    click(undo);
    EXPECT_EQ(window_->document()->project().models[0].name, "EmbedRequest");
    EXPECT_EQ(window_->problemsModel()->errorCount(), 0);
}

TEST_F(Workbench, TheWelcomePageListsTheSamples) {
    EXPECT_EQ(window_->currentPage(), window_->welcomePage());
    const auto samples = window_->welcomePage()->sampleButtons();
    ASSERT_EQ(samples.size(), 5);
    EXPECT_EQ(samples[3]->text(), "Embedder API");
    click(samples[3]);
    EXPECT_TRUE(window_->hasProject());
    EXPECT_EQ(window_->document()->project().name, "Embedder API");
}

}  // namespace
}  // namespace loadstar::widgets
