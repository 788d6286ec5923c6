// Report definitions as data: which findings and KPIs a definition reads, the
// sections it names in order, the length budget (findings beyond it counted
// and placed in the other reports), the summary budget, and the check of
// section ids against the catalogue.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "analyze/report_builder.hpp"
#include "analyze/sections/catalogue.hpp"
#include "config/portfolio_loader.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Portfolio one_entity() {
  Portfolio p;
  p.currency = "USD";
  Entity alpha;
  alpha.id = "alpha";
  alpha.name = "Alpha";
  alpha.account = "Alpha";
  alpha.kind = "service";
  alpha.team = {{"Ada", "founder", "", std::nullopt, true, {}}};
  p.entities = {alpha};
  return p;
}

Finding finding(std::string id, Severity s, std::string category, std::string entity = "alpha") {
  Finding f;
  f.id = std::move(id);
  f.severity = s;
  f.title = "Title of " + f.id;
  f.category = std::move(category);
  f.entity = std::move(entity);
  f.owner = "ceo";
  f.evidence = {{"x", "y"}};
  return f;
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id);
  return out;
}

TEST(ReportDefinition, ReadsItsCategoriesAtItsSeverity) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const std::vector<Finding> all = {
      finding("a", Severity::critical, "security"), finding("b", Severity::high, "finance"),
      finding("c", Severity::medium, "finance"), finding("d", Severity::critical, "people", "")};
  ReportDefinition def;
  def.id = "board";
  def.categories = {"finance", "people"};
  def.min_severity = Severity::high;
  EXPECT_EQ(ids(build_report(def, ctx, all).findings), (std::vector<std::string>{"b", "d"}));
  def.scope = {"alpha"};  // a portfolio-wide finding goes only to reports without a scope
  EXPECT_EQ(ids(build_report(def, ctx, all).findings), (std::vector<std::string>{"b"}));
  def.scope.clear();
  def.categories.clear();  // all
  def.min_severity = Severity::info;
  EXPECT_EQ(ids(build_report(def, ctx, all).findings),
            (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(ReportDefinition, SectionsInTheOrderNamed) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  ReportDefinition def;
  def.id = "board";
  def.sections = {"team", "agenda", "occupancy"};
  const ReportDocument doc = build_report(def, ctx, {});
  ASSERT_EQ(doc.sections.size(), 3u);
  EXPECT_EQ(doc.sections[0].id, "team");
  EXPECT_EQ(doc.sections[0].rows,
            (std::vector<std::vector<std::string>>{{"Alpha", "Ada", "founder", "-", "yes"}}));
  EXPECT_EQ(doc.sections[1].id, "agenda");
  EXPECT_EQ(doc.sections[2].id, "occupancy");  // no rental in scope: says so
  EXPECT_EQ(doc.sections[2].note, "No entity of kind `rental` in this report.");
  EXPECT_EQ(doc.persona, "custom");
  EXPECT_EQ(doc.title, "board report");
}

TEST(ReportDefinition, KpisAllNoneOrNamed) {
  Portfolio p = one_entity();
  p.entities[0].kpis = {{"rev", "Revenue", "revenue_month", std::nullopt, "", {}},
                        {"cash", "Cash", "cash", std::nullopt, "", {}}};
  const Dataset d;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  ReportDefinition def;
  def.id = "r";
  EXPECT_EQ(build_report(def, ctx, {}).kpis.size(), 2u);
  def.kpis = std::vector<std::string>{"cash"};
  const auto kpis = build_report(def, ctx, {}).kpis;
  ASSERT_EQ(kpis.size(), 1u);
  EXPECT_EQ(kpis[0].id, "alpha.cash");
  def.kpis = std::vector<std::string>{};
  EXPECT_TRUE(build_report(def, ctx, {}).kpis.empty());
}

TEST(ReportDefinition, FindingsBeyondTheBudgetAreCountedWithWhereTheyAre) {
  Portfolio p = one_entity();
  ReportDefinition ceo;
  ceo.id = "ceo";
  ceo.title = "CEO report";
  ceo.budget.findings = 1;
  ReportDefinition cto;
  cto.id = "cto";
  cto.title = "CTO report";
  cto.categories = {"security"};
  ReportDefinition cfo;
  cfo.id = "cfo";
  cfo.title = "CFO report";
  cfo.categories = {"finance"};
  cfo.budget.findings = 1;  // lists only its first finance finding in full
  p.reports = {ceo, cto, cfo};
  const Dataset d;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const std::vector<Finding> all = {
      finding("a", Severity::critical, "people"), finding("b", Severity::high, "security"),
      finding("c", Severity::high, "finance"), finding("e", Severity::medium, "finance")};
  ReportDocument doc = build_report(p.reports[0], ctx, all);
  EXPECT_EQ(doc.findings.size(), 4u);  // the JSON keeps them all
  ASSERT_TRUE(doc.findings_in_full);
  EXPECT_EQ(*doc.findings_in_full, 1u);
  EXPECT_EQ(doc.findings_elsewhere,
            "3 more findings: 2 are listed in full in the CTO report and the CFO report, 1 only in "
            "the JSON.");

  p.reports[0].budget.findings = 3;
  doc = build_report(p.reports[0], ctx, all);
  EXPECT_EQ(doc.findings_elsewhere, "1 more finding is in the JSON.");
  p.reports[0].budget.findings = 2;
  p.reports[0].categories = {"security", "finance"};
  doc = build_report(p.reports[0], ctx, all);
  EXPECT_EQ(doc.findings_elsewhere,
            "1 more finding is in the JSON.");  // e: beyond the CFO's budget too
  p.reports[0].budget.findings = 1;
  p.reports[0].min_severity = Severity::high;
  doc = build_report(p.reports[0], ctx, all);
  EXPECT_EQ(doc.findings_elsewhere, "1 more finding is listed in full in the CFO report.");
  p.reports[0].budget.findings = 5;
  doc = build_report(p.reports[0], ctx, all);
  EXPECT_FALSE(doc.findings_in_full);
  EXPECT_EQ(doc.findings_elsewhere, "");
}

TEST(ReportDefinition, SummaryNamesAtMostItsItemsInItsSentences) {
  const Portfolio p = one_entity();
  const Dataset d;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  std::vector<Finding> all;
  for (int i = 0; i < 7; ++i)
    all.push_back(finding("f" + std::to_string(i), Severity::critical, "finance"));
  ReportDefinition def;
  def.id = "r";
  def.budget.summary_items = 5;
  auto summary = build_report(def, ctx, all).summary;
  ASSERT_EQ(summary.size(), 5u);  // the count and four of five items: five sentences at most
  EXPECT_EQ(summary[0], "7 findings across 1 entity as of 2026-11-16: 7 critical, 0 high.");
  EXPECT_EQ(summary[1], "Most urgent: Title of f0.");
  EXPECT_EQ(summary[4], "Title of f3.");
  def.budget.summary_items = 2;
  summary = build_report(def, ctx, all).summary;
  EXPECT_EQ(summary.size(), 3u);
  def.budget.summary_items = 5;
  def.budget.summary_sentences = 2;
  summary = build_report(def, ctx, all).summary;
  EXPECT_EQ(summary, (std::vector<std::string>{
                         "7 findings across 1 entity as of 2026-11-16: 7 critical, 0 high.",
                         "Most urgent: Title of f0."}));
}

TEST(ReportDefinition, UnknownSectionIsLocatedWithDidYouMean) {
  Portfolio p = one_entity();
  ReportDefinition def;
  def.id = "board";
  def.sections = {"snapshot", "runwya"};
  def.section_where = {{"portfolio.toml", 7, 13}, {"portfolio.toml", 7, 25}};
  def.summary = "finding";
  def.summary_where = {"portfolio.toml", 8, 11};
  p.reports = {def};
  Diagnostics out;
  check_report_definitions(p, out);
  ASSERT_EQ(out.size(), 2u) << all(out);
  EXPECT_EQ(
      out[0].to_string(),
      "portfolio.toml:7:25: report `board` names an unknown section: expected a section id from "
      "`quarterdeck sections`, found `runwya` (did you mean `runway`?)");
  EXPECT_EQ(out[1].to_string(),
            "portfolio.toml:8:11: invalid `summary`: expected one of `findings`, `brief`, found `finding` "
            "(did you mean "
            "`findings`?)");
}

TEST(SectionCatalogue, IdsAreUniqueAndFound) {
  const auto& catalogue = section_catalogue();
  for (const auto& s : catalogue) {
    EXPECT_EQ(find_section(s.id), &s);
    EXPECT_FALSE(s.title.empty()) << s.id;
    EXPECT_FALSE(s.needs.empty()) << s.id;
    EXPECT_NE(s.build, nullptr) << s.id;
  }
  EXPECT_EQ(find_section("no-such-section"), nullptr);
}

// A portfolio folder with `portfolio` as portfolio.toml, a rental `alpha` and
// a client book `beta`, loaded and removed.
LoadedPortfolio load_with_reports(const std::string& reports, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("qd-definition-test-" + std::to_string(::getpid()) + "-" + name);
  fs::create_directories(dir / "entities");
  std::ofstream(dir / "portfolio.toml") << "name = \"P\"\ncurrency = \"USD\"\ntimezone = \"UTC\"\n"
                                           "entities = [\"alpha\", \"beta\"]\n\n[recipients]\n"
                                           "ceo = [\"ceo@example.com\"]\n\n[delivery]\n"
                                           "from = \"reports@example.com\"\n\n"
                                        << reports;
  std::ofstream(dir / "entities" / "alpha.toml") << "name = \"Alpha\"\nkind = \"rental\"\n";
  std::ofstream(dir / "entities" / "beta.toml") << "name = \"Beta\"\nkind = \"client_book\"\n";
  const MapEnvironment env;
  LoadedPortfolio loaded = load_portfolio(dir, env);
  check_report_definitions(loaded.portfolio, loaded.diagnostics);
  fs::remove_all(dir);
  return loaded;
}

TEST(BuiltinDefinitions, EveryOneLoadsAndNamesCatalogueSections) {
  std::string reports;
  for (const char* persona : {"ceo", "cto", "cfo", "cmo", "accounting"}) {
    reports +=
        fmt::format("[[reports]]\nid = \"{0}\"\npersona = \"{0}\"\nto = [\"ceo\"]\n\n", persona);
  }
  for (const auto& [name, entity] : {std::pair{"rental", "alpha"}, std::pair{"service", "alpha"},
                                     std::pair{"client_book", "beta"}}) {
    reports += fmt::format(
        "[[reports]]\nid = \"{0}\"\ntemplate = \"{1}\"\nscope = [\"{2}\"]\nto = [\"ceo\"]\n\n",
        name == std::string("client_book") ? "client-book" : name, name, entity);
  }
  const LoadedPortfolio loaded = load_with_reports(reports, "builtin");
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  ASSERT_EQ(loaded.portfolio.reports.size(), 8u);
  for (const auto& def : loaded.portfolio.reports) {
    EXPECT_FALSE(def.sections.empty()) << def.id;
    EXPECT_EQ(def.sections.size(), def.section_where.size()) << def.id;
    EXPECT_LE(def.budget.summary_sentences, 5) << def.id;
    EXPECT_LE(def.budget.summary_items, 5) << def.id;
    ASSERT_TRUE(def.budget.lines) << def.id;
    EXPECT_EQ(*def.budget.lines, def.id == "ceo" ? 225 : 500) << def.id;
  }
  const ReportDefinition& ceo = loaded.portfolio.reports[0];
  EXPECT_EQ(ceo.title, "CEO report");
  EXPECT_EQ(ceo.min_severity, Severity::high);
  EXPECT_TRUE(ceo.categories.empty());
  // The brief shows no KPI table: the entity overview has the figures.
  ASSERT_TRUE(ceo.kpis);
  EXPECT_TRUE(ceo.kpis->empty());
  EXPECT_EQ(ceo.summary, "brief");
  EXPECT_EQ(ceo.budget.timeline, 0);
  EXPECT_EQ(ceo.timeline, TimelineOwners::everyone);
  EXPECT_EQ(ceo.section_where[0].file, "personas/ceo.toml (built in)");
  const ReportDefinition& cto = loaded.portfolio.reports[1];
  EXPECT_EQ(cto.categories, (std::vector<std::string>{"security", "engineering", "cloud", "ux"}));
  EXPECT_EQ(cto.role, "cto");
  EXPECT_EQ(cto.timeline, TimelineOwners::own_role);
  EXPECT_EQ(loaded.portfolio.reports[5].title, "");  // a template's title is the entity's
}

TEST(BuiltinDefinitions, AReportOverridesKeyByKey) {
  const LoadedPortfolio loaded = load_with_reports(
      "[[reports]]\nid = \"ceo\"\npersona = \"ceo\"\nto = [\"ceo\"]\n"
      "sections = [\"runway\", \"agenda\"]\nkpis = \"none\"\nmin_severity = \"critical\"\n"
      "budget = { findings = 4 }\n",
      "override");
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  const ReportDefinition& def = loaded.portfolio.reports[0];
  EXPECT_EQ(def.sections, (std::vector<std::string>{"runway", "agenda"}));
  EXPECT_EQ(def.section_where[0].file, "portfolio.toml");
  EXPECT_EQ(def.section_where[1].column, 23);
  EXPECT_EQ(def.kpis, std::optional<std::vector<std::string>>(std::vector<std::string>{}));
  EXPECT_EQ(def.min_severity, Severity::critical);
  EXPECT_EQ(def.budget.findings, 4);
  EXPECT_EQ(def.budget.lines, 225);  // the CEO's, not overridden
  EXPECT_EQ(def.title, "CEO report");
}

TEST(BuiltinDefinitions, BadKeysAreLocated) {
  const LoadedPortfolio loaded = load_with_reports(
      "[[reports]]\nid = \"board\"\nto = [\"ceo\"]\n"  // 12-14
      "sections = [\"snapshot\", \"runwya\"]\n"        // 15
      "min_severity = \"hgh\"\n"                       // 16
      "kpis = \"some\"\n"                              // 17
      "budget = { summary_items = 6 }\n",              // 18
      "bad");
  std::vector<std::string> lines;
  for (const auto& d : loaded.diagnostics) lines.push_back(d.to_string());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "portfolio.toml:16:16: invalid `min_severity`: expected one of `critical`, "
                       "`high`, `medium`, "
                       "`low`, `info`, found `hgh` (did you mean `high`?)",
                       "portfolio.toml:17:8: invalid `kpis`: expected \"all\", \"none\" or an "
                       "array of names, found "
                       "`some`",
                       "portfolio.toml:18:28: invalid `summary_items`: expected a whole number "
                       "from 0 to 5, found 6",
                       "portfolio.toml:15:25: report `board` names an unknown section: expected a "
                       "section id from "
                       "`quarterdeck sections`, found `runwya` (did you mean `runway`?)",
                   }))
      << all(loaded.diagnostics);
}

}  // namespace
}  // namespace quarterdeck
