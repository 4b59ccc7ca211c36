#include "widgets/runs/run_view.h"

#include <algorithm>
#include <cmath>

#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include "engine/model/duration.h"
#include "engine/stats/threshold.h"
#include "widgets/cockpit/tick_series.h"
#include "widgets/common/chart_style.h"
#include "widgets/common/unit_text.h"
#include "widgets/runs/latency_curves.h"
#include "widgets/runs/run_chart.h"
#include "widgets/runs/run_text.h"

namespace loadstar::widgets {

namespace {

struct Kpi {
    const char* key;
    const char* title;
};
constexpr Kpi kKpis[] = {{"requests", QT_TRANSLATE_NOOP("RunView", "Requests")},
                         {"rps", QT_TRANSLATE_NOOP("RunView", "Throughput")},
                         {"p50", QT_TRANSLATE_NOOP("RunView", "p50")},
                         {"p99", QT_TRANSLATE_NOOP("RunView", "p99")},
                         {"p999", QT_TRANSLATE_NOOP("RunView", "p99.9")},
                         {"max", QT_TRANSLATE_NOOP("RunView", "Max")},
                         {"errors", QT_TRANSLATE_NOOP("RunView", "Errors")},
                         {"serverCpu", QT_TRANSLATE_NOOP("RunView", "Server CPU (mean)")},
                         {"serverRss", QT_TRANSLATE_NOOP("RunView", "Server RSS (peak)")}};

QTableWidget* makeTable(const QString& objectName, const QStringList& headers) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells, int firstNumeric = 1) {
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c >= firstNumeric) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, c, item);
    }
}

QWidget* titled(const QString& title, QWidget* content) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

}  // namespace

