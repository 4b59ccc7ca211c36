#pragma once

#include <QRect>

namespace loadstar::widgets {

// Where the window opens when no geometry was saved: most of the screen's
// available area (a margin of 5% on each side), centred. A screen where that
// would be smaller than 1280×760 gets all of its available area, since the views
// are laid out to be read at 1280×800 and a laptop screen has nothing to spare.
QRect firstStartGeometry(const QRect& available);

}  // namespace loadstar::widgets
