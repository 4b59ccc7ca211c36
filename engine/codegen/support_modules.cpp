#include "engine/codegen/support_modules.h"

#include "engine/codegen/python_code.h"
#include "engine/codegen/python_names.h"

namespace loadstar::codegen {

namespace {

// clang-format off
constexpr const char* kCpuWork = R"(

def _spin(iterations):
    """Pure-Python arithmetic: it holds the GIL, as model code written in Python does."""
    x = 1
    for i in range(iterations):
        x = (x * 1103515245 + i) & 0xFFFFFFFF
    return x


def _calibrate():
    """Iterations of _spin per millisecond on this machine: the fastest of a few short
    trials (a trial the scheduler interrupts only looks slower). The environment
    variable CPU_ITERATIONS_PER_MS pins it, e.g. to the same value in every worker."""
    pinned = os.environ.get("CPU_ITERATIONS_PER_MS")
    if pinned:
        return float(pinned)
    trial = 20_000
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        _spin(trial)
        best = max(best, trial / ((time.perf_counter() - start) * 1000))
    return best


ITERATIONS_PER_MS = _calibrate()


def burn_cpu(milliseconds):
    """Computes for `milliseconds` of CPU time, as calibrated when the app started.

    The amount of work is fixed, not the time: like real computation, it takes longer
    when it has to share a core or the GIL.
    """
    return _spin(round(milliseconds * ITERATIONS_PER_MS))
)";

constexpr const char* kLatency = R"(

class Latency:
    """I/O wait times drawn from a log-normal distribution through p50 and p99."""

    _Z99 = 2.3263478740408408  # the 0.99 quantile of the standard normal distribution

    def __init__(self, p50_ms, p99_ms):
        p50 = max(p50_ms, 0.001)
        self._mu = math.log(p50)
        self._sigma = (math.log(max(p99_ms, p50)) - self._mu) / self._Z99

    def sample(self):
        """A wait in seconds (an hour at most)."""
        return min(random.lognormvariate(self._mu, self._sigma), 3_600_000) / 1000
)";

constexpr const char* kAsyncBatcher = R"(

class MicroBatcher:
    """Groups concurrent requests into batches, as a model server batches inference.

    A batch closes when its window (counted from its first request) ends or when it
    holds max_batch requests. Batches are processed one at a time, each taking
    base + per_item * size; a request returns when its batch is done. Each uvicorn
    worker process batches its own requests.
    """

    def __init__(self, window_ms, max_batch, base_ms, per_item_ms):
        self._window = window_ms / 1000
        self._max_batch = max(1, max_batch)
        self._base = base_ms / 1000
        self._per_item = per_item_ms / 1000
        self._pending = []
        self._timer = None
        self._processor = None  # an asyncio.Lock, made inside the running loop
        self._running = set()  # the batches' tasks, kept until they finish

    async def submit(self):
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._pending.append(done)
        if len(self._pending) >= self._max_batch:
            self._close()
        elif len(self._pending) == 1:
            self._timer = loop.call_later(self._window, self._close)
        await done

    def _close(self):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        task = asyncio.ensure_future(self._process(batch))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _process(self, batch):
        if self._processor is None:
            self._processor = asyncio.Lock()
        async with self._processor:
            await asyncio.sleep(self._base + self._per_item * len(batch))
        for done in batch:
            if not done.done():
                done.set_result(None)
)";

constexpr const char* kThreadBatcher = R"(

class _Batch:
    def __init__(self):
        self.size = 0
        self.full = threading.Event()
        self.done = threading.Event()


class MicroBatcher:
    """Groups concurrent requests into batches, as a model server batches inference.

    A batch closes when its window (counted from its first request) ends or when it
    holds max_batch requests. Batches are processed one at a time, each taking
    base + per_item * size; a request returns when its batch is done.

    What WSGI allows: a batch gathers only requests waiting in the same process at
    the same time, i.e. the threads of one gthread worker. A sync worker serves one
    request at a time, so its batches hold one request each (after the window), and
    separate workers never batch together.
    """

    def __init__(self, window_ms, max_batch, base_ms, per_item_ms):
        self._window = window_ms / 1000
        self._max_batch = max(1, max_batch)
        self._base = base_ms / 1000
        self._per_item = per_item_ms / 1000
        self._lock = threading.Lock()
        self._processor = threading.Lock()
        self._open = None

    def submit(self):
        with self._lock:
            batch = self._open
            first = batch is None
            if first:
                batch = self._open = _Batch()
            batch.size += 1
            if batch.size >= self._max_batch:
                self._open = None
                batch.full.set()
        if not first:
            batch.done.wait()
            return
        # The first request of a batch waits out the window, then runs the batch.
        batch.full.wait(self._window)
        with self._lock:
            if self._open is batch:
                self._open = None
        with self._processor:
            time.sleep(self._base + self._per_item * batch.size)
        batch.done.set()
)";

constexpr const char* kBodySizeLimit = R"(

class BodySizeLimit:
    """Answers 413 to a request that declares a body larger than `max_bytes`.

    A body sent without Content-Length (chunked) is not counted here.
    """

    def __init__(self, app, max_bytes):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == b"content-length" and int(value or b"0") > self.max_bytes:
                    response = JSONResponse(
                        {"detail": "Request body too large"}, status_code=413
                    )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
)";

constexpr const char* kTokenBuckets = R"(

