#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include "engine/server/server.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/designer/model_editor.h"
#include "widgets/window/compare_dialog.h"
#include "widgets/window/main_window.h"
#include "widgets/window/openapi_source_box.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;

class ContractCompare : public ::testing::Test {
  protected:
    void SetUp() override {
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        loadstar::testing::showAndActivate(window_.get());
        const auto copy = dir_ / "bookstore.loadstar.json";
        std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects/bookstore.loadstar.json", copy);
        ASSERT_TRUE(window_->openFile(QString::fromStdString(copy.string())));
    }
    // Exports the design as File › Export OpenAPI does, and waits for the file.
    QString exportOpenApi(const char* name) {
        QSignalSpy finished(window_.get(), &MainWindow::exportFinished);
        const QString path = QString::fromStdString((dir_ / name).string());
        window_->exportOpenApi(path);
        EXPECT_TRUE(finished.wait(10000));
        return path;
    }
    CompareDialog* openDialog() {
        window_->compareAction()->trigger();
        CompareDialog* dialog = window_->compareDialog();
        EXPECT_NE(dialog, nullptr);
        EXPECT_TRUE(dialog != nullptr && dialog->isVisible());
        return dialog;
    }
    // Waits until the list shows `breaking` breaking changes (it follows edits in the background).
    static bool waitForBreaking(CompareDialog* dialog, std::size_t breaking) {
        return waitFor([&] {
            return dialog->hasResult() && !dialog->sourceBox()->isBusy() &&
                   dialog->counts().breaking == breaking;
        });
    }
    void activate(QTreeWidget* tree, QTreeWidgetItem* item) {
        ASSERT_NE(item, nullptr);
        tree->setFocus();
        tree->setCurrentItem(item);
        QTest::keyClick(tree, Qt::Key_Return);
    }
    ProjectTreeModel::Node selectedNode() const {
        return window_->treeModel()->nodeAt(window_->sidebar()->currentIndex());
    }
    static int modelIndex(const model::Project& project, const char* name) {
        for (std::size_t i = 0; i < project.models.size(); ++i) {
            if (project.models[i].name == name) return static_cast<int>(i);
        }
        return -1;
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(ContractCompare, ARemovedOperationIsBreakingAndEachChangeLeadsToItsPlace) {
    const QString exported = exportOpenApi("openapi.json");
    CompareDialog* dialog = openDialog();
    // The last export is remembered and offered.
    EXPECT_TRUE(dialog->lastExportButton()->isEnabled());
    EXPECT_EQ(dialog->sourceBox()->source(), exported);
    QTest::mouseClick(dialog->lastExportButton(), Qt::LeftButton);
    ASSERT_TRUE(waitForBreaking(dialog, 0)) << dialog->sourceBox()->statusLabel()->text().toStdString();
    EXPECT_TRUE(dialog->changes().empty());  // the design against its own export
    EXPECT_TRUE(dialog->summary()->text().startsWith("No changes a client can see"))
        << dialog->summary()->text().toStdString();

    // DELETE /books/{book_id} goes, and BookCreate.title accepts 50 characters instead of 200.
    window_->selectNode({ProjectTreeModel::Kind::Endpoint, 4});
    ASSERT_EQ(window_->document()->project().endpoints[4].id, "delete_book");
    window_->deleteSelected();
    const int bookCreate = modelIndex(window_->document()->project(), "BookCreate");
    ASSERT_GE(bookCreate, 0);
    window_->document()->edit(
        [bookCreate](model::Project& p) {
            p.models[static_cast<std::size_t>(bookCreate)].fields[0].type.constraints.maxLength = 50;
        },
        QStringLiteral("Shorter titles"));
    ASSERT_TRUE(waitForBreaking(dialog, 2));

    QTreeWidget* tree = dialog->changeTree();
    ASSERT_EQ(tree->topLevelItemCount(), 3);
    EXPECT_EQ(tree->topLevelItem(0)->text(0), "Breaking (2)");
    EXPECT_TRUE(tree->topLevelItem(0)->isExpanded());
    EXPECT_FALSE(tree->topLevelItem(0)->icon(0).isNull());
    EXPECT_EQ(tree->topLevelItem(1)->text(0), "Non-breaking (0)");
    EXPECT_EQ(tree->topLevelItem(2)->text(0), "Docs only (0)");
    EXPECT_TRUE(dialog->summary()->text().contains("2 breaking, 0 non-breaking, 0 docs only"))
        << dialog->summary()->text().toStdString();

    QTreeWidgetItem* removed = dialog->findChange("endpoint-removed");
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->parent(), tree->topLevelItem(0));
    EXPECT_EQ(removed->text(0), "operation removed");
    EXPECT_EQ(removed->text(1), "DELETE /books/{book_id}");
    EXPECT_EQ(removed->text(2), "removed (was openapi.json:/paths/~1books~1{book_id}/delete)");

    QTreeWidgetItem* tightened = nullptr;
    for (int i = 0; i < tree->topLevelItem(0)->childCount(); ++i) {
        if (tree->topLevelItem(0)->child(i) != removed) tightened = tree->topLevelItem(0)->child(i);
    }
    ASSERT_NE(tightened, nullptr);
    EXPECT_TRUE(tightened->text(0).contains("maxLength")) << tightened->text(0).toStdString();
    EXPECT_TRUE(tightened->text(1).contains("POST /books")) << tightened->text(1).toStdString();
    EXPECT_EQ(tightened->text(2), QString::fromUtf8("model BookCreate › field title"));
    if (const QString dir = qEnvironmentVariable("LOADSTAR_TEST_GRABS"); !dir.isEmpty()) {
        QTest::qWait(50);  // the layout settles on posted events
        EXPECT_TRUE(dialog->grab().save(dir + "/compare-dialog.png"));
    }

    // Activating a change shows its place: the field in the model editor, and for
    // the operation that is gone, the list of endpoints.
    activate(tree, tightened);
    EXPECT_EQ(selectedNode(), (ProjectTreeModel::Node{ProjectTreeModel::Kind::Model, bookCreate}));
    EXPECT_EQ(window_->currentPage(), window_->modelEditor());
    EXPECT_EQ(window_->modelEditor()->currentField(), 0);
    activate(tree, removed);
    EXPECT_EQ(selectedNode(), (ProjectTreeModel::Node{ProjectTreeModel::Kind::EndpointsGroup, -1}));

    // Undoing the edits takes the changes away again.
    window_->document()->undoStack()->undo();
    window_->document()->undoStack()->undo();
    ASSERT_TRUE(waitForBreaking(dialog, 0));
    EXPECT_TRUE(dialog->changes().empty());
}

TEST_F(ContractCompare, AnOlderDocumentListsEveryClassWithItsPlace) {
    // The old version: the design as it is, exported; the new one adds an optional
    // query parameter, drops a description and makes a parameter required.
    const QString old = exportOpenApi("old.yaml");
    auto& project = window_->document()->project();
    const int listBooks = 0;
    ASSERT_EQ(project.endpoints[listBooks].id, "list_books");
    window_->document()->edit(
        [](model::Project& p) {
            model::Parameter q;
            q.name = "language";
            q.in = model::ParamLocation::Query;
            q.required = false;
            p.endpoints[0].parameters.push_back(q);
            p.endpoints[0].summary = "List the books, newest first";
        },
        QStringLiteral("Add a filter"));
    CompareDialog* dialog = openDialog();
    dialog->compareWith(old);
    ASSERT_TRUE(waitFor([&] { return dialog->hasResult() && !dialog->isComparing(); }));
    const openapi::ChangeCounts counts = dialog->counts();
    EXPECT_EQ(counts.breaking, 0u);
    EXPECT_EQ(counts.nonBreaking, 1u);
    EXPECT_EQ(counts.docsOnly, 1u);
    QTreeWidgetItem* added = dialog->findChange("new-optional-request-parameter");
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->parent(), dialog->changeTree()->topLevelItem(1));
    EXPECT_EQ(added->text(2), QString::fromUtf8("endpoint GET /books › parameter language"));
    ASSERT_NE(dialog->findChange("operation-summary-changed"), nullptr);
    EXPECT_EQ(dialog->findChange("operation-summary-changed")->parent(),
              dialog->changeTree()->topLevelItem(2));

