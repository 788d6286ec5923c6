// Entity kinds and seasons: retail sales and subscription metrics, season
// parsing, what is set aside outside a season, gaps in the books and cash
// below zero.
#include <gtest/gtest.h>

#include <algorithm>

#include "analyze/finance.hpp"
#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"
#include "analyze/report_builder.hpp"
#include "config/season.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Entity entity(std::string id, std::string kind, std::string account) {
  Entity e;
  e.id = std::move(id);
  e.name = "The " + e.id;
  e.kind = std::move(kind);
  e.account = std::move(account);
  e.file = "entities/" + e.id + ".toml";
  return e;
}

Portfolio portfolio_of(Entity e) {
  Portfolio p;
  p.currency = "USD";
  p.entities = {std::move(e)};
  return p;
}

Dataset journal(std::string_view text) {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(text, "books.journal", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  return d;
}

Booking charge(std::string entity, std::string customer, std::string_view date, std::int64_t cents,
               std::string status = "delivered") {
  Booking b;
  b.entity = std::move(entity);
  b.id = customer + "-" + std::string(date);
  b.customer = std::move(customer);
  b.booked_on = *Date::parse(date);
  b.service_date = *Date::parse(date);
  b.amount = Money(cents);
  b.status = std::move(status);
  b.invoiced = true;
  return b;
}

const Finding* find(const std::vector<Finding>& findings, std::string_view id) {
  const auto it = std::ranges::find(findings, id, &Finding::id);
  return it == findings.end() ? nullptr : &*it;
}

std::string evidence_of(const Finding& f) {
  std::string out;
  for (const auto& e : f.evidence) out += e.source + ": " + e.detail + "\n";
  return out;
}

// ---------------------------------------------------------------- seasons

TEST(Season, RangesSingleMonthsAndWrapAround) {
  EXPECT_EQ(*parse_season("Apr-Oct"), (std::vector<int>{4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(*parse_season("nov-FEB"), (std::vector<int>{1, 2, 11, 12}));
  EXPECT_EQ(*parse_season("June, Aug - September"), (std::vector<int>{6, 8, 9}));
  EXPECT_EQ(*parse_season("Dec"), (std::vector<int>{12}));
  EXPECT_TRUE(parse_season("Jan-Dec")->empty());  // all year
}

TEST(Season, ErrorsSayWhereWhatWasExpectedAndWhatWasFound) {
  const auto bad_month = parse_season("Apr-Okt");
  ASSERT_FALSE(bad_month.has_value());
  EXPECT_EQ(bad_month.error().offset, 4u);
  EXPECT_EQ(bad_month.error().expected, "a month such as `Apr` or `April` after `-`");
  EXPECT_EQ(bad_month.error().found, "`Okt`");

  const auto empty_part = parse_season("Apr-May, , Jul");
  ASSERT_FALSE(empty_part.has_value());
  EXPECT_EQ(empty_part.error().offset, 8u);
  EXPECT_EQ(empty_part.error().found, "an empty part");

  const auto number = parse_season("4-10");
  ASSERT_FALSE(number.has_value());
  EXPECT_EQ(number.error().offset, 0u);
  EXPECT_EQ(number.error().found, "`4`");

  const auto same = parse_season("Mar-mar");
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().expected, "a range of two different months, or one month alone");

  const auto dangling = parse_season("Sep-");
  ASSERT_FALSE(dangling.has_value());
  EXPECT_EQ(dangling.error().offset, 4u);
  EXPECT_EQ(dangling.error().found, "nothing");

  EXPECT_EQ(parse_season("").error().found, "an empty season");
}

TEST(Season, InWords) {
  Entity e = entity("a", "service", "A");
  EXPECT_EQ(describe_season(e), "all year");
  e.season = *parse_season("Nov-Feb");
  EXPECT_EQ(describe_season(e), "November to February");
  e.season = *parse_season("Jun, Aug-Sep");
  EXPECT_EQ(describe_season(e), "June, August to September");
  EXPECT_TRUE(in_season(e, Month(2026, 8)));
  EXPECT_FALSE(in_season(e, Month(2026, 7)));
}

// A charter closed from November to March, as of 2026-11-16 (period October):
// October's revenue target holds, the forward-bookings target and the
// pipeline alarm do not.
TEST(Season, OutOfSeasonSetsAsideForwardTargetsAndThePipelineAlarm) {
  Entity e = entity("boat", "charter", "Boat");
  e.unit = "charter";
  e.season = *parse_season("Apr-Oct");
  KpiDefinition revenue{"revenue", "Revenue", "revenue_month", 1000.0, "USD", {e.file, 10, 1}};
  KpiDefinition ahead{"ahead", "Booked ahead", "forward_bookings",
                      3.0,     "bookings",     {e.file, 16, 1}};
  e.kpis = {revenue, ahead};
  const Portfolio p = portfolio_of(e);
  Dataset d = journal(
      "2026-10-05 * Charter\n"
      "    Assets:Boat:Checking  $500.00\n"
      "    Income:Boat:Charters\n");
  d.bookings = std::vector<Booking>{charge("boat", "Ada", "2026-10-05", 50000)};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));

  EXPECT_FALSE(out_of_season("revenue_month", e, MetricPeriod::current(ctx)));
  EXPECT_TRUE(out_of_season("forward_bookings", e, MetricPeriod::current(ctx)));
  EXPECT_FALSE(out_of_season("cash", e, MetricPeriod::current(ctx)));

  ReportDefinition def;
  def.id = "boat";
  def.template_name = "service";
  def.scope = {"boat"};
  const std::vector<Finding> findings = detect_findings(ctx);
  EXPECT_EQ(find(findings, "empty-pipeline-boat"), nullptr);
  const ReportDocument doc = build_report(def, ctx, findings);
  ASSERT_EQ(doc.kpis.size(), 2u);
  EXPECT_EQ(doc.kpis[0].status, "below_target");  // October: open, $500 of $1,000
  EXPECT_EQ(doc.kpis[1].status, "out_of_season");
  EXPECT_EQ(break_even(e, ctx).out_of_season, "");  // October was in season

  // The same entity all year: the empty pipeline is a finding again.
  Portfolio all_year = p;
  all_year.entities.front().season.clear();
  const AnalysisContext open_ctx(all_year, d, *Date::parse("2026-11-16"));
  EXPECT_NE(find(detect_findings(open_ctx), "empty-pipeline-boat"), nullptr);
}

TEST(Season, NoBreakEvenOrRevenueTargetWhenClosed) {
  Entity e = entity("truck", "service", "Truck");
  e.unit = "job";
  e.season = *parse_season("Apr-Sep");
  e.kpis = {KpiDefinition{"revenue", "Revenue", "revenue_month", 9000.0, "USD", {e.file, 10, 1}}};
  const Portfolio p = portfolio_of(e);
  Dataset d = journal(
      "2026-09-05 * Lunch service\n"
      "    Assets:Truck:Checking  $5,000.00\n"
      "    Income:Truck:Sales\n");
  d.bookings = std::vector<Booking>{charge("truck", "Ada", "2026-09-05", 500000)};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const BreakEven b = break_even(p.entities.front(), ctx);
  EXPECT_EQ(b.out_of_season, "out of season (operates April to September)");
  EXPECT_FALSE(b.break_even_units.has_value());

  const Section plan = report_detail::revenue_plan(ctx, {&p.entities.front()});
  ASSERT_EQ(plan.rows.size(), 6u);  // November to April
  EXPECT_EQ(plan.rows[0],
            (std::vector<std::string>{"The truck", "2026-11", "-", "-", "$0.00", "out of season"}));
  EXPECT_EQ(plan.rows[5], (std::vector<std::string>{"The truck", "2027-04", "$9,000.00", "-",
                                                    "$0.00", "$9,000.00"}));
}

// ---------------------------------------------------------------- retail

TEST(Retail, SalesFromTheJournalCountTagsAndSkipRefunds) {
  Entity e = entity("shop", "retail", "Shop");
  e.unit = "sale";
  const Portfolio p = portfolio_of(e);
  const Dataset d = journal(
      "2026-10-01 * Till, 1 October\n"
      "    Assets:Shop:Checking  $1,430.00\n"
      "    Income:Shop:Sales  $-1,430.00  ; sales: 143\n"
      "2026-10-02 * Online order\n"
      "    Assets:Shop:Checking  $70.00\n"
      "    Income:Shop:Online\n"
      "2026-10-03 * Refund\n"
      "    Income:Shop:Online  $20.00\n"
      "    Assets:Shop:Checking\n"
      "2026-09-30 * Till, 30 September\n"
      "    Assets:Shop:Checking  $100.00\n"
      "    Income:Shop:Sales  $-100.00  ; sales: 9\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const RetailSales october = retail_sales(e, ctx, Month(2026, 10), Month(2026, 10));
  EXPECT_EQ(october.sales, 144);
  EXPECT_EQ(october.income_postings, 2);

  const MetricValue sales = compute_metric("sales_month", e, ctx, MetricPeriod::current(ctx));
  ASSERT_TRUE(sales.value.has_value()) << sales.missing_data;
  EXPECT_EQ(*sales.value, Quantity::of_count(144));
  // ($1,430 + $70 - $20) / 144 sales
  const MetricValue average = compute_metric("average_sale", e, ctx, MetricPeriod::current(ctx));
  ASSERT_TRUE(average.value.has_value()) << average.missing_data;
  EXPECT_EQ(average.value->to_display("$"), "$10.28");

  // Break-even counts the same sales: September and October.
  const BreakEven b = break_even(e, ctx);
  EXPECT_EQ(b.units, 153);
  EXPECT_EQ(b.actual_units_per_month->to_display("$"), "51.0");
}

TEST(Retail, NoBookingsExpected) {
  Entity e = entity("shop", "retail", "Shop");
  const Portfolio p = portfolio_of(e);
  Dataset d = journal(
      "2026-10-01 * Till\n"
      "    Assets:Shop:Checking  $100.00\n"
      "    Income:Shop:Sales\n");
  d.bookings = std::vector<Booking>{};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const std::vector<Finding> findings = detect_findings(ctx);
  EXPECT_EQ(find(findings, "no-bookings-shop"), nullptr);
  EXPECT_EQ(find(findings, "empty-pipeline-shop"), nullptr);
}

TEST(Retail, SalesOfAnotherKindAreMissingWithTheReason) {
  const Entity e = entity("agency", "agency", "Agency");
  const Portfolio p = portfolio_of(e);
  const Dataset d = journal("");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const MetricValue v = compute_metric("sales_month", e, ctx, MetricPeriod::current(ctx));
  EXPECT_FALSE(v.value.has_value());
  EXPECT_EQ(v.missing_data,
            "sales counted in the journal, which an entity of kind `retail` has "
            "(entities/agency.toml is `agency`)");
}

// ---------------------------------------------------------------- subscription

TEST(Subscription, MrrSubscribersAndChurnFromMonthlyCharges) {
  const Entity e = entity("box", "subscription", "Box");
  const Portfolio p = portfolio_of(e);
  Dataset d = journal(
      "2026-10-02 * Card payout\n"
      "    Assets:Box:Checking  $95.00\n"
      "    Income:Box:Subscriptions\n");
  d.bookings_file = "bookings.csv";
  d.bookings = std::vector<Booking>{
      charge("box", "Ada", "2026-09-01", 2000),
      charge("box", "Ben", "2026-09-01", 2000),
      charge("box", "Cy", "2026-09-03", 3500),
      charge("box", "Dee", "2026-09-04", 2000),
      charge("box", "Ada", "2026-10-01", 2000),
      charge("box", "Cy", "2026-10-03", 3500),
      charge("box", "Eve", "2026-10-09", 2000),
      charge("box", "Ben", "2026-10-01", 2000, "cancelled"),
      charge("other", "Zed", "2026-10-01", 9900),
  };
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const MetricPeriod october = MetricPeriod::current(ctx);
  const MetricValue mrr = compute_metric("mrr", e, ctx, october);
  ASSERT_TRUE(mrr.value.has_value()) << mrr.missing_data;
  EXPECT_EQ(mrr.value->to_display("$"), "$75.00");
  EXPECT_EQ(mrr.evidence.at(0).detail, "3 charges to 3 subscribers in October 2026");
  EXPECT_EQ(*compute_metric("subscribers", e, ctx, october).value, Quantity::of_count(3));
  // Ben (cancelled) and Dee left: 2 of September's 4.
  const MetricValue churn = compute_metric("churn_month", e, ctx, october);
  ASSERT_TRUE(churn.value.has_value()) << churn.missing_data;
  EXPECT_EQ(churn.value->to_display("$"), "50.0%");
  EXPECT_EQ(
      churn.evidence.at(0).detail,
      "2 of 4 subscribers charged in September 2026 were not charged in October 2026 (Ben, Dee)");
  // The break-even unit is the subscriber-month: 4 in September, 3 in October.
  EXPECT_EQ(break_even(e, ctx).units, 7);
}

TEST(Subscription, ChurnWithoutAPreviousMonthSaysWhatIsMissing) {
  const Entity e = entity("box", "subscription", "Box");
  const Portfolio p = portfolio_of(e);
  Dataset d = journal("");
  d.bookings_file = "bookings.csv";
  d.bookings = std::vector<Booking>{charge("box", "Ada", "2026-10-01", 2000)};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const MetricValue churn = compute_metric("churn_month", e, ctx, MetricPeriod::current(ctx));
  EXPECT_FALSE(churn.value.has_value());
  EXPECT_EQ(churn.missing_data,
            "subscribers charged in September 2026 (rows for `box` in bookings.csv), to measure "
            "who left");
}

TEST(Subscription, MrrOfAnotherKindOrWithoutRowsIsMissing) {
  const Entity shop = entity("shop", "retail", "Shop");
  const Entity box = entity("box", "subscription", "Box");
  Portfolio p = portfolio_of(shop);
  p.entities.push_back(box);
  Dataset d = journal("");
  d.bookings_file = "bookings.csv";
  d.bookings = std::vector<Booking>{};
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  EXPECT_EQ(compute_metric("mrr", shop, ctx, MetricPeriod::current(ctx)).missing_data,
            "monthly charges per subscriber, which an entity of kind `subscription` keeps in the "
            "bookings file "
            "(entities/shop.toml is `retail`)");
  EXPECT_EQ(compute_metric("mrr", box, ctx, MetricPeriod::current(ctx)).missing_data,
            "monthly charges (rows for `box`, one a subscriber a month) in bookings.csv");
}

// ---------------------------------------------------------------- the books

TEST(BooksGap, AMonthWithoutPostingsBetweenOthersIsAFinding) {
  Entity e = entity("cafe", "retail", "Cafe");
  const Portfolio p = portfolio_of(e);
  const Dataset d = journal(
      "2026-07-03 * Till\n"
      "    Assets:Cafe:Checking  $100.00\n"
      "    Income:Cafe:Sales\n"
      "2026-09-03 * Till\n"
      "    Assets:Cafe:Checking  $100.00\n"
      "    Income:Cafe:Sales\n"
      "2026-10-03 * Till\n"
      "    Assets:Cafe:Checking  $100.00\n"
      "    Income:Cafe:Sales\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const std::vector<Finding> findings = detect_findings(ctx);
  const Finding* gap = find(findings, "books-gap-cafe");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->title,
            "The cafe: no postings in August 2026, with postings before and after: the books are "
            "probably incomplete");
  EXPECT_EQ(gap->subject, "books");
  EXPECT_EQ(evidence_of(*gap),
            "books.journal: no posting for The cafe (*:Cafe:* or tagged) dated in August 2026\n"
            "books.journal:2: the entity's first posting, 2026-07-03\n"
            "books.journal:8: its last posting by 2026-11-16, 2026-10-03\n");

  // Closed in August: not a gap.
  Portfolio seasonal = p;
  seasonal.entities.front().season = *parse_season("Sep-Jul");
  const AnalysisContext seasonal_ctx(seasonal, d, *Date::parse("2026-11-16"));
  EXPECT_EQ(find(detect_findings(seasonal_ctx), "books-gap-cafe"), nullptr);
}

TEST(Overdrawn, CashBelowZeroReadsOverdrawnNeverANegativeRunway) {
  Entity e = entity("van", "service", "Van");
  const Portfolio p = portfolio_of(e);
  const Dataset d = journal(
      "2026-07-01 * Opening\n"
      "    Assets:Van:Checking  $300.00\n"
      "    Equity:Opening\n"
      "2026-09-10 * Fuel\n"
      "    Expenses:Van:Fuel  $500.00\n"
      "    Assets:Van:Checking\n"
      "2026-10-10 * Job\n"
      "    Assets:Van:Checking  $50.00\n"
      "    Income:Van:Jobs\n");
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const MetricValue runway = compute_metric("runway_months", e, ctx, MetricPeriod::current(ctx));
  ASSERT_TRUE(runway.value.has_value()) << runway.missing_data;
  EXPECT_EQ(runway.value->to_display("$"), "0.0 months");
  EXPECT_EQ(runway.evidence.at(0).detail, "overdrawn: cash -$150.00 at 2026-11-16");

  const std::vector<Finding> findings = detect_findings(ctx);
  const Finding* f = find(findings, "runway-van");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->title, "The van: overdrawn by $150.00");
  EXPECT_EQ(f->severity, Severity::critical);
  EXPECT_EQ(f->at_stake, Money(15000));

  ReportDefinition def;
  def.id = "cfo";
  def.persona = "cfo";
  def.sections = {"runway"};
  const ReportDocument doc = build_report(def, ctx, findings);
  const auto runway_table = std::ranges::find(doc.sections, std::string("runway"), &Section::id);
  ASSERT_NE(runway_table, doc.sections.end());
  ASSERT_EQ(runway_table->rows.size(), 1u);
  EXPECT_EQ(runway_table->rows[0],
            (std::vector<std::string>{"The van", "-$150.00", "$150.00", "overdrawn"}));
}

// ---------------------------------------------------------------- client book

TEST(ClientProfitability, OnlyTheCostsDeclaredForTheWork) {
  Entity e = entity("book", "client_book", "Book");
  e.unit = "hour";
  const Portfolio undeclared_portfolio = portfolio_of(e);
  Dataset d = journal(
      "2026-10-01 * Office rent\n"
      "    Expenses:Book:Rent  $5,000.00\n"
      "    Assets:Book:Checking\n"
      "2026-10-02 * Freelancer\n"
      "    Expenses:Book:Contractors  $300.00\n"
      "    Assets:Book:Checking\n");
  Booking work = charge("book", "Client A", "2026-10-15", 100000);
  work.units = 10;
  d.bookings = std::vector<Booking>{work};
  {
    const AnalysisContext ctx(undeclared_portfolio, d, *Date::parse("2026-11-16"));
    const Section s =
        report_detail::client_profitability(ctx, undeclared_portfolio.entities.front());
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_EQ(s.rows[0],
              (std::vector<std::string>{"Client A", "10", "$1,000.00", "$100.00", "-", "-", "-"}));
    EXPECT_TRUE(s.note.starts_with("Missing data: no cost declared for the work")) << s.note;
  }
  e.unit_cost = Money(4000);
  e.direct_costs = {"Contractors"};
  const Portfolio declared = portfolio_of(e);
  const AnalysisContext ctx(declared, d, *Date::parse("2026-11-16"));
  const Section s = report_detail::client_profitability(ctx, declared.entities.front());
  ASSERT_EQ(s.rows.size(), 1u);
  // 10 hours at $40 plus $300 of contractors; the $5,000 of rent is not the client's.
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"Client A", "10", "$1,000.00", "$100.00",
                                                 "$700.00", "$300.00", "30.0%"}));
}

}  // namespace
}  // namespace quarterdeck
