#include "engine/report/report_files.h"

#include <sstream>

#include <gtest/gtest.h>

#include "sample_runs.h"
#include "support/temp_dir.h"

namespace loadstar::report {
namespace {

using loadstar::testing::readFile;

TEST(ReportFiles, WritesEveryFormatAndEachReadsBack) {
    const results::RunResult run = loadstar::testing::realRun({"p99 < 10s", "p50 < 1us"});
    loadstar::testing::TempDir dir;
    ReportFiles files;
    files.html = (dir / "r.html").string();
    files.json = (dir / "r.json").string();
    files.csv = (dir / "r.csv").string();
    files.junit = (dir / "r.xml").string();
    files.hdr = (dir / "r.hdr").string();
    const WrittenReports written = writeReports({run}, files);
    EXPECT_TRUE(written.errors.empty());
    EXPECT_EQ(written.files,
              (std::vector<std::string>{*files.html, *files.json, *files.csv,
                                        (dir / "r.endpoints.csv").string(), *files.junit, *files.hdr}));

    // JSON: the RunResult, numbers equal.
    const Json json = Json::parse(readFile(dir / "r.json"));
    EXPECT_EQ(json, run.toJson());
    EXPECT_EQ(json["overall"]["summary"]["requests"].get<std::uint64_t>(), run.overall.requests);
    EXPECT_EQ(json["overall"]["summary"]["latency"]["p99_us"].get<std::int64_t>(), run.overall.latency.p99);
    EXPECT_EQ(json["thresholds"].size(), 2u);

    // HdrHistogram text: the header, one line per reporting level, and the footer figures.
    std::istringstream hdr(readFile(dir / "r.hdr"));
    std::string line;
    std::getline(hdr, line);
    EXPECT_EQ(line, "       Value     Percentile TotalCount 1/(1-Percentile)");
    double lastValue = 0;
    std::uint64_t lastCount = 0;
    std::size_t levels = 0;
    while (std::getline(hdr, line)) {
        if (line.empty() || line.starts_with("#")) continue;
        std::istringstream fields(line);
        double value = 0;
        double percentile = 0;
        std::uint64_t count = 0;
        fields >> value >> percentile >> count;
        EXPECT_GE(value, lastValue);
        EXPECT_GE(count, lastCount);
        lastValue = value;
        lastCount = count;
        ++levels;
    }
    EXPECT_GT(levels, 10u);
    EXPECT_EQ(lastCount, run.overallStats.latency.count());
    char maxLine[96];
    std::snprintf(maxLine, sizeof maxLine, "#[Max     = %12.3f, Total count    = %12llu]",
                  static_cast<double>(run.overallStats.latency.max()) / 1000.0,
                  static_cast<unsigned long long>(run.overallStats.latency.count()));
    EXPECT_NE(readFile(dir / "r.hdr").find(maxLine), std::string::npos) << readFile(dir / "r.hdr");
}

TEST(ReportFiles, AComparisonWritesItsDeltasAndOneHdrFilePerRun) {
    const results::RunResult a = loadstar::testing::syntheticRun(40, 1.0);
    results::RunResult b = loadstar::testing::syntheticRun(40, 0.5);
    b.id = "faster";
    loadstar::testing::TempDir dir;
    ReportFiles files;
    files.json = (dir / "c.json").string();
    files.hdr = (dir / "c.hdr").string();
    const WrittenReports written = writeReports({a, b}, files);
    EXPECT_EQ(written.files, (std::vector<std::string>{*files.json, (dir / "c.A.hdr").string(),
                                                       (dir / "c.B.hdr").string()}));
    const Json json = Json::parse(readFile(dir / "c.json"));
    EXPECT_EQ(json["format"], "loadstar-comparison");
    EXPECT_EQ(json["baseline"], a.id);
    ASSERT_EQ(json["runs"].size(), 2u);
    EXPECT_EQ(json["runs"][1], b.toJson());
    const Json& p99 = json["deltas"][3];
    EXPECT_EQ(p99["metric"], "p99 latency");
    EXPECT_EQ(p99["unit"], "us");
    EXPECT_EQ(p99["values"][0].get<double>(),
              static_cast<double>(a.overallStats.latency.valueAtPercentile(99)));
    EXPECT_EQ(p99["changes"], Json::array({"baseline", "improvement"}));
    EXPECT_NEAR(p99["changes_percent"][1].get<double>(), -50.0, 0.2);
}

TEST(ReportFiles, AFailedWriteIsReportedAndTheOthersAreStillWritten) {
    const results::RunResult run = loadstar::testing::syntheticRun(8);
    loadstar::testing::TempDir dir;
    ReportFiles files;
    files.html = (dir / "missing-dir" / "r.html").string();
    files.junit = (dir / "r.xml").string();
    const WrittenReports written = writeReports({run}, files);
    ASSERT_EQ(written.errors.size(), 1u);
    EXPECT_NE(written.errors[0].find("missing-dir"), std::string::npos) << written.errors[0];
    EXPECT_EQ(written.files, std::vector<std::string>{*files.junit});
}

}  // namespace
}  // namespace loadstar::report
