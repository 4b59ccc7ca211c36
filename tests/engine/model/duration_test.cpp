#include "engine/model/duration.h"

#include <gtest/gtest.h>

namespace loadstar::model {
namespace {

using std::chrono::microseconds;

TEST(Duration, ParsesEveryUnit) {
    EXPECT_EQ(parseDuration("250us"), microseconds(250));
    EXPECT_EQ(parseDuration("50ms"), microseconds(50'000));
    EXPECT_EQ(parseDuration("1.5s"), microseconds(1'500'000));
    EXPECT_EQ(parseDuration("2m"), microseconds(120'000'000));
    EXPECT_EQ(parseDuration("1h"), microseconds(3'600'000'000));
    EXPECT_EQ(parseDuration("20"), microseconds(20'000)) << "a bare number means milliseconds";
    EXPECT_EQ(parseDuration("0ms"), microseconds(0));
}

TEST(Duration, RefusesWhatIsNotADuration) {
    for (const char* bad :
         {"", "ms", "-5ms", "5 ms", "5sec", "1.s", ".5s", "1e3ms", "5msx", "abc", "99999999999h"}) {
        EXPECT_FALSE(parseDuration(bad).has_value()) << bad;
    }
}

TEST(Duration, FormatsShortestExactSpelling) {
    EXPECT_EQ(formatDuration(microseconds(250)), "250us");
    EXPECT_EQ(formatDuration(microseconds(50'000)), "50ms");
    EXPECT_EQ(formatDuration(microseconds(1'500'000)), "1.5s");
    EXPECT_EQ(formatDuration(microseconds(10'000'000)), "10s");
    EXPECT_EQ(formatDuration(microseconds(120'000'000)), "2m");
    EXPECT_EQ(formatDuration(microseconds(1'500)), "1.5ms");
    EXPECT_EQ(formatDuration(microseconds(0)), "0ms");
}

TEST(Duration, FormatThenParseIsIdentity) {
    for (std::int64_t us : {1LL, 999LL, 1'000LL, 1'001LL, 1'500LL, 12'345LL, 999'999LL, 1'000'000LL,
                            1'250'000LL, 61'000'000LL, 3'600'000'000LL, 5'400'000'000LL}) {
        const std::string text = formatDuration(microseconds(us));
        EXPECT_EQ(parseDuration(text), microseconds(us)) << text;
    }
}

}  // namespace
}  // namespace loadstar::model
