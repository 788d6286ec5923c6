// The section catalogue: every block a report definition can name (a table,
// the decisions of the week, the agenda), with what it needs. Report
// definitions (the built-in personas/*.toml and a portfolio's [[reports]])
// list section ids from here; `quarterdeck sections` prints it and
// docs/reports.md describes it. Each section lives in its own file under
// analyze/sections/.
#pragma once

#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/portfolio.hpp"
#include "model/report.hpp"
#include "model/task.hpp"

namespace quarterdeck {

// What a section is built from. The document already holds the report's
// findings (merged and ranked), KPIs, recommendations and timeline, so a
// section that needs them (the agenda, the decisions) reads them there.
struct SectionInput {
  const AnalysisContext& ctx;
  const ReportDefinition& def;
  const std::vector<const Entity*>& scope;  // the entities the report covers, in portfolio order
  const ReportDocument& doc;
  // The tasks (model/task.hpp) for the `follow-up` section; none without a store.
  const TaskState* tasks = nullptr;
};

// A section may produce several tables (the repository audit gives four);
// none when it has nothing to say and says so in no table.
using SectionBuilder = std::vector<Section> (*)(const SectionInput&);

struct SectionInfo {
  std::string_view id;     // "entity-overview", "pnl", "listing-sequence"
  std::string_view title;  // as the reader sees it
  std::string_view needs;  // the data it reads, in words ("the journal and the bookings file")
  SectionBuilder build;
};

// In the order `quarterdeck sections` lists them.
const std::vector<SectionInfo>& section_catalogue();
const SectionInfo* find_section(std::string_view id);

}  // namespace quarterdeck
