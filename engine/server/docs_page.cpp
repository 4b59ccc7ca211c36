#include "engine/server/docs_page.h"

#include <array>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "engine/model/json.h"
#include "engine/text/markup.h"
#include "resources/api_docs_files.h"

namespace loadstar::server {

namespace {

namespace embedded = resources::api_docs;

std::string_view embeddedFile(std::string_view name) {
    for (const embedded::EmbeddedFile& file : embedded::kFiles) {
        if (file.name == name) return file.bytes;
    }
    // The list is fixed at build time (resources/CMakeLists.txt): a miss is a build error.
    throw std::logic_error("no embedded API docs file " + std::string(name));
}

const std::array<DocsAsset, 4>& assets() {
    static const std::array<DocsAsset, 4> list = {{
        {"swagger-ui-bundle.js", "text/javascript; charset=utf-8", embeddedFile("swagger-ui-bundle.js")},
        {"swagger-ui.css", "text/css; charset=utf-8", embeddedFile("swagger-ui.css")},
        {"redoc.standalone.js", "text/javascript; charset=utf-8", embeddedFile("redoc.standalone.js")},
        {"favicon.png", "image/png", embeddedFile("favicon.png")},
    }};
    return list;
}

// A JavaScript string literal that is safe inside a <script> element: JSON, with
// '<' escaped so that "</script>" cannot close the element early.
std::string scriptString(std::string_view text) {
    const std::string json = Json(std::string(text)).dump(-1, ' ', true, Json::error_handler_t::replace);
    std::string out;
    for (const char c : json) {
        if (c == '<') {
            out += "\\u003c";
        } else {
            out += c;
        }
    }
    return out;
}

// Replaces each {{name}} in `page` with its value; every placeholder of the page is named.
std::string fill(std::string_view page,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out;
    out.reserve(page.size() + 256);
    std::size_t at = 0;
    while (at < page.size()) {
        const std::size_t open = page.find("{{", at);
        const std::size_t close = open == std::string_view::npos ? open : page.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        out += page.substr(at, open - at);
        const std::string_view name = page.substr(open + 2, close - open - 2);
        bool known = false;
        for (const auto& [key, value] : values) {
            if (key != name) continue;
            out += value;
            known = true;
        }
        if (!known)
            throw std::logic_error("unknown placeholder {{" + std::string(name) + "}} in a docs page");
        at = close + 2;
    }
    out += page.substr(std::min(at, page.size()));
    return out;
}

}  // namespace

std::string_view swaggerUiVersion() {
    return LOADSTAR_SWAGGER_UI_VERSION;
}

std::string_view redocVersion() {
    return LOADSTAR_REDOC_VERSION;
}

std::span<const DocsAsset> docsAssets() {
    return assets();
}

const std::shared_ptr<const PreparedResponse>& docsAssetResponse(std::size_t index) {
    static std::once_flag once;
    static std::array<std::shared_ptr<const PreparedResponse>, 4> responses;
    std::call_once(once, [] {
        for (std::size_t i = 0; i < assets().size(); ++i) {
            const DocsAsset& asset = assets()[i];
            responses[i] = prepareResponse(200, asset.contentType, std::string(asset.bytes));
        }
    });
    return responses.at(index);
}

std::string swaggerUiPage(std::string_view title, std::string_view openapiUrl) {
    return fill(embeddedFile("swagger-ui.html"), {{"title", text::escapeMarkup(title)},
                                                  {"assets", std::string(kDocsAssetsPath)},
                                                  {"openapi_url_js", scriptString(openapiUrl)}});
}

std::string redocPage(std::string_view title, std::string_view openapiUrl) {
    return fill(embeddedFile("redoc.html"), {{"title", text::escapeMarkup(title)},
                                             {"assets", std::string(kDocsAssetsPath)},
                                             {"openapi_url", text::escapeMarkup(openapiUrl)}});
}

}  // namespace loadstar::server
