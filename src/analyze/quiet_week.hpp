// Quiet weeks (a report's `skip_if_unchanged`): whether a report says
// nothing new against what its readers last received. Pure.
#pragma once

#include <string>

#include "model/report.hpp"

namespace quarterdeck {

// The name of the snapshot digest that holds the report's KPI statuses.
inline constexpr const char* k_kpi_status_digest = "kpi-status";

// SHA-256 over each KPI's id, entity and status (on_track, below_target,
// ...), in the report's order.
std::string kpi_status_digest(const ReportDocument& doc);

// True when `doc` has the same findings (id and severity) as `previous` and
// the same KPI statuses (`previous` must carry the kpi-status digest; a
// snapshot without it counts as changed).
bool unchanged_since(const ReportDocument& doc, const ReportSnapshot& previous);

}  // namespace quarterdeck
