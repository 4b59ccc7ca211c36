#include "widgets/cockpit/time_series_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QEvent>
#include <QKeyEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QTimer>
#include <QValueAxis>
#include <QWheelEvent>

#include "widgets/common/chart_style.h"

namespace loadstar::widgets {

namespace {

// 1, 2 or 5 times a power of ten, at least `raw`: tick spacing people read easily.
double niceStep(double raw) {
    if (!(raw > 0)) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0}) {
        if (m * power >= raw) return m * power;
    }
    return 10 * power;
}

}  // namespace

TimeSeriesChart::TimeSeriesChart(const QString& title, const QString& leftUnit, QWidget* parent)
    // The chart is given to the base: QChartView(parent) would make a default chart
    // that setChart() releases without deleting.
    : QChartView(new QChart, parent), x_(new QValueAxis), leftUnit_(leftUnit) {
    QChart* chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->addAxis(x_, Qt::AlignBottom);
    x_->setLabelFormat(QStringLiteral("%g s"));
    x_->setTickType(QValueAxis::TicksDynamic);
    x_->setTickAnchor(0);
    makeLeftAxis();
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    // Small enough that the window still fits a laptop screen with the docks open.
    setMinimumHeight(110);
    setToolTip(
        tr("Drag to zoom, wheel or arrow keys to pan, Ctrl+wheel to zoom, double-click to follow the run"));
    connect(x_, &QValueAxis::rangeChanged, this, [this](qreal from, qreal to) {
        // Attaching series moves the range too; only the user's band counts.
        if (settingRange_ || !bandZooming_) return;
        // The rubber band zoomed: keep that window, drawn from the full data.
        following_ = false;
        from_ = from;
        to_ = to;
        scheduleRedraw();
    });
    applyPalette();
}

void TimeSeriesChart::makeLeftAxis() {
    if (left_ != nullptr) {
        for (Line& l : lines_) {
            if (l.axis == Axis::Left) l.series->detachAxis(left_);
        }
        chart()->removeAxis(left_);
        delete left_;
    }
    if (log_) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(8);
        left_ = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setTickCount(5);
        left_ = axis;
    }
    leftTop_ = 0;  // a new axis: set its range at the next redraw
    left_->setTitleText(leftUnit_);
    chart()->addAxis(left_, Qt::AlignLeft);
    for (Line& l : lines_) {
        if (l.axis == Axis::Left) l.series->attachAxis(left_);
    }
    applyPalette();
}

int TimeSeriesChart::addLine(const QString& name, int colour, Axis axis, Qt::PenStyle style) {
    Line line;
    line.series = new QLineSeries;
    line.series->setName(name);
    line.axis = axis;
    line.colour = colour;
    line.series->setUseOpenGL(false);
    chart()->addSeries(line.series);
    line.series->attachAxis(x_);
    if (axis == Axis::Right) {
        if (right_ == nullptr) {
            right_ = new QValueAxis;
            right_->setLabelFormat(QStringLiteral("%g"));
            right_->setTickCount(5);
            chart()->addAxis(right_, Qt::AlignRight);
        }
        line.series->attachAxis(right_);
    } else {
        line.series->attachAxis(left_);
    }
    QPen pen(ChartStyle::color(colour, palette()), 1.6);
    pen.setStyle(style);
    line.series->setPen(pen);
    lines_.push_back(line);
    applyPalette();
    return static_cast<int>(lines_.size()) - 1;
}

void TimeSeriesChart::setRightUnit(const QString& unit) {
    if (right_ != nullptr) right_->setTitleText(unit);
}

void TimeSeriesChart::append(int line, const std::vector<QPointF>& points) {
    auto& kept = lines_[static_cast<std::size_t>(line)].data;
    kept.reserve(kept.size() + points.size());
    for (const QPointF& p : points)
        kept.push_back({p.x(), p.y()});
    scheduleRedraw();
}

