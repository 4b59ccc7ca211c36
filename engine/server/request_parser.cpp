#include "engine/server/request_parser.h"

namespace loadstar::server {

void ParsedRequest::clear() {
    // A rare large request should not pin its buffers for the connection's lifetime.
    constexpr std::size_t kKeepCapacity = 64 << 10;
    if (text.capacity() > kKeepCapacity) text = std::string();
    if (body.capacity() > kKeepCapacity) body = std::string();
    text.clear();
    methodSize = 0;
    targetSize = 0;
    fields.clear();
    body.clear();
    version = 11;
    keepAlive = true;
    hasBody = false;
}

void ParsedRequest::headerViews(std::vector<std::pair<std::string_view, std::string_view>>& out) const {
    out.clear();
    const std::string_view all = text;
    for (const auto& [nameAt, nameSize, valueAt, valueSize] : fields)
        out.emplace_back(all.substr(nameAt, nameSize), all.substr(valueAt, valueSize));
}

void RequestParser::on_request_impl(boost::beast::http::verb, string_view method, string_view target,
                                    int version, error_code&) {
    request_.text.append(method.data(), method.size());
    request_.text.append(target.data(), target.size());
    request_.methodSize = method.size();
    request_.targetSize = target.size();
    request_.version = version;
}

void RequestParser::on_field_impl(boost::beast::http::field, string_view name, string_view value,
                                  error_code&) {
    const std::size_t nameAt = request_.text.size();
    request_.text.append(name.data(), name.size());
    const std::size_t valueAt = request_.text.size();
    request_.text.append(value.data(), value.size());
    request_.fields.push_back({nameAt, name.size(), valueAt, value.size()});
}

void RequestParser::on_header_impl(error_code&) {
    request_.keepAlive = keep_alive();
    request_.hasBody = content_length().has_value() || chunked();
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& contentLength, error_code&) {
    if (contentLength) request_.body.reserve(static_cast<std::size_t>(*contentLength));
}

std::size_t RequestParser::on_body_impl(string_view body, error_code&) {
    request_.body.append(body.data(), body.size());
    return body.size();
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
    request_.body.append(body.data(), body.size());
    return body.size();
}

void RequestParser::on_finish_impl(error_code&) {
    // keep_alive() can change once the whole message is known (a body read to EOF).
    request_.keepAlive = keep_alive();
}

}  // namespace loadstar::server
