#include "engine/stats/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <utility>

namespace loadstar::stats {

namespace {

// 2048 values are exact; above that each power of two holds 1024 sub-buckets.
constexpr int kSubBucketBits = 11;
constexpr std::uint64_t kSubBucketCount = 1u << kSubBucketBits;  // 2048
constexpr int kHalfBits = kSubBucketBits - 1;
constexpr std::uint64_t kSubBucketMask = kSubBucketCount - 1;

int bucketOf(std::uint64_t value) {
    return 64 - std::countl_zero(value | kSubBucketMask) - kSubBucketBits;
}

}  // namespace

std::size_t LatencyHistogram::indexFor(std::int64_t value) {
    const std::uint64_t v = value < 0 ? 0 : static_cast<std::uint64_t>(value);
    const int bucket = bucketOf(v);
    return (static_cast<std::size_t>(bucket) << kHalfBits) + static_cast<std::size_t>(v >> bucket);
}

std::int64_t LatencyHistogram::lowestEquivalent(std::size_t index) {
    if (index < kSubBucketCount) return static_cast<std::int64_t>(index);
    const std::size_t bucket = (index >> kHalfBits) - 1;
    const std::size_t sub = index - (bucket << kHalfBits);
    return static_cast<std::int64_t>(sub << bucket);
}

std::int64_t LatencyHistogram::highestEquivalent(std::size_t index) {
    const std::size_t bucket = index < kSubBucketCount ? 0 : (index >> kHalfBits) - 1;
    return lowestEquivalent(index) + (std::int64_t{1} << bucket) - 1;
}

LatencyHistogram::Counts::Counts(std::size_t length) : length_(length) {
    void* pages = ::mmap(nullptr, length * sizeof(std::uint64_t), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<std::uint64_t*>(pages);
}

LatencyHistogram::Counts::Counts(const Counts& other, std::size_t used) : Counts(other.length_) {
    std::memcpy(data_, other.data_, std::min(used, length_) * sizeof(std::uint64_t));
}

LatencyHistogram::Counts::Counts(Counts&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), length_(std::exchange(other.length_, 0)) {}

LatencyHistogram::Counts& LatencyHistogram::Counts::operator=(Counts&& other) noexcept {
    // `other` unmaps what this held when it goes.
    std::swap(data_, other.data_);
    std::swap(length_, other.length_);
    return *this;
}

LatencyHistogram::Counts::~Counts() {
    if (data_ != nullptr) ::munmap(data_, length_ * sizeof(std::uint64_t));
}

void LatencyHistogram::Counts::clear(std::size_t used) {
    std::fill(data_, data_ + std::min(used, length_), std::uint64_t{0});
}

LatencyHistogram::LatencyHistogram(std::int64_t highestTrackable)
    : highest_(std::max<std::int64_t>(highestTrackable, static_cast<std::int64_t>(kSubBucketCount))),
      buckets_(static_cast<std::size_t>(bucketOf(static_cast<std::uint64_t>(highest_))) + 1),
      counts_(indexFor(highest_) + 1) {}

LatencyHistogram::LatencyHistogram(const LatencyHistogram& other)
    : highest_(other.highest_),
      buckets_(other.buckets_),
      counts_(other.counts_, other.used()),
      total_(other.total_),
      min_(other.min_),
      max_(other.max_),
      maxIndex_(other.maxIndex_),
      sum_(other.sum_),
      sumSquares_(other.sumSquares_) {}

LatencyHistogram& LatencyHistogram::operator=(const LatencyHistogram& other) {
    if (this != &other) *this = LatencyHistogram(other);
    return *this;
}

void LatencyHistogram::recordMany(std::int64_t value, std::uint64_t count) {
    if (count == 0) return;
    if (value < 0) value = 0;
    const std::size_t index = std::min(indexFor(value), counts_.size() - 1);
    counts_[index] += count;
    if (total_ == 0) {
        min_ = value;
        max_ = value;
    } else {
        min_ = std::min(min_, value);
        max_ = std::max(max_, value);
    }
    maxIndex_ = std::max(maxIndex_, index);
    total_ += count;
    const double v = static_cast<double>(value);
    const double n = static_cast<double>(count);
    sum_ += v * n;
    sumSquares_ += v * v * n;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.total_ == 0) return;
    for (std::size_t i = 0; i <= other.maxIndex_; ++i) {
        if (other.counts_[i] == 0) continue;
        const std::size_t index = std::min(i, counts_.size() - 1);
        counts_[index] += other.counts_[i];
        maxIndex_ = std::max(maxIndex_, index);
    }
    if (total_ == 0) {
        min_ = other.min_;
        max_ = other.max_;
    } else {
        min_ = std::min(min_, other.min_);
        max_ = std::max(max_, other.max_);
    }
    total_ += other.total_;
    sum_ += other.sum_;
    sumSquares_ += other.sumSquares_;
}

void LatencyHistogram::reset() {
    counts_.clear(used());
    total_ = 0;
    min_ = 0;
    max_ = 0;
    maxIndex_ = 0;
    sum_ = 0;
    sumSquares_ = 0;
}

double LatencyHistogram::mean() const {
    return total_ == 0 ? 0.0 : sum_ / static_cast<double>(total_);
}

double LatencyHistogram::stddev() const {
    if (total_ == 0) return 0.0;
    const double m = mean();
    const double variance = sumSquares_ / static_cast<double>(total_) - m * m;
    return variance > 0 ? std::sqrt(variance) : 0.0;
}

std::int64_t LatencyHistogram::valueAtPercentile(double percentile) const {
    if (total_ == 0) return 0;
    if (percentile <= 0) return min_;
    const double wanted = std::ceil(std::min(percentile, 100.0) / 100.0 * static_cast<double>(total_));
    const std::uint64_t target = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i <= maxIndex_; ++i) {
        seen += counts_[i];
        if (seen < target) continue;
        // The top bucket also holds the values clamped into it; only max is honest there.
        if (i == counts_.size() - 1) return max_;
        return std::clamp(highestEquivalent(i), min_, max_);
    }
    return max_;
}

