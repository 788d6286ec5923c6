#include "util/strings.hpp"

#include <gtest/gtest.h>

#include <array>
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

}  // namespace
}  // namespace quarterdeck
