#include <QAction>
#include <QDockWidget>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/real_runs.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/document/problems_model.h"
#include "widgets/window/about_dialog.h"
#include "widgets/window/first_start_geometry.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/problems_dock_policy.h"
#include "widgets/window/shortcuts_dialog.h"

// The window around the editors: where it opens, the Problems dock, the Help
// menu, and the question before load goes to another host.
namespace loadstar::widgets {
namespace {

using loadstar::testing::waitFor;

TEST(FirstStartGeometry, TakesMostOfALargeScreenAndAllOfALaptopsCentredInTheAvailableArea) {
    // A desktop with a 30 px panel at the top.
    const QRect desktop(0, 30, 1920, 1050);
    const QRect placed = firstStartGeometry(desktop);
    EXPECT_EQ(placed.size(), QSize(1728, 945));
    EXPECT_EQ(placed.center(), desktop.center());
    EXPECT_TRUE(desktop.contains(placed));
    // 90% of 1280×800 would be smaller than the views are laid out for.
    EXPECT_EQ(firstStartGeometry(QRect(0, 0, 1280, 800)), QRect(0, 0, 1280, 800));
    EXPECT_EQ(firstStartGeometry(QRect(1920, 0, 1366, 740)), QRect(1920, 0, 1366, 740)) << "a second screen";
}

class WindowChrome : public ::testing::Test {
  protected:
    void SetUp() override { window_ = open(); }

    std::unique_ptr<MainWindow> open() {
        auto window = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        loadstar::testing::showAndActivate(window.get());
        return window;
    }

    // A copy of a sample with its first scenario aimed at `target`.
    QString sampleAimedAt(const char* sample, const std::string& target) {
        auto loaded = model::loadProject(loadstar::testing::sourceDir() / "projects" / sample);
        EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
        model::Project project = std::get<model::Project>(std::move(loaded));
        if (!target.empty()) {
            project.scenarios.at(0).target.kind = model::Target::Kind::Url;
            project.scenarios.at(0).target.url = target;
        }
        const auto file = dir_ / sample;
        EXPECT_TRUE(std::holds_alternative<std::monostate>(model::saveProject(project, file)));
        return QString::fromStdString(file.string());
    }

    QDockWidget* problemsDock() const {
        return window_->findChild<QDockWidget*>(QStringLiteral("problemsDock"));
    }
    int problemCount() const {
        return window_->problemsModel()->errorCount() + window_->problemsModel()->warningCount();
    }
    // A second endpoint on the same method and path: a problem the design check reports.
    void addProblem() {
        window_->document()->edit([](model::Project& p) { p.endpoints.push_back(p.endpoints.front()); },
                                  QStringLiteral("Duplicate"));
    }

