// The portfolio at a glance: the totals table, the row per entity and its
// status word, the entities side by side, the week's decisions, the CEO
// brief's summary, and the sections shown only when they changed.
#include "analyze/sections/brief.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "analyze/deltas.hpp"
#include "analyze/findings.hpp"
#include "analyze/report_builder.hpp"
#include "config/environment.hpp"
#include "config/portfolio_loader.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Date day(const char* s) {
  return *Date::parse(s);
}

Entity entity(const char* id, const char* name, const char* account) {
  Entity e;
  e.id = id;
  e.name = name;
  e.account = account;
  return e;
}

KpiDefinition revenue_target(double target) {
  KpiDefinition k;
  k.id = "revenue";
  k.name = "Revenue";
  k.metric = "revenue_month";
  k.target = target;
  return k;
}

// As of 2026-11-16 (period October 2026):
//   alpha: books since September 2025, October revenue 750 against 500 a
//          year before, target 700: on track; 3 charters delivered.
//   beta:  books since March 2026, revenue 200 against a 1,000 target: behind.
//   gamma: cash below zero: overdrawn.
//   delta: a summer business (June to September): out of season.
//   eps:   income tracked, none in October: no sales.
//   zeta:  no postings: no books.
struct Fixture {
  Portfolio portfolio;
  Dataset data;
  ReportDefinition def;
  std::vector<const Entity*> scope;
  ReportDocument doc;

  Fixture() {
    portfolio.currency = "USD";
    Entity alpha = entity("alpha", "Alpha Charters", "Alpha");
    alpha.unit = "charter";
    alpha.kpis = {revenue_target(700)};
    Entity beta = entity("beta", "Beta Bakery", "Beta");
    beta.kpis = {revenue_target(1000)};
    Entity gamma = entity("gamma", "Gamma Hauling", "Gamma");
    Entity delta = entity("delta", "Delta Ices", "Delta");
    delta.season = {6, 7, 8, 9};
    delta.kpis = {revenue_target(900)};
    Entity eps = entity("eps", "Eps Rentals", "Eps");
    Entity zeta = entity("zeta", "Zeta Studio", "Zeta");
    portfolio.entities = {alpha, beta, gamma, delta, eps, zeta};
    for (const auto& e : portfolio.entities) scope.push_back(&e);
    Diagnostics diags;
    data.journal = parse_journal(
        "2025-09-01 * Opening\n"
        "    Assets:Alpha:Checking  $10,000.00\n"
        "    Equity:Opening Balances\n"
        "2025-10-10 * Charter\n"
        "    Assets:Alpha:Checking  $500.00\n"
        "    Income:Alpha:Charters\n"
        "2026-03-01 * Opening\n"
        "    Assets:Beta:Checking  $3,000.00\n"
        "    Assets:Gamma:Checking  $100.00\n"
        "    Assets:Delta:Checking  $4,000.00\n"
        "    Assets:Eps:Checking  $8,000.00\n"
        "    Equity:Opening Balances\n"
        "2026-05-10 * Tenant\n"
        "    Assets:Eps:Checking  $1,200.00\n"
        "    Income:Eps:Rent\n"
        "2026-08-10 * Summer sales\n"
        "    Assets:Delta:Checking  $2,000.00\n"
        "    Income:Delta:Sales\n"
        "2026-10-03 * Charters\n"
        "    Assets:Alpha:Checking  $750.00\n"
        "    Income:Alpha:Charters\n"
        "2026-10-04 * Fuel\n"
        "    Expenses:Alpha:Fuel  $150.00\n"
        "    Assets:Alpha:Checking\n"
        "2026-10-05 * Bread\n"
        "    Assets:Beta:Checking  $200.00\n"
        "    Income:Beta:Sales\n"
        "2026-10-06 * Flour\n"
        "    Expenses:Beta:Flour  $400.00\n"
        "    Assets:Beta:Checking\n"
        "2026-10-07 * Truck repair\n"
        "    Expenses:Gamma:Repairs  $600.00\n"
        "    Assets:Gamma:Checking\n",
        "books.journal", diags);
    EXPECT_TRUE(diags.empty()) << all(diags);
    std::string bookings =
        "entity,id,customer,booked_on,service_date,amount,status,invoiced,channel,units\n";
    bookings += "alpha,A1,Ann,2026-09-01,2026-10-03,250.00,delivered,yes,direct,1\n";
    bookings += "alpha,A2,Bo,2026-09-01,2026-10-12,250.00,delivered,yes,direct,2\n";
    bookings += "alpha,A3,Cy,2026-10-01,2026-12-12,1250.00,confirmed,no,direct,1\n";
    bookings += "alpha,A4,Di,2026-10-01,2027-01-09,250.00,confirmed,no,direct,1\n";
    data.bookings = parse_bookings(bookings, "data/bookings.csv", diags);
    data.bookings_file = "data/bookings.csv";
    doc.report_id = "ceo";
    doc.as_of = day("2026-11-16");
  }
};