RunView::RunView(QWidget* parent)
    : QWidget(parent),
      name_(new QLineEdit),
      note_(new QPlainTextEdit),
      subtitle_(new QLabel),
      verdict_(new QLabel),
      export_(new QToolButton),
      kpis_(new QWidget),
      tabs_(new QTabWidget),
      percentiles_(new RunChart(tr("Latency by percentile"))),
      histogram_(new RunChart(tr("Latency histogram"))),
      latencyOverTime_(new RunChart(tr("Latency over time"))),
      throughput_(new RunChart(tr("Throughput and errors"))),
      resources_(new RunChart(tr("CPU (100% is one core) and memory"))),
      statusTable_(makeTable(QStringLiteral("statusCodes"), {tr("Status"), tr("Responses"), tr("Share")})),
      errorTable_(makeTable(QStringLiteral("errorClasses"), {tr("Error class"), tr("Count"), tr("Share")})),
      endpointTable_(makeTable(QStringLiteral("endpoints"),
                               {tr("Endpoint"), tr("Requests"), tr("req/s"), tr("p50"), tr("p90"), tr("p99"),
                                tr("p99.9"), tr("Max"), tr("Errors")})),
      thresholdTable_(
          makeTable(QStringLiteral("thresholds"), {tr("Threshold"), tr("Measured"), tr("Result")})),
      setup_(new QTreeWidget) {
    setObjectName(QStringLiteral("runView"));
    name_->setObjectName(QStringLiteral("runName"));
    name_->setToolTip(tr("The run's name in the Runs list (Enter to keep it)"));
    QFont big = name_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    name_->setFont(big);
    name_->setFrame(false);
    note_->setObjectName(QStringLiteral("runNote"));
    note_->setPlaceholderText(tr("Add a note: what changed, what you were testing…"));
    note_->setTabChangesFocus(true);
    note_->setFixedHeight(note_->fontMetrics().lineSpacing() * 3 + 12);
    note_->installEventFilter(this);
    connect(name_, &QLineEdit::editingFinished, this, &RunView::commitLabel);
    subtitle_->setObjectName(QStringLiteral("runSubtitle"));
    subtitle_->setWordWrap(true);
    subtitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    subtitle_->setForegroundRole(QPalette::PlaceholderText);
    verdict_->setObjectName(QStringLiteral("runVerdict"));

    export_->setObjectName(QStringLiteral("runExport"));
    export_->setText(tr("Export"));
    export_->setPopupMode(QToolButton::InstantPopup);
    export_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(export_);
    menu->addAction(tr("Run as JSON…"), this, [this] { emit exportRequested(ExportFormat::Json); })
        ->setObjectName(QStringLiteral("exportJson"));
    menu->addAction(tr("Time series as CSV…"), this, [this] { emit exportRequested(ExportFormat::Csv); })
        ->setObjectName(QStringLiteral("exportCsv"));
    reportAction_ = menu->addAction(tr("Report (HTML/PDF)…"), this, [this] { emit reportRequested(); });
    reportAction_->setObjectName(QStringLiteral("exportReport"));
    reportAction_->setVisible(false);
    export_->setMenu(menu);

    auto* header = new QHBoxLayout;
    header->addWidget(name_, 1);
    header->addWidget(verdict_);
    header->addWidget(export_);

    buildKpiTiles();

    // Latency: the distribution and the histogram side by side.
    auto* latency = new QSplitter(Qt::Horizontal);
    latency->addWidget(percentiles_);
    latency->addWidget(histogram_);
    latency->setStretchFactor(0, 3);
    latency->setStretchFactor(1, 2);
    percentiles_->setObjectName(QStringLiteral("percentileChart"));
    histogram_->setObjectName(QStringLiteral("histogramChart"));

    QWidget* overTimeScroll = buildOverTimeTab();

    auto* responses = new QSplitter(Qt::Vertical);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(titled(tr("Status codes"), statusTable_));
    top->addWidget(titled(tr("Errors by class"), errorTable_));
    responses->addWidget(top);
    responses->addWidget(titled(tr("Endpoints"), endpointTable_));

    setup_->setObjectName(QStringLiteral("runSetup"));
    setup_->setColumnCount(2);
    setup_->setHeaderLabels({tr("Setting"), tr("Value")});
    setup_->setRootIsDecorated(true);
    setup_->setAlternatingRowColors(true);

    tabs_->setObjectName(QStringLiteral("runTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(latency, tr("Latency"));
    tabs_->addTab(overTimeScroll, tr("Over time"));
    tabs_->addTab(responses, tr("Responses"));
    tabs_->addTab(thresholdTable_, tr("Thresholds"));
    tabs_->addTab(setup_, tr("Setup"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addLayout(header);
    layout->addWidget(subtitle_);
    layout->addWidget(note_);
    layout->addWidget(kpis_);
    layout->addWidget(tabs_, 1);
}

// One tile per KPI (kKpis), each a title over a value filled by fillKpis.
void RunView::buildKpiTiles() {
    auto* kpiGrid = new QGridLayout(kpis_);
    kpiGrid->setContentsMargins(0, 4, 0, 4);
    kpiGrid->setHorizontalSpacing(6);
    int column = 0;
    for (const Kpi& k : kKpis) {
        auto* tile = new QFrame;
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setAutoFillBackground(true);
        tile->setBackgroundRole(QPalette::AlternateBase);
        auto* tileLayout = new QVBoxLayout(tile);
        tileLayout->setContentsMargins(8, 4, 8, 4);
        tileLayout->setSpacing(0);
        auto* title = new QLabel(tr(k.title));
        title->setForegroundRole(QPalette::PlaceholderText);
        auto* value = new QLabel;
        value->setObjectName(QStringLiteral("kpi.") + QLatin1String(k.key));
        QFont valueFont = value->font();
        valueFont.setPointSizeF(valueFont.pointSizeF() * 1.25);
        valueFont.setBold(true);
        value->setFont(valueFont);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        tileLayout->addWidget(title);
        tileLayout->addWidget(value);
        kpiGrid->addWidget(tile, 0, column++);
    }
}

// Latency over time above throughput and resources, scrolled when the view is short.
QWidget* RunView::buildOverTimeTab() {
    auto* overTime = new QWidget;
    auto* overTimeLayout = new QVBoxLayout(overTime);
    overTimeLayout->setContentsMargins(0, 0, 0, 0);
    latencyOverTime_->setObjectName(QStringLiteral("latencyOverTimeChart"));
    throughput_->setObjectName(QStringLiteral("throughputChart"));
    resources_->setObjectName(QStringLiteral("resourceChart"));
    overTimeLayout->addWidget(latencyOverTime_, 1);
    auto* lower = new QHBoxLayout;
    lower->addWidget(throughput_, 1);
    lower->addWidget(resources_, 1);
    overTimeLayout->addLayout(lower, 1);
    auto* overTimeScroll = new QScrollArea;
    overTimeScroll->setWidgetResizable(true);
    overTimeScroll->setFrameShape(QFrame::NoFrame);
    overTime->setMinimumHeight(2 * 220);
    overTimeScroll->setWidget(overTime);
    return overTimeScroll;
}

QString RunView::defaultName(const results::RunResult& r) {
    const QString scenario = r.scenario ? QString::fromStdString(r.scenario->name) : tr("ad-hoc load");
    return tr("%1 at %2").arg(scenario, runStartText(r));
}

void RunView::setReportAvailable(bool available) {
    reportAction_->setVisible(available);
}

QXYSeries* RunView::line(const QString& objectName) const {
    for (RunChart* chart : {percentiles_, histogram_, latencyOverTime_, throughput_, resources_}) {
        if (QXYSeries* s = chart->line(objectName)) return s;
    }
    return nullptr;
}

bool RunView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == note_ && event->type() == QEvent::FocusOut) commitLabel();
    return QWidget::eventFilter(watched, event);
}

void RunView::commitLabel() {
    if (!result_) return;
    const QString name = name_->text().trimmed();
    const QString note = note_->toPlainText().trimmed();
    // The default label is shown as placeholder text, never stored as a name.
    if (name != QString::fromStdString(result_->name)) {
        result_->name = name.toStdString();
        emit renameRequested(name);
    }
    if (note != QString::fromStdString(result_->note)) {
        result_->note = note.toStdString();
        emit annotateRequested(note);
    }
}

void RunView::setResult(const results::RunResult& r) {
    const bool sameRun = result_ && result_->id == r.id;
    result_ = r;
    // Keep what the user is typing when the same run is reloaded underneath.
    if (!sameRun || !name_->hasFocus()) name_->setText(QString::fromStdString(r.name));
    if (!sameRun || !note_->hasFocus()) note_->setPlainText(QString::fromStdString(r.note));
    name_->setPlaceholderText(defaultName(r));

    QStringList facts;
    facts << (r.scenario ? tr("Scenario %1").arg(QString::fromStdString(r.scenario->name))
                         : tr("Ad-hoc load"));
    facts << QString::fromStdString(r.target);
    facts << (r.executor == model::Executor::Open ? tr("open loop") : tr("closed loop"));
    facts << tr("started %1").arg(runStartText(r));
    facts << tr("%1 measured").arg(secondsText(r.measuredSeconds));
    if (r.server) facts << tr("server: %1").arg(concurrencyText(*r.server));
    if (r.interrupted) facts << tr("stopped early");
    if (!r.engine.native()) facts << engineText(r.engine);
    subtitle_->setText(facts.join(QStringLiteral(" · ")));
    // What the engine's figures lack or mean differently, where the figures are read.
    subtitle_->setToolTip(r.engine.notes.empty() ? QString() : notesText(r.engine));

    if (r.thresholds.empty()) {
        verdict_->setText(tr("No thresholds"));
        verdict_->setStyleSheet({});
    } else {
        verdict_->setText(r.thresholdsPassed ? tr("✔ Thresholds passed") : tr("✘ Thresholds failed"));
        verdict_->setStyleSheet(
            QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                .arg(
                    (r.thresholdsPassed ? ChartStyle::pass(palette()) : ChartStyle::fail(palette())).name()));
    }
    fillKpis(r);
    fillLatency(r);
    fillTimeSeries(r);
    fillResponses(r);
    fillThresholds(r);
    fillSetup(r);
}

void RunView::fillKpis(const results::RunResult& r) {
    const auto set = [this](const char* key, const QString& text) {
        if (auto* label = kpis_->findChild<QLabel*>(QStringLiteral("kpi.") + QLatin1String(key)))
            label->setText(text);
    };
    const stats::Summary& o = r.overall;
    set("requests", QLocale().toString(static_cast<qulonglong>(o.requests)));
    set("rps", tr("%1/s").arg(QLocale().toString(o.rps, 'f', o.rps < 100 ? 1 : 0)));
    set("p50", latencyText(static_cast<double>(o.latency.p50)));
    set("p99", latencyText(static_cast<double>(o.latency.p99)));
    set("p999", latencyText(static_cast<double>(o.latency.p999)));
    set("max", latencyText(static_cast<double>(o.latency.max)));
    set("errors", percentText(o.errorRate * 100));
    const ResourceUse use = resourceUse(r);
    set("serverCpu", use.serverCpuMean ? tr("%1 %").arg(*use.serverCpuMean, 0, 'f', 0) : tr("n/a"));
    set("serverRss", use.serverRssPeakBytes ? bytesText(*use.serverRssPeakBytes) : tr("n/a"));
}

void RunView::fillLatency(const results::RunResult& r) {
    const bool open = r.executor == model::Executor::Open;
    percentiles_->clear();
    percentiles_->addNinesAxis();
    QValueAxis* ms = percentiles_->addValueAxis(Qt::Vertical, tr("latency (ms)"));
    percentiles_->addLine(QStringLiteral("percentile.corrected"),
                          open ? tr("corrected (from the intended start)") : tr("latency"),
                          percentileCurve(r.overallStats.latency), ms, Qt::SolidLine,
                          ChartStyle::color(0, palette()));
    if (open) {
        percentiles_->addLine(QStringLiteral("percentile.uncorrected"), tr("uncorrected (from the send)"),
                              percentileCurve(r.overallStats.uncorrected), ms, Qt::DashLine,
                              ChartStyle::color(1, palette()));
    }
    percentiles_->fitAxes();

    histogram_->clear();
    histogram_->addValueAxis(Qt::Horizontal, tr("latency (ms)"));
    QValueAxis* share = histogram_->addValueAxis(Qt::Vertical, tr("share of requests (%)"));
    // A stepped outline: each bin holds its share until the next edge.
    const QList<QPointF> bins = latencyHistogramBins(r.overallStats.latency);
    QList<QPointF> steps;
    for (qsizetype i = 0; i < bins.size(); ++i) {
        if (i > 0) steps.append({bins[i].x(), bins[i - 1].y()});
        steps.append(bins[i]);
    }
    histogram_->addLine(QStringLiteral("histogram"), tr("requests per latency bin"), steps, share,
                        Qt::SolidLine, ChartStyle::color(0, palette()));
    histogram_->fitAxes(false);
}

void RunView::fillTimeSeries(const results::RunResult& r) {
    const auto reset = [](RunChart* chart) {
        chart->clear();
        chart->addValueAxis(Qt::Horizontal, tr("seconds since the start"));
    };
    reset(latencyOverTime_);
    QValueAxis* ms = latencyOverTime_->addValueAxis(Qt::Vertical, tr("latency (ms)"));
    int colour = 0;
    for (const auto& [metric, name] :
         {std::pair{TickMetric::P50, "time.p50"}, std::pair{TickMetric::P90, "time.p90"},
          std::pair{TickMetric::P99, "time.p99"}, std::pair{TickMetric::Max, "time.max"}}) {
        latencyOverTime_->addLine(QLatin1String(name), toString(metric), tickSeries(r.series, metric), ms,
                                  Qt::SolidLine, ChartStyle::color(colour++, palette()));
    }
    if (r.executor == model::Executor::Open) {
        latencyOverTime_->addLine(QStringLiteral("time.p99uncorrected"), toString(TickMetric::P99Uncorrected),
                                  tickSeries(r.series, TickMetric::P99Uncorrected), ms, Qt::DashLine,
                                  ChartStyle::color(2, palette()));
    }
    latencyOverTime_->fitAxes();

    reset(throughput_);
    QValueAxis* rps = throughput_->addValueAxis(Qt::Vertical, tr("requests/s"));
    QValueAxis* errors = throughput_->addValueAxis(Qt::Vertical, tr("errors/s"), true);
    throughput_->addLine(QStringLiteral("time.rps"), toString(TickMetric::Rps),
                         tickSeries(r.series, TickMetric::Rps), rps, Qt::SolidLine,
                         ChartStyle::color(0, palette()));
    throughput_->addLine(QStringLiteral("time.errors"), toString(TickMetric::ErrorsPerSecond),
                         tickSeries(r.series, TickMetric::ErrorsPerSecond), errors, Qt::SolidLine,
                         ChartStyle::color(5, palette()));
    throughput_->fitAxes();

    reset(resources_);
    QValueAxis* cpu = resources_->addValueAxis(Qt::Vertical, tr("CPU %"));
    QValueAxis* rss = resources_->addValueAxis(Qt::Vertical, tr("RSS (MiB)"), true);
    resources_->addLine(QStringLiteral("time.serverCpu"), toString(TickMetric::ServerCpu),
                        tickSeries(r.series, TickMetric::ServerCpu), cpu, Qt::SolidLine,
                        ChartStyle::color(0, palette()));
    resources_->addLine(QStringLiteral("time.serverRss"), toString(TickMetric::ServerRssMiB),
                        tickSeries(r.series, TickMetric::ServerRssMiB), rss, Qt::SolidLine,
                        ChartStyle::color(1, palette()));
    resources_->addLine(QStringLiteral("time.loadCpu"), toString(TickMetric::LoadCpu),
                        tickSeries(r.series, TickMetric::LoadCpu), cpu, Qt::DashLine,
                        ChartStyle::color(2, palette()));
    resources_->addLine(QStringLiteral("time.loadRss"), toString(TickMetric::LoadRssMiB),
                        tickSeries(r.series, TickMetric::LoadRssMiB), rss, Qt::DashLine,
                        ChartStyle::color(3, palette()));
    resources_->fitAxes();
}

void RunView::fillResponses(const results::RunResult& r) {
    const auto statuses = r.statusCounts();
    const double responses = static_cast<double>(std::max<std::uint64_t>(r.overall.responses, 1));
    statusTable_->setRowCount(static_cast<int>(statuses.size()));
    int row = 0;
    for (const auto& [code, count] : statuses) {
        setRow(statusTable_, row++,
               {QString::number(code), QLocale().toString(static_cast<qulonglong>(count)),
                percentText(100.0 * static_cast<double>(count) / responses)});
    }

    const double requests = static_cast<double>(std::max<std::uint64_t>(r.overall.requests, 1));
    errorTable_->setRowCount(0);
    for (std::size_t i = 0; i < stats::kErrorClassCount; ++i) {
        const std::uint64_t count = r.overall.errorsByClass[i];
        if (count == 0) continue;
        const int at = errorTable_->rowCount();
        errorTable_->insertRow(at);
        setRow(errorTable_, at,
               {QString::fromLatin1(stats::toString(static_cast<stats::ErrorClass>(i))),
                QLocale().toString(static_cast<qulonglong>(count)),
                percentText(100.0 * static_cast<double>(count) / requests)});
    }
    if (errorTable_->rowCount() == 0) {
        errorTable_->insertRow(0);
        setRow(errorTable_, 0, {tr("No errors"), QString(), QString()});
    }

    endpointTable_->setRowCount(static_cast<int>(r.endpoints.size()));
    row = 0;
    for (const results::EndpointResult& e : r.endpoints) {
        const stats::Summary& s = e.summary;
        setRow(
            endpointTable_, row++,
            {QString::fromStdString(e.id), QLocale().toString(static_cast<qulonglong>(s.requests)),
             QLocale().toString(s.rps, 'f', 1), latencyText(static_cast<double>(s.latency.p50)),
             latencyText(static_cast<double>(s.latency.p90)), latencyText(static_cast<double>(s.latency.p99)),
             latencyText(static_cast<double>(s.latency.p999)),
             latencyText(static_cast<double>(s.latency.max)), percentText(s.errorRate * 100)});
    }
}

void RunView::fillThresholds(const results::RunResult& r) {
    thresholdTable_->setRowCount(static_cast<int>(r.thresholds.size()));
    int row = 0;
    for (const stats::ThresholdResult& t : r.thresholds) {
        setRow(thresholdTable_, row,
               {QString::fromStdString(t.text), QString::fromStdString(t.measuredText),
                t.passed ? tr("✔ pass") : tr("✘ fail")},
               3);
        thresholdTable_->item(row, 2)->setForeground(
            (t.passed ? ChartStyle::pass(palette()) : ChartStyle::fail(palette())));
        ++row;
    }
    tabs_->setTabText(3, r.thresholds.empty() ? tr("Thresholds")
                         : r.thresholdsPassed ? tr("Thresholds ✔")
                                              : tr("Thresholds ✘"));
}

void RunView::fillSetup(const results::RunResult& r) {
    setup_->clear();
    const auto group = [this](const QString& title) {
        auto* item = new QTreeWidgetItem(setup_, {title});
        item->setFirstColumnSpanned(true);
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setExpanded(true);
        return item;
    };
    const auto add = [](QTreeWidgetItem* parent, const QString& key, const QString& value) {
        new QTreeWidgetItem(parent, {key, value});
    };
    QTreeWidgetItem* run = group(tr("Run"));
    add(run, tr("Id"), QString::fromStdString(r.id));
    add(run, tr("Target"), QString::fromStdString(r.target));
    add(run, tr("Started"), QString::fromStdString(r.startedAt));
    add(run, tr("Finished"), QString::fromStdString(r.finishedAt));
    add(run, tr("Measured"), secondsText(r.measuredSeconds));
    add(run, tr("Requests started"), QLocale().toString(static_cast<qulonglong>(r.requestsStarted)));
    if (r.interrupted) add(run, tr("Stopped early"), tr("yes — the result covers the part that ran"));
    if (!r.engine.native() || !r.engine.notes.empty()) {
        QTreeWidgetItem* engine = group(tr("Engine"));
        add(engine, tr("Engine"), engineText(r.engine));
        for (const std::string& f : r.engine.importedFrom)
            add(engine, tr("Imported from"), QString::fromStdString(f));
        for (const std::string& note : r.engine.notes) {
            auto* item = new QTreeWidgetItem(engine, {tr("Note"), QString::fromStdString(note)});
            item->setToolTip(1, QString::fromStdString(note));
        }
    }
    if (r.scenario) {
        QTreeWidgetItem* scenario = group(tr("Scenario"));
        for (const auto& [key, value] : scenarioFacts(*r.scenario))
            add(scenario, key, value);
    }
    if (r.server) {
        QTreeWidgetItem* server = group(tr("Server"));
        for (const auto& [key, value] : serverFacts(*r.server))
            add(server, key, value);
    }
    QTreeWidgetItem* env = group(tr("Environment"));
    add(env, tr("CPU"),
        QStringLiteral("%1 × %2")
            .arg(r.environment.cpuCount)
            .arg(QString::fromStdString(r.environment.cpuModel)));
    add(env, tr("Kernel"), QString::fromStdString(r.environment.kernel));
    add(env, tr("Loadstar"), QString::fromStdString(r.environment.loadstarVersion));
    add(env, tr("Boost"), QString::fromStdString(r.environment.boostVersion));
    add(env, tr("OpenSSL"), QString::fromStdString(r.environment.opensslVersion));
    add(env, tr("Compiler"), QString::fromStdString(r.environment.compiler));
    setup_->expandAll();
    setup_->resizeColumnToContents(0);
}

}  // namespace loadstar::widgets
