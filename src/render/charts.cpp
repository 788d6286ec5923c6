// Charts with cairo and pango. Everything is drawn in the user units of the
// rectangle given (CSS pixels scaled for a PNG, points on a PDF), with the
// same layout on every surface; values are integers until they become a
// pixel position. Text is DejaVu Sans (fonts-dejavu-core), hinting off so
// that the layout does not depend on the surface's resolution, which keeps
// the output the same from one run to the next.
#include "render/charts.hpp"

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>

#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

constexpr Rgb rgb(std::uint32_t hex) {
  return {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0};
}

// Colours that read on white (the PNG's background) and keep their
// contrast when a mail client darkens the page around the image.
constexpr Rgb k_ink = rgb(0x212529);
constexpr Rgb k_muted = rgb(0x555d66);
constexpr Rgb k_grid = rgb(0xe2e5e9);
constexpr Rgb k_axis = rgb(0x9aa1a9);
constexpr Rgb k_panel = rgb(0xf3f4f6);
constexpr Rgb k_blue = rgb(0x1c64d1);
constexpr std::array<Rgb, 6> k_others = {rgb(0xe8590c), rgb(0x2b8a3e), rgb(0x862e9c),
                                         rgb(0xc2255c), rgb(0x0b7285), rgb(0x868e96)};

constexpr double k_pad = 12;
constexpr double k_title_size = 15;
constexpr double k_label_size = 11;
constexpr double k_note_size = 13;

// "#0b5cad" (the loader checks the form); the built-in blue otherwise.
Rgb accent_of(const RenderOptions& options) {
  const std::string& a = options.accent;
  if (a.size() != 7 || a[0] != '#') return k_blue;
  std::uint32_t v = 0;
  for (std::size_t i = 1; i < 7; ++i) {
    const char c = a[i];
    const int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (d < 0) return k_blue;
    v = v * 16 + static_cast<std::uint32_t>(d);
  }
  return rgb(v);
}

Rgb series_colour(std::size_t i, const RenderOptions& options) {
  if (i == 0) return accent_of(options);
  return k_others[(i - 1) % k_others.size()];
}

void set_colour(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// Floor and ceiling division for the axis bounds (values may be negative).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return -floor_div(-a, b);
}

// A value for a person, in whole units: "$36,082", "1,250", "12.5%".
std::string value_text(const Chart& c, std::int64_t scaled) {
  if (c.unit == Quantity::Kind::money) {
    return Money(Money(scaled, c.scale).divided_by(pow10(c.scale)).units(), 0).to_display(c.symbol);
  }
  return Quantity{c.unit, scaled, c.scale}.to_display(c.symbol);
}