// The sentences of a summary: a full stop at the end of an entry or before
// a space ends one (the stops inside amounts do not).
std::size_t sentences(const std::vector<std::string>& summary) {
  std::size_t n = 0;
  for (const auto& s : summary) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '.' && (i + 1 == s.size() || s[i + 1] == ' ')) ++n;
    }
  }
  return n;
}

TEST(EntityOverview, OneRowPerEntityWithAStatusWord) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto sections = entity_overview(in);
  ASSERT_EQ(sections.size(), 1u);
  const Section& s = sections[0];
  EXPECT_EQ(s.id, "entity-overview");
  ASSERT_EQ(s.rows.size(), 6u);
  const std::vector<std::string> status_column = [&] {
    std::vector<std::string> out;
    for (const auto& r : s.rows) out.push_back(r.back());
    return out;
  }();
  EXPECT_EQ(status_column, (std::vector<std::string>{"on track", "behind", "overdrawn",
                                                     "out of season", "no sales", "no books"}));
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"Alpha Charters", "$11,100.00",
                                                 "$750.00 ($700.00)", "$600.00", "not burning",
                                                 "$1,500.00 (2 bookings)", "on track"}));
  EXPECT_EQ(s.rows[2][1], "-$500.00");
  EXPECT_EQ(s.rows[2][4], "overdrawn");
  EXPECT_EQ(s.rows[3][2], "$0.00 (out of season)");
  EXPECT_EQ(s.rows[4][2], "$0.00");
  EXPECT_EQ(s.rows[5],
            (std::vector<std::string>{"Zeta Studio", "-", "-", "-", "-", "none", "no books"}));
  EXPECT_EQ(entity_status(in, f.portfolio.entities[1]), "behind");
}

