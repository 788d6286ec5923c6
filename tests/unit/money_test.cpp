#include "model/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace quarterdeck {
namespace {

TEST(MoneyParse, AcceptsThousandsSeparators) {
  const auto m = Money::parse_decimal("1,250.00");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->units(), 125000);
  EXPECT_EQ(m->precision(), 2);
}

TEST(MoneyParse, AcceptsNegative) {
  const auto m = Money::parse_decimal("-75.10");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->units(), -7510);
  EXPECT_TRUE(m->is_negative());
}

TEST(MoneyParse, WholeNumberGetsFullPrecision) {
  const auto m = Money::parse_decimal("1250");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->units(), 125000);
}

TEST(MoneyParse, LeadingPointAndShortFraction) {
  ASSERT_TRUE(Money::parse_decimal(".5").has_value());
  EXPECT_EQ(Money::parse_decimal(".5")->units(), 50);
  EXPECT_EQ(Money::parse_decimal("1250.5")->units(), 125050);
  EXPECT_EQ(Money::parse_decimal("+3.01")->units(), 301);
}

TEST(MoneyParse, OtherPrecisions) {
  EXPECT_EQ(Money::parse_decimal("12.5", 1)->units(), 125);
  EXPECT_EQ(Money::parse_decimal("7", 0)->units(), 7);
  EXPECT_FALSE(Money::parse_decimal("7.5", 0).has_value());
}

TEST(MoneyParse, TooManyDecimalsIsAnErrorNotRounded) {
  EXPECT_FALSE(Money::parse_decimal("1.005").has_value());
  EXPECT_FALSE(Money::parse_decimal("0.001").has_value());
}

TEST(MoneyParse, RejectsGarbage) {
  for (const char* text : {"", "-", "+", ".", ",", "abc", "12a", "$12.00", "1.2.3", "1 250", "--5",
                           "12.00 USD", "1e3"}) {
    EXPECT_FALSE(Money::parse_decimal(text).has_value()) << "input: \"" << text << "\"";
  }
}

TEST(MoneyParse, RejectsAmountsTooLargeToHold) {
  // 17 and 19 digits: both overflow int64 once scaled to cents.
  EXPECT_FALSE(Money::parse_decimal("99999999999999999").has_value());
  EXPECT_FALSE(Money::parse_decimal("9999999999999999999").has_value());
  EXPECT_FALSE(Money::parse_decimal("-99999999999999999.99").has_value());
  // The largest that fits still parses.
  const auto max = Money::parse_decimal("92233720368547758.07");
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(max->units(), std::numeric_limits<std::int64_t>::max());
  EXPECT_FALSE(Money::parse_decimal("92233720368547758.08").has_value());
}

TEST(MoneyFormat, Display) {
  EXPECT_EQ(Money(125000).to_display(), "$1,250.00");
  EXPECT_EQ(Money(-7510).to_display(), "-$75.10");
  EXPECT_EQ(Money(0).to_display(), "$0.00");
  EXPECT_EQ(Money(5).to_display(), "$0.05");
  EXPECT_EQ(Money(-5).to_display(), "-$0.05");
  EXPECT_EQ(Money(123456789).to_display(), "$1,234,567.89");
  EXPECT_EQ(Money(100000).to_display(), "$1,000.00");
  EXPECT_EQ(Money(99999).to_display(), "$999.99");
  EXPECT_EQ(Money(1234567, 0).to_display(""), "1,234,567");
}

TEST(MoneyFormat, Decimal) {
  EXPECT_EQ(Money(125000).to_decimal(), "1250.00");
  EXPECT_EQ(Money(-7510).to_decimal(), "-75.10");
  EXPECT_EQ(Money(0).to_decimal(), "0.00");
  EXPECT_EQ(Money(-5).to_decimal(), "-0.05");
  EXPECT_EQ(Money(125, 1).to_decimal(), "12.5");
  EXPECT_EQ(Money(42, 0).to_decimal(), "42");
  EXPECT_EQ(Money(std::numeric_limits<std::int64_t>::min()).to_decimal(), "-92233720368547758.08");
}

