#include "widgets/runs/compare_view.h"

#include <map>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include "engine/report/scenario_description.h"
#include "widgets/cockpit/tick_series.h"
#include "widgets/common/chart_style.h"
#include "widgets/runs/latency_curves.h"
#include "widgets/runs/run_chart.h"
#include "widgets/runs/run_delta_model.h"
#include "widgets/runs/run_text.h"

namespace loadstar::widgets {

CompareView::CompareView(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel),
      baselineChoice_(new QComboBox),
      deltas_(new RunDeltaModel(this)),
      deltaTable_(new QTableView),
      settings_(new QTableWidget),
      tabs_(new QTabWidget),
      percentiles_(new RunChart(tr("Latency by percentile"))),
      p99_(new RunChart(tr("p99 over time"))),
      rps_(new RunChart(tr("Throughput over time"))) {
    setObjectName(QStringLiteral("compareView"));
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    title_->setObjectName(QStringLiteral("compareTitle"));
    baselineChoice_->setObjectName(QStringLiteral("compareBaseline"));
    connect(baselineChoice_, &QComboBox::activated, this, &CompareView::setBaseline);
    auto* header = new QHBoxLayout;
    header->addWidget(title_, 1);
    header->addWidget(new QLabel(tr("Baseline:")));
    header->addWidget(baselineChoice_);
    auto* report = new QPushButton(tr("Export &Report…"));
    report->setObjectName(QStringLiteral("compareReport"));
    report->setToolTip(tr("The comparison as an HTML or PDF report, baseline first"));
    connect(report, &QPushButton::clicked, this, &CompareView::reportRequested);
    header->addWidget(report);

    auto* legend = new QLabel(
        tr("Each run against the baseline. ▲ rose, ▼ fell; “better” and “worse” say which way is good "
           "(throughput up; latency, errors, CPU per request and memory down; server CPU % is not judged, as "
           "it rises with the load served). Changes within ±3 % are treated as "
           "run-to-run noise and not marked. Error rates differ in percentage points (pp)."));
    legend->setObjectName(QStringLiteral("compareLegend"));
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);

    deltas_->setPalette(palette());
    deltaTable_->setObjectName(QStringLiteral("compareDeltas"));
    deltaTable_->setModel(deltas_);
    deltaTable_->verticalHeader()->hide();
    deltaTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    deltaTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    deltaTable_->setWordWrap(false);
    deltaTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    deltaTable_->verticalHeader()->setDefaultSectionSize(deltaTable_->fontMetrics().height() + 8);

    settings_->setObjectName(QStringLiteral("compareSettings"));
    settings_->verticalHeader()->hide();
    settings_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    settings_->setWordWrap(false);
    settings_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    settings_->horizontalHeader()->setStretchLastSection(true);
    settings_->verticalHeader()->setDefaultSectionSize(settings_->fontMetrics().height() + 8);

    auto* summary = new QSplitter(Qt::Vertical);
    summary->addWidget(deltaTable_);
    auto* settingsBox = new QWidget;
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->setContentsMargins(0, 0, 0, 0);
    auto* settingsTitle = new QLabel(tr("Setup (rows that differ in bold)"));
    settingsLayout->addWidget(settingsTitle);
    settingsLayout->addWidget(settings_, 1);
    summary->addWidget(settingsBox);
    summary->setStretchFactor(0, 3);
    summary->setStretchFactor(1, 2);

    percentiles_->setObjectName(QStringLiteral("comparePercentiles"));
    p99_->setObjectName(QStringLiteral("compareP99"));
    rps_->setObjectName(QStringLiteral("compareRps"));
    auto* overTime = new QSplitter(Qt::Vertical);
    overTime->addWidget(p99_);
    overTime->addWidget(rps_);