    loadstar::testing::TempDir dir_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(WindowChrome, FirstStartFillsMostOfTheScreenAndTheNextStartWhereItWasLeft) {
    // The offscreen screen is smaller than the window's minimum, which wins.
    const QSize planned = firstStartGeometry(window_->screen()->availableGeometry()).size();
    EXPECT_EQ(window_->size(), planned.expandedTo(window_->minimumSizeHint()));
    window_->setGeometry(QRect(40, 50, 1300, 820));
    ASSERT_TRUE(window_->close());
    window_ = open();
    EXPECT_EQ(window_->geometry(), QRect(40, 50, 1300, 820));
}

TEST_F(WindowChrome, TheProblemsDockCollapsesWhileThereAreNoneAndRemembersBeingKeptOpen) {
    QDockWidget* dock = problemsDock();
    ASSERT_NE(dock, nullptr);
    EXPECT_FALSE(dock->isVisible()) << "the welcome page has no problems";
    ASSERT_TRUE(window_->openFile(sampleAimedAt("embedder.loadstar.json", "")));
    ASSERT_EQ(problemCount(), 0) << "the sample is clean";
    EXPECT_FALSE(dock->isVisible());

    addProblem();
    ASSERT_GT(problemCount(), 0);
    EXPECT_TRUE(dock->isVisible()) << "problems open it";
    window_->document()->undoStack()->undo();
    ASSERT_EQ(problemCount(), 0);
    EXPECT_FALSE(dock->isVisible()) << "solved, it collapses again";

    // View › Problems with nothing in it: the user wants it kept open, also next time.
    QAction* toggle = dock->toggleViewAction();
    toggle->trigger();
    EXPECT_TRUE(dock->isVisible());
    addProblem();
    window_->document()->undoStack()->undo();
    EXPECT_TRUE(dock->isVisible()) << "kept open";
    window_->document()->undoStack()->setClean();
    ASSERT_TRUE(window_->close());
    EXPECT_TRUE(QSettings(QString::fromStdString((dir_ / "settings.ini").string()), QSettings::IniFormat)
                    .value(ProblemsDockPolicy::kKeptOpenKey)
                    .toBool());

    window_ = open();
    ASSERT_TRUE(window_->openFile(QString::fromStdString((dir_ / "embedder.loadstar.json").string())));
    dock = problemsDock();
    EXPECT_TRUE(dock->isVisible()) << "remembered";
    // Its own close button: back to collapsing while empty.
    dock->close();
    addProblem();
    EXPECT_TRUE(dock->isVisible());
    window_->document()->undoStack()->undo();
    EXPECT_FALSE(dock->isVisible());
    window_->document()->undoStack()->setClean();
}

TEST_F(WindowChrome, HelpShowsTheKeyboardShortcutsFromTheMenusAndTheVersions) {
    auto* shortcuts = window_->findChild<QAction*>(QStringLiteral("showShortcuts"));
    ASSERT_NE(shortcuts, nullptr);
    EXPECT_EQ(shortcuts->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Slash));
    shortcuts->trigger();
    auto* dialog = window_->findChild<ShortcutsDialog*>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    QStringList rows;
    for (int g = 0; g < dialog->list()->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = dialog->list()->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            rows << group->text(0) + QStringLiteral(": ") + group->child(i)->text(0) + QStringLiteral(" = ") +
                        group->child(i)->text(1);
    }
    const QString run = QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText);
    EXPECT_EQ(rows.filter(QRegularExpression(QStringLiteral("^Run: .* = ") + QRegularExpression::escape(run) +
                                             QLatin1Char('$')))
                  .size(),
              1)
        << rows.join(QLatin1Char('\n')).toStdString();
    EXPECT_FALSE(rows.filter(QStringLiteral("Help: Keyboard Shortcuts = ")).isEmpty())
        << rows.join(QLatin1Char('\n')).toStdString();
    shortcuts->trigger();
    EXPECT_EQ(window_->findChildren<ShortcutsDialog*>().size(), 1) << "brought forward, not opened twice";
    dialog->close();
    EXPECT_TRUE(waitFor([&] { return window_->findChild<ShortcutsDialog*>() == nullptr; }));

