#include "deliver/subject.hpp"
#include "model/decisions.hpp"

#include <gtest/gtest.h>

#include <string>

#include "util/strings.hpp"

namespace quarterdeck::deliver {
namespace {

Finding finding(std::string title, Severity severity, std::optional<Date> due) {
  Finding f;
  f.id = slugify(title);
  f.title = std::move(title);
  f.severity = severity;
  f.due = due;
  return f;
}

ReportDocument ceo_report() {
  ReportDocument doc;
  doc.report_id = "ceo";
  doc.persona = "ceo";
  doc.title = "CEO weekly report";
  doc.as_of = *Date::parse("2026-11-16");
  return doc;
}

TEST(Subject, CarriesTheHeadline) {
  ReportDocument doc = ceo_report();
  const Date week = doc.as_of.plus_days(7);
  doc.findings = {
      finding("Queen of San Diego has no bookings", Severity::critical, week),
      finding("DangerousCentaur 5.6 months of runway", Severity::high, doc.as_of.plus_days(3)),
      finding("Rotate the keys", Severity::critical,
              doc.as_of.plus_days(-2)),                              // overdue: still this week
      finding("Later", Severity::critical, doc.as_of.plus_days(8)),  // serious, after this week's
      finding("Minor", Severity::medium, week)};                     // not a decision
  // The same rule as the CEO's decisions section (model/decisions.hpp).
  EXPECT_EQ(decision_count(doc), 4u);
  EXPECT_EQ(decision_findings(doc).back()->title, "Later");
  EXPECT_EQ(subject_for(doc, "[Quarterdeck]", Redactor()),
            "[Quarterdeck] CEO, 16 Nov: 4 decisions — Queen of San Diego has no bookings; "
            "DangerousCentaur 5.6 "
            "months of runway");
  EXPECT_TRUE(subject_for(doc, "", Redactor()).starts_with("CEO, 16 Nov: 4 decisions — Queen"));
}

TEST(Subject, AtMostFiveDecisionsAndOneInTheSingular) {
  ReportDocument doc = ceo_report();
  for (int i = 0; i < 8; ++i) {
    doc.findings.push_back(
        finding("Finding " + std::to_string(i), Severity::critical, doc.as_of.plus_days(1)));
  }
  EXPECT_EQ(decision_count(doc), 5u);
  EXPECT_EQ(subject_for(doc, "", Redactor()), "CEO, 16 Nov: 5 decisions — Finding 0; Finding 1");
  doc.findings.resize(1);
  EXPECT_EQ(subject_for(doc, "", Redactor()), "CEO, 16 Nov: 1 decision — Finding 0");
}

TEST(Subject, WithoutDecisionsNamesTheFirstFinding) {
  ReportDocument doc = ceo_report();
  doc.persona = "rental";
  doc.title = "3028 51st St weekly report";
  EXPECT_EQ(subject_for(doc, "", Redactor()), "3028 51st St, 16 Nov: no findings");
  doc.findings = {
      finding("3028 51st St: two nights a month below the market", Severity::medium, std::nullopt)};
  EXPECT_EQ(subject_for(doc, "", Redactor()),
            "3028 51st St, 16 Nov: no decisions this week — 3028 51st St: two nights a month below "
            "the market");
}

TEST(Subject, ShortensTheTitleAtAWordToFit) {
  ReportDocument doc = ceo_report();
  doc.persona = "cto";
  doc.findings = {
      finding(std::string("JADA Yacht Charters: ") + std::string(30, 'x') +
                  " answers without authentication and lists every booking of every customer",
              Severity::critical, doc.as_of),
      finding("Second", Severity::critical, doc.as_of)};
  const std::string s = subject_for(doc, "[Q]", Redactor());
  EXPECT_EQ(s, "[Q] CTO, 16 Nov: 2 decisions — JADA Yacht Charters: " + std::string(30, 'x') +
                   " answers without…");
  EXPECT_LE(display_width(s), 4 + k_subject_budget);
}

TEST(Subject, RedactsBeforeShortening) {
  ReportDocument doc = ceo_report();
  const std::string codename = "Project Nightingale acquisition by Harbor Group in December";
  const std::string secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  Redactor redactor;
  redactor.add("CODENAME", codename, Sensitivity::value);
  redactor.add("STRIPE_KEY", secret, Sensitivity::credential);
  // Unredacted, the title passes the budget and would be cut inside the value.
  doc.findings = {finding("Queen of San Diego: " + codename + " is in the notes",
                          Severity::critical, doc.as_of)};
  EXPECT_EQ(subject_for(doc, "", redactor),
            "CEO, 16 Nov: 1 decision — Queen of San Diego: [redacted CODENAME] is in the notes");
  doc.title = secret + " report";
  doc.persona = "board";
  EXPECT_EQ(subject_for(doc, secret, redactor).substr(0, 44),
            "[redacted STRIPE_KEY] [redacted STRIPE_KEY],");
}

}  // namespace
}  // namespace quarterdeck::deliver
