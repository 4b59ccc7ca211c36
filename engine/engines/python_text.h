#pragma once

#include <string>
#include <string_view>

namespace loadstar::engines {

// A double-quoted Python string literal of UTF-8 text: quotes, backslashes and
// control characters escaped, everything else as it is (Python source is UTF-8).
std::string pythonString(std::string_view text);

bool isPythonKeyword(std::string_view word);

}  // namespace loadstar::engines
