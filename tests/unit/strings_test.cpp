#include "util/strings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace quarterdeck {
namespace {

TEST(EditDistance, Basics) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("timezone", "timezone"), 0u);
  EXPECT_EQ(edit_distance("timezon", "timezone"), 1u);   // insertion
  EXPECT_EQ(edit_distance("timezonee", "timezone"), 1u); // deletion
  EXPECT_EQ(edit_distance("timezome", "timezone"), 1u);  // substitution
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("ab", "ba"), 2u);  // plain Levenshtein: no transposition
  EXPECT_EQ(edit_distance("sunday", "saturday"), edit_distance("saturday", "sunday"));
}

TEST(ClosestMatch, FindsTypo) {
  constexpr std::array<std::string_view, 5> keys = {"name", "currency", "timezone", "env_file",
                                                    "entities"};
  EXPECT_EQ(closest_match("timezon", keys), "timezone");
  EXPECT_EQ(closest_match("curency", keys), "currency");
  EXPECT_EQ(closest_match("entites", keys), "entities");
  EXPECT_EQ(closest_match("TimeZone", keys), "timezone");  // case does not count
}

TEST(ClosestMatch, PicksTheNearest) {
  constexpr std::array<std::string_view, 3> kinds = {"charter", "rental", "service"};
  EXPECT_EQ(closest_match("rentl", kinds), "rental");
  EXPECT_EQ(closest_match("servise", kinds), "service");
}

TEST(ClosestMatch, FarWordGivesNothing) {
  constexpr std::array<std::string_view, 3> keys = {"name", "currency", "timezone"};
  EXPECT_EQ(closest_match("banana", keys), std::nullopt);
  EXPECT_EQ(closest_match("zone", keys), std::nullopt);  // distance 4 from timezone
  EXPECT_EQ(closest_match("x", std::span<const std::string_view>{}), std::nullopt);
}

TEST(ClosestMatch, ThresholdIsAThirdOfTheWordAtLeastOne) {
  constexpr std::array<std::string_view, 1> cron = {"cron"};
  EXPECT_EQ(closest_match("crn", cron), "cron");   // 3 letters: 1 allowed, distance 1
  EXPECT_EQ(closest_match("cr", cron), std::nullopt);  // distance 2, 1 allowed
  constexpr std::array<std::string_view, 1> word = {"abcdef"};
  EXPECT_EQ(closest_match("abcxyf", word), "abcdef");  // 6 letters: 2 allowed
  EXPECT_EQ(closest_match("abxyzf", word), std::nullopt);  // distance 3
}

TEST(Slugify, Basics) {
  EXPECT_EQ(slugify("3028 51st St"), "3028-51st-st");
  EXPECT_EQ(slugify("JADA Yacht Charters"), "jada-yacht-charters");
  EXPECT_EQ(slugify("  --Hello,   World!--  "), "hello-world");
  EXPECT_EQ(slugify("a/b_c.d"), "a-b-c-d");
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("!!!"), "");
  EXPECT_EQ(slugify("already-a-slug"), "already-a-slug");
}

TEST(Pad, RightCountsUtf8CodePoints) {
  EXPECT_EQ(pad_right("abc", 6), "abc   ");
  EXPECT_EQ(pad_right("abcdef", 3), "abcdef");  // never truncates
  EXPECT_EQ(pad_right("café", 6), "café  ");    // 4 columns, 5 bytes
  EXPECT_EQ(pad_right("€", 3), "€  ");          // 1 column, 3 bytes
  EXPECT_EQ(pad_right("", 2), "  ");
  EXPECT_EQ(display_width("café"), 4u);
}

TEST(Pad, Left) {
  EXPECT_EQ(pad_left("42", 5), "   42");
  EXPECT_EQ(pad_left("€1", 4), "  €1");
  EXPECT_EQ(pad_left("12345", 3), "12345");
}

TEST(StringHelpers, TrimSplitJoinLower) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  const auto parts = split("a,,b,", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "a");
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
  EXPECT_EQ(parts[3], "");
  const std::array<std::string, 3> words = {"a", "b", "c"};
  EXPECT_EQ(join(words, ", "), "a, b, c");
  EXPECT_EQ(to_lower("MiXeD"), "mixed");
  EXPECT_TRUE(starts_with_ci("Export FOO", "export"));
  EXPECT_FALSE(starts_with_ci("ex", "export"));
}

