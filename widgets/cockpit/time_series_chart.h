#pragma once

#include <vector>

#include <QChartView>
#include <QPointF>
#include <QString>

#include "engine/report/line_chart.h"
#include "engine/report/series_decimation.h"

class QAbstractAxis;
class QLineSeries;
class QValueAxis;

namespace loadstar::widgets {

// A chart of lines over a run's time axis that stays quick however long the run:
// every point is kept, but each line draws only what its pixels can show
// (first/min/max/last per two pixel columns). Following a live run, the columns
// stay put and only the newest is reworked (report::ColumnDecimator), and the value
// axes move only when the data outgrows them or falls well below, so a new tick
// costs the same after an hour as after a second; a zoomed or panned view is
// decimated afresh (report::decimate()). Follows the run until the user zooms
// (drag a band), pans (wheel, middle drag, arrow keys) or double-clicks to follow
// again.
class TimeSeriesChart : public QChartView {
    Q_OBJECT

  public:
    enum class Axis { Left, Right };

    explicit TimeSeriesChart(const QString& title, const QString& leftUnit, QWidget* parent = nullptr);

    // Returns the line's number.
    int addLine(const QString& name, int colour, Axis axis = Axis::Left, Qt::PenStyle style = Qt::SolidLine);
    void setRightUnit(const QString& unit);
    void append(int line, const std::vector<QPointF>& points);
    void setLineVisible(int line, bool visible);
    void clear();
    // The planned end of the run, so the time axis does not jump as it grows.
    void setPlannedSeconds(double seconds);
    void setLogScale(bool on);
    bool logScale() const { return log_; }

    void zoomToSeconds(double from, double to);
    void pan(double seconds);
    void follow();  // back to the whole run
    bool following() const { return following_; }

    // What is drawn and what is kept, for tests and benchmarks.
    qsizetype drawnPoints(int line) const;
    std::size_t keptPoints(int line) const { return lines_[static_cast<std::size_t>(line)].data.size(); }
    double viewFrom() const { return from_; }
    double viewTo() const { return to_; }
    // Redraws now (normally coalesced to the next event-loop turn).
    void redraw();
    int redrawCount() const { return redraws_; }

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    struct Line {
        QLineSeries* series = nullptr;
        std::vector<report::ChartPoint> data;
        report::ColumnDecimator followed;  // the followed view's columns
        Axis axis = Axis::Left;
        int colour = 0;
        bool visible = true;
    };
    void scheduleRedraw();
    void applyPalette();
    void setView(double from, double to);
    void makeLeftAxis();
    double lastX() const;
    // A linear axis from 0 to just above `max`; `top` is the axis's top as last set.
    void fitValueAxis(QValueAxis* axis, double max, double& top) const;

    std::vector<Line> lines_;
    QValueAxis* x_;
    QAbstractAxis* left_ = nullptr;
    QValueAxis* right_ = nullptr;
    QString leftUnit_;
    bool log_ = false;
    bool following_ = true;
    bool redrawPending_ = false;
    bool settingRange_ = false;
    bool bandZooming_ = false;
    double planned_ = 0;
    double from_ = 0;
    double to_ = 1;
    double leftTop_ = 0;
    double rightTop_ = 0;
    int panFromX_ = -1;
    int redraws_ = 0;
};

}  // namespace loadstar::widgets
