// What the renderer shows a reader: words for codes and ids, code spans as
// <code> in HTML and plain in text, no KPI sources in the body; the JSON
// keeps the codes and ids.
#include <gtest/gtest.h>

#include <string>

#include "render/renderer.hpp"

namespace quarterdeck {
namespace {

ReportDocument document() {
  ReportDocument doc;
  doc.report_id = "ceo";
  doc.persona = "ceo";
  doc.title = "CEO report";
  doc.portfolio = "Harbor";
  doc.as_of = *Date::parse("2026-11-16");
  doc.period = "October 2026";
  Finding f;
  f.id = "undeclared-kpis-queen";
  f.severity = Severity::high;
  f.title = "Queen: no `revenue_month` KPI & <no> target";
  f.recommendation = "Declare it in `entities/queen.toml`.";
  f.owner = "ceo";
  f.evidence = {{"entities/queen.toml", "a charter business should track `revenue_month`"}};
  doc.findings.push_back(f);
  Kpi k;
  k.id = "queen.revenue";
  k.name = "Queen: Revenue";
  k.value = Quantity::of_count(1200);
  k.target = 2000;
  k.status = "below_target";
  k.trend = "up";
  k.evidence = {{"entities/queen.toml:12", "metric `revenue_month`"}};
  doc.kpis.push_back(k);
  doc.sections.push_back(Section{"agenda-later",
                                 "Later",
                                 "Needs `[data] journal`.",
                                 {"Owner", "Action", "From", "Id"},
                                 {{"ceo", "Declare the KPIs", "undeclared-kpis-queen", "x-1"},
                                  {"ceo", "A booking form", "action eyd-booking-form", "x-2"},
                                  {"cto", "Add CI", "notes/jada.md:26", "x-3"}},
                                 {"Id"}});
  return doc;
}

std::string rendered(const ReportDocument& doc, render::Format format) {
  Diagnostics diagnostics;
  const auto templates =
      render::TemplateSet::load("/nonexistent-portfolio-for-a-test", diagnostics);
  const auto out = render::render(doc, format, templates);
  EXPECT_TRUE(out.has_value());
  return out.value_or("");
}

TEST(RendererWords, TextReadsInWords) {
  const std::string text = rendered(document(), render::Format::text);
  EXPECT_NE(text.find("Queen: no revenue_month KPI & <no> target"), std::string::npos) << text;
  EXPECT_NE(text.find("Do: Declare it in entities/queen.toml."), std::string::npos) << text;
  EXPECT_NE(text.find("below target"), std::string::npos) << text;
  EXPECT_EQ(text.find("below_target"), std::string::npos) << text;
  EXPECT_NE(text.find("Needs [data] journal."), std::string::npos) << text;
  // The From column: a finding by its severity, a planned action, a file as it is.
  EXPECT_NE(text.find("ceo    Declare the KPIs  high finding"), std::string::npos) << text;
  EXPECT_NE(text.find("ceo    A booking form    planned action"), std::string::npos) << text;
  EXPECT_NE(text.find("cto    Add CI            notes/jada.md:26"), std::string::npos) << text;
  EXPECT_EQ(text.find("x-1"), std::string::npos) << text;  // a JSON-only column
  EXPECT_EQ(text.find("Id"), std::string::npos) << text;
  EXPECT_EQ(text.find('`'), std::string::npos) << text;
  EXPECT_EQ(text.find("SOURCES OF THE KPIS"), std::string::npos) << text;
  EXPECT_EQ(text.find("metric revenue_month"), std::string::npos) << text;
}

TEST(RendererWords, HtmlMarksCodeSpansAndEscapesTheRest) {
  const std::string html = rendered(document(), render::Format::html);
  EXPECT_NE(
      html.find(
          "<div style=\"font-weight:bold;margin:4px 0\">Queen: no <code>revenue_month</code> KPI "
          "&amp; &lt;no&gt; target</div>"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find(">Needs <code>[data] journal</code>.</p>"), std::string::npos) << html;
  EXPECT_NE(html.find(">below target</span>"), std::string::npos) << html;
  EXPECT_NE(html.find(">high finding</td>"), std::string::npos) << html;
  EXPECT_NE(html.find(">planned action</td>"), std::string::npos) << html;
  EXPECT_NE(html.find(">Owner</th><th "), std::string::npos) << html;
  EXPECT_NE(html.find(">From</th></tr>"), std::string::npos) << html;
  EXPECT_EQ(html.find("x-1"), std::string::npos) << html;
  EXPECT_EQ(html.find('`'), std::string::npos) << html;
  EXPECT_EQ(html.find("Sources of the KPIs"), std::string::npos) << html;
  EXPECT_NE(html.find("Value: 1,200 · Target: 2,000 · Trend: ↑"), std::string::npos) << html;
}

TEST(RendererWords, JsonKeepsCodesAndIds) {
  const std::string json = rendered(document(), render::Format::json);
  EXPECT_NE(json.find("\"status\": \"below_target\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"undeclared-kpis-queen\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"action eyd-booking-form\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"x-1\""), std::string::npos) << json;
  EXPECT_NE(json.find("metric `revenue_month`"), std::string::npos) << json;
}

}  // namespace
}  // namespace quarterdeck
