#pragma once

#include <QColor>
#include <QPalette>

class QChart;

namespace loadstar::widgets {

// Charts follow the application palette: background, labels and grid from it,
// and line colours that read on both light and dark backgrounds.
class ChartStyle {
  public:
    static void apply(QChart* chart, const QPalette& palette);
    static bool isDark(const QPalette& palette);
    // The i-th line colour (a small qualitative set, brighter on dark).
    static QColor color(int i, const QPalette& palette);
    static QColor muted(const QPalette& palette);
    static QColor pass(const QPalette& palette);
    static QColor fail(const QPalette& palette);
};

}  // namespace loadstar::widgets