TEST(EntityOverview, UnderSixMonthsOfRunwayIsAtRisk) {
  Fixture f;
  Diagnostics diags;
  f.data.journal = parse_journal(
      "2026-07-01 * Opening\n"
      "    Assets:Beta:Checking  $6,000.00\n"
      "    Equity:Opening Balances\n"
      "2026-09-01 * Rent\n"
      "    Expenses:Beta:Rent  $3,000.00\n"
      "    Assets:Beta:Checking\n"
      "2026-10-05 * Bread\n"
      "    Assets:Beta:Checking  $1,200.00\n"
      "    Income:Beta:Sales\n",
      "books.journal", diags);
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  // Cash 4,200 after burning 600 a month: 7.0 months; then 3,000 more rent.
  EXPECT_EQ(entity_status(in, f.portfolio.entities[1]), "on track");
  f.data.journal = parse_journal(
      "2026-07-01 * Opening\n"
      "    Assets:Beta:Checking  $6,000.00\n"
      "    Equity:Opening Balances\n"
      "2026-09-01 * Rent\n"
      "    Expenses:Beta:Rent  $4,200.00\n"
      "    Assets:Beta:Checking\n"
      "2026-10-05 * Bread\n"
      "    Assets:Beta:Checking  $1,200.00\n"
      "    Income:Beta:Sales\n",
      "books.journal", diags);
  const AnalysisContext ctx2(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in2{ctx2, f.def, f.scope, f.doc};
  // Cash 3,000 after burning 1,000 a month: 3.0 months.
  EXPECT_EQ(entity_status(in2, f.portfolio.entities[1]), "at risk");
}

// A revenue target with no income in the books is not "no sales": the
// sales are not in the books.
TEST(EntityOverview, ATargetWithoutIncomeInTheBooks) {
  Fixture f;
  f.portfolio.entities[2].kpis = {revenue_target(500)};
  Diagnostics diags;
  f.data.journal = parse_journal(
      "2026-07-01 * Opening\n"
      "    Assets:Gamma:Checking  $900.00\n"
      "    Equity:Opening Balances\n"
      "2026-10-07 * Fuel\n"
      "    Expenses:Gamma:Fuel  $100.00\n"
      "    Assets:Gamma:Checking\n",
      "books.journal", diags);
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  EXPECT_EQ(entity_status(in, f.portfolio.entities[2]), "no income in books");
  const auto s = entity_overview(in).at(0);
  EXPECT_EQ(s.rows[2][2], "not tracked ($500.00)");
  EXPECT_EQ(entities_side_by_side(in).at(0).rows[2][4], "-");
}

TEST(SideBySide, GrowthOnlyWhereTheBooksReachBack) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto sections = entities_side_by_side(in);
  ASSERT_EQ(sections.size(), 1u);
  const Section& s = sections[0];
  EXPECT_EQ(s.columns,
            (std::vector<std::string>{"Entity", "Revenue in October 2026", "Net", "Margin",
                                      "Revenue per unit", "Revenue in October 2025", "Growth"}));
  ASSERT_EQ(s.rows.size(), 6u);
  // Alpha: 750 against 500 a year before; 3 charters delivered in October.
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"Alpha Charters", "$750.00", "$600.00", "80.0%",
                                                 "$250.00 per charter", "$500.00", "+50.0%"}));
  // Beta's books start in March 2026.
  EXPECT_EQ(s.rows[1], (std::vector<std::string>{"Beta Bakery", "$200.00", "-$200.00", "-100.0%",
                                                 "-", "-", "no books a year back"}));
  EXPECT_EQ(s.rows[2][1], "not tracked");
  EXPECT_EQ(s.rows[2][6], "not tracked");  // no income postings at all
  EXPECT_EQ(s.rows[5],
            (std::vector<std::string>{"Zeta Studio", "no books", "-", "-", "-", "-", "-"}));
}

TEST(SideBySide, NoRevenueAYearBackIsSaidSo) {
  Fixture f;
  Diagnostics diags;
  f.data.journal = parse_journal(
      "2025-09-01 * Opening\n"
      "    Assets:Alpha:Checking  $10,000.00\n"
      "    Equity:Opening Balances\n"
      "2026-10-03 * Charters\n"
      "    Assets:Alpha:Checking  $750.00\n"
      "    Income:Alpha:Charters\n",
      "books.journal", diags);
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto s = entities_side_by_side(in).at(0);
  EXPECT_EQ(s.rows[0][5], "$0.00");
  EXPECT_EQ(s.rows[0][6], "no revenue a year back");
}

Finding finding(const char* id, Severity sev, const char* entity, const char* recommendation,
                std::optional<Date> due, const char* owner = "cto") {
  Finding f;
  f.id = id;
  f.severity = sev;
  f.title = std::string(id) + " title";
  f.entity = entity;
  f.recommendation = recommendation;
  f.due = due;
  f.owner = owner;
  return f;
}

// Ranked as the findings arrive: the order of the document.
std::vector<Finding> ranked_findings() {
  return {
      finding("high-later", Severity::high, "alpha", "Renew the charter insurance.",
              day("2026-12-10"), "cfo"),
      finding("crit-now", Severity::critical, "beta", "Rotate the three keys in bakery-site.",
              day("2026-11-18")),
      finding("medium-now", Severity::medium, "alpha", "Add a staging site.", day("2026-11-17")),
      finding("high-overdue", Severity::high, "gamma",
              "Gamma Hauling: file the truck's registration", day("2026-11-10"), "ceo"),
      finding("high-no-date", Severity::high, "", "Decide the portfolio's cash buffer.",
              std::nullopt, ""),
      finding("high-later-2", Severity::high, "delta", "Book the spring stall.", day("2027-01-20"),
              "cmo"),
      finding("crit-later", Severity::critical, "eps", "Replace the boiler before winter.",
              day("2026-11-30")),
  };
}

