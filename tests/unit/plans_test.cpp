// The forward-looking tables and their inputs: the listing sequence, the
// local search roadmap, aged receivables and the collections plan, the
// rental's market position, and the overdue-invoice finding.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"
#include "analyze/marketing.hpp"
#include "analyze/report_builder.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Date day(const char* s) { return *Date::parse(s); }
Money money(const char* s) { return *Money::parse_decimal(s); }

// Two service businesses: alpha is listed on its website only; beta, the
// peer, is listed on google_business and yelp and takes 4 of its 10 recent
// bookings through google_business and 2 through yelp. A rental, gamma,
// has comparables declared.
struct Fixture {
  Portfolio portfolio;
  Dataset data;

  Fixture() {
    portfolio.currency = "USD";
    Entity alpha;
    alpha.id = "alpha";
    alpha.name = "Alpha";
    alpha.kind = "service";
    alpha.expected_channels = {"google_business", "yelp", "thumbtack", "website"};
    alpha.features = {"quote_form"};
    alpha.file = "entities/alpha.toml";
    Entity beta;
    beta.id = "beta";
    beta.name = "Beta";
    beta.kind = "service";
    Entity gamma;
    gamma.id = "gamma";
    gamma.name = "Gamma";
    gamma.kind = "rental";
    gamma.unit = "night";
    gamma.file = "entities/gamma.toml";
    gamma.market = {money("100.00"), 50, 12, "a survey", true, {"entities/gamma.toml", 9, 1}};
    portfolio.entities = {alpha, beta, gamma};
    portfolio.marketplaces = {
        {"google_business", 3, 0, std::nullopt, "", {"portfolio.toml", 20, 1}},
        {"yelp", 2, 0, std::nullopt, "", {"portfolio.toml", 24, 1}},
        {"thumbtack", 4, 25, 30, "the area's lead counts", {"portfolio.toml", 28, 1}},
    };

    Diagnostics d;
    std::string bookings = "entity,id,customer,booked_on,service_date,amount,status,invoiced,channel,units\n";
    // alpha: one $100 job a month for the last 12 months, each a new customer.
    for (int m = 0; m < 12; ++m) {
      const Date served = day("2025-12-05").plus_days(m * 30);
      bookings += fmt::format("alpha,A{},Customer {},{},{},100.00,delivered,yes,website,\n", m, m,
                              served.plus_days(-10).to_string(), served.to_string());
    }
    const char* beta_channels[] = {"google_business", "google_business", "google_business", "google_business",
                                   "yelp", "yelp", "direct", "direct", "direct", "direct"};
    for (int i = 0; i < 10; ++i) {
      bookings += fmt::format("beta,B{},Client {},2026-10-{:02},2026-10-{:02},250.00,delivered,yes,{},\n", i, i,
                              i + 1, i + 2, beta_channels[i]);
    }
    // gamma: 40 nights for $4,400 between August and October 2026.
    bookings += "gamma,G1,Guest,2026-07-01,2026-08-10,2200.00,delivered,yes,airbnb,20\n";
    bookings += "gamma,G2,Guest,2026-07-01,2026-10-03,2200.00,delivered,yes,airbnb,20\n";
    data.bookings = parse_bookings(bookings, "data/bookings.csv", d);
    data.bookings_file = "data/bookings.csv";
    data.channels = parse_channels(
        "entity,channel,status,monthly_views,leads_30d\n"
        "alpha,website,listed,300,4\n"
        "alpha,google_business,not_listed,,\n"
        "alpha,thumbtack,not_listed,,\n"
        "beta,google_business,listed,900,20\n"
        "beta,yelp,listed,100,3\n",
        "data/channels.csv", d);
    data.channels_file = "data/channels.csv";
    data.invoices = parse_invoices(
        "entity,invoice,customer,issued,due,amount,paid_on\n"
        "alpha,1,Customer 1,2026-01-01,2026-01-31,100.00,\n"            // 289 days late
        "alpha,2,Customer 9,2026-10-01,2026-10-31,100.00,2026-11-20\n"  // paid after the as-of date: open
        "alpha,3,Customer 10,2026-11-01,2026-12-01,100.00,\n"           // not yet due
        "alpha,4,Customer 9,2026-09-01,2026-10-01,100.00,2026-11-10\n", // paid
        "data/invoices.csv", d);
    data.invoices_file = "data/invoices.csv";
    EXPECT_TRUE(d.empty()) << all(d);
  }
};

