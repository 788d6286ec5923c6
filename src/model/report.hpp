// The report document: what every persona and entity report is made of,
// before it is rendered. Renderers and the JSON form read only this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/money.hpp"
#include "model/portfolio.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// Where a claim comes from: a file and line, an account, a metric.
struct Evidence {
  std::string source;  // "data/books.journal:120", "entities/jada.toml:31", "metric:cash"
  std::string detail;  // what is there, in words
};

struct Finding {
  std::string id;  // stable across runs: kind-entity[-detail]
  Severity severity = Severity::info;
  std::string title;
  std::vector<Evidence> evidence;  // never empty
  std::string recommendation;
  std::string entity;  // entity id, empty for portfolio-wide
  std::string owner;   // role
  std::optional<Date> due;
  std::string category;  // security, finance, marketing, accounting, operations, engineering
  std::string since_previous;  // "new" or "open" against the previous run; empty without one
  // What the finding is about within its entity ("secrets:jada-site",
  // "endpoint:/api/bookings", "listing", "runway", "person:Morgan Tidewell").
  // Findings with the same entity and subject are one problem and are merged
  // into one (analyze/subjects). See docs/reports.md for the subjects.
  std::string subject;
  std::optional<Money> at_stake;      // money at risk or left on the table, when known
  std::optional<int> days_to_impact;  // days until the harm lands, when known
  std::int64_t score = 0;             // the ranking score (docs/reports.md); higher first
  std::vector<std::string> merged;    // ids of the findings folded into this one
};

// An exact value: money, a count, a percentage or a ratio, kept as an integer
// with a scale so that nothing is rounded through floating point.
struct Quantity {
  enum class Kind { money, count, percent, months, ratio };
  Kind kind = Kind::count;
  std::int64_t scaled = 0;  // value * 10^scale
  int scale = 0;

  static Quantity of_money(Money m) { return {Kind::money, m.units(), m.precision()}; }
  static Quantity of_count(std::int64_t n) { return {Kind::count, n, 0}; }
  // numerator / denominator as a percentage with one decimal.
  static Quantity percent_of(std::int64_t numerator, std::int64_t denominator);
  // numerator / denominator with one decimal (runway in months, say).
  static Quantity ratio_of(std::int64_t numerator, std::int64_t denominator,
                           Kind kind = Kind::ratio);

  std::string to_decimal() const;  // "1250.00", "12.5"
  std::string to_display(std::string_view symbol = "$") const;  // "$1,250.00", "12.5%", "4.2 months"
  auto operator<=>(const Quantity&) const = default;
};

struct Kpi {
  std::string id;
  std::string name;
  std::string entity;
  std::optional<Quantity> value;  // nullopt = missing
  std::optional<double> target;
  std::string unit;
  bool money = false;  // the metric is an amount (so is its target), with or without a value
  std::string status;  // on_track, below_target, above_target, no_target, out_of_season, missing
  std::string trend;   // up, down, flat, unknown
  std::string missing_data;  // when value is missing: what data it needs
  std::vector<Evidence> evidence;
  std::optional<Quantity> previous;  // the value in the previous run, when it had one
};

struct Recommendation {
  std::string id;
  std::string text;
  std::string owner;
  std::optional<Date> due;
  std::string finding_id;
};

struct TimelineItem {
  Date date;
  std::string action;
  std::string owner;
  std::string source;  // finding id or handoff note
  // What it is about, stable across runs: the finding id, the open handoff
  // item's id ("handoff-ENTITY-SLUG") or the planned action's
  // ("planned-ID"); tasks (src/tasks) are keyed by it.
  std::string id{};
};

// A table in a report: asset inventory, channel matrix, P&L.
struct Section {
  std::string id;
  std::string title;
  std::string note;  // a sentence under the title, e.g. what data is missing
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  // Columns for machines (ids): kept in the JSON, left out of text and HTML.
  std::vector<std::string> json_only{};
};

