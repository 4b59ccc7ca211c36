#include <set>

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QThreadPool>
#include <QTreeView>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/server/server.h"
#include "support/temp_dir.h"
#include "support/test_server.h"
#include "support/widget_driver.h"
#include "widgets/window/import_dialog.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/openapi_source_box.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;

// A small shop's contract, written for these tests: four operations, two models,
// an API key, a server elsewhere, and two things the design cannot hold (a
// callback, a multipart body).
constexpr const char* kShop = R"(openapi: 3.1.0
info:
  title: Corner Shop
  version: 2.4.0
servers:
  - url: https://shop.example.com/v2
paths:
  /products:
    get:
      operationId: list_products
      summary: List products
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
      responses:
        '200':
          description: The products
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Product'}}
  /products/{product_id}:
    get:
      operationId: get_product
      summary: One product
      parameters:
        - {name: product_id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: The product
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Product'}
  /orders:
    post:
      operationId: create_order
      summary: Place an order
      security: [{apiKey: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses:
        '201':
          description: Placed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
      callbacks:
        shipped:
          '{$request.body#/callback}':
            post:
              responses: {'200': {description: ok}}
  /products/{product_id}/photo:
    put:
      operationId: upload_photo
      summary: Upload a photo
      parameters:
        - {name: product_id, in: path, required: true, schema: {type: integer}}
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses:
        '204': {description: Stored}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Shop-Key}
  schemas:
    Product:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string, maxLength: 80}
    Order:
      type: object
      required: [product_id, quantity]
      properties:
        product_id: {type: integer}
        quantity: {type: integer, minimum: 1}
)";