TEST(MoneyFormat, RoundTripsThroughParse) {
  for (const char* text : {"0.00", "1250.00", "-75.10", "0.01", "-0.99", "1000000.00"}) {
    const auto m = Money::parse_decimal(text);
    ASSERT_TRUE(m.has_value()) << text;
    EXPECT_EQ(m->to_decimal(), text);
  }
}

TEST(MoneyArithmetic, DividedByRoundsHalfAwayFromZero) {
  EXPECT_EQ(Money(10).divided_by(4).units(), 3);    // 2.5 -> 3
  EXPECT_EQ(Money(-10).divided_by(4).units(), -3);  // -2.5 -> -3
  EXPECT_EQ(Money(10).divided_by(-4).units(), -3);
  EXPECT_EQ(Money(-10).divided_by(-4).units(), 3);
  EXPECT_EQ(Money(9).divided_by(4).units(), 2);     // 2.25 -> 2
  EXPECT_EQ(Money(-9).divided_by(4).units(), -2);
  EXPECT_EQ(Money(11).divided_by(4).units(), 3);    // 2.75 -> 3
  EXPECT_EQ(Money(-11).divided_by(4).units(), -3);
  EXPECT_EQ(Money(1).divided_by(3).units(), 0);
  EXPECT_EQ(Money(2).divided_by(3).units(), 1);
  EXPECT_EQ(Money(-2).divided_by(3).units(), -1);
  EXPECT_EQ(Money(12).divided_by(4).units(), 3);
  EXPECT_EQ(Money(100000).divided_by(3).units(), 33333);  // $1,000.00 / 3 = $333.33
}

TEST(MoneyArithmetic, DividedByKeepsPrecisionAndZeroDivisorGivesZero) {
  const Money m = Money(125, 1).divided_by(2);
  EXPECT_EQ(m.precision(), 1);
  EXPECT_EQ(m.units(), 63);  // 6.25 -> 6.3
  EXPECT_EQ(Money(500).divided_by(0).units(), 0);
}

TEST(MoneyArithmetic, Operators) {
  Money a(1000);
  a += Money(250);
  EXPECT_EQ(a.units(), 1250);
  a -= Money(2000);
  EXPECT_EQ(a.units(), -750);
  EXPECT_EQ((-a).units(), 750);
  EXPECT_EQ((Money(100) + Money(1)).units(), 101);
  EXPECT_EQ((Money(100) - Money(1)).units(), 99);
  EXPECT_EQ(Money(7).times(3).units(), 21);
  EXPECT_LT(Money(-1), Money(0));
  EXPECT_EQ(Money(0), Money());
  EXPECT_TRUE(Money().is_zero());
}

TEST(MoneyChecked, ArithmeticThatFitsIsExact) {
  const Money a(9'000'000'000'000'000'000);
  EXPECT_EQ(a.checked_plus(Money(223'372'036'854'775'807))->units(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(a.checked_minus(Money(1))->units(), 8'999'999'999'999'999'999);
  EXPECT_EQ(a.checked_negated()->units(), -9'000'000'000'000'000'000);
  EXPECT_EQ(Money(-4).checked_times(-2)->units(), 8);
  EXPECT_EQ(a.checked_plus(Money(1))->precision(), 2);
}

TEST(MoneyChecked, OverflowIsNulloptNeverWrapped) {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_FALSE(Money(max).checked_plus(Money(1)).has_value());
  EXPECT_FALSE(Money(min).checked_plus(Money(-1)).has_value());
  EXPECT_FALSE(Money(min).checked_minus(Money(1)).has_value());
  EXPECT_FALSE(Money(0).checked_minus(Money(min)).has_value());
  EXPECT_FALSE(Money(min).checked_negated().has_value());
  EXPECT_FALSE(Money(9'000'000'000'000'000'000).checked_plus(Money(9'000'000'000'000'000'000)).has_value());
  EXPECT_FALSE(Money(max / 2 + 1).checked_times(2).has_value());
  EXPECT_FALSE(Money(min).checked_times(-1).has_value());
}

}  // namespace
}  // namespace quarterdeck