// A chart in a report: what it shows, as data. The report builder fills it
// from the analysis (analyze/charts); render/charts draws it with cairo, as
// a PNG for e-mail (at 2x) and as vectors in the PDF. Which charts a report
// carries comes from its definition (`charts = [...]`).
//
// One line or set of bars: a value per label, missing where there is none.
struct ChartSeries {
  std::string name;  // "Revenue", an entity's name
  std::vector<std::optional<std::int64_t>> values;  // scaled by Chart::scale, one per label
};

struct Chart {
  enum class Kind {
    bars,        // one bar per label and series, with the target as a line
    line,        // one line per series
    stacked,     // one bar per label, series stacked (a mix)
    horizontal,  // one horizontal bar per label (cloud cost by service)
    sparklines,  // small multiples: one tiny line per series (CEO, one per entity)
  };
  std::string id;     // "revenue-vs-target", unique in its report; the image is chart-ID.png
  Kind kind = Kind::bars;
  std::string title;  // "Revenue against target by month"
  // What the chart shows, in words with its key numbers: the image's alt
  // text, read aloud to someone who cannot see it.
  std::string alt;
  Quantity::Kind unit = Quantity::Kind::money;
  int scale = 0;  // values are value * 10^scale
  std::string symbol = "$";  // how amounts are shown (the portfolio's currency)
  std::vector<std::string> labels;  // categories along the axis: "Oct", "EC2"
  std::vector<ChartSeries> series;
  std::optional<ChartSeries> target;  // drawn as a line over bars
  // The section it illustrates: it is shown just before that section; empty:
  // after the summary.
  std::string section;
  // When there is nothing to draw, what data is missing; the chart then
  // says so instead of drawing an empty axis.
  std::string empty_note;

  bool empty() const;
};

// A finding as a later run remembers it.
struct FindingMark {
  std::string id;
  Severity severity = Severity::info;
  std::string title;
};

// What a run keeps of a report to compare the next run with: KPI values by
// id and the findings that were open.
struct ReportSnapshot {
  std::string report_id;
  Date as_of;
  std::vector<std::pair<std::string, Quantity>> kpis;  // KPI id -> value (KPIs with one)
  std::vector<FindingMark> findings;
  // Digests of what a report shows only when it changed ("assets", "team"
  // -> SHA-256 of what was declared); see analyze/sections/brief.hpp.
  std::vector<std::pair<std::string, std::string>> digests;
};

struct ReportDocument {
  std::string report_id;
  std::string persona;  // ceo, cto, ... or the entity template
  std::string title;
  std::string portfolio;
  Date as_of;
  std::string period;  // "October 2026"
  std::vector<std::string> summary;  // sentences
  std::vector<Finding> findings;  // all of them, ranked; the JSON lists every one
  // The length budget: text and HTML list the first `findings_in_full`
  // findings (nullopt: all) and then `findings_elsewhere`, which says how
  // many more there are and where ("12 more findings are listed in full in
  // the CTO report; 3 only in the JSON."); empty when all are listed.
  std::optional<std::size_t> findings_in_full;
  std::string findings_elsewhere;
  std::optional<std::size_t> timeline_in_full;  // timeline lines text and HTML show; nullopt: all
  bool summary_tells_changes = false;  // the summary says what changed since the previous run
  std::vector<Kpi> kpis;
  std::vector<Section> sections;
  std::vector<Recommendation> recommendations;
  std::vector<TimelineItem> timeline;
  std::string currency_symbol = "$";    // how amounts are shown (the portfolio's currency)
  std::optional<Date> previous_as_of;   // the run compared with, if any
  std::vector<FindingMark> resolved;    // open then, gone now
  // What is shown only when it changed: this run's digests (kept in the
  // snapshot) and the previous run's, by name ("assets", "team").
  std::vector<std::pair<std::string, std::string>> digests;
  std::vector<std::pair<std::string, std::string>> previous_digests;
  // Charts, in the order the definition names them (model/chart.hpp).
  std::vector<Chart> charts;
};

class Redactor;

// Every text of `doc` passed through the redaction boundary: for formats
// whose bytes cannot be redacted after rendering (PDF, chart images), and
// so that what every renderer reads is already clean.
void redact(ReportDocument& doc, const Redactor& redactor);

}  // namespace quarterdeck