class OpenApiImport : public ::testing::Test {
  protected:
    void SetUp() override {
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        loadstar::testing::showAndActivate(window_.get());
    }
    QString write(const char* name, const std::string& text) {
        loadstar::testing::writeFile(dir_ / name, text);
        return QString::fromStdString((dir_ / name).string());
    }
    QString copyOfSample(const char* name) {
        const auto target = dir_ / name;
        std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects" / name, target);
        return QString::fromStdString(target.string());
    }
    // File › Import OpenAPI… as the menu does it; the dialog is window-modal.
    ImportDialog* openDialog() {
        window_->importOpenApiAction()->trigger();
        ImportDialog* dialog = window_->importDialog();
        EXPECT_NE(dialog, nullptr);
        EXPECT_TRUE(dialog != nullptr && dialog->isVisible());
        return dialog;
    }
    // Types the source and presses Return, then waits for the reading to end.
    void preview(ImportDialog* dialog, const QString& source) {
        loadstar::testing::typeInto(dialog->sourceBox()->sourceEdit(), source);
        EXPECT_TRUE(waitFor([&] { return !dialog->sourceBox()->isBusy(); }, 20000));
    }
    static QStringList warnings(const ImportDialog* dialog) {
        QStringList lines;
        for (int i = 0; i < dialog->warningList()->count(); ++i)
            lines << dialog->warningList()->item(i)->text();
        return lines;
    }
    // Saves a picture of `widget` where LOADSTAR_TEST_GRABS says (for looking at it).
    static void grab(QWidget* widget, const char* name) {
        const QString dir = qEnvironmentVariable("LOADSTAR_TEST_GRABS");
        if (!dir.isEmpty()) {
            QTest::qWait(50);  // the layout settles on posted events
            EXPECT_TRUE(widget->grab().save(dir + "/" + QString::fromLatin1(name)));
        }
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(OpenApiImport, AFileOpensAsANewUnsavedProjectWithItsOperations) {
    const QString shop = write("shop.yaml", kShop);
    ImportDialog* dialog = openDialog();
    EXPECT_FALSE(dialog->importButton()->isEnabled());
    preview(dialog, shop);
    ASSERT_TRUE(dialog->result().has_value()) << dialog->sourceBox()->statusLabel()->text().toStdString();

    EXPECT_EQ(dialog->heading()->text(), QString::fromUtf8("<b>Corner Shop</b> 2.4.0 · OpenAPI 3.1.0"));
    const QString summary = dialog->summary()->text();
    EXPECT_TRUE(summary.contains("4 of 4 in the document")) << summary.toStdString();
    EXPECT_TRUE(summary.contains("<td>2</td>")) << summary.toStdString();  // models
    EXPECT_TRUE(summary.contains("API key in the X-Shop-Key header on 1 operation")) << summary.toStdString();
    EXPECT_TRUE(summary.contains("https://shop.example.com/v2; the design serves on http://127.0.0.1:8000"))
        << summary.toStdString();
    QTreeWidget* operations = dialog->operationList();
    ASSERT_EQ(operations->topLevelItemCount(), 4);
    EXPECT_EQ(operations->topLevelItem(0)->text(0), "GET");
    EXPECT_EQ(operations->topLevelItem(0)->text(1), "/products");
    EXPECT_EQ(operations->topLevelItem(0)->text(2), "List products");
    EXPECT_EQ(operations->topLevelItem(3)->text(0), "PUT");
    EXPECT_EQ(operations->topLevelItem(3)->text(1), "/products/{product_id}/photo");

    // One line per place, compiler style, as `loadstar import` prints them.
    ASSERT_EQ(warnings(dialog),
              QStringList({"shop.yaml:/paths/~1orders/post/callbacks: warning: callbacks are not kept: the "
                           "design serves requests, it sends none",
                           "shop.yaml:/paths/~1products~1{product_id}~1photo/put/requestBody/content/"
                           "multipart~1form-data: warning: the multipart/form-data request body is not "
                           "kept: the design takes and answers JSON only"}));
    EXPECT_TRUE(dialog->warningList()->item(0)->toolTip().startsWith(
        shop + ":/paths/~1orders/post/callbacks: warning: "));
    grab(dialog, "import-dialog.png");

    // Return in the source field reads it again; only Import imports.
    preview(dialog, shop);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(window_->document()->project().endpoints.empty());
    ASSERT_TRUE(dialog->result().has_value());
    EXPECT_TRUE(dialog->importButton()->isEnabled());
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    EXPECT_TRUE(waitFor([&] { return window_->importDialog() == nullptr; }));  // closed and deleted

    ASSERT_TRUE(window_->hasProject());
    const model::Project& project = window_->document()->project();
    EXPECT_EQ(project.name, "Corner Shop");
    ASSERT_EQ(project.endpoints.size(), 4u);
    EXPECT_EQ(project.endpoints[2].id, "create_order");
    EXPECT_EQ(project.endpoints[2].auth, model::AuthRequirement::ApiKey);
    EXPECT_EQ(project.server.auth.apiKeyName, "X-Shop-Key");
    ASSERT_NE(project.model("Order"), nullptr);
    EXPECT_TRUE(window_->document()->filePath().isEmpty());  // unsaved: Save asks where
    EXPECT_TRUE(window_->document()->isDirty());
    EXPECT_TRUE(window_->windowTitle().contains("Corner Shop")) << window_->windowTitle().toStdString();
    EXPECT_EQ(window_->treeModel()->nodeAt(window_->sidebar()->currentIndex()),
              (ProjectTreeModel::Node{ProjectTreeModel::Kind::Endpoint, 0}));
    EXPECT_EQ(window_->messageBar()->kind(), MessageBar::Kind::Information);
    EXPECT_TRUE(window_->messageBar()->text().contains(QString::fromUtf8("Imported “Corner Shop” from")))
        << window_->messageBar()->text().toStdString();
    EXPECT_TRUE(window_->messageBar()->text().contains("not saved yet"));

    // Saving asks for a file and writes the imported design.
    const auto saved = dir_ / "shop.loadstar.json";
    window_->setSavePathPrompt([&](const QString&) { return QString::fromStdString(saved.string()); });
    ASSERT_TRUE(window_->save());
    auto reloaded = model::loadProject(saved);
    ASSERT_TRUE(std::holds_alternative<model::Project>(reloaded));
    EXPECT_EQ(std::get<model::Project>(reloaded), project);
}

TEST_F(OpenApiImport, UnsavedChangesAreAskedAboutFirst) {
    ASSERT_TRUE(window_->openFile(copyOfSample("embedder.loadstar.json")));
    window_->document()->edit([](model::Project& p) { p.version = "9"; }, QStringLiteral("Change version"));
    ImportDialog* dialog = openDialog();
    preview(dialog, write("shop.yaml", kShop));
    ASSERT_TRUE(dialog->result().has_value());
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);

    // As File › New and Open: asked in the message bar, the design untouched until answered.
    EXPECT_EQ(window_->messageBar()->text(),
              QString::fromUtf8("“Embedder API” has unsaved changes. Save them first?"));
    EXPECT_EQ(window_->document()->project().version, "9");
    auto* cancel = window_->messageBar()->findChild<QPushButton*>("cancelReplacing");
    ASSERT_NE(cancel, nullptr);
    QTest::mouseClick(cancel, Qt::LeftButton);
    EXPECT_EQ(window_->document()->project().name, "Embedder API");
    EXPECT_EQ(window_->document()->project().version, "9");

    dialog = openDialog();
    preview(dialog, write("shop.yaml", kShop));
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    auto* discard = window_->messageBar()->findChild<QPushButton*>("discardBeforeReplacing");
    ASSERT_NE(discard, nullptr);
    QTest::mouseClick(discard, Qt::LeftButton);
    EXPECT_EQ(window_->document()->project().name, "Corner Shop");
    EXPECT_TRUE(window_->document()->filePath().isEmpty());
}

TEST_F(OpenApiImport, ARefusedDocumentIsExplainedAndTheOpenProjectStaysAsItWas) {
    const QString path = copyOfSample("bookstore.loadstar.json");
    ASSERT_TRUE(window_->openFile(path));
    const model::Project before = window_->document()->project();
    ImportDialog* dialog = openDialog();
    QLabel* status = dialog->sourceBox()->statusLabel();

    const QString swagger =
        write("swagger.json", R"({"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}})");
    preview(dialog, swagger);
    EXPECT_FALSE(dialog->result().has_value());
    EXPECT_TRUE(status->isVisibleTo(dialog));
    EXPECT_TRUE(status->text().contains(swagger + ":/swagger: error: this is a Swagger 2.0 document"))
        << status->text().toStdString();
    EXPECT_FALSE(dialog->importButton()->isEnabled());
    EXPECT_EQ(dialog->operationList()->topLevelItemCount(), 0);
    grab(dialog, "import-dialog-refused.png");

    const QString broken =
        write("broken.json", "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": }\n}\n");
    preview(dialog, broken);
    EXPECT_TRUE(status->text().contains(broken + ":line 3, column 21: error: "))
        << status->text().toStdString();

    const QString notOpenApi = write("notes.yaml", "shopping:\n  - milk\n  - bread\n");
    preview(dialog, notOpenApi);
    EXPECT_FALSE(dialog->result().has_value());
    EXPECT_TRUE(status->text().contains(notOpenApi + ":")) << status->text().toStdString();
    EXPECT_TRUE(status->text().contains("error:")) << status->text().toStdString();

    preview(dialog, QString::fromStdString((dir_ / "nowhere.yaml").string()));
    EXPECT_TRUE(status->text().contains("nowhere.yaml: error: no such file")) << status->text().toStdString();

    preview(dialog, "http://127.0.0.1:1/openapi.json");  // nothing listens on port 1
    EXPECT_TRUE(status->text().contains("http://127.0.0.1:1/openapi.json: error: "))
        << status->text().toStdString();
    EXPECT_TRUE(status->text().contains("refused")) << status->text().toStdString();

    // Import with nothing to import does nothing; Cancel leaves everything as it was.
    QTest::keyClick(dialog, Qt::Key_Escape);
    EXPECT_TRUE(waitFor([&] { return window_->importDialog() == nullptr; }));
    EXPECT_EQ(window_->document()->project(), before);
    EXPECT_EQ(window_->document()->filePath(), QFileInfo(path).absoluteFilePath());
    EXPECT_FALSE(window_->document()->isDirty());
}

