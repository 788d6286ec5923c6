// The chart catalogue's data: each chart's values, labels, section and alt
// text, exactly, on a small journal, bookings, channels and cloud file; what
// a chart says when its data is missing; unknown chart ids located with a
// "did you mean"; the charts of a report in the order its definition names.
#include "analyze/charts.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "analyze/metrics.hpp"
#include "analyze/report_builder.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

using Values = std::vector<std::optional<std::int64_t>>;

Entity entity(const char* id, const char* name, const char* account) {
  Entity e;
  e.id = id;
  e.name = name;
  e.account = account;
  e.kind = "service";
  e.file = std::string("entities/") + id + ".toml";
  return e;
}

// Alpha: operates March to October, a $1,000 monthly revenue target.
// Beta: a $500 target and no books.
Portfolio two_entities() {
  Portfolio p;
  p.currency = "USD";
  Entity alpha = entity("alpha", "Alpha", "Alpha");
  alpha.season = {3, 4, 5, 6, 7, 8, 9, 10};
  alpha.kpis = {{"revenue", "Revenue", "revenue_month", 1000.0, "$", {}}};
  Entity beta = entity("beta", "Beta", "Beta");
  beta.kpis = {{"revenue", "Revenue", "revenue_month", 500.0, "$", {}}};
  p.entities = {alpha, beta};
  return p;
}

constexpr std::string_view k_journal =
    "2025-12-31 * Opening balance\n"
    "    Assets:Alpha:Checking  $5,000.00\n"
    "    Equity:Opening Balances\n"
    "2026-03-10 * Customer\n"
    "    Assets:Alpha:Checking  $1,200.00\n"
    "    Income:Alpha:Sales\n"
    "2026-06-10 * Customer\n"
    "    Assets:Alpha:Checking  $800.00\n"
    "    Income:Alpha:Sales\n"
    "2026-09-07 * Insurer\n"
    "    Expenses:Alpha:Insurance  $100.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-10-05 * Customer\n"
    "    Assets:Alpha:Checking  $1,500.00\n"
    "    Income:Alpha:Sales\n"
    "2026-10-06 * Fuel dock\n"
    "    Expenses:Alpha:Fuel  $300.00\n"
    "    Assets:Alpha:Checking\n"
    "2026-10-07 * Insurer\n"
    "    Expenses:Alpha:Insurance  $100.00\n"
    "    Assets:Alpha:Checking\n";

constexpr std::string_view k_bookings =
    "entity,id,customer,booked_on,service_date,amount,status,invoiced,channel,units\n"
    "alpha,A1,Ada,2026-10-01,2026-11-20,300.00,confirmed,no,website,\n"
    "alpha,A2,Bo,2026-11-01,2027-01-10,700.00,confirmed,no,google_business,\n"
    "alpha,A3,Cy,2026-11-01,2027-06-10,100.00,confirmed,no,,\n"
    "alpha,A4,Di,2026-11-01,2026-12-10,500.00,cancelled,no,website,\n"
    "alpha,A5,Ed,2026-11-20,2026-12-12,200.00,confirmed,no,website,\n"
    "alpha,A6,Fay,2026-09-01,2026-10-05,1500.00,delivered,yes,website,\n";

constexpr std::string_view k_channels =
    "entity,channel,status,monthly_views,leads_30d,updated\n"
    "alpha,website,listed,600,4,2026-11-10\n"
    "alpha,yelp,listed,50,0,2026-11-10\n"
    "alpha,getmyboat,not_listed,0,0,2026-11-10\n";

constexpr std::string_view k_cloud =
    "entity,month,provider,service,usage_type,cost,resource,state,utilization\n"
    "alpha,2026-09,aws,Amazon EC2,BoxUsage,100.00,,,\n"
    "alpha,2026-10,aws,Amazon EC2,BoxUsage,120.00,,,\n"
    "alpha,2026-10,aws,Amazon S3,Storage,10.50,,,\n"
    "alpha,2026-10,aws,Amazon EC2,EBS,30.00,,,\n";

