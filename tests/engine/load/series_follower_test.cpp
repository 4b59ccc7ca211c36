#include "engine/load/series_follower.h"

#include <gtest/gtest.h>

namespace loadstar::load {
namespace {

// A run's ticks as a runner publishes them: the log has every tick, a snapshot the
// ones since the previous snapshot.
struct PublishedRun {
    std::shared_ptr<results::TickLog> log = std::make_shared<results::TickLog>();
    results::Series all;

    std::shared_ptr<const Snapshot> publish(std::size_t newTicks) {
        auto s = std::make_shared<Snapshot>();
        s->firstTick = all.size();
        for (std::size_t i = 0; i < newTicks; ++i) {
            auto tick = std::make_shared<results::TickPoint>();
            tick->elapsed = static_cast<double>(all.size() + 1) * 0.2;
            all.push_back(tick);
            log->append(tick);
            s->ticks.push_back(tick);
        }
        s->history = log;
        return s;
    }
};

TEST(SeriesFollower, AppendsEachSnapshotsTicksOnceAndInOrder) {
    PublishedRun run;
    SeriesFollower f;
    const auto first = run.publish(0);
    EXPECT_EQ(f.follow(*first), 0u);
    const auto a = run.publish(1);
    const auto b = run.publish(2);
    EXPECT_EQ(f.follow(*a), 1u);
    EXPECT_EQ(f.follow(*a), 0u) << "seen twice, taken once";
    EXPECT_EQ(f.follow(*b), 2u);
    EXPECT_EQ(f.follow(*a), 0u) << "an older snapshot adds nothing";
    EXPECT_EQ(f.series(), run.all);
    EXPECT_EQ(f.recovered(), 0u);
}

TEST(SeriesFollower, TakesTheTicksOfMissedSnapshotsFromTheHistory) {
    PublishedRun run;
    SeriesFollower f;
    f.follow(*run.publish(1));
    run.publish(1);
    run.publish(3);  // never seen by the follower
    const auto newest = run.publish(1);
    EXPECT_EQ(newest->ticks.size(), 1u);
    EXPECT_EQ(f.follow(*newest), 5u);
    EXPECT_EQ(f.series(), run.all);
    EXPECT_EQ(f.recovered(), 4u);
    EXPECT_EQ(f.lost(), 0u);
    EXPECT_EQ(newest->newestTick(), run.all.back());
}

TEST(SeriesFollower, CountsTicksItCannotHaveInsteadOfMisnumberingTheRest) {
    PublishedRun run;
    SeriesFollower f;
    f.follow(*run.publish(2));
    run.publish(2);
    auto orphan = std::make_shared<Snapshot>(*run.publish(1));
    orphan->history.reset();  // a publisher that keeps no history
    EXPECT_EQ(f.follow(*orphan), 1u);
    EXPECT_EQ(f.lost(), 2u);
    EXPECT_EQ(f.series().back(), run.all.back());
    f.follow(*run.publish(1));
    EXPECT_EQ(f.series().back(), run.all.back()) << "later ticks still line up";
    f.reset();
    EXPECT_TRUE(f.series().empty());
    EXPECT_EQ(f.lost(), 0u);
}

TEST(SnapshotNewestTick, ComesFromTheHistoryWhenTheSnapshotBringsNone) {
    PublishedRun run;
    run.publish(2);
    const auto quiet = run.publish(0);  // e.g. Locust: a tick a second, polled faster
    EXPECT_EQ(quiet->tickCount(), 2u);
    EXPECT_EQ(quiet->newestTick(), run.all.back());
    EXPECT_EQ(run.publish(0)->newestTick(), run.all.back());
    EXPECT_EQ(Snapshot{}.newestTick(), nullptr);
}

}  // namespace
}  // namespace loadstar::load
