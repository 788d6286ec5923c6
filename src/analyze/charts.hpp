// The chart catalogue: every chart a report definition can name
// (`charts = [...]`), with what it reads and the function that builds it
// from the analysis. A builder reuses the figures the sections show (books,
// metrics, totals, cloud, marketing); it never computes a figure of its own
// way. Like the section catalogue, a chart about one entity gives one chart
// per entity in scope ("revenue-vs-target-jada"), and a chart that cannot be
// drawn says in `empty_note` what data is missing. render/charts draws them.
#pragma once

#include <string_view>
#include <vector>

#include "analyze/sections/catalogue.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// Charts read what sections read; `in.doc` is the document built so far.
using ChartBuilder = std::vector<Chart> (*)(const SectionInput&);

struct ChartInfo {
  std::string_view id;     // "revenue-vs-target"
  std::string_view title;  // as the reader sees it, roughly
  std::string_view needs;  // the data it reads, in words
  ChartBuilder build;
};

// In the order docs/reports.md lists them.
const std::vector<ChartInfo>& chart_catalogue();
const ChartInfo* find_chart(std::string_view id);

// Every chart `def.charts` names, in that order (unknown ids are left out:
// check_report_definitions reports them).
std::vector<Chart> build_charts(const SectionInput& in);

}  // namespace quarterdeck