    tabs_->setObjectName(QStringLiteral("compareTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(summary, tr("Changes"));
    tabs_->addTab(percentiles_, tr("Percentiles"));
    tabs_->addTab(overTime, tr("Over time"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addLayout(header);
    layout->addWidget(legend);
    layout->addWidget(tabs_, 1);
}

void CompareView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) deltas_->setPalette(palette());
}

QXYSeries* CompareView::line(const QString& objectName) const {
    for (RunChart* chart : {percentiles_, p99_, rps_}) {
        if (QXYSeries* s = chart->line(objectName)) return s;
    }
    return nullptr;
}

void CompareView::setRuns(std::vector<results::RunResult> runs, const QStringList& labels) {
    runs_ = std::move(runs);
    labels_ = labels;
    while (labels_.size() < static_cast<qsizetype>(runs_.size()))
        labels_ << tr("run %1").arg(labels_.size() + 1);
    baseline_ = 0;
    baselineChoice_->clear();
    baselineChoice_->addItems(labels_.mid(0, static_cast<qsizetype>(runs_.size())));
    rebuild();
}

void CompareView::setBaseline(int run) {
    if (run < 0 || run >= runCount()) return;
    baseline_ = run;
    baselineChoice_->setCurrentIndex(run);
    rebuild();
}

void CompareView::rebuild() {
    title_->setText(tr("Comparing %1 runs").arg(runs_.size()));
    // The baseline goes first; the others keep their order.
    std::vector<int> order{baseline_};
    for (int i = 0; i < runCount(); ++i) {
        if (i != baseline_) order.push_back(i);
    }
    std::vector<RunDeltaModel::Column> columns;
    for (int i : order)
        columns.push_back(RunDeltaModel::columnOf(runs_[static_cast<std::size_t>(i)], labels_[i]));
    deltas_->setColumns(std::move(columns));

    for (RunChart* chart : {percentiles_, p99_, rps_}) {
        chart->clear();
    }
    percentiles_->addNinesAxis();
    QValueAxis* ms = percentiles_->addValueAxis(Qt::Vertical, tr("latency (ms)"));
    p99_->addValueAxis(Qt::Horizontal, tr("seconds since the start"));
    QValueAxis* p99ms = p99_->addValueAxis(Qt::Vertical, tr("p99 (ms)"));
    rps_->addValueAxis(Qt::Horizontal, tr("seconds since the start"));
    QValueAxis* rps = rps_->addValueAxis(Qt::Vertical, tr("requests/s"));
    for (int i = 0; i < runCount(); ++i) {
        const results::RunResult& r = runs_[static_cast<std::size_t>(i)];
        const QColor colour = ChartStyle::color(i, palette());
        const Qt::PenStyle style = Qt::SolidLine;  // every run alike: the legend names the baseline
        const QString legend = i == baseline_ ? tr("%1 (baseline)").arg(labels_[i]) : labels_[i];
        percentiles_->addLine(QStringLiteral("percentile.%1").arg(i), legend,
                              percentileCurve(r.overallStats.latency), ms, style, colour);
        p99_->addLine(QStringLiteral("p99.%1").arg(i), legend, tickSeries(r.series, TickMetric::P99), p99ms,
                      style, colour);
        rps_->addLine(QStringLiteral("rps.%1").arg(i), legend, tickSeries(r.series, TickMetric::Rps), rps,
                      style, colour);
    }
    for (RunChart* chart : {percentiles_, p99_, rps_})
        chart->fitAxes();

    // Settings side by side: one row per setting, one column per run.
    std::vector<QString> keys;
    std::map<QString, std::vector<QString>> rows;
    const auto put = [&](const QString& key, int run, const QString& value) {
        auto [it, added] = rows.try_emplace(key, std::vector<QString>(static_cast<std::size_t>(runCount())));
        if (added) keys.push_back(key);
        it->second[static_cast<std::size_t>(run)] = value;
    };
    for (int i = 0; i < runCount(); ++i) {
        const results::RunResult& r = runs_[static_cast<std::size_t>(i)];
        put(tr("Started"), i, runStartText(r));
        put(tr("Target"), i, QString::fromStdString(r.target));
        put(tr("Measured"), i, secondsText(r.measuredSeconds));
        // Which server answered: the embedded one, FastAPI or Flask, with its
        // versions and cold start; empty for a run on a URL.
        put(tr("Server"), i, QString::fromStdString(report::serverDescription(r)));
        if (!r.server) put(tr("Server: Concurrency"), i, tr("not the embedded server"));
        if (r.server) {
            for (const auto& [key, value] : serverFacts(*r.server))
                put(tr("Server: %1").arg(key), i, value);
        }
        if (r.scenario) {
            for (const auto& [key, value] : scenarioFacts(*r.scenario))
                put(tr("Scenario: %1").arg(key), i, value);
        }
        put(tr("CPU"), i,
            QStringLiteral("%1 × %2")
                .arg(r.environment.cpuCount)
                .arg(QString::fromStdString(r.environment.cpuModel)));
        put(tr("Loadstar"), i, QString::fromStdString(r.environment.loadstarVersion));
    }
    settings_->clear();
    settings_->setColumnCount(runCount() + 1);
    QStringList headers{tr("Setting")};
    headers << labels_.mid(0, runCount());
    settings_->setHorizontalHeaderLabels(headers);
    settings_->setRowCount(static_cast<int>(keys.size()));
    for (std::size_t row = 0; row < keys.size(); ++row) {
        const auto& values = rows[keys[row]];
        const bool differs =
            std::any_of(values.begin(), values.end(), [&](const QString& v) { return v != values.front(); });
        auto* key = new QTableWidgetItem(keys[row]);
        QFont font = key->font();
        font.setBold(differs);
        key->setFont(font);
        settings_->setItem(static_cast<int>(row), 0, key);
        for (std::size_t run = 0; run < values.size(); ++run) {
            auto* item = new QTableWidgetItem(values[run]);
            item->setFont(font);
            settings_->setItem(static_cast<int>(row), static_cast<int>(run) + 1, item);
        }
    }
}

}  // namespace loadstar::widgets
