#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/json.h"

namespace loadstar::codegen {

// A Python expression, kept as a tree so that it can be laid out the way black
// does: on one line when it fits in 88 columns, else with its last bracket opened
// and the contents on one indented line when they fit there, else one item a line
// with a trailing comma, each item laid out by the same rule.
struct PyExpr {
    std::string
        prefix;  // inside an enclosing bracket: "ge=" for a keyword argument, "\"key\": " for a dict entry
    std::string head;  // an atom's text; before the bracket of a call or subscript ("Field", "List", "")
    char open = 0;     // 0 for an atom; '(', '[' or '{'
    std::vector<PyExpr> items;

    static PyExpr atom(std::string text);
    static PyExpr call(std::string function, std::vector<PyExpr> arguments = {});
    static PyExpr subscript(std::string name, std::vector<PyExpr> arguments);
    static PyExpr list(std::vector<PyExpr> items);
    static PyExpr tuple(std::vector<PyExpr> items);
    // The same expression as a keyword argument or a dict entry ("name=value", "key: value").
    PyExpr keyword(std::string_view name) const;
    PyExpr entry(std::string keyLiteral) const;

    bool isAtom() const { return open == 0; }
    std::string flat() const;  // on one line, prefix included
};

// A JSON value as a Python expression (dicts and lists bracketed, so that a large
// value opens up like any other).
PyExpr literalExpr(const Json& value);

// Python source built statement by statement, four spaces an indent level.
class PySource {
  public:
    void line(std::string_view text);  // one line at the current indent ("" for a blank line)
    // `lead` + expression + `trail` as black lays it out, e.g. lead "limit: int = ", trail ",".
    void expression(std::string_view lead, const PyExpr& expr, std::string_view trail = "");
    // A statement that opens a block: "def f(" + params + "):", laid out like a call.
    void blank(int count = 1);
    void indent() { depth_ += 1; }
    void dedent() { depth_ -= 1; }
    // A docstring at the current indent; wrapped lines are kept as given.
    void docstring(std::string_view text);
    std::string text() const;  // ends with exactly one newline

  private:
    void layout(const PyExpr& expr, int indent, const std::string& lead, const std::string& trail);
    std::vector<std::string> lines_;
    int depth_ = 0;
};

// Columns a line takes (UTF-8 code points).
std::size_t columns(std::string_view text);

}  // namespace loadstar::codegen
