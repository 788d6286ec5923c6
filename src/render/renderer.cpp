#include "render/renderer.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <span>
#include <utility>

#include "render/builtin_templates.hpp"
#include "render/cells.hpp"
#include "render/json_document.hpp"
#include "render/pdf.hpp"
#include "render/text_layout.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/text_input.hpp"
#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;

std::string upper(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// "High" for "high": the severity in words, in Markdown.
std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// A GitHub-flavoured pipe table: each cell escaped on one line (`|` as
// `\|`); a column of figures aligns right.
std::string markdown_table(const std::vector<std::string>& columns,
                           const std::vector<std::vector<std::string>>& rows) {
  const auto cell = [](const std::string& c) {
    return markdown_with_code_spans(c, MarkdownContext::table_cell);
  };
  std::string out = "|";
  for (const auto& c : columns) out += " " + cell(c) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    bool figures = false;
    bool only_figures = true;
    for (const auto& r : rows) {
      const std::string_view c = i < r.size() ? std::string_view(r[i]) : std::string_view();
      if (c.empty() || c == "-") continue;
      if (looks_numeric(c)) {
        figures = true;
      } else {
        only_figures = false;
      }
    }
    out += figures && only_figures ? " ---: |" : " --- |";
  }
  out += "\n";
  for (const auto& r : rows) {
    out += "|";
    for (std::size_t i = 0; i < columns.size(); ++i) out += " " + cell(i < r.size() ? r[i] : std::string()) + " |";
    out += "\n";
  }
  return out;
}

