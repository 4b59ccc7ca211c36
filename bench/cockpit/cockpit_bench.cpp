// Measures the load cockpit: cold start to a usable window, the dashboard's
// refresh rate and the event-loop delay while the engine drives the embedded
// server, and zoom/pan on an hour-long series. Driven by bench/cockpit/run.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/cockpit/time_series_chart.h"
#include "widgets/window/main_window.h"

namespace {

using loadstar::widgets::MainWindow;

const auto processStart = std::chrono::steady_clock::now();

double msSinceStart() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - processStart).count();
}

QString sample() {
    return QDir(QStringLiteral(LOADSTAR_SOURCE_DIR))
        .filePath(QStringLiteral("projects/benchmark-plan.loadstar.json"));
}

// Runs the event loop as the workbench does (blocked in poll() between events)
// until `done` or `ms` pass. Checked every 20 ms: a loop that called
// processEvents() back to back would keep the GUI thread busy and take a core
// from the engine and the server the workbench never takes.
template <typename Predicate>
bool spinUntil(Predicate done, int ms) {
    QEventLoop loop;
    QTimer check;
    check.setInterval(20);
    QDeadlineTimer deadline(ms);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired()) loop.quit();
    });
    check.start();
    if (!done()) loop.exec();
    return done();
}

MainWindow::Options isolated(const QTemporaryDir& scratch, const QString& server) {
    MainWindow::Options o;
    o.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
    o.recoveryDir = scratch.filePath(QStringLiteral("recovery"));
    o.serverBinary = server;
    return o;
}

// From main() to a window that shows the project and has drawn it once.
int coldStart(const QString& server) {
    QTemporaryDir scratch;
    MainWindow window(isolated(scratch, server));
    window.show();
    if (!window.openFile(sample())) return 2;
    QEventLoop loop;
    QTimer::singleShot(0, &window, [&] {
        window.repaint();
        loop.quit();
    });
    loop.exec();
    // The wall clock too: run.sh takes the time from before the launch (dynamic
    // loading included) to this moment; tearing the window down is not a start.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    std::printf("usable_ms %.1f\nusable_at_ns %lld\n", msSinceStart(),
                static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
    std::fflush(stdout);
    return 0;
}

// CPU time of the calling thread (user and system), in ms.
double threadCpuMs() {
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size())))];
}