class TokenBuckets:
    """A token bucket per client address: `per_second` requests a second on average,
    bursts of `burst`. Each worker process keeps its own buckets."""

    def __init__(self, per_second, burst):
        self.per_second = per_second
        self.burst = burst
        self._buckets = {}
        self._lock = threading.Lock()

    def wait(self, client):
        """0 when the request may go now, else the seconds until it could."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.per_second)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0
            self._buckets[client] = (tokens, now)
        return (1 - tokens) / self.per_second


def _too_many(wait):
    return {"detail": "Too Many Requests"}, {"Retry-After": str(max(1, math.ceil(wait)))}
)";

constexpr const char* kAsgiRateLimit = R"(

class RateLimit:
    """Answers 429 (with Retry-After) to a client over its rate; `exempt` paths pass."""

    def __init__(self, app, per_second, burst, exempt=()):
        self.app = app
        self.buckets = TokenBuckets(per_second, burst)
        self.exempt = frozenset(exempt)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] not in self.exempt:
            client = scope["client"][0] if scope.get("client") else ""
            wait = self.buckets.wait(client)
            if wait > 0:
                body, headers = _too_many(wait)
                response = JSONResponse(body, status_code=429, headers=headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
)";

constexpr const char* kFlaskRateLimit = R"(

def install_rate_limit(app, *, per_second, burst, exempt=()):
    """Answers 429 (with Retry-After) to a client over its rate; `exempt` paths pass."""
    buckets = TokenBuckets(per_second, burst)

    @app.before_request
    def limit_rate():
        if request.path in exempt:
            return None
        wait = buckets.wait(request.remote_addr or "")
        if wait > 0:
            body, headers = _too_many(wait)
            return body, 429, headers
        return None
)";

constexpr const char* kFlaskCors = R"(

def install_cors(app, *, allow_origins, allow_methods, allow_headers, max_age):
    """CORS as the design configures it: preflight requests are answered 204 with the
    allowed methods and headers; answers to an allowed origin say so."""
    any_origin = "*" in allow_origins

    def allowed(origin):
        if any_origin:
            return "*"
        return origin if origin in allow_origins else None

    @app.before_request
    def preflight():
        origin = request.headers.get("Origin")
        method = request.headers.get("Access-Control-Request-Method")
        if request.method != "OPTIONS" or not origin or not method:
            return None
        value = allowed(origin)
        if value is None:
            return {"detail": "Disallowed CORS origin"}, 400
        headers = {
            "Access-Control-Allow-Origin": value,
            "Access-Control-Allow-Methods": ", ".join(allow_methods),
            "Access-Control-Max-Age": str(max_age),
        }
        requested = request.headers.get("Access-Control-Request-Headers")
        if allow_headers or requested:
            headers["Access-Control-Allow-Headers"] = ", ".join(allow_headers) or requested
        if value != "*":
            headers["Vary"] = "Origin"
        return "", 204, headers

    @app.after_request
    def allow_origin(response):
        origin = request.headers.get("Origin")
        value = allowed(origin) if origin else None
        if value is not None:
            response.headers["Access-Control-Allow-Origin"] = value
            if value != "*":
                response.headers["Vary"] = "Origin"
        return response
)";

// clang-format on

}  // namespace

BehaviourNeeds behaviourNeeds(const model::Project& project) {
    BehaviourNeeds needs;
    for (const model::Endpoint& e : project.endpoints) {
        const model::Behaviour& b = e.behaviour;
        needs.cpu = needs.cpu || b.cpu.duration.count() > 0;
        needs.distribution = needs.distribution || b.latency.kind == model::Latency::Kind::Distribution;
        needs.batching = needs.batching || b.batching.enabled;
    }
    return needs;
}

std::string behaviourModule(const BehaviourNeeds& needs, Framework framework) {
    if (!needs.cpu && !needs.distribution && !needs.batching) return {};
    const bool async = framework == Framework::FastApi;
    std::string out = "\"\"\"The simulated cost of the endpoints, as the design describes it.\"\"\"\n";
    std::vector<std::string> imports;
    if (needs.batching && async) imports.emplace_back("asyncio");
    if (needs.distribution) imports.emplace_back("math");
    if (needs.cpu) imports.emplace_back("os");
    if (needs.distribution) imports.emplace_back("random");
    if (needs.batching && !async) imports.emplace_back("threading");
    if (needs.cpu || (needs.batching && !async)) imports.emplace_back("time");
    for (const std::string& module : imports)
        out += "import " + module + "\n";
    if (needs.cpu) out += kCpuWork;
    if (needs.distribution) out += kLatency;
    if (needs.batching) out += async ? kAsyncBatcher : kThreadBatcher;
    return out;
}

std::string limitsModule(const model::Project& project, Framework framework) {
    const bool rate = project.server.rateLimit.enabled;
    const bool cors = project.server.cors.enabled;
    if (framework == Framework::FastApi) {
        std::string out = "\"\"\"Request limits of the design that uvicorn has no option for.\"\"\"\n";
        if (rate) out += "import math\nimport threading\nimport time\n\n";
        out += "from fastapi.responses import JSONResponse\n";
        out += kBodySizeLimit;
        if (rate) out += std::string(kTokenBuckets) + kAsgiRateLimit;
        return out;
    }
    if (!rate && !cors) return {};
    std::string out = "\"\"\"The design's rate limit and CORS policy, as Flask request hooks.\"\"\"\n";
    if (rate) out += "import math\nimport threading\nimport time\n\n";
    out += "from flask import request\n";
    if (rate) out += std::string(kTokenBuckets) + kFlaskRateLimit;
    if (cors) out += kFlaskCors;
    return out;
}

}  // namespace loadstar::codegen
