// The 13-week cash forecast: recurring expenses and their tolerance edges,
// the weeks, receipts timing (bookings, invoices and payment delays), the
// downside, and the floor finding, with exact values.
#include "analyze/forecast.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "analyze/findings.hpp"
#include "analyze/recurring.hpp"
#include "config/portfolio_loader.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

std::vector<Payment> payments(std::initializer_list<const char*> dates) {
  std::vector<Payment> out;
  int line = 10;
  for (const char* t : dates)
    out.push_back({d(t), Money(100000), "books.journal:" + std::to_string(line++)});
  return out;
}

TEST(Recurring, MonthlyWithinThreeDaysIsFound) {
  auto ps = payments({"2026-08-03", "2026-09-03", "2026-10-06"});  // +3 days: the edge
  ps.back().amount = Money(118000);
  const auto r = find_recurring("Harbor Fuel", "Expenses:Alpha:Fuel", ps, d("2026-10-20"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->cadence, Cadence::monthly);
  EXPECT_EQ(r->amount, Money(118000));  // the latest
  EXPECT_EQ(r->run.size(), 3U);
  EXPECT_EQ(r->cadence_text(), "monthly on the 6th");
  EXPECT_EQ(r->places_text(), "books.journal:10, :11, :12");
}

TEST(Recurring, FourDaysOffBreaksTheRun) {
  EXPECT_FALSE(find_recurring(
      "P", "Expenses:A:X", payments({"2026-08-03", "2026-09-03", "2026-10-07"}), d("2026-10-20")));
  EXPECT_FALSE(find_recurring(
      "P", "Expenses:A:X", payments({"2026-08-03", "2026-09-03", "2026-09-29"}), d("2026-10-20")));
  // -3 days holds.
  EXPECT_TRUE(find_recurring(
      "P", "Expenses:A:X", payments({"2026-08-03", "2026-09-03", "2026-09-30"}), d("2026-10-20")));
}

TEST(Recurring, TwoPaymentsAreNotASeries) {
  EXPECT_FALSE(
      find_recurring("P", "Expenses:A:X", payments({"2026-09-03", "2026-10-03"}), d("2026-10-20")));
  // The same day twice is one payment: still two.
  EXPECT_FALSE(find_recurring(
      "P", "Expenses:A:X", payments({"2026-09-03", "2026-10-03", "2026-10-03"}), d("2026-10-20")));
}

TEST(Recurring, WeeklyToleranceIsOneDay) {
  const auto r =
      find_recurring("Crew", "Expenses:A:Wages",
                     payments({"2026-10-05", "2026-10-12", "2026-10-20"}), d("2026-10-21"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->cadence, Cadence::weekly);
  EXPECT_EQ(r->cadence_text(), "weekly on Tuesdays");
  // Nine days is not weekly, nor monthly.
  EXPECT_FALSE(find_recurring("Crew", "Expenses:A:Wages",
                              payments({"2026-10-05", "2026-10-12", "2026-10-21"}),
                              d("2026-10-21")));
}

TEST(Recurring, QuarterlyWithinSevenDays) {
  const auto r =
      find_recurring("Insurer", "Expenses:A:Insurance",
                     payments({"2026-01-15", "2026-04-22", "2026-07-15"}), d("2026-08-01"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->cadence, Cadence::quarterly);
  EXPECT_FALSE(find_recurring("Insurer", "Expenses:A:Insurance",
                              payments({"2026-01-15", "2026-04-23", "2026-07-15"}),
                              d("2026-08-01")));
}

TEST(Recurring, TheRunIsTheLatestRegularPayments) {
  // An odd early payment does not stop the three regular ones after it.
  const auto r = find_recurring("P", "Expenses:A:X",
                                payments({"2026-05-19", "2026-08-03", "2026-09-03", "2026-10-03"}),
                                d("2026-10-20"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->run.front().date, d("2026-08-03"));
}

TEST(Recurring, AStoppedSeriesIsNotExpected) {
  const auto ps = payments({"2026-06-03", "2026-07-03", "2026-08-03"});
  // Next due 3 Sep; 6 Sep is within the tolerance, 7 Sep is past it.
  EXPECT_TRUE(find_recurring("P", "Expenses:A:X", ps, d("2026-09-06")));
  EXPECT_FALSE(find_recurring("P", "Expenses:A:X", ps, d("2026-09-07")));
}

TEST(Recurring, ExpectedDatesKeepTheDayAndCountADuePayment) {
  const auto r = find_recurring(
      "P", "Expenses:A:X", payments({"2026-10-31", "2026-11-30", "2026-12-31"}), d("2027-01-02"));
  ASSERT_TRUE(r);
  const auto next = r->expected(d("2027-01-02"), d("2027-04-01"));
  ASSERT_EQ(next.size(), 3U);
  EXPECT_EQ(next[0], d("2027-01-31"));
  EXPECT_EQ(next[1], d("2027-02-28"));  // clamped
  EXPECT_EQ(next[2], d("2027-03-31"));
  // Due on 31 Jan and not in the books by 2 Feb (within 3 days): the day after as-of.
  const auto due = r->expected(d("2027-02-02"), d("2027-03-01"));
  ASSERT_EQ(due.size(), 2U);
  EXPECT_EQ(due[0], d("2027-02-03"));
  EXPECT_EQ(due[1], d("2027-02-28"));
}

TEST(ForecastWeeks, MondayToSundayFromTheDayAfterAsOf) {
  const Date as_of = d("2026-11-16");  // a Monday
  EXPECT_FALSE(forecast_week(as_of, as_of));
  EXPECT_EQ(forecast_week(as_of, d("2026-11-17")), 0);
  EXPECT_EQ(forecast_week(as_of, d("2026-11-22")), 0);  // Sunday
  EXPECT_EQ(forecast_week(as_of, d("2026-11-23")), 1);
  EXPECT_EQ(forecast_week_start(as_of, 0), d("2026-11-16"));
  EXPECT_EQ(forecast_end(as_of), d("2027-02-14"));
  EXPECT_EQ(forecast_week(as_of, d("2027-02-14")), 12);
  EXPECT_FALSE(forecast_week(as_of, d("2027-02-15")));
  // As of a Sunday, week 1 is the whole next week.
  EXPECT_EQ(forecast_week_start(d("2026-11-15"), 0), d("2026-11-16"));
  EXPECT_EQ(forecast_end(d("2026-11-15")), d("2027-02-14"));
}

TEST(ForecastArithmetic, MedianAndPercent) {
  EXPECT_FALSE(median_days({}));
  EXPECT_EQ(median_days({5}), 5);
  EXPECT_EQ(median_days({3, 1, 2}), 2);
  EXPECT_EQ(median_days({1, 4}), 3);     // 2.5 -> 3
  EXPECT_EQ(median_days({-1, -4}), -3);  // -2.5 -> -3
  EXPECT_EQ(less_percent(Money(10005), 20), Money(8004));
  EXPECT_EQ(less_percent(Money(5), 50), Money(3));  // 2.5 cents -> 3
  EXPECT_EQ(less_percent(Money(-5), 50), Money(-3));
  EXPECT_EQ(less_percent(Money(12345), 0), Money(12345));
  EXPECT_EQ(less_percent(Money(12345), 100), Money(0));
}

// One entity: cash $5,720.00 at as-of, a monthly fuel bill, bookings,
// invoices with a customer's delay and a new customer's, a planned action
// and a commitment, a $2,000.00 floor and a downside.
struct Small {
  Portfolio p;
  Dataset data;
  Small() {
    p.currency = "USD";
    Entity alpha;
    alpha.id = "alpha";
    alpha.name = "Alpha";
    alpha.account = "Alpha";
    p.entities = {alpha};
    p.forecast.floor = Money(200000);
    p.forecast.downside_bookings_percent = 50;
    p.forecast.downside_delay_days = 14;
    p.forecast.commitments.push_back(
        {"alpha", "Boat loan", Money(60000), d("2026-10-20"), "month", {"portfolio.toml", 40, 1}});
    CapitalAction a;
    a.id = "haul-out";
    a.entity = "alpha";
    a.title = "Haul-out";
    a.cost = Money(250000);
    a.due = d("2026-12-01");
    a.where = {"portfolio.toml", 30, 1};
    p.actions.push_back(a);
    Diagnostics diags;
    data.journal = parse_journal(
        "2026-07-01 * Owner\n"
        "    Assets:Alpha:Checking  $10000.00\n"
        "    Equity:Alpha:Capital\n"
        "2026-08-03 * Harbor Fuel\n"
        "    Expenses:Alpha:Fuel  $1000.00\n"
        "    Assets:Alpha:Checking\n"
        "2026-09-03 * Harbor Fuel\n"
        "    Expenses:Alpha:Fuel  $1000.00\n"
        "    Assets:Alpha:Checking\n"
        "2026-10-05 * Harbor Fuel\n"
        "    Expenses:Alpha:Fuel  $1100.00\n"
        "    Assets:Alpha:Checking\n"
        "2026-11-03 * Harbor Fuel\n"
        "    Expenses:Alpha:Fuel  $1180.00\n"
        "    Assets:Alpha:Checking\n",
        "books.journal", diags);
    EXPECT_TRUE(diags.empty()) << all(diags);
    data.bookings_file = "data/bookings.csv";
    data.bookings = std::vector<Booking>{
        {"alpha", "B1", "Ann", d("2026-10-01"), d("2026-11-20"), Money(50000), "confirmed", false,
         "", 1, 2},
        {"alpha", "B2", "Bo", d("2026-10-01"), d("2026-11-25"), Money(70000), "cancelled", false,
         "", 1, 3},
        {"alpha", "B3", "Cy", d("2026-10-01"), d("2026-11-26"), Money(80000), "confirmed", true, "",
         1, 4},
        {"alpha", "B4", "Di", d("2026-10-01"), d("2026-12-10"), Money(200000), "quoted", false, "",
         1, 5},
        {"alpha", "B5", "Ed", d("2026-11-18"), d("2026-12-11"), Money(90000), "confirmed", false,
         "", 1, 6},
    };
    data.invoices_file = "data/invoices.csv";
    data.invoices = std::vector<Invoice>{
        {"alpha", "I1", "Acme", d("2026-08-20"), d("2026-09-01"), Money(100000), d("2026-09-11"),
         2},
        {"alpha", "I2", "Acme", d("2026-09-20"), d("2026-10-01"), Money(100000), d("2026-10-15"),
         3},
        {"alpha", "I3", "Acme", d("2026-11-10"), d("2026-11-30"), Money(300000), std::nullopt, 4},
        {"alpha", "I4", "NewCo", d("2026-11-12"), d("2026-12-15"), Money(40000), std::nullopt, 5},
        {"alpha", "I5", "Old", d("2026-06-01"), d("2026-07-01"), Money(99900), std::nullopt, 6},
    };
  }
};

TEST(CashForecast, WeekByWeekByHand) {
  const Small s;
  const AnalysisContext ctx(s.p, s.data, d("2026-11-16"));
  const CashForecast fc = cash_forecast(ctx, {&s.p.entities[0]});
  ASSERT_EQ(fc.entities.size(), 1U);
  EXPECT_FALSE(fc.total);
  const EntityForecast& ef = fc.entities[0];
  ASSERT_TRUE(ef.computed()) << ef.missing;
  EXPECT_EQ(ef.opening, Money(572000));
  // week: receipts, payments, closing, downside closing (cents)
  //  0 17-22 Nov: loan 20 Nov 600 out.
  //  2 30 Nov-6 Dec: fuel 3 Dec 1,180 and haul-out 1 Dec 2,500 out.
  //  3 7-13 Dec: I3 (due 30 Nov + 12 days, Acme's median) 3,000 in; downside on 26 Dec.
  //  4: loan 20 Dec.
  //  5 21-27 Dec: B1 (served 20 Nov + 20 days' terms, the median of due - issued,
  //     + 12 days, the portfolio's delay for Ann = 22 Dec) 500 and I4 (15 Dec +
  //     the portfolio's 12 days = 27 Dec) 400 in; downside: I3 3,000.
  //  6: fuel 3 Jan. 7: downside B1 250 (5 Jan) and I4 400 (10 Jan).
  //  8: B4 (10 Dec + 32 = 11 Jan) 2,000 in. 9: loan 20 Jan. 10: downside B4 1,000 (25 Jan).
  //  11: fuel 3 Feb. B3 is invoiced, B2 cancelled, B5 booked after as-of;
  //  I5 is 138 days past due: left out.
  const std::vector<std::array<std::int64_t, 4>> expected = {
      {0, 60000, 512000, 512000},  {0, 0, 512000, 512000},    {0, 368000, 144000, 144000},
      {300000, 0, 444000, 144000}, {0, 60000, 384000, 84000}, {90000, 0, 474000, 384000},
      {0, 118000, 356000, 266000}, {0, 0, 356000, 331000},    {200000, 0, 556000, 331000},
      {0, 60000, 496000, 271000},  {0, 0, 496000, 371000},    {0, 118000, 378000, 253000},
      {0, 0, 378000, 253000}};
  ASSERT_EQ(ef.weeks.size(), 13U);
  for (std::size_t w = 0; w < 13; ++w) {
    SCOPED_TRACE(w);
    EXPECT_EQ(ef.weeks[w].receipts.units(), expected[w][0]);
    EXPECT_EQ(ef.weeks[w].payments.units(), expected[w][1]);
    EXPECT_EQ(ef.weeks[w].closing.units(), expected[w][2]);
    EXPECT_EQ(ef.weeks[w].downside_closing.units(), expected[w][3]);
  }
  EXPECT_EQ(ef.below_floor, 2);
  EXPECT_EQ(ef.downside_below_floor, 2);
  const auto booking =
      std::ranges::find(ef.lines, std::string("data/bookings.csv:2"), &ForecastLine::source);
  ASSERT_NE(booking, ef.lines.end());
  EXPECT_EQ(
      booking->what,
      "Booking B1 Ann, confirmed, served 2026-11-20, invoiced then: + 20 days' terms + 12 days, "
      "the portfolio's usual delay (no paid invoice from Ann yet)");
  EXPECT_EQ(ef.lowest_week, 2);
  ASSERT_EQ(ef.left_out.size(), 1U);
  EXPECT_EQ(ef.left_out[0],
            "invoice I5 Old of $999.00, 138 days past due (data/invoices.csv:6)");
  const auto invoice =
      std::ranges::find(ef.lines, std::string("data/invoices.csv:4"), &ForecastLine::source);
  ASSERT_NE(invoice, ef.lines.end());
  EXPECT_EQ(invoice->what,
            "Invoice I3 Acme due 2026-11-30 + 12 days usual delay (2 paid invoices)");
  const auto newco =
      std::ranges::find(ef.lines, std::string("data/invoices.csv:5"), &ForecastLine::source);
  ASSERT_NE(newco, ef.lines.end());
  EXPECT_EQ(
      newco->what,
      "Invoice I4 NewCo due 2026-12-15 + 12 days, the portfolio's usual delay (no paid invoice "
      "from NewCo yet)");
  const auto fuel = std::ranges::find(ef.lines, d("2026-12-03"), &ForecastLine::date);
  ASSERT_NE(fuel, ef.lines.end());
  EXPECT_EQ(fuel->what, "Harbor Fuel, Expenses:Alpha:Fuel, monthly on the 3rd, $1,180.00");
  EXPECT_EQ(fuel->source, "books.journal:8, :11, :14");
}

// The detector's own findings, before they merge with the runway finding
// about the same entity (subject `runway`).
std::vector<Finding> forecast_findings(const AnalysisContext& ctx) {
  std::vector<Finding> out;
  findings_detail::detect_forecast(ctx, out);
  return out;
}

TEST(CashForecast, FloorFindingBySoonness) {
  const Small s;
  const AnalysisContext ctx(s.p, s.data, d("2026-11-16"));
  const auto findings = forecast_findings(ctx);
  ASSERT_EQ(findings.size(), 1U);
  const auto f = std::ranges::find(findings, std::string("cash-floor-alpha"), &Finding::id);
  ASSERT_NE(f, findings.end());
  EXPECT_EQ(f->severity, Severity::high);  // the week of 30 Nov: 14 days away
  EXPECT_EQ(f->title,
            "Alpha: cash would fall below the $2,000.00 floor in the week of 30 Nov ($1,440.00 at "
            "its end)");
  EXPECT_EQ(f->at_stake, Money(56000));
  EXPECT_EQ(f->days_to_impact, 14);
  EXPECT_EQ(f->subject, "runway");
  ASSERT_EQ(f->evidence.size(), 5U);
  EXPECT_EQ(f->evidence[0].detail,
            "cash $5,720.00 at 2026-11-16 (Assets:Alpha:Checking/Cash/Savings)");
  EXPECT_EQ(
      f->evidence[1].detail,
      "week of 30 Nov: opening $5,120.00, receipts $0.00, payments $3,680.00, closing $1,440.00");
  EXPECT_EQ(f->evidence[2].source, "portfolio.toml:30");
  EXPECT_EQ(f->evidence[2].detail, "2026-12-01 out $2,500.00: Planned: Haul-out, due 2026-12-01");
  EXPECT_EQ(f->evidence[3].detail,
            "2026-12-03 out $1,180.00: Harbor Fuel, Expenses:Alpha:Fuel, monthly on the 3rd, "
            "$1,180.00");
  EXPECT_EQ(f->evidence[4].detail,
            "2026-11-20 out $600.00: Commitment: Boat loan, monthly from 2026-10-20");
  // In the report it is one problem with the runway finding: one finding.
  const auto merged = detect_findings(ctx);
  EXPECT_EQ(std::ranges::count_if(merged,
                                  [](const Finding& x) {
                                    return x.id == "cash-floor-alpha" ||
                                           std::ranges::find(x.merged, "cash-floor-alpha") !=
                                               x.merged.end();
                                  }),
            1);
}

TEST(CashForecast, DownsideFindingOnlyWhereTheBaseHolds) {
  Small s;
  s.p.forecast.floor = Money(100000);  // the base's lowest is $1,440.00; the downside's $840.00
  const AnalysisContext ctx(s.p, s.data, d("2026-11-16"));
  const auto findings = forecast_findings(ctx);
  ASSERT_EQ(findings.size(), 1U);
  const auto f =
      std::ranges::find(findings, std::string("cash-floor-downside-alpha"), &Finding::id);
  ASSERT_NE(f, findings.end());
  EXPECT_EQ(f->severity,
            Severity::medium);  // high by timing (14 Dec, 28 days), one lower for a scenario
  EXPECT_EQ(f->at_stake, Money(16000));
  EXPECT_EQ(f->days_to_impact, 28);
  EXPECT_EQ(f->title,
            "Alpha: in the downside case, cash would fall below the $1,000.00 floor in the week of "
            "14 Dec "
            "($840.00)");
  // Without a downside, no finding at all.
  s.p.forecast.downside_bookings_percent = 0;
  s.p.forecast.downside_delay_days = 0;
  const AnalysisContext plain(s.p, s.data, d("2026-11-16"));
  EXPECT_TRUE(forecast_findings(plain).empty());
}

TEST(CashForecast, RecurringIncomeCountsExceptFromCustomersOfTheFiles) {
  Small s;
  Diagnostics diags;
  s.data.journal = parse_journal(
      "2026-07-01 * Owner\n"
      "    Assets:Alpha:Checking  $1000.00\n"
      "    Equity:Alpha:Capital\n"
      "2026-10-25 * Till close\n"
      "    Assets:Alpha:Checking  $300.00\n"
      "    Income:Alpha:Sales\n"
      "2026-11-01 * Till close\n"
      "    Assets:Alpha:Checking  $310.00\n"
      "    Income:Alpha:Sales\n"
      "2026-11-08 * Till close\n"
      "    Assets:Alpha:Checking  $320.00\n"
      "    Income:Alpha:Sales\n"
      // Acme pays monthly, but Acme's money comes through the invoices file.
      "2026-09-10 * ACME\n    Assets:Alpha:Checking  $100.00\n    Income:Alpha:Fees\n"
      "2026-10-10 * ACME\n    Assets:Alpha:Checking  $100.00\n    Income:Alpha:Fees\n"
      "2026-11-10 * ACME\n    Assets:Alpha:Checking  $100.00\n    Income:Alpha:Fees\n",
      "books.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const AnalysisContext ctx(s.p, s.data, d("2026-11-16"));
  const CashForecast fc = cash_forecast(ctx, {&s.p.entities[0]});
  std::vector<Date> till;
  for (const ForecastLine& l : fc.entities[0].lines) {
    if (l.what.starts_with("Till close")) {
      EXPECT_TRUE(l.receipt);
      EXPECT_EQ(l.amount, Money(32000));  // the latest
      till.push_back(l.date);
    }
    EXPECT_FALSE(l.what.starts_with("ACME")) << l.what;
  }
  // Due Sunday 15 Nov, not in the books by as-of: the day after; then every Sunday to 14 Feb.
  ASSERT_EQ(till.size(), 14U);
  EXPECT_EQ(till.front(), d("2026-11-17"));
  EXPECT_EQ(till[1], d("2026-11-22"));
  EXPECT_EQ(till.back(), d("2027-02-14"));
}

TEST(CashForecast, NoCashAccountsIsSaidNotInvented) {
  Small s;
  Diagnostics diags;
  s.data.journal = parse_journal(
      "2026-10-01 * Harbor Fuel\n"
      "    Expenses:Alpha:Fuel  $10.00\n"
      "    Liabilities:Alpha:Card\n",
      "books.journal", diags);
  const AnalysisContext ctx(s.p, s.data, d("2026-11-16"));
  const CashForecast fc = cash_forecast(ctx, {&s.p.entities[0]});
  EXPECT_EQ(fc.entities[0].missing,
            "no cash accounts in the books for Alpha: add Assets:Alpha:Checking");
  EXPECT_TRUE(fc.entities[0].weeks.empty());
}

// [forecast] as the loader reads it, and its mistakes with their places.
LoadedPortfolio load_with_forecast(const std::string& forecast) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("qd-forecast-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "entities");
  std::ofstream(dir / "portfolio.toml") << "name = \"P\"\n"                 // 1
                                           "currency = \"USD\"\n"           // 2
                                           "timezone = \"UTC\"\n"           // 3
                                           "entities = [\"alpha\"]\n"       // 4
                                           "[recipients]\n"                 // 5
                                           "ceo = [\"ceo@example.com\"]\n"  // 6
                                           "[delivery]\n"                   // 7
                                           "from = \"r@example.com\"\n"     // 8
                                           "[[reports]]\n"                  // 9
                                           "id = \"cfo\"\n"                 // 10
                                           "persona = \"cfo\"\n"            // 11
                                           "to = [\"ceo\"]\n"               // 12
                                        << forecast;                        // from 13
  std::ofstream(dir / "entities" / "alpha.toml") << "name = \"Alpha\"\nkind = \"service\"\n";
  const MapEnvironment env;
  LoadedPortfolio loaded = load_portfolio(dir, env);
  fs::remove_all(dir);
  return loaded;
}

TEST(ForecastConfig, IsRead) {
  const auto loaded = load_with_forecast(
      "[forecast]\n"
      "floor = \"2500.00\"\n"
      "downside_bookings_percent = 20\n"
      "downside_delay_days = 14\n"
      "[[forecast.commitments]]\n"
      "entity = \"alpha\"\n"
      "title = \"Loan\"\n"
      "amount = \"850.00\"\n"
      "first = \"2026-12-01\"\n"
      "every = \"month\"\n");
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  const ForecastSettings& f = loaded.portfolio.forecast;
  EXPECT_EQ(f.floor, Money(250000));
  EXPECT_EQ(f.downside_bookings_percent, 20);
  EXPECT_EQ(f.downside_delay_days, 14);
  ASSERT_EQ(f.commitments.size(), 1U);
  EXPECT_EQ(f.commitments[0].entity, "alpha");
  EXPECT_EQ(f.commitments[0].amount, Money(85000));
  EXPECT_EQ(f.commitments[0].first, d("2026-12-01"));
  EXPECT_EQ(f.commitments[0].every, "month");
  EXPECT_EQ(f.commitments[0].where.line, 17);
}

TEST(ForecastConfig, MistakesSayWhere) {
  const auto loaded = load_with_forecast(
      "[forecast]\n"                       // 13
      "floor = \"-5\"\n"                   // 14
      "downside_bookings_percent = 120\n"  // 15
      "[[forecast.commitments]]\n"         // 16
      "entity = \"beta\"\n"                // 17
      "title = \"Loan\"\n"                 // 18
      "amount = \"850.00\"\n"              // 19
      "first = \"2026-12-01\"\n"           // 20
      "every = \"fortnight\"\n");          // 21
  std::string text;
  for (const auto& diag : loaded.diagnostics) text += diag.to_string() + "\n";
  EXPECT_NE(text.find("portfolio.toml:14:9: invalid amount"), std::string::npos) << text;
  EXPECT_NE(text.find("portfolio.toml:15:29: `downside_bookings_percent` out of range"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("portfolio.toml:21:9: unknown `every`"), std::string::npos) << text;
  EXPECT_NE(text.find("beta"), std::string::npos) << text;  // an unknown entity
}

}  // namespace
}  // namespace quarterdeck
