#include "engine/report/chart_palette.h"

#include <array>
#include <cstdio>

namespace loadstar::report {

std::uint32_t chartColour(std::size_t index, bool dark) {
    static constexpr std::array<std::uint32_t, 6> kLight = {0x0072b2, 0xd55e00, 0x009e73,
                                                            0xcc79a7, 0xe69f00, 0x56b4e9};
    static constexpr std::array<std::uint32_t, 6> kDark = {0x56b4e9, 0xff8c42, 0x2fd3a0,
                                                           0xe79ac6, 0xf0c419, 0x9ad0f5};
    const auto& set = dark ? kDark : kLight;
    return set[index % set.size()];
}

std::uint32_t mutedColour(bool dark) {
    return dark ? 0x969696 : 0x787878;
}

std::string cssColour(std::uint32_t rgb) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%06x", static_cast<unsigned>(rgb & 0xffffffu));
    return buffer;
}

}  // namespace loadstar::report
