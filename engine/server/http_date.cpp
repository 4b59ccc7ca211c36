#include "engine/server/http_date.h"

#include <array>
#include <cstdio>
#include <ctime>

namespace loadstar::server {

// Written by hand: strftime's names would follow the process locale.
const std::string& dateHeaderLine() {
    thread_local std::string cached;
    thread_local std::time_t cachedSecond = -1;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[64];
        std::snprintf(text, sizeof text, "Date: %s, %02d %s %04d %02d:%02d:%02d GMT\r\n",
                      kDays[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                      kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        cached = text;
        cachedSecond = now;
    }
    return cached;
}

}  // namespace loadstar::server
