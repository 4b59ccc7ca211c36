#include "engine/server/access_log.h"

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "engine/server/server.h"
#include "tests/engine/server/http_test_client.h"
#include "tests/engine/server/test_project.h"

namespace loadstar::server {
namespace {

using std::chrono::milliseconds;
using Clock = AccessLog::Clock;

// Collects what the writer thread writes, split into lines.
struct CollectedLines {
    std::mutex mutex;
    std::vector<std::string> lines;

    AccessLog::Sink sink() {
        return [this](std::string_view text) {
            const std::lock_guard lock(mutex);
            while (!text.empty()) {
                const std::size_t end = text.find('\n');
                lines.emplace_back(text.substr(0, end));
                text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
            }
        };
    }
    std::vector<Json> json() {
        const std::lock_guard lock(mutex);
        std::vector<Json> out;
        for (const std::string& line : lines)
            out.push_back(Json::parse(line));
        return out;
    }
};

// 2026-11-25T15:20:01.123Z
const Clock::time_point kSecond = Clock::time_point(std::chrono::seconds(1795620001));

AccessRecord recordAt(Clock::time_point time, std::string target = "/hello?x=1") {
    AccessRecord record;
    record.time = time;
    record.client = "127.0.0.1:41234";
    record.method = "GET";
    record.target = std::move(target);
    record.status = 200;
    record.durationMicros = 412;
    record.bytesOut = 27;
    return record;
}

TEST(AccessLogFormat, LinesAreTheDocumentedJson) {
    EXPECT_EQ(AccessLog::formatRecord(recordAt(kSecond + milliseconds(123))),
              R"({"time":"2026-11-25T15:20:01.123Z","client":"127.0.0.1:41234","method":"GET",)"
              R"("target":"/hello?x=1","status":200,"duration_us":412,"bytes_out":27})");
    EXPECT_EQ(AccessLog::formatSkipped(1795620001, 17),
              R"({"time":"2026-11-25T15:20:01.000Z","skipped":17})");
    // Raw request bytes never break the line.
    EXPECT_EQ(Json::parse(AccessLog::formatRecord(recordAt(kSecond, "/a\xff\"b\n")))["target"],
              "/a\xEF\xBF\xBD\"b\n");
}

TEST(AccessLogSampling, KeepsAtMostTheRatePerSecondAndCountsTheRest) {
    CollectedLines collected;
    {
        AccessLog log(3, collected.sink());
        int admitted = 0;
        for (int i = 0; i < 10; ++i) {
            if (log.admit(kSecond + milliseconds(10 * i))) {
                ++admitted;
                log.record(recordAt(kSecond + milliseconds(10 * i), "/r" + std::to_string(i)));
            }
        }
        EXPECT_EQ(admitted, 3);
        // The next second has its own budget.
        for (int i = 0; i < 4; ++i) {
            if (log.admit(kSecond + std::chrono::seconds(1) + milliseconds(i))) {
                log.record(
                    recordAt(kSecond + std::chrono::seconds(1) + milliseconds(i), "/s" + std::to_string(i)));
            }
        }
        log.flush();
    }
    // Skipped counts of a past second may be written between records, in parts.
    std::vector<std::string> targets;
    std::map<std::string, std::uint64_t> skipped;
    for (const Json& line : collected.json()) {
        if (line.contains("skipped")) {
            skipped[line["time"]] += line["skipped"].get<std::uint64_t>();
        } else {
            targets.push_back(line["target"]);
        }
    }
    EXPECT_EQ(targets, (std::vector<std::string>{"/r0", "/r1", "/r2", "/s0", "/s1", "/s2"}));
    EXPECT_EQ(skipped, (std::map<std::string, std::uint64_t>{{"2026-11-25T15:20:01.000Z", 7},
                                                             {"2026-11-25T15:20:02.000Z", 1}}));
}

TEST(AccessLogSampling, AFullQueueDropsAndCountsInsteadOfBlocking) {
    std::mutex gate;
    std::unique_lock closed(gate);  // the sink blocks until the test opens the gate
    std::atomic<bool> writing{false};
    CollectedLines collected;
    AccessLog::Sink inner = collected.sink();
    AccessLog log(
        1000,
        [&](std::string_view text) {
            writing = true;
            const std::lock_guard wait(gate);
            inner(text);
        },
        4);
    ASSERT_TRUE(log.admit(kSecond));
    log.record(recordAt(kSecond));
    // The writer has taken the first record and is held in the sink.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!writing && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(1));
    ASSERT_TRUE(writing);
    // The other 99 go in while the writer is stuck: they must not wait for it.
    auto rest = std::async(std::launch::async, [&] {
        for (int i = 1; i < 100; ++i) {
            if (log.admit(kSecond)) log.record(recordAt(kSecond));
        }
    });
    const bool returned = rest.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    EXPECT_TRUE(returned) << "recording blocked behind the stuck writer";
    closed.unlock();
    log.flush();
    std::uint64_t records = 0;
    std::uint64_t skipped = 0;
    for (const Json& line : collected.json()) {
        if (line.contains("skipped")) {
            skipped += line["skipped"].get<std::uint64_t>();
        } else {
            ++records;
        }
    }
    EXPECT_EQ(records + skipped, 100u);
    EXPECT_LE(records, 5u);  // the one being written and the 4 queued
    EXPECT_GE(skipped, 95u);
}

class AccessLogServerTest : public ::testing::Test {
  protected:
    CollectedLines collected;
    std::shared_ptr<AccessLog> log;
    std::unique_ptr<Server> server;
    int port = 0;

