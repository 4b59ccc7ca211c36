#include "widgets/window/first_start_geometry.h"

namespace loadstar::widgets {

QRect firstStartGeometry(const QRect& available) {
    const QSize most(available.width() * 9 / 10, available.height() * 9 / 10);
    if (most.width() < 1280 || most.height() < 760) return available;
    QRect placed(QPoint(), most);
    placed.moveCenter(available.center());
    return placed;
}

}  // namespace loadstar::widgets
