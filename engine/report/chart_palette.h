#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace loadstar::report {

// The line colours of every chart, in the reports and in the workbench alike:
// Okabe–Ito hues, which readers with the common colour-vision deficiencies tell
// apart too, and a brighter set of the same hues for dark backgrounds. 0xRRGGBB.
// By convention line 0 is the main measurement (p50, requests/s, the server),
// line 1 what goes wrong (errors/s) or the next percentile.
std::uint32_t chartColour(std::size_t index, bool dark = false);
// Secondary lines: the offered rate, reference lines.
std::uint32_t mutedColour(bool dark = false);
// "#0072b2", for SVG and CSS.
std::string cssColour(std::uint32_t rgb);

}  // namespace loadstar::report
