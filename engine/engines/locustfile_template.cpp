#include "engine/engines/locustfile_template.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engines/python_text.h"

namespace loadstar::engines {

namespace {

// The locustfile, with @NAME@ where the scenario's values go. Written for the
// person who opens it: every constant says what it is, the rest is plain Locust.
constexpr std::string_view kHead =
    R"py("""Locust test for the scenario @SCENARIO@ of the project @PROJECT@, exported by Loadstar.

@LOAD@

On this machine (the target's base URL with --host):
    locust -f locustfile.py --headless --host http://127.0.0.1:8000 --csv results --csv-full-history

On several machines: a master where the results are collected,
    locust -f locustfile.py --headless --master --expect-workers 4 --host URL --csv results --csv-full-history
and on each load machine a worker (copy this file and @DATA@ there first):
    locust -f locustfile.py --worker --master-host MASTER_ADDRESS

Back into Loadstar's run history:
    loadstar import-results results_stats.csv results_stats_history.csv --project PROJECT

The thresholds are checked when Locust quits: exit status 0 when all pass, 1 when one
fails. Locust rounds response times before it computes percentiles (to 1 ms below
100 ms, 10 ms below 1 s, 100 ms below 10 s, 1 s above); its percentiles carry that rounding.
"""
import json
import operator
import os
import random
import time

import locust.runners
import locust.stats
from locust import LoadTestShape, constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.runners import WorkerRunner

# The --csv files are rewritten every second; flush them as often (Locust's default
# is every 10 s), so that a follower such as Loadstar's dashboard sees each second.
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1
# Workers report to the master every second (Locust's default: every 3 s).
locust.runners.WORKER_REPORT_INTERVAL = 1
# Debian's python3-locust 2.12.1 reports an empty version, which its master takes
# for a pre-2.0 worker and refuses; name one, so that its workers can join.
if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1"

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), @DATA@), encoding="utf-8") as data_file:
    ENDPOINTS = {endpoint["id"]: endpoint for endpoint in json.load(data_file)["endpoints"]}

# Sent with every request; each replaces a sample's own header of the same name.
HEADERS = @HEADERS@
HEADER_NAMES = {name.lower() for name in HEADERS}
# The share of requests sent invalid on purpose (each breaks one constraint of the
# design); a 4xx answer to them is the expected one, not an error.
INVALID_SHARE = @INVALID_SHARE@
TIMEOUT_SECONDS = @TIMEOUT@
THINK_TIME_SECONDS = @THINK_TIME@

# The load over time: (length in seconds, level at its start, level at its end),
# each segment ramping linearly; the level is in @LEVEL_UNIT@.
WARMUP_SECONDS = @WARMUP@
PROFILE = [
@PROFILE@]
TOTAL_SECONDS = sum(length for length, _, _ in PROFILE)
)py";

constexpr std::string_view kPacing = R"py(
# The scenario asks for an arrival rate, but Locust is closed-loop: a user sends
# its next request only after the previous one has been answered. The rate is
# paced over PACED_USERS users, each starting a request every PACED_USERS / rate
# seconds. When answers take longer than that, the user falls behind and the rate
# drops below the target: the requests that should have been sent meanwhile are
# never sent, so their waiting is in no latency (coordinated omission). Loadstar's
# own engine measures from each request's intended start instead. Sends that start
# late are counted and reported when the test ends. Each user plans its next send
# when it sends, so a rising rate is followed one interval late.
PACED_USERS = @PACED_USERS@
)py";

constexpr std::string_view kThresholds = R"py(
# Checked when Locust quits: (as written, endpoint id or None for all, metric,
# operator, limit); latencies in milliseconds, error_rate as a fraction.
THRESHOLDS = [
@THRESHOLDS@]
OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}

RUN = {"measuring": WARMUP_SECONDS <= 0, "completed": False, "started": time.monotonic(), "late_sends": 0}


def level_at(seconds):
    """The profile's level `seconds` after the start."""
    start = 0.0
    for length, level_from, level_to in PROFILE:
        if seconds < start + length:
            return level_from + (level_to - level_from) * ((seconds - start) / length if length > 0 else 1.0)
        start += length
    return PROFILE[-1][2]


class Outcomes:
    """Status codes and error classes per endpoint, which Locust's statistics do not
    keep: counted where requests are sent, shipped from the workers to the master
    with their statistics, and written with --loadstar-summary."""

    def __init__(self):
        self.counts = {}

    def record(self, endpoint_id, status, outcome):
        entry = self.counts.setdefault(endpoint_id, {"status": {}, "outcomes": {}})
        if status:
            entry["status"][str(status)] = entry["status"].get(str(status), 0) + 1
        entry["outcomes"][outcome] = entry["outcomes"].get(outcome, 0) + 1

    def take(self):
        counts, self.counts = self.counts, {}
        return counts

    def merge(self, counts):
        for endpoint_id, theirs in counts.items():
            entry = self.counts.setdefault(endpoint_id, {"status": {}, "outcomes": {}})
            for kind in ("status", "outcomes"):
                for key, n in theirs[kind].items():
                    entry[kind][key] = entry[kind].get(key, 0) + n


OUTCOMES = Outcomes()


def error_class(error):
    """Why a request got no answer, in Loadstar's error classes."""
    name = type(error).__name__.lower()
    if "timeout" in name:
        return "timeout"
    if any(word in name for word in ("reset", "broken", "aborted", "disconnected", "eof")):
        return "read"
    if any(word in name for word in ("refused", "gaierror", "unreachable", "ssl", "connect")):
        return "connect"
    return "protocol"


def outcome_of(response, invalid):
    status = response.status_code
    if not status:
        return error_class(response.error)
    if invalid and 400 <= status < 500:
        return "expected_rejection"
    if status == 422:
        return "status_422"
    if 400 <= status < 500:
        return "status_4xx"
    if status >= 500:
        return "status_5xx"
    return "ok"
)py";

constexpr std::string_view kUser = R"py(

class ScenarioUser(FastHttpUser):
    """A virtual user of the scenario: picks an endpoint by weight and sends one of
    its requests."""