void LatencyHistogram::valuesAtPercentiles(std::span<const double> percentiles,
                                           std::span<std::int64_t> values) const {
    std::size_t next = 0;
    const std::size_t wanted = std::min(percentiles.size(), values.size());
    // The edge cases (empty, <= 0) answer as valueAtPercentile does.
    while (next < wanted && (total_ == 0 || percentiles[next] <= 0)) {
        values[next] = valueAtPercentile(percentiles[next]);
        ++next;
    }
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i <= maxIndex_ && next < wanted; ++i) {
        seen += counts_[i];
        while (next < wanted) {
            const double share =
                std::ceil(std::min(percentiles[next], 100.0) / 100.0 * static_cast<double>(total_));
            if (seen < std::max<std::uint64_t>(1, static_cast<std::uint64_t>(share))) break;
            values[next] = i == counts_.size() - 1 ? max_ : std::clamp(highestEquivalent(i), min_, max_);
            ++next;
        }
    }
    for (; next < wanted; ++next)
        values[next] = max_;
}

double LatencyHistogram::percentileBelowOrAt(std::int64_t value) const {
    if (total_ == 0) return 100.0;
    const std::size_t last = std::min(indexFor(value), maxIndex_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i <= last; ++i)
        seen += counts_[i];
    return 100.0 * static_cast<double>(seen) / static_cast<double>(total_);
}

std::string LatencyHistogram::percentileDistribution(double unitScale, int ticksPerHalfDistance) const {
    std::string out;
    char line[160];
    std::snprintf(line, sizeof line, "%12s %14s %10s %14s\n\n", "Value", "Percentile", "TotalCount",
                  "1/(1-Percentile)");
    out += line;
    if (total_ > 0) {
        auto shown = [&](std::size_t index) {
            return static_cast<double>(std::clamp(highestEquivalent(index), min_, max_)) / unitScale;
        };
        // Reporting levels get denser towards 100 %: each halving of the remaining
        // distance gets `ticksPerHalfDistance` lines, as HdrHistogram's iterator does.
        double level = 0;
        std::uint64_t seen = 0;
        std::size_t last = 0;
        for (std::size_t i = 0; i <= maxIndex_ && seen < total_; ++i) {
            if (counts_[i] == 0) continue;
            seen += counts_[i];
            last = i;
            const double reached = 100.0 * static_cast<double>(seen) / static_cast<double>(total_);
            while (level <= reached) {
                const double fraction = level / 100.0;
                std::snprintf(line, sizeof line, "%12.3f %2.12f %10llu %14.2f\n", shown(i), fraction,
                              static_cast<unsigned long long>(seen), 1.0 / (1.0 - fraction));
                out += line;
                if (seen == total_) break;
                const double halvings = std::floor(std::log2(100.0 / (100.0 - level)));
                level += 100.0 / (ticksPerHalfDistance * std::pow(2.0, halvings + 1));
            }
        }
        std::snprintf(line, sizeof line, "%12.3f %2.12f %10llu\n", shown(last), 1.0,
                      static_cast<unsigned long long>(total_));
        out += line;
    }
    std::snprintf(line, sizeof line, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n", mean() / unitScale,
                  stddev() / unitScale);
    out += line;
    std::snprintf(line, sizeof line, "#[Max     = %12.3f, Total count    = %12llu]\n",
                  static_cast<double>(max()) / unitScale, static_cast<unsigned long long>(total_));
    out += line;
    std::snprintf(line, sizeof line, "#[Buckets = %12zu, SubBuckets     = %12llu]\n", buckets_,
                  static_cast<unsigned long long>(kSubBucketCount));
    out += line;
    return out;
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> LatencyHistogram::nonZeroCounts() const {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
    if (total_ == 0) return out;
    for (std::size_t i = 0; i <= maxIndex_; ++i) {
        if (counts_[i] != 0) out.emplace_back(static_cast<std::uint32_t>(i), counts_[i]);
    }
    return out;
}

bool LatencyHistogram::restoreCounts(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& counts,
                                     std::int64_t min, std::int64_t max, double sum, double sumOfSquares) {
    reset();
    for (const auto& [index, count] : counts) {
        if (index >= counts_.size()) {
            reset();
            return false;
        }
        counts_[index] += count;
        total_ += count;
        maxIndex_ = std::max<std::size_t>(maxIndex_, index);
    }
    if (total_ == 0) return true;
    min_ = min;
    max_ = max;
    sum_ = sum;
    sumSquares_ = sumOfSquares;
    return true;
}

}  // namespace loadstar::stats