TEST(ListingSequence, PeersShareFirstThenAssumptionsRankedByValuePerHour) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto options = sequence_listings(ctx, f.portfolio.entities[0]);
  ASSERT_EQ(options.size(), 3u);
  // thumbtack: assumed 3 a month x $100 less 25% = $225.00 for 4 h ($56.25 an hour).
  EXPECT_EQ(options[0].channel, "thumbtack");
  EXPECT_EQ(options[0].status, "not_listed");
  EXPECT_EQ(options[0].value_month->to_display(), "$225.00");
  EXPECT_EQ(options[0].bookings_month->to_display(), "3.0");
  EXPECT_EQ(options[0].basis, "assumed: the area's lead counts (portfolio.toml:28); × $100.00 average booking less the 25% fee");
  // google_business: Beta takes 4 of 10 through it; at that share alpha's
  // 1 a month would gain 4/6: $66.67 for 3 h ($22.22 an hour).
  EXPECT_EQ(options[1].channel, "google_business");
  EXPECT_EQ(options[1].value_month->to_display(), "$66.67");
  EXPECT_EQ(options[1].bookings_month->to_display(), "0.7");
  EXPECT_EQ(options[1].basis,
            "Beta took 4 of 10 bookings through `google_business` in 90 days; at that share, 1.0 a month over the "
            "last 12 months would gain this; × $100.00 average booking");
  // yelp (no row at all): 2 of 10, so 1 x 2/8 = 0.25 a month, $25.00 for 2 h.
  EXPECT_EQ(options[2].channel, "yelp");
  EXPECT_EQ(options[2].status, "absent");
  EXPECT_EQ(options[2].value_month->to_display(), "$25.00");
  ASSERT_EQ(options[2].evidence.size(), 2u);
  EXPECT_EQ(options[2].evidence[1].source, "data/channels.csv:6");
}

TEST(ListingSequence, APeerShareOverHalfIsNotExtrapolated) {
  Fixture f;
  for (auto& b : *f.data.bookings) {
    if (b.entity == "beta" && b.channel == "direct") b.channel = "google_business";  // 8 of 10
  }
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto options = sequence_listings(ctx, f.portfolio.entities[0]);
  const auto g = std::ranges::find(options, std::string("google_business"), &ListingOption::channel);
  ASSERT_NE(g, options.end());
  EXPECT_FALSE(g->value_month.has_value());
  EXPECT_EQ(g->basis,
            "missing data: Beta took 8 of 10 bookings through `google_business` in 90 days (a share is applied from "
            "10 bookings and up to half of them), and [[marketplaces]] gives no `bookings_month` for it");
}

TEST(ListingSequence, WithoutPeersOrAssumptionsTheValueIsMissingAndRankedLast) {
  Fixture f;
  f.portfolio.marketplaces[2].bookings_month_tenths.reset();
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto options = sequence_listings(ctx, f.portfolio.entities[0]);
  ASSERT_EQ(options.size(), 3u);
  EXPECT_EQ(options[2].channel, "thumbtack");
  EXPECT_FALSE(options[2].value_month.has_value());
  EXPECT_EQ(options[2].basis,
            "missing data: no service entity is listed on `thumbtack` and [[marketplaces]] gives no `bookings_month` "
            "for it");
}

TEST(LocalSeo, EachStepIsCheckedAgainstTheData) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto steps = local_seo_plan(ctx, f.portfolio.entities[0]);
  std::vector<std::string> states;
  for (const auto& s : steps) states.push_back(s.id + ": " + s.state);
  EXPECT_EQ(states, (std::vector<std::string>{
                        "profile: to do: claim the profile and fill it in",
                        "enquiries: to do: after the profile is listed",
                        "directories: to do: 0 of 2 listed; next thumbtack, then yelp",
                        "reviews: to do: ask the 3 customers served from 2026-08-19, then every customer after the job",
                        "form: done: the site takes enquiries online",
                        "analytics: to do: no `analytics` in features; site traffic cannot be measured",
                    }));
  EXPECT_TRUE(local_seo_plan(ctx, f.portfolio.entities[2]).empty());  // a rental
}

