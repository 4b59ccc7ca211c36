#include "engine/stats/interval_recorder.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

namespace loadstar::stats {
namespace {

TEST(IntervalRecorder, CollectsWhatEachThreadRecordedOncePerInterval) {
    IntervalRecorder recorder(2, 2);
    recorder.thread(0).update(0, [](RequestStats& s) { s.recordResponse(200, 100, 90, false); });
    recorder.thread(1).update(0, [](RequestStats& s) { s.recordResponse(200, 300, 300, false); });
    recorder.thread(1).update(1, [](RequestStats& s) { s.recordError(ErrorClass::Timeout); });

    const auto& first = recorder.collect();
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].responses, 2u);
    EXPECT_EQ(first[0].latency.max(), 300);
    EXPECT_EQ(first[0].uncorrected.min(), 90);
    EXPECT_EQ(first[1].errors[static_cast<std::size_t>(ErrorClass::Timeout)], 1u);

    const auto& second = recorder.collect();
    EXPECT_EQ(second[0].responses, 0u) << "an interval holds only what came after the previous collect";
    EXPECT_EQ(second[1].errorCount(), 0u);

    recorder.thread(0).update(1, [](RequestStats& s) { s.recordResponse(503, 10, 10, false); });
    EXPECT_EQ(recorder.collect()[1].errors[static_cast<std::size_t>(ErrorClass::Status5xx)], 1u);
}

TEST(IntervalRecorder, LosesNothingWhileThreadsRecordDuringCollects) {
    constexpr int kPerThread = 200'000;
    IntervalRecorder recorder(1, 2);
    std::atomic<int> finished{0};
    auto work = [&](std::size_t t) {
        for (int i = 0; i < kPerThread; ++i)
            recorder.thread(t).update(
                0, [&](RequestStats& s) { s.recordResponse(200, i % 5000, i % 5000, false); });
        ++finished;
    };
    std::thread a(work, 0);
    std::thread b(work, 1);
    std::uint64_t total = 0;
    while (finished.load() < 2)
        total += recorder.collect()[0].responses;
    a.join();
    b.join();
    total += recorder.collect()[0].responses;
    EXPECT_EQ(total, 2u * kPerThread);
}

// The writer takes no lock: a collect that flips buffers while a record is half
// written waits for that record to end and counts it in the interval it began in.
TEST(IntervalRecorder, ARecordInProgressAtTheFlipIsWaitedOutAndCounted) {
    IntervalRecorder recorder(1, 1);
    std::atomic<bool> inside{false};
    std::atomic<bool> release{false};
    std::thread writer([&] {
        recorder.thread(0).update(0, [&](RequestStats& s) {
            inside = true;
            while (!release.load())
                std::this_thread::yield();
            s.recordResponse(200, 42, 42, false);
        });
    });
    while (!inside.load())
        std::this_thread::yield();
    std::atomic<bool> collected{false};
    std::uint64_t responses = 0;
    std::thread collector([&] {
        responses = recorder.collect()[0].responses;
        collected = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(collected.load()) << "the collect must not read a buffer a record is still writing";
    release = true;
    collector.join();
    writer.join();
    EXPECT_EQ(responses, 1u);
    recorder.thread(0).update(0, [](RequestStats& s) { s.recordResponse(200, 7, 7, false); });
    EXPECT_EQ(recorder.collect()[0].responses, 1u) << "the next record goes to the other buffer";
}

TEST(RequestStats, ClassifiesStatusesAndExpectedRejections) {
    RequestStats s;
    s.recordResponse(200, 1, 1, false);
    s.recordResponse(404, 1, 1, false);
    s.recordResponse(422, 1, 1, false);
    s.recordResponse(422, 1, 1, true);
    s.recordResponse(500, 1, 1, false);
    s.recordError(ErrorClass::Connect);
    EXPECT_EQ(s.responses, 5u);
    EXPECT_EQ(s.requests(), 6u);
    EXPECT_EQ(s.errorCount(), 4u);
    EXPECT_EQ(s.expectedRejections, 1u);
    EXPECT_EQ(s.statusCounts[422], 2u);
    EXPECT_EQ(s.errors[static_cast<std::size_t>(ErrorClass::Status4xx)], 1u);
    EXPECT_EQ(s.errors[static_cast<std::size_t>(ErrorClass::Status422)], 1u);
    EXPECT_EQ(s.transportErrors(), 1u);
}

}  // namespace
}  // namespace loadstar::stats
