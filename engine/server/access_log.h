#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace loadstar::server {

// One answered request, as the access log reports it.
struct AccessRecord {
    std::chrono::system_clock::time_point time;  // when the response was written
    std::string client;                          // "127.0.0.1:41234"
    std::string method;
    std::string target;
    int status = 0;
    std::int64_t durationMicros = 0;  // from the request's arrival to its response written
    std::uint64_t bytesOut = 0;       // status line, headers and body
};

// The access log of `loadstar serve --access-log`: one JSON object per line,
//   {"time":"2026-11-25T15:20:01.123Z","client":"127.0.0.1:41234","method":"GET",
//    "target":"/hello?x=1","status":200,"duration_us":412,"bytes_out":27}
// sampled to at most `linesPerSecond` lines per wall-clock second (the first ones of
// each second); for a second in which requests were left out, one more line
//   {"time":"2026-11-25T15:20:01.000Z","skipped":N}
// once that second is over. The event loop only takes a slot and queues the record;
// a writer thread formats and writes. A full queue drops the record and counts it
// as skipped, so a slow reader of the output never slows the server down.
class AccessLog {
  public:
    using Sink = std::function<void(std::string_view lines)>;  // called on the writer thread
    using Clock = std::chrono::system_clock;

    AccessLog(int linesPerSecond, Sink sink, std::size_t queueCapacity = 4096);
    ~AccessLog();  // writes what is queued and the last skipped count, then stops
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // Cheap and thread-safe: false when this second's lines are used up (the request
    // then counts as skipped). Ask before building a record.
    bool admit(Clock::time_point now);
    // Queues a record that admit() let through; never blocks.
    void record(AccessRecord record);

    // Writes what is queued and every finished second's skipped count now.
    void flush();

    // One line of each kind, without the newline (exposed for tests and the docs).
    static std::string formatRecord(const AccessRecord& record);
    static std::string formatSkipped(std::int64_t second, std::uint64_t skipped);

  private:
    void run();
    // Takes the skipped counts of seconds before `now` (all when `all`), as lines.
    void takeSkipped(std::int64_t nowSecond, bool all, std::string& lines);

    const std::uint64_t linesPerSecond_;
    const std::size_t capacity_;
    Sink sink_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<AccessRecord> queue_;
    std::int64_t second_ = -1;                                    // the second whose budget is being spent
    std::uint64_t admitted_ = 0;                                  // lines admitted in that second
    std::deque<std::pair<std::int64_t, std::uint64_t>> skipped_;  // (second, count), oldest first
    bool stopping_ = false;
    bool flushRequested_ = false;
    std::uint64_t flushesDone_ = 0;
    std::condition_variable flushed_;
    std::thread writer_;
};

}  // namespace loadstar::server
