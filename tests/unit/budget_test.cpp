#include "analyze/budget.hpp"

#include <gtest/gtest.h>

#include "analyze/findings.hpp"
#include "analyze/sections/budget.hpp"
#include "ingest/journal_periodic.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Date date(std::string_view s) {
  return *Date::parse(s);
}

// ---- period expressions ----

TEST(PeriodExpression, Words) {
  const auto monthly = parse_period_expression("monthly");
  ASSERT_TRUE(monthly);
  EXPECT_EQ(monthly->unit, PeriodUnit::month);
  EXPECT_EQ(monthly->every, 1);
  EXPECT_FALSE(monthly->begin);
  EXPECT_FALSE(monthly->end);
  for (const auto& [text, unit, every] :
       std::vector<std::tuple<std::string, PeriodUnit, int>>{{"Weekly", PeriodUnit::week, 1},
                                                             {"quarterly", PeriodUnit::quarter, 1},
                                                             {"yearly", PeriodUnit::year, 1},
                                                             {"biweekly", PeriodUnit::week, 2},
                                                             {"every 2 weeks", PeriodUnit::week, 2},
                                                             {"every month", PeriodUnit::month, 1},
                                                             {"every 3 months", PeriodUnit::month, 3},
                                                             {"daily", PeriodUnit::day, 1}}) {
    const auto p = parse_period_expression(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->unit, unit) << text;
    EXPECT_EQ(p->every, every) << text;
  }
}

TEST(PeriodExpression, Bounds) {
  const auto p = parse_period_expression("monthly from 2026-01-01 to 2026-12-31");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->begin, date("2026-01-01"));
  EXPECT_EQ(p->end, date("2026-12-31"));
  const auto in = parse_period_expression("monthly in 2026");
  ASSERT_TRUE(in);
  EXPECT_EQ(in->begin, date("2026-01-01"));
  EXPECT_EQ(in->end, date("2027-01-01"));
  const auto month = parse_period_expression("weekly from 2026-03-09");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->begin, date("2026-03-09"));
}

TEST(PeriodExpression, RefusedWithTheWordAndWhatWasExpected) {
  const auto nth = parse_period_expression("every 15th day of month");
  ASSERT_FALSE(nth);
  EXPECT_EQ(nth.error().column, 6);
  EXPECT_EQ(nth.error().message, "unsupported period");
  EXPECT_EQ(nth.error().found, "`15th`");
  const auto mid = parse_period_expression("monthly from 2026-01-15");
  ASSERT_FALSE(mid);
  EXPECT_EQ(mid.error().column, 13);
  EXPECT_EQ(mid.error().message, "period start not at the start of an interval");
  EXPECT_EQ(mid.error().expected, "the first day of a month (the 1st)");
  EXPECT_EQ(mid.error().found, "`2026-01-15`");
  const auto thursday = parse_period_expression("weekly from 2026-01-01");
  ASSERT_FALSE(thursday);
  EXPECT_EQ(thursday.error().expected, "the first day of a week (a Monday)");
  const auto bad_date = parse_period_expression("monthly to 2026-13-01");
  ASSERT_FALSE(bad_date);
  EXPECT_EQ(bad_date.error().message, "invalid date in period");
  EXPECT_EQ(bad_date.error().column, 11);
  const auto word = parse_period_expression("fortnight");
  ASSERT_FALSE(word);
  EXPECT_EQ(word.error().column, 0);
  EXPECT_EQ(word.error().found, "`fortnight`");
  const auto empty = parse_period_expression("monthly from 2026-03-01 to 2026-02-01");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "empty period");
}

TEST(PeriodExpression, Occurrences) {
  const auto weekly = *parse_period_expression("weekly from 2026-03-09");
  EXPECT_EQ(period_occurrences(weekly, date("2026-03-01"), date("2026-04-01")),
            (std::vector<Date>{date("2026-03-09"), date("2026-03-16"), date("2026-03-23"), date("2026-03-30")}));
  // Every two weeks from the week holding the start (Monday 23 February).
  const auto two = *parse_period_expression("every 2 weeks");
  EXPECT_EQ(period_occurrences(two, date("2026-03-01"), date("2026-04-01")),
            (std::vector<Date>{date("2026-03-09"), date("2026-03-23")}));
  const auto quarterly = *parse_period_expression("quarterly");
  EXPECT_EQ(period_occurrences(quarterly, date("2026-02-01"), date("2026-08-01")),
            (std::vector<Date>{date("2026-04-01"), date("2026-07-01")}));
  const auto bounded = *parse_period_expression("monthly from 2026-02-01 to 2026-03-31");
  EXPECT_EQ(period_occurrences(bounded, date("2026-01-01"), date("2026-12-31")),
            (std::vector<Date>{date("2026-02-01"), date("2026-03-01")}));
}

