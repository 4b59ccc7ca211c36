#include "widgets/cockpit/compare_frameworks.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/cockpit/compare_frameworks_dialog.h"
#include "widgets/cockpit/scenario_editor.h"
#include "widgets/cockpit/server_choice_editor.h"
#include "widgets/runs/compare_view.h"
#include "widgets/runs/framework_comparison_view.h"
#include "widgets/runs/framework_table_model.h"
#include "widgets/runs/run_view.h"
#include "widgets/runs/runs_page.h"
#include "widgets/window/main_window.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::choose;
using loadstar::testing::find;
using loadstar::testing::waitFor;
using ::testing::HasSubstr;

const model::ServerChoice kFlaskOne{model::ServerKind::Flask, 1, model::WorkerClass::Sync, 4};

// The workbench on a copy of the Benchmark plan; generated apps go to a
// throwaway cache.
class CompareFrameworksTest : public ::testing::Test {
  protected:
    void SetUp() override {
        qputenv("LOADSTAR_APP_CACHE", QByteArray::fromStdString((dir_ / "apps").string()));
        auto options = loadstar::testing::isolatedOptions(dir_.path());
        options.serverBinary = QStringLiteral(LOADSTAR_BINARY);
        window_ = std::make_unique<MainWindow>(options);
        window_->resize(1280, 800);
        loadstar::testing::showAndActivate(window_.get());
        project_ = dir_ / "benchmark-plan.loadstar.json";
        std::filesystem::copy_file(
            loadstar::testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json", project_);
        ASSERT_TRUE(window_->openFile(QString::fromStdString(project_.string())));
    }
    // With LOADSTAR_WALKTHROUGH_SHOTS set, `widget` is saved there as NAME.png to look at.
    static void shot(QWidget* widget, const char* name) {
        const QString dir = qEnvironmentVariable("LOADSTAR_WALKTHROUGH_SHOTS");
        if (dir.isEmpty()) return;
        QTest::qWait(300);
        widget->grab().save(dir + QStringLiteral("/%1.png").arg(QLatin1String(name)));
    }
    void TearDown() override {
        window_.reset();
        qunsetenv("LOADSTAR_APP_CACHE");
    }

    loadstar::testing::TempDir dir_;
    std::filesystem::path project_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(CompareFrameworksTest, RunsAScenarioAgainstTheEmbeddedServerAndFlaskIntoTheTable) {
    window_->document()->edit(
        [](model::Project& p) {
            p.scenarios[0].duration = std::chrono::seconds(1);
            p.scenarios[0].warmup = std::chrono::milliseconds(300);
            p.scenarios[0].vus = 4;
        },
        QStringLiteral("shorten"));
    CompareFrameworks* compare = window_->frameworkComparison();
    QAbstractItemModelTester tester(compare->table(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy done(compare, &CompareFrameworks::comparisonFinished);
    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    ASSERT_TRUE(window_->compareFrameworks({"micro-c10"}, {model::ServerChoice{}, kFlaskOne}));
    EXPECT_EQ(window_->currentPage(), window_->runPage());
    EXPECT_TRUE(window_->frameworkComparisonView()->isVisible());
    EXPECT_FALSE(window_->compareFrameworksAction()->isEnabled()) << "one comparison at a time";
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 120000));
    EXPECT_EQ(stored.count(), 2);

    const auto& rows = compare->table()->rows();
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows) {
        SCOPED_TRACE(model::describe(row.server));
        EXPECT_EQ(row.status, FrameworkTableModel::Status::Done) << row.message.toStdString();
        ASSERT_TRUE(row.cell);
        EXPECT_GT(row.cell->rps, 1.0);
        EXPECT_TRUE(row.cell->startSeconds);
        EXPECT_TRUE(row.cell->cpuPerRequestMs);
        EXPECT_GT(row.cell->peakRssBytes, 0u);
    }
    EXPECT_EQ(rows[1].server, kFlaskOne);
    const QAbstractItemModel* table = compare->table();
    EXPECT_EQ(table->index(1, FrameworkTableModel::ServerColumn).data().toString(),
              "Flask (gunicorn sync, 1 worker)");
    EXPECT_EQ(table->index(0, FrameworkTableModel::StatusColumn).data().toString(), "done");
    EXPECT_THAT(table->index(1, FrameworkTableModel::ColdStartColumn).data().toString().toStdString(),
                ::testing::EndsWith(" s"));

    FrameworkComparisonView* view = window_->frameworkComparisonView();
    EXPECT_TRUE(view->reportButton()->isEnabled());
    shot(window_.get(), "compare-frameworks");
    QString opened;
    view->setPathPrompt([&](const QString& suggestion) {
        EXPECT_TRUE(suggestion.endsWith("framework-comparison.html"));
        return QString::fromStdString((dir_ / "compare.html").string());
    });
    view->setReportOpener([&](const QString& path) { opened = path; });
    QTest::mouseClick(view->reportButton(), Qt::LeftButton);
    EXPECT_EQ(opened.toStdString(), (dir_ / "compare.html").string());
    const std::string html = loadstar::testing::readFile(dir_ / "compare.html");
    EXPECT_THAT(html, HasSubstr("Flask (gunicorn sync, 1 worker)"));
    EXPECT_THAT(html, HasSubstr("<h2>micro-c10</h2>"));
    EXPECT_TRUE(window_->compareFrameworksAction()->isEnabled());

    // The scenario's runs side by side in Runs: the comparison view.
    ASSERT_TRUE(view->compareButton()->isEnabled());
    QTest::mouseClick(view->compareButton(), Qt::LeftButton);
    RunsPage* runs = window_->runsPage();
    EXPECT_EQ(window_->currentPage(), runs);
    EXPECT_EQ(runs->currentView(), static_cast<QWidget*>(runs->compareView()));
    ASSERT_EQ(runs->comparedFiles().size(), 2u);
    EXPECT_EQ(runs->comparedFiles()[1].string(), rows[1].storedFile.toStdString());
    shot(window_.get(), "compare-frameworks-runs");
    // A row double-clicked: that run alone.
    window_->showDashboard();
    QTableView* tableView = view->table();
    const QModelIndex flaskRow = tableView->model()->index(1, FrameworkTableModel::ServerColumn);
    const QPoint at = tableView->visualRect(flaskRow).center();
    QTest::mouseClick(tableView->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tableView->viewport(), Qt::LeftButton, {}, at);
    EXPECT_EQ(window_->currentPage(), runs);
    EXPECT_EQ(runs->currentView(), static_cast<QWidget*>(runs->runView()));
    EXPECT_EQ(runs->shownFile().string(), rows[1].storedFile.toStdString());
}

// A Python without FastAPI and Flask: each run fails at once, the table says
// so, and under it the reason names the Debian packages to install.
TEST_F(CompareFrameworksTest, AMissingPythonPackageIsNamedUnderTheTable) {
    const auto bare = dir_ / "python-without-packages";
    loadstar::testing::writeFile(bare, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
    std::filesystem::permissions(bare, std::filesystem::perms::owner_all);
    qputenv("LOADSTAR_PYTHON", QByteArray::fromStdString(bare.string()));
    CompareFrameworks* compare = window_->frameworkComparison();
    QSignalSpy done(compare, &CompareFrameworks::comparisonFinished);
    ASSERT_TRUE(window_->compareFrameworks(
        {"io-c10"},
        {model::ServerChoice{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4}, kFlaskOne}));
    const bool finished = waitFor([&] { return done.count() == 1; }, 60000);
    qunsetenv("LOADSTAR_PYTHON");
    ASSERT_TRUE(finished);
    const auto& rows = compare->table()->rows();
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows) {
        EXPECT_EQ(row.status, FrameworkTableModel::Status::Failed);
        EXPECT_FALSE(row.cell);
    }
    FrameworkComparisonView* view = window_->frameworkComparisonView();
    EXPECT_TRUE(view->failures()->isVisible());
    const std::string text = view->failures()->text().toStdString();
    EXPECT_THAT(text, HasSubstr("cannot start FastAPI (uvicorn, 1 worker)"));
    EXPECT_THAT(text, HasSubstr("python3-fastapi"));
    EXPECT_THAT(text, HasSubstr("python3-flask"));
    EXPECT_FALSE(view->reportButton()->isEnabled()) << "nothing was measured";
    EXPECT_FALSE(view->compareButton()->isEnabled());
    shot(window_.get(), "compare-frameworks-missing-python");
}

TEST_F(CompareFrameworksTest, TheDialogOffersTheDesignsScenariosAndTheThreeServers) {
    CompareFrameworksDialog dialog(window_->document()->project());
    dialog.show();
    auto* list = find<QListWidget>(&dialog, "comparedScenarios");
    ASSERT_EQ(list->count(), 9) << "the Benchmark plan's matrix";
    EXPECT_EQ(dialog.scenarios().size(), 9u);
    ASSERT_EQ(dialog.servers().size(), 3u);
    EXPECT_EQ(dialog.servers()[1],
              (model::ServerChoice{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4}));
    EXPECT_EQ(dialog.servers()[2],
              (model::ServerChoice{model::ServerKind::Flask, 4, model::WorkerClass::Sync, 4}));
    const auto summary = [&] { return find<QLabel>(&dialog, "comparisonSummary")->text(); };
    EXPECT_TRUE(summary().startsWith("27 runs, about ")) << summary().toStdString();

    auto* threads = find<QSpinBox>(&dialog, "flaskThreads");
    EXPECT_FALSE(threads->isEnabled()) << "threads are for gthread workers";
    choose(find<QComboBox>(&dialog, "flaskWorkerClass"), "gthread (threads in each worker)");
    EXPECT_TRUE(threads->isEnabled());
    threads->setValue(8);
    find<QSpinBox>(&dialog, "fastapiWorkers")->setValue(2);
    for (int i = 1; i < list->count(); ++i)
        list->item(i)->setCheckState(Qt::Unchecked);
    EXPECT_EQ(dialog.scenarios(), std::vector<std::string>{"micro-c10"});
    EXPECT_EQ(summary(), "3 runs, about a minute.");
    shot(&dialog, "compare-frameworks-dialog");
    EXPECT_EQ(dialog.servers()[1].workers, 2);
    EXPECT_EQ(dialog.servers()[2],
              (model::ServerChoice{model::ServerKind::Flask, 4, model::WorkerClass::Gthread, 8}));
    for (QCheckBox* box : dialog.findChildren<QCheckBox*>())
        box->setChecked(false);
    EXPECT_EQ(summary(), "Choose at least one scenario and one server.");
    EXPECT_FALSE(find<QPushButton>(&dialog, "compareButton")->isEnabled());
}

TEST_F(CompareFrameworksTest, TheScenarioEditorChoosesTheServerAsAnUndoableEdit) {
    window_->selectNode({ProjectTreeModel::Kind::Scenario, 4});  // io-c200
    ScenarioEditor* editor = window_->scenarioEditor();
    auto* choice = find<ServerChoiceEditor>(editor, "serverChoice");
    ASSERT_TRUE(choice);
    EXPECT_TRUE(choice->isEnabled());
    EXPECT_FALSE(choice->workers()->isVisible()) << "the embedded server's concurrency is in Settings";
    choose(choice->kind(), "Flask under gunicorn (generated)");
    const auto server = [&] { return window_->document()->project().scenarios[4].server; };
    EXPECT_EQ(server().kind, model::ServerKind::Flask);
    EXPECT_TRUE(choice->workers()->isVisible());
    EXPECT_TRUE(choice->workerClass()->isVisible());
    EXPECT_FALSE(choice->threads()->isVisible());
    choice->workers()->setValue(4);
    EXPECT_EQ(server().workers, 4);
    choose(choice->workerClass(), "gthread");
    EXPECT_TRUE(choice->threads()->isVisible());
    EXPECT_EQ(server(), (model::ServerChoice{model::ServerKind::Flask, 4, model::WorkerClass::Gthread, 4}));
    shot(window_.get(), "scenario-server");

    window_->document()->undoStack()->undo();
    EXPECT_EQ(server().workerClass, model::WorkerClass::Sync);
    EXPECT_FALSE(choice->threads()->isVisible()) << "the editor shows the document after undo";
    // The keyboard passed FastAPI on its way to Flask: two steps for the kind.
    window_->document()->undoStack()->undo();
    EXPECT_EQ(server().kind, model::ServerKind::Flask);
    window_->document()->undoStack()->undo();
    EXPECT_EQ(server().kind, model::ServerKind::FastApi);
    window_->document()->undoStack()->undo();
    EXPECT_EQ(server(), model::ServerChoice{});
    EXPECT_EQ(choice->kind()->currentText(), "Embedded server (as in Settings)");

    choose(find<QComboBox>(editor, "targetKind"), "A URL");
    EXPECT_FALSE(choice->isEnabled()) << "a URL has no server to choose";
}

TEST(FrameworkTableModel, MarksTheBestFigureOfEachColumnWithinAScenario) {
    FrameworkTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    report::FrameworkCell fast;
    fast.rps = 3900;
    fast.p50 = 51'000;
    fast.p95 = 60'000;
    fast.p99 = 70'000;
    fast.cpuPerRequestMs = 0.31;
    fast.peakRssBytes = 50u << 20;
    fast.startSeconds = 1.2;
    report::FrameworkCell slow = fast;
    slow.rps = 78;
    slow.p99 = 2'500'000;
    slow.cpuPerRequestMs = 0.9;
    slow.peakRssBytes = 200u << 20;
    slow.startSeconds = 0.8;
    model.setRows(
        {{"io-c200",
          {model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4},
          FrameworkTableModel::Status::Done,
          {},
          {},
          fast},
         {"io-c200", kFlaskOne, FrameworkTableModel::Status::Done, {}, {}, slow},
         {"io-c10", kFlaskOne, FrameworkTableModel::Status::Failed, "no gunicorn", {}, std::nullopt}});
    const auto bold = [&](int row, int column) {
        return model.index(row, column).data(Qt::FontRole).value<QFont>().bold();
    };
    EXPECT_TRUE(bold(0, FrameworkTableModel::RpsColumn));
    EXPECT_FALSE(bold(1, FrameworkTableModel::RpsColumn));
    EXPECT_TRUE(bold(0, FrameworkTableModel::CpuPerRequestColumn));
    EXPECT_TRUE(bold(1, FrameworkTableModel::ColdStartColumn)) << "lower is better for a start";
    EXPECT_FALSE(bold(2, FrameworkTableModel::RpsColumn)) << "nothing measured, nothing to compare";
    EXPECT_EQ(model.index(0, FrameworkTableModel::CpuPerRequestColumn).data().toString(), "0.310 ms");
    EXPECT_EQ(model.index(1, FrameworkTableModel::PeakRssColumn).data().toString(), "200.0 MiB");
    EXPECT_EQ(model.index(1, FrameworkTableModel::RpsColumn).data().toString(), "78.0");
    EXPECT_EQ(model.index(2, FrameworkTableModel::StatusColumn).data().toString(), "failed");
    EXPECT_EQ(model.index(2, FrameworkTableModel::StatusColumn).data(Qt::ToolTipRole).toString(),
              "no gunicorn");
    EXPECT_EQ(model.index(2, FrameworkTableModel::RpsColumn).data().toString(), "");
}

}  // namespace
}  // namespace loadstar::widgets
