#include "widgets/runs/report_pdf.h"

#include <QByteArray>
#include <QFile>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include "engine/load/runner.h"
#include "engine/load/scenario_plan.h"
#include "engine/model/project_file.h"
#include "engine/report/junit_export.h"
#include "engine/report/report_charts.h"
#include "engine/server/server.h"
#include "engine/stats/units.h"

namespace loadstar::widgets {
namespace {

using namespace std::chrono_literals;

// A real run: the benchmark plan's design served in-process on port 0, driven by
// a closed loop over its "hello" and "echo" endpoints, with thresholds of which
// one cannot be met and one does not parse.
results::RunResult realRun() {
    auto loaded = model::loadProject(std::filesystem::path(LOADSTAR_SOURCE_DIR) /
                                     "projects/benchmark-plan.loadstar.json");
    EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
    auto project = std::make_shared<model::Project>(std::get<model::Project>(std::move(loaded)));
    project->server.port = 0;
    server::Server server(project, server::projectSchemaServices(project));
    const auto started = server.start();
    EXPECT_TRUE(std::holds_alternative<server::Started>(started));
    const int port = std::get<server::Started>(started).port;

    model::Scenario scenario;
    scenario.name = "pdf smoke";
    scenario.target.kind = model::Target::Kind::Url;
    scenario.target.url = "http://127.0.0.1:" + std::to_string(port);
    scenario.vus = 4;
    scenario.mix = {{"hello", 3}, {"echo", 1}};
    scenario.thresholds = {"p99 < 10s", "p50 < 1us", "p99 <"};
    const auto url = std::get<model::TargetUrl>(model::parseTargetUrl(scenario.target.url));
    auto plan = load::buildRequestPlan(*project, scenario, url);
    EXPECT_TRUE(std::holds_alternative<load::RequestPlan>(plan));
    load::LoadOptions o;
    o.url = url;
    o.profile = load::LoadProfile::constant(scenario.vus, 10s);
    o.maxRequests = 400;
    o.tick = 50ms;
    o.targetPid = ::getpid();
    load::Runner runner(o, std::get<load::RequestPlan>(std::move(plan)));
    EXPECT_EQ(runner.start(), std::nullopt);
    const load::RunOutput& output = runner.wait();
    server.stop();
    return load::makeRunResult(output, scenario, scenario.thresholds);
}

const results::RunResult& sharedRun() {
    static const results::RunResult run = realRun();
    return run;
}

int pdfPages(const QByteArray& pdf) {
    // Page objects are "/Type /Page" (the tree's root is "/Type /Pages").
    return static_cast<int>(QString::fromLatin1(pdf).count(QRegularExpression("/Type\\s*/Page[^s]")));
}

TEST(ReportPdf, ASingleRunReportIsAMultiPagePdf) {
    const results::RunResult& run = sharedRun();
    ASSERT_EQ(run.overall.requests, 400u);
    QTemporaryDir dir;
    const QString path = dir.filePath("report.pdf");
    EXPECT_EQ(writeReportPdf({run}, path, "Benchmark plan"), std::nullopt);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    EXPECT_TRUE(pdf.startsWith("%PDF-"));
    EXPECT_GT(pdfPages(pdf), 2) << "header, tables and six charts do not fit one page";
    EXPECT_GT(pdf.size(), 50'000) << "the charts are in it";
}

TEST(ReportPdf, AComparisonIsWrittenTooAndAnUnwritablePathIsAnError) {
    const results::RunResult& run = sharedRun();
    QTemporaryDir dir;
    EXPECT_EQ(writeReportPdf({run, run}, dir.filePath("comparison.pdf")), std::nullopt);
    QFile file(dir.filePath("comparison.pdf"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_GT(pdfPages(file.readAll()), 2);
    const auto error = writeReportPdf({run}, dir.filePath("missing/report.pdf"));
    ASSERT_TRUE(error.has_value());
    EXPECT_TRUE(error->contains("missing/report.pdf")) << error->toStdString();
    EXPECT_EQ(writeReportPdf({}, dir.filePath("none.pdf")), QString("no runs to report"));
}

TEST(ReportCharts, EveryChartIsWellFormedSvgThatQtCanRender) {
    const results::RunResult& run = sharedRun();
    for (const auto& runs :
         {std::vector<results::RunResult>{run}, std::vector<results::RunResult>{run, run}}) {
        const auto charts = report::reportCharts(runs);
        ASSERT_EQ(charts.size(), 6u);
        for (const report::ReportChart& chart : charts) {
            QXmlStreamReader xml(QByteArray::fromStdString(chart.svg));
            int texts = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QStringLiteral("text"))
                    ++texts;
            }
            EXPECT_FALSE(xml.hasError()) << chart.key << ": " << xml.errorString().toStdString();
            EXPECT_GT(texts, 6) << chart.key << ": axis labels and legend";
            QSvgRenderer renderer(QByteArray::fromStdString(chart.svg));
            EXPECT_TRUE(renderer.isValid()) << chart.key;
            EXPECT_EQ(renderer.defaultSize(), QSize(chart.width, chart.height));
        }
    }
}

struct Suite {
    QString name;
    int tests = -1;
    int failures = -1;
    int errors = -1;
    int testcases = 0;
    int failureElements = 0;
    int errorElements = 0;
    QStringList failureMessages;
};

TEST(JunitReport, ParsesAsJUnitWithOneTestcasePerThreshold) {
    const results::RunResult& run = sharedRun();
    const std::string text = report::junitReport({run, run});
    QXmlStreamReader xml(QByteArray::fromStdString(text));
    std::vector<Suite> suites;
    int totalTests = -1;
    int totalFailures = -1;
    int totalErrors = -1;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto a = xml.attributes();
        if (xml.name() == QStringLiteral("testsuites")) {
            totalTests = a.value("tests").toInt();
            totalFailures = a.value("failures").toInt();
            totalErrors = a.value("errors").toInt();
        } else if (xml.name() == QStringLiteral("testsuite")) {
            Suite suite;
            suite.name = a.value("name").toString();
            suite.tests = a.value("tests").toInt();
            suite.failures = a.value("failures").toInt();
            suite.errors = a.value("errors").toInt();
            suites.push_back(suite);
        } else if (xml.name() == QStringLiteral("testcase")) {
            ++suites.back().testcases;
        } else if (xml.name() == QStringLiteral("failure")) {
            ++suites.back().failureElements;
            suites.back().failureMessages << a.value("message").toString();
        } else if (xml.name() == QStringLiteral("error")) {
            ++suites.back().errorElements;
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(totalTests, 6);
    EXPECT_EQ(totalFailures, 2);
    EXPECT_EQ(totalErrors, 2);
    ASSERT_EQ(suites.size(), 2u);
    for (const Suite& s : suites) {
        EXPECT_EQ(s.name.toStdString(), "pdf smoke (" + run.id + ")");
        EXPECT_EQ(s.tests, 3);
        EXPECT_EQ(s.testcases, 3);
        EXPECT_EQ(s.failures, 1);
        EXPECT_EQ(s.failureElements, 1);
        EXPECT_EQ(s.errors, 1);
        EXPECT_EQ(s.errorElements, 1);
        ASSERT_EQ(s.failureMessages.size(), 1);
        EXPECT_EQ(
            s.failureMessages.front().toStdString(),
            "measured " +
                stats::formatLatency(static_cast<double>(run.overallStats.latency.valueAtPercentile(50))) +
                ", limit < 1us");
    }
}

}  // namespace
}  // namespace loadstar::widgets
