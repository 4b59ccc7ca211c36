#include "engine/stats/threshold.h"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "engine/model/duration.h"
#include "engine/stats/units.h"

namespace loadstar::stats {

namespace {

class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}

    void skipSpaces() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
    }
    bool done() const { return pos_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    int column() const { return static_cast<int>(pos_) + 1; }
    std::size_t pos() const { return pos_; }
    void advance(std::size_t n) { pos_ += n; }
    std::string_view rest() const { return text_.substr(pos_); }

    // A word of letters, digits, '_', '-', '.'.
    std::string_view word() {
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') break;
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

ThresholdParseError fail(const Cursor& c, std::string message) {
    return ThresholdParseError{c.column(), std::move(message)};
}

bool isLatency(Threshold::Metric m) {
    return m == Threshold::Metric::Percentile || m == Threshold::Metric::Mean ||
           m == Threshold::Metric::Min || m == Threshold::Metric::Max;
}

std::optional<double> parseNumber(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

std::string metricName(const Threshold& t) {
    switch (t.metric) {
        case Threshold::Metric::Percentile: {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "p%g", t.percentile);
            return buffer;
        }
        case Threshold::Metric::Mean:
            return "avg";
        case Threshold::Metric::Min:
            return "min";
        case Threshold::Metric::Max:
            return "max";
        case Threshold::Metric::ErrorRate:
            return "error_rate";
        case Threshold::Metric::Rps:
            return "rps";
        case Threshold::Metric::Requests:
            return "requests";
        case Threshold::Metric::Errors:
            return "errors";
    }
    return "?";
}

}  // namespace

std::string ThresholdParseError::toString() const {
    return "column " + std::to_string(column) + ": " + message;
}

std::variant<Threshold, ThresholdParseError> parseThreshold(std::string_view text) {
    Threshold t;
    t.text = std::string(text);
    Cursor c(text);
    c.skipSpaces();
    if (c.done()) return fail(c, "empty threshold; expected e.g. \"p95 < 200ms\"");

    // Either "ENDPOINT:" or the metric itself.
    int metricColumn = c.column();
    std::string_view metric = c.word();
    c.skipSpaces();
    if (c.peek() == ':') {
        if (metric.empty()) return fail(c, "expected an endpoint id before ':'");
        t.endpoint = std::string(metric);
        c.advance(1);
        c.skipSpaces();
        metricColumn = c.column();
        metric = c.word();
        c.skipSpaces();
    }
    if (metric.empty())
        return ThresholdParseError{metricColumn, "expected a metric (p95, avg, max, error_rate, rps, ...)"};

    if (metric == "avg" || metric == "mean") {
        t.metric = Threshold::Metric::Mean;
    } else if (metric == "med") {
        t.metric = Threshold::Metric::Percentile;
        t.percentile = 50;
    } else if (metric == "min") {
        t.metric = Threshold::Metric::Min;
    } else if (metric == "max") {
        t.metric = Threshold::Metric::Max;
    } else if (metric == "error_rate") {
        t.metric = Threshold::Metric::ErrorRate;
    } else if (metric == "rps") {
        t.metric = Threshold::Metric::Rps;
    } else if (metric == "requests") {
        t.metric = Threshold::Metric::Requests;
    } else if (metric == "errors") {
        t.metric = Threshold::Metric::Errors;
    } else if (metric.size() > 1 && metric.front() == 'p') {
        const std::optional<double> p = parseNumber(metric.substr(1));
        if (!p || *p <= 0 || *p > 100) {
            return ThresholdParseError{metricColumn + 1,
                                       "a percentile must be a number above 0 and at most 100"};
        }
        t.metric = Threshold::Metric::Percentile;
        t.percentile = *p;
    } else {
        return ThresholdParseError{metricColumn,
                                   "unknown metric \"" + std::string(metric) +
                                       "\"; expected p50..p99.9, med, avg, min, max, error_rate, "
                                       "rps, requests or errors"};
    }

    const std::string_view rest = c.rest();
    if (rest.starts_with("<=")) {
        t.op = Threshold::Op::LessOrEqual;
        c.advance(2);
    } else if (rest.starts_with(">=")) {
        t.op = Threshold::Op::GreaterOrEqual;
        c.advance(2);
    } else if (rest.starts_with("<")) {
        t.op = Threshold::Op::Less;
        c.advance(1);
    } else if (rest.starts_with(">")) {
        t.op = Threshold::Op::Greater;
        c.advance(1);
    } else {
        return fail(c, "expected one of < <= > >=");
    }
    c.skipSpaces();
    const int valueColumn = c.column();
    std::string_view value = c.rest();
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
        value.remove_suffix(1);
    if (value.empty()) return fail(c, "expected a value after the comparison");

    if (isLatency(t.metric)) {
        const std::optional<model::Duration> d = model::parseDuration(value);
        if (!d) return ThresholdParseError{valueColumn, "expected a duration such as 200ms, 1.5s or 250us"};
        t.value = static_cast<double>(d->count());
    } else if (t.metric == Threshold::Metric::ErrorRate) {
        const bool percent = value.back() == '%';
        if (percent) value.remove_suffix(1);
        const std::optional<double> v = parseNumber(value);
        if (!v || (percent ? *v > 100 : *v > 1)) {
            return ThresholdParseError{valueColumn, "expected a rate such as 1% or 0.01"};
        }
        t.value = percent ? *v / 100 : *v;
    } else {
        const std::optional<double> v = parseNumber(value);
        if (!v) return ThresholdParseError{valueColumn, "expected a non-negative number"};
        t.value = *v;
    }
    return t;
}

ThresholdResult evaluate(const Threshold& t,
                         const std::function<const RequestStats*(std::string_view)>& stats, double seconds) {
    ThresholdResult r;
    r.text = t.text;
    const RequestStats* s = stats(t.endpoint);
    if (s == nullptr) {
        r.measuredText = "no endpoint \"" + t.endpoint + "\" in this run";
        r.standing = ThresholdResult::Standing::Invalid;
        return r;
    }
    if (s->requests() == 0) r.standing = ThresholdResult::Standing::NoData;
    const double requests = static_cast<double>(s->requests());
    switch (t.metric) {
        case Threshold::Metric::Percentile:
            r.measured = static_cast<double>(s->latency.valueAtPercentile(t.percentile));
            break;
        case Threshold::Metric::Mean:
            r.measured = s->latency.mean();
            break;
        case Threshold::Metric::Min:
            r.measured = static_cast<double>(s->latency.min());
            break;
        case Threshold::Metric::Max:
            r.measured = static_cast<double>(s->latency.max());
            break;
        case Threshold::Metric::ErrorRate:
            r.measured = requests > 0 ? static_cast<double>(s->errorCount()) / requests : 0;
            break;
        case Threshold::Metric::Rps:
            r.measured = seconds > 0 ? requests / seconds : 0;
            break;
        case Threshold::Metric::Requests:
            r.measured = requests;
            break;
        case Threshold::Metric::Errors:
            r.measured = static_cast<double>(s->errorCount());
            break;
    }
    switch (t.op) {
        case Threshold::Op::Less:
            r.passed = r.measured < t.value;
            break;
        case Threshold::Op::LessOrEqual:
            r.passed = r.measured <= t.value;
            break;
        case Threshold::Op::Greater:
            r.passed = r.measured > t.value;
            break;
        case Threshold::Op::GreaterOrEqual:
            r.passed = r.measured >= t.value;
            break;
    }
    // A latency threshold over no requests proves nothing: fail it.
    if (isLatency(t.metric) && s->latency.count() == 0) r.passed = false;

    std::string value;
    char buffer[64];
    if (isLatency(t.metric)) {
        value = formatLatency(r.measured);
    } else if (t.metric == Threshold::Metric::ErrorRate) {
        std::snprintf(buffer, sizeof buffer, "%.2f%%", r.measured * 100);
        value = buffer;
    } else if (t.metric == Threshold::Metric::Rps) {
        std::snprintf(buffer, sizeof buffer, "%.1f", r.measured);
        value = buffer;
    } else {
        std::snprintf(buffer, sizeof buffer, "%.0f", r.measured);
        value = buffer;
    }
    r.measuredText = (t.endpoint.empty() ? "" : t.endpoint + ": ") + metricName(t) + " = " + value;
    return r;
}

std::vector<ThresholdResult> judge(const std::vector<std::string>& thresholds,
                                   const std::function<const RequestStats*(std::string_view)>& stats,
                                   double seconds) {
    std::vector<ThresholdResult> results;
    results.reserve(thresholds.size());
    for (const std::string& text : thresholds) {
        auto parsed = parseThreshold(text);
        if (const auto* error = std::get_if<ThresholdParseError>(&parsed)) {
            ThresholdResult invalid;
            invalid.text = text;
            invalid.measuredText = "invalid threshold: " + error->toString();
            invalid.standing = ThresholdResult::Standing::Invalid;
            results.push_back(std::move(invalid));
        } else {
            results.push_back(evaluate(std::get<Threshold>(parsed), stats, seconds));
        }
    }
    return results;
}

}  // namespace loadstar::stats
