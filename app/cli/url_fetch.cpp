#include "app/cli/url_fetch.h"

#include "engine/load/http_get.h"

namespace loadstar::cli {

openapi::FetchUrl urlFetcher(std::chrono::milliseconds timeout, bool insecureTls) {
    return [timeout, insecureTls](const std::string& url) -> std::variant<std::string, openapi::LoadFailure> {
        load::HttpGetOptions options;
        options.timeout = timeout;
        options.insecureTls = insecureTls;
        options.maxBodyBytes = openapi::kMaxDocumentBytes;
        auto body = load::httpGet(url, options);
        if (auto* failure = std::get_if<load::HttpGetFailure>(&body))
            return openapi::LoadFailure{failure->message};
        return std::get<std::string>(std::move(body));
    };
}

}  // namespace loadstar::cli
