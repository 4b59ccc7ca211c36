#pragma once

#include <vector>

#include <QList>
#include <QPointF>

namespace loadstar::widgets {

// What a line chart draws of a long series: the points of `data` (x ascending)
// that fall in [x0, x1], reduced to the first, the lowest, the highest and the last
// point of each of `buckets` equal x slices (about one slice per pixel), in x
// order, plus the nearest point outside either end so the line reaches the
// edges. Spikes survive, which averaging would hide. Series shorter than
// 4 × buckets come back whole (within the range).
QList<QPointF> decimate(const std::vector<QPointF>& data, double x0, double x1, int buckets);

}  // namespace loadstar::widgets
