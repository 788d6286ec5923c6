#include "render/cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <regex>

#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

bool is_action_source(std::string_view cell) {
  constexpr std::string_view k_prefix = "action ";
  if (!cell.starts_with(k_prefix) || cell.size() == k_prefix.size()) return false;
  return std::ranges::all_of(cell.substr(k_prefix.size()), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

bool looks_numeric(std::string_view s) {
  static const std::regex k_number(R"(^[-+]?(\$|€|£|¥|[A-Z]{1,2}\$|[A-Z]{3} )?[0-9][0-9,]*(\.[0-9]+)?(%|×| months| h)?$)");
  // No figure is this long; std::regex recurses once a character, so a
  // long cell (a customer's name from a CSV) must not reach it.
  if (s.size() > 64) return false;
  return std::regex_match(s.begin(), s.end(), k_number);
}

std::string trend_arrow(std::string_view trend) {
  if (trend == "up") return "↑";
  if (trend == "down") return "↓";
  if (trend == "flat") return "→";
  return "·";
}

std::string change_since(const Kpi& k, std::string_view symbol) {
  if (!k.previous) return k.value ? "new" : "-";
  if (!k.value) return "-";
  if (k.value->kind != k.previous->kind || k.value->scale != k.previous->scale) return "-";
  const std::int64_t delta = k.value->scaled - k.previous->scaled;
  if (delta == 0) return "→";
  const Quantity d{k.value->kind, delta, k.value->scale};
  return fmt::format("{}{} {}", delta > 0 ? "+" : "", d.to_display(symbol), delta > 0 ? "↑" : "↓");
}

std::string format_target(const Kpi& k, std::string_view symbol) {
  if (!k.target) return "-";
  if (k.money) {
    return Money(static_cast<std::int64_t>(*k.target * 100.0 + (*k.target >= 0 ? 0.5 : -0.5))).to_display(symbol);
  }
  // A whole target with thousands separators (1,600); a fraction as given.
  const double whole = std::round(*k.target);
  if (whole == *k.target && std::abs(whole) < 1e15) return thousands(static_cast<std::int64_t>(whole));
  return fmt::format("{:g}", *k.target);
}

std::string status_words(std::string_view status) {
  if (status == "on_track") return "on track";
  if (status == "below_target") return "below target";
  if (status == "above_target") return "above target";
  if (status == "no_target") return "no target";
  return words_of(status);
}

CellWords::CellWords(const ReportDocument& doc, Format format) : format_(format) {
  for (const auto& f : doc.findings) {
    severity_of_.emplace(f.id, f.severity);
    for (const auto& id : f.merged) severity_of_.emplace(id, f.severity);
  }
}

std::string CellWords::operator()(const std::string& cell) const {
  if (const auto it = severity_of_.find(cell); it != severity_of_.end()) {
    return fmt::format("{} finding", to_string(it->second));
  }
  if (is_action_source(cell)) return "planned action";
  return format_ == Format::text || format_ == Format::pdf ? strip_code_spans(cell) : cell;
}

ShownTable shown_table(const Section& s, const CellWords& words) {
  ShownTable t;
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < s.columns.size(); ++i) {
    if (std::ranges::find(s.json_only, s.columns[i]) != s.json_only.end()) continue;
    shown.push_back(i);
    t.columns.push_back(words(s.columns[i]));
  }
  t.rows.reserve(s.rows.size());
  for (const auto& r : s.rows) {
    std::vector<std::string> cells;
    cells.reserve(shown.size());
    for (const std::size_t i : shown) cells.push_back(i < r.size() ? words(r[i]) : std::string());
    t.rows.push_back(std::move(cells));
  }
  return t;
}

}  // namespace quarterdeck::render
