#include "util/date.hpp"

#include <gtest/gtest.h>

namespace quarterdeck {
namespace {

Date d(const char* text) {
  const auto parsed = Date::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Date());
}

TEST(DateParse, BothSeparators) {
  const auto dash = Date::parse("2026-11-16");
  const auto slash = Date::parse("2026/11/16");
  ASSERT_TRUE(dash.has_value());
  ASSERT_TRUE(slash.has_value());
  EXPECT_EQ(*dash, *slash);
  EXPECT_EQ(dash->year(), 2026);
  EXPECT_EQ(dash->month(), 11);
  EXPECT_EQ(dash->day(), 16);
  EXPECT_EQ(slash->to_string(), "2026-11-16");
}

TEST(DateParse, RejectsImpossibleDates) {
  EXPECT_FALSE(Date::parse("2026-02-30").has_value());
  EXPECT_FALSE(Date::parse("2026-02-29").has_value());  // 2026 is not a leap year
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse("1900-02-29").has_value());  // century, not leap
  EXPECT_TRUE(Date::parse("2000-02-29").has_value());   // 400-year, leap
  EXPECT_FALSE(Date::parse("2026-13-01").has_value());
  EXPECT_FALSE(Date::parse("2026-00-10").has_value());
  EXPECT_FALSE(Date::parse("2026-04-31").has_value());
  EXPECT_FALSE(Date::parse("2026-01-00").has_value());
}

TEST(DateParse, RejectsMalformedText) {
  for (const char* text : {"", "2026-1-5", "2026-11-1", "2026-11-016", "2026-11/16", "2026.11.16",
                           "16-11-2026", "2026-11-1x", "2026--1-16", " 2026-11-16", "2026-11-16 ",
                           "20261116", "abcd-ef-gh"}) {
    EXPECT_FALSE(Date::parse(text).has_value()) << "input: \"" << text << "\"";
  }
}

TEST(DateParse, FromYmd) {
  ASSERT_TRUE(Date::from_ymd(2026, 1, 31).has_value());
  EXPECT_EQ(Date::from_ymd(2026, 1, 31)->to_string(), "2026-01-31");
  EXPECT_FALSE(Date::from_ymd(2026, 2, 29).has_value());
  EXPECT_FALSE(Date::from_ymd(2026, 0, 1).has_value());
  EXPECT_EQ(Date().to_string(), "1970-01-01");
}

TEST(DateArithmetic, PlusDaysAcrossMonthsAndYears) {
  EXPECT_EQ(d("2026-01-31").plus_days(1).to_string(), "2026-02-01");
  EXPECT_EQ(d("2026-02-28").plus_days(1).to_string(), "2026-03-01");
  EXPECT_EQ(d("2024-02-28").plus_days(1).to_string(), "2024-02-29");
  EXPECT_EQ(d("2026-12-31").plus_days(1).to_string(), "2027-01-01");
  EXPECT_EQ(d("2027-01-01").plus_days(-1).to_string(), "2026-12-31");
  EXPECT_EQ(d("2026-11-16").plus_days(30).to_string(), "2026-12-16");
  EXPECT_EQ(d("2026-11-16").plus_days(365).to_string(), "2027-11-16");
  EXPECT_EQ(d("2024-01-01").plus_days(366).to_string(), "2025-01-01");
  EXPECT_EQ(d("2026-03-01").plus_days(-1).to_string(), "2026-02-28");
}

TEST(DateArithmetic, DaysUntilAndOrdering) {
  EXPECT_EQ(d("2026-11-01").days_until(d("2026-11-16")), 15);
  EXPECT_EQ(d("2026-11-16").days_until(d("2026-11-01")), -15);
  EXPECT_EQ(d("2026-01-01").days_until(d("2027-01-01")), 365);
  EXPECT_LT(d("2026-11-15"), d("2026-11-16"));
  EXPECT_LT(d("2025-12-31"), d("2026-01-01"));
}

