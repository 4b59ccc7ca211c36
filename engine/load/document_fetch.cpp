#include "engine/load/document_fetch.h"

#include "engine/load/http_get.h"

namespace loadstar::load {

openapi::FetchUrl documentFetcher(std::chrono::milliseconds timeout, bool insecureTls) {
    return [timeout, insecureTls](const std::string& url) -> std::variant<std::string, openapi::LoadFailure> {
        HttpGetOptions options;
        options.timeout = timeout;
        options.insecureTls = insecureTls;
        options.maxBodyBytes = openapi::kMaxDocumentBytes;
        auto body = httpGet(url, options);
        if (auto* failure = std::get_if<HttpGetFailure>(&body)) return openapi::LoadFailure{failure->message};
        return std::get<std::string>(std::move(body));
    };
}

}  // namespace loadstar::load