void TimeSeriesChart::setLineVisible(int line, bool visible) {
    Line& l = lines_[static_cast<std::size_t>(line)];
    l.visible = visible;
    l.series->setVisible(visible);
    // A hidden line leaves the legend too.
    const auto markers = chart()->legend()->markers(l.series);
    for (QLegendMarker* m : markers)
        m->setVisible(visible);
    scheduleRedraw();
}

void TimeSeriesChart::clear() {
    for (Line& l : lines_) {
        l.data.clear();
        l.followed = {};
        l.series->clear();
    }
    following_ = true;
    to_ = 1;
    leftTop_ = 0;
    rightTop_ = 0;
    scheduleRedraw();
}

void TimeSeriesChart::setPlannedSeconds(double seconds) {
    planned_ = seconds;
    scheduleRedraw();
}

void TimeSeriesChart::setLogScale(bool on) {
    if (on == log_) return;
    log_ = on;
    makeLeftAxis();
    redraw();
}

double TimeSeriesChart::lastX() const {
    double x = 0;
    for (const Line& l : lines_) {
        if (!l.data.empty()) x = std::max(x, l.data.back().x);
    }
    return x;
}

void TimeSeriesChart::fitValueAxis(QValueAxis* axis, double max, double& top) const {
    // 0 to the data's top and a little more, in 3 to 6 steps of 1, 2 or 5.
    double step = 0.25;
    double wanted = 1;
    if (max > 0) {
        step = niceStep(max * 1.05 / 6);
        wanted = std::ceil(max * 1.05 / step) * step;
    }
    // Following a run, the axis holds until the data outgrows it or falls under a
    // third of it: new labels cost a layout of the whole chart.
    if (following_ && top > 0 && wanted <= top && max > top / 3) return;
    top = wanted;
    axis->setRange(0, top);
    axis->setTickCount(static_cast<int>(std::lround(top / step)) + 1);
}

void TimeSeriesChart::zoomToSeconds(double from, double to) {
    if (!(to > from)) return;
    following_ = false;
    setView(from, to);
}

void TimeSeriesChart::pan(double seconds) {
    if (following_) {
        following_ = false;
    }
    const double span = to_ - from_;
    double from = from_ + seconds;
    const double end = std::max({planned_, lastX(), span});
    from = std::clamp(from, 0.0, std::max(0.0, end - span));
    setView(from, from + span);
}

void TimeSeriesChart::follow() {
    following_ = true;
    redraw();
}

void TimeSeriesChart::setView(double from, double to) {
    from_ = from;
    to_ = to;
    redraw();
}

qsizetype TimeSeriesChart::drawnPoints(int line) const {
    return lines_[static_cast<std::size_t>(line)].series->count();
}

void TimeSeriesChart::scheduleRedraw() {
    if (redrawPending_) return;
    redrawPending_ = true;
    QTimer::singleShot(0, this, [this] {
        if (redrawPending_) redraw();
    });
}