// A start long before the window: the same dates as counting every interval
// from it (counted here one by one), without the walk.
TEST(PeriodExpression, OccurrencesFromAFarStart) {
  const auto daily = *parse_period_expression("daily from 1900-01-01");
  const auto march = period_occurrences(daily, date("2026-03-01"), date("2026-04-01"));
  ASSERT_EQ(march.size(), 31u);
  EXPECT_EQ(march.front(), date("2026-03-01"));
  const auto weeks = *parse_period_expression("every 3 weeks from 1900-01-01");  // a Monday
  std::vector<Date> expected;
  for (Date d = date("1900-01-01"); d < date("2026-07-01"); d = d.plus_days(21)) {
    if (d >= date("2026-01-01")) expected.push_back(d);
  }
  EXPECT_EQ(period_occurrences(weeks, date("2026-01-01"), date("2026-07-01")), expected);
  const auto months = *parse_period_expression("every 5 months from 1900-01-01");
  EXPECT_EQ(period_occurrences(months, date("2026-01-01"), date("2026-12-31")),
            (std::vector<Date>{date("2026-04-01"), date("2026-09-01")}));  // 1900-01 + 5 * 303, 304 months
}

// ---- the journal's `~` ----

TEST(PeriodicTransaction, KeptApartFromTheBooksAndBalanced) {
  Diagnostics d;
  const Journal j = parse_journal(
      "~ monthly  Household budget\n"
      "    Expenses:Alpha:Fuel      $1,000.00\n"
      "    Income:Alpha:Charters   -$4,000.00\n"
      "    Assets:Alpha:Checking\n"
      "\n"
      "2026-01-10 Fuel\n"
      "    Expenses:Alpha:Fuel  $900.00\n"
      "    Assets:Alpha:Checking\n",
      "books.journal", d);
  ASSERT_TRUE(d.empty()) << all(d);
  ASSERT_EQ(j.transactions.size(), 1u);
  EXPECT_EQ(j.postings.size(), 2u);
  ASSERT_EQ(j.periodic.size(), 1u);
  const PeriodicTransaction& pt = j.periodic[0];
  EXPECT_EQ(pt.expression, "monthly");
  EXPECT_EQ(pt.description, "Household budget");
  EXPECT_EQ(pt.line, 1u);
  const auto postings = j.postings_of(pt);
  ASSERT_EQ(postings.size(), 3u);
  EXPECT_EQ(j.account_name(postings[2]), "Assets:Alpha:Checking");
  EXPECT_EQ(postings[2].quantity, 300000);  // the elided posting balances it
  EXPECT_TRUE(postings[2].elided);
}

TEST(PeriodicTransaction, ErrorsAreLocated) {
  Diagnostics d;
  parse_journal(
      "~ every 15th day of month\n"
      "    Expenses:A  $1.00\n"
      "    Assets:B\n"
      "\n"
      "~ monthly\n"
      "    Expenses:A  $1.00\n"
      "    Assets:B  $-2.00\n",
      "books.journal", d);
  ASSERT_EQ(d.size(), 2u) << all(d);
  EXPECT_EQ(d[0].where.line, 1);
  EXPECT_EQ(d[0].where.column, 9);
  EXPECT_EQ(d[0].message, "unsupported period");
  EXPECT_EQ(d[0].found, "`15th`");
  EXPECT_EQ(d[1].where.line, 5);
  EXPECT_EQ(d[1].message, "transaction does not balance");
}

// ---- budget against actual ----

Portfolio two_entities() {
  Portfolio p;
  p.currency = "USD";
  Entity a;
  a.id = "alpha";
  a.name = "Alpha Charters";
  a.kind = "charter";
  a.account = "Alpha";
  Entity b;
  b.id = "beta";
  b.name = "Beta Services";
  b.kind = "service";
  b.account = "Beta";
  p.entities = {a, b};
  return p;
}

