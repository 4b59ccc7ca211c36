#include "widgets/common/chart_style.h"

#include <QAbstractAxis>
#include <QChart>

#include "engine/report/chart_palette.h"

namespace loadstar::widgets {

bool ChartStyle::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ChartStyle::color(int i, const QPalette& palette) {
    return QColor(QRgb{report::chartColour(static_cast<std::size_t>(i), isDark(palette))});
}

QColor ChartStyle::muted(const QPalette& palette) {
    return QColor(QRgb{report::mutedColour(isDark(palette))});
}

QColor ChartStyle::pass(const QPalette& palette) {
    return isDark(palette) ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
}

QColor ChartStyle::fail(const QPalette& palette) {
    return isDark(palette) ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
}

void ChartStyle::apply(QChart* chart, const QPalette& palette) {
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.color(QPalette::WindowText));
    chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    QColor grid = palette.color(QPalette::WindowText);
    grid.setAlpha(40);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

}  // namespace loadstar::widgets
