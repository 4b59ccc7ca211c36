#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace loadstar::stats {

// Latency histogram with fixed memory and bounded relative error, after
// HdrHistogram's design: values are integers (microseconds here); each power of
// two above 2048 is split into 1024 linear sub-buckets, so every recorded value is
// kept to within 1/1024 (< 0.1 %, three significant digits) of itself. Memory is
// sized once at construction from the highest trackable value (1 h: about 184 KiB
// of address space) and never grows, however many values are recorded. The counts
// live in pages the kernel zeroes on first touch, so a histogram occupies only the
// pages its values reach (latencies under 2 ms: 16 KiB). Record is
// O(1); percentiles walk the counts, never sort.
class LatencyHistogram {
  public:
    static constexpr std::int64_t kDefaultHighest = 3'600'000'000;  // 1 h in microseconds

    explicit LatencyHistogram(std::int64_t highestTrackable = kDefaultHighest);
    // A copy writes only the counts in use; a moved-from histogram may only be
    // assigned to or destroyed.
    LatencyHistogram(const LatencyHistogram& other);
    LatencyHistogram& operator=(const LatencyHistogram& other);
    LatencyHistogram(LatencyHistogram&&) noexcept = default;
    LatencyHistogram& operator=(LatencyHistogram&&) noexcept = default;
    ~LatencyHistogram() = default;

    // Values above the highest trackable one are counted at the top bucket (max
    // keeps the true value); negative values count as 0.
    void record(std::int64_t value) { recordMany(value, 1); }
    void recordMany(std::int64_t value, std::uint64_t count);
    // Adds every count of `other` (same configuration required; checked).
    void merge(const LatencyHistogram& other);
    void reset();

    std::uint64_t count() const { return total_; }
    std::int64_t min() const { return total_ == 0 ? 0 : min_; }
    std::int64_t max() const { return total_ == 0 ? 0 : max_; }
    double mean() const;
    double stddev() const;
    // The smallest value v such that `percentile` % of the recorded values are <= v
    // (within the histogram's precision; never above max). 0 for an empty histogram.
    std::int64_t valueAtPercentile(double percentile) const;
    // valueAtPercentile for each of `percentiles` (ascending) in one walk of the counts.
    void valuesAtPercentiles(std::span<const double> percentiles, std::span<std::int64_t> values) const;
    // Share of recorded values <= value, in percent.
    double percentileBelowOrAt(std::int64_t value) const;

    std::int64_t highestTrackable() const { return highest_; }
    std::size_t bucketCount() const { return buckets_; }
    std::size_t countsLength() const { return counts_.size(); }
    // The most this histogram can ever occupy (reserved address space included).
    std::size_t memoryBytes() const { return counts_.size() * sizeof(std::uint64_t) + sizeof(*this); }

    // The percentile distribution in HdrHistogram's text format ("Value Percentile
    // TotalCount 1/(1-Percentile)" with five ticks per half distance and the
    // #[Mean ...] footer), as HistogramLogAnalyzer and hdr-plot read it. Values are
    // divided by `unitScale` (1000: microseconds printed as milliseconds).
    std::string percentileDistribution(double unitScale = 1000.0, int ticksPerHalfDistance = 5) const;

    // Sparse (index, count) pairs for storage and the inverse.
    std::vector<std::pair<std::uint32_t, std::uint64_t>> nonZeroCounts() const;
    // False when an index is out of range; the histogram is then left empty.
    bool restoreCounts(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& counts, std::int64_t min,
                       std::int64_t max, double sum, double sumOfSquares);
    double sum() const { return sum_; }
    double sumOfSquares() const { return sumSquares_; }

    // Bucket geometry (exposed for tests and storage).
    static std::size_t indexFor(std::int64_t value);
    static std::int64_t lowestEquivalent(std::size_t index);
    static std::int64_t highestEquivalent(std::size_t index);

  private:
    // Fixed-length counts in anonymous memory mapped on demand: untouched pages
    // cost nothing, and a copy writes only the part in use.
    class Counts {
      public:
        explicit Counts(std::size_t length);
        Counts(const Counts& other, std::size_t used);
        Counts(Counts&& other) noexcept;
        Counts& operator=(Counts&& other) noexcept;
        Counts(const Counts&) = delete;
        Counts& operator=(const Counts&) = delete;
        ~Counts();

        std::size_t size() const { return length_; }
        std::uint64_t& operator[](std::size_t i) { return data_[i]; }
        std::uint64_t operator[](std::size_t i) const { return data_[i]; }
        void clear(std::size_t used);  // zeroes [0, used)

      private:
        std::uint64_t* data_ = nullptr;
        std::size_t length_ = 0;
    };

    std::size_t used() const { return total_ == 0 ? 0 : maxIndex_ + 1; }

    std::int64_t highest_;
    std::size_t buckets_;
    Counts counts_;
    std::uint64_t total_ = 0;
    std::int64_t min_ = 0;
    std::int64_t max_ = 0;
    std::size_t maxIndex_ = 0;  // highest non-zero index (bounds percentile walks)
    double sum_ = 0;
    double sumSquares_ = 0;
};

}  // namespace loadstar::stats
