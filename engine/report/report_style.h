#pragma once

namespace loadstar::report {

// The report's stylesheet: screen and print. Kept to what Qt's rich text also
// understands where it matters (tables, colours, page breaks), so that the PDF
// built from the same HTML reads the same.
extern const char* const kReportStyle;

}  // namespace loadstar::report
