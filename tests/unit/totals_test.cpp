// Consolidated totals: the sum of the entities less what they paid each
// other, exactly, on a small journal with transfers between entities and on
// the reference portfolio; overdrawn cash is never a negative runway.
#include "analyze/totals.hpp"

#include <gtest/gtest.h>

#include "config/environment.hpp"
#include "config/portfolio_loader.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Money money(const char* s) {
  return *Money::parse_decimal(s);
}

Entity entity(const char* id, const char* name, const char* account) {
  Entity e;
  e.id = id;
  e.name = name;
  e.account = account;
  return e;
}

Portfolio three_entities() {
  Portfolio p;
  p.currency = "USD";
  p.entities = {entity("alpha", "Alpha", "Alpha"), entity("beta", "Beta", "Beta"),
                entity("gamma", "Gamma", "Gamma")};
  return p;
}

Dataset with_journal(std::string_view text) {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(text, "books.journal", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  return d;
}

// As of 2026-11-16 the period is October 2026 and the burn window is August
// to October (cash at 31 July against 31 October).
constexpr std::string_view k_journal =
    "2026-07-01 * Opening balances\n"  // 1
    "    Assets:Alpha:Checking  $5,000.00\n"
    "    Assets:Beta:Checking  $2,000.00\n"
    "    Equity:Opening Balances\n"
    "2026-10-02 * Outside customer\n"  // 5
    "    Assets:Alpha:Checking  $1,000.00\n"
    "    Income:Alpha:Sales\n"
    "2026-10-05 * Beta pays Alpha for design work\n"  // 8
    "    Expenses:Beta:Design  $300.00\n"
    "    Assets:Beta:Checking  -$300.00\n"
    "    Assets:Alpha:Checking  $300.00\n"
    "    Income:Alpha:Design  -$300.00\n"
    "2026-10-08 * Owner transfer\n"  // 13
    "    Assets:Alpha:Checking  -$200.00\n"
    "    Assets:Beta:Checking  $200.00\n"
    "2026-10-10 * Insurer\n"  // 16
    "    Expenses:Alpha:Insurance  $50.00\n"
    "    Expenses:Beta:Insurance  $50.00\n"
    "    Assets:Alpha:Checking  -$100.00\n"
    "2026-10-12 * Owner puts money in\n"  // 20
    "    Assets:Alpha:Checking  $100.00\n"
    "    Assets:Beta:Checking  $100.00\n"
    "    Equity:Owner Contributions\n"
    "2026-10-20 * Gamma pays Alpha, outside the report\n"  // 24
    "    Expenses:Gamma:Design  $40.00\n"
    "    Assets:Gamma:Checking  -$40.00\n"
    "    Assets:Alpha:Checking  $40.00\n"
    "    Income:Alpha:Design  -$40.00\n";

std::vector<const Entity*> first_two(const Portfolio& p) {
  return {&p.entities[0], &p.entities[1]};
}

TEST(Totals, TheSumOfTheEntitiesLessWhatTheyPaidEachOther) {
  const Portfolio p = three_entities();
  const Dataset d = with_journal(k_journal);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t = portfolio_totals(ctx, first_two(p));

  ASSERT_EQ(t.entities.size(), 2u);
  const EntityTotals& alpha = t.entities[0];
  const EntityTotals& beta = t.entities[1];
  EXPECT_EQ(alpha.revenue, money("1340.00"));  // outside 1,000 + Beta 300 + Gamma 40
  EXPECT_EQ(alpha.expenses, money("50.00"));
  EXPECT_EQ(beta.revenue, money("0.00"));
  EXPECT_EQ(beta.expenses, money("350.00"));
  EXPECT_EQ(alpha.cash, money("6140.00"));
  EXPECT_EQ(beta.cash, money("2000.00"));

  // Beta paying Alpha is left out of revenue and expenses; Gamma is outside
  // the scope, so what it paid is revenue of the scope.
  EXPECT_EQ(t.internal.revenue, money("300.00"));
  // 300 for the design work and 200 of owner transfer; the insurer (one
  // entity's cash for both) and the owner's money in move nothing between them.
  EXPECT_EQ(t.internal.moved, money("500.00"));
  EXPECT_EQ(t.internal.transactions, 2);
  EXPECT_EQ(t.internal.places, (std::vector<std::string>{"books.journal:8", "books.journal:13"}));

  EXPECT_EQ(t.revenue, alpha.revenue + beta.revenue - t.internal.revenue);
  EXPECT_EQ(t.expenses, alpha.expenses + beta.expenses - t.internal.revenue);
  EXPECT_EQ(t.net, alpha.net + beta.net);
  EXPECT_EQ(t.cash, alpha.cash + beta.cash);
  EXPECT_EQ(t.revenue, money("1040.00"));
  EXPECT_EQ(t.expenses, money("100.00"));
  EXPECT_EQ(t.net, money("940.00"));
  EXPECT_EQ(t.cash, money("8140.00"));
  // Alpha's cash grew 1,140.00 over three months, Beta's not at all.
  ASSERT_TRUE(alpha.burn.has_value());
  EXPECT_EQ(*alpha.burn, money("-380.00"));
  EXPECT_EQ(*beta.burn, money("0.00"));
  EXPECT_EQ(*t.burn, money("-380.00"));
  EXPECT_EQ(t.runway.state, Runway::State::not_burning);
  EXPECT_EQ(t.runway.to_display(), "not burning");
}

TEST(Totals, AllThreeEntitiesMakeGammasPaymentInternalToo) {
  const Portfolio p = three_entities();
  Dataset d = with_journal(k_journal);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t = portfolio_totals(ctx, {&p.entities[0], &p.entities[1], &p.entities[2]});
  EXPECT_EQ(t.internal.revenue, money("340.00"));
  EXPECT_EQ(t.internal.moved, money("540.00"));
  EXPECT_EQ(t.internal.transactions, 3);
  Money revenue, expenses, net, cash;
  for (const auto& e : t.entities) {
    revenue += e.revenue;
    expenses += e.expenses;
    net += e.net;
    cash += e.cash;
  }
  EXPECT_EQ(t.revenue, revenue - t.internal.revenue);
  EXPECT_EQ(t.expenses, expenses - t.internal.revenue);
  EXPECT_EQ(t.net, net);
  EXPECT_EQ(t.cash, cash);
  EXPECT_EQ(t.revenue, money("1000.00"));  // only the outside customer
}

TEST(Totals, OneEntityAloneHasNothingInternal) {
  const Portfolio p = three_entities();
  const Dataset d = with_journal(k_journal);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t = portfolio_totals(ctx, {&p.entities[0]});
  EXPECT_EQ(t.internal.transactions, 0);
  EXPECT_EQ(t.revenue, money("1340.00"));
}

TEST(Totals, CashBelowZeroIsOverdrawnNeverANegativeRunway) {
  const Portfolio p = three_entities();
  const Dataset d = with_journal(
      "2026-07-01 * Opening balances\n"
      "    Assets:Gamma:Checking  $900.00\n"
      "    Equity:Opening Balances\n"
      "2026-09-15 * Boat repair\n"
      "    Expenses:Gamma:Repairs  $1,500.00\n"
      "    Assets:Gamma:Checking\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t = portfolio_totals(ctx, {&p.entities[2]});
  ASSERT_EQ(t.entities.size(), 1u);
  EXPECT_EQ(t.entities[0].cash, money("-600.00"));
  EXPECT_EQ(*t.entities[0].burn, money("500.00"));
  EXPECT_EQ(t.entities[0].runway.state, Runway::State::overdrawn);
  EXPECT_FALSE(t.entities[0].runway.months.has_value());
  EXPECT_EQ(t.runway.to_display(), "overdrawn");
}

TEST(Totals, RunwayInMonthsWhenBurning) {
  const Runway r = runway_of(money("5600.00"), money("1000.00"));
  EXPECT_EQ(r.state, Runway::State::months);
  EXPECT_EQ(r.to_display(), "5.6 months");
  EXPECT_EQ(runway_of(std::nullopt, std::nullopt).to_display(), "no cash account");
  EXPECT_EQ(runway_of(money("0.00"), money("0.00")).to_display(), "not burning");
}

TEST(Totals, EntitiesWithoutPostingsAreNamed) {
  const Portfolio p = three_entities();
  const Dataset d = with_journal(k_journal);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t = portfolio_totals(ctx, {&p.entities[0], &p.entities[2]});
  EXPECT_TRUE(t.without_books.empty());  // Gamma has postings
  Portfolio more = three_entities();
  more.entities.push_back(entity("delta", "Delta", "Delta"));
  const AnalysisContext ctx2(more, d, *Date::parse("2026-11-16"));
  const PortfolioTotals t2 = portfolio_totals(ctx2, {&more.entities[3]});
  EXPECT_EQ(t2.without_books, std::vector<std::string>{"Delta"});
  EXPECT_FALSE(t2.entities[0].has_books);
}

// The reference portfolio: no transaction moves money between two of its
// businesses (the opening balances and the owner's top-ups come from
// equity), so the totals are the plain sums.
TEST(Totals, ReferencePortfolioTotalsAreTheSumsOfTheEntities) {
  const MapEnvironment env;
  const auto loaded = load_portfolio(QD_SOURCE_DIR "/examples/portfolio", env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  Diagnostics diags;
  const Dataset data = load_dataset(loaded.portfolio, diags);
  const AnalysisContext ctx(loaded.portfolio, data, *Date::parse("2026-11-16"));
  std::vector<const Entity*> scope;
  for (const auto& e : loaded.portfolio.entities) scope.push_back(&e);
  const PortfolioTotals t = portfolio_totals(ctx, scope);
  ASSERT_EQ(t.entities.size(), 7u);
  Money revenue, expenses, cash, burn;
  for (const auto& e : t.entities) {
    revenue += e.revenue;
    expenses += e.expenses;
    cash += e.cash;
    if (e.burn) burn += *e.burn;
  }
  EXPECT_EQ(t.internal.transactions, 0);
  EXPECT_EQ(t.internal.revenue, Money());
  EXPECT_EQ(t.revenue, revenue);
  EXPECT_EQ(t.expenses, expenses);
  EXPECT_EQ(t.net, revenue - expenses);
  EXPECT_EQ(t.cash, cash);
  EXPECT_EQ(*t.burn, burn);
  // As the CFO report's P&L and runway tables show them, added up.
  EXPECT_EQ(t.revenue.to_display(), "$36,082.50");
  EXPECT_EQ(t.expenses.to_display(), "$35,516.65");
  EXPECT_EQ(t.net.to_display(), "$565.85");
  EXPECT_EQ(t.cash.to_display(), "$551,600.08");
  EXPECT_EQ(t.burn->to_display(), "-$8,796.49");
  EXPECT_EQ(t.runway.to_display(), "not burning");
}

}  // namespace
}  // namespace quarterdeck