Dataset full_data() {
  Dataset d;
  Diagnostics diags;
  d.journal = parse_journal(k_journal, "books.journal", diags);
  d.bookings = parse_bookings(k_bookings, "data/bookings.csv", diags);
  d.bookings_file = "data/bookings.csv";
  d.channels = parse_channels(k_channels, "data/channels.csv", diags);
  d.channels_file = "data/channels.csv";
  d.cloud_costs = parse_cloud_costs(k_cloud, "data/cloud_costs.csv", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  return d;
}

const Date k_as_of = *Date::parse("2026-11-16");  // the period is October 2026

struct Fixture {
  Portfolio portfolio = two_entities();
  Dataset data = full_data();
  AnalysisContext ctx{portfolio, data, k_as_of};
  ReportDefinition def;
  ReportDocument doc;

  std::vector<Chart> build(std::string_view id, std::vector<const Entity*> scope) const {
    const SectionInput in{ctx, def, scope, doc};
    const ChartInfo* info = find_chart(id);
    EXPECT_NE(info, nullptr) << id;
    return info == nullptr ? std::vector<Chart>{} : info->build(in);
  }
  std::vector<const Entity*> alpha() const { return {&portfolio.entities[0]}; }
  std::vector<const Entity*> both() const {
    return {&portfolio.entities[0], &portfolio.entities[1]};
  }
};

TEST(Charts, RevenueAgainstTargetByMonthOfTheYear) {
  Fixture f;
  f.def.sections = {"pnl", "revenue-targets"};
  const auto charts = f.build("revenue-vs-target", f.alpha());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.id, "revenue-vs-target-alpha");
  EXPECT_EQ(c.kind, Chart::Kind::bars);
  EXPECT_EQ(c.title, "Revenue against target, Jan–Oct 2026");
  EXPECT_EQ(c.section, "revenue-targets");
  EXPECT_EQ(c.scale, 2);
  EXPECT_EQ(c.symbol, "$");
  EXPECT_EQ(c.labels, (std::vector<std::string>{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                "Aug", "Sep", "Oct"}));
  ASSERT_EQ(c.series.size(), 1u);
  EXPECT_EQ(c.series[0].name, "Revenue");
  EXPECT_EQ(c.series[0].values, (Values{0, 0, 120000, 0, 0, 80000, 0, 0, 0, 150000}));
  ASSERT_TRUE(c.target);
  // Out of season in January and February: no target to meet.
  EXPECT_EQ(c.target->values, (Values{std::nullopt, std::nullopt, 100000, 100000, 100000, 100000,
                                      100000, 100000, 100000, 100000}));
  EXPECT_TRUE(c.empty_note.empty());
  EXPECT_FALSE(c.empty());
  EXPECT_EQ(c.alt,
            "Revenue against target, Jan–Oct 2026: $1,500 in October against a $1,000 target; 6 of "
            "8 months in "
            "season below target.");
}

TEST(Charts, RevenueAgainstTargetSaysWhatIsMissing) {
  Fixture f;
  const auto charts = f.build("revenue-vs-target", f.both());
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0].title, "Alpha: Revenue against target, Jan–Oct 2026");
  EXPECT_EQ(charts[0].section, "");  // the report has no revenue table: after the summary
  EXPECT_EQ(charts[1].id, "revenue-vs-target-beta");
  EXPECT_TRUE(charts[1].empty());
  EXPECT_EQ(charts[1].empty_note,
            "No revenue recorded for Beta in Jan–Oct 2026 yet: needs income postings "
            "(`Income:Beta:...`) in the "
            "journal.");
  EXPECT_EQ(charts[1].alt, "Beta: Revenue against target, Jan–Oct 2026: " + charts[1].empty_note);

  // Without a journal; without any target.
  const Dataset none;
  const AnalysisContext bare(f.portfolio, none, k_as_of);
  const std::vector<const Entity*> scope = f.alpha();
  const auto without = find_chart("revenue-vs-target")->build({bare, f.def, scope, f.doc});
  ASSERT_EQ(without.size(), 1u);
  EXPECT_TRUE(without[0].empty());
  EXPECT_EQ(without[0].empty_note,
            "No journal (`[data] journal`): this chart is drawn from its postings.");
  Portfolio no_targets = f.portfolio;
  for (auto& e : no_targets.entities) e.kpis.clear();
  const AnalysisContext untargeted(no_targets, f.data, k_as_of);
  const std::vector<const Entity*> all = {&no_targets.entities[0], &no_targets.entities[1]};
  const auto none_set = find_chart("revenue-vs-target")->build({untargeted, f.def, all, f.doc});
  ASSERT_EQ(none_set.size(), 1u);
  EXPECT_EQ(none_set[0].id, "revenue-vs-target");
  EXPECT_EQ(none_set[0].empty_note,
            "No entity in this report declares a `revenue_month` KPI with a target.");
}