TEST(Decisions, AtMostFiveWithOwnerAndDateThisWeeksFirst) {
  Fixture f;
  f.doc.findings = ranked_findings();
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto sections = decisions(in);
  ASSERT_EQ(sections.size(), 1u);
  const Section& s = sections[0];
  EXPECT_EQ(s.id, "decisions");
  EXPECT_EQ(s.columns, (std::vector<std::string>{"#", "Decision", "Owner", "By"}));
  ASSERT_EQ(s.rows.size(), 5u);
  EXPECT_EQ(s.rows[0],
            (std::vector<std::string>{"1", "Beta Bakery: Rotate the three keys in bakery-site",
                                      "CTO", "18 Nov"}));
  EXPECT_EQ(s.rows[1],
            (std::vector<std::string>{"2", "Gamma Hauling: file the truck's registration", "CEO",
                                      "overdue (10 Nov)"}));
  EXPECT_EQ(s.rows[2], (std::vector<std::string>{"3", "Alpha Charters: Renew the charter insurance",
                                                 "CFO", "10 Dec"}));
  EXPECT_EQ(s.rows[3],
            (std::vector<std::string>{"4", "Decide the portfolio's cash buffer", "CEO", "23 Nov"}));
  EXPECT_EQ(s.rows[4], (std::vector<std::string>{"5", "Delta Ices: Book the spring stall", "CMO",
                                                 "20 Jan 2027"}));
  EXPECT_EQ(s.note,
            "The 5 most important of 6 critical or high problems.");
  for (const auto& row : s.rows) {
    EXPECT_FALSE(row[2].empty());
    EXPECT_FALSE(row[3].empty());
  }
}

TEST(Decisions, NoneWhenNothingIsCriticalOrHigh) {
  Fixture f;
  f.doc.findings = {
      finding("medium-now", Severity::medium, "alpha", "Add a staging site.", day("2026-11-17"))};
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto s = decisions(in).at(0);
  EXPECT_TRUE(s.rows.empty());
  EXPECT_EQ(s.note, "No critical or high problem needs a decision this week.");
}

TEST(BriefSummary, FirstReportInAtMostFiveSentences) {
  Fixture f;
  f.doc.findings = ranked_findings();
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto summary = brief_summary(in);
  EXPECT_LE(sentences(summary), 5u);
  EXPECT_EQ(summary, (std::vector<std::string>{
                         "The 6 businesses: $28,600.00 in cash at 16 Nov, October 2026 revenue "
                         "$950.00 and a loss of "
                         "$200.00; cash is not falling.",
                         "First report: nothing to compare with yet.",
                         "Most important: high-later title.",
                         "Next: crit-now title.",
                         "5 decisions for this week below.",
                     }));
}

TEST(BriefSummary, WhatChangedSinceTheLastReport) {
  Fixture f;
  f.doc.findings = ranked_findings();
  f.doc.findings[1].since_previous = "new";
  f.doc.previous_as_of = day("2026-11-09");
  f.doc.resolved = {{"old", Severity::high, "Old problem"},
                    {"older", Severity::low, "Older problem"}};
  Kpi moved;
  moved.value = Quantity::of_count(3);
  moved.previous = Quantity::of_count(2);
  Kpi still;
  still.value = Quantity::of_count(3);
  still.previous = Quantity::of_count(3);
  f.doc.kpis = {moved, still};
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto summary = brief_summary(in);
  EXPECT_LE(sentences(summary), 5u);
  ASSERT_EQ(summary.size(), 5u);
  // The new problem by name: the most important new one.
  EXPECT_EQ(summary[1], "Since 9 Nov: 1 new problem (crit-now title), 2 resolved, 1 of 2 KPIs changed.");
}