    @WAIT_TIME@
    network_timeout = TIMEOUT_SECONDS
    connection_timeout = TIMEOUT_SECONDS
    insecure = @INSECURE@
@HOST@@ON_START@@TASKS@
    def send(self, endpoint_id):
        endpoint = ENDPOINTS[endpoint_id]
        invalid = bool(endpoint["invalid"]) and random.random() < INVALID_SHARE
        sample = random.choice(endpoint["invalid"] if invalid else endpoint["valid"])
        headers = {name: value for name, value in sample["headers"].items() if name.lower() not in HEADER_NAMES}
        headers.update(HEADERS)
        if sample["body"] is not None and not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = "application/json"
        with self.client.request(
            endpoint["method"],
            sample["target"],
            name=endpoint_id,
            data=sample["body"],
            headers=headers,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            outcome = outcome_of(response, invalid)
            OUTCOMES.record(endpoint_id, response.status_code, outcome)
            if outcome in ("ok", "expected_rejection"):
                response.success()
            elif response.status_code:
                response.failure(f"HTTP {response.status_code} ({outcome})")
            else:
                response.failure(f"{outcome}: {response.error}")
)py";

constexpr std::string_view kPacedWait = R"py(
def paced(user):
    """wait_time for the arrival rate: each user starts a request every
    PACED_USERS / rate seconds, on its own schedule; a user that is late sends at
    once and the send is counted as late (it does not catch up)."""
    now = time.monotonic()
    rate = level_at(now - RUN["started"])
    interval = PACED_USERS / rate if rate > 0 else 1.0
    user.next_send = getattr(user, "next_send", now) + interval
    if user.next_send < now:
        RUN["late_sends"] += 1
        user.next_send = now
    return user.next_send - now
)py";

constexpr std::string_view kPacedStart = R"py(
    def on_start(self):
        """Starts the user's schedule at a random point of its first interval, so
        that the users do not all send at once."""
        rate = level_at(time.monotonic() - RUN["started"])
        time.sleep(random.uniform(0, PACED_USERS / rate if rate > 0 else 1.0))
)py";

constexpr std::string_view kShape = R"py(

class ScenarioShape(LoadTestShape):
    """The scenario's warm-up and stages. Runs on the master (or the only process);
    the statistics are reset when the warm-up ends, so they hold the measured part."""

    def tick(self):
        seconds = self.get_run_time()
        if seconds >= TOTAL_SECONDS:
            RUN["completed"] = True
            return None
        if not RUN["measuring"] and seconds >= WARMUP_SECONDS:
            self.runner.stats.reset_all()
            OUTCOMES.take()
            RUN["measuring"] = True
@SHAPE_USERS@

@events.init_command_line_parser.add_listener
def add_arguments(parser):
    parser.add_argument(
        "--loadstar-summary",
        default="",
        help="When Locust quits, write the run's histograms, status codes and threshold verdicts to this JSON file",
    )


@events.test_start.add_listener
def on_test_start(environment, **kwargs):
    RUN["started"] = time.monotonic()


@events.report_to_master.add_listener
def send_outcomes(client_id, data, **kwargs):
    data["loadstar_outcomes"] = OUTCOMES.take()


@events.worker_report.add_listener
def receive_outcomes(client_id, data, **kwargs):
    OUTCOMES.merge(data.get("loadstar_outcomes", {}))


@events.report_to_master.add_listener
def send_late_sends(client_id, data, **kwargs):
    data["loadstar_late_sends"], RUN["late_sends"] = RUN["late_sends"], 0


@events.worker_report.add_listener
def receive_late_sends(client_id, data, **kwargs):
    RUN["late_sends"] += data.get("loadstar_late_sends", 0)


def measured(stats, endpoint_id, metric):
    """A threshold's metric in Locust's statistics, or None without requests."""
    entry = stats.total if endpoint_id is None else stats.entries.get((endpoint_id, ENDPOINTS[endpoint_id]["method"]))
    if entry is None or entry.num_requests == 0:
        return None
    if metric.startswith("p"):
        return entry.get_response_time_percentile(float(metric[1:]) / 100)
    return {
        "avg": lambda: entry.avg_response_time,
        "min": lambda: entry.min_response_time,
        "max": lambda: entry.max_response_time,
        "error_rate": lambda: entry.fail_ratio,
        "rps": lambda: entry.total_rps,
        "requests": lambda: entry.num_requests,
        "errors": lambda: entry.num_failures,
    }[metric]()


