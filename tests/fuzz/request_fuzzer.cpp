// libFuzzer target: arbitrary bytes as a connection's input, parsed the way the
// server's sessions parse them (RequestParser with the project's limits), then routed,
// validated and planned by the server's RequestHandler for a sample project. Every
// parsed body is also validated as the benchmark plan's echo body both ways: when the
// DOM-free fast path answers, it must answer exactly what the full validator echoes.
// Any crash, sanitizer report or broken invariant is a finding.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>

#include "engine/model/project_file.h"
#include "engine/schema/request_validator.h"
#include "engine/server/request_handler.h"
#include "engine/server/request_parser.h"
#include "engine/server/schema_services.h"

namespace {

namespace http = boost::beast::http;
using namespace loadstar;

const server::RequestHandler& handler() {
    static const server::RequestHandler instance = [] {
        auto loaded =
            model::loadProject(std::string(LOADSTAR_SOURCE_DIR) + "/projects/bookstore.loadstar.json");
        if (!std::holds_alternative<model::Project>(loaded)) std::abort();
        model::Project project = std::get<model::Project>(std::move(loaded));
        project.server.cors.enabled = true;
        project.server.cors.allowOrigins = {"http://app.example"};
        auto shared = std::make_shared<const model::Project>(std::move(project));
        return server::RequestHandler(shared, server::projectSchemaServices(shared));
    }();
    return instance;
}

// The benchmark plan's POST /echo: a ten-field model with formats and bounds.
struct EchoTarget {
    std::shared_ptr<const model::Project> project;
    std::unique_ptr<schema::RequestValidator> validator;
    const model::Endpoint* endpoint = nullptr;
};

const EchoTarget& echoTarget() {
    static const EchoTarget target = [] {
        auto loaded =
            model::loadProject(std::string(LOADSTAR_SOURCE_DIR) + "/projects/benchmark-plan.loadstar.json");
        if (!std::holds_alternative<model::Project>(loaded)) std::abort();
        EchoTarget t;
        t.project = std::make_shared<const model::Project>(std::get<model::Project>(std::move(loaded)));
        t.validator = std::make_unique<schema::RequestValidator>(
            t.project, schema::ValidatorOptions{t.project->server.limits.maxJsonDepth});
        for (const model::Endpoint& e : t.project->endpoints) {
            if (e.id == "echo") t.endpoint = &e;
        }
        if (t.endpoint == nullptr) std::abort();
        return t;
    }();
    return target;
}

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const server::RequestHandler& planner = handler();
    const model::Limits& limits = planner.project().server.limits;
    std::mt19937_64 random(size);
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first byte picks how the input is split into reads, as TCP would split it.
    const std::size_t chunk = size > 0 ? 1 + static_cast<std::uint8_t>(input[0]) % 64 : 1;

    server::ParsedRequest parsed;
    std::optional<server::RequestParser> parser;
    std::string buffered;
    std::size_t offset = 0;
    while (offset < input.size() || !buffered.empty()) {
        if (!parser) {
            parser.emplace(parsed);
            parser->header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
            parser->body_limit(static_cast<std::uint64_t>(limits.maxBodyBytes));
            parser->eager(true);
        }
        const std::size_t take = std::min(chunk, input.size() - offset);
        buffered.append(input.substr(offset, take));
        offset += take;
        boost::beast::error_code ec;
        const std::size_t used = parser->put(boost::asio::buffer(buffered), ec);
        buffered.erase(0, used);
        if (ec == http::error::need_more) {
            if (take == 0) break;  // input ended inside a request
            continue;
        }
        if (ec) {
            check(planner.protocolError(ec == http::error::header_limit ? 431 : 400).close);
            break;
        }
        if (!parser->is_done()) continue;
        parser.reset();
        std::vector<std::pair<std::string_view, std::string_view>> headers;
        parsed.headerViews(headers);
        server::Request request;
        request.method = parsed.method();
        request.target = parsed.target();
        request.headers = headers;
        request.body = parsed.body;
        request.hasBody = parsed.hasBody;
        request.client = "fuzz";
        const server::ResponsePlan plan = planner.plan(request, random);
        check(plan.response != nullptr);
        check(plan.response->status >= 100 && plan.response->status <= 599);
        check(plan.response->head.rfind("HTTP/1.1 ", 0) == 0);
        check(plan.extraHeaders.find("\r\n\r\n") == std::string::npos);
        check(plan.route < planner.metricsRoutes().size());

        const EchoTarget& echo = echoTarget();
        schema::RequestParts parts;
        parts.body = parsed.body;
        parts.hasBody = true;
        if (const auto fast = echo.validator->canonicalBody(*echo.endpoint, parts)) {
            auto full = echo.validator->validate(*echo.endpoint, parts);
            const auto* accepted = std::get_if<schema::ValidatedRequest>(&full);
            check(accepted != nullptr && accepted->body.has_value());
            check(*fast == accepted->body->dump(-1, ' ', false, Json::error_handler_t::replace));
        }
    }
    return 0;
}