// An axis tick, short: "$12k", "$1.5M", "$500", "40%". Ticks are whole
// multiples of a round step, so the short forms are exact.
std::string tick_text(const Chart& c, std::int64_t scaled) {
  const std::int64_t w = scaled / pow10(c.scale);
  const std::int64_t a = w < 0 ? -w : w;
  const std::string sign = w < 0 ? "-" : "";
  const std::string symbol = c.unit == Quantity::Kind::money ? c.symbol : "";
  if (c.unit == Quantity::Kind::percent) return fmt::format("{}%", w);
  std::string body;
  if (a >= 1'000'000) {
    body = a % 1'000'000 == 0 ? fmt::format("{}M", thousands(a / 1'000'000))
                              : fmt::format("{}.{}M", a / 1'000'000, (a % 1'000'000) / 100'000);
  } else if (a >= 1000) {
    body = a % 1000 == 0 ? fmt::format("{}k", a / 1000)
                         : fmt::format("{}.{}k", a / 1000, (a % 1000) / 100);
  } else {
    body = thousands(a);
  }
  return sign + symbol + body;
}

// A round axis from `lo` to `hi` (scaled) with at most five ticks; the step
// is 1, 2 or 5 times a power of ten, at least one whole unit.
struct Axis {
  std::int64_t lo = 0, hi = 0, step = 1;
};

Axis nice_axis(std::int64_t lo, std::int64_t hi, int scale) {
  lo = std::min<std::int64_t>(lo, 0);
  hi = std::max<std::int64_t>(hi, 0);
  const std::int64_t unit = pow10(scale);
  if (hi == lo) hi = lo + unit;
  for (std::int64_t base = unit; base <= std::numeric_limits<std::int64_t>::max() / 10;
       base *= 10) {
    for (const std::int64_t m : {1, 2, 5}) {
      const std::int64_t step = base * m;
      const std::int64_t a = floor_div(lo, step), b = ceil_div(hi, step);
      if (b - a <= 4) return {a * step, b * step, step};
    }
  }
  return {lo, hi, hi - lo};
}

// Text laid out with pango in the current user space of `cr`.
class Text {
 public:
  explicit Text(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    PangoContext* context = pango_layout_get_context(layout_);
    pango_cairo_context_set_font_options(context, fo);
    pango_context_set_round_glyph_positions(context, FALSE);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(layout_);
  }
  ~Text() { g_object_unref(layout_); }
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  // `width` > 0: wrapped (or ellipsized, with `lines` = 1) to that width.
  void set(std::string_view text, double size, bool bold = false, double width = 0, int lines = 1) {
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    if (width > 0) {
      pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
      pango_layout_set_height(layout_, -lines);
    } else {
      pango_layout_set_width(layout_, -1);
      pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height(layout_, -1);
    }
  }
  double width() const { return extent().first; }
  double height() const { return extent().second; }
  void draw(double x, double y, Rgb colour) {
    set_colour(cr_, colour);
    cairo_move_to(cr_, x, y);
    pango_cairo_update_layout(cr_, layout_);
    pango_cairo_show_layout(cr_, layout_);
  }

 private:
  std::pair<double, double> extent() const {
    PangoRectangle logical;
    pango_layout_get_extents(layout_, nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE,
            static_cast<double>(logical.height) / PANGO_SCALE};
  }
  cairo_t* cr_;
  PangoLayout* layout_;
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

// The title, at most two lines; returns the y below it.
double draw_title(cairo_t* cr, const Chart& c, const Box& box) {
  Text t(cr);
  t.set(strip_code_spans(c.title), k_title_size, true, box.w - 2 * k_pad, 2);
  t.draw(box.x + k_pad, box.y + k_pad, k_ink);
  return box.y + k_pad + t.height() + 6;
}

// A legend when there are several series or a target; returns the y below it.
double draw_legend(cairo_t* cr, const Chart& c, const Box& box, double y,
                   const RenderOptions& options) {
  struct Item {
    std::string name;
    Rgb colour;
    bool dashed;
  };
  std::vector<Item> items;
  if (c.series.size() > 1 || c.target) {
    for (std::size_t i = 0; i < c.series.size(); ++i)
      items.push_back({c.series[i].name, series_colour(i, options), false});
  }
  if (c.target) items.push_back({c.target->name.empty() ? "Target" : c.target->name, k_ink, true});
  if (items.empty()) return y;
  Text t(cr);
  double x = box.x + k_pad;
  double line_h = 0;
  for (const auto& item : items) {
    t.set(item.name, k_label_size);
    const double need = 16 + t.width() + 14;
    if (x > box.x + k_pad && x + need > box.right() - k_pad) {
      x = box.x + k_pad;
      y += line_h + 4;
    }
    line_h = std::max(line_h, t.height());
    const double mid = y + t.height() / 2;
    set_colour(cr, item.colour);
    if (item.dashed) {
      const std::array<double, 2> dash = {4, 2};
      cairo_set_dash(cr, dash.data(), 2, 0);
      cairo_set_line_width(cr, 2);
      cairo_move_to(cr, x, mid);
      cairo_line_to(cr, x + 12, mid);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    } else {
      cairo_rectangle(cr, x, mid - 5, 12, 10);
      cairo_fill(cr);
    }
    t.draw(x + 16, y, k_muted);
    x += need;
  }
  return y + line_h + 8;
}

// What a chart with no data says, in a panel below its title.
void draw_empty(cairo_t* cr, const Chart& c, const Box& box, double y) {
  const Box panel{box.x + k_pad, y, box.w - 2 * k_pad, box.bottom() - k_pad - y};
  if (panel.h <= 0) return;
  set_colour(cr, k_panel);
  cairo_rectangle(cr, panel.x, panel.y, panel.w, panel.h);
  cairo_fill(cr);
  Text t(cr);
  t.set(c.empty_note.empty() ? "No data to draw." : strip_code_spans(c.empty_note), k_note_size,
        false, panel.w - 24, 4);
  t.draw(panel.x + 12, panel.y + std::max(8.0, (panel.h - t.height()) / 2), k_muted);
}

// The bounds of every value (stacked: of each label's sums) and the target.
std::pair<std::int64_t, std::int64_t> value_range(const Chart& c) {
  std::int64_t lo = 0, hi = 0;
  if (c.kind == Chart::Kind::stacked) {
    for (std::size_t i = 0; i < c.labels.size(); ++i) {
      std::int64_t pos = 0, neg = 0;
      for (const auto& s : c.series) {
        if (i < s.values.size() && s.values[i]) (*s.values[i] < 0 ? neg : pos) += *s.values[i];
      }
      lo = std::min(lo, neg);
      hi = std::max(hi, pos);
    }
  } else {
    for (const auto& s : c.series) {
      for (const auto& v : s.values) {
        if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
      }
    }
  }
  if (c.target) {
    for (const auto& v : c.target->values) {
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
  }
  return {lo, hi};
}

// Bars, stacked bars and lines over labelled slots, with a y axis of a few
// round ticks and the target as a dashed line.
void draw_columns(cairo_t* cr, const Chart& c, const Box& box, double top,
                  const RenderOptions& options) {
  const auto [lo_value, hi_value] = value_range(c);
  const Axis axis = nice_axis(lo_value, hi_value, c.scale);
  Text t(cr);
  double tick_w = 0;
  for (std::int64_t v = axis.lo; v <= axis.hi; v += axis.step) {
    t.set(tick_text(c, v), k_label_size);
    tick_w = std::max(tick_w, t.width());
  }
  t.set("Ag", k_label_size);
  const double label_h = t.height();
  const Box plot{box.x + k_pad + tick_w + 6, top + label_h / 2, 0, 0};
  const double right = box.right() - k_pad;
  const double bottom = box.bottom() - k_pad - label_h - 4;
  const double pw = right - plot.x, ph = bottom - plot.y;
  if (pw <= 10 || ph <= 10 || c.labels.empty()) return;
  const auto y_of = [&](std::int64_t v) {
    return bottom - ph * static_cast<double>(v - axis.lo) / static_cast<double>(axis.hi - axis.lo);
  };
  // Grid and ticks.
  cairo_set_line_width(cr, 1);
  for (std::int64_t v = axis.lo; v <= axis.hi; v += axis.step) {
    const double y = std::round(y_of(v)) + 0.5;
    set_colour(cr, v == 0 ? k_axis : k_grid);
    cairo_move_to(cr, plot.x, y);
    cairo_line_to(cr, right, y);
    cairo_stroke(cr);
    t.set(tick_text(c, v), k_label_size);
    t.draw(plot.x - 6 - t.width(), y - t.height() / 2, k_muted);
  }
  // Labels along the axis: every k-th where they would collide.
  const auto n = c.labels.size();
  const double slot = pw / static_cast<double>(n);
  double widest = 0;
  for (const auto& l : c.labels) {
    t.set(l, k_label_size);
    widest = std::max(widest, t.width());
  }
  const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil((widest + 6) / slot)));
  for (std::size_t i = 0; i < n; i += every) {
    t.set(c.labels[i], k_label_size);
    t.draw(plot.x + slot * (static_cast<double>(i) + 0.5) - t.width() / 2, bottom + 4, k_muted);
  }
  const double zero = y_of(0);
  if (c.kind == Chart::Kind::bars) {
    const double group = slot * 0.72;
    const double bw = group / static_cast<double>(std::max<std::size_t>(1, c.series.size()));
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      set_colour(cr, series_colour(s, options));
      for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
        const auto& v = c.series[s].values[i];
        if (!v) continue;
        const double x = plot.x + slot * static_cast<double>(i) + (slot - group) / 2 +
                         bw * static_cast<double>(s);
        const double y = y_of(*v);
        cairo_rectangle(cr, x, std::min(y, zero), std::max(bw - 1, 1.0),
                        std::max(std::abs(zero - y), 0.5));
      }
      cairo_fill(cr);
    }
  } else if (c.kind == Chart::Kind::stacked) {
    const double bw = slot * 0.62;
    for (std::size_t i = 0; i < n; ++i) {
      std::int64_t pos = 0, neg = 0;
      for (std::size_t s = 0; s < c.series.size(); ++s) {
        if (i >= c.series[s].values.size() || !c.series[s].values[i] || *c.series[s].values[i] == 0)
          continue;
        const std::int64_t v = *c.series[s].values[i];
        std::int64_t& base = v < 0 ? neg : pos;
        const double y0 = y_of(base), y1 = y_of(base + v);
        base += v;
        set_colour(cr, series_colour(s, options));
        cairo_rectangle(cr, plot.x + slot * static_cast<double>(i) + (slot - bw) / 2,
                        std::min(y0, y1), bw, std::abs(y1 - y0));
        cairo_fill(cr);
      }
    }
  } else {  // line
    cairo_set_line_width(cr, 2.5);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      set_colour(cr, series_colour(s, options));
      bool drawing = false;
      for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
        const auto& v = c.series[s].values[i];
        if (!v) {
          drawing = false;
          continue;
        }
        const double x = plot.x + slot * (static_cast<double>(i) + 0.5);
        if (drawing) {
          cairo_line_to(cr, x, y_of(*v));
        } else {
          cairo_move_to(cr, x, y_of(*v));
        }
        drawing = true;
      }
      cairo_stroke(cr);
      for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
        if (!c.series[s].values[i]) continue;
        cairo_arc(cr, plot.x + slot * (static_cast<double>(i) + 0.5), y_of(*c.series[s].values[i]),
                  3, 0, 2 * std::numbers::pi);
        cairo_fill(cr);
      }
    }
  }
  if (c.target) {
    // One step a slot, joined where consecutive slots have a target.
    const std::array<double, 2> dash = {5, 3};
    cairo_set_dash(cr, dash.data(), 2, 0);
    cairo_set_line_width(cr, 2);
    set_colour(cr, k_ink);
    bool drawing = false;
    for (std::size_t i = 0; i < n && i < c.target->values.size(); ++i) {
      const auto& v = c.target->values[i];
      if (!v) {
        drawing = false;
        continue;
      }
      const double x0 = plot.x + slot * static_cast<double>(i), y = y_of(*v);
      if (drawing) {
        cairo_line_to(cr, x0, y);
      } else {
        cairo_move_to(cr, x0, y);
      }
      cairo_line_to(cr, x0 + slot, y);
      drawing = true;
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
}

// One horizontal bar a label, its value written at its end.
void draw_horizontal(cairo_t* cr, const Chart& c, const Box& box, double top,
                     const RenderOptions& options) {
  if (c.labels.empty() || c.series.empty()) return;
  const auto& values = c.series.front().values;
  Text t(cr);
  double label_w = 0, value_w = 0;
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    t.set(c.labels[i], k_label_size);
    label_w = std::max(label_w, t.width());
    if (i < values.size() && values[i]) {
      t.set(value_text(c, *values[i]), k_label_size);
      value_w = std::max(value_w, t.width());
    }
  }
  label_w = std::min(label_w, box.w * 0.38);
  const double bars_x = box.x + k_pad + label_w + 8;
  const double bars_w = box.right() - k_pad - value_w - 6 - bars_x;
  const double rows_h = box.bottom() - k_pad - top;
  if (bars_w <= 10 || rows_h <= 10) return;
  const double row = rows_h / static_cast<double>(c.labels.size());
  const double bar_h = std::min(row * 0.64, 22.0);
  std::int64_t lo = 0, hi = 0;
  for (const auto& v : values) {
    if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  }
  if (hi == lo) hi = lo + 1;
  const auto x_of = [&](std::int64_t v) {
    return bars_x + bars_w * static_cast<double>(v - lo) / static_cast<double>(hi - lo);
  };
  const double zero = x_of(0);
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double mid = top + row * (static_cast<double>(i) + 0.5);
    t.set(c.labels[i], k_label_size, false, label_w, 1);
    t.draw(box.x + k_pad, mid - t.height() / 2, k_ink);
    if (i >= values.size() || !values[i]) continue;
    const double x = x_of(*values[i]);
    set_colour(cr, series_colour(0, options));
    cairo_rectangle(cr, std::min(x, zero), mid - bar_h / 2, std::max(std::abs(x - zero), 1.0),
                    bar_h);
    cairo_fill(cr);
    t.set(value_text(c, *values[i]), k_label_size);
    t.draw(std::max(x, zero) + 6, mid - t.height() / 2, k_muted);
  }
  set_colour(cr, k_axis);
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, std::round(zero) + 0.5, top);
  cairo_line_to(cr, std::round(zero) + 0.5, top + rows_h);
  cairo_stroke(cr);
}

