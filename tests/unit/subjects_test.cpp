// One finding per problem: subject inference, the merge of findings about
// the same entity and subject, and the ranking score.
#include "analyze/subjects.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analyze/findings.hpp"

namespace quarterdeck {
namespace {

const Date k_as_of = *Date::parse("2026-11-16");

Portfolio one_entity() {
  Portfolio p;
  p.currency = "USD";
  Entity e;
  e.id = "alpha";
  e.name = "Alpha Charters";
  e.account = "Alpha";
  e.kind = "charter";
  e.file = "entities/alpha.toml";
  e.expected_channels = {"getmyboat", "website"};
  Endpoint ep;
  ep.url = "https://alpha.example.com/api/bookings";
  e.stack.endpoints.push_back(ep);
  e.stack.repos = {"repos/alpha-site"};
  p.entities = {e};
  return p;
}

Finding finding(std::string id, Severity s, std::string entity, std::string subject,
                std::vector<Evidence> evidence) {
  Finding f;
  f.id = std::move(id);
  f.severity = s;
  f.entity = std::move(entity);
  f.subject = std::move(subject);
  f.title = f.id;
  f.recommendation = "do " + f.id;
  f.evidence = std::move(evidence);
  f.due = findings_detail::due_for(s, k_as_of);
  return f;
}

TEST(Subjects, InferredFromWhatTheTextNames) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  const Entity& e = p.entities.front();
  EXPECT_EQ(infer_subject(ctx, e, "The /api/bookings endpoint returns customer names"),
            "endpoint:/api/bookings");
  EXPECT_EQ(infer_subject(ctx, e, "AWS keys committed to alpha-site"), "secrets:alpha-site");
  EXPECT_EQ(infer_subject(ctx, e, "alpha-site has not been deployed since May"), "repo:alpha-site");
  EXPECT_EQ(infer_subject(ctx, e, "Never listed on GetMyBoat"), "listing");
  EXPECT_EQ(infer_subject(ctx, e, "No WAF in front of the site"), "waf");
  EXPECT_EQ(infer_subject(ctx, e, "The wafer supplier is late"), "");
  EXPECT_EQ(infer_subject(ctx, e, "Enquiries come only from the website"), "");
  EXPECT_EQ(endpoint_subject("https://alpha.example.com/"), "endpoint:alpha.example.com");
  EXPECT_EQ(channel_words("google_business"), "Google Business");
  EXPECT_EQ(channel_words("getmyboat"), "GetMyBoat");
}

TEST(Subjects, MergeKeepsTheStrongestSeverityAndEveryEvidenceOnce) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  std::vector<Finding> in{
      finding("runway-alpha", Severity::medium, "alpha", "runway",
              {{"books.journal", "cash $100.00"}}),
      finding("rule-runway-floor-alpha", Severity::critical, "alpha", "runway",
              {{"portfolio.toml:130",
                "runway 5.6 months, under the portfolio's floor of 6 (rule runway-floor)"},
               {"books.journal", "cash $100.00"}}),
      finding("known-issue-alpha-cash-is-short", Severity::high, "alpha", "runway",
              {{"entities/alpha.toml:40", "the bank line ends in December"}}),
      finding("no-waf-alpha", Severity::low, "alpha", "waf",
              {{"entities/alpha.toml:20", "no WAF"}})};
  in[0].at_stake = Money(902362, 2);
  in[0].days_to_impact = 168;
  const auto out = merge_and_rank(ctx, in);
  ASSERT_EQ(out.size(), 2U);
  const Finding& runway = out[0];
  EXPECT_EQ(runway.id, "runway-alpha");  // the detector's finding is the primary
  EXPECT_EQ(runway.title, "runway-alpha");
  EXPECT_EQ(runway.recommendation, "do runway-alpha");
  EXPECT_EQ(runway.severity, Severity::critical);
  EXPECT_EQ(runway.due, k_as_of.plus_days(7));
  ASSERT_EQ(runway.evidence.size(), 3U);
  EXPECT_EQ(runway.evidence[0].detail, "cash $100.00");
  EXPECT_EQ(runway.evidence[1].detail,
            "the bank line ends in December");  // known issues before rules
  EXPECT_EQ(runway.evidence[2].source, "portfolio.toml:130");
  EXPECT_EQ(runway.merged, (std::vector<std::string>{"known-issue-alpha-cash-is-short",
                                                     "rule-runway-floor-alpha"}));
  EXPECT_EQ(runway.score, 4'000'000'000'000'000 + 9'023'000 + (999 - 168));
  EXPECT_EQ(out[1].id, "no-waf-alpha");
  EXPECT_TRUE(out[1].merged.empty());
}

TEST(Subjects, ASecretsRuleAttachesToEveryRepositoryOfItsEntity) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  const std::vector<Finding> in{
      finding("secrets-alpha-alpha-site", Severity::critical, "alpha", "secrets:alpha-site",
              {{"repos/alpha-site/.env:2", "Stripe live secret key"}}),
      finding("secrets-alpha-infra", Severity::medium, "alpha", "secrets:infra",
              {{"repos/infra/terraform.tfstate", "credentials file"}}),
      finding("rule-no-secrets-alpha", Severity::high, "alpha", "secrets",
              {{"portfolio.toml:148",
                "2 secrets in the code, where the portfolio allows none (rule no-secrets)"}})};
  const auto out = merge_and_rank(ctx, in);
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].id, "secrets-alpha-alpha-site");
  EXPECT_EQ(out[0].severity, Severity::critical);
  EXPECT_EQ(out[1].id, "secrets-alpha-infra");
  EXPECT_EQ(out[1].severity, Severity::high);  // raised by the rule
  for (const auto& f : out) {
    EXPECT_EQ(f.merged, std::vector<std::string>{"rule-no-secrets-alpha"});
    EXPECT_EQ(f.evidence.back().source, "portfolio.toml:148");
  }
}

