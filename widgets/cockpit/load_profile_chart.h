#pragma once

#include <QChartView>

#include "engine/model/scenario.h"

class QLineSeries;
class QValueAxis;

namespace loadstar::widgets {

// A small picture of a scenario's load over time (virtual users or requests/s),
// redrawn as its stages, duration or warm-up change. The warm-up is shaded.
class LoadProfileChart : public QChartView {
    Q_OBJECT

  public:
    explicit LoadProfileChart(QWidget* parent = nullptr);

    void showScenario(const model::Scenario& scenario);
    // The profile's corner points, as drawn (seconds, level).
    QList<QPointF> points() const;

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void applyPalette();

    QLineSeries* line_;
    QLineSeries* warmup_;
    QValueAxis* x_;
    QValueAxis* y_;
};

}  // namespace loadstar::widgets