    if (const QString dir = qEnvironmentVariable("LOADSTAR_TEST_GRABS"); !dir.isEmpty()) {
        QTest::qWait(50);  // the layout settles on posted events
        EXPECT_TRUE(dialog->grab().save(dir + "/compare-dialog-classes.png"));
    }
    // The same list as a pull-request comment, as `loadstar diff --markdown` writes it.
    const QString markdown = dialog->markdown();
    EXPECT_TRUE(markdown.startsWith("### API contract: `" + old + "` → `bookstore.loadstar.json`"))
        << markdown.toStdString();
    EXPECT_TRUE(markdown.contains("No breaking changes")) << markdown.toStdString();
    EXPECT_TRUE(markdown.contains("query parameter \"language\" added, optional")) << markdown.toStdString();
    activate(dialog->changeTree(), added);
    EXPECT_EQ(selectedNode(), (ProjectTreeModel::Node{ProjectTreeModel::Kind::Endpoint, listBooks}));
}

// The old side from a running server: the embedded server serves the sample as
// it was, over loopback, while the open design has lost an operation.
TEST_F(ContractCompare, TheOldSideCanBeARunningServersDocument) {
    auto served = std::make_shared<model::Project>(window_->document()->project());
    served->server.port = 0;
    server::Server server(served, server::projectSchemaServices(served));
    const auto started = server.start();
    ASSERT_TRUE(std::holds_alternative<server::Started>(started));
    const QString url =
        QStringLiteral("http://127.0.0.1:%1/openapi.json").arg(std::get<server::Started>(started).port);

    window_->selectNode({ProjectTreeModel::Kind::Endpoint, 5});
    ASSERT_EQ(window_->document()->project().endpoints[5].id, "list_authors");
    window_->deleteSelected();
    CompareDialog* dialog = openDialog();
    loadstar::testing::typeInto(dialog->sourceBox()->sourceEdit(), url);
    ASSERT_TRUE(waitForBreaking(dialog, 1)) << dialog->sourceBox()->statusLabel()->text().toStdString();
    server.stop();
    QTreeWidgetItem* removed = dialog->findChange("endpoint-removed");
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->text(1), "GET /authors");
    EXPECT_EQ(removed->text(2), "removed (was " + url + ":/paths/~1authors/get)");
}

