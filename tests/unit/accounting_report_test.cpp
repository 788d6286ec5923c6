// The accounting report's findings and chart of accounts over small journals.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "analyze/finance.hpp"
#include "analyze/findings.hpp"
#include "analyze/report_builder.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Portfolio two_entities() {
  Portfolio p;
  p.currency = "USD";
  Entity alpha;
  alpha.id = "alpha";
  alpha.name = "Alpha";
  alpha.account = "Alpha";
  Entity beta;
  beta.id = "beta";
  beta.name = "Beta";
  beta.account = "Beta";
  p.entities = {alpha, beta};
  p.data.entity_tag = "entity";
  return p;
}

Dataset with_journal(std::string_view text) {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(text, "books.journal", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  return d;
}

const Finding* find(const std::vector<Finding>& findings, std::string_view id) {
  const auto it = std::ranges::find(findings, id, &Finding::id);
  return it == findings.end() ? nullptr : &*it;
}

TEST(AccountingFindings, PostingsInAnotherCurrencyAreReported) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(
      "2026-10-01 * Sale\n"
      "    Assets:Alpha:Checking  $100.00\n"
      "    Income:Alpha:Sales\n"
      "2026-10-02 * Ferry in Spain\n"
      "    Expenses:Beta:Travel  €40.00\n"
      "    Liabilities:Beta:Card\n"
      "2026-10-03 * Hotel in Spain\n"
      "    Expenses:Beta:Travel  120.00 EUR\n"
      "    Liabilities:Beta:Card\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const auto findings = detect_findings(ctx);
  const Finding* f = find(findings, "left-out-eur");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(f->category, "accounting");
  EXPECT_EQ(f->entity, "beta");
  EXPECT_EQ(f->title, "Beta: 4 postings in EUR are left out of the books");
  ASSERT_EQ(f->evidence.size(), 5U);
  EXPECT_EQ(f->evidence[0].source, "books.journal:5");
  EXPECT_EQ(f->evidence[2].source, "books.journal:8");
  EXPECT_EQ(f->evidence[4].source, "books.journal");
  EXPECT_NE(f->evidence[4].detail.find("4 postings"), std::string::npos);
  EXPECT_NE(f->recommendation.find("USD"), std::string::npos);
  // Only one finding for `€` and `EUR`, and none for the dollars.
  EXPECT_EQ(std::ranges::count_if(findings, [](const Finding& x) { return x.id.starts_with("left-out-"); }), 1);
}

TEST(AccountingFindings, SubCentAmountsAreReported) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(
      "2026-10-01 * Card fee\n"
      "    Expenses:Alpha:Bank Fees  $0.125\n"
      "    Assets:Alpha:Checking\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const auto findings = detect_findings(ctx);
  const Finding* f = find(findings, "left-out-sub-cent");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->title, "Alpha: 2 postings in $ finer than a cent are left out of the books");
}

std::vector<std::vector<std::string>> chart_rows(const ReportDocument& doc) {
  const auto it = std::ranges::find(doc.sections, std::string("accounts"), &Section::id);
  return it == doc.sections.end() ? std::vector<std::vector<std::string>>{} : it->rows;
}

constexpr std::string_view k_two_entities =
    "2026-01-01 * Opening balances\n"
    "    Assets:Alpha:Checking  $1,000.00\n"
    "    Assets:Beta:Checking  $500.00\n"
    "    Equity:Opening Balances\n"
    "2026-10-01 * Fuel\n"
    "    Expenses:Alpha:Fuel  $10.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-10-02 * Rent\n"
    "    Expenses:Alpha:Rent  $5.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-10-03 * Fuel\n"
    "    Expenses:Beta:Fuel  $40.00\n"
    "    Assets:Beta:Checking\n"
    "2026-10-04 * Insurer, group policy\n"
    "    Expenses:Shared:Insurance  $7.00  ; entity: alpha\n"
    "    Expenses:Shared:Insurance  $3.00  ; entity: beta\n"
    "    Assets:Alpha:Checking\n";

// A report on one entity: every row, the top ones too, sums only its postings.
TEST(ChartOfAccounts, NarrowScopeSumsOnlyItsPostings) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(k_two_entities);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  ReportDefinition def;
  def.id = "accounting-alpha";
  def.persona = "accounting";
  def.sections = {"accounts", "expenses", "recommended-chart", "profitability-roadmap"};
  def.scope = {"alpha"};
  const auto rows = chart_rows(build_report(def, ctx, {}));
  const std::vector<std::vector<std::string>> expected = {
      {"Assets:Alpha:Checking", "$975.00"},
      {"Expenses", "$22.00"},
      {"  Alpha", "$15.00"},
      {"    Fuel", "$10.00"},
      {"    Rent", "$5.00"},
      {"  Shared:Insurance", "$7.00"},
  };
  EXPECT_EQ(rows, expected);
}

