#include "engine/openapi/document_source.h"

#include <filesystem>
#include <fstream>
#include <vector>

namespace loadstar::openapi {

namespace {

namespace fs = std::filesystem;

std::string megabytes(std::size_t bytes) {
    return std::to_string((bytes + (1u << 19)) >> 20) + " MB";
}

std::variant<std::string, LoadFailure> readFile(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return LoadFailure{"no such file"};
    if (fs::is_directory(status)) return LoadFailure{"a directory, not a document"};
    if (fs::is_regular_file(status)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        if (!ec && size > maxBytes) {
            return LoadFailure{"the document is " + megabytes(std::size_t(size)) +
                               "; Loadstar reads documents up to " + megabytes(maxBytes)};
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return LoadFailure{"cannot open the file"};
    std::string text;
    if (const std::uintmax_t size = fs::file_size(path, ec); !ec && size <= maxBytes)
        text.reserve(std::size_t(size));
    std::vector<char> chunk(1 << 16);
    while (in) {
        in.read(chunk.data(), std::streamsize(chunk.size()));
        text.append(chunk.data(), std::size_t(in.gcount()));
        if (text.size() > maxBytes) {
            return LoadFailure{"the document is larger than " + megabytes(maxBytes) +
                               ", the most Loadstar reads"};
        }
    }
    if (in.bad()) return LoadFailure{"reading the file failed"};
    return text;
}

struct SplitUrl {
    std::string origin;  // scheme://authority
    std::string path;    // from the first '/', without query or fragment
    std::string query;   // with its '?'
};

std::optional<SplitUrl> splitUrl(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos || !isUrl(url)) return std::nullopt;
    std::string rest = url.substr(0, url.find('#'));
    const std::size_t pathStart = rest.find_first_of("/?", scheme + 3);
    SplitUrl out;
    out.origin = rest.substr(0, pathStart);
    if (pathStart == std::string::npos) {
        out.path = "/";
        return out;
    }
    std::string tail = rest.substr(pathStart);
    const std::size_t question = tail.find('?');
    if (question != std::string::npos) {
        out.query = tail.substr(question);
        tail = tail.substr(0, question);
    }
    out.path = tail.empty() ? "/" : tail;
    return out;
}

// RFC 3986's remove_dot_segments.
std::string withoutDotSegments(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
            if (end == path.size()) segments.emplace_back();
        } else if (segment == ".") {
            if (end == path.size()) segments.emplace_back();
        } else {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const std::string& segment : segments)
        out += "/" + segment;
    return out.empty() ? "/" : out;
}

}  // namespace

bool isUrl(std::string_view source) {
    return source.starts_with("http://") || source.starts_with("https://");
}

std::string resolveUrl(const std::string& base, const std::string& reference) {
    if (isUrl(reference)) {
        const auto split = splitUrl(reference);
        return split ? split->origin + withoutDotSegments(split->path) + split->query : "";
    }
    const std::optional<SplitUrl> from = splitUrl(base);
    if (!from) return "";
    if (reference.starts_with("//"))
        return resolveUrl(base, base.substr(0, base.find("://") + 1) + reference);
    std::string ref = reference.substr(0, reference.find('#'));
    if (ref.empty()) return from->origin + from->path + from->query;
    if (ref.front() == '?') return from->origin + from->path + ref;
    std::string query;
    if (const std::size_t question = ref.find('?'); question != std::string::npos) {
        query = ref.substr(question);
        ref = ref.substr(0, question);
    }
    const std::string path = ref.front() == '/' ? ref : from->path.substr(0, from->path.rfind('/') + 1) + ref;
    return from->origin + withoutDotSegments(path) + query;
}

std::variant<std::string, LoadFailure> readDocumentSource(const std::string& source, const FetchUrl& fetch,
                                                          std::size_t maxBytes) {
    if (isUrl(source)) {
        if (!fetch) return LoadFailure{"URLs cannot be read here"};
        return fetch(source);
    }
    return readFile(source, maxBytes);
}

DocumentLoader documentLoader(FetchUrl fetch, std::size_t maxBytes) {
    DocumentLoader loader;
    loader.locate = [](const std::string& base,
                       const std::string& reference) -> std::variant<std::string, LoadFailure> {
        if (isUrl(base)) {
            const std::string target = resolveUrl(base, reference);
            const auto from = splitUrl(base);
            const auto to = splitUrl(target);
            if (target.empty() || !from || !to) return LoadFailure{"\"" + reference + "\" is not a URL"};
            if (from->origin != to->origin) {
                return LoadFailure{"a reference to another server (" + to->origin + ") is not followed"};
            }
            return target;
        }
        if (isUrl(reference) || reference.find("://") != std::string::npos) {
            if (!reference.starts_with("file://")) {
                return LoadFailure{"a local document's reference to " + reference +
                                   " is not followed (nothing is fetched from the network for a file)"};
            }
        }
        std::string path = reference.starts_with("file://") ? reference.substr(7) : reference;
        const fs::path resolved =
            fs::path(path).is_absolute() ? fs::path(path) : fs::path(base).parent_path() / path;
        return resolved.lexically_normal().string();
    };
    loader.read = [fetch = std::move(fetch), maxBytes](const std::string& location) {
        return readDocumentSource(location, fetch, maxBytes);
    };
    return loader;
}

}  // namespace loadstar::openapi