    void start(int rate) {
        model::Project project = testing::sampleProject();
        project.server.port = 0;
        log = std::make_shared<AccessLog>(rate, collected.sink());
        server = std::make_unique<Server>(std::make_shared<const model::Project>(project),
                                          testing::realServices(project));
        server->setAccessLog(log);
        auto started = server->start();
        ASSERT_TRUE(std::holds_alternative<Started>(started));
        port = std::get<Started>(started).port;
    }

    // Stops the server, so that every response's record is in, then flushes the log.
    std::vector<Json> finish() {
        server->stop();
        log->flush();
        return collected.json();
    }
};

TEST_F(AccessLogServerTest, EachRequestGetsALineWithItsFields) {
    start(50);
    testing::HttpTestClient client(port);
    ASSERT_TRUE(client.send("GET /hello?x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto hello = client.read();
    ASSERT_TRUE(hello);
    ASSERT_TRUE(client.send("GET /books/abc HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto invalid = client.read();
    ASSERT_TRUE(invalid);
    const auto before = std::chrono::system_clock::now();
    const std::vector<Json> lines = finish();
    ASSERT_EQ(lines.size(), 2u);

    const Json& first = lines[0];
    EXPECT_EQ(first["method"], "GET");
    EXPECT_EQ(first["target"], "/hello?x=1");
    EXPECT_EQ(first["status"], 200);
    EXPECT_EQ(first["client"].get<std::string>().rfind("127.0.0.1:", 0), 0u);
    EXPECT_NE(first["client"], "127.0.0.1:" + std::to_string(port));  // the client's port, not the server's
    // bytes_out: the status line, every header line, the blank line and the body.
    std::uint64_t expected = std::string("HTTP/1.1 200 OK\r\n").size() + 2 + hello->body.size();
    for (const auto& [name, value] : hello->headers)
        expected += name.size() + 2 + value.size() + 2;
    EXPECT_EQ(first["bytes_out"], expected);
    EXPECT_GE(first["duration_us"].get<std::int64_t>(), 0);
    EXPECT_LT(first["duration_us"].get<std::int64_t>(), 5'000'000);
    // "2026-11-25T15:20:01.123Z": this minute, in UTC, with milliseconds.
    const std::string time = first["time"];
    ASSERT_EQ(time.size(), 24u);
    EXPECT_EQ(time[10], 'T');
    EXPECT_EQ(time[19], '.');
    EXPECT_EQ(time.back(), 'Z');
    const std::time_t now = std::chrono::system_clock::to_time_t(before);
    std::tm tm{};
    gmtime_r(&now, &tm);
    EXPECT_EQ(time.substr(0, 5), std::to_string(tm.tm_year + 1900) + "-");

    EXPECT_EQ(lines[1]["target"], "/books/abc");
    EXPECT_EQ(lines[1]["status"], 422);
}

TEST_F(AccessLogServerTest, ABurstIsCappedAtTheRateAndTheSkippedCountsAddUp) {
    start(20);
    constexpr int kConnections = 4;
    constexpr int kPerConnection = 100;
    std::vector<std::thread> clients;
    for (int c = 0; c < kConnections; ++c) {
        clients.emplace_back([this] {
            testing::HttpTestClient client(port);
            // Pipelined in batches: a burst far above 20 a second.
            std::string batch;
            for (int i = 0; i < 10; ++i)
                batch += "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
            for (int round = 0; round < kPerConnection / 10; ++round) {
                if (!client.send(batch)) return;
                for (int i = 0; i < 10; ++i) {
                    if (!client.read()) return;
                }
            }
        });
    }
    for (std::thread& t : clients)
        t.join();
    const std::vector<Json> lines = finish();
    std::map<std::string, int> recordsPerSecond;
    std::uint64_t records = 0;
    std::uint64_t skipped = 0;
    for (const Json& line : lines) {
        if (line.contains("skipped")) {
            skipped += line["skipped"].get<std::uint64_t>();
        } else {
            ++records;
            ++recordsPerSecond[line["time"].get<std::string>().substr(0, 19)];
        }
    }
    EXPECT_EQ(records + skipped, static_cast<std::uint64_t>(kConnections * kPerConnection));
    EXPECT_GT(skipped, 0u);
    for (const auto& [second, count] : recordsPerSecond)
        EXPECT_LE(count, 20) << second;
}

TEST_F(AccessLogServerTest, WithoutALogNothingIsRecorded) {
    model::Project project = testing::sampleProject();
    project.server.port = 0;
    Server plain(std::make_shared<const model::Project>(project), testing::realServices(project));
    auto started = plain.start();
    ASSERT_TRUE(std::holds_alternative<Started>(started));
    testing::HttpTestClient client(std::get<Started>(started).port);
    ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(client.read());
    plain.stop();
    EXPECT_TRUE(collected.json().empty());
}

}  // namespace
}  // namespace loadstar::server