// A table as the format lays it out: text in columns or blocks (lines
// marked as laid out, so that wrapping leaves them), Markdown as a pipe
// table; none for HTML, whose template builds its own.
std::string table_for(Format format, const std::vector<std::string>& columns,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string t;
  if (format == Format::text) t = report_table(columns, rows);
  if (format == Format::markdown) t = markdown_table(columns, rows);
  // The template puts each table on its own line: without this, its final
  // newline and the template's made a stray blank line after every table.
  if (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

// data::set copies its value, and a list is copied once more on its way into
// a data: every level of nesting copied all that was below it again (most of
// the time of a large portfolio's reports). These move the value in instead;
// the object is this function's own, so writing through get() is sound.
void put(data& object, const std::string& name, data&& value) {
  object.set(name, data(false));
  *const_cast<data*>(object.get(name)) = std::move(value);
}

void put(data& object, const std::string& name, list&& items) {
  data value(data::type::list);
  const_cast<list&>(value.list_value()) = std::move(items);
  put(object, name, std::move(value));
}

// The charts shown just before section `section_id` (empty: after the
// summary), for formats without images: the title and the chart in words.
list chart_notes(const ReportDocument& doc, std::string_view section_id) {
  list out;
  for (const auto& c : doc.charts) {
    if (c.section != section_id) continue;
    data cd;
    cd.set("title", c.title);
    // The alt text stands alone, so it often opens with the title; shown
    // after the title, that opening is left out.
    std::string words = c.empty() ? c.empty_note : c.alt;
    if (!c.title.empty() && words.starts_with(c.title)) {
      words.erase(0, c.title.size());
      words.erase(0, words.find_first_not_of(";:, "));
      if (words.empty()) words = c.alt;
      words = capitalised(words);
    }
    cd.set("words", words);
    out.push_back(std::move(cd));
  }
  return out;
}

// The view the templates see: the document plus what layout needs.
data view_of(const ReportDocument& doc, Format format) {
  const CellWords words(doc, format);
  data v;
  v.set("title", doc.title);
  v.set("portfolio", doc.portfolio);
  v.set("persona", doc.persona);
  v.set("as_of", doc.as_of.to_string());
  v.set("period", doc.period);
  v.set("report_id", doc.report_id);

  // Each list reserved to size: basic_data has no noexcept move, so a
  // growing vector copies what it holds, nested lists and all.
  list summary;
  summary.reserve(doc.summary.size());
  for (const auto& s : doc.summary) summary.push_back(data(s));
  put(v, "summary", std::move(summary));

  list findings;
  findings.reserve(doc.findings.size());
  int n = 0;
  // The length budget: the first findings in full, then where the rest are.
  const std::size_t in_full = std::min(doc.findings.size(), doc.findings_in_full.value_or(doc.findings.size()));
  for (const auto& f : std::span(doc.findings).first(in_full)) {
    data fd;
    fd.set("n", std::to_string(++n));
    fd.set("id", f.id);
    fd.set("severity", std::string(to_string(f.severity)));
    fd.set("SEVERITY", upper(to_string(f.severity)));
    fd.set("Severity", capitalised(to_string(f.severity)));
    // Markdown: what belongs to item N is indented under its text ("12. ").
    fd.set("indent", std::string(std::to_string(n).size() + 2, ' '));
    fd.set("title", f.title);
    fd.set("recommendation", f.recommendation);
    fd.set("owner", f.owner);
    fd.set("due", f.due ? f.due->to_string() : std::string("-"));
    fd.set("entity", f.entity);
    fd.set("is_new", f.since_previous == "new");
    list evidence;
    evidence.reserve(f.evidence.size());
    for (const auto& e : f.evidence) {
      data ed;
      ed.set("source", e.source);
      ed.set("detail", e.detail);
      evidence.push_back(std::move(ed));
    }
    put(fd, "evidence", std::move(evidence));
    findings.push_back(std::move(fd));
  }
  put(v, "findings", std::move(findings));
  v.set("has_findings", !doc.findings.empty());
  v.set("has_more_findings", !doc.findings_elsewhere.empty());
  // A budget of no findings in full (the CEO brief: its decisions name the
  // most important) leaves out the heading and says where they all are.
  v.set("lists_findings", in_full > 0 || doc.findings.empty());
  v.set("more_findings", doc.findings_elsewhere);

  const bool compared = doc.previous_as_of.has_value();
  // A brief summary says what changed in its own words.
  v.set("compared", compared && !doc.summary_tells_changes);
  v.set("previous_as_of", compared ? doc.previous_as_of->to_string() : std::string());
  list resolved;
  resolved.reserve(doc.resolved.size());
  for (const auto& r : doc.resolved) {
    data rd;
    rd.set("id", r.id);
    rd.set("SEVERITY", upper(to_string(r.severity)));
    rd.set("severity", std::string(to_string(r.severity)));
    rd.set("Severity", capitalised(to_string(r.severity)));
    rd.set("title", r.title);
    resolved.push_back(std::move(rd));
  }
  put(v, "resolved", std::move(resolved));
  v.set("has_resolved", !doc.resolved.empty());
  const auto new_count = std::ranges::count(doc.findings, std::string("new"), &Finding::since_previous);
  v.set("change_summary",
        compared ? fmt::format("{} new finding{}, {} still open, {} resolved since {}.", new_count,
                               new_count == 1 ? "" : "s", static_cast<long>(doc.findings.size()) - new_count,
                               doc.resolved.size(), doc.previous_as_of->to_string())
                 : std::string());
  list kpis;
  kpis.reserve(doc.kpis.size());
  std::vector<std::vector<std::string>> kpi_rows;
  for (const auto& k : doc.kpis) {
    data kd;
    const std::string value = k.value ? k.value->to_display(doc.currency_symbol) : "missing";
    kd.set("name", k.name);
    kd.set("value", value);
    kd.set("target", format_target(k, doc.currency_symbol));
    kd.set("status", status_words(k.status));
    kd.set("trend", trend_arrow(k.trend));
    kd.set("change", change_since(k, doc.currency_symbol));
    kd.set("missing", !k.value);
    kd.set("missing_data", k.missing_data);
    kpis.push_back(std::move(kd));
    kpi_rows.push_back({words(k.name), value, format_target(k, doc.currency_symbol), status_words(k.status),
                        trend_arrow(k.trend)});
    if (compared) kpi_rows.back().push_back(change_since(k, doc.currency_symbol));
  }
  put(v, "kpis", std::move(kpis));
  v.set("has_kpis", !doc.kpis.empty());
  std::vector<std::string> kpi_columns{"KPI", "Value", "Target", "Status", "Trend"};
  if (compared) kpi_columns.push_back(fmt::format("Since {}", doc.previous_as_of->to_string()));
  v.set("kpi_table", table_for(format, kpi_columns, kpi_rows));
  list missing_kpis;
  missing_kpis.reserve(doc.kpis.size());
  for (const auto& k : doc.kpis) {
    if (k.value) continue;
    data md;
    md.set("name", k.name);
    md.set("missing_data", k.missing_data);
    missing_kpis.push_back(std::move(md));
  }
  put(v, "missing_kpis", std::move(missing_kpis));
  // Where each KPI's value comes from stays in the JSON (each KPI's
  // evidence): an appendix of metric names is not for the e-mail body.

  list sections;
  sections.reserve(doc.sections.size());
  for (const auto& s : doc.sections) {
    data sd;
    sd.set("title", s.title);
    sd.set("note", s.note);
    sd.set("has_note", !s.note.empty());
    sd.set("has_rows", !s.rows.empty());
    // The table a reader sees: all but the columns for machines.
    auto [shown_columns, shown_rows] = shown_table(s, words);
    sd.set("table", shown_rows.empty() ? std::string() : table_for(format, shown_columns, shown_rows));
    put(sd, "chart_notes", chart_notes(doc, s.id));
    list columns;
    columns.reserve(shown_columns.size());
    for (const auto& c : shown_columns) columns.push_back(data(c));
    put(sd, "columns", std::move(columns));
    list rows;
    rows.reserve(shown_rows.size());
    for (const auto& r : shown_rows) {
      list cells;
      cells.reserve(r.size());
      for (const auto& c : r) {
        data cell;
        cell.set("text", c);
        cell.set("numeric", looks_numeric(c));
        cells.push_back(std::move(cell));
      }
      data rd;
      put(rd, "cells", std::move(cells));
      rows.push_back(std::move(rd));
    }
    put(sd, "rows", std::move(rows));
    sections.push_back(std::move(sd));
  }
  put(v, "sections", std::move(sections));
  put(v, "chart_notes", chart_notes(doc, ""));

  list timeline;
  timeline.reserve(doc.timeline.size());
  const std::size_t timeline_shown = std::min(doc.timeline.size(), doc.timeline_in_full.value_or(doc.timeline.size()));
  for (const auto& t : std::span(doc.timeline).first(timeline_shown)) {
    data td;
    td.set("date", t.date.to_string());
    td.set("action", t.action);
    td.set("owner", t.owner);
    td.set("source", t.source);
    timeline.push_back(std::move(td));
  }
  put(v, "timeline", std::move(timeline));
  v.set("has_timeline", !doc.timeline.empty());
  // A report whose budget shows no timeline (the agenda has it) leaves the
  // block out; one that shows part of it says how many more the JSON has.
  v.set("show_timeline", doc.timeline_in_full.value_or(1) > 0);
  const std::size_t timeline_more = doc.timeline.size() - timeline_shown;
  v.set("has_more_timeline", timeline_more > 0);
  v.set("more_timeline", fmt::format("{} more in the JSON.", timeline_more));
  return v;
}

// --- The HTML e-mail's own view: colours, the preheader, charts and the
// stacked form of wide tables (docs/reports.md, "The HTML e-mail"). Kept
// apart from view_of, which text and HTML share.

// A colour pair that keeps its contrast when a client inverts it: text and
// background always together on one element.
struct Swatch {
  std::string_view background;
  std::string_view text;
};

Swatch severity_swatch(Severity s) {
  switch (s) {
    case Severity::critical:
      return {"#b42318", "#ffffff"};
    case Severity::high:
      return {"#b54708", "#ffffff"};
    case Severity::medium:
      return {"#fef0c7", "#7a2e0e"};
    case Severity::low:
      return {"#dbeafe", "#1e3a8a"};
    case Severity::info:
      return {"#eef1f5", "#344054"};
  }
  return {"#eef1f5", "#344054"};
}

Swatch status_swatch(std::string_view status) {
  if (status == "on_track") return {"#dcfae6", "#085d3a"};
  if (status == "below_target") return {"#fee4e2", "#912018"};
  if (status == "missing") return {"#fef0c7", "#7a2e0e"};
  return {"#eef1f5", "#344054"};
}

std::string badge_style(Swatch s) {
  return fmt::format(
      "background-color:{};color:{};font-size:11px;font-weight:bold;"
      "padding:1px 6px;border-radius:3px",
      s.background, s.text);
}

// The border colour of a finding's block (a border has no text to keep
// legible, but is kept dark enough to show on either background).
std::string_view severity_rule(Severity s) {
  switch (s) {
    case Severity::critical:
      return "#b42318";
    case Severity::high:
      return "#b54708";
    case Severity::medium:
      return "#ca8504";
    case Severity::low:
      return "#3b82f6";
    case Severity::info:
      return "#9aa5b1";
  }
  return "#9aa5b1";
}

// The list `name` of `object`, to add fields to its items; the object is
// the caller's own (see put).
list& items_of(data& object, const std::string& name) {
  return const_cast<list&>(object.get(name)->list_value());
}

// A table with more columns than this is shown on a phone as one block per
// row: its first cell as a heading, then a "Column: value" line per cell.
constexpr std::size_t k_max_table_columns = 3;

bool is_rank(std::string_view cell) {
  return !cell.empty() && cell.size() <= 3 &&
         std::ranges::all_of(cell, [](char c) { return c >= '0' && c <= '9'; });
}

// The first sentence of the summary, for the inbox's preview line.
std::string preheader_of(const ReportDocument& doc) {
  if (doc.summary.empty()) return doc.title;
  const std::string& first = doc.summary.front();
  const auto end = first.find(". ");
  return end == std::string::npos ? first : first.substr(0, end + 1);
}

data chart_view(const Chart& c) {
  data cd;
  cd.set("id", c.id);
  cd.set("title", c.title);
  cd.set("alt", c.alt.empty() ? c.title : c.alt);
  // A chart with nothing to draw says what is missing, in words.
  cd.set("has_image", !c.empty());
  cd.set("empty_note", c.empty_note.empty() ? std::string("No data to draw yet.") : c.empty_note);
  return cd;
}

void add_html_view(data& v, const ReportDocument& doc, const RenderOptions& options) {
  v.set("accent", options.accent.empty() ? std::string("#0b5cad") : options.accent);
  v.set("has_logo", !options.logo_png.empty());
  v.set("preheader", preheader_of(doc));

  std::size_t at = 0;
  for (auto& fd : items_of(v, "findings")) {
    const Severity s = doc.findings[at++].severity;
    fd.set("badge_style", badge_style(severity_swatch(s)));
    fd.set("rule", std::string(severity_rule(s)));
  }
  at = 0;
  for (auto& rd : items_of(v, "resolved"))
    rd.set("badge_style", badge_style(severity_swatch(doc.resolved[at++].severity)));
  at = 0;
  for (auto& kd : items_of(v, "kpis")) {
    const Kpi& k = doc.kpis[at++];
    kd.set("status_style",
           badge_style(status_swatch(k.value ? std::string_view(k.status) : "missing")));
  }

  // Charts go just before the section they illustrate; one whose section
  // is not in this report (or names none) goes after the summary.
  list summary_charts;
  std::vector<list> section_charts(doc.sections.size());
  for (const auto& c : doc.charts) {
    const auto it = std::ranges::find(doc.sections, c.section, &Section::id);
    if (c.section.empty() || it == doc.sections.end()) {
      summary_charts.push_back(chart_view(c));
    } else {
      section_charts[static_cast<std::size_t>(it - doc.sections.begin())].push_back(chart_view(c));
    }
  }
  v.set("has_summary_charts", !summary_charts.empty());
  put(v, "summary_charts", std::move(summary_charts));

  at = 0;
  for (auto& sd : items_of(v, "sections")) {
    const std::size_t index = at++;
    sd.set("has_charts", !section_charts[index].empty());
    put(sd, "charts", std::move(section_charts[index]));
    const list& columns = sd.get("columns")->list_value();
    const bool stacked = columns.size() > k_max_table_columns;
    sd.set("stacked", stacked);
    sd.set("table_rows", !stacked);
    if (!stacked) continue;
    list blocks;
    const list& rows = sd.get("rows")->list_value();
    blocks.reserve(rows.size());
    for (const auto& row : rows) {
      const list& cells = row.get("cells")->list_value();
      data block;
      std::string heading =
          cells.empty() ? std::string() : cells.front().get("text")->string_value();
      std::size_t first = 1;
      // A rank ("1", "2") alone is no heading: "1. Record the income" is.
      if (cells.size() > 1 && is_rank(heading)) {
        heading += ". " + cells[1].get("text")->string_value();
        first = 2;
      }
      block.set("heading", heading);
      list lines;
      for (std::size_t i = first; i < cells.size() && i < columns.size(); ++i) {
        const std::string& text = cells[i].get("text")->string_value();
        if (text.empty()) continue;
        data line;
        line.set("label", columns[i].string_value());
        line.set("value", text);
        lines.push_back(std::move(line));
      }
      put(block, "lines", std::move(lines));
      blocks.push_back(std::move(block));
    }
    put(sd, "blocks", std::move(blocks));
  }
}

}  // namespace

std::string text_table(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(columns.size(), 0);
  for (std::size_t i = 0; i < columns.size(); ++i) width[i] = display_width(columns[i]);
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
  }
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string l;
    for (std::size_t i = 0; i < width.size(); ++i) {
      const std::string& c = i < cells.size() ? cells[i] : std::string();
      if (i > 0) l += "  ";
      l += (!header && looks_numeric(c)) ? pad_left(c, width[i]) : pad_right(c, width[i]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(columns, true);
  std::vector<std::string> rule;
  for (const auto w : width) rule.push_back(std::string(w, '-'));
  line(rule, true);
  for (const auto& r : rows) line(r, false);
  return out;
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "html") return Format::html;
  if (name == "json") return Format::json;
  if (name == "markdown") return Format::markdown;
  if (name == "pdf") return Format::pdf;
  return std::nullopt;
}

std::string_view extension(Format f) {
  switch (f) {
    case Format::text: return "txt";
    case Format::html: return "html";
    case Format::json: return "json";
    case Format::markdown: return "md";
    case Format::pdf: return "pdf";
  }
  return "txt";
}

std::string html_with_data_images(std::string html, const std::vector<Image>& images) {
  for (const auto& image : images) {
    const std::string from = "cid:" + image.name;
    const std::string to = fmt::format("data:{};base64,{}", image.content_type, base64_encode(image.data));
    for (auto at = html.find(from); at != std::string::npos; at = html.find(from, at)) {
      html.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return html;
}

TemplateSet TemplateSet::load(const fs::path& portfolio_dir, Diagnostics& diagnostics) {
  TemplateSet set;
  for (const auto& t : builtin_templates()) set.by_name_[std::string(t.name)] = std::string(t.text);
  const fs::path dir = portfolio_dir / "templates";
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (!name.ends_with(".mustache")) continue;
      if (auto text = read_text_input(entry.path(), "templates/" + name, diagnostics)) set.by_name_[name] = std::move(*text);
    }
  }
  for (const auto& [name, text] : set.by_name_) {
    mustache tmpl(text);
    if (!tmpl.is_valid()) {
      diagnostics.push_back({{"templates/" + name, 0, 0}, "invalid template", "a valid Mustache template",
                             tmpl.error_message(), ""});
    }
  }
  return set;
}

const std::string& TemplateSet::text_for(const std::string& report_id, Format format) const {
  const std::string ext(extension(format));
  if (const auto it = by_name_.find(fmt::format("{}.{}.mustache", report_id, ext)); it != by_name_.end()) {
    return it->second;
  }
  return by_name_.at(fmt::format("report.{}.mustache", ext));
}

std::expected<std::string, Error> render(const ReportDocument& doc, Format format, const TemplateSet& templates,
                                         const RenderOptions& options) {
  if (format == Format::pdf) return render_pdf(doc, options);
  // Input is checked to be UTF-8 when it is read; should anything else reach
  // a string, it is written as U+FFFD rather than throwing.
  if (format == Format::json) return to_json(doc).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  mustache tmpl(templates.text_for(doc.report_id, format));
  if (!tmpl.is_valid()) return std::unexpected(Error{"invalid template: " + tmpl.error_message()});
  // Prose may carry inline code spans (`[data] journal`): <code> in HTML,
  // plain words in text. Nothing else of Markdown is read: names and data
  // (an account `Expenses:*:Fuel`) must not turn into emphasis or links.
  if (format == Format::text) {
    tmpl.set_custom_escape([](const std::string& s) { return strip_code_spans(s); });
  } else if (format == Format::markdown) {
    // Markdown: everything from the document shows literally; code spans
    // stay code spans.
    tmpl.set_custom_escape([](const std::string& s) { return markdown_with_code_spans(s); });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return html_with_code_spans(s); });
  }
  data view = view_of(doc, format);
  if (format == Format::html) add_html_view(view, doc, options);
  std::string out = tmpl.render(view);
  if (!tmpl.is_valid()) return std::unexpected(Error{"template failed: " + tmpl.error_message()});
  if (format == Format::text || format == Format::markdown) {
    // The Mustache library keeps the line of a section tag that renders
    // nothing (an empty list, a false flag) as a blank line; in plain text
    // those stack up. At most one blank line between blocks.
    std::string tidy;
    tidy.reserve(out.size());
    for (const char c : out) {
      if (c == '\n' && tidy.size() >= 2 && tidy[tidy.size() - 1] == '\n' && tidy[tidy.size() - 2] == '\n') continue;
      tidy += c;
    }
    out = std::move(tidy);
  }
  // Plain text is read in a fixed-width font, on a phone too: prose wraps
  // at 76 columns; tables were laid out to at most 100.
  if (format == Format::text) out = wrap_text(out);
  return out;
}

}  // namespace quarterdeck::render