constexpr std::string_view k_books =
    "~ monthly from 2026-01-01\n"
    "    Expenses:Alpha:Fuel      $1,000.00\n"
    "    Expenses:Alpha:Dockage   $500.00\n"
    "    Income:Alpha:Charters   -$4,000.00\n"
    "    Assets:Alpha:Checking\n"
    "\n"
    "~ weekly from 2026-03-09\n"
    "    Expenses:Alpha:Crew   $100.00\n"
    "    Assets:Alpha:Checking\n"
    "\n"
    "2025-12-31 Opening\n"
    "    Assets:Alpha:Checking  $10,000.00\n"
    "    Equity:Opening\n"
    "2026-01-10 Fuel\n"
    "    Expenses:Alpha:Fuel  $900.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-02-10 Fuel\n"
    "    Expenses:Alpha:Fuel  $1,100.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-03-10 Fuel, dock and crew\n"
    "    Expenses:Alpha:Fuel  $1,500.00\n"
    "    Expenses:Alpha:Dockage  $500.00\n"
    "    Expenses:Alpha:Crew  $450.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-03-20 Charter\n"
    "    Assets:Alpha:Checking  $3,000.00\n"
    "    Income:Alpha:Charters\n"
    "2026-03-21 Rent\n"
    "    Expenses:Beta:Rent  $10.00\n"
    "    Assets:Beta:Checking\n";

Dataset dataset(std::string_view text) {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(text, "data/books.journal", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  return d;
}

const BudgetComparison& row(const EntityBudget& b, std::string_view category) {
  for (const auto& r : b.rows) {
    if (r.category == category) return r;
  }
  throw std::runtime_error("no row " + std::string(category));
}

TEST(Budget, PercentRoundsHalfAwayFromZero) {
  EXPECT_EQ(percent_used(125, 1000), 13);
  EXPECT_EQ(percent_used(-125, 1000), -13);
  EXPECT_EQ(percent_used(175, 1000), 18);
  EXPECT_EQ(percent_used(1, 3), 33);
  EXPECT_EQ(percent_used(2, 3), 67);
  EXPECT_EQ(percent_used(150000, 100000), 150);
  EXPECT_EQ(percent_used(5, 0), std::nullopt);
}

// As of 10 April 2026 the month is March 2026.
TEST(Budget, MonthAndYearToDate) {
  const Portfolio p = two_entities();
  const Dataset d = dataset(k_books);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  const auto b = entity_budget(ctx, p.entities[0]);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->month, Month(2026, 3));
  ASSERT_EQ(b->rows.size(), 4u);
  // Over budget first (by the month's overspend), then revenue behind, then the rest.
  EXPECT_EQ(b->rows[0].category, "Fuel");
  EXPECT_EQ(b->rows[1].category, "Crew");
  EXPECT_EQ(b->rows[2].category, "Revenue");
  EXPECT_EQ(b->rows[3].category, "Dockage");
  const BudgetComparison& fuel = row(*b, "Fuel");
  EXPECT_EQ(fuel.budget_month, Money(100000));
  EXPECT_EQ(fuel.actual_month, Money(150000));
  EXPECT_EQ(fuel.ytd_from, Month(2026, 1));
  EXPECT_EQ(fuel.budget_ytd, Money(300000));
  EXPECT_EQ(fuel.actual_ytd, Money(350000));
  EXPECT_EQ(fuel.sources, (std::vector<std::string>{"data/books.journal:2"}));
  EXPECT_EQ(fuel.accounts, (std::vector<std::string>{"Expenses:Alpha:Fuel"}));
  const BudgetComparison& revenue = row(*b, "Revenue");
  EXPECT_TRUE(revenue.income);
  EXPECT_EQ(revenue.budget_month, Money(400000));
  EXPECT_EQ(revenue.actual_month, Money(300000));
  EXPECT_EQ(revenue.budget_ytd, Money(1200000));
  EXPECT_EQ(revenue.actual_ytd, Money(300000));
  EXPECT_TRUE(revenue.over_month());
}

