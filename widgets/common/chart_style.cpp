#include "widgets/common/chart_style.h"

#include <array>

#include <QAbstractAxis>
#include <QChart>

namespace loadstar::widgets {

bool ChartStyle::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ChartStyle::color(int i, const QPalette& palette) {
    // Okabe–Ito hues: told apart by colour-blind readers too.
    static constexpr std::array<QRgb, 6> light = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9};
    static constexpr std::array<QRgb, 6> dark = {0x56b4e9, 0xff8c42, 0x2fd3a0, 0xe79ac6, 0xf0c419, 0x9ad0f5};
    const auto& set = isDark(palette) ? dark : light;
    return QColor(set[static_cast<std::size_t>(i) % set.size()]);
}

QColor ChartStyle::muted(const QPalette& palette) {
    return isDark(palette) ? QColor(150, 150, 150) : QColor(120, 120, 120);
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
