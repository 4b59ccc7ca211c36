#include "widgets/runs/run_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QCategoryAxis>
#include <QEvent>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include "engine/report/series_decimation.h"
#include "widgets/runs/latency_curves.h"

namespace loadstar::widgets {

RunChart::RunChart(const QString& title, QWidget* parent) : QChartView(new QChart, parent) {
    QChart* c = chart();
    c->setTitle(title);
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setAlignment(Qt::AlignBottom);
    // Room on the right for the last tick label ("99.999%"), centred on the axis end.
    c->setMargins(QMargins(4, 4, 24, 4));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    applyPalette();
}

void RunChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyPalette();
}

void RunChart::applyPalette() {
    // The chart draws itself; follow the widget palette rather than a fixed theme.
    const QPalette p = palette();
    QChart* c = chart();
    c->setBackgroundBrush(p.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(p.color(QPalette::Text));
    c->legend()->setLabelColor(p.color(QPalette::Text));
    setBackgroundBrush(p.color(QPalette::Base));
    QColor grid = p.color(QPalette::Text);
    grid.setAlpha(40);
    QColor minorGrid = grid;
    minorGrid.setAlpha(18);
    for (QAbstractAxis* axis : c->axes()) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setTitleBrush(p.color(QPalette::Text));
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(minorGrid);
    }
}

void RunChart::addAxis(QAbstractAxis* axis, Qt::Alignment alignment) {
    QFont font = axis->labelsFont();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    axis->setLabelsFont(font);
    chart()->addAxis(axis, alignment);
    applyPalette();
}

QValueAxis* RunChart::addValueAxis(Qt::Orientation orientation, const QString& title, bool right) {
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(orientation == Qt::Vertical ? 1 : 0);
    addAxis(axis, orientation == Qt::Horizontal ? Qt::AlignBottom : right ? Qt::AlignRight : Qt::AlignLeft);
    return axis;
}

QAbstractAxis* RunChart::addNinesAxis() {
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int nines = 0; nines <= static_cast<int>(kMaxNines); ++nines)
        axis->append(ninesLabel(nines), nines);
    axis->setRange(0, kMaxNines);
    axis->setTitleText(tr("percentile"));
    addAxis(axis, Qt::AlignBottom);
    return axis;
}

QLineSeries* RunChart::addLine(const QString& objectName, const QString& legend, const QList<QPointF>& points,
                               QAbstractAxis* y, Qt::PenStyle style, const QColor& colour) {
    auto* series = new QLineSeries;
    series->setObjectName(objectName);
    series->setName(legend);
    std::vector<report::ChartPoint> all;
    all.reserve(static_cast<std::size_t>(points.size()));
    for (const QPointF& p : points)
        all.push_back({p.x(), p.y()});
    QList<QPointF> drawn;
    for (const report::ChartPoint& p :
         report::decimate(all, static_cast<std::size_t>(kMaxPoints / 4), report::Reduction::Extremes))
        drawn.append({p.x, p.y});
    series->replace(drawn);
    chart()->addSeries(series);
    const auto horizontal = chart()->axes(Qt::Horizontal);
    if (!horizontal.isEmpty()) series->attachAxis(horizontal.front());
    if (y != nullptr) series->attachAxis(y);
    QPen pen = series->pen();
    pen.setWidthF(1.6);
    pen.setStyle(style);
    if (colour.isValid()) pen.setColor(colour);
    series->setPen(pen);
    return series;
}

QLineSeries* RunChart::line(const QString& objectName) const {
    for (QAbstractSeries* s : chart()->series()) {
        if (s->objectName() == objectName) return qobject_cast<QLineSeries*>(s);
    }
    return nullptr;
}

void RunChart::clear() {
    chart()->removeAllSeries();
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);  // hands the axis back to us
        delete axis;
    }
}

void RunChart::fitAxes(bool xFromZero) {
    for (QAbstractAxis* axis : chart()->axes()) {
        auto* value = qobject_cast<QValueAxis*>(axis);
        // The nines axis (a category axis, itself a value axis) keeps its fixed range.
        if (value == nullptr || qobject_cast<QCategoryAxis*>(axis) != nullptr) continue;
        double low = std::numeric_limits<double>::max();
        double high = std::numeric_limits<double>::lowest();
        for (QAbstractSeries* s : chart()->series()) {
            auto* xy = qobject_cast<QXYSeries*>(s);
            if (xy == nullptr || !s->attachedAxes().contains(axis)) continue;
            for (const QPointF& p : xy->points()) {
                const double v = axis->orientation() == Qt::Horizontal ? p.x() : p.y();
                low = std::min(low, v);
                high = std::max(high, v);
            }
        }
        if (low > high) {
            value->setRange(0, 1);
            continue;
        }
        if (axis->orientation() == Qt::Horizontal && !xFromZero) {
            value->setRange(low, std::max(high, low * 1.01 + 1e-9));
            value->applyNiceNumbers();
        } else if (axis->orientation() == Qt::Horizontal) {
            // From 0 (the start of the run) in round steps, so that ticks read 0, 2, 4, ... s.
            const double span = std::max(high, 1e-9);
            const double raw = span / 6;
            const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
            const double normalised = raw / magnitude;
            const double step = (normalised <= 1   ? 1
                                 : normalised <= 2 ? 2
                                 : normalised <= 5 ? 5
                                                   : 10) *
                                magnitude;
            value->setRange(std::min(0.0, low), std::ceil(span / step) * step);
            value->setTickType(QValueAxis::TicksDynamic);
            value->setTickAnchor(0);
            value->setTickInterval(step);
        } else {
            value->setRange(0, high > 0 ? high * 1.05 : 1);
            value->applyNiceNumbers();
        }
    }
}

void RunChart::setEmptyText(const QString& text) {
    chart()->setTitle(text.isEmpty() ? chart()->title().section(QLatin1String(" — "), 0, 0)
                                     : chart()->title().section(QLatin1String(" — "), 0, 0) +
                                           QStringLiteral(" — ") + text);
}

}  // namespace loadstar::widgets