// The embedded server serves the bookstore sample; its /openapi.json is read
// over loopback and imported.
TEST_F(OpenApiImport, ARunningServersDocumentIsReadFromItsUrl) {
    auto loaded = model::loadProject(loadstar::testing::sourceDir() / "projects/bookstore.loadstar.json");
    ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
    auto served = std::make_shared<model::Project>(std::get<model::Project>(std::move(loaded)));
    served->server.port = 0;
    server::Server server(served, server::projectSchemaServices(served));
    const auto started = server.start();
    ASSERT_TRUE(std::holds_alternative<server::Started>(started));
    const QString url =
        QStringLiteral("http://127.0.0.1:%1/openapi.json").arg(std::get<server::Started>(started).port);

    ImportDialog* dialog = openDialog();
    preview(dialog, url);
    ASSERT_TRUE(dialog->result().has_value()) << dialog->sourceBox()->statusLabel()->text().toStdString();
    EXPECT_EQ(dialog->operationList()->topLevelItemCount(), static_cast<int>(served->endpoints.size()));
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    server.stop();

    const model::Project& project = window_->document()->project();
    EXPECT_EQ(project.name, served->name);
    // The import orders operations by path, as the document lists them.
    std::set<std::string> imported;
    std::set<std::string> original;
    for (const model::Endpoint& e : project.endpoints)
        imported.insert(e.method + " " + e.path);
    for (const model::Endpoint& e : served->endpoints)
        original.insert(e.method + " " + e.path);
    EXPECT_EQ(imported, original);
    EXPECT_EQ(project.models.size(), served->models.size());
    EXPECT_TRUE(window_->messageBar()->text().contains(url)) << window_->messageBar()->text().toStdString();
}

