// The Markdown report read back by cmark-gfm (with GitHub's extensions):
// user data shows literally (no emphasis, link, HTML or heading made of
// it), code spans stay code, tables keep their column count.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "render/renderer.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

const std::string k_hostile =
    "*bold* [link](http://x) <script>alert(1)</script> | pipe # heading &amp; \"q\" ~s~ _u_ \\";

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

// A parsed Markdown document, as GitHub reads it.
class Parsed {
 public:
  explicit Parsed(const std::string& markdown) {
    cmark_gfm_core_extensions_ensure_registered();
    parser_.reset(cmark_parser_new(CMARK_OPT_DEFAULT));
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
      cmark_parser_attach_syntax_extension(parser_.get(), cmark_find_syntax_extension(name));
    }
    cmark_parser_feed(parser_.get(), markdown.data(), markdown.size());
    root_.reset(cmark_parser_finish(parser_.get()));
  }

  cmark_node* root() const { return root_.get(); }

  std::string html() const {
    char* out = cmark_render_html(root_.get(), CMARK_OPT_DEFAULT,
                                  cmark_parser_get_syntax_extensions(parser_.get()));
    std::string s(out);
    std::free(out);
    return s;
  }

  // Every node of a type ("link", "heading", "table_row"), in order.
  std::vector<cmark_node*> all(std::string_view type) const {
    std::vector<cmark_node*> out;
    cmark_iter* iter = cmark_iter_new(root_.get());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(iter);
      if (event != CMARK_EVENT_EXIT && cmark_node_get_type_string(n) == type) out.push_back(n);
    }
    cmark_iter_free(iter);
    return out;
  }

  // What a reader sees of a node: its text and code, soft breaks as spaces.
  static std::string text_of(cmark_node* node) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(iter);
      const std::string_view type = cmark_node_get_type_string(n);
      if (event == CMARK_EVENT_EXIT) continue;
      if (type == "text" || type == "code") out += cmark_node_get_literal(n);
      if (type == "softbreak") out += ' ';
    }
    cmark_iter_free(iter);
    return out;
  }

 private:
  std::unique_ptr<cmark_parser, ParserDeleter> parser_;
  std::unique_ptr<cmark_node, NodeDeleter> root_;
};

ReportDocument document() {
  ReportDocument doc;
  doc.report_id = "cfo";
  doc.persona = "cfo";
  doc.title = "CFO report";
  doc.portfolio = "Harbor & Hauling";
  doc.as_of = *Date::parse("2026-11-16");
  doc.period = "October 2026";
  doc.summary = {"Cash is " + k_hostile + ".", "# Not a heading", "1. Not a list",
                 "- not a bullet"};
  for (int i = 0; i < 11; ++i) {
    Finding f;
    f.id = "payee-" + std::to_string(i);
    f.severity = i == 0 ? Severity::critical : Severity::medium;
    f.title = "Payee " + k_hostile;
    f.recommendation = "Check `Expenses:*:Fuel` and the payee.";
    f.owner = "cfo";
    f.due = *Date::parse("2026-11-23");
    f.evidence = {{"data/books.journal:12", "payee " + k_hostile}};
    f.since_previous = i == 0 ? "new" : "open";
    doc.findings.push_back(f);
  }
  doc.sections.push_back(Section{"payees",
                                 "Payees",
                                 "Note " + k_hostile,
                                 {"Payee", "Amount", "Code"},
                                 {{k_hostile, "$1,200.00", "`a|b`"}, {"Plain", "-$5.00", ""}}});
  doc.timeline.push_back({*Date::parse("2026-11-20"), "Call " + k_hostile, "cfo", "notes/x.md:3"});
  Chart chart;
  chart.id = "revenue-vs-target";
  chart.title = "Revenue against target";
  chart.alt = "Revenue $10,112.50 against $18,000.00 in October.";
  chart.section = "payees";
  chart.labels = {"Oct"};
  chart.series = {{"Revenue", {1011250}}};
  doc.charts.push_back(chart);
  return doc;
}

