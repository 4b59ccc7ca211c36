#pragma once

#include <set>
#include <string>
#include <string_view>

#include "engine/model/json.h"

namespace loadstar::codegen {

// Whether `name` is a Python identifier that is not a keyword (ASCII only: a
// generated name never relies on Unicode identifiers).
bool isPythonIdentifier(std::string_view name);
bool isPythonKeyword(std::string_view name);

// A snake_case identifier for a design name: "X-Request-Id" -> "x_request_id",
// "class" -> "class_", "2fa" -> "n_2fa", "" -> "value". Never a keyword.
std::string snakeIdentifier(std::string_view name);

// A CamelCase class name: "book_page" -> "BookPage", "Book" stays "Book",
// "my-model" -> "MyModel", "42" -> "Model42".
std::string className(std::string_view name);

// `base`, or `base` with "_2", "_3"... appended until it is not in `taken`; the
// result is added to `taken`.
std::string uniqueName(const std::string& base, std::set<std::string>& taken);

// A Python string literal for `text`, black's style: double quotes unless the
// text holds more double than single quotes; escapes as Python's repr would.
std::string pythonString(std::string_view text);
// A raw string literal (r"...") when `text` can be one and has a backslash (regular
// expressions read better that way), else pythonString().
std::string pythonPattern(std::string_view text);

// A Python expression for a JSON value: True/False/None, ints, floats as Python
// prints them (1.0, 1e-05), strings, lists and dicts (one line; see PyExpr for
// formatting large values).
std::string pythonLiteral(const Json& value);

// A float the way Python's repr prints it: 1.0, 0.5, 1e-05, 1e+16.
std::string pythonFloat(double value);
// A number as a Python author writes a bound: integral values without ".0".
std::string pythonNumber(double value);

}  // namespace loadstar::codegen
