#include "engine/openapi/document_set.h"

#include <functional>
#include <set>

#include "engine/text/percent_decoding.h"

namespace loadstar::openapi {

namespace {

// A URI fragment is percent-encoded ("#/paths/~1pets~1%7Bid%7D"); a '%' without two
// hex digits after it stays as it is.
constexpr text::PercentDecoding kFragmentDecoding{.plusIsSpace = false, .keepMalformed = true};

std::string unescapeToken(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out.push_back(token[i + 1] == '0' ? '~' : '/');
            ++i;
        } else {
            out.push_back(token[i]);
        }
    }
    return out;
}

// Evaluates a JSON pointer, naming the first token that leads nowhere.
std::variant<Place, std::string> evaluate(const Place& root, std::string_view pointer) {
    if (pointer.empty()) return root;
    if (pointer.front() != '/')
        return "\"" + std::string(pointer) + "\" is not a JSON pointer (it must start with /)";
    Place place = root;
    std::size_t start = 1;
    while (true) {
        const std::size_t slash = pointer.find('/', start);
        const std::string token = unescapeToken(
            pointer.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        const Json& value = place.value();
        if (value.is_object()) {
            if (!value.contains(token)) {
                return "nothing is at " + std::string(pointer) + " (no \"" + token + "\" under " +
                       (place.pointer.empty() ? "the root" : place.pointer) + ")";
            }
            place = place.child(token);
        } else if (value.is_array()) {
            std::size_t index = 0;
            bool digits = !token.empty() && token.size() < 10;
            for (const char c : token) {
                if (c < '0' || c > '9') digits = false;
            }
            if (digits) index = std::stoul(token);
            if (!digits || index >= value.size()) {
                return "nothing is at " + std::string(pointer) + " (no item " + token + " in " +
                       (place.pointer.empty() ? "the root" : place.pointer) + ")";
            }
            place = place.at(index);
        } else {
            return "nothing is at " + std::string(pointer) + " (" +
                   (place.pointer.empty() ? "the root" : place.pointer) + " holds no object or array)";
        }
        if (slash == std::string_view::npos) return place;
        start = slash + 1;
    }
}

}  // namespace

std::uint64_t placeHash(std::size_t document, std::string_view pointer) {
    return std::hash<std::string_view>{}(pointer) ^ (std::uint64_t(document) * 0x9E3779B97F4A7C15ULL);
}

std::string escapePointerToken(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Place Place::child(std::string_view key) const {
    return Place{&node->at(std::string(key)), document, pointer + "/" + escapePointerToken(key)};
}

Place Place::entry(std::string_view key, const Json& member) const {
    return Place{&member, document, pointer + "/" + escapePointerToken(key)};
}

Place Place::at(std::size_t index) const {
    return Place{&node->at(index), document, pointer + "/" + std::to_string(index)};
}

DocumentSet::DocumentSet(std::string location, Json root, DocumentLoader loader, ParseLimits limits)
    : loader_(std::move(loader)), limits_(limits) {
    byLocation_.emplace(location, std::size_t{0});
    documents_.push_back(Document{std::move(location), std::move(root)});
}

Place DocumentSet::root() const {
    return Place{&documents_.front().root, 0, ""};
}

std::variant<std::size_t, std::string> DocumentSet::load(std::size_t from, const std::string& reference) {
    if (!loader_.locate || !loader_.read) return "references to other documents are not followed here";
    auto located = loader_.locate(documents_[from].location, reference);
    if (const auto* failure = std::get_if<LoadFailure>(&located)) return failure->message;
    const std::string location = std::get<std::string>(std::move(located));
    if (const auto known = byLocation_.find(location); known != byLocation_.end()) return known->second;

    std::variant<std::size_t, std::string> outcome;
    auto text = loader_.read(location);
    if (const auto* failure = std::get_if<LoadFailure>(&text)) {
        outcome = "cannot read " + location + ": " + failure->message;
    } else {
        auto parsed = parseDocumentText(std::get<std::string>(text), limits_);
        if (const auto* error = std::get_if<SyntaxError>(&parsed)) {
            const std::string where = error->where();
            outcome = "cannot read " + location + ": " + (where.empty() ? "" : where + ": ") + error->message;
        } else {
            documents_.push_back(Document{location, std::get<Json>(std::move(parsed))});
            outcome = documents_.size() - 1;
        }
    }
    byLocation_.emplace(location, outcome);
    return outcome;
}

std::variant<Place, std::string> DocumentSet::target(std::size_t document, const std::string& reference) {
    const std::size_t hash = reference.find('#');
    const std::string file = reference.substr(0, hash);
    const std::string fragment =
        hash == std::string::npos ? "" : *text::percentDecode(reference.substr(hash + 1), kFragmentDecoding);
    std::size_t index = document;
    if (!file.empty()) {
        auto loaded = load(document, file);
        if (const auto* failure = std::get_if<std::string>(&loaded)) return *failure;
        index = std::get<std::size_t>(loaded);
    }
    if (!fragment.empty() && fragment.front() != '/') {
        return "\"#" + fragment + "\" names an anchor; only JSON pointers (#/...) are followed";
    }
    return evaluate(Place{&documents_[index].root, index, ""}, fragment);
}

std::variant<Place, std::string> DocumentSet::resolve(const Place& place) {
    Place current = place;
    std::set<std::pair<std::size_t, std::string>> seen;
    while (current.value().is_object() && current.value().contains("$ref")) {
        const Json& reference = current.value().at("$ref");
        if (!reference.is_string()) return "$ref must be a string";
        if (!seen.emplace(current.document, current.pointer).second) {
            return "the reference \"" + reference.get<std::string>() +
                   "\" leads back to itself (a cycle of $refs)";
        }
        auto next = target(current.document, reference.get<std::string>());
        if (const auto* failure = std::get_if<std::string>(&next)) {
            return "the reference \"" + reference.get<std::string>() + "\" does not resolve: " + *failure;
        }
        current = std::get<Place>(std::move(next));
    }
    return current;
}

}  // namespace loadstar::openapi