// A weekly budget from Monday 9 March counts the four Mondays of March from
// it; its year starts in March, so January's and February's actuals are not
// held against it.
TEST(Budget, PartialFirstMonth) {
  const Portfolio p = two_entities();
  const Dataset d = dataset(k_books);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  const auto b = entity_budget(ctx, p.entities[0]);
  ASSERT_TRUE(b);
  const BudgetComparison& crew = row(*b, "Crew");
  EXPECT_EQ(crew.budget_month, Money(40000));
  EXPECT_EQ(crew.actual_month, Money(45000));
  EXPECT_EQ(crew.ytd_from, Month(2026, 3));
  EXPECT_EQ(crew.budget_ytd, Money(40000));
  EXPECT_EQ(crew.actual_ytd, Money(45000));
}

TEST(Budget, BudgetFileWinsForItsAccounts) {
  const Portfolio p = two_entities();
  Dataset d = dataset(k_books);
  d.budget_file = "data/budget.csv";
  Diagnostics diags;
  d.budget = parse_budget_csv(
      "entity,account,period,amount\n"
      "alpha,Fuel,monthly,1200.00\n"
      "alpha,Fuel,2026-03,2000.00\n",
      "data/budget.csv", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  const auto b = entity_budget(ctx, p.entities[0]);
  ASSERT_TRUE(b);
  const BudgetComparison& fuel = row(*b, "Fuel");
  EXPECT_EQ(fuel.budget_month, Money(200000));
  EXPECT_EQ(fuel.budget_ytd, Money(440000));  // 1,200 + 1,200 + 2,000
  EXPECT_EQ(fuel.sources, (std::vector<std::string>{"data/budget.csv:2", "data/budget.csv:3"}));
  EXPECT_FALSE(fuel.over_month());
  EXPECT_TRUE(row(*b, "Dockage").budget_month == Money(50000));  // still the journal's
}

TEST(Budget, BadRowsAreLocated) {
  Diagnostics d;
  const auto rows = parse_budget_csv(
      "entity,account,period,amount\n"
      "alpha,Fuel,weekly,10.00\n"
      "alpha,Fuel,monthly,-5.00\n"
      "alpha,,monthly,5.00\n",
      "data/budget.csv", d);
  EXPECT_TRUE(rows.empty());
  ASSERT_EQ(d.size(), 3u) << all(d);
  EXPECT_EQ(d[0].where.line, 2);
  EXPECT_EQ(d[0].where.column, 12);
  EXPECT_EQ(d[0].message, "invalid `period`");
  EXPECT_EQ(d[0].expected, "`monthly` or a month YYYY-MM");
  EXPECT_EQ(d[0].found, "`weekly`");
  EXPECT_EQ(d[1].where.line, 3);
  EXPECT_EQ(d[1].message, "invalid `amount`");
  EXPECT_EQ(d[2].where.line, 4);
  EXPECT_EQ(d[2].message, "invalid `account`");
}

TEST(Budget, EntityWithoutBudgetIsNamedNotInvented) {
  const Portfolio p = two_entities();
  const Dataset d = dataset(k_books);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  EXPECT_FALSE(entity_budget(ctx, p.entities[1]));
  ReportDefinition def;
  ReportDocument doc;
  const std::vector<const Entity*> beta{&p.entities[1]};
  const auto only_beta = budget_section({ctx, def, beta, doc});
  ASSERT_EQ(only_beta.size(), 1u);
  EXPECT_TRUE(only_beta[0].rows.empty());
  EXPECT_TRUE(only_beta[0].columns.empty());
  EXPECT_EQ(only_beta[0].note,
            "No budget for Beta Services: add `~ monthly` transactions to the journal or rows to budget.csv "
            "(`[data] budget`).");
  const std::vector<const Entity*> both{&p.entities[0], &p.entities[1]};
  const auto s = budget_section({ctx, def, both, doc});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].title, "Budget against actual, March 2026");
  // The spending categories over budget, then the entity's total; Dockage is
  // within budget, and revenue is in the entity's own report.
  ASSERT_EQ(s[0].rows.size(), 3u);
  EXPECT_EQ(s[0].columns, (std::vector<std::string>{"Business", "Category", "March 2026", "Year to date", "budget",
                                                     "actual", "difference", "used", "budget_ytd", "actual_ytd",
                                                     "difference_ytd", "used_ytd", "accounts", "budget_lines"}));
  EXPECT_EQ(s[0].rows[0],
            (std::vector<std::string>{"Alpha Charters", "Fuel (over)", "$1,500.00 of $1,000.00 (150%)",
                                      "$3,500.00 of $3,000.00 (117%)", "1000.00", "1500.00", "500.00", "150%",
                                      "3000.00", "3500.00", "500.00", "117%", "Expenses:Alpha:Fuel",
                                      "data/books.journal:2"}));
  EXPECT_EQ(s[0].rows[1][1], "Crew (over)");
  EXPECT_EQ(s[0].rows[1][2], "$450.00 of $400.00 (113%)");  // 112.5% rounds away from zero
  EXPECT_EQ(s[0].rows[2][1], "Total spending");
  EXPECT_EQ(s[0].rows[2][2], "$2,450.00 of $1,900.00 (129%)");  // 1,000 + 500 + 400 budgeted
  EXPECT_NE(s[0].note.find("No budget for Beta Services"), std::string::npos);
}