TEST(ChartOfAccounts, WholePortfolioShowsEveryPosting) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(k_two_entities);
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  ReportDefinition def;
  def.id = "accounting";
  def.persona = "accounting";
  def.sections = {"accounts", "expenses", "recommended-chart", "profitability-roadmap"};
  const auto rows = chart_rows(build_report(def, ctx, {}));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front(), (std::vector<std::string>{"Assets", "$1,435.00"}));
  EXPECT_NE(std::ranges::find(rows, std::vector<std::string>{"Equity:Opening Balances", "$-1,500.00"}), rows.end());
  EXPECT_NE(std::ranges::find(rows, std::vector<std::string>{"Expenses", "$65.00"}), rows.end());
}

// The checks below count a posting for the entity build_books gives it: a
// tagged one for its tag's entity, not for the entity its account names.

TEST(EntityTagChecks, UnknownPostingsGoToTheTaggedEntity) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(
      "2026-10-01 * Card line\n"
      "    Expenses:Alpha:Unknown  $12.00\n"
      "    Assets:Alpha:Checking\n"
      "2026-10-02 * Card line\n"
      "    Expenses:Alpha:Unknown  $5.00  ; entity: beta\n"
      "    Assets:Alpha:Checking\n"
      "2026-10-03 * Card line\n"
      "    Expenses:Group:Unknown  $7.00  ; entity: beta\n"
      "    Assets:Beta:Checking\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const auto findings = detect_findings(ctx);
  // The untagged posting keeps the finding it always had, alone now.
  const Finding* own = find(findings, "uncategorised-expenses-alpha-unknown");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->entity, "alpha");
  EXPECT_EQ(own->title, "1 uncategorised posting in Expenses:Alpha:Unknown ($12.00)");
  const Finding* tagged = find(findings, "uncategorised-expenses-alpha-unknown-beta");
  ASSERT_NE(tagged, nullptr);
  EXPECT_EQ(tagged->entity, "beta");
  EXPECT_EQ(tagged->title, "Beta: 1 uncategorised posting in Expenses:Alpha:Unknown ($5.00)");
  ASSERT_EQ(tagged->evidence.size(), 1U);
  EXPECT_EQ(tagged->evidence[0].source, "books.journal:5");
  const Finding* pooled = find(findings, "uncategorised-expenses-group-unknown-beta");
  ASSERT_NE(pooled, nullptr);
  EXPECT_EQ(pooled->entity, "beta");
  EXPECT_EQ(pooled->title, "Beta: 1 uncategorised posting in Expenses:Group:Unknown ($7.00)");
}

TEST(EntityTagChecks, UnusualExpenseOfTheTaggedEntity) {
  const Portfolio p = two_entities();
  const Dataset d = with_journal(
      "2026-07-05 * Insurer\n"
      "    Expenses:Alpha:Insurance  $50.00  ; entity: beta\n"
      "    Assets:Beta:Checking\n"
      "2026-08-05 * Insurer\n"
      "    Expenses:Alpha:Insurance  $50.00  ; entity: beta\n"
      "    Assets:Beta:Checking\n"
      "2026-09-05 * Insurer\n"
      "    Expenses:Alpha:Insurance  $50.00  ; entity: beta\n"
      "    Assets:Beta:Checking\n"
      "2026-10-05 * Insurer\n"
      "    Expenses:Alpha:Insurance  $300.00  ; entity: beta\n"
      "    Assets:Beta:Checking\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const auto findings = detect_findings(ctx);
  EXPECT_EQ(find(findings, "unusual-expense-alpha-10"), nullptr);
  const Finding* f = find(findings, "unusual-expense-beta-10");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->entity, "beta");
  // The real account, not one made up from the entity's segment.
  EXPECT_EQ(f->title, "Beta: unusual Expenses:Alpha:Insurance expense of $300.00 (Insurer), 6x the usual");
  ASSERT_EQ(f->evidence.size(), 1U);
  EXPECT_EQ(f->evidence[0].source, "books.journal:11");
}

Booking deposit(std::string entity, std::string id, std::string_view service) {
  Booking b;
  b.entity = std::move(entity);
  b.id = std::move(id);
  b.customer = "Smith";
  b.booked_on = *Date::parse("2026-09-28");
  b.service_date = *Date::parse(service);
  b.amount = Money(50000);
  b.status = "confirmed";
  return b;
}

