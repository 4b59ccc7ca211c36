#include "engine/server/access_log.h"

#include <cstdio>
#include <ctime>

#include "engine/model/json.h"

namespace loadstar::server {

namespace {

std::int64_t secondOf(AccessLog::Clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// "2026-11-25T15:20:01.123Z"
std::string isoTime(std::int64_t millisSinceEpoch) {
    const auto seconds = static_cast<std::time_t>(millisSinceEpoch / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millisSinceEpoch % 1000));
    return text;
}

// A wake-up at least this often writes the skipped counts of seconds that ended.
constexpr auto kWriterTick = std::chrono::milliseconds(200);

}  // namespace

AccessLog::AccessLog(int linesPerSecond, Sink sink, std::size_t queueCapacity)
    : linesPerSecond_(static_cast<std::uint64_t>(std::max(0, linesPerSecond))),
      capacity_(std::max<std::size_t>(1, queueCapacity)),
      sink_(std::move(sink)),
      writer_([this] { run(); }) {}

AccessLog::~AccessLog() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

bool AccessLog::admit(Clock::time_point now) {
    const std::int64_t second = secondOf(now);
    const std::lock_guard lock(mutex_);
    if (second > second_) {
        second_ = second;
        admitted_ = 0;
    }
    if (admitted_ < linesPerSecond_) {
        ++admitted_;
        return true;
    }
    // Records of one second arrive from several loop threads slightly out of order;
    // an older second's drop is counted with the current one.
    if (skipped_.empty() || skipped_.back().first != second_) skipped_.emplace_back(second_, 0);
    ++skipped_.back().second;
    return false;
}

void AccessLog::record(AccessRecord record) {
    {
        const std::lock_guard lock(mutex_);
        if (queue_.size() >= capacity_) {
            const std::int64_t second = secondOf(record.time);
            if (skipped_.empty() || skipped_.back().first < second) skipped_.emplace_back(second, 0);
            ++skipped_.back().second;
            return;
        }
        queue_.push_back(std::move(record));
    }
    wake_.notify_one();
}

void AccessLog::flush() {
    std::unique_lock lock(mutex_);
    flushRequested_ = true;
    const std::uint64_t target = flushesDone_ + 1;
    wake_.notify_one();
    flushed_.wait(lock, [&] { return flushesDone_ >= target || stopping_; });
}

void AccessLog::takeSkipped(std::int64_t nowSecond, bool all, std::string& lines) {
    while (!skipped_.empty() && (all || skipped_.front().first < nowSecond)) {
        lines += formatSkipped(skipped_.front().first, skipped_.front().second);
        lines += '\n';
        skipped_.pop_front();
    }
}

void AccessLog::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait_for(lock, kWriterTick, [this] { return stopping_ || flushRequested_ || !queue_.empty(); });
        const bool stopping = stopping_;
        const bool flushing = flushRequested_;
        flushRequested_ = false;
        std::deque<AccessRecord> batch;
        batch.swap(queue_);
        std::string lines;
        // Records first: a skipped line closes its second.
        lock.unlock();
        for (const AccessRecord& record : batch) {
            lines += formatRecord(record);
            lines += '\n';
        }
        lock.lock();
        takeSkipped(secondOf(Clock::now()), stopping || flushing, lines);
        lock.unlock();
        if (!lines.empty() && sink_) sink_(lines);
        lock.lock();
        if (flushing) {
            ++flushesDone_;
            flushed_.notify_all();
        }
        if (stopping && queue_.empty()) {
            ++flushesDone_;
            flushed_.notify_all();
            return;
        }
    }
}

std::string AccessLog::formatRecord(const AccessRecord& record) {
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(record.time.time_since_epoch()).count();
    Json line = Json::object();
    line["time"] = isoTime(millis);
    line["client"] = record.client;
    line["method"] = record.method;
    line["target"] = record.target;
    line["status"] = record.status;
    line["duration_us"] = record.durationMicros;
    line["bytes_out"] = record.bytesOut;
    // Targets are raw request bytes: invalid UTF-8 is replaced, not allowed to break the line.
    return line.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string AccessLog::formatSkipped(std::int64_t second, std::uint64_t skipped) {
    Json line = Json::object();
    line["time"] = isoTime(second * 1000);
    line["skipped"] = skipped;
    return line.dump();
}

}  // namespace loadstar::server