    auto* about = window_->findChild<QAction*>(QStringLiteral("showAbout"));
    ASSERT_NE(about, nullptr);
    about->trigger();
    auto* aboutDialog = window_->findChild<AboutDialog*>();
    ASSERT_NE(aboutDialog, nullptr);
    EXPECT_TRUE(aboutDialog->isVisible());
    const QString versions = AboutDialog::versionsText();
    EXPECT_TRUE(versions.contains(QStringLiteral("Loadstar: ") + QApplication::applicationVersion()))
        << versions.toStdString();
    EXPECT_TRUE(versions.contains(QStringLiteral("Qt: ") + QString::fromLatin1(qVersion())));
    aboutDialog->close();
}

// A host outside this machine: the run asks, by name, with the planned peak; the
// answer is kept in the scenario; another host asks again. The address is from
// TEST-NET-1 (RFC 5737), and the scenario carries a threshold that does not parse,
// so that a run the user allows stops while it is prepared, before the target is
// even resolved: nothing is ever sent.
TEST_F(WindowChrome, ARemoteTargetRunsOnlyAfterTheUserAllowsItsHostByName) {
    const QString file = sampleAimedAt("benchmark-plan.loadstar.json", "http://192.0.2.10:8080/");
    ASSERT_TRUE(window_->openFile(file));
    window_->document()->edit([](model::Project& p) { p.scenarios[0].thresholds = {"p95 <"}; },
                              QStringLiteral("Break a threshold"));
    QStringList asked;
    bool answer = false;
    window_->setRemoteConsentPrompt([&](const QString& question) {
        asked << question;
        return answer;
    });

    EXPECT_FALSE(window_->runScenario(0)) << "declined";
    ASSERT_EQ(asked.size(), 1);
    EXPECT_TRUE(asked[0].contains(QStringLiteral("Send load to 192.0.2.10?"))) << asked[0].toStdString();
    EXPECT_TRUE(asked[0].contains(QStringLiteral("up to 10 virtual users"))) << asked[0].toStdString();
    EXPECT_TRUE(asked[0].contains(QStringLiteral("12s (2s warm-up, then 10s measured)")))
        << asked[0].toStdString();
    EXPECT_FALSE(window_->runController()->isBusy());
    EXPECT_TRUE(window_->document()->project().scenarios[0].allowRemote.empty());
    EXPECT_TRUE(window_->messageBar()->isVisible());

    answer = true;
    QSignalSpy failed(window_->runController(), &RunController::failed);
    ASSERT_TRUE(window_->runScenario(0));
    EXPECT_EQ(asked.size(), 2);
    EXPECT_EQ(window_->document()->project().scenarios[0].allowRemote, "192.0.2.10");
    ASSERT_TRUE(waitFor([&] { return !failed.isEmpty(); }, 10000));
    EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("threshold \"p95 <\"")))
        << failed.first().first().toString().toStdString();
    ASSERT_TRUE(window_->save());
    auto saved = model::loadProject(file.toStdString());
    ASSERT_TRUE(std::holds_alternative<model::Project>(saved));
    EXPECT_EQ(std::get<model::Project>(saved).scenarios[0].allowRemote, "192.0.2.10")
        << "kept with the design";

    failed.clear();
    ASSERT_TRUE(window_->runScenario(0));
    EXPECT_EQ(asked.size(), 2) << "the same host does not ask again";
    ASSERT_TRUE(waitFor([&] { return !failed.isEmpty(); }, 10000));

    window_->document()->edit(
        [](model::Project& p) { p.scenarios[0].target.url = "http://192.0.2.11:8080/"; },
        QStringLiteral("Change target"));
    answer = false;
    EXPECT_FALSE(window_->runScenario(0));
    ASSERT_EQ(asked.size(), 3) << "another host asks again";
    EXPECT_TRUE(asked[2].contains(QStringLiteral("192.0.2.11")));
    EXPECT_EQ(window_->document()->project().scenarios[0].allowRemote, "192.0.2.10");
    window_->document()->undoStack()->setClean();
}

TEST_F(WindowChrome, ALoopbackTargetOrTheDesignRunsWithoutAsking) {
    ASSERT_TRUE(window_->openFile(sampleAimedAt("benchmark-plan.loadstar.json", "http://127.0.0.1:9/")));
    window_->document()->edit([](model::Project& p) { p.scenarios[0].thresholds = {"p95 <"}; },
                              QStringLiteral("Break a threshold"));
    int asked = 0;
    window_->setRemoteConsentPrompt([&](const QString&) { return ++asked, false; });
    QSignalSpy failed(window_->runController(), &RunController::failed);
    ASSERT_TRUE(window_->runScenario(0));
    ASSERT_TRUE(waitFor([&] { return !failed.isEmpty(); }, 10000));
    EXPECT_EQ(asked, 0);
    window_->document()->undoStack()->setClean();
}

}  // namespace
}  // namespace loadstar::widgets