// Small multiples: a row per series with its name, a line on its own scale
// and its last value.
void draw_sparklines(cairo_t* cr, const Chart& c, const Box& box, double top,
                     const RenderOptions& options) {
  if (c.series.empty()) return;
  Text t(cr);
  double value_w = 0;
  std::vector<std::string> last_text;
  for (const auto& s : c.series) {
    std::string text = "no data";
    for (auto it = s.values.rbegin(); it != s.values.rend(); ++it) {
      if (*it) {
        text = value_text(c, **it);
        break;
      }
    }
    t.set(text, k_label_size, true);
    value_w = std::max(value_w, t.width());
    last_text.push_back(std::move(text));
  }
  const double name_w = box.w * 0.34;
  const double spark_x = box.x + k_pad + name_w + 8;
  const double spark_w = box.right() - k_pad - value_w - 10 - spark_x;
  const double rows_h = box.bottom() - k_pad - top;
  if (spark_w <= 10 || rows_h <= 10) return;
  const double row = rows_h / static_cast<double>(c.series.size());
  for (std::size_t r = 0; r < c.series.size(); ++r) {
    const auto& s = c.series[r];
    const double y0 = top + row * static_cast<double>(r);
    if (r > 0) {
      set_colour(cr, k_grid);
      cairo_set_line_width(cr, 1);
      cairo_move_to(cr, box.x + k_pad, std::round(y0) + 0.5);
      cairo_line_to(cr, box.right() - k_pad, std::round(y0) + 0.5);
      cairo_stroke(cr);
    }
    const double mid = y0 + row / 2;
    t.set(s.name, k_label_size, false, name_w, 1);
    t.draw(box.x + k_pad, mid - t.height() / 2, k_ink);
    t.set(last_text[r], k_label_size, true);
    t.draw(box.right() - k_pad - t.width(), mid - t.height() / 2, k_ink);
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(),
                 hi = std::numeric_limits<std::int64_t>::min();
    for (const auto& v : s.values) {
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
    if (lo > hi) continue;  // no data: the text says so
    if (hi == lo) hi = lo + 1, lo = lo - 1;
    const double h = std::min(row * 0.7, 30.0);
    const double n = static_cast<double>(std::max<std::size_t>(2, s.values.size()) - 1);
    const auto x_of = [&](std::size_t i) { return spark_x + spark_w * static_cast<double>(i) / n; };
    const auto y_of = [&](std::int64_t v) {
      return mid + h / 2 - h * static_cast<double>(v - lo) / static_cast<double>(hi - lo);
    };
    set_colour(cr, series_colour(0, options));
    cairo_set_line_width(cr, 2);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    bool drawing = false;
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) {
        drawing = false;
        continue;
      }
      if (drawing) {
        cairo_line_to(cr, x_of(i), y_of(*s.values[i]));
      } else {
        cairo_move_to(cr, x_of(i), y_of(*s.values[i]));
      }
      drawing = true;
      last = i;
    }
    cairo_stroke(cr);
    if (last) {
      cairo_arc(cr, x_of(*last), y_of(*s.values[*last]), 3, 0, 2 * std::numbers::pi);
      cairo_fill(cr);
    }
  }
}

}  // namespace

