#include "render/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/cells.hpp"
#include "render/charts.hpp"
#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

// US Letter, in points: the reference portfolio's readers are in the US, and
// a Letter page printed on A4 (or the reverse) loses only a margin's width.
constexpr double k_page_width = 612;
constexpr double k_page_height = 792;
constexpr double k_margin = 54;  // three quarters of an inch
constexpr double k_footer_height = 28;
constexpr double k_left = k_margin;
constexpr double k_width = k_page_width - 2 * k_margin;
constexpr double k_top = k_margin;
constexpr double k_bottom = k_page_height - k_margin - k_footer_height;
constexpr double k_chart_height = 216;  // three inches
constexpr double k_cell_pad = 3;
// A cell never grows taller than this: a pathological cell (a whole file in
// a CSV field) ends with an ellipsis; the JSON keeps it whole.
constexpr double k_max_cell_height = 240;

constexpr std::string_view k_font = "DejaVu Sans";
constexpr std::string_view k_mono_font = "DejaVu Sans Mono";

struct Colour {
  double r = 0, g = 0, b = 0;
};

constexpr Colour k_ink{0.13, 0.13, 0.13};
constexpr Colour k_muted{0.38, 0.38, 0.38};
constexpr Colour k_rule{0.78, 0.78, 0.78};
constexpr Colour k_stripe{0.96, 0.96, 0.96};
constexpr Colour k_default_accent{0x0b / 255.0, 0x5c / 255.0, 0xad / 255.0};

// "#0b5cad" (the loader has checked the form); anything else: the default.
Colour accent_of(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return k_default_accent;
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = hex(text[static_cast<std::size_t>(i) + 1]);
    if (v[i] < 0) return k_default_accent;
  }
  return {(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0, (v[4] * 16 + v[5]) / 255.0};
}

// `c` mixed with white: `amount` 0 is white, 1 is `c`.
Colour tint(Colour c, double amount) {
  return {1 - (1 - c.r) * amount, 1 - (1 - c.g) * amount, 1 - (1 - c.b) * amount};
}

