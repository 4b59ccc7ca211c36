#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QAbstractAxis;
class QLineSeries;
class QValueAxis;

namespace loadstar::widgets {

// A chart of a finished run (or of several): no animations, colours from the
// widget's palette (light or dark), the legend below, and every line bounded to
// kMaxPoints by decimation (the data stays with the caller). Lines are found
// again by their object name (tests, and the compare view's colours).
class RunChart : public QChartView {
    Q_OBJECT

  public:
    static constexpr int kMaxPoints = 1500;

    explicit RunChart(const QString& title, QWidget* parent = nullptr);

    // A linear value axis; `right` puts it on the right-hand side.
    QValueAxis* addValueAxis(Qt::Orientation orientation, const QString& title, bool right = false);
    // The nines axis of a percentile distribution: 0 .. 99.999 %.
    QAbstractAxis* addNinesAxis();
    void addAxis(QAbstractAxis* axis, Qt::Alignment alignment);

    // A line on the chart's first x axis and `y`, decimated for display.
    QLineSeries* addLine(const QString& objectName, const QString& legend, const QList<QPointF>& points,
                         QAbstractAxis* y, Qt::PenStyle style = Qt::SolidLine, const QColor& colour = {});
    QLineSeries* line(const QString& objectName) const;
    // Removes every line and axis (to draw another run).
    void clear();

    // Fits the y axes to the lines on them (from 0, nice numbers) and the value x axis to
    // the data: from 0 (time since the start) or from the smallest value (a histogram).
    void fitAxes(bool xFromZero = true);
    // A note in the empty chart ("no samples"), or none.
    void setEmptyText(const QString& text);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void applyPalette();
};

}  // namespace loadstar::widgets
