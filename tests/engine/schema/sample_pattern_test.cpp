#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "engine/schema/random.h"
#include "engine/schema/string_generator.h"

namespace loadstar::schema {
namespace {

struct PatternCase {
    const char* pattern;
    std::int64_t minLength;
    std::int64_t maxLength;
    bool fixed = false;  // only one string fits
};

void PrintTo(const PatternCase& c, std::ostream* os) {
    *os << c.pattern << " [" << c.minLength << ", " << c.maxLength << "]";
}

// Patterns as API designs write them, with length bounds that bite on some of them.
const PatternCase kCases[] = {
    {"^[a-z]+$", 0, 100},
    {"^[a-z]+$", 10, 12},
    {R"(^[A-Z]{2}\d{4}$)", 0, 100},
    {R"(^\d{3}-\d{3}-\d{4}$)", 0, 100},
    {"^[a-zA-Z0-9_-]{3,16}$", 0, 100},
    {"^[a-zA-Z0-9_-]{3,16}$", 15, 16},
    {"^(foo|bar|bazz)$", 4, 4, true},
    {"^(?:ab)+$", 7, 10},
    {"^a?b*c+$", 5, 9},
    {R"(^[^@\s]+@[^@\s]+\.[a-z]{2,}$)", 0, 100},
    {R"(^\w+$)", 0, 100},
    {R"(^\S{4,}$)", 0, 100},
    {"^[0-9a-f]{8}-[0-9a-f]{4}$", 0, 100},
    {R"(^v\d+\.\d+\.\d+$)", 0, 100},
    {"^#[0-9A-Fa-f]{6}$", 0, 100},
    {"^[A-Z][a-z]*( [A-Z][a-z]*)*$", 12, 20},
    {"abc", 0, 100},
    {"abc", 8, 8},
    {"^prefix", 10, 12},
    {"suffix$", 0, 100},
    {R"(^\+?[1-9]\d{1,14}$)", 0, 100},
    {R"(^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$)", 0, 100},
    {"^[[:alpha:]]{2,4}[[:digit:]]$", 0, 100},
    {R"(^\p{Lu}\p{Ll}+$)", 0, 100},
    {"(?i)^hello$", 0, 100, true},
    {"^.{5,10}$", 0, 100},
    {"^[^a-z]+$", 0, 100},
    {"^x{2,}y{0,3}$", 6, 9},
    {R"(^\.\*\?\[\]$)", 0, 100, true},
    {R"(^[\-+]?\d+(\.\d+)?$)", 0, 100},
    {"^(a|bc|def){2,3}$", 0, 100},
    {R"(^\Qa.b*c\E$)", 0, 100, true},
    {"^[a-z]{2}(-[A-Z]{2})?$", 5, 5},
    {R"(^\bword\b$)", 0, 100, true},
    {R"(^[\x41-\x43]+\x2d$)", 0, 100},
    {"^[a-z]*?[0-9]+?$", 0, 100},
    {"^ab|cd$", 6, 8},  // each branch is anchored on one side only
    {"^$", 0, 0, true},
};

class PatternTable : public ::testing::TestWithParam<PatternCase> {};

TEST_P(PatternTable, GeneratedStringsMatchAndFitTheLength) {
    const PatternCase& c = GetParam();
    const StringGenerator gen(c.pattern);
    ASSERT_TRUE(gen.patternValid());
    ASSERT_TRUE(gen.understood());
    const RE2 re(c.pattern);
    std::set<std::string> distinct;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        Random rng(seed);
        const std::optional<std::string> s = gen.generate(rng, c.minLength, c.maxLength, 16);
        ASSERT_TRUE(s.has_value()) << "seed " << seed;
        EXPECT_TRUE(RE2::PartialMatch(*s, re)) << *s;
        EXPECT_GE(static_cast<std::int64_t>(s->size()), c.minLength) << *s;
        EXPECT_LE(static_cast<std::int64_t>(s->size()), c.maxLength) << *s;
        distinct.insert(*s);
    }
    EXPECT_EQ(distinct.size() == 1, c.fixed) << *distinct.begin();
}

INSTANTIATE_TEST_SUITE_P(Sample, PatternTable, ::testing::ValuesIn(kCases));

TEST(SamplePattern, AnchoredPatternsAreMatchedWholeAndUnanchoredOnesArePadded) {
    const StringGenerator anchored("^[0-9]{3}$");
    Random rng(1);
    EXPECT_EQ(anchored.generate(rng, 0, 100, 16)->size(), 3u);
    EXPECT_FALSE(anchored.generate(rng, 4, 100, 16).has_value());  // no three-digit string is 4 long
    const StringGenerator searched("[0-9]{3}");
    const std::optional<std::string> padded = searched.generate(rng, 10, 10, 0);
    ASSERT_TRUE(padded.has_value());
    EXPECT_EQ(padded->size(), 10u);
    EXPECT_TRUE(RE2::PartialMatch(*padded, "[0-9]{3}"));
}

TEST(SamplePattern, NoPatternGivesReadableStringsOfTheAskedLength) {
    const StringGenerator any("");
    Random rng(3);
    for (int i = 0; i < 20; ++i) {
        const std::string s = *any.generate(rng, 2, 2048, 10);
        EXPECT_GE(s.size(), 2u);
        EXPECT_LE(s.size(), 12u);  // min + spread
        EXPECT_TRUE(RE2::FullMatch(s, "[a-zA-Z0-9]+")) << s;
    }
    EXPECT_EQ(any.generate(rng, 0, 0, 10), std::optional<std::string>(""));
}

TEST(SamplePattern, SameSeedSameString) {
    const StringGenerator gen(R"(^[A-Z][a-z]{2,8}-\d{2,4}$)");
    Random a(77);
    Random b(77);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(gen.generate(a, 0, 100, 16), gen.generate(b, 0, 100, 16));
}

TEST(SamplePattern, InvalidAndUnsupportedPatternsAreReported) {
    const StringGenerator broken("(unclosed");
    EXPECT_FALSE(broken.patternValid());
    EXPECT_FALSE(broken.matches("unclosed"));
    Random rng(1);
    EXPECT_FALSE(broken.generate(rng, 0, 10, 5).has_value());

    const StringGenerator greek(R"(^\p{Greek}+$)");  // valid RE2, beyond the walker
    EXPECT_TRUE(greek.patternValid());
    EXPECT_FALSE(greek.understood());
    EXPECT_FALSE(greek.generate(rng, 0, 10, 5).has_value());
    EXPECT_TRUE(greek.matches("αβ"));
}

TEST(SamplePattern, MismatchesDoNotMatchAndKeepTheLength) {
    const StringGenerator gen("^[a-z]{3,5}$");
    const auto any = [](std::string_view) { return true; };
    const std::optional<std::string> m = gen.mismatch(3, 5, any);
    ASSERT_TRUE(m.has_value());
    EXPECT_FALSE(RE2::PartialMatch(*m, "^[a-z]{3,5}$"));
    EXPECT_GE(m->size(), 3u);
    EXPECT_LE(m->size(), 5u);
    EXPECT_FALSE(StringGenerator(".*").mismatch(0, 10, any).has_value());  // everything matches
    EXPECT_FALSE(StringGenerator("").mismatch(0, 10, any).has_value());
    // The caller can refuse candidates (here: everything but digits).
    const std::optional<std::string> digitsOnly =
        gen.mismatch(3, 5, [](std::string_view s) { return s.find_first_not_of("0123456789") == s.npos; });
    ASSERT_TRUE(digitsOnly.has_value());
    EXPECT_EQ(*digitsOnly, "000");
}

}  // namespace
}  // namespace loadstar::schema