TEST(Charts, CashByMonthEndAndAtTheAsOfDate) {
  Fixture f;
  f.def.sections = {"runway"};
  const auto charts = f.build("cash-runway", f.both());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.kind, Chart::Kind::line);
  EXPECT_EQ(c.section, "runway");
  EXPECT_EQ(c.labels, (std::vector<std::string>{"Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "16 Nov"}));
  ASSERT_EQ(c.series.size(), 1u);
  EXPECT_EQ(c.series[0].values, (Values{500000, 500000, 500000, 620000, 620000, 620000, 700000,
                                        700000, 700000, 690000, 800000, 800000}));
  EXPECT_EQ(c.title, "Cash by month; not burning");
  EXPECT_EQ(c.alt,
            "Cash, Dec 2025 to 2026-11-16: $8,000 on 2026-11-16, from $5,000 at the end of "
            "December 2025; not "
            "burning.");
}

TEST(Charts, ExpenseMixByCategoryLargestFirst) {
  Fixture f;
  f.def.sections = {"pnl", "expenses"};
  const auto charts = f.build("expense-mix", f.both());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.kind, Chart::Kind::stacked);
  EXPECT_EQ(c.section, "expenses");
  EXPECT_EQ(c.title, "Expenses by category, May–Oct 2026");
  ASSERT_EQ(c.series.size(), 2u);
  EXPECT_EQ(c.series[0].name, "Fuel");
  EXPECT_EQ(c.series[0].values, (Values{0, 0, 0, 0, 0, 30000}));
  EXPECT_EQ(c.series[1].name, "Insurance");
  EXPECT_EQ(c.series[1].values, (Values{0, 0, 0, 0, 10000, 10000}));
  EXPECT_EQ(
      c.alt,
      "Expenses by category, May–Oct 2026: $400 in October, the most Fuel $300 (75.0%), Insurance "
      "$100 (25.0%).");
}

TEST(Charts, PipelineByMonthOfServiceAddsUpToTheForwardBookings) {
  Fixture f;
  f.def.sections = {"pipeline"};
  const auto charts = f.build("pipeline-by-month", f.both());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.kind, Chart::Kind::bars);  // one entity with bookings: plain bars
  EXPECT_EQ(c.labels, (std::vector<std::string>{"Nov", "Dec", "Jan", "Feb", "Mar", "Apr"}));
  ASSERT_EQ(c.series.size(), 1u);
  EXPECT_EQ(c.series[0].name, "Alpha");
  EXPECT_EQ(c.series[0].values, (Values{30000, 0, 70000, 0, 0, 0}));
  const MetricValue forward = compute_metric("forward_bookings_value", f.portfolio.entities[0],
                                             f.ctx, MetricPeriod::current(f.ctx));
  ASSERT_TRUE(forward.value);
  EXPECT_EQ(forward.value->scaled, 110000);  // the $100 in June 2027 is after the chart's months
  EXPECT_EQ(c.alt,
            "Forward bookings at 2026-11-16: $1,100 in all, the most in January ($700); $100 after "
            "April.");

  Dataset no_bookings = full_data();
  no_bookings.bookings.reset();
  const AnalysisContext bare(f.portfolio, no_bookings, k_as_of);
  const std::vector<const Entity*> scope = f.alpha();
  const auto missing = find_chart("pipeline-by-month")->build({bare, f.def, scope, f.doc});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_TRUE(missing[0].empty());
  EXPECT_EQ(missing[0].empty_note,
            "No bookings file (`[data] bookings`): the pipeline is drawn from it.");
}

TEST(Charts, ChannelMatrixIsBookedValueByChannel) {
  Fixture f;
  f.def.sections = {"channels", "pipeline"};
  const auto charts = f.build("channel-matrix", f.alpha());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.kind, Chart::Kind::horizontal);
  EXPECT_EQ(c.section, "channels");
  EXPECT_EQ(c.labels, (std::vector<std::string>{"website", "google_business", "unknown", "yelp"}));
  EXPECT_EQ(c.series[0].values, (Values{180000, 70000, 10000, 0}));
  EXPECT_EQ(c.alt,
            "Booked value by channel, last 12 months: $2,600 in all; website $1,800 (69.2%), "
            "google_business $700 "
            "(26.9%), unknown $100 (3.8%); 1 channel listed with no booking. Spend by channel is "
            "not in the data.");
}

TEST(Charts, CloudCostByServicePerEntity) {
  Fixture f;
  f.def.sections = {"cloud-costs", "cloud-services"};
  const auto charts = f.build("cloud-cost-by-service", f.both());
  ASSERT_EQ(charts.size(), 1u);  // Beta has no cloud costs
  const Chart& c = charts[0];
  EXPECT_EQ(c.id, "cloud-cost-by-service-alpha");
  EXPECT_EQ(c.section, "cloud-services");
  EXPECT_EQ(c.title, "Alpha: Cloud cost by service, October 2026");
  EXPECT_EQ(c.labels, (std::vector<std::string>{"Amazon EC2", "Amazon S3"}));
  EXPECT_EQ(c.series[0].values, (Values{15000, 1050}));
  EXPECT_EQ(c.alt,
            "Alpha: Cloud cost by service, October 2026: $161 in all; Amazon EC2 $150 (93.5%), "
            "Amazon S3 $11 (6.5%).");

  Dataset no_cloud = full_data();
  no_cloud.cloud_costs.reset();
  const AnalysisContext bare(f.portfolio, no_cloud, k_as_of);
  const std::vector<const Entity*> scope = f.both();
  const auto missing = find_chart("cloud-cost-by-service")->build({bare, f.def, scope, f.doc});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].id, "cloud-cost-by-service");
  EXPECT_EQ(missing[0].empty_note,
            "No cloud cost file (`[data] cloud_costs`): this chart is drawn from it.");
}