TEST_F(ContractCompare, AnUnreadableOldSideIsExplainedAndChangesNothing) {
    const model::Project before = window_->document()->project();
    CompareDialog* dialog = openDialog();
    EXPECT_FALSE(dialog->lastExportButton()->isEnabled());  // nothing exported yet
    const auto broken = dir_ / "broken.json";
    loadstar::testing::writeFile(broken, "{\"openapi\": \"3.1.0\", \"info\": ");
    dialog->compareWith(QString::fromStdString(broken.string()));
    ASSERT_TRUE(waitFor([&] { return !dialog->sourceBox()->isBusy(); }));
    EXPECT_FALSE(dialog->hasResult());
    const QString status = dialog->sourceBox()->statusLabel()->text();
    EXPECT_TRUE(status.startsWith("Nothing to compare with:\n" + QString::fromStdString(broken.string()) +
                                  ":line 1, column "))
        << status.toStdString();
    EXPECT_EQ(dialog->changeTree()->topLevelItemCount(), 0);
    EXPECT_EQ(window_->document()->project(), before);
    EXPECT_FALSE(window_->document()->isDirty());

    // Closing the project takes the comparison away with it.
    window_->closeProject();
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_FALSE(window_->compareAction()->isEnabled());
}

}  // namespace
}  // namespace loadstar::widgets