TEST(Subjects, ARuleWithNoDetectorStaysAFindingOfItsOwn) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  const auto out = merge_and_rank(ctx, {finding("rule-no-secrets-alpha", Severity::high, "alpha",
                                                "secrets", {{"portfolio.toml:148", "x"}})});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].subject, "secrets");
}

TEST(Subjects, APlannedActionFoldsIntoTheFindingItIsAboutAndOnlyThere) {
  Portfolio p = one_entity();
  CapitalAction list;
  list.id = "alpha-getmyboat";
  list.entity = "alpha";
  list.title = "List Alpha on GetMyBoat";
  list.monthly_return = Money(180000, 2);
  list.due = *Date::parse("2026-12-01");
  list.where.line = 170;
  CapitalAction photos = list;
  photos.id = "alpha-photos";
  photos.title = "New photos for the boat";
  p.actions = {list, photos};
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  const auto out = merge_and_rank(ctx, {finding("listing-gap-alpha", Severity::medium, "alpha",
                                                "listing", {{"channels.csv", "x"}})});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].merged, std::vector<std::string>{"planned-alpha-getmyboat"});
  EXPECT_EQ(out[0].severity, Severity::medium);
  EXPECT_EQ(out[0].evidence.back().detail,
            "planned: List Alpha on GetMyBoat, $1,800.00 a month expected, due 2026-12-01");
  EXPECT_TRUE(folded_into(out, action_item_id(list)));
  EXPECT_FALSE(folded_into(out, action_item_id(photos)));
  EXPECT_EQ(planned_listing(p, p.entities.front(), "getmyboat"), &p.actions.front());
  EXPECT_EQ(planned_listing(p, p.entities.front(), "website"), nullptr);
}

TEST(Subjects, RankingIsTheScoreThenEntityAndSubjectNeverInputOrder) {
  Portfolio p = one_entity();
  Entity beta = p.entities.front();
  beta.id = "beta";
  p.entities.push_back(beta);
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  std::vector<Finding> in{finding("a", Severity::high, "beta", "waf", {{"x", "1"}}),
                          finding("b", Severity::high, "alpha", "waf", {{"x", "2"}}),
                          finding("c", Severity::high, "alpha", "listing", {{"x", "3"}}),
                          finding("d", Severity::high, "beta", "runway", {{"x", "4"}}),
                          finding("e", Severity::critical, "beta", "sales", {{"x", "5"}}),
                          finding("f", Severity::high, "beta", "invoicing", {{"x", "6"}})};
  in[3].days_to_impact = 30;
  in[5].at_stake = Money(100, 2);  // $1.00: money first, then days
  const std::vector<std::string> expected{"e", "f", "d", "c", "b", "a"};
  std::mt19937 shuffle(12);
  for (int round = 0; round < 5; ++round) {
    std::ranges::shuffle(in, shuffle);
    const auto out = merge_and_rank(ctx, in);
    std::vector<std::string> ids;
    for (const auto& f : out) ids.push_back(f.id);
    EXPECT_EQ(ids, expected);
  }
}

TEST(Subjects, AKnownIssueNoDetectorCoversGetsARecommendationWrittenForIt) {
  Portfolio p = one_entity();
  KnownIssue truck;
  truck.title = "One truck, no backup";
  truck.severity = Severity::medium;
  truck.owner = "operations";
  KnownIssue listing;
  listing.title = "Never listed on GetMyBoat";
  listing.severity = Severity::high;
  KnownIssue planned = truck;
  planned.title = "The boat needs new sails";
  planned.action = "Order the sails before March.";
  p.entities.front().known_issues = {truck, listing, planned};
  const Dataset d;
  const AnalysisContext ctx(p, d, k_as_of);
  const auto out = detect_findings(ctx);
  const auto by_title = [&](std::string_view title) {
    const auto it = std::ranges::find(out, std::string("Alpha Charters: ") + std::string(title),
                                      &Finding::title);
    EXPECT_NE(it, out.end()) << title;
    return it == out.end() ? Finding{} : *it;
  };
  EXPECT_EQ(by_title("One truck, no backup").recommendation,
            "Agree with the operations lead how and by when Alpha Charters fixes this, and add it "
            "to the handoff "
            "notes with a due date.");
  EXPECT_EQ(by_title("One truck, no backup").subject, "issue:one-truck-no-backup");
  EXPECT_EQ(by_title("Never listed on GetMyBoat").subject, "listing");
  EXPECT_EQ(by_title("Never listed on GetMyBoat").recommendation,
            "List Alpha Charters on the channels it is missing; the CMO report's listing sequence "
            "has the order.");
  EXPECT_EQ(by_title("The boat needs new sails").recommendation, "Order the sails before March.");
  for (const auto& f : out)
    EXPECT_EQ(f.recommendation.find("Close the known issue"), std::string::npos);
}

TEST(Subjects, WordsForTheReader) {
  using namespace findings_detail;
  EXPECT_EQ(count_text(1200), "1,200");
  EXPECT_EQ(plural(1, "finding", "findings"), "1 finding");
  EXPECT_EQ(plural(1200, "view", "views"), "1,200 views");
  EXPECT_EQ(with_article("agency"), "an agency");
  EXPECT_EQ(with_article("charter business"), "a charter business");
  EXPECT_EQ(possessive("JADA Yacht Charters"), "JADA Yacht Charters'");
  EXPECT_EQ(possessive("QuickDumpNow"), "QuickDumpNow's");
}

}  // namespace
}  // namespace quarterdeck