TEST(DateWeekday, KnownDays) {
  EXPECT_EQ(d("1970-01-01").weekday(), 4);  // Thursday
  EXPECT_EQ(d("2026-11-16").weekday(), 1);  // Monday
  EXPECT_EQ(d("2026-11-15").weekday(), 0);  // Sunday
  EXPECT_EQ(d("2026-11-21").weekday(), 6);  // Saturday
  EXPECT_EQ(d("2024-02-29").weekday(), 4);  // Thursday
  EXPECT_EQ(d("2000-01-01").weekday(), 6);  // Saturday
}

TEST(MonthTest, ParseAndFormat) {
  const auto m = Month::parse("2026-10");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->year(), 2026);
  EXPECT_EQ(m->month(), 10);
  EXPECT_EQ(m->to_string(), "2026-10");
  EXPECT_EQ(Month(2026, 3).to_string(), "2026-03");
  EXPECT_FALSE(Month::parse("2026-13").has_value());
  EXPECT_FALSE(Month::parse("2026-00").has_value());
  EXPECT_FALSE(Month::parse("2026-1").has_value());
  EXPECT_FALSE(Month::parse("2026/10").has_value());
  EXPECT_FALSE(Month::parse("2026-10-01").has_value());
}

TEST(MonthTest, PlusAcrossYears) {
  EXPECT_EQ(Month(2026, 11).plus(1), Month(2026, 12));
  EXPECT_EQ(Month(2026, 11).plus(2), Month(2027, 1));
  EXPECT_EQ(Month(2026, 12).plus(1).to_string(), "2027-01");
  EXPECT_EQ(Month(2026, 1).plus(-1).to_string(), "2025-12");
  EXPECT_EQ(Month(2026, 3).plus(-15).to_string(), "2024-12");
  EXPECT_EQ(Month(2026, 3).plus(24).to_string(), "2028-03");
  EXPECT_LT(Month(2025, 12), Month(2026, 1));
}

TEST(MonthTest, Days) {
  EXPECT_EQ(Month(2024, 2).days(), 29);
  EXPECT_EQ(Month(2026, 2).days(), 28);
  EXPECT_EQ(Month(2000, 2).days(), 29);
  EXPECT_EQ(Month(2100, 2).days(), 28);
  EXPECT_EQ(Month(2026, 1).days(), 31);
  EXPECT_EQ(Month(2026, 4).days(), 30);
  EXPECT_EQ(Month(2026, 12).days(), 31);
}

TEST(MonthTest, FirstLastContainsOf) {
  EXPECT_EQ(Month(2026, 12).first_day().to_string(), "2026-12-01");
  EXPECT_EQ(Month(2026, 12).last_day().to_string(), "2026-12-31");
  EXPECT_EQ(Month(2024, 2).last_day().to_string(), "2024-02-29");
  EXPECT_TRUE(Month(2026, 10).contains(d("2026-10-31")));
  EXPECT_FALSE(Month(2026, 10).contains(d("2026-11-01")));
  EXPECT_FALSE(Month(2026, 10).contains(d("2025-10-15")));
  EXPECT_EQ(Month::of(d("2026-11-16")), Month(2026, 11));
}

TEST(MonthTest, Name) {
  EXPECT_EQ(Month(2026, 10).name(), "October 2026");
  EXPECT_EQ(Month(2026, 1).name(), "January 2026");
  EXPECT_EQ(Month(2026, 12).name(), "December 2026");
  EXPECT_EQ(Month(2026, 12).plus(1).name(), "January 2027");
}

TEST(DateParse, OneRangeForEveryDateFromInput) {
  EXPECT_FALSE(Date::parse("0000-01-01").has_value());
  EXPECT_FALSE(Date::parse("1899-12-31").has_value());
  EXPECT_TRUE(Date::parse("1900-01-01").has_value());
  EXPECT_TRUE(Date::parse("2999-12-31").has_value());
  EXPECT_FALSE(Date::parse("3000-01-01").has_value());
  EXPECT_FALSE(Date::from_ymd(0, 1, 1).has_value());
  EXPECT_FALSE(Month::parse("0000-01").has_value());
  // Arithmetic past the range still gives calendar dates.
  EXPECT_EQ(Month(2999, 12).plus(3).first_day().to_string(), "3000-03-01");
  EXPECT_EQ(Month(2999, 12).last_day().to_string(), "2999-12-31");
}

}  // namespace
}  // namespace quarterdeck
