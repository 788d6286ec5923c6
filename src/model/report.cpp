#include "model/report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/redact.hpp"


namespace quarterdeck {
namespace {

std::string scaled_decimal(std::int64_t scaled, int scale) {
  return Money(scaled, scale).to_decimal();
}

}  // namespace

Quantity Quantity::percent_of(std::int64_t numerator, std::int64_t denominator) {
  // One decimal: round(numerator * 1000 / denominator) / 10.
  return ratio_of(numerator * 100, denominator, Kind::percent);
}

Quantity Quantity::ratio_of(std::int64_t numerator, std::int64_t denominator, Kind kind) {
  if (denominator == 0) return {kind, 0, 1};
  const Money tenths = Money(numerator * 10, 0).divided_by(denominator);
  return {kind, tenths.units(), 1};
}

std::string Quantity::to_decimal() const { return scaled_decimal(scaled, scale); }

std::string Quantity::to_display(std::string_view symbol) const {
  switch (kind) {
    case Kind::money: return Money(scaled, scale).to_display(symbol);
    case Kind::count: return Money(scaled, scale).to_display("");
    // With thousands separators, as amounts and counts have them.
    case Kind::percent: return Money(scaled, scale).to_display("") + "%";
    case Kind::months: return Money(scaled, scale).to_display("") + " months";
    case Kind::ratio: return Money(scaled, scale).to_display("");
  }
  return to_decimal();
}

bool Chart::empty() const {
  for (const auto& s : series) {
    for (const auto& v : s.values) {
      if (v) return false;
    }
  }
  return true;
}

void redact(ReportDocument& doc, const Redactor& r) {
  if (r.empty()) return;
  const auto clean = [&](std::string& s) { s = r.apply(s); };
  const auto clean_all = [&](std::vector<std::string>& v) { std::ranges::for_each(v, clean); };
  const auto clean_evidence = [&](std::vector<Evidence>& v) {
    for (auto& e : v) {
      clean(e.source);
      clean(e.detail);
    }
  };
  clean(doc.title);
  clean(doc.portfolio);
  clean(doc.period);
  clean_all(doc.summary);
  clean(doc.findings_elsewhere);
  for (auto& f : doc.findings) {
    clean(f.title);
    clean(f.recommendation);
    clean(f.owner);
    clean_evidence(f.evidence);
  }
  for (auto& k : doc.kpis) {
    clean(k.name);
    clean(k.missing_data);
    clean_evidence(k.evidence);
  }
  for (auto& s : doc.sections) {
    clean(s.title);
    clean(s.note);
    clean_all(s.columns);
    for (auto& row : s.rows) clean_all(row);
  }
  for (auto& rec : doc.recommendations) {
    clean(rec.text);
    clean(rec.owner);
  }
  for (auto& t : doc.timeline) {
    clean(t.action);
    clean(t.owner);
  }
  for (auto& m : doc.resolved) clean(m.title);
  for (auto& c : doc.charts) {
    clean(c.title);
    clean(c.alt);
    clean(c.empty_note);
    clean_all(c.labels);
    for (auto& s : c.series) clean(s.name);
    if (c.target) clean(c.target->name);
  }
}

}  // namespace quarterdeck
