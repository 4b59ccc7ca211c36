#include <QAbstractScrollArea>
#include <QChartView>
#include <QDir>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QRegularExpression>
#include <QStyleOptionHeader>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QTreeView>

#include <gtest/gtest.h>

#include "support/real_runs.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/runs/compare_view.h"
#include "widgets/runs/run_view.h"
#include "widgets/runs/runs_page.h"
#include "widgets/window/main_window.h"

// At a laptop's 1280×800 and at 1920×1080, the main views show every label,
// table header, KPI tile, chart axis and legend in full: nothing elided, nothing
// cut off by the window. Real widgets, laid out offscreen.
namespace loadstar::widgets {
namespace {

using loadstar::testing::realRuns;
using loadstar::testing::waitFor;
using Kind = ProjectTreeModel::Kind;

// "MainWindow/…/kpiRps/QLabel", from the nearest names up.
QString whereIs(const QObject* object) {
    QStringList parts;
    for (const QObject* o = object; o != nullptr; o = o->parent()) {
        if (!o->objectName().isEmpty()) parts.prepend(o->objectName());
    }
    parts.append(QString::fromLatin1(object->metaObject()->className()));
    return parts.join(QLatin1Char('/'));
}

bool insideScrollArea(const QWidget* widget) {
    for (const QWidget* w = widget->parentWidget(); w != nullptr; w = w->parentWidget()) {
        if (qobject_cast<const QAbstractScrollArea*>(w) != nullptr) return true;
    }
    return false;
}

// A label whose text is wider or taller than the label, or that the window cuts
// off (a label in a scroll area may be scrolled to).
void checkLabel(const QLabel* label, QStringList& out) {
    if (label->text().isEmpty() || label->width() <= 0) return;
    const QString text = label->textFormat() == Qt::RichText || Qt::mightBeRichText(label->text())
                             ? QTextDocumentFragment::fromHtml(label->text()).toPlainText()
                             : label->text();
    const QSize need =
        label->wordWrap() ? QSize(0, label->heightForWidth(label->width())) : label->sizeHint();
    if (need.width() > label->width() || need.height() > label->height()) {
        out << QStringLiteral("%1 \"%2\": needs %3×%4, has %5×%6")
                   .arg(whereIs(label), text)
                   .arg(need.width())
                   .arg(need.height())
                   .arg(label->width())
                   .arg(label->height());
        return;
    }
    if (!insideScrollArea(label) && label->visibleRegion() != QRegion(label->rect())) {
        out << QStringLiteral("%1 \"%2\": cut off, only %3 of it shows")
                   .arg(whereIs(label), text,
                        QStringLiteral("%1×%2")
                            .arg(label->visibleRegion().boundingRect().width())
                            .arg(label->visibleRegion().boundingRect().height()));
    }
}

// A section narrower than its title needs (the header would elide it).
void checkHeader(const QHeaderView* header, QStringList& out) {
    if (header->orientation() != Qt::Horizontal || header->model() == nullptr) return;
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i)) continue;
        const QString text = header->model()->headerData(i, Qt::Horizontal).toString();
        if (text.isEmpty()) continue;
        QStyleOptionHeader option;
        option.initFrom(header);
        option.section = i;
        option.text = text;
        option.orientation = Qt::Horizontal;
        // A header that sorts keeps room for the indicator on every section.
        if (header->isSortIndicatorShown()) option.sortIndicator = QStyleOptionHeader::SortDown;
        const QVariant font = header->model()->headerData(i, Qt::Horizontal, Qt::FontRole);
        if (font.isValid()) option.fontMetrics = QFontMetrics(font.value<QFont>());
        const QSize need =
            header->style()->sizeFromContents(QStyle::CT_HeaderSection, &option, QSize(), header);
        if (need.width() > header->sectionSize(i)) {
            out << QStringLiteral("%1 column \"%2\": needs %3 px, has %4")
                       .arg(whereIs(header), text)
                       .arg(need.width())
                       .arg(header->sectionSize(i));
        }
    }
}

// Charts elide axis labels, axis titles and legend entries with "..." when they
// do not fit; an item outside the view is cut off.
void checkChart(const QChartView* view, QStringList& out) {
    const QRect shown = view->viewport()->rect();
    for (const QGraphicsItem* item : view->scene()->items()) {
        if (!item->isVisible()) continue;
        QString text;
        if (const auto* t = dynamic_cast<const QGraphicsTextItem*>(item)) text = t->toPlainText();
        if (const auto* t = dynamic_cast<const QGraphicsSimpleTextItem*>(item)) text = t->text();
        if (text.isEmpty()) continue;
        if (text.contains(QStringLiteral("...")) || text.contains(QChar(0x2026))) {
            out << QStringLiteral("%1 \"%2\": elided").arg(whereIs(view), text);
            continue;
        }
        const QRect at = view->mapFromScene(item->sceneBoundingRect()).boundingRect();
        if (!shown.adjusted(-1, -1, 1, 1).contains(at)) {
            out << QStringLiteral("%1 \"%2\": cut off at (%3, %4) %5×%6 in %7×%8")
                       .arg(whereIs(view), text)
                       .arg(at.x())
                       .arg(at.y())
                       .arg(at.width())
                       .arg(at.height())
                       .arg(shown.width())
                       .arg(shown.height());
        }
    }
}

