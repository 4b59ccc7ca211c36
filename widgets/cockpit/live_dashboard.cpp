#include "widgets/cockpit/live_dashboard.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "engine/stats/threshold.h"
#include "widgets/cockpit/kpi_tile.h"
#include "widgets/cockpit/time_series_chart.h"
#include "widgets/common/chart_style.h"
#include "widgets/common/palette_icon.h"
#include "widgets/common/unit_text.h"

namespace loadstar::widgets {

namespace {

QString clock(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

double mib(std::uint64_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

}  // namespace

LiveDashboard::LiveDashboard(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel),
      status_(new QLabel),
      stop_(new QPushButton(tr("Stop"))),
      progress_(new QProgressBar),
      rps_(new KpiTile(tr("Requests/s now"))),
      p99_(new KpiTile(tr("p99 now"))),
      errors_(new KpiTile(tr("Errors"))),
      connectionsTile_(new KpiTile(tr("Connections"))),
      stage_(new KpiTile(tr("Stage"))),
      latency_(new TimeSeriesChart(tr("Latency"), tr("ms"))),
      throughput_(new TimeSeriesChart(tr("Throughput"), tr("/s"))),
      resources_(new TimeSeriesChart(tr("CPU and memory"), tr("CPU %"))),
      connections_(new TimeSeriesChart(tr("Connections and offered load"), tr("count"))),
      log_(new QCheckBox(tr("&Log scale"))),
      measuredFrom_(new QComboBox),
      thresholds_(new QTreeWidget) {
    setObjectName("liveDashboard");
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    title_->setObjectName("dashboardTitle");
    status_->setObjectName("runStatus");
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    stop_->setObjectName("stopRun");
    stop_->setIcon(PaletteIcon::make(PaletteIcon::Glyph::Stop, palette()));
    stop_->setToolTip(tr("End the run now; what was measured is kept and stored"));
    progress_->setObjectName("runProgress");
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    rps_->setObjectName("kpiRps");
    p99_->setObjectName("kpiP99");
    errors_->setObjectName("kpiErrors");
    connectionsTile_->setObjectName("kpiConnections");
    stage_->setObjectName("kpiStage");
    latency_->setObjectName("latencyChart");
    throughput_->setObjectName("throughputChart");
    resources_->setObjectName("resourceChart");
    connections_->setObjectName("connectionChart");
    log_->setObjectName("logScale");
    measuredFrom_->setObjectName("measuredFrom");
    measuredFrom_->addItem(tr("from the intended start (corrected)"));
    measuredFrom_->addItem(tr("from the actual send (uncorrected)"));
    measuredFrom_->addItem(tr("both"));
    measuredFrom_->setToolTip(
        tr("An open loop measures from when each request was due, so that a slow server "
           "cannot hide its queueing (coordinated omission)"));
    thresholds_->setObjectName("liveThresholds");
    thresholds_->setColumnCount(2);
    thresholds_->setHeaderLabels({tr("Threshold"), tr("Now")});
    thresholds_->setRootIsDecorated(false);
    thresholds_->setSelectionMode(QAbstractItemView::NoSelection);
    thresholds_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    thresholds_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    thresholds_->setMinimumWidth(200);
    thresholds_->setMaximumHeight(120);

    const char* percentiles[] = {"p50", "p90", "p99", "max"};
    for (int i = 0; i < 4; ++i)
        correctedLines_.push_back(latency_->addLine(QString::fromLatin1(percentiles[i]), i));
    for (int i = 0; i < 4; ++i) {
        uncorrectedLines_.push_back(latency_->addLine(QString::fromLatin1(percentiles[i]) + tr(" as sent"), i,
                                                      TimeSeriesChart::Axis::Left, Qt::DashLine));
    }
    rpsLine_ = throughput_->addLine(tr("requests/s"), 0);
    errorLine_ = throughput_->addLine(tr("errors/s"), 1);
    serverCpu_ = resources_->addLine(tr("server CPU %"), 0);
    engineCpu_ = resources_->addLine(tr("load engine CPU %"), 2);
    serverRss_ = resources_->addLine(tr("server RSS"), 5, TimeSeriesChart::Axis::Right, Qt::DashLine);
    engineRss_ = resources_->addLine(tr("load engine RSS"), 4, TimeSeriesChart::Axis::Right, Qt::DashLine);
    resources_->setRightUnit(tr("RSS MiB"));
    openLine_ = connections_->addLine(tr("open connections"), 0);
    levelLine_ = connections_->addLine(tr("offered load"), 1, TimeSeriesChart::Axis::Right, Qt::DashLine);

    auto* header = new QHBoxLayout;
    header->addWidget(title_);
    header->addWidget(status_, 1);
    header->addWidget(stop_);

    auto* tiles = new QHBoxLayout;
    for (KpiTile* t : {rps_, p99_, errors_, connectionsTile_, stage_})
        tiles->addWidget(t, 1);
    tiles->addWidget(thresholds_, 2);

    auto* latencyControls = new QHBoxLayout;
    latencyControls->addWidget(log_);
    latencyControls->addSpacing(12);
    auto* fromLabel = new QLabel(tr("Latency measured"));
    fromLabel->setBuddy(measuredFrom_);
    latencyControls->addWidget(fromLabel);
    latencyControls->addWidget(measuredFrom_);
    latencyControls->addStretch(1);

    auto* charts = new QGridLayout;
    charts->addLayout(latencyControls, 0, 0, 1, 2);
    charts->addWidget(latency_, 1, 0);
    charts->addWidget(throughput_, 1, 1);
    charts->addWidget(resources_, 2, 0);
    charts->addWidget(connections_, 2, 1);
    charts->setRowStretch(1, 1);
    charts->setRowStretch(2, 1);

    auto* column = new QVBoxLayout(this);
    column->addLayout(header);
    column->addWidget(progress_);
    column->addLayout(tiles);
    column->addLayout(charts, 1);

    connect(stop_, &QPushButton::clicked, this, &LiveDashboard::stopRequested);
    connect(log_, &QCheckBox::toggled, latency_, &TimeSeriesChart::setLogScale);
    connect(measuredFrom_, &QComboBox::currentIndexChanged, this, &LiveDashboard::applyLatencyView);
    setStopEnabled(false);
}

void LiveDashboard::begin(const model::Scenario& scenario) {
    scenario_ = scenario;
    shown_ = 0;
    // A run of a generated app says which one in the title: the same scenario
    // runs against each server in Compare Frameworks.
    const bool framework = scenario.target.kind == model::Target::Kind::Embedded &&
                           scenario.server.kind != model::ServerKind::Embedded;
    const QString server = QString::fromStdString(model::describe(scenario.server));
    title_->setText(framework ? QString::fromStdString(scenario.name) + QStringLiteral(" \u00b7 ") + server
                              : QString::fromStdString(scenario.name));
    engineNotice_.clear();
    if (framework) {
        status_->setText(scenario.engine == model::LoadEngine::Locust
                             ? tr("Generating and starting %1, then Locust…").arg(server)
                             : tr("Generating and starting %1…").arg(server));
    } else {
        status_->setText(scenario.engine == model::LoadEngine::Locust ? tr("Starting Locust…")
                                                                      : tr("Starting…"));
    }
    for (TimeSeriesChart* c : {latency_, throughput_, resources_, connections_})
        c->clear();
    for (KpiTile* t : {rps_, p99_, errors_, connectionsTile_, stage_}) {
        t->setValue(QStringLiteral("—"));
        t->setTone({});
    }
    progress_->setValue(0);
    progress_->setFormat(tr("starting"));
    thresholds_->clear();
    thresholds_->setHeaderLabels({tr("Threshold"), tr("Now")});
    const bool open = scenario.executor == model::Executor::Open;
    measuredFrom_->setEnabled(open);
    if (!open) measuredFrom_->setCurrentIndex(0);
    applyLatencyView();
    connections_->setRightUnit(open ? tr("arrivals/s") : tr("VUs"));
    rps_->setCaption(tr("Requests/s now"));
    p99_->setCaption(tr("p99 now"));
    // Until the first snapshot: every threshold waits, and one that does not parse says so.
    const stats::RequestStats none;
    showThresholdRows(stats::judge(
                          scenario.thresholds, [&none](std::string_view) { return &none; }, 0),
                      false);
}

void LiveDashboard::applyLatencyView() {
    const int mode = measuredFrom_->currentIndex();
    for (int line : correctedLines_)
        latency_->setLineVisible(line, mode != 1);
    for (int line : uncorrectedLines_)
        latency_->setLineVisible(line, mode != 0);
}

void LiveDashboard::setStopEnabled(bool enabled) {
    stop_->setEnabled(enabled);
}

void LiveDashboard::appendPoints(const results::Series& series) {
    if (series.size() <= shown_) return;
    const std::size_t n = series.size() - shown_;
    std::vector<std::vector<QPointF>> lat(8);
    std::vector<QPointF> rps, errs, sCpu, eCpu, sRss, eRss, open, level;
    for (auto& v : lat)
        v.reserve(n);
    for (std::size_t i = shown_; i < series.size(); ++i) {
        const results::TickPoint& p = *series[i];
        const double x = p.elapsed;
        const stats::Summary& o = p.overall;
        const stats::LatencySummary* sides[] = {&o.latency, &o.uncorrected};
        for (int side = 0; side < 2; ++side) {
            const stats::LatencySummary& l = *sides[side];
            if (l.count == 0) continue;
            const double values[] = {static_cast<double>(l.p50), static_cast<double>(l.p90),
                                     static_cast<double>(l.p99), static_cast<double>(l.max)};
            for (int k = 0; k < 4; ++k)
                lat[static_cast<std::size_t>(side * 4 + k)].emplace_back(x, values[k] / 1000.0);
        }
        const double seconds = p.seconds > 0 ? p.seconds : 1;
        rps.emplace_back(x, o.rps);
        errs.emplace_back(x, static_cast<double>(o.errors) / seconds);
        const auto& r = p.resources;
        eCpu.emplace_back(x, r.self.cpuPercent);
        eRss.emplace_back(x, mib(r.self.rssBytes));
        if (r.target && r.target->alive) {
            sCpu.emplace_back(x, r.target->cpuPercent);
            sRss.emplace_back(x, mib(r.target->rssBytes));
        }
        open.emplace_back(x, p.openConnections);
        level.emplace_back(x, p.level);
    }
    for (int k = 0; k < 4; ++k) {
        latency_->append(correctedLines_[static_cast<std::size_t>(k)], lat[static_cast<std::size_t>(k)]);
        latency_->append(uncorrectedLines_[static_cast<std::size_t>(k)],
                         lat[static_cast<std::size_t>(4 + k)]);
    }
    throughput_->append(rpsLine_, rps);
    throughput_->append(errorLine_, errs);
    resources_->append(serverCpu_, sCpu);
    resources_->append(engineCpu_, eCpu);
    resources_->append(serverRss_, sRss);
    resources_->append(engineRss_, eRss);
    connections_->append(openLine_, open);
    connections_->append(levelLine_, level);
    shown_ = series.size();
}

void LiveDashboard::showSnapshot(const load::Snapshot& s, const results::Series& series) {
    for (TimeSeriesChart* c : {latency_, throughput_, resources_, connections_})
        c->setPlannedSeconds(s.total);
    appendPoints(series);
    const double fraction = s.total > 0 ? std::clamp(s.elapsed / s.total, 0.0, 1.0) : 0.0;
    progress_->setValue(static_cast<int>(fraction * 1000));
    progress_->setFormat(tr("%1 of %2").arg(clock(s.elapsed), clock(s.total)));
    status_->setText(!engineNotice_.isEmpty()                      ? engineNotice_
                     : s.phase == load::Snapshot::Phase::WarmingUp ? tr("Warming up (not measured)")
                     : s.phase == load::Snapshot::Phase::Stopping  ? tr("Stopping…")
                     : s.phase == load::Snapshot::Phase::Finished  ? tr("Finished")
                                                                   : tr("Running"));
    if (!series.empty()) {
        const results::TickPoint& now = *series.back();
        rps_->setValue(
            QLocale().toString(now.overall.rps, 'f', 0),
            tr("%1 requests in all").arg(QLocale().toString(static_cast<qulonglong>(s.totals.requests))));
        p99_->setValue(now.overall.latency.count > 0
                           ? latencyText(static_cast<double>(now.overall.latency.p99))
                           : QStringLiteral("—"),
                       s.totals.latency.count > 0
                           ? tr("whole run %1").arg(latencyText(static_cast<double>(s.totals.latency.p99)))
                           : QString());
    }
    errors_->setValue(QStringLiteral("%1%").arg(s.totals.errorRate * 100, 0, 'f', 2),
                      tr("%1 errors").arg(QLocale().toString(static_cast<qulonglong>(s.totals.errors))));
    errors_->setTone(s.totals.errors > 0 ? ChartStyle::fail(palette()) : QColor());
    connectionsTile_->setValue(QString::number(s.openConnections),
                               scenario_.executor == model::Executor::Closed
                                   ? tr("%1 virtual users").arg(s.level, 0, 'f', 0)
                                   : tr("%1 arrivals/s offered").arg(s.level, 0, 'f', 0));
    stage_->setValue(
        s.stage < 0 ? tr("warm-up")
                    : tr("%1 of %2")
                          .arg(std::min<std::size_t>(static_cast<std::size_t>(s.stage) + 1, s.stageCount))
                          .arg(s.stageCount),
        scenario_.stages.empty() ? tr("constant load") : tr("staged"));
    showThresholdRows(s.thresholds, false);
}

void LiveDashboard::showThresholdRows(const std::vector<stats::ThresholdResult>& verdicts, bool final) {
    if (thresholds_->topLevelItemCount() != static_cast<int>(verdicts.size())) {
        thresholds_->clear();
        for (std::size_t i = 0; i < verdicts.size(); ++i)
            thresholds_->addTopLevelItem(new QTreeWidgetItem);
    }
    using Standing = stats::ThresholdResult::Standing;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        const stats::ThresholdResult& v = verdicts[i];
        // Live, a threshold without measurements yet waits; a final verdict is final.
        const Standing standing = final && v.standing == Standing::NoData ? Standing::Judged : v.standing;
        const bool pending = standing == Standing::NoData;
        const QString text = QString::fromStdString(v.text);
        const QString measured = pending ? tr("not judged yet") : QString::fromStdString(v.measuredText);
        QTreeWidgetItem* item = thresholds_->topLevelItem(static_cast<int>(i));
        const QString mark = pending                         ? QStringLiteral("… ")
                             : standing == Standing::Invalid ? QStringLiteral("⚠ ")
                             : v.passed                      ? QStringLiteral("✓ ")
                                                             : QStringLiteral("✗ ");
        item->setText(0, mark + text);
        item->setText(1, measured);
        item->setData(0, Qt::UserRole, static_cast<int>(standing));
        const QColor tone = pending                                    ? ChartStyle::muted(palette())
                            : v.passed && standing == Standing::Judged ? ChartStyle::pass(palette())
                                                                       : ChartStyle::fail(palette());
        item->setForeground(0, tone);
        item->setToolTip(0, pending ? tr("Not judged yet") : measured);
    }
    if (verdicts.empty()) {
        auto* none = new QTreeWidgetItem({tr("No thresholds: this run cannot fail")});
        none->setForeground(0, ChartStyle::muted(palette()));
        thresholds_->clear();
        thresholds_->addTopLevelItem(none);
    }
}

void LiveDashboard::showResult(const results::RunResult& result, const QString& storedFile) {
    appendPoints(result.series);
    for (TimeSeriesChart* c : {latency_, throughput_, resources_, connections_}) {
        c->setPlannedSeconds(result.series.empty() ? 0 : result.series.back()->elapsed);
        c->redraw();
    }
    progress_->setValue(progress_->maximum());
    progress_->setFormat(result.interrupted ? tr("stopped after %1").arg(clock(result.measuredSeconds))
                                            : tr("done in %1").arg(clock(result.measuredSeconds)));
    const stats::Summary& o = result.overall;
    rps_->setCaption(tr("Requests/s (average)"));
    p99_->setCaption(tr("p99 (whole run)"));
    rps_->setValue(QLocale().toString(o.rps, 'f', 0),
                   tr("%1 requests in all").arg(QLocale().toString(static_cast<qulonglong>(o.requests))));
    p99_->setValue(latencyText(static_cast<double>(o.latency.p99)),
                   tr("p50 %1").arg(latencyText(static_cast<double>(o.latency.p50))));
    errors_->setValue(QStringLiteral("%1%").arg(o.errorRate * 100, 0, 'f', 2),
                      tr("%1 errors").arg(QLocale().toString(static_cast<qulonglong>(o.errors))));
    thresholds_->setHeaderLabels({tr("Threshold"), tr("Whole run")});
    showThresholdRows(result.thresholds, true);
    QString verdict = result.thresholds.empty() ? tr("Finished")
                      : result.thresholdsPassed ? tr("Passed")
                                                : tr("Failed");
    if (result.interrupted) verdict = tr("Stopped early — the partial result is kept");
    status_->setText(storedFile.isEmpty()
                         ? verdict
                         : tr("%1 · stored as %2").arg(verdict, QFileInfo(storedFile).fileName()));
    setStopEnabled(false);
}

void LiveDashboard::setEngineNotice(const QString& text) {
    engineNotice_ = text;
    if (!text.isEmpty()) status_->setText(text);
}

void LiveDashboard::showFailure(const QString& message) {
    status_->setText(tr("Could not run: %1").arg(message));
    progress_->setFormat(tr("not run"));
    setStopEnabled(false);
}

}  // namespace loadstar::widgets