TEST(Charts, SparklinesOnePerEntity) {
  Fixture f;
  f.def.sections = {"decisions", "entity-overview"};
  const auto charts = f.build("entity-sparklines", f.both());
  ASSERT_EQ(charts.size(), 1u);
  const Chart& c = charts[0];
  EXPECT_EQ(c.kind, Chart::Kind::sparklines);
  EXPECT_EQ(c.section, "entity-overview");
  EXPECT_EQ(c.labels.size(), 12u);
  EXPECT_EQ(c.labels.front(), "Nov");
  ASSERT_EQ(c.series.size(), 2u);
  EXPECT_EQ(c.series[0].values, (Values{0, 0, 0, 0, 120000, 0, 0, 80000, 0, 0, 0, 150000}));
  EXPECT_EQ(c.series[1].values, Values(12, std::nullopt));  // no books: no line, not zeros
  EXPECT_EQ(c.alt,
            "Revenue by month, Nov 2025–Oct 2026; in October against September: Alpha $1,500 (up "
            "from $0); Beta "
            "no revenue in the books.");
}

TEST(Charts, UnknownChartIsLocatedWithDidYouMean) {
  Portfolio p = two_entities();
  ReportDefinition def;
  def.id = "board";
  def.charts = {"expense-mix", "cash-runaway"};
  def.chart_where = {{"portfolio.toml", 9, 11}, {"portfolio.toml", 9, 26}};
  p.reports = {def};
  Diagnostics out;
  check_report_definitions(p, out);
  ASSERT_EQ(out.size(), 1u) << all(out);
  EXPECT_EQ(out[0].to_string(),
            "portfolio.toml:9:26: report `board` names an unknown chart: expected a chart id from "
            "`quarterdeck sections --charts`, found `cash-runaway` (did you mean `cash-runway`?)");
}

TEST(Charts, ReportCarriesItsChartsInOrder) {
  const Portfolio p = two_entities();
  const Dataset d = full_data();
  const AnalysisContext ctx(p, d, k_as_of);
  ReportDefinition def;
  def.id = "board";
  def.charts = {"cash-runway", "revenue-vs-target", "entity-sparklines"};
  const ReportDocument doc = build_report(def, ctx, {});
  std::vector<std::string> ids;
  for (const auto& c : doc.charts) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"cash-runway", "revenue-vs-target-alpha",
                                           "revenue-vs-target-beta", "entity-sparklines"}));
}

TEST(ChartCatalogue, IdsAreUniqueAndFound) {
  for (const auto& info : chart_catalogue()) {
    EXPECT_EQ(find_chart(info.id), &info);
    EXPECT_FALSE(info.title.empty()) << info.id;
    EXPECT_FALSE(info.needs.empty()) << info.id;
  }
  EXPECT_EQ(find_chart("no-such-chart"), nullptr);
}

// docs/reports.md's "Charts" table lists every chart of the catalogue and no
// other; every built-in definition names only catalogue charts.
TEST(ChartCatalogue, MatchesTheDocsAndTheBuiltInDefinitions) {
  const auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string docs = read(std::filesystem::path(QD_SOURCE_DIR) / "docs" / "reports.md");
  const auto start = docs.find("\n## Charts\n");
  ASSERT_NE(start, std::string::npos);
  const std::string part = docs.substr(start, docs.find("\n## ", start + 1) - start);
  std::vector<std::string> documented;
  std::istringstream lines(part);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("| `")) documented.push_back(line.substr(3, line.find('`', 3) - 3));
  }
  std::vector<std::string> ids;
  for (const auto& info : chart_catalogue()) ids.emplace_back(info.id);
  EXPECT_EQ(documented, ids);
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(QD_SOURCE_DIR) / "personas")) {
    const std::string text = read(entry.path());
    const auto at = text.find("\ncharts = [");
    ASSERT_NE(at, std::string::npos) << entry.path().filename();
    const std::string list = text.substr(at + 11, text.find(']', at) - at - 11);
    for (std::size_t q = list.find('"'); q != std::string::npos;
         q = list.find('"', list.find('"', q + 1) + 1)) {
      const std::string id = list.substr(q + 1, list.find('"', q + 1) - q - 1);
      EXPECT_NE(find_chart(id), nullptr) << entry.path().filename() << ": " << id;
    }
  }
}

}  // namespace
}  // namespace quarterdeck