def entry_summary(entry, counts):
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "response_times_ms": {str(key): n for key, n in entry.response_times.items()},
        "total_response_time_ms": entry.total_response_time,
        "min_ms": entry.min_response_time or 0,
        "max_ms": entry.max_response_time,
        "content_bytes": entry.total_content_length,
        "status_counts": counts.get("status", {}),
        "outcomes": counts.get("outcomes", {}),
    }


@events.quitting.add_listener
def check_thresholds(environment, **kwargs):
    if isinstance(environment.runner, WorkerRunner):
        return
    stats = environment.stats
    verdicts = []
    for text, endpoint_id, metric, op, limit in THRESHOLDS:
        value = measured(stats, endpoint_id, metric)
        passed = value is not None and OPERATORS[op](value, limit)
        verdicts.append({"threshold": text, "passed": passed, "measured": value})
        print(f"threshold {'passed' if passed else 'FAILED'}: {text} (measured {value})")
    if RUN["late_sends"]:
        print(f"{RUN['late_sends']} sends started late: the users could not keep the arrival rate")
    if THRESHOLDS:
        environment.process_exit_code = 0 if all(v["passed"] for v in verdicts) else 1
    path = environment.parsed_options.loadstar_summary
    if not path:
        return
    counts = OUTCOMES.take()
    total = {"status": {}, "outcomes": {}}
    for entry in counts.values():
        for kind in total:
            for key, n in entry[kind].items():
                total[kind][key] = total[kind].get(key, 0) + n
    summary = {
        "format": "loadstar-locust-summary",
        "version": 1,
        "measured_from": stats.total.start_time,
        "last_request_at": stats.total.last_request_timestamp,
        "finished_at": time.time(),
        "completed": RUN["completed"],
        "late_sends": RUN["late_sends"],
        "workers": len(environment.runner.clients) if hasattr(environment.runner, "clients") else 0,
        "total": entry_summary(stats.total, total),
        "endpoints": {
            endpoint_id: entry_summary(entry, counts.get(endpoint_id, {}))
            for (endpoint_id, _), entry in stats.entries.items()
        },
        "thresholds": verdicts,
    }
    with open(path + ".part", "w", encoding="utf-8") as out:
        json.dump(summary, out)
    os.replace(path + ".part", path)
)py";

// One pass over `text`: each @NAME@ with a value is replaced; the values are not
// searched again, so a scenario name holding "@DATA@" stays as written.
std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find('@', at);
        const std::size_t close = open == std::string_view::npos ? open : text.find('@', open + 1);
        if (close == std::string_view::npos) break;
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto value =
            std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        if (value == values.end()) {
            out.append(text.substr(at, close - at));
            at = close;
            continue;
        }
        out.append(text.substr(at, open - at));
        out += value->second;
        at = close + 1;
    }
    out.append(text.substr(std::min(at, text.size())));
    return out;
}

}  // namespace

std::string renderLocustfile(const LocustTemplate& t) {
    const bool paced = t.pacedUsers > 0;
    const std::string shapeUsers =
        paced ? "        return PACED_USERS, PACED_USERS\n"
              : "        users = round(level_at(seconds))\n"
                "        # Reach each new level within the next tick (a second).\n"
                "        return users, max(1, users, self.get_current_user_count())\n";
    std::string out = fill(kHead, {{"SCENARIO", pythonString(t.scenarioName)},
                                   {"PROJECT", pythonString(t.projectName)},
                                   {"LOAD", t.loadText},
                                   {"DATA", pythonString(t.dataFileName)},
                                   {"HEADERS", t.headers},
                                   {"INVALID_SHARE", t.invalidShare},
                                   {"TIMEOUT", t.timeoutSeconds},
                                   {"THINK_TIME", t.thinkTimeSeconds},
                                   {"LEVEL_UNIT", t.levelUnit},
                                   {"WARMUP", t.warmupSeconds},
                                   {"PROFILE", t.profile}});
    if (paced) out += fill(kPacing, {{"PACED_USERS", std::to_string(t.pacedUsers)}});
    out += fill(kThresholds, {{"THRESHOLDS", t.thresholds}});
    if (paced) out += kPacedWait;
    out +=
        fill(kUser, {{"WAIT_TIME", paced ? "wait_time = paced" : "wait_time = constant(THINK_TIME_SECONDS)"},
                     {"INSECURE", t.verifyTls ? "False" : "True"},
                     {"HOST", t.host.empty() ? std::string() : "    host = " + pythonString(t.host) + "\n"},
                     {"ON_START", paced ? std::string(kPacedStart) : std::string()},
                     {"TASKS", t.tasks}});
    out += fill(kShape, {{"SHAPE_USERS", shapeUsers}});
    return out;
}

}  // namespace loadstar::engines
