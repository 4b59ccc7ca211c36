#pragma once

#include <string>
#include <string_view>

namespace loadstar::text {

// Text made safe for HTML, SVG and XML element content and quoted attribute values.
std::string escapeMarkup(std::string_view text);

}  // namespace loadstar::text
