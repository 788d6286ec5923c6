#include "analyze/finance.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace quarterdeck {
namespace {

// One charter entity; as of 2026-11-16 the window is August to October 2026.
Portfolio charter_portfolio() {
  Portfolio p;
  p.currency = "USD";
  Entity e;
  e.id = "alpha";
  e.name = "Alpha Charters";
  e.kind = "charter";
  e.account = "Alpha";
  e.unit = "charter";
  p.entities = {e};
  return p;
}

Booking delivered(std::string_view service_date) {
  Booking b;
  b.entity = "alpha";
  b.id = "B-" + std::string(service_date);
  b.customer = "Someone";
  b.booked_on = *Date::parse("2026-06-01");
  b.service_date = *Date::parse(service_date);
  b.amount = Money(50000);
  b.status = "delivered";
  b.invoiced = true;
  return b;
}

Dataset with_journal(std::string_view text) {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(text, "j", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  d.bookings = std::vector<Booking>{delivered("2026-08-10"), delivered("2026-09-10"), delivered("2026-10-10")};
  return d;
}

// Income once, long before the window; in the window only a fuel refund (a
// negative variable cost) and no fixed costs. Revenue in the window is zero,
// so there is no price and no margin per unit: no number may stand there.
TEST(BreakEven, NoIncomeInTheWindowIsMissingDataNotZeroUnits) {
  const Portfolio p = charter_portfolio();
  const Dataset d = with_journal(
      "2026-01-10 * Charter\n"
      "    Assets:Alpha:Checking  $1,000.00\n"
      "    Income:Alpha:Charters\n"
      "2026-09-15 * Fuel dock refund\n"
      "    Assets:Alpha:Checking  $50.00\n"
      "    Expenses:Alpha:Fuel\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const BreakEven b = break_even(p.entities.front(), ctx);
  EXPECT_FALSE(b.break_even_units.has_value()) << b.break_even_units->to_display("$");
  EXPECT_NE(b.missing.find("income in the books for the last 3 months"), std::string::npos) << b.missing;
  EXPECT_NE(b.missing.find("no margin per unit"), std::string::npos) << b.missing;
  EXPECT_EQ(b.units, 3);  // the deliveries are still shown
}

TEST(BreakEven, NoIncomeEverIsMissingData) {
  const Portfolio p = charter_portfolio();
  const Dataset d = with_journal(
      "2026-09-01 * Insurer\n"
      "    Expenses:Alpha:Insurance  $300.00\n"
      "    Assets:Alpha:Checking\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const BreakEven b = break_even(p.entities.front(), ctx);
  EXPECT_FALSE(b.break_even_units.has_value());
  EXPECT_NE(b.missing.find("no margin per unit"), std::string::npos) << b.missing;
  EXPECT_EQ(b.fixed_per_month.units(), 10000);
}

// Variable costs at or above revenue: no volume breaks even at these prices.
// That is not missing data; the report says it is unreachable.
TEST(BreakEven, NonPositiveMarginIsUnreachable) {
  const Portfolio p = charter_portfolio();
  for (const std::string_view fuel : {"$1,500.00", "$1,200.00"}) {
    const Dataset d = with_journal(
        "2026-09-01 * Charters\n"
        "    Assets:Alpha:Checking  $1,200.00\n"
        "    Income:Alpha:Charters\n"
        "2026-09-02 * Fuel\n"
        "    Expenses:Alpha:Fuel  " + std::string(fuel) + "\n"
        "    Assets:Alpha:Checking\n"
        "2026-09-03 * Insurer\n"
        "    Expenses:Alpha:Insurance  $300.00\n"
        "    Assets:Alpha:Checking\n");
    const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
    const BreakEven b = break_even(p.entities.front(), ctx);
    EXPECT_FALSE(b.break_even_units.has_value()) << fuel;
    EXPECT_TRUE(b.missing.empty()) << b.missing;
    EXPECT_NE(b.unreachable.find("unreachable at current prices"), std::string::npos) << fuel;
  }
}

// In the window: $1,500 of charters, $300 of fuel (variable) and $1,200 of
// insurance (fixed), with the three charters of with_journal's bookings.
constexpr std::string_view k_one_month =
    "2026-09-01 * Charters\n"
    "    Assets:Alpha:Checking  $1,500.00\n"
    "    Income:Alpha:Charters\n"
    "2026-09-02 * Fuel\n"
    "    Expenses:Alpha:Fuel  $300.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-09-03 * Insurer\n"
    "    Expenses:Alpha:Insurance  $1,200.00\n"
    "    Assets:Alpha:Checking\n";

TEST(BreakEven, PositiveMarginGivesUnits) {
  const Portfolio p = charter_portfolio();
  const Dataset d = with_journal(k_one_month);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const BreakEven b = break_even(p.entities.front(), ctx);
  // $400 fixed a month / ($1,200 margin / 3 units) = 1 unit a month.
  ASSERT_TRUE(b.break_even_units.has_value()) << b.missing << b.unreachable;
  EXPECT_EQ(b.break_even_units->to_display("$"), "1.0");
  EXPECT_TRUE(b.missing.empty());
  EXPECT_TRUE(b.unreachable.empty());
}

TEST(BreakEven, ADeclaredUnitCostIsAVariableCost) {
  Portfolio p = charter_portfolio();
  p.entities.front().unit_cost = Money(10000);  // $100.00 a charter, paid outside these books
  const Dataset d = with_journal(k_one_month);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const BreakEven b = break_even(p.entities.front(), ctx);
  // Variable: $300 fuel + 3 x $100 = $600, $200 a charter; margin $900 over
  // 3 charters: $400 fixed a month / $300 = 1.3 charters a month.
  EXPECT_EQ(b.variable_per_unit.to_display(), "$200.00");
  ASSERT_TRUE(b.break_even_units.has_value()) << b.missing << b.unreachable;
  EXPECT_EQ(b.break_even_units->to_display("$"), "1.3");
}

}  // namespace
}  // namespace quarterdeck