// Everything the user can see in `window` that does not show its text in full.
QStringList unreadable(const QWidget* window) {
    QStringList out;
    for (const QLabel* label : window->findChildren<QLabel*>()) {
        if (label->isVisible()) checkLabel(label, out);
    }
    for (const QHeaderView* header : window->findChildren<QHeaderView*>()) {
        if (header->isVisible()) checkHeader(header, out);
    }
    for (const QChartView* chart : window->findChildren<QChartView*>()) {
        if (chart->isVisible()) checkChart(chart, out);
    }
    return out;
}

void settle() {
    // Layouts, chart geometry and queued redraws each take an event-loop turn.
    for (int i = 0; i < 5; ++i)
        QTest::qWait(20);
}

class LayoutFit : public ::testing::TestWithParam<QSize> {
  protected:
    void SetUp() override {
        ASSERT_EQ(realRuns().size(), 2u);
        plan_ = dir_ / "plan.loadstar.json";
        ASSERT_TRUE(std::holds_alternative<std::monostate>(
            model::saveProject(loadstar::testing::benchmarkPlan(), plan_)));
        for (const results::RunResult& r : realRuns())
            ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(results::storeRunResult(r, plan_)));
        embedder_ = dir_ / "embedder.loadstar.json";
        std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects" / "embedder.loadstar.json",
                                   embedder_);
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        window_->resize(GetParam());
        loadstar::testing::showAndActivate(window_.get());
        settle();
    }

    // Checks the window as it is now, naming the view in the failure.
    void expectReadable(const char* view) {
        settle();
        EXPECT_EQ(window_->size(), GetParam())
            << view << ": the window's minimum size does not fit the screen";
        const QStringList problems = unreadable(window_.get());
        // To see what the test saw: LOADSTAR_LAYOUT_PNG_DIR=/tmp/x keeps a picture of each failing view.
        const QString pictures = qEnvironmentVariable("LOADSTAR_LAYOUT_PNG_DIR");
        if (!problems.isEmpty() && !pictures.isEmpty()) {
            QString name = QStringLiteral("%1-%2x%3.png")
                               .arg(QString::fromUtf8(view))
                               .arg(GetParam().width())
                               .arg(GetParam().height());
            name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9.-]+")), QStringLiteral("_"));
            window_->grab().save(QDir(pictures).filePath(name));
        }
        EXPECT_TRUE(problems.isEmpty()) << view << " at " << GetParam().width() << "×" << GetParam().height()
                                        << ":\n  " << problems.join(QStringLiteral("\n  ")).toStdString();
    }

    loadstar::testing::TempDir dir_;
    std::filesystem::path plan_;
    std::filesystem::path embedder_;
    std::unique_ptr<MainWindow> window_;
};

TEST_P(LayoutFit, TheDesignViewsShowEveryLabelInFull) {
    expectReadable("the welcome page");
    ASSERT_TRUE(window_->openFile(QString::fromStdString(embedder_.string())));
    window_->selectNode({Kind::Settings, -1});
    expectReadable("the settings");
    window_->selectNode({Kind::Model, 0});
    expectReadable("the model editor");
    window_->selectNode({Kind::Endpoint, 0});
    expectReadable("the endpoint editor");
    window_->showServerPanel();
    expectReadable("the server panel");
}

TEST_P(LayoutFit, TheLoadViewsShowEveryAxisLegendTileAndHeaderInFull) {
    ASSERT_TRUE(window_->openFile(QString::fromStdString(plan_.string())));
    const QModelIndex runs = window_->treeModel()->indexOf({Kind::RunsGroup, -1});
    ASSERT_TRUE(waitFor([&] { return window_->treeModel()->rowCount(runs) == 2; }));

    window_->selectNode({Kind::Scenario, 0});
    expectReadable("the scenario editor");

    // The dashboard as a run leaves it: every chart full of the run's series.
    const results::RunResult& run = realRuns()[0];
    ASSERT_TRUE(run.scenario.has_value());
    window_->dashboard()->begin(*run.scenario);
    window_->dashboard()->showResult(run, QString());
    window_->showDashboard();
    expectReadable("the dashboard");

    window_->selectNode({Kind::Run, 0});
    RunView* view = window_->runsPage()->runView();
    ASSERT_EQ(window_->runsPage()->currentView(), view);
    for (int tab = 0; tab < view->tabs()->count(); ++tab) {
        view->tabs()->setCurrentIndex(tab);
        expectReadable(qPrintable(QStringLiteral("the run's tab \"%1\"").arg(view->tabs()->tabText(tab))));
    }

    window_->sidebar()->selectionModel()->select(window_->treeModel()->indexOf({Kind::Run, 1}),
                                                 QItemSelectionModel::Select);
    ASSERT_TRUE(
        waitFor([&] { return window_->runsPage()->currentView() == window_->runsPage()->compareView(); }));
    CompareView* compare = window_->runsPage()->compareView();
    const auto* tabs = compare->findChild<QTabWidget*>();
    for (int tab = 0; tabs != nullptr && tab < tabs->count(); ++tab) {
        const_cast<QTabWidget*>(tabs)->setCurrentIndex(tab);
        expectReadable(qPrintable(QStringLiteral("the comparison's tab \"%1\"").arg(tabs->tabText(tab))));
    }
    if (tabs == nullptr) expectReadable("the comparison");
}

INSTANTIATE_TEST_SUITE_P(LaptopAndDesktop, LayoutFit, ::testing::Values(QSize(1280, 800), QSize(1920, 1080)),
                         [](const ::testing::TestParamInfo<QSize>& size) {
                             return "At" + std::to_string(size.param.width()) + "x" +
                                    std::to_string(size.param.height());
                         });

}  // namespace
}  // namespace loadstar::widgets
