// The names of the metrics a KPI can use. One list, read by the config
// loader (to reject an unknown name with the choices) and computed by
// analyze/metrics.cpp; docs/config.md describes each.
#pragma once

#include <array>
#include <string_view>

namespace quarterdeck {

inline constexpr std::array<std::string_view, 17> k_metric_names = {
    "revenue_month",       "expenses_month", "net_month",          "cash",
    "bookings_month",      "forward_bookings", "forward_bookings_value",
    "channels_listed",     "leads_30d",      "cloud_cost_month",   "open_items",
    "cloud_savings_month", "secrets_found",  "commits_12w",        "days_since_commit",
    "monthly_burn",        "runway_months"};

// The categories a finding (and a user rule) can have, and who reads them.
inline constexpr std::array<std::string_view, 11> k_finding_categories = {
    "finance", "pipeline", "marketing", "accounting", "security", "engineering",
    "cloud",   "ux",       "people",    "operations", "kpi"};

}  // namespace quarterdeck