// Runs `scenario` for `seconds` with `vus` users on `threads` engine threads,
// probing the event loop every 10 ms.
int dashboard(const QString& server, const std::string& scenario, int seconds, int vus, int threads) {
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(QStringLiteral("plan.loadstar.json"));
    QFile::copy(sample(), copy);
    MainWindow window(isolated(scratch, server));
    window.resize(1360, 860);
    window.show();
    if (!window.openFile(copy)) return 2;
    const auto& all = window.document()->project().scenarios;
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.name == scenario; });
    if (found == all.end()) return 2;
    const int index = static_cast<int>(found - all.begin());
    window.document()->edit(
        [&](loadstar::model::Project& p) {
            auto& s = p.scenarios[static_cast<std::size_t>(index)];
            s.warmup = std::chrono::seconds(1);
            s.duration = std::chrono::seconds(seconds + 1);
            s.vus = vus;
            s.threads = threads;
        },
        QStringLiteral("bench"));
    auto* runs = window.runController();
    auto* latency = window.dashboard()->latencyChart();
    // Rates over the engine's own clock, from the first snapshot the GUI took to the
    // last before the run finished: a snapshot the GUI missed lowers them, the
    // server's start and the storing of the result do not.
    int snapshots = 0;
    int taken = 0;  // every snapshot, for the GUI's CPU per snapshot
    double firstAt = -1;
    double lastAt = -1;
    int redrawsAtFirst = 0;
    int redrawsAtLast = 0;
    QObject::connect(runs, &loadstar::widgets::RunController::snapshotTaken,
                     [&](const std::shared_ptr<const loadstar::load::Snapshot>& s) {
                         ++taken;
                         if (s->phase == loadstar::load::Snapshot::Phase::Finished || s->tickCount() == 0)
                             return;
                         if (firstAt < 0) {
                             firstAt = s->elapsed;
                             redrawsAtFirst = latency->redrawCount();
                         } else {
                             ++snapshots;
                             lastAt = s->elapsed;
                             // Taken before this snapshot's own redraw: the earlier snapshots'.
                             redrawsAtLast = latency->redrawCount();
                         }
                     });
    std::shared_ptr<const loadstar::results::RunResult> result;
    bool seriesComplete = false;  // what the GUI accumulated is the result's series, tick for tick
    QObject::connect(
        runs, &loadstar::widgets::RunController::finished,
        [&](std::shared_ptr<const loadstar::results::RunResult> r, const QString&, const QString&) {
            result = std::move(r);
            seriesComplete = runs->series() == result->series;
        });
    if (!window.runScenario(index)) return 2;
    if (!spinUntil([&] { return runs->state() == loadstar::widgets::RunController::State::Running; }, 30000))
        return 2;
    std::vector<double> delays;
    QElapsedTimer clock;
    clock.start();
    double last = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        delays.push_back(std::max(0.0, now - last - 10));
        last = now;
    });
    probe.start();
    const double guiCpuBefore = threadCpuMs();
    // To look at the dashboard mid-run: LOADSTAR_DASHBOARD_PNG=file (the grab delays
    // the event loop once, so leave it unset when measuring).
    const QString picture = qEnvironmentVariable("LOADSTAR_DASHBOARD_PNG");
    if (!picture.isEmpty()) {
        QTimer::singleShot(seconds * 600, &window, [&window, picture] { window.grab().save(picture); });
    }
    spinUntil([&] { return result != nullptr; }, (seconds + 60) * 1000);
    const double elapsed = static_cast<double>(clock.elapsed()) / 1000.0;
    const double guiCpu = threadCpuMs() - guiCpuBefore;
    probe.stop();
    if (!result) return 2;
    std::printf("requests_per_second %.0f\n", result->overall.rps);
    std::printf("errors %llu\n", static_cast<unsigned long long>(result->overall.errors));
    const double span = lastAt - firstAt;
    std::printf("snapshots_per_second %.2f\n", span > 0 ? snapshots / span : 0.0);
    std::printf("chart_redraws_per_second %.2f\n", span > 0 ? (redrawsAtLast - redrawsAtFirst) / span : 0.0);
    std::printf("run_seconds %.2f\n", elapsed);
    std::printf("gui_series_complete %s (%zu ticks)\n", seriesComplete ? "yes" : "NO", result->series.size());
    // What the GUI thread itself spent, whatever else the machine was doing: the
    // event-loop delay adds the waits for a core on a busy machine.
    std::printf("gui_thread_cpu_percent %.1f\n", guiCpu / (elapsed * 10));
    std::printf("gui_cpu_ms_per_snapshot %.2f\n", taken > 0 ? guiCpu / taken : 0.0);
    std::printf("event_loop_delay_p50_ms %.2f\n", percentile(delays, 50));
    std::printf("event_loop_delay_p99_ms %.2f\n", percentile(delays, 99));
    std::printf("event_loop_delay_max_ms %.2f\n", percentile(delays, 100));
    std::printf("probes %zu\n", delays.size());
    return 0;
}

