#include "engine/server/metrics.h"

#include <thread>

#include <gtest/gtest.h>

namespace loadstar::server {
namespace {

TEST(Metrics, RendersCountersHistogramAndGaugesInPrometheusText) {
    Metrics metrics(std::vector<Metrics::RouteLabel>{{"GET", "/books/{id}"}, {"", "un\"matched"}});
    metrics.recordRequest(0, 200, std::chrono::microseconds(700));
    metrics.recordRequest(0, 200, std::chrono::milliseconds(40));
    metrics.recordRequest(0, 404, std::chrono::seconds(20));
    metrics.recordRequest(1, 400, std::chrono::microseconds(10));
    metrics.connectionOpened();
    metrics.connectionOpened();
    metrics.connectionClosed();
    metrics.requestStarted();
    metrics.queueDepthChanged(3);
    metrics.connectionRejected();
    const std::string text = metrics.render();
    const auto contains = [&](const std::string& line) {
        return text.find(line + "\n") != std::string::npos;
    };
    EXPECT_TRUE(contains("# TYPE loadstar_http_requests_total counter"));
    EXPECT_TRUE(contains(R"(loadstar_http_requests_total{method="GET",route="/books/{id}",status="200"} 2)"));
    EXPECT_TRUE(contains(R"(loadstar_http_requests_total{method="GET",route="/books/{id}",status="404"} 1)"));
    EXPECT_TRUE(contains(R"(loadstar_http_requests_total{method="",route="un\"matched",status="400"} 1)"));
    EXPECT_TRUE(contains(
        R"(loadstar_http_request_duration_seconds_bucket{method="GET",route="/books/{id}",le="0.0005"} 0)"));
    EXPECT_TRUE(contains(
        R"(loadstar_http_request_duration_seconds_bucket{method="GET",route="/books/{id}",le="0.001"} 1)"));
    EXPECT_TRUE(contains(
        R"(loadstar_http_request_duration_seconds_bucket{method="GET",route="/books/{id}",le="0.05"} 2)"));
    EXPECT_TRUE(contains(
        R"(loadstar_http_request_duration_seconds_bucket{method="GET",route="/books/{id}",le="10"} 2)"));
    EXPECT_TRUE(contains(
        R"(loadstar_http_request_duration_seconds_bucket{method="GET",route="/books/{id}",le="+Inf"} 3)"));
    EXPECT_TRUE(
        contains(R"(loadstar_http_request_duration_seconds_sum{method="GET",route="/books/{id}"} 20.0407)"));
    EXPECT_TRUE(
        contains(R"(loadstar_http_request_duration_seconds_count{method="GET",route="/books/{id}"} 3)"));
    EXPECT_TRUE(contains("loadstar_connections_open 1"));
    EXPECT_TRUE(contains("loadstar_connections_total 2"));
    EXPECT_TRUE(contains("loadstar_connections_rejected_total 1"));
    EXPECT_TRUE(contains("loadstar_http_requests_in_flight 1"));
    EXPECT_TRUE(contains("loadstar_worker_queue_depth 3"));
}

TEST(Metrics, CountsFromManyThreadsWithoutLosingAny) {
    Metrics metrics(std::vector<Metrics::RouteLabel>{{"GET", "/a"}});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10000; ++i)
                metrics.recordRequest(0, 200, std::chrono::microseconds(i));
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    EXPECT_EQ(metrics.requests(0, 200), 40000u);
    EXPECT_EQ(metrics.requests(0, 500), 0u);
    metrics.recordRequest(0, 99, std::chrono::microseconds(1));
    EXPECT_EQ(metrics.requests(0, 599), 1u);
}

}  // namespace
}  // namespace loadstar::server