TEST(Thousands, GroupsOfThree) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(1000), "1,000");
  EXPECT_EQ(thousands(1200), "1,200");
  EXPECT_EQ(thousands(-1234567), "-1,234,567");
  EXPECT_EQ(thousands(100000), "100,000");
  EXPECT_EQ(thousands(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(Plural, AgreesWithTheCount) {
  EXPECT_EQ(plural(1, "finding"), "1 finding");
  EXPECT_EQ(plural(0, "finding"), "0 findings");
  EXPECT_EQ(plural(2, "finding"), "2 findings");
  EXPECT_EQ(plural(1200, "finding"), "1,200 findings");
  EXPECT_EQ(plural(1, "entity", "entities"), "1 entity");
  EXPECT_EQ(plural(3, "entity", "entities"), "3 entities");
}

TEST(Article, BySound) {
  EXPECT_EQ(with_article("agency business"), "an agency business");
  EXPECT_EQ(with_article("charter business"), "a charter business");
  EXPECT_EQ(article("hour"), "an");
  EXPECT_EQ(article("honest mistake"), "an");
  EXPECT_EQ(article("house"), "a");
  EXPECT_EQ(article("user"), "a");
  EXPECT_EQ(article("unit"), "a");
  EXPECT_EQ(article("uninvoiced job"), "an");
  EXPECT_EQ(article("unbilled job"), "an");
  EXPECT_EQ(article("one-off"), "a");
  EXPECT_EQ(article("European bank"), "a");
  EXPECT_EQ(article("AWS key"), "an");
  EXPECT_EQ(article("SMS"), "an");
  EXPECT_EQ(article("URL"), "a");
  EXPECT_EQ(article("API"), "an");
  EXPECT_EQ(article("8-hour day"), "an");
  EXPECT_EQ(article("11 percent"), "an");
  EXPECT_EQ(article("18,000 dollar loss"), "an");
  EXPECT_EQ(article("11000"), "an");
  EXPECT_EQ(article("1100"), "a");
  EXPECT_EQ(article("80"), "an");
  EXPECT_EQ(article("5"), "a");
  EXPECT_EQ(article("  item"), "an");
  EXPECT_EQ(article(""), "a");
}

TEST(WordsOf, UnderscoresBecomeSpaces) {
  EXPECT_EQ(words_of("not_listed"), "not listed");
  EXPECT_EQ(words_of("below_target"), "below target");
  EXPECT_EQ(words_of("listed"), "listed");
}

TEST(CodeSpans, TextKeepsTheirContent) {
  EXPECT_EQ(strip_code_spans("needs `Income:X:*` in data/books.journal"), "needs Income:X:* in data/books.journal");
  EXPECT_EQ(strip_code_spans("a `` tick ` inside `` b"), "a tick ` inside b");
  EXPECT_EQ(strip_code_spans("no closing ` here"), "no closing ` here");
  EXPECT_EQ(strip_code_spans("``"), "``");
  EXPECT_EQ(strip_code_spans("`a` and `b`"), "a and b");
}

TEST(CodeSpans, HtmlEscapesAndMarksThem) {
  EXPECT_EQ(html_with_code_spans("declare `unit_cost` in <entities/a.toml> & more"),
            "declare <code>unit_cost</code> in &lt;entities/a.toml&gt; &amp; more");
  EXPECT_EQ(html_with_code_spans("`<b>`"), "<code>&lt;b&gt;</code>");
  EXPECT_EQ(html_with_code_spans("it's \"quoted\" ` alone"), "it&apos;s &quot;quoted&quot; ` alone");
}

TEST(CodeSpans, ManyUnclosedBackticksStayFast) {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += (i % 7 == 0) ? "``` " : "` x ";
  // Every single backtick pairs with the next; the 2,858 triple runs never close.
  EXPECT_EQ(std::ranges::count(strip_code_spans(s), '`'), 3 * 2858);
}

}  // namespace
}  // namespace quarterdeck