void TimeSeriesChart::redraw() {
    redrawPending_ = false;
    ++redraws_;
    if (following_) {
        from_ = 0;
        // The planned end: a live run reaches past it by a tick at most, so the
        // columns (and what was decimated into them) hold for the whole run.
        to_ = std::max({planned_, lastX(), 1.0});
    }
    // A slice per two pixels: first, min, max and last still draw every spike.
    const auto buckets =
        static_cast<std::size_t>(std::max(50, static_cast<int>(chart()->plotArea().width() / 2)));
    double leftMax = 0;
    double leftMinPositive = std::numeric_limits<double>::infinity();
    double rightMax = 0;
    for (Line& l : lines_) {
        if (!l.visible) continue;
        std::vector<report::ChartPoint> decimated;
        if (following_) {
            if (!l.followed.fits(from_, to_, buckets))
                l.followed = report::ColumnDecimator(from_, to_, buckets);
            l.followed.add(std::span(l.data).subspan(l.followed.added()));
            decimated = l.followed.points();
        } else {
            decimated = report::decimate(l.data, from_, to_, buckets, report::Reduction::Extremes);
        }
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(decimated.size()));
        for (const report::ChartPoint& p : decimated)
            points.append({p.x, p.y});
        l.series->replace(points);
        for (const QPointF& p : points) {
            if (p.x() < from_ || p.x() > to_) continue;
            if (l.axis == Axis::Right) {
                rightMax = std::max(rightMax, p.y());
            } else {
                leftMax = std::max(leftMax, p.y());
                if (p.y() > 0) leftMinPositive = std::min(leftMinPositive, p.y());
            }
        }
    }
    settingRange_ = true;
    x_->setRange(from_, to_);
    x_->setTickInterval(niceStep((to_ - from_) / 6));
    if (log_) {
        const double low = std::isfinite(leftMinPositive) ? leftMinPositive : 0.1;
        const double lo = std::pow(10.0, std::floor(std::log10(low)));
        const double hi = std::pow(10.0, std::ceil(std::log10(std::max(leftMax, lo * 10))));
        left_->setRange(lo, hi);
    } else {
        fitValueAxis(static_cast<QValueAxis*>(left_), leftMax, leftTop_);
    }
    if (right_ != nullptr) fitValueAxis(right_, rightMax, rightTop_);
    settingRange_ = false;
}

void TimeSeriesChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyPalette();
}

void TimeSeriesChart::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    scheduleRedraw();
}

void TimeSeriesChart::applyPalette() {
    ChartStyle::apply(chart(), palette());
    for (Line& l : lines_) {
        QPen pen = l.series->pen();
        pen.setColor(ChartStyle::color(l.colour, palette()));
        l.series->setPen(pen);
    }
}

void TimeSeriesChart::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    const double span = to_ - from_;
    if (event->modifiers() & Qt::ControlModifier) {
        // Zoom about the pointer.
        const QPointF value =
            chart()->mapToValue(event->position(), lines_.empty() ? nullptr : lines_.front().series);
        const double factor = std::pow(0.8, steps);
        const double at = std::clamp(value.x(), from_, to_);
        following_ = false;
        setView(std::max(0.0, at - (at - from_) * factor), at + (to_ - at) * factor);
    } else {
        pan(-steps * span * 0.1);
    }
    event->accept();
}

void TimeSeriesChart::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton) {
        panFromX_ = static_cast<int>(event->position().x());
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent* event) {
    if (panFromX_ >= 0) {
        const double width = std::max(1.0, chart()->plotArea().width());
        const int x = static_cast<int>(event->position().x());
        pan(-(x - panFromX_) * (to_ - from_) / width);
        panFromX_ = x;
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton) {
        panFromX_ = -1;
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        // QChartView would zoom out by a factor; back to the whole run reads better.
        follow();
        event->accept();
        return;
    }
    bandZooming_ = event->button() == Qt::LeftButton;
    QChartView::mouseReleaseEvent(event);
    bandZooming_ = false;
}

void TimeSeriesChart::mouseDoubleClickEvent(QMouseEvent* event) {
    follow();
    event->accept();
}

void TimeSeriesChart::keyPressEvent(QKeyEvent* event) {
    const double span = to_ - from_;
    switch (event->key()) {
        case Qt::Key_Left:
            pan(-span * 0.1);
            break;
        case Qt::Key_Right:
            pan(span * 0.1);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomToSeconds(from_ + span * 0.25, to_ - span * 0.25);
            break;
        case Qt::Key_Minus:
            zoomToSeconds(std::max(0.0, from_ - span * 0.5), to_ + span * 0.5);
            break;
        case Qt::Key_Home:
        case Qt::Key_Escape:
            follow();
            break;
        default:
            QChartView::keyPressEvent(event);
            return;
    }
    event->accept();
}

}  // namespace loadstar::widgets
