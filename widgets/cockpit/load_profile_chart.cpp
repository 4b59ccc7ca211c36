#include "widgets/cockpit/load_profile_chart.h"

#include <algorithm>

#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include "engine/load/load_profile.h"
#include "widgets/common/chart_style.h"

namespace loadstar::widgets {

LoadProfileChart::LoadProfileChart(QWidget* parent)
    // The chart is given to the base: QChartView(parent) would make a default chart
    // that setChart() releases without deleting.
    : QChartView(new QChart, parent),
      line_(new QLineSeries),
      warmup_(new QLineSeries),
      x_(new QValueAxis),
      y_(new QValueAxis) {
    setObjectName("loadProfileChart");
    QChart* chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->addSeries(warmup_);
    chart->addSeries(line_);
    chart->addAxis(x_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    for (QLineSeries* s : {line_, warmup_}) {
        s->attachAxis(x_);
        s->attachAxis(y_);
    }
    x_->setLabelFormat(QStringLiteral("%gs"));
    y_->setLabelFormat(QStringLiteral("%g"));
    x_->setTickCount(5);
    y_->setTickCount(4);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
    applyPalette();
}

void LoadProfileChart::showScenario(const model::Scenario& scenario) {
    const load::LoadProfile profile = load::LoadProfile::of(scenario);
    QList<QPointF> main;
    QList<QPointF> warm;
    double t = 0;
    double top = 1;
    bool first = true;
    for (const auto& segment : profile.segments()) {
        const double length = static_cast<double>(segment.length.count()) / 1e6;
        const bool isWarmup = first && profile.warmup().count() > 0;
        QList<QPointF>& into = isWarmup ? warm : main;
        into.append({t, segment.from});
        into.append({t + length, segment.to});
        if (isWarmup) main.append({t + length, segment.to});
        t += length;
        top = std::max({top, segment.from, segment.to});
        first = false;
    }
    line_->replace(main);
    warmup_->replace(warm);
    x_->setRange(0, std::max(1.0, t));
    x_->applyNiceNumbers();
    y_->setRange(0, top * 1.15);
    y_->applyNiceNumbers();
    y_->setTitleText(scenario.executor == model::Executor::Closed ? tr("virtual users") : tr("requests/s"));
}

QList<QPointF> LoadProfileChart::points() const {
    return warmup_->points() + line_->points();
}

void LoadProfileChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyPalette();
}

void LoadProfileChart::applyPalette() {
    ChartStyle::apply(chart(), palette());
    QPen pen(ChartStyle::color(0, palette()), 2);
    line_->setPen(pen);
    pen.setStyle(Qt::DashLine);
    pen.setColor(ChartStyle::muted(palette()));
    warmup_->setPen(pen);
    y_->setTitleBrush(palette().color(QPalette::WindowText));
}

}  // namespace loadstar::widgets