TEST_F(OpenApiImport, FetchingKeepsTheWindowResponsiveAndCanBeCancelled) {
    loadstar::testing::TestServer::Options holdForever;
    holdForever.fault = loadstar::testing::TestServer::Fault::Stall;
    holdForever.faultEvery = 1;
    loadstar::testing::TestServer silent(holdForever);

    ImportDialog* dialog = openDialog();
    OpenApiSourceBox* box = dialog->sourceBox();
    box->setTimeout(std::chrono::seconds(30));  // only Cancel ends this one
    const QString url = QString::fromStdString(silent.url("/openapi.json"));
    loadstar::testing::typeInto(box->sourceEdit(), url);
    ASSERT_TRUE(box->isBusy());
    EXPECT_TRUE(box->cancelButton()->isVisible());
    EXPECT_TRUE(box->statusLabel()->text().contains("Fetching " + url))
        << box->statusLabel()->text().toStdString();
    EXPECT_FALSE(box->sourceEdit()->isEnabled());
    // The event loop runs while the server holds the request.
    EXPECT_TRUE(waitFor([&] { return silent.requests() >= 1; }));
    QTest::qWait(100);
    EXPECT_TRUE(box->isBusy());

    QTest::mouseClick(box->cancelButton(), Qt::LeftButton);
    EXPECT_FALSE(box->isBusy());
    EXPECT_TRUE(box->sourceEdit()->isEnabled());
    EXPECT_FALSE(box->cancelButton()->isVisible());
    // The abandoned fetch ends (here: the server goes away); its outcome is never shown.
    silent.kill();
    EXPECT_TRUE(QThreadPool::globalInstance()->waitForDone(20000));
    QTest::qWait(50);
    EXPECT_FALSE(dialog->result().has_value());
    EXPECT_TRUE(box->statusLabel()->text().isEmpty()) << box->statusLabel()->text().toStdString();

    // Without cancelling, the timeout is the answer.
    loadstar::testing::TestServer stalled(holdForever);
    box->setTimeout(std::chrono::milliseconds(1000));
    preview(dialog, QString::fromStdString(stalled.url("/openapi.json")));
    EXPECT_TRUE(box->statusLabel()->text().contains("error: no answer within 1000 ms"))
        << box->statusLabel()->text().toStdString();
}

TEST_F(OpenApiImport, AnotherMachineIsReadOnlyOnceItsHostIsConfirmed) {
    EXPECT_EQ(remoteHostOf("/tmp/openapi.json"), "");
    EXPECT_EQ(remoteHostOf("http://127.0.0.1:8000/openapi.json"), "");
    EXPECT_EQ(remoteHostOf("http://127.9.9.9/openapi.json"), "");
    EXPECT_EQ(remoteHostOf("http://[::1]:8000/openapi.json"), "");
    EXPECT_EQ(remoteHostOf("http://LocalHost:8000/openapi.json"), "");
    EXPECT_EQ(remoteHostOf("https://api.example.com/openapi.json"), "api.example.com");
    EXPECT_EQ(remoteHostOf("http://10.0.0.7:8000/openapi.json"), "10.0.0.7");

    ImportDialog* dialog = openDialog();
    QStringList asked;
    dialog->sourceBox()->setRemoteConsent([&](const QString& host, const QString&) {
        asked << host;
        return false;
    });
    preview(dialog, "https://api.example.com/v1/openapi.json");
    EXPECT_EQ(asked, QStringList{"api.example.com"});
    EXPECT_FALSE(dialog->sourceBox()->isBusy());
    EXPECT_EQ(dialog->sourceBox()->statusLabel()->text(), "Not read: api.example.com was not confirmed.");

    // Loopback is this machine: nothing to confirm.
    preview(dialog, "http://127.0.0.1:1/openapi.json");
    EXPECT_EQ(asked.size(), 1);
}

}  // namespace
}  // namespace loadstar::widgets
