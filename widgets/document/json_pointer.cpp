#include "widgets/document/json_pointer.h"

#include <charconv>

namespace loadstar::widgets {

namespace {

std::string unescape(std::string token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

template <typename T>
const T* at(const std::vector<T>& items, int i) {
    return i >= 0 && i < static_cast<int>(items.size()) ? &items[static_cast<std::size_t>(i)] : nullptr;
}

}  // namespace

JsonPointer JsonPointer::parse(const std::string& text) {
    JsonPointer pointer;
    std::size_t start = text.starts_with('/') ? 1 : 0;
    if (text.empty() || text == "/") return pointer;
    while (start <= text.size()) {
        const std::size_t slash = text.find('/', start);
        const std::size_t end = slash == std::string::npos ? text.size() : slash;
        pointer.tokens_.push_back(unescape(text.substr(start, end - start)));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return pointer;
}

const std::string& JsonPointer::token(std::size_t i) const {
    static const std::string kNone;
    return i < tokens_.size() ? tokens_[i] : kNone;
}

int JsonPointer::indexAt(std::size_t i) const {
    const std::string& t = token(i);
    int value = -1;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc{} || end != t.data() + t.size()) return -1;
    return value;
}

std::string JsonPointer::tail(std::size_t from) const {
    std::string out;
    for (std::size_t i = from; i < tokens_.size(); ++i)
        out += "/" + tokens_[i];
    return out;
}

std::string JsonPointer::describe(const model::Project& project) const {
    const std::string& what = collection();
    std::string out;
    std::size_t next = 2;
    if (what == "models") {
        const model::Model* m = at(project.models, itemIndex());
        out = "model " + (m != nullptr ? m->name : "#" + token(1));
        if (token(2) == "fields") {
            const model::Field* f = m != nullptr ? at(m->fields, indexAt(3)) : nullptr;
            out += " › field " + (f != nullptr ? f->name : "#" + token(3));
            next = 4;
        }
    } else if (what == "endpoints") {
        const model::Endpoint* e = at(project.endpoints, itemIndex());
        out = "endpoint " + (e != nullptr ? e->method + " " + e->path : "#" + token(1));
        if (token(2) == "parameters") {
            const model::Parameter* p = e != nullptr ? at(e->parameters, indexAt(3)) : nullptr;
            out += " › parameter " + (p != nullptr ? p->name : "#" + token(3));
            next = 4;
        } else if (token(2) == "responses") {
            const model::Response* r = e != nullptr ? at(e->responses, indexAt(3)) : nullptr;
            out += " › response " + (r != nullptr ? std::to_string(r->status) : "#" + token(3));
            next = 4;
        }
    } else if (what == "scenarios") {
        const model::Scenario* s = at(project.scenarios, itemIndex());
        out = "scenario " + (s != nullptr ? s->name : "#" + token(1));
    } else {
        out = "settings";
        next = 0;
    }
    for (std::size_t i = next; i < tokens_.size(); ++i)
        out += " › " + tokens_[i];
    return out;
}

}  // namespace loadstar::widgets