std::string markdown_of(const ReportDocument& doc) {
  Diagnostics diagnostics;
  const auto templates =
      render::TemplateSet::load("/nonexistent-portfolio-for-a-test", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  const auto out = render::render(doc, render::Format::markdown, templates);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message);
  return out.value_or("");
}

TEST(MarkdownEscape, EscapesPunctuationAndBlockMarkers) {
  EXPECT_EQ(markdown_with_code_spans("*a* [b](c) <d> | _e_ ~g~ \\ &amp; & x"),
            "\\*a\\* \\[b\\](c) &lt;d> \\| \\_e\\_ \\~g\\~ \\\\ &amp;amp; & x");
  // Inside a word an underscore makes no emphasis: snake_case stays.
  EXPECT_EQ(markdown_with_code_spans("cloud_costs.csv sk_live_…"), "cloud_costs.csv sk_live\\_…");
  EXPECT_EQ(markdown_with_code_spans("# h"), "\\# h");
  EXPECT_EQ(markdown_with_code_spans("  > q"), "\\> q");
  EXPECT_EQ(markdown_with_code_spans("12. x"), "12\\. x");
  EXPECT_EQ(markdown_with_code_spans("2026. A year"), "2026\\. A year");
  EXPECT_EQ(markdown_with_code_spans("3.5 months"), "3.5 months");
  EXPECT_EQ(markdown_with_code_spans("-$5.00"), "\\-$5.00");
  EXPECT_EQ(markdown_with_code_spans("-$5.00", MarkdownContext::table_cell), "-$5.00");
  EXPECT_EQ(markdown_with_code_spans("a\nb"), "a b");
  // Code spans stay code, re-fenced when they hold a backtick.
  EXPECT_EQ(markdown_with_code_spans("see `a*b` and ``x`y``"), "see `a*b` and ``x`y``");
  EXPECT_EQ(markdown_with_code_spans("`a|b`", MarkdownContext::table_cell), "`a\\|b`");
  EXPECT_EQ(markdown_with_code_spans("one ` alone"), "one \\` alone");
}

TEST(MarkdownReport, UserDataShowsLiterally) {
  const std::string md = markdown_of(document());
  const Parsed parsed(md);
  // Nothing of the data became HTML, a link with other words, emphasis or
  // strikethrough.
  EXPECT_TRUE(parsed.all("html_inline").empty()) << md;
  EXPECT_TRUE(parsed.all("html_block").empty()) << md;
  EXPECT_TRUE(parsed.all("emph").empty()) << md;
  EXPECT_TRUE(parsed.all("strikethrough").empty()) << md;
  for (cmark_node* link : parsed.all("link")) {
    // GitHub links a bare URL; the words stay those of the data.
    EXPECT_EQ(Parsed::text_of(link), cmark_node_get_url(link)) << md;
  }
  const std::string html = parsed.html();
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  // Headings: the title and the report's own, none made of data.
  std::vector<std::string> headings;
  for (cmark_node* h : parsed.all("heading")) headings.push_back(Parsed::text_of(h));
  EXPECT_EQ(headings, (std::vector<std::string>{"CFO report", "Summary", "Findings", "Payees",
                                                "Timeline (next 30 days)"}))
      << md;

  // The text a reader sees holds the data exactly, wherever it is.
  const std::string seen = Parsed::text_of(parsed.root());
  EXPECT_NE(seen.find("Cash is " + k_hostile + "."), std::string::npos) << seen;
  EXPECT_NE(seen.find("# Not a heading"), std::string::npos) << seen;
  EXPECT_NE(seen.find("1. Not a list"), std::string::npos) << seen;
  EXPECT_NE(seen.find("- not a bullet"), std::string::npos) << seen;
  EXPECT_NE(seen.find("Payee " + k_hostile), std::string::npos) << seen;
  EXPECT_NE(seen.find("Evidence: data/books.journal:12: payee " + k_hostile), std::string::npos)
      << seen;
  EXPECT_NE(seen.find("Note " + k_hostile), std::string::npos) << seen;
  EXPECT_NE(seen.find("cfo: Call " + k_hostile), std::string::npos) << seen;
  // The summary is four bullets, nothing nested in them.
  const auto lists = parsed.all("list");
  ASSERT_FALSE(lists.empty());
  int items = 0;
  for (cmark_node* n = cmark_node_first_child(lists[0]); n != nullptr; n = cmark_node_next(n))
    ++items;
  EXPECT_EQ(items, 4) << md;
}