TEST(BriefSummary, NothingNewSinceTheLastReport) {
  Fixture f;
  f.doc.findings = ranked_findings();
  for (auto& finding : f.doc.findings) finding.since_previous = "open";
  f.doc.previous_as_of = day("2026-11-09");
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  // A report without KPIs (the CEO brief) says nothing of them.
  EXPECT_EQ(brief_summary(in)[1],
            fmt::format("Nothing new since 9 Nov: the same {} problems open.", f.doc.findings.size()));
}

TEST(BriefSummary, OverdrawnAndNothingSerious) {
  Fixture f;
  const std::vector<const Entity*> gamma{&f.portfolio.entities[2]};
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, gamma, f.doc};
  const auto summary = brief_summary(in);
  EXPECT_EQ(
      summary,
      (std::vector<std::string>{
          "Gamma Hauling: -$500.00 in cash at 16 Nov, October 2026 revenue $0.00 and a loss of "
          "$600.00; overdrawn by $500.00.",
          "First report: nothing to compare with yet.",
          "No critical or high problems.",
      }));
}

Section fake_assets_section(const std::vector<const Entity*>& scope) {
  Section s{"assets", "Asset inventory", "1 asset.", {"Entity", "Asset"}, {}};
  for (const Entity* e : scope) {
    for (const auto& a : e->assets) s.rows.push_back({e->name, a.name});
  }
  return s;
}

std::vector<Section> assets_table(const SectionInput& in) {
  return {fake_assets_section(in.scope)};
}

TEST(ShownIfChanged, FirstReportFirstOfTheMonthChangedOrUnchanged) {
  Fixture f;
  f.portfolio.entities[0].assets = {{"Sea Breeze", "vessel", "active", std::nullopt, {}}};
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};

  // No previous run: shown.
  auto out = shown_if_changed("assets", in, &assets_table);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rows.size(), 1u);
  EXPECT_EQ(out[0].note, "1 asset. Shown in the first report.");

  // The same assets a week before, in the same month: left out, and why.
  f.doc.previous_as_of = day("2026-11-09");
  f.doc.previous_digests = change_digests(f.scope);
  out = shown_if_changed("assets", in, &assets_table);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].rows.empty());
  EXPECT_TRUE(out[0].columns.empty());
  EXPECT_EQ(out[0].note,
            "Unchanged since the report of 9 Nov; shown when it changes and in the first report of "
            "each month.");
  EXPECT_FALSE(change_gate("team", in).show);

  // An asset sold since: shown. The team is unchanged.
  f.portfolio.entities[0].assets[0].status = "sold";
  out = shown_if_changed("assets", in, &assets_table);
  EXPECT_EQ(out[0].rows.size(), 1u);
  EXPECT_EQ(out[0].note, "1 asset. Changed since the report of 9 Nov.");
  EXPECT_FALSE(change_gate("team", in).show);

  // The previous run was in October: the first report of November.
  f.portfolio.entities[0].assets[0].status = "active";
  f.doc.previous_as_of = day("2026-10-26");
  const ChangeGate gate = change_gate("assets", in);
  EXPECT_TRUE(gate.show);
  EXPECT_EQ(gate.reason, "Shown in the first report of November 2026.");

  // A previous run that kept no digests (before they were kept): shown.
  f.doc.previous_as_of = day("2026-11-09");
  f.doc.previous_digests.clear();
  EXPECT_TRUE(change_gate("assets", in).show);
}

