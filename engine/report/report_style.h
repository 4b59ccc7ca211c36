#pragma once

#include <string_view>

namespace loadstar::report {

// The report's stylesheet, screen and print (resources/report/report.css, embedded
// at build time). Kept to what Qt's rich text also understands where it matters
// (tables, colours, page breaks), so that the PDF built from the same HTML reads the same.
std::string_view reportStyle();

}  // namespace loadstar::report