// The entity's own report: every row, revenue included, then its total.
TEST(Budget, EntityReportShowsEveryRow) {
  const Portfolio p = two_entities();
  const Dataset d = dataset(k_books);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  ReportDefinition def;
  ReportDocument doc;
  const std::vector<const Entity*> alpha{&p.entities[0]};
  const auto s = budget_section({ctx, def, alpha, doc});
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].rows.size(), 5u);
  EXPECT_EQ(s[0].columns.front(), "Category");
  std::vector<std::string> labels;
  for (const auto& r : s[0].rows) labels.push_back(r[0]);
  EXPECT_EQ(labels, (std::vector<std::string>{"Fuel (over)", "Crew (over)", "Revenue (behind)", "Dockage",
                                              "Total spending"}));
  EXPECT_EQ(s[0].rows[2][1], "$3,000.00 of $4,000.00 (75%)");
  EXPECT_EQ(s[0].rows[2][2], "$3,000.00 of $12,000.00 (25%)");
  EXPECT_EQ(s[0].rows[3][1], "$500.00 of $500.00 (100%)");
  EXPECT_EQ(s[0].note, "Actual of budget (share used); the year from January or the budget's first month.");
}

TEST(Budget, OverspendingFindings) {
  const Portfolio p = two_entities();
  const Dataset d = dataset(k_books);
  const AnalysisContext ctx(p, d, date("2026-04-10"));
  std::vector<Finding> out;
  findings_detail::detect_budget(ctx, out);
  // One finding for the entity, naming both categories; the strongest severity.
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, "budget-alpha");
  EXPECT_EQ(out[0].severity, Severity::high);  // Fuel: the month 50% over (Crew alone: medium, 12.5%)
  EXPECT_EQ(out[0].title, "Alpha Charters: over budget in Fuel (150% in March 2026) and Crew (113% in March 2026)");
  EXPECT_EQ(out[0].subject, "budget");
  EXPECT_EQ(out[0].at_stake, Money(50000 + 5000));
  ASSERT_EQ(out[0].evidence.size(), 4u);
  EXPECT_EQ(out[0].evidence[0].source, "data/books.journal:2");
  EXPECT_EQ(out[0].evidence[0].detail, "Fuel budget $1,000.00 in March 2026, $3,000.00 for the year");
  EXPECT_EQ(out[0].evidence[1].detail, "Expenses:Alpha:Fuel: $1,500.00 in March 2026, $3,500.00 for the year");
  EXPECT_EQ(out[0].recommendation.substr(0, 45), "Find what pushed Alpha Charters' Fuel and Cre");
}

TEST(BudgetReport, MonthlyColumnsLikeHledger) {
  Diagnostics diags;
  const Journal j = parse_journal(k_books, "books.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const BudgetReport r = budget_report(j, {date("2026-03-01"), date("2026-04-01"), true});
  ASSERT_EQ(r.columns.size(), 1u);
  EXPECT_EQ(r.columns[0].label, "2026-03");
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[0].account, "Assets:Alpha:Checking");
  EXPECT_EQ(r.rows[2].account, "Expenses:Alpha:Dockage");
  EXPECT_EQ(r.rows[3].account, "Expenses:Alpha:Fuel");
  EXPECT_EQ(r.rows[3].cells[0].actual.begin()->second, 150000);
  EXPECT_EQ(r.rows[3].cells[0].budget.begin()->second, 100000);
  // Assets: -(1,000 + 500 - 4,000) a month and -100 on four Mondays.
  EXPECT_EQ(r.rows[0].cells[0].budget.begin()->second, 250000 - 40000);
}

}  // namespace
}  // namespace quarterdeck
