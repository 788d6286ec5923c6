// KPI findings: declared KPIs without data ("missing KPIs"), and KPIs a
// business of its kind should track that nobody declared.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

// The metrics every business of a kind should track.
const std::map<std::string, std::vector<std::string>>& expected_metrics() {
  static const std::map<std::string, std::vector<std::string>> k_expected = {
      {"charter", {"revenue_month", "bookings_month", "forward_bookings", "leads_30d"}},
      {"service", {"revenue_month", "bookings_month", "forward_bookings"}},
      {"rental", {"revenue_month", "bookings_month", "forward_bookings"}},
      {"agency", {"revenue_month", "cash"}},
      {"client_book", {"revenue_month", "bookings_month"}},
      {"retail", {"revenue_month", "sales_month"}},
      {"subscription", {"mrr", "churn_month"}},
  };
  return k_expected;
}

// What a metric is, in words: "revenue a month", "leads in the last 30 days".
std::string_view metric_words(std::string_view metric) {
  static const std::map<std::string_view, std::string_view> k_words = {
      {"revenue_month", "revenue a month"},   {"bookings_month", "bookings a month"},
      {"forward_bookings", "bookings ahead"}, {"leads_30d", "leads in the last 30 days"},
      {"cash", "cash"}};
  const auto it = k_words.find(metric);
  return it == k_words.end() ? metric : it->second;
}

// A kind of business, in words: "a charter business", "an agency".
std::string kind_words(std::string_view kind) {
  if (kind == "agency") return "agency";
  if (kind == "client_book") return "client book";
  return fmt::format("{} business", kind);
}

}  // namespace

void detect_kpis(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& e : ctx.portfolio.entities) {
    std::vector<std::string> missing_names;
    std::vector<Evidence> evidence;
    for (const auto& kpi : e.kpis) {
      const MetricValue v = compute_metric(kpi.metric, e, ctx, MetricPeriod::current(ctx));
      if (v.value) continue;
      missing_names.push_back(kpi.name);
      evidence.push_back({ctx.at(e.file, kpi.where.line), fmt::format("{} needs {}", kpi.name, v.missing_data)});
    }
    if (!missing_names.empty()) {
      out.push_back(make_finding(
          ctx, "missing-kpis-" + e.id, Severity::low, "kpi", e.id, "kpis", "ceo",
          fmt::format("{}: {} without data: {}", e.name,
                      plural(static_cast<std::int64_t>(missing_names.size()), "declared KPI", "declared KPIs"),
                      join(missing_names, ", ")),
          std::move(evidence),
          fmt::format("Start recording the data {} KPIs need, or drop them.", possessive(e.name))));
    }
    const auto it = expected_metrics().find(e.kind);
    if (it == expected_metrics().end()) continue;
    std::vector<std::string> undeclared;
    for (const auto& metric : it->second) {
      const bool declared = std::ranges::any_of(e.kpis, [&](const KpiDefinition& k) { return k.metric == metric; });
      if (!declared) undeclared.push_back(std::string(metric_words(metric)));
    }
    if (!undeclared.empty()) {
      out.push_back(make_finding(
          ctx, "undeclared-kpis-" + e.id, Severity::low, "kpi", e.id, "kpis:undeclared", "ceo",
          fmt::format("{}: no KPI for {}", e.name, join(undeclared, ", ")),
          {{e.file, fmt::format("{} should track {}; its KPIs do not", with_article(kind_words(e.kind)),
                                join(undeclared, ", "))}},
          fmt::format("Declare KPIs with monthly targets for {} {}.", possessive(e.name), join(undeclared, ", "))));
    }
  }
}

}  // namespace quarterdeck::findings_detail
