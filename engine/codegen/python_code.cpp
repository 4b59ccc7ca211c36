#include "engine/codegen/python_code.h"

#include <utility>

#include "engine/codegen/python_names.h"

namespace loadstar::codegen {

namespace {

constexpr std::size_t kLineLength = 88;  // black's default

char closing(char open) {
    switch (open) {
        case '(':
            return ')';
        case '[':
            return ']';
        default:
            return '}';
    }
}

std::string joined(const std::vector<PyExpr>& items) {
    std::string out;
    for (const PyExpr& item : items) {
        if (!out.empty()) out += ", ";
        out += item.flat();
    }
    return out;
}

// Black adds no trailing comma after the only item of a subscript (it would make a
// tuple of it), nor after a lone tuple item the comma already belongs to.
bool trailingCommaWhenExploded(const PyExpr& expr) {
    return !(expr.open == '[' && !expr.head.empty() && expr.items.size() == 1);
}

}  // namespace

PyExpr PyExpr::atom(std::string text) {
    PyExpr expr;
    expr.head = std::move(text);
    return expr;
}

PyExpr PyExpr::call(std::string function, std::vector<PyExpr> arguments) {
    PyExpr expr;
    expr.head = std::move(function);
    expr.open = '(';
    expr.items = std::move(arguments);
    return expr;
}

PyExpr PyExpr::subscript(std::string name, std::vector<PyExpr> arguments) {
    PyExpr expr;
    expr.head = std::move(name);
    expr.open = '[';
    expr.items = std::move(arguments);
    return expr;
}

PyExpr PyExpr::list(std::vector<PyExpr> items) {
    PyExpr expr;
    expr.open = '[';
    expr.items = std::move(items);
    return expr;
}

PyExpr PyExpr::tuple(std::vector<PyExpr> items) {
    PyExpr expr;
    expr.open = '(';
    expr.items = std::move(items);
    return expr;
}

PyExpr PyExpr::keyword(std::string_view name) const {
    PyExpr expr = *this;
    expr.prefix = std::string(name) + "=";
    return expr;
}

PyExpr PyExpr::entry(std::string keyLiteral) const {
    PyExpr expr = *this;
    expr.prefix = std::move(keyLiteral) + ": ";
    return expr;
}

std::string PyExpr::flat() const {
    if (isAtom()) return prefix + head;
    std::string body = joined(items);
    // A one-item tuple needs its comma.
    if (open == '(' && head.empty() && items.size() == 1) body += ",";
    return prefix + head + open + body + closing(open);
}

PyExpr literalExpr(const Json& value) {
    if (value.is_array()) {
        std::vector<PyExpr> items;
        for (const Json& item : value)
            items.push_back(literalExpr(item));
        return PyExpr::list(std::move(items));
    }
    if (value.is_object()) {
        PyExpr dict;
        dict.open = '{';
        for (const auto& [key, item] : value.items())
            dict.items.push_back(literalExpr(item).entry(pythonString(key)));
        return dict;
    }
    return PyExpr::atom(pythonLiteral(value));
}

std::size_t columns(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

void PySource::line(std::string_view text) {
    if (text.empty()) {
        lines_.emplace_back();
        return;
    }
    lines_.push_back(std::string(static_cast<std::size_t>(depth_) * 4, ' ') + std::string(text));
}

void PySource::blank(int count) {
    for (int i = 0; i < count; ++i)
        lines_.emplace_back();
}

void PySource::expression(std::string_view lead, const PyExpr& expr, std::string_view trail) {
    layout(expr, depth_ * 4, std::string(lead), std::string(trail));
}

void PySource::layout(const PyExpr& expr, int indent, const std::string& lead, const std::string& trail) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    std::string oneLine = pad + lead + expr.flat() + trail;
    if (columns(oneLine) <= kLineLength || expr.isAtom() || expr.items.empty()) {
        lines_.push_back(std::move(oneLine));
        return;
    }
    lines_.push_back(pad + lead + expr.prefix + expr.head + expr.open);
    const std::string inner(static_cast<std::size_t>(indent) + 4, ' ');
    std::string body = inner + joined(expr.items);
    if (expr.open == '(' && expr.head.empty() && expr.items.size() == 1) body += ",";
    if (columns(body) <= kLineLength) {
        lines_.push_back(std::move(body));
    } else {
        const std::string comma = trailingCommaWhenExploded(expr) ? "," : "";
        for (const PyExpr& item : expr.items)
            layout(item, indent + 4, "", comma);
    }
    lines_.push_back(pad + closing(expr.open) + trail);
}

void PySource::docstring(std::string_view text) {
    std::string body;
    for (const char c : text) {
        if (c == '\\') {
            body += "\\\\";
        } else if (c == '\r') {
            continue;
        } else {
            body += c;
        }
    }
    // Three quotes in a row would end the docstring early.
    for (std::size_t at = body.find("\"\"\""); at != std::string::npos; at = body.find("\"\"\"", at + 2))
        body.replace(at, 1, "\\\"");
    // As black does: a space between a quote at either end and the docstring's quotes.
    if (!body.empty() && body.front() == '"') body.insert(0, " ");
    if (!body.empty() && body.back() == '"') body += ' ';
    const std::string pad(static_cast<std::size_t>(depth_) * 4, ' ');
    if (body.find('\n') == std::string::npos) {
        lines_.push_back(pad + "\"\"\"" + body + "\"\"\"");
        return;
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= body.size()) {
        const std::size_t end = body.find('\n', start);
        std::string part = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\t'))
            part.pop_back();
        if (first) {
            lines_.push_back(pad + "\"\"\"" + part);
        } else {
            lines_.push_back(part.empty() ? std::string() : pad + part);
        }
        first = false;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    lines_.push_back(pad + "\"\"\"");
}

std::string PySource::text() const {
    std::string out;
    for (const std::string& l : lines_) {
        out += l;
        out += '\n';
    }
    while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
        out.pop_back();
    return out;
}

}  // namespace loadstar::codegen
