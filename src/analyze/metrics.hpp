// The metric registry: named measurements of an entity over a month,
// computed from the data, or *missing* with the data they need.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

struct MetricValue {
  std::optional<Quantity> value;  // nullopt = missing
  std::string missing_data;       // what data it needs, when missing
  std::vector<Evidence> evidence;
};

// A point in time to measure at: a calendar month, and the day the
// "as of" measurements (cash, forward bookings) are taken.
struct MetricPeriod {
  Month month;
  Date at;
  static MetricPeriod current(const AnalysisContext& ctx) { return {ctx.period, ctx.as_of}; }
  static MetricPeriod previous(const AnalysisContext& ctx) {
    return {ctx.period.plus(-1), ctx.period.first_day().plus_days(-1)};
  }
};

bool is_known_metric(std::string_view metric);

MetricValue compute_metric(std::string_view metric, const Entity& entity, const AnalysisContext& ctx,
                           MetricPeriod period);

// Trailing three-month average of net cash out (positive = burning), from
// the cash accounts; nullopt without cash accounts.
std::optional<Money> monthly_burn(const EntityBooks& books, const AnalysisContext& ctx);

}  // namespace quarterdeck