TEST(Receivables, AgedByDaysPastDueAndPlannedMostOverdueFirst) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto sections = report_detail::receivables_sections(ctx, f.portfolio.entities[0]);
  ASSERT_EQ(sections.size(), 2u);
  const Section& aged = sections[0];
  ASSERT_EQ(aged.rows.size(), 4u);
  EXPECT_EQ(aged.rows[0], (std::vector<std::string>{"Customer 1", "1", "$0.00", "$0.00", "$0.00", "$0.00", "$100.00"}));
  EXPECT_EQ(aged.rows[1], (std::vector<std::string>{"Customer 10", "1", "$100.00", "$0.00", "$0.00", "$0.00", "$0.00"}));
  EXPECT_EQ(aged.rows[2], (std::vector<std::string>{"Customer 9", "1", "$0.00", "$100.00", "$0.00", "$0.00", "$0.00"}));
  EXPECT_EQ(aged.rows[3], (std::vector<std::string>{"Total", "3", "$100.00", "$100.00", "$0.00", "$0.00", "$100.00"}));
  const Section& plan = sections[1];
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0], (std::vector<std::string>{"1", "2026-11-17", "Customer 1", "chase invoice 1", "$100.00",
                                                    "289 days past due (data/invoices.csv:2)"}));
  EXPECT_EQ(plan.rows[1], (std::vector<std::string>{"2", "2026-11-18", "Customer 9", "chase invoice 2", "$100.00",
                                                    "16 days past due (data/invoices.csv:3)"}));

  std::vector<Finding> findings;
  findings_detail::detect_receivables(ctx, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "overdue-invoices-alpha");
  EXPECT_EQ(findings[0].severity, Severity::high);
  EXPECT_EQ(findings[0].title, "Alpha: $200.00 overdue on 2 invoices, the oldest 289 days late");
  ASSERT_EQ(findings[0].evidence.size(), 2u);
  EXPECT_EQ(findings[0].evidence[0].source, "data/invoices.csv:2");
}

TEST(Receivables, WithoutAnInvoicesFileTheAgingSaysWhatIsMissing) {
  Fixture f;
  f.data.invoices.reset();
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const auto sections = report_detail::receivables_sections(ctx, f.portfolio.entities[0]);
  EXPECT_TRUE(sections[0].rows.empty());
  EXPECT_EQ(sections[0].note, "Missing data: no invoices file (`[data] invoices`) with issue, due and payment dates.");
  std::vector<Finding> findings;
  findings_detail::detect_receivables(ctx, findings);
  EXPECT_TRUE(findings.empty());
}

TEST(Invoices, ADueDateBeforeTheIssueDateIsAnError) {
  Diagnostics d;
  const auto rows = parse_invoices("entity,invoice,customer,issued,due,amount\n"
                                   "alpha,7,Customer,2026-03-01,2026-02-01,10.00\n",
                                   "data/invoices.csv", d);
  EXPECT_TRUE(rows.empty());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].to_string(),
            "data/invoices.csv:2:29: invoice `7` due before it was issued: expected a due date on or after 2026-03-01, "
            "found 2026-02-01");
}

TEST(Invoices, BlankIdsNonPositiveAmountsAndDuplicatesAreErrors) {
  Diagnostics d;
  const auto rows = parse_invoices("entity,invoice,customer,issued,due,amount\n"
                                   "alpha,,Customer,2026-03-01,2026-03-31,10.00\n"
                                   "alpha,8,Customer,2026-03-01,2026-03-31,-5.00\n"
                                   "alpha,9,Customer,2026-03-01,2026-03-31,5.00\n"
                                   "alpha,9,Customer,2026-04-01,2026-04-30,5.00\n",
                                   "data/invoices.csv", d);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(all(d),
            "data/invoices.csv:2:7: invalid `invoice`: expected a value, found an empty field\n"
            "data/invoices.csv:3:40: invalid `amount`: expected an amount above zero (a credit note is not an invoice), "
            "found `-5.00`\n"
            "data/invoices.csv:5:7: invoice `9` of `alpha` listed twice: expected one row per invoice, found a second row\n");
}