Colour severity_colour(Severity s) {
  switch (s) {
    case Severity::critical:
      return {0.60, 0.05, 0.05};
    case Severity::high:
      return {0.78, 0.16, 0.10};
    case Severity::medium:
      return {0.70, 0.42, 0.00};
    case Severity::low:
      return {0.15, 0.40, 0.65};
    case Severity::info:
      return k_muted;
  }
  return k_muted;
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// Text pango can take: valid UTF-8 without NULs (input is checked to be
// UTF-8 when it is read; anything else is shown as U+FFFD, never dropped
// silently and never a crash).
std::string clean_text(std::string_view s) {
  std::string out(s);
  std::ranges::replace(out, '\0', ' ');
  if (g_utf8_validate(out.data(), static_cast<gssize>(out.size()), nullptr)) return out;
  gchar* valid = g_utf8_make_valid(out.data(), static_cast<gssize>(out.size()));
  out = valid;
  g_free(valid);
  return out;
}

struct Style {
  double size = 10;
  bool bold = false;
  bool mono = false;
  Colour colour = k_ink;
  double indent = 0;
  double space_after = 4;
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;
using FontPtr = std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)>;

// Lays out the report page by page: a cursor that moves down the page, a
// new page when what comes next does not fit. Each page is drawn on a
// recording surface (vectors and text, as they are); once the number of
// pages is known, the pages are played onto the PDF surface, each with its
// footer ("Page N of M"), so the report is laid out once.
class Writer {
 public:
  Writer(cairo_surface_t* pdf, const ReportDocument& doc, const RenderOptions& options)
      : pdf_(pdf), doc_(doc), options_(options), accent_(accent_of(options.accent)) {
    cairo_surface_t* scratch = new_recording();
    cairo_t* cr = cairo_create(scratch);
    context_ = pango_cairo_create_context(cr);
    // Text measured as a PDF draws it: outlines as designed, not fitted
    // to a pixel grid.
    cairo_font_options_t* fonts = cairo_font_options_create();
    cairo_font_options_set_hint_style(fonts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fonts, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_, fonts);
    cairo_font_options_destroy(fonts);
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
  }

  ~Writer() {
    g_object_unref(context_);
    if (cr_ != nullptr) cairo_destroy(cr_);
    for (cairo_surface_t* page : pages_) cairo_surface_destroy(page);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // The logo's bytes start like a PNG (the workspace checks) but cairo
  // could not read them.
  bool logo_failed() const { return logo_failed_; }
  // The first error of drawing, or success.
  cairo_status_t status() const { return status_; }

  // Lays out the report and draws its pages onto the PDF surface.
  void write() {
    cover();
    body();
    finish_page();
    cairo_t* cr = cairo_create(pdf_);
    const int total = static_cast<int>(pages_.size());
    for (int n = 1; n <= total; ++n) {
      cairo_set_source_surface(cr, pages_[static_cast<std::size_t>(n - 1)], 0, 0);
      cairo_paint(cr);
      footer(cr, n, total);
      cairo_show_page(cr);
    }
    for (const auto& [title, where] : outline_) {
      cairo_pdf_surface_add_outline(pdf_, CAIRO_PDF_OUTLINE_ROOT, title.c_str(), where.c_str(),
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
    if (status_ == CAIRO_STATUS_SUCCESS) status_ = cairo_status(cr);
    cairo_destroy(cr);
  }

 private:
  // --- Text.

  LayoutPtr layout(std::string_view text, const Style& style, double width) const {
    LayoutPtr l(pango_layout_new(context_), &g_object_unref);
    const FontPtr font(pango_font_description_new(), &pango_font_description_free);
    const std::string family(style.mono ? k_mono_font : k_font);
    pango_font_description_set_family(font.get(), family.c_str());
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), font.get());
    if (width > 0) {
      pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l.get(), style.align);
    // User data is text, never markup: `<b>` is drawn as it is written.
    const std::string clean = clean_text(text);
    pango_layout_set_text(l.get(), clean.data(), static_cast<int>(clean.size()));
    return l;
  }

  static double height_of(PangoLayout* l) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  static double width_of(PangoLayout* l) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(w) / PANGO_SCALE;
  }

  void set_colour(Colour c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  // A paragraph at the cursor, broken between lines across pages.
  void paragraph(std::string_view text, const Style& style = {}) {
    if (text.empty()) return;
    const double width = k_width - style.indent;
    const LayoutPtr l = layout(text, style, width);
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double offset = 0;  // the layout's y at the top of this page's part
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
      if (y_ + (line_top - offset) + line_height > k_bottom) {
        y_ += line_top - offset;
        new_page();
        offset = line_top;
      }
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      set_colour(style.colour);
      cairo_move_to(cr_, k_left + style.indent + static_cast<double>(logical.x) / PANGO_SCALE,
                    y_ + baseline - offset);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ += height_of(l.get()) - offset + style.space_after;
  }

  // Starts a new page unless `height` more fits on this one.
  void need(double height) {
    if (y_ + height > k_bottom) new_page();
  }

  // A heading, kept with at least a few lines of what follows, and an
  // entry in the PDF's outline.
  void heading(std::string_view text, int level = 1) {
    const Style style{level == 1 ? 15.0 : 11.5, true, false, level == 1 ? accent_ : k_ink, 0, 4};
    const LayoutPtr l = layout(text, style, k_width);
    y_ += level == 1 ? 10 : 4;
    need(height_of(l.get()) + 48);
    set_colour(style.colour);
    cairo_move_to(cr_, k_left, y_);
    pango_cairo_show_layout(cr_, l.get());
    if (level == 1) {
      const std::string clean = clean_text(text);
      outline_.emplace_back(clean, fmt::format("page={} pos=[{:.0f} {:.0f}]", page_, k_left, y_));
    }
    y_ += height_of(l.get()) + style.space_after;
    if (level == 1) {
      set_colour(tint(accent_, 0.5));
      cairo_rectangle(cr_, k_left, y_ - 2, k_width, 0.75);
      cairo_fill(cr_);
      y_ += 4;
    }
  }

  // --- Pages.

  static cairo_surface_t* new_recording() {
    const cairo_rectangle_t page{0, 0, k_page_width, k_page_height};
    return cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
  }

  void finish_page() {
    if (cr_ == nullptr) return;
    if (status_ == CAIRO_STATUS_SUCCESS) status_ = cairo_status(cr_);
    pages_.push_back(cairo_surface_reference(cairo_get_target(cr_)));
    cairo_destroy(cr_);
    cr_ = nullptr;
  }

  void new_page() {
    finish_page();
    cairo_surface_t* page = new_recording();
    cr_ = cairo_create(page);
    cairo_surface_destroy(page);  // cr_ holds it
    ++page_;
    y_ = k_top;
    if (on_new_page_) on_new_page_();
  }

  // The footer of page `n` of `total`, drawn on `cr`.
  void footer(cairo_t* cr, int n, int total) const {
    const double y = k_page_height - k_margin - 12;
    cairo_set_source_rgb(cr, k_rule.r, k_rule.g, k_rule.b);
    cairo_rectangle(cr, k_left, y - 6, k_width, 0.5);
    cairo_fill(cr);
    const Style style{8, false, false, k_muted, 0, 0};
    const LayoutPtr left = layout(fmt::format("{} · as of {}", doc_.title, doc_.as_of.to_string()),
                                  style, k_width * 0.7);
    pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(cr, k_muted.r, k_muted.g, k_muted.b);
    cairo_move_to(cr, k_left, y);
    pango_cairo_show_layout(cr, left.get());
    Style right_style = style;
    right_style.align = PANGO_ALIGN_RIGHT;
    const LayoutPtr right =
        layout(fmt::format("Page {} of {}", n, total), right_style, k_width * 0.3);
    cairo_move_to(cr, k_left + k_width * 0.7, y);
    pango_cairo_show_layout(cr, right.get());
  }

  // --- The cover.

  void cover() {
    new_page();
    // A band of the accent colour across the top.
    set_colour(accent_);
    cairo_rectangle(cr_, 0, 0, k_page_width, 12);
    cairo_fill(cr_);
    y_ = k_top + 48;
    logo();
    paragraph(doc_.portfolio, {14, true, false, k_muted, 0, 10});
    paragraph(doc_.title, {30, true, false, accent_, 0, 14});
    std::string when = fmt::format("As of {}", doc_.as_of.to_string());
    if (!doc_.period.empty()) when += fmt::format(" · period {}", doc_.period);
    paragraph(when, {12, false, false, k_ink, 0, 36});
    if (!doc_.summary.empty()) {
      set_colour(accent_);
      const double top = y_;
      const LayoutPtr l = layout(strip_code_spans(doc_.summary.front()),
                                 {17, false, false, k_ink, 0, 0}, k_width - 16);
      const double h = height_of(l.get());
      cairo_rectangle(cr_, k_left, top, 3, h);
      cairo_fill(cr_);
      paragraph(strip_code_spans(doc_.summary.front()), {17, false, false, k_ink, 16, 24});
    }
    // What the pack holds, in counts; a part with none is not named.
    std::vector<std::string> parts;
    const auto new_count =
        std::ranges::count(doc_.findings, std::string("new"), &Finding::since_previous);
    if (!doc_.findings.empty()) {
      parts.push_back(plural(static_cast<std::int64_t>(doc_.findings.size()), "finding") +
                      (doc_.previous_as_of ? fmt::format(" ({} new)", new_count) : std::string()));
    }
    if (!doc_.kpis.empty())
      parts.push_back(plural(static_cast<std::int64_t>(doc_.kpis.size()), "KPI"));
    if (!doc_.sections.empty())
      parts.push_back(plural(static_cast<std::int64_t>(doc_.sections.size()), "table"));
    if (!doc_.timeline.empty()) {
      parts.push_back(plural(static_cast<std::int64_t>(doc_.timeline.size()), "action") +
                      " on the timeline");
    }
    const std::string counts = parts.empty() ? std::string() : capitalised(join(parts, ", ")) + ".";
    paragraph(counts, {10, false, false, k_muted, 0, 4});
    paragraph("Prepared by Quarterdeck from the portfolio's data.",
              {10, false, false, k_muted, 0, 4});
  }

  void logo() {
    if (options_.logo_png.empty()) return;
    struct Reader {
      std::string_view data;
      std::size_t at = 0;
    } reader{options_.logo_png};
    cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* out, unsigned int length) {
          auto* r = static_cast<Reader*>(closure);
          if (r->data.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
          std::copy_n(r->data.data() + r->at, length, out);
          r->at += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &reader);
    const int w = cairo_image_surface_get_width(image);
    const int h = cairo_image_surface_get_height(image);
    if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS && w > 0 && h > 0) {
      // At most an inch tall and two wide, in the top right corner.
      const double scale = std::min({72.0 / h, 144.0 / w, 1.0});
      cairo_save(cr_);
      cairo_translate(cr_, k_left + k_width - w * scale, k_top);
      cairo_scale(cr_, scale, scale);
      cairo_set_source_surface(cr_, image, 0, 0);
      cairo_paint(cr_);
      cairo_restore(cr_);
      y_ = std::max(y_, k_top + h * scale + 24);
    } else {
      logo_failed_ = true;
    }
    cairo_surface_destroy(image);
  }

  // --- The report.

  void charts_for(std::string_view section) {
    for (const auto& chart : doc_.charts) {
      const bool here =
          chart.section == section ||
          (section.empty() && std::ranges::none_of(doc_.sections, [&](const Section& s) {
             return s.id == chart.section;
           }));
      if (!here) continue;
      need(k_chart_height + 8);
      cairo_save(cr_);
      draw_chart(cr_, chart, k_left, y_, k_width, k_chart_height, options_);
      cairo_restore(cr_);
      y_ += k_chart_height + 8;
    }
  }

  void body() {
    new_page();
    heading("Summary");
    for (const auto& s : doc_.summary)
      paragraph(strip_code_spans(s), {10.5, false, false, k_ink, 0, 5});
    if (doc_.previous_as_of) {
      const auto new_count =
          std::ranges::count(doc_.findings, std::string("new"), &Finding::since_previous);
      paragraph(fmt::format("Since {}: {} new, {} still open, {} resolved.",
                            doc_.previous_as_of->to_string(), plural(new_count, "finding"),
                            static_cast<std::int64_t>(doc_.findings.size()) - new_count,
                            doc_.resolved.size()),
                {10.5, false, false, k_muted, 0, 5});
    }
    charts_for("");
    findings();
    resolved();
    kpis();
    for (const auto& s : doc_.sections) section(s);
    timeline();
    evidence();
  }

  void findings() {
    heading(fmt::format("Findings ({})", doc_.findings.size()));
    if (doc_.findings.empty()) paragraph("No findings.");
    int n = 0;
    for (const auto& f : doc_.findings) {
      ++n;
      need(60);
      paragraph(fmt::format("{}. {}", n, strip_code_spans(f.title)),
                {11, true, false, k_ink, 0, 2});
      std::string line = capitalised(to_string(f.severity));
      if (f.since_previous == "new") line += " · new";
      line += fmt::format(" · owner {} · due {}", f.owner.empty() ? "-" : f.owner,
                          f.due ? f.due->to_string() : std::string("-"));
      paragraph(line, {9.5, true, false, severity_colour(f.severity), 14, 2});
      if (!f.recommendation.empty()) {
        paragraph("Do: " + strip_code_spans(f.recommendation), {10, false, false, k_ink, 14, 2});
      }
      for (const auto& e : f.evidence) {
        paragraph("Evidence: " + strip_code_spans(e.detail), {9, false, false, k_muted, 14, 1});
      }
      y_ += 6;
    }
  }

  void resolved() {
    if (doc_.resolved.empty() || !doc_.previous_as_of) return;
    heading(fmt::format("Resolved since {}", doc_.previous_as_of->to_string()));
    for (const auto& r : doc_.resolved) {
      paragraph(
          fmt::format("{}: {}", capitalised(to_string(r.severity)), strip_code_spans(r.title)));
    }
  }

  void kpis() {
    if (doc_.kpis.empty()) return;
    heading("KPIs");
    const CellWords words(doc_, Format::pdf);
    std::vector<std::string> columns{"KPI", "Value", "Target", "Status", "Trend"};
    if (doc_.previous_as_of)
      columns.push_back(fmt::format("Since {}", doc_.previous_as_of->to_string()));
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : doc_.kpis) {
      rows.push_back(
          {words(k.name), k.value ? k.value->to_display(doc_.currency_symbol) : "missing",
           format_target(k, doc_.currency_symbol), status_words(k.status), trend_arrow(k.trend)});
      if (doc_.previous_as_of) rows.back().push_back(change_since(k, doc_.currency_symbol));
    }
    table(columns, rows);
    for (const auto& k : doc_.kpis) {
      if (!k.value)
        paragraph(fmt::format("{} is missing: needs {}", k.name, strip_code_spans(k.missing_data)),
                  {9, false, false, k_muted, 0, 2});
    }
  }

  void section(const Section& s) {
    charts_for(s.id);
    heading(s.title);
    paragraph(strip_code_spans(s.note), {9.5, false, false, k_muted, 0, 4});
    if (s.rows.empty()) return;
    const ShownTable shown = shown_table(s, CellWords(doc_, Format::pdf));
    table(shown.columns, shown.rows);
  }

  void timeline() {
    if (doc_.timeline.empty()) return;
    heading("Timeline");
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : doc_.timeline) {
      rows.push_back({t.date.to_string(), t.owner, strip_code_spans(t.action)});
    }
    table({"Date", "Owner", "Action"}, rows);
  }

  void evidence() {
    if (doc_.findings.empty()) return;
    heading("Evidence");
    paragraph("Where each finding comes from: a file and line, an account, a metric.",
              {9.5, false, false, k_muted, 0, 6});
    int n = 0;
    for (const auto& f : doc_.findings) {
      ++n;
      need(36);
      paragraph(fmt::format("{}. {}", n, strip_code_spans(f.title)),
                {9.5, true, false, k_ink, 0, 2});
      for (const auto& e : f.evidence) {
        paragraph(e.source, {8, false, true, k_ink, 14, 0});
        paragraph(strip_code_spans(e.detail), {8.5, false, false, k_muted, 28, 3});
      }
      y_ += 3;
    }
  }

  // --- Tables.

  // A table across the text width: columns as wide as their content where
  // it fits, the rest shared by the widest; long cells wrap; figures align
  // right; a row never splits, and every page the table reaches starts with
  // its header row.
  void table(const std::vector<std::string>& columns,
             const std::vector<std::vector<std::string>>& rows) {
    const std::size_t n = columns.size();
    if (n == 0) return;
    const Style cell_style{8, false, false, k_ink, 0, 0};
    const Style header_style{8, true, false, k_ink, 0, 0};
    // Natural (unwrapped) widths and which columns are all figures.
    std::vector<double> natural(n, 0);
    std::vector<bool> numeric(n, true);
    std::vector<bool> any(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      natural[i] = width_of(layout(columns[i], header_style, -1).get());
    }
    // A column is never narrower than the longest word of its header, or
    // than a short cell with no space (a date, an amount, an id), when the
    // page has room: "Commits", not "Commi-ts"; "2026-10-20" on one line.
    std::vector<double> least(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (const auto word : split(columns[i], ' ')) {
        least[i] = std::max(least[i], width_of(layout(word, header_style, -1).get()));
      }
    }
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < n && i < r.size(); ++i) {
        if (r[i].empty() || r[i] == "-") continue;
        any[i] = true;
        if (!looks_numeric(r[i])) numeric[i] = false;
        // Beyond the page's width a cell wraps anyway: no need to measure it.
        const double w = r[i].size() > 400 ? k_width : width_of(layout(r[i], cell_style, -1).get());
        natural[i] = std::max(natural[i], w);
        if (r[i].size() <= 10 && r[i].find(' ') == std::string::npos)
          least[i] = std::max(least[i], w);
      }
    }
    const std::vector<double> widths = column_widths(natural, least);
    // Each row is laid out once, to measure and to draw; the header once
    // for every page it starts.
    const Row header =
        lay_row(columns, widths, header_style, [&](std::size_t i) { return numeric[i] && any[i]; });
    const auto draw_header = [&] {
      set_colour(tint(accent_, 0.18));
      cairo_rectangle(cr_, k_left, y_, k_width, header.height);
      cairo_fill(cr_);
      draw_row(header, widths, header_style);
    };
    bool first = true;
    bool stripe = false;
    for (const auto& r : rows) {
      const Row row =
          lay_row(r, widths, cell_style, [&](std::size_t i) { return looks_numeric(r[i]); });
      if (first) {
        // The header and the first row stay together.
        need(header.height + row.height);
        draw_header();
        on_new_page_ = draw_header;
        first = false;
      }
      need(row.height);
      if (stripe) {
        set_colour(k_stripe);
        cairo_rectangle(cr_, k_left, y_, k_width, row.height);
        cairo_fill(cr_);
      }
      stripe = !stripe;
      draw_row(row, widths, cell_style);
    }
    if (first) {
      need(header.height);
      draw_header();
    }
    on_new_page_ = nullptr;
    set_colour(k_rule);
    cairo_rectangle(cr_, k_left, y_, k_width, 0.5);
    cairo_fill(cr_);
    y_ += 10;
  }

  // Each column's width from its natural (unwrapped) width and the least it
  // may have, filling the text width.
  static std::vector<double> column_widths(const std::vector<double>& natural,
                                           const std::vector<double>& least) {
    const std::size_t n = natural.size();
    std::vector<double> want(n);
    std::vector<double> floor(n);
    for (std::size_t i = 0; i < n; ++i) {
      want[i] = natural[i] + 2 * k_cell_pad + 1;
      floor[i] = least[i] + 2 * k_cell_pad + 1;
    }
    // Floors that together do not fit shrink alike.
    double floors = 0;
    for (const double f : floor) floors += f;
    if (floors > k_width) {
      for (double& f : floor) f *= k_width / floors;
    }
    double total = 0;
    for (const double w : want) total += w;
    std::vector<double> out(n);
    if (total <= k_width) {
      // Room to spare: shared in proportion to what each column wants, so
      // the prose columns get most of it and a date column stays narrow.
      for (std::size_t i = 0; i < n; ++i) out[i] = want[i] * k_width / total;
      return out;
    }
    // Columns narrower than an even share keep their width; the others
    // share what is left in proportion to what they want.
    std::vector<bool> fixed(n, false);
    double left = k_width;
    bool changed = true;
    while (changed) {
      changed = false;
      std::size_t open = 0;
      for (std::size_t i = 0; i < n; ++i) open += fixed[i] ? 0 : 1;
      if (open == 0) break;
      const double share = left / static_cast<double>(open);
      for (std::size_t i = 0; i < n; ++i) {
        if (!fixed[i] && want[i] <= share) {
          fixed[i] = true;
          out[i] = want[i];
          left -= want[i];
          changed = true;
        }
      }
    }
    double wide = 0;
    for (std::size_t i = 0; i < n; ++i) wide += fixed[i] ? 0 : want[i];
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed[i]) out[i] = std::max(floor[i], left * want[i] / wide);
    }
    // Columns raised to their floor take it from the others, in proportion
    // to what those have above their own floor.
    double sum = 0;
    double spare = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += out[i];
      spare += out[i] - floor[i];
    }
    if (sum > k_width && spare > 0) {
      const double cut = std::min(1.0, (sum - k_width) / spare);
      for (std::size_t i = 0; i < n; ++i) out[i] -= (out[i] - floor[i]) * cut;
    }
    return out;
  }

  LayoutPtr cell_layout(std::string_view text, const Style& style, double width, bool right) const {
    Style s = style;
    s.align = right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    LayoutPtr l = layout(text, s, width - 2 * k_cell_pad);
    pango_layout_set_height(l.get(), static_cast<int>(k_max_cell_height * PANGO_SCALE));
    pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    return l;
  }

  // A row's cells laid out in their columns (none for an empty cell) and
  // its height.
  struct Row {
    std::vector<LayoutPtr> cells;
    double height = 0;
  };

  template <typename Right>
  Row lay_row(const std::vector<std::string>& cells, const std::vector<double>& widths,
              const Style& style, Right right) const {
    Row row;
    row.cells.reserve(widths.size());
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i >= cells.size() || cells[i].empty()) {
        row.cells.emplace_back(nullptr, &g_object_unref);
        continue;
      }
      row.cells.push_back(cell_layout(cells[i], style, widths[i], right(i)));
      row.height = std::max(row.height, height_of(row.cells.back().get()));
    }
    if (row.height == 0) row.height = style.size * 1.2;
    row.height += 2 * k_cell_pad;
    return row;
  }

  // Draws `row` at the cursor and moves the cursor below it.
  void draw_row(const Row& row, const std::vector<double>& widths, const Style& style) {
    double x = k_left;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (row.cells[i]) {
        set_colour(style.colour);
        cairo_move_to(cr_, x + k_cell_pad, y_ + k_cell_pad);
        pango_cairo_show_layout(cr_, row.cells[i].get());
      }
      x += widths[i];
    }
    y_ += row.height;
  }

  cairo_surface_t* pdf_;
  cairo_t* cr_ = nullptr;  // on the current page's recording surface
  const ReportDocument& doc_;
  const RenderOptions& options_;
  Colour accent_;
  PangoContext* context_ = nullptr;
  std::vector<cairo_surface_t*> pages_;                       // recorded, one per page
  std::vector<std::pair<std::string, std::string>> outline_;  // heading, its destination
  cairo_status_t status_ = CAIRO_STATUS_SUCCESS;
  int page_ = 0;
  double y_ = k_top;
  std::function<void()> on_new_page_;
  bool logo_failed_ = false;
};

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::expected<std::string, Error> render_pdf(const ReportDocument& doc,
                                             const RenderOptions& options) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to, &out, k_page_width, k_page_height);
  // The same document gives the same bytes: the dates come from the
  // report's as-of date, not the clock.
  const std::string date = doc.as_of.to_string() + "T00:00:00Z";
  const std::string title = clean_text(fmt::format("{} — {}", doc.title, doc.portfolio));
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Quarterdeck");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Quarterdeck");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  bool logo_failed = false;
  {
    Writer writer(surface, doc, options);
    writer.write();
    status = writer.status();
    logo_failed = writer.logo_failed();
  }
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (logo_failed)
    return std::unexpected(Error{"the logo ([branding] logo) is not a PNG image cairo can read"});
  if (status != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(
        Error{fmt::format("the PDF could not be drawn: {}", cairo_status_to_string(status))});
  }
  return out;
}

}  // namespace quarterdeck::render

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (under pango) keeps its configuration and font patterns for the
// life of the process and frees them only in FcFini, which nothing may call
// while pango's font map can still use them: LeakSanitizer reports them at
// exit. This is the one place the program tells LeakSanitizer so (charts
// use the same fonts through this object's font map).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
// Without a list of the suppressions used on stderr at every exit.
extern "C" const char* __lsan_default_options() {
  return "print_suppressions=0";
}
#endif
