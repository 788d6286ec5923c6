// What a reader sees in a report's table cells, shared by every renderer
// that lays out tables itself (text, PDF): which cells are figures, a KPI's
// target, status, trend and change in words, and a section cell in words.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.hpp"
#include "render/renderer.hpp"

namespace quarterdeck::render {

// Amounts (in any currency's symbol), counts, percentages, multiples and
// months align right; dates and names do not.
bool looks_numeric(std::string_view s);

// A KPI's target as shown ("$1,600.00", "1,600", "0.5"); "-" without one.
std::string format_target(const Kpi& k, std::string_view symbol);
// A KPI's status in words ("on track"); the JSON keeps the code.
std::string status_words(std::string_view status);
// "↑", "↓", "→", or "·" when unknown.
std::string trend_arrow(std::string_view trend);
// "+$1,234.00 ↑" against the previous run; "-" without a comparable value.
std::string change_since(const Kpi& k, std::string_view symbol);

// What a reader sees for a table cell: a finding's id is named by its
// severity ("high finding"), a planned action's source ("action ID") as
// "planned action"; the JSON keeps the ids. In plain text and PDF, code
// spans lose their backticks here, before the columns are laid out.
class CellWords {
 public:
  CellWords(const ReportDocument& doc, Format format);
  std::string operator()(const std::string& cell) const;

 private:
  Format format_;
  std::map<std::string, Severity, std::less<>> severity_of_;
};

// A section's table as a reader sees it: the columns for machines
// (Section::json_only) left out, every cell in words.
struct ShownTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
ShownTable shown_table(const Section& s, const CellWords& words);

}  // namespace quarterdeck::render