TEST(EntityTagChecks, EarlyIncomeOfTheTaggedEntity) {
  Portfolio p = two_entities();
  p.entities[0].kind = "charter";
  p.entities[1].kind = "charter";
  Dataset d = with_journal(
      "2026-10-01 * Smith\n"
      "    Assets:Alpha:Checking  $300.00\n"
      "    Income:Alpha:Charters  $-300.00  ; entity: beta\n"
      "2026-10-02 * Smith\n"
      "    Assets:Beta:Checking  $100.00\n"
      "    Income:Group:Charters  $-100.00  ; entity: beta\n");
  d.bookings = std::vector<Booking>{deposit("alpha", "A1", "2026-12-05"), deposit("beta", "B1", "2026-12-12")};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  EXPECT_TRUE(income_before_service(p.entities[0], ctx).empty());
  const auto early = income_before_service(p.entities[1], ctx);
  ASSERT_EQ(early.size(), 2U);
  EXPECT_EQ(early[0].where, "books.journal:3");
  EXPECT_EQ(early[0].booking_id, "B1");
  EXPECT_EQ(early[1].where, "books.journal:6");
  const auto findings = detect_findings(ctx);
  EXPECT_EQ(find(findings, "revenue-recognition-alpha"), nullptr);
  EXPECT_NE(find(findings, "revenue-recognition-beta"), nullptr);
}

std::optional<Section> recommended_chart_of(const Portfolio& p, const Dataset& d) {
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  ReportDefinition def;
  def.id = "accounting";
  def.persona = "accounting";
  def.sections = {"accounts", "expenses", "recommended-chart", "profitability-roadmap"};
  const ReportDocument doc = build_report(def, ctx, {});
  const auto it = std::ranges::find(doc.sections, std::string("recommended-chart"), &Section::id);
  if (it == doc.sections.end()) return std::nullopt;
  return *it;
}

TEST(EntityTagChecks, RecommendedChartForTheEntityWithTheUnknownPosting) {
  Portfolio p = two_entities();
  p.entities[0].kind = "charter";
  p.entities[1].kind = "service";
  const Dataset d = with_journal(
      "2026-10-01 * Charter\n"
      "    Assets:Alpha:Checking  $900.00\n"
      "    Income:Alpha:Charters\n"
      "2026-10-02 * Job\n"
      "    Assets:Beta:Checking  $200.00\n"
      "    Income:Beta:Jobs\n"
      "2026-10-03 * Card line\n"
      "    Expenses:Beta:Unknown  $4.00  ; entity: alpha\n"
      "    Assets:Alpha:Checking\n");
  const auto chart = recommended_chart_of(p, d);
  ASSERT_TRUE(chart);
  // The Unknown posting is Alpha's, though under Beta's segment; Beta's
  // books are in order.
  EXPECT_NE(chart->note.find("Alpha (postings to an Unknown account)"), std::string::npos) << chart->note;
  EXPECT_EQ(chart->note.find("Beta"), std::string::npos) << chart->note;
  ASSERT_FALSE(chart->rows.empty());
  EXPECT_EQ(chart->rows.front()[0], "Alpha");
  EXPECT_EQ(chart->rows.back()[0], "Alpha");
}

TEST(EntityTagChecks, RecommendedChartCountsTheEntitysPostings) {
  Portfolio p = two_entities();
  p.entities[0].kind = "charter";
  const Dataset d = with_journal(
      "account Expenses:Alpha:Marina\n"
      "2026-10-01 * Opening\n"
      "    Assets:Alpha:Checking  $900.00\n"
      "    Equity:Opening Balances\n"
      "2026-10-03 * Insurer, group policy\n"
      "    Expenses:Group:Insurance  $30.00  ; entity: alpha\n"
      "    Expenses:Alpha:Fuel  $20.00  ; entity: beta\n"
      "    Assets:Alpha:Checking\n");
  const auto chart = recommended_chart_of(p, d);
  ASSERT_TRUE(chart);
  const std::vector<std::vector<std::string>> expected = {
      {"Alpha", "Assets:Alpha:Checking", "yes"},
      {"Alpha", "Liabilities:Alpha:Customer Deposits", "no"},
      {"Alpha", "Income:Alpha:Charters", "no"},
      {"Alpha", "Expenses:Alpha:Fuel", "no"},        // its one posting is Beta's
      {"Alpha", "Expenses:Alpha:Marina", "yes"},     // declared, not used
      {"Alpha", "Expenses:Alpha:Crew", "no"},
      {"Alpha", "Expenses:Alpha:Maintenance", "no"},
      {"Alpha", "Expenses:Alpha:Insurance", "yes"},  // Expenses:Group:Insurance, tagged
      {"Alpha", "Expenses:Alpha:Marketing", "no"},
  };
  EXPECT_EQ(chart->rows, expected);
}

}  // namespace
}  // namespace quarterdeck