// Eight lines of an hour at 250 ms (14,400 points each): zoom and pan, each
// followed by a synchronous repaint.
int zoomPan() {
    loadstar::widgets::TimeSeriesChart chart(QStringLiteral("Latency"), QStringLiteral("ms"));
    chart.resize(900, 340);
    chart.show();
    std::mt19937 random(7);
    std::uniform_real_distribution<double> noise(0, 1);
    for (int line = 0; line < 8; ++line) {
        const int id = chart.addLine(QStringLiteral("line %1").arg(line), line);
        std::vector<QPointF> points;
        for (int i = 0; i < 14400; ++i)
            points.emplace_back(i * 0.25, (line + 1) * 5.0 + noise(random) * 10.0);
        chart.append(id, points);
    }
    chart.redraw();
    chart.repaint();
    const auto timeIt = [&](auto step, int n) {
        std::vector<double> ms;
        for (int i = 0; i < n; ++i) {
            QElapsedTimer t;
            t.start();
            step(i);
            chart.repaint();
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        return std::pair{percentile(ms, 50), percentile(ms, 100)};
    };
    const auto zoom = timeIt(
        [&](int i) {
            const double from = (i * 61) % 3000;
            chart.zoomToSeconds(from, from + 60 + (i % 7) * 100);
        },
        40);
    const auto pan = timeIt([&](int i) { chart.pan(i % 2 == 0 ? 30 : -20); }, 40);
    const auto whole = timeIt([&](int) { chart.follow(); }, 20);
    std::printf("zoom_ms_median %.2f\nzoom_ms_max %.2f\n", zoom.first, zoom.second);
    std::printf("pan_ms_median %.2f\npan_ms_max %.2f\n", pan.first, pan.second);
    std::printf("whole_hour_ms_median %.2f\nwhole_hour_ms_max %.2f\n", whole.first, whole.second);
    std::printf("drawn_points_per_line %lld\n", static_cast<long long>(chart.drawnPoints(0)));
    return 0;
}

// The cost of one new tick at the end of an hour-long run (8 lines of 18,000
// points at 200 ms): appended and redrawn, then repainted, while the chart follows
// the run (only the newest column reworked) against the same view decimated afresh
// from every point (what each redraw cost before the live columns).
int liveHour() {
    loadstar::widgets::TimeSeriesChart chart(QStringLiteral("Latency"), QStringLiteral("ms"));
    chart.resize(900, 340);
    chart.show();
    chart.setPlannedSeconds(3600);
    std::mt19937 random(7);
    std::uniform_real_distribution<double> noise(0, 1);
    const int ticks = 18000;
    const int ahead = 40;  // ticks kept back, to be added one at a time
    std::vector<std::vector<QPointF>> lines(8);
    for (int line = 0; line < 8; ++line) {
        const int id = chart.addLine(QStringLiteral("line %1").arg(line), line);
        for (int i = 0; i < ticks; ++i)
            lines[static_cast<std::size_t>(line)].emplace_back((i + 1) * 0.2,
                                                               (line + 1) * 5.0 + noise(random) * 10.0);
        chart.append(id, std::vector<QPointF>(lines[static_cast<std::size_t>(line)].begin(),
                                              lines[static_cast<std::size_t>(line)].end() - ahead));
    }
    chart.redraw();
    chart.repaint();
    int next = ticks - ahead;
    const auto oneTick = [&] {
        QElapsedTimer t;
        t.start();
        for (int line = 0; line < 8; ++line)
            chart.append(line, {lines[static_cast<std::size_t>(line)][static_cast<std::size_t>(next)]});
        ++next;
        chart.redraw();
        const double redrawn = static_cast<double>(t.nsecsElapsed()) / 1e6;
        chart.repaint();
        return std::pair{redrawn, static_cast<double>(t.nsecsElapsed()) / 1e6};
    };
    const auto measure = [&](int n) {
        std::vector<double> redraw;
        std::vector<double> total;
        for (int i = 0; i < n; ++i) {
            const auto [r, all] = oneTick();
            redraw.push_back(r);
            total.push_back(all);
        }
        return std::pair{percentile(redraw, 50), percentile(total, 50)};
    };
    const auto following = measure(ahead / 2);
    chart.zoomToSeconds(0, 3600);  // the same view, no longer followed: decimated afresh
    const auto afresh = measure(ahead / 2);
    std::printf("live_tick_redraw_ms_following %.3f\nlive_tick_with_repaint_ms_following %.2f\n",
                following.first, following.second);
    std::printf(
        "live_tick_redraw_ms_decimated_afresh %.3f\nlive_tick_with_repaint_ms_decimated_afresh %.2f\n",
        afresh.first, afresh.second);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const QString mode = args.value(1);
    const QString server = args.value(2);
    if (mode == QLatin1String("cold-start")) return coldStart(server);
    if (mode == QLatin1String("dashboard")) {
        return dashboard(server, args.value(3, QStringLiteral("micro-c200")).toStdString(),
                         args.value(4, QStringLiteral("10")).toInt(),
                         args.value(5, QStringLiteral("200")).toInt(),
                         args.value(6, QStringLiteral("2")).toInt());
    }
    if (mode == QLatin1String("zoom-pan")) return zoomPan();
    if (mode == QLatin1String("live-hour")) return liveHour();
    std::fprintf(
        stderr,
        "usage: cockpit_bench cold-start LOADSTAR | dashboard LOADSTAR [SCENARIO SECONDS VUS THREADS] | "
        "zoom-pan | live-hour\n");
    return 2;
}
