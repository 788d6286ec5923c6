// The HTML e-mail's layout (docs/reports.md, "The HTML e-mail"): wide
// tables as one block per row, narrow ones as fixed tables; charts before
// the section they illustrate; the preheader, the logo and the accent; a
// severity in words and colour; no text colour without its background.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "render/renderer.hpp"

namespace quarterdeck {
namespace {

ReportDocument document() {
  ReportDocument doc;
  doc.report_id = "cfo";
  doc.persona = "cfo";
  doc.title = "CFO report";
  doc.portfolio = "Harbor";
  doc.as_of = *Date::parse("2026-11-16");
  doc.period = "October 2026";
  doc.summary = {"Cash is $12,000.00 across 3 entities. Runway is 4.2 months.", "Second sentence."};
  Finding f;
  f.id = "runway-jada";
  f.severity = Severity::critical;
  f.title = "Jada runs out of cash";
  f.recommendation = "Cut costs.";
  f.owner = "cfo";
  f.evidence = {{"data/books.journal:12", "cash $500.00"}};
  doc.findings.push_back(f);
  doc.sections.push_back(Section{"pnl",
                                 "Profit and loss",
                                 "",
                                 {"Entity", "Revenue", "Costs", "Profit", "Margin"},
                                 {{"Jada", "$1,200.00", "", "$200.00", "16.7%"},
                                  {"Queen", "$900.00", "$950.00", "-$50.00", "-5.6%"}},
                                 {}});
  doc.sections.push_back(Section{"decisions",
                                 "Decisions this week",
                                 "",
                                 {"#", "Decision", "Owner", "By"},
                                 {{"1", "Record the income", "Accounting", "23 Nov"}},
                                 {}});
  doc.sections.push_back(Section{"accounts",
                                 "Accounts",
                                 "",
                                 {"Account", "Balance"},
                                 {{"Expenses:Cloud:Hosting", "$120.00"}},
                                 {}});
  return doc;
}

Chart chart(std::string id, std::string section, bool with_data) {
  Chart c;
  c.id = std::move(id);
  c.title = "Revenue by month";
  c.alt = "Revenue rose from $900 to $1,200.";
  c.labels = {"Sep", "Oct"};
  c.series = {
      {"Revenue", {with_data ? std::optional<std::int64_t>(900) : std::nullopt, std::nullopt}}};
  c.section = std::move(section);
  c.empty_note = "Needs a journal with revenue accounts.";
  return c;
}

std::string rendered(const ReportDocument& doc, const render::RenderOptions& options = {}) {
  Diagnostics diagnostics;
  const auto templates =
      render::TemplateSet::load("/nonexistent-portfolio-for-a-test", diagnostics);
  const auto out = render::render(doc, render::Format::html, templates, options);
  EXPECT_TRUE(out.has_value());
  return out.value_or("");
}

TEST(RendererHtml, WideTablesBecomeOneBlockPerRow) {
  const std::string html = rendered(document());
  // Five columns: a heading per row, then a line per filled cell.
  EXPECT_NE(html.find("<div style=\"padding:6px 0;border-bottom:1px solid #e4e8ee\"><div "
                      "style=\"font-weight:bold\">"
                      "Jada</div><div>Revenue: $1,200.00</div><div>Profit: "
                      "$200.00</div><div>Margin: 16.7%</div></div>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<div>Costs: $950.00</div>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<div>Costs: </div>"), std::string::npos) << "an empty cell is left out";
  EXPECT_EQ(html.find(">Entity</th>"), std::string::npos) << "no table for five columns";
  // A rank alone is no heading: it leads the next cell.
  EXPECT_NE(
      html.find(
          "<div style=\"font-weight:bold\">1. Record the income</div><div>Owner: Accounting</div>"
          "<div>By: 23 Nov</div></div>"),
      std::string::npos)
      << html;
  // Two columns: a table that cannot grow past its column.
  EXPECT_NE(
      html.find("style=\"width:100%;table-layout:fixed;border-collapse:collapse;font-size:14px\">\n"
                "<tr><th style=\"text-align:left;padding:4px;border-bottom:1px solid "
                "#d5dbe3;font-size:12px\">"
                "Account</th>"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find("overflow-wrap:anywhere;word-break:break-word\">Expenses:Cloud:Hosting</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(
      html.find("overflow-wrap:anywhere;word-break:break-word;text-align:right\">$120.00</td>"),
      std::string::npos)
      << html;
}

TEST(RendererHtml, PhoneFirstHead) {
  const std::string html = rendered(document());
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_NE(html.find("<meta name=\"color-scheme\" content=\"light dark\">"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"supported-color-schemes\" content=\"light dark\">"),
            std::string::npos);
  EXPECT_NE(html.find("<div style=\"width:100%;max-width:600px;margin:0 auto;"), std::string::npos);
  // The preheader: the summary's first sentence, hidden.
  EXPECT_NE(html.find("overflow:hidden;opacity:0;font-size:1px;line-height:1px;mso-hide:all\">"
                      "Cash is $12,000.00 across 3 entities.</div>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(RendererHtml, SeverityInWordsAndColour) {
  const std::string html = rendered(document());
  EXPECT_NE(html.find("<div id=\"runway-jada\" style=\"border-left:4px solid #b42318;"),
            std::string::npos)
      << html;
  EXPECT_NE(
      html.find(
          "<span style=\"background-color:#b42318;color:#ffffff;font-size:11px;font-weight:bold;"
          "padding:1px 6px;border-radius:3px\">CRITICAL</span>"),
      std::string::npos)
      << html;
}

TEST(RendererHtml, ChartsStandBeforeTheirSection) {
  ReportDocument doc = document();
  doc.charts = {chart("revenue", "pnl", true), chart("mix", "", true),
                chart("elsewhere", "no-such-section", true), chart("nothing", "accounts", false)};
  const std::string html = rendered(doc);
  const std::string img =
      "<img src=\"cid:chart-revenue.png\" alt=\"Revenue rose from $900 to $1,200.\" width=\"560\" "
      "style=\"width:100%;max-width:560px;height:auto;display:block;border:0\">";
  const auto revenue = html.find(img);
  const auto pnl = html.find(">Profit and loss</h2>");
  ASSERT_NE(revenue, std::string::npos) << html;
  ASSERT_NE(pnl, std::string::npos);
  EXPECT_LT(revenue, pnl);
  EXPECT_EQ(html.find("<h2", revenue), html.rfind("<h2", pnl))
      << "the chart stands just before its section";
  // No section, or one this report does not have: after the summary.
  const auto findings = html.find(">Findings</h2>");
  EXPECT_LT(html.find("cid:chart-mix.png"), findings);
  EXPECT_GT(html.find("cid:chart-mix.png"), html.find(">Second sentence.</li>"));
  EXPECT_LT(html.find("cid:chart-elsewhere.png"), findings);
  // Nothing to draw: what is missing, in words, and no image.
  EXPECT_EQ(html.find("cid:chart-nothing.png"), std::string::npos);
  const auto note =
      html.find("<strong>Revenue by month:</strong> Needs a journal with revenue accounts.</p>");
  EXPECT_NE(note, std::string::npos) << html;
  EXPECT_EQ(html.find("<h2", note), html.rfind("<h2", html.find(">Accounts</h2>")));
}

TEST(RendererHtml, LogoAndAccent) {
  EXPECT_EQ(rendered(document()).find("cid:logo.png"), std::string::npos);
  render::RenderOptions options;
  options.accent = "#7a1f5c";
  options.logo_png = std::string("\x89PNG\r\n\x1a\n", 8);
  const std::string html = rendered(document(), options);
  EXPECT_NE(html.find("<img src=\"cid:logo.png\" alt=\"Harbor\" height=\"32\""), std::string::npos)
      << html;
  EXPECT_NE(html.find("<div style=\"border-bottom:3px solid #7a1f5c;padding-bottom:8px\">"),
            std::string::npos);
  EXPECT_NE(html.find("color:#7a1f5c;background-color:#ffffff\">Findings</h2>"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("#0b5cad"), std::string::npos);
}

TEST(RendererHtml, NoTextColourWithoutItsBackground) {
  ReportDocument doc = document();
  doc.charts = {chart("nothing", "", false)};
  const std::string html = rendered(doc);
  const std::regex style(R"re(style="([^"]*)")re");
  const std::regex colour(R"((^|;)color:)");
  const std::regex background(R"((^|;)background(-color)?:)");
  int checked = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), style);
       it != std::sregex_iterator(); ++it) {
    const std::string s = (*it)[1];
    if (!std::regex_search(s, colour)) continue;
    ++checked;
    EXPECT_TRUE(std::regex_search(s, background)) << s;
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace quarterdeck
