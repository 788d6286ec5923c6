// The metrics a KPI or a rule can use, with what the report needs to know
// of each: whether it is an amount, which direction is good, and whether
// the data holds its history. One table, read by the config loader (to
// reject an unknown name with the choices) and the report builder, and
// computed by analyze/metrics.cpp; docs/config.md describes each.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace quarterdeck {

// Whether a target for the metric holds outside the entity's season
// (`season` in its file): sales and bookings stop when a business is
// closed, so their targets are set aside then; costs and cash do not.
enum class SeasonTarget {
  all_year,    // the target holds every month
  period,      // set aside when the month measured is outside the season
  as_of_date,  // set aside when the as-of date is outside the season (forward bookings)
};

struct MetricInfo {
  std::string_view name;
  bool money = false;            // an amount in the portfolio currency
  bool lower_is_better = false;  // a target is a ceiling, not a floor
  bool snapshot = false;         // measured as the data is now: no earlier value to trend against
  SeasonTarget season = SeasonTarget::all_year;
};

inline constexpr std::array<MetricInfo, 22> k_metrics = {{
    {"revenue_month", true, false, false, SeasonTarget::period},
    {"expenses_month", true, true, false},
    {"net_month", true, false, false, SeasonTarget::period},
    {"cash", true, false, false},
    {"bookings_month", false, false, false, SeasonTarget::period},
    {"forward_bookings", false, false, false, SeasonTarget::as_of_date},
    {"forward_bookings_value", true, false, false, SeasonTarget::as_of_date},
    {"sales_month", false, false, false, SeasonTarget::period},
    {"average_sale", true, false, false, SeasonTarget::period},
    {"mrr", true, false, false},
    {"subscribers", false, false, false},
    {"churn_month", false, true, false},
    {"channels_listed", false, false, true},
    {"leads_30d", false, false, true},
    {"cloud_cost_month", true, true, false},
    {"open_items", false, true, true},
    {"cloud_savings_month", true, true, true},
    {"secrets_found", false, true, true},
    {"commits_12w", false, false, true},
    {"days_since_commit", false, true, true},
    {"monthly_burn", true, true, true},
    {"runway_months", false, false, true},
}};

inline constexpr auto k_metric_names = [] {
  std::array<std::string_view, k_metrics.size()> names{};
  for (std::size_t i = 0; i < k_metrics.size(); ++i) names[i] = k_metrics[i].name;
  return names;
}();

// The metric's entry, or nullptr for an unknown name.
inline const MetricInfo* metric_info(std::string_view name) {
  const auto it = std::ranges::find(k_metrics, name, &MetricInfo::name);
  return it == k_metrics.end() ? nullptr : &*it;
}

// The categories a finding (and a user rule) can have, and who reads them.
inline constexpr std::array<std::string_view, 11> k_finding_categories = {
    "finance", "pipeline", "marketing", "accounting", "security", "engineering",
    "cloud",   "ux",       "people",    "operations", "kpi"};

}  // namespace quarterdeck