TEST(MarketPosition, TheRentalAgainstItsComparables) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const Section s = report_detail::market_position(ctx, f.portfolio.entities[2]);
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"Average rate a night", "$110.00", "$100.00", "+10.0%"}));
  EXPECT_EQ(s.rows[1], (std::vector<std::string>{"Occupancy", "43.5%", "50%", "-6.5 points"}));
  EXPECT_EQ(s.rows[2], (std::vector<std::string>{"Revenue per available night", "$47.83", "$50.00", "-4.3%"}));
  EXPECT_NE(s.note.find("Priced at or above the market and filling less"), std::string::npos) << s.note;

  f.portfolio.entities[2].market.declared = false;
  const Section none = report_detail::market_position(ctx, f.portfolio.entities[2]);
  EXPECT_TRUE(none.rows.empty());
  EXPECT_EQ(none.note,
            "Missing data: no comparable listings (`[market]` with `rate`, `occupancy_percent` and `source` in "
            "entities/gamma.toml).");
}

}  // namespace
}  // namespace quarterdeck

namespace quarterdeck {
namespace {

TEST(ServiceReport, DeliveryChainAndAcquisitionFromTheBookings) {
  Fixture f;
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  const Section chain = report_detail::delivery_chain(ctx, f.portfolio.entities[0]);
  ASSERT_EQ(chain.rows.size(), 5u);
  EXPECT_EQ(chain.rows[0], (std::vector<std::string>{"Booked", "3", "$300.00", "100.0%"}));
  EXPECT_EQ(chain.rows[1], (std::vector<std::string>{"Cancelled", "0", "$0.00", "0.0%"}));
  EXPECT_EQ(chain.rows[4], (std::vector<std::string>{"Delivered and invoiced", "3", "$300.00", "100.0%"}));
  const Section acquisition = report_detail::customer_acquisition(ctx, f.portfolio.entities[0]);
  ASSERT_EQ(acquisition.rows.size(), 1u);
  EXPECT_EQ(acquisition.rows[0], (std::vector<std::string>{"website", "12", "12", "$1,200.00", "$100.00", "4"}));

  f.data.bookings.reset();
  const AnalysisContext without(f.portfolio, f.data, day("2026-11-16"));
  EXPECT_EQ(report_detail::delivery_chain(without, f.portfolio.entities[0]).note,
            "Missing data: no bookings file (`[data] bookings`).");
  EXPECT_TRUE(report_detail::customer_acquisition(without, f.portfolio.entities[0]).rows.empty());
}

TEST(EngineeringActions, FindingsGroupedByKindAcrossEntitiesMostSevereFirst) {
  Fixture f;
  RepoAudit repo;
  for (const char* rule : {"aws-access-key-id", "stripe-live-secret-key"}) {
    SecretFinding secret;
    secret.rule = rule;
    repo.secrets.push_back(secret);
  }
  f.data.repos = std::vector<RepoAudit>{repo};
  const AnalysisContext ctx(f.portfolio, f.data, day("2026-11-16"));
  ReportDocument doc;
  const auto finding = [](const char* id, Severity s, const char* entity, const char* rec, const char* due) {
    Finding x;
    x.id = id;
    x.severity = s;
    x.entity = entity;
    x.recommendation = rec;
    x.due = day(due);
    return x;
  };
  doc.findings = {finding("no-waf-alpha", Severity::medium, "alpha", "Put a WAF in front.", "2026-12-16"),
                  finding("aws-access-key-id-alpha", Severity::critical, "alpha", "Rotate it.", "2026-11-23"),
                  finding("no-ci-alpha", Severity::medium, "alpha", "Run CI.", "2026-12-16"),
                  finding("stripe-live-secret-key-beta", Severity::high, "beta", "Rotate that.", "2026-11-30"),
                  finding("no-ci-beta", Severity::medium, "beta", "Run CI.", "2026-12-10")};
  const Section s = report_detail::engineering_actions(doc, ctx);
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0][1], "eng-rotate-secrets");
  EXPECT_EQ(s.rows[0][3], "Alpha, Beta");
  EXPECT_EQ(s.rows[0][4], "critical");
  EXPECT_EQ(s.rows[0][5], "2026-11-23");
  EXPECT_EQ(s.rows[1], (std::vector<std::string>{"2", "eng-no-ci", "Run CI.", "Alpha, Beta", "medium", "2026-12-10",
                                                 "2 findings", "no-ci-alpha, no-ci-beta"}));
  EXPECT_EQ(s.rows[2][6], "1 finding");
  // The ids are for machines: the JSON has them, text and HTML do not.
  EXPECT_EQ(s.json_only, (std::vector<std::string>{"Id", "Findings"}));
  EXPECT_EQ(s.rows[2][1], "eng-no-waf");
}

}  // namespace
}  // namespace quarterdeck
