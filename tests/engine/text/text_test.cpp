#include <gtest/gtest.h>

#include "engine/schema/query_string.h"
#include "engine/text/markup.h"
#include "engine/text/percent_decoding.h"

namespace loadstar::text {
namespace {

TEST(PercentDecode, StrictDecodesEscapesAndRefusesMalformedOnes) {
    EXPECT_EQ(percentDecode("a%20b%2fc+d"), "a b/c+d") << "'+' is a space only in query strings";
    EXPECT_EQ(percentDecode("%41%4a%4A"), "AJJ");
    EXPECT_EQ(percentDecode(""), "");
    for (const char* malformed : {"%", "%a", "%G0", "a%2", "%%41"})
        EXPECT_EQ(percentDecode(malformed), std::nullopt) << malformed;
}

TEST(PercentDecode, QueryDecodingReadsPlusAsSpaceAndKeepsMalformedEscapes) {
    EXPECT_EQ(percentDecode("a%20b+c", kQueryDecoding), "a b c");
    EXPECT_EQ(percentDecode("100%", kQueryDecoding), "100%");
    EXPECT_EQ(percentDecode("%G0%41", kQueryDecoding), "%G0A");
    EXPECT_EQ(percentDecode("%2B", kQueryDecoding), "+") << "an escaped plus stays a plus";
    // The schema's query reader builds on it and then makes the bytes valid UTF-8.
    EXPECT_EQ(schema::decodeQueryComponent("caf%C3%A9+au+lait"), "café au lait");
    EXPECT_EQ(schema::decodeQueryComponent("%FF"), "\xEF\xBF\xBD");
}

TEST(Markup, EscapesWhatHtmlAndXmlGiveMeaningAndReplacesForbiddenControls) {
    EXPECT_EQ(escapeMarkup(R"(<a href="x">Tom & Jerry's</a>)"),
              "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    EXPECT_EQ(escapeMarkup("tab\tnewline\nok"), "tab\tnewline\nok");
    EXPECT_EQ(escapeMarkup(std::string("nul\0bell\a", 9)),
              "nul\xEF\xBF\xBD"
              "bell\xEF\xBF\xBD");
    EXPECT_EQ(escapeMarkup("café"), "café");
}

}  // namespace
}  // namespace loadstar::text