int chart_height(const Chart& chart, int width) {
  (void)width;
  if (chart.empty()) return 140;
  switch (chart.kind) {
    case Chart::Kind::horizontal:
      return 64 + 30 * static_cast<int>(std::clamp<std::size_t>(chart.labels.size(), 2, 12));
    case Chart::Kind::sparklines:
      return 56 + 36 * static_cast<int>(std::clamp<std::size_t>(chart.series.size(), 1, 16));
    default:
      return chart.series.size() > 3 ? 290 : 260;
  }
}

void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height,
                const RenderOptions& options) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, width, height);
  cairo_clip(cr);
  const Box box{x, y, width, height};
  double top = draw_title(cr, chart, box);
  if (chart.empty()) {
    draw_empty(cr, chart, box, top + 2);
    cairo_restore(cr);
    return;
  }
  if (chart.kind != Chart::Kind::sparklines) top = draw_legend(cr, chart, box, top, options);
  switch (chart.kind) {
    case Chart::Kind::bars:
    case Chart::Kind::line:
    case Chart::Kind::stacked:
      draw_columns(cr, chart, box, top, options);
      break;
    case Chart::Kind::horizontal:
      draw_horizontal(cr, chart, box, top + 2, options);
      break;
    case Chart::Kind::sparklines:
      draw_sparklines(cr, chart, box, top + 2, options);
      break;
  }
  cairo_restore(cr);
}

std::string chart_png(const Chart& chart, int width, int height, double scale,
                      const RenderOptions& options) {
  const int pw = static_cast<int>(std::lround(width * scale));
  const int ph = static_cast<int>(std::lround(height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_chart(cr, chart, 0, 0, width, height, options);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  std::string out;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(surface);
  return out;
}

std::vector<Image> chart_images(const ReportDocument& doc, const RenderOptions& options) {
  std::vector<Image> out;
  for (const auto& c : doc.charts) {
    out.push_back({"chart-" + c.id + ".png", "image/png",
                   chart_png(c, k_chart_width, chart_height(c), 2.0, options), c.alt});
  }
  return out;
}

}  // namespace quarterdeck::render

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (under pango) keeps its configuration and font patterns for the
// life of the process; LeakSanitizer reports them at exit. Weak, so that the
// program's one strong definition (with the PDF, which uses the same fonts)
// takes precedence where it is linked.
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
extern "C" __attribute__((weak)) const char* __lsan_default_options() {
  return "print_suppressions=0";
}
#endif