TEST(MarkdownReport, FindingsAreANumberedListWithSeverityInWords) {
  const std::string md = markdown_of(document());
  EXPECT_NE(md.find("1. **Critical** (new): Payee "), std::string::npos) << md;
  EXPECT_NE(md.find("11. **Medium**: Payee "), std::string::npos) << md;
  // Item 11's details are indented under its text, so they stay in it.
  EXPECT_NE(md.find("\n    - Do: Check `Expenses:*:Fuel` and the payee."), std::string::npos) << md;
  const Parsed parsed(md);
  const auto lists = parsed.all("list");
  // The summary, the findings (one ordered list of 11), their details, the timeline.
  int ordered = 0;
  for (cmark_node* l : lists) {
    if (cmark_node_get_list_type(l) != CMARK_ORDERED_LIST) continue;
    ++ordered;
    int items = 0;
    for (cmark_node* n = cmark_node_first_child(l); n != nullptr; n = cmark_node_next(n)) ++items;
    EXPECT_EQ(items, 11) << md;
  }
  EXPECT_EQ(ordered, 1) << md;
  // The code span stays code.
  bool code = false;
  for (cmark_node* c : parsed.all("code"))
    code = code || std::string(cmark_node_get_literal(c)) == "Expenses:*:Fuel";
  EXPECT_TRUE(code) << md;
}

TEST(MarkdownReport, TablesKeepTheirColumns) {
  const std::string md = markdown_of(document());
  const Parsed parsed(md);
  const auto tables = parsed.all("table");
  ASSERT_EQ(tables.size(), 1u) << md;
  EXPECT_EQ(cmark_gfm_extensions_get_table_columns(tables[0]), 3);
  std::vector<std::vector<std::string>> cells;
  std::vector<cmark_node*> rows = parsed.all("table_header");  // the first row
  for (cmark_node* row : parsed.all("table_row")) rows.push_back(row);
  for (cmark_node* row : rows) {
    cells.emplace_back();
    for (cmark_node* c = cmark_node_first_child(row); c != nullptr; c = cmark_node_next(c)) {
      cells.back().push_back(Parsed::text_of(c));
    }
  }
  EXPECT_EQ(cells, (std::vector<std::vector<std::string>>{{"Payee", "Amount", "Code"},
                                                          {k_hostile, "$1,200.00", "a|b"},
                                                          {"Plain", "-$5.00", ""}}))
      << md;
  // Amounts align right.
  EXPECT_NE(md.find("| --- | ---: | --- |"), std::string::npos) << md;
}

TEST(MarkdownReport, ChartsAreALineOfWordsBeforeTheirSection) {
  const std::string md = markdown_of(document());
  EXPECT_NE(md.find("## Payees\n\n**Chart: Revenue against target.** Revenue $10,112.50 against "
                    "$18,000.00 in "
                    "October.\n"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("chart-revenue"), std::string::npos) << md;  // no image: the file stands alone
}

TEST(MarkdownReport, APortfolioMayOverrideTheTemplate) {
  const std::string dir = ::testing::TempDir() + "/qd-markdown-template";
  std::filesystem::create_directories(dir + "/templates");
  {
    std::ofstream f(dir + "/templates/report.md.mustache");
    f << "# {{title}}!\n";
  }
  Diagnostics diagnostics;
  const auto templates = render::TemplateSet::load(dir, diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  const auto out = render::render(document(), render::Format::markdown, templates);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "# CFO report!\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace quarterdeck