// The digests go through the store with the snapshot and come back to the
// next report.
TEST(ShownIfChanged, TheStoreKeepsTheDigests) {
  Fixture f;
  ReportDocument before;
  before.report_id = "ceo";
  before.as_of = day("2026-11-09");
  before.digests = change_digests(f.scope);
  const auto path =
      std::filesystem::temp_directory_path() / ("qd-brief-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto opened = store::open_sqlite_store(path);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store::Store& db = **opened;
    ASSERT_TRUE(
        db.begin_run({"r1", "P", "2026-11-09", "2026-11-09T07:00:00Z", "", "running"}).has_value());
    ASSERT_TRUE(db.record_snapshot("r1", snapshot_of(before)).has_value());
    auto prev = db.previous_snapshot("ceo", day("2026-11-16"));
    ASSERT_TRUE(prev.has_value() && prev->has_value());
    EXPECT_EQ((*prev)->digests, before.digests);
    apply_previous(f.doc, **prev);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  EXPECT_FALSE(change_gate("assets", in).show);
  EXPECT_FALSE(change_gate("team", in).show);
}

TEST(PortfolioTotalsSection, SaysWhatWasLeftOutAsInternal) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput in{ctx, f.def, f.scope, f.doc};
  const auto s = portfolio_totals_section(in).at(0);
  EXPECT_EQ(s.id, "portfolio-totals");
  EXPECT_EQ(s.rows, (std::vector<std::vector<std::string>>{
                        {"Cash at 16 Nov", "$28,600.00"},
                        {"Revenue in October 2026", "$950.00"},
                        {"Expenses in October 2026", "$1,150.00"},
                        {"Net in October 2026", "-$200.00"},
                        {"Burn a month (last 3 months)", "-$600.00"},
                        {"Runway", "not burning"},
                    }));
  EXPECT_EQ(s.note,
            "The 6 entities as one business. No money moved between them in October 2026. No books "
            "for Zeta Studio. "
            "Burn is the fall in cash over the last three months, a month; a negative burn means "
            "cash grew.");
}

}  // namespace
}  // namespace quarterdeck

namespace quarterdeck {
namespace {

// The CEO report of the reference and the second test portfolio, as the
// sections would show it: within the budgets, and the totals the sums.
void check_ceo_brief(const char* dir, const char* first_sentence) {
  const MapEnvironment env;
  const auto loaded = load_portfolio(dir, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  Diagnostics diags;
  const Dataset data = load_dataset(loaded.portfolio, diags);
  const AnalysisContext ctx(loaded.portfolio, data, *Date::parse("2026-11-16"));
  const auto def =
      std::ranges::find(loaded.portfolio.reports, std::string("ceo"), &ReportDefinition::persona);
  ASSERT_NE(def, loaded.portfolio.reports.end());
  const ReportDocument doc = build_report(*def, ctx, detect_findings(ctx));
  const auto scope = scope_of(*def, loaded.portfolio);
  const SectionInput in{ctx, *def, scope, doc};
  const auto summary = brief_summary(in);
  EXPECT_LE(sentences(summary), 5u);
  EXPECT_EQ(summary.front(), first_sentence);
  const auto d = decisions(in).at(0);
  EXPECT_LE(d.rows.size(), 5u);
  for (const auto& row : d.rows) {
    EXPECT_FALSE(row[2].empty());
    EXPECT_FALSE(row[3].empty());
  }
  const auto overview = entity_overview(in).at(0);
  EXPECT_EQ(overview.rows.size(), scope.size());
  // QD_PRINT=1 prints what the reader would get, for review.
  if (std::getenv("QD_PRINT") != nullptr) {
    for (const auto& s : summary) std::printf("%s\n", s.c_str());
    for (const auto& sections : {portfolio_totals_section(in), entity_overview(in),
                                 entities_side_by_side(in), decisions(in)}) {
      for (const auto& s : sections) {
        std::printf("\n== %s\n%s\n", s.title.c_str(), s.note.c_str());
        for (const auto& r : s.rows) {
          std::string line;
          for (const auto& c : r) line += c + " | ";
          std::printf("%s\n", line.c_str());
        }
      }
    }
  }
}

TEST(BriefReference, TheReferencePortfolio) {
  check_ceo_brief(
      QD_SOURCE_DIR "/examples/portfolio",
      "The 7 businesses: $551,600.08 in cash at 16 Nov, October 2026 revenue $36,082.50 and net "
      "$565.85; cash is not falling.");
}

TEST(BriefReference, TheSecondPortfolio) {
  check_ceo_brief(QD_SOURCE_DIR "/tests/portfolios/second",
                  "The 4 businesses: €33,126.82 in cash at 16 Nov, October 2026 revenue €20,710.60 "
                  "and a loss of "
                  "€6,355.33; cash is not falling.");
}

}  // namespace
}  // namespace quarterdeck
