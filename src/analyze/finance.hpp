// Finance measures over the books and the bookings: break-even in the
// entity's own unit, and income recognised before the service was delivered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/money.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// The expense categories (third account segment) counted as fixed costs when
// an entity does not list its own in `fixed_costs`.
const std::vector<std::string>& default_fixed_cost_categories();

// Break-even units per month = fixed costs per month / contribution margin
// per unit, over the three complete months before the as-of date. A unit is
// the entity's `unit` (by kind when it declares none: docs/config.md): for a
// retail entity the sales in the journal (metrics.hpp retail_sales), for a
// subscription the subscriber-months charged in the bookings file, for the
// others the `units` of its delivered bookings. None when the last complete
// month is outside the entity's season.
struct BreakEven {
  int months = 3;
  std::int64_t units = 0;     // delivered in those months (see above)
  Money revenue;              // income in the books
  Money variable_costs;       // expenses outside the fixed categories, plus `unit_cost` x units
  Money fixed_costs;          // expenses in the fixed categories
  Money price_per_unit;       // revenue / units; computed only when `missing` is empty
  Money variable_per_unit;    // variable costs / units; likewise
  Money fixed_per_month;
  std::optional<Quantity> break_even_units;  // per month; nullopt with `missing` or `unreachable`
  std::optional<Quantity> actual_units_per_month;  // nullopt without the data that counts units
  std::string missing;      // the data it needs and lacks ("income in the books for ...")
  std::string unreachable;  // set when the margin per unit is zero or negative: no volume breaks even
  std::string out_of_season;  // "out of season (operates April to October)": no break-even is set
};

BreakEven break_even(const Entity& entity, const AnalysisContext& ctx);

// An income posting dated before the service it pays for.
struct EarlyIncome {
  std::string where;  // file:line of the transaction
  Date posted;
  Date service;
  Money amount;  // positive
  std::string booking_id;
  std::string customer;
};

// Income postings of the entity matched to its bookings by customer (the
// transaction's payee), no larger than the booking, dated from the day
// before the booking was made to a week before its service date: deposits
// recognised as income too early. Charter, rental and service businesses
// only: their service happens on a day.
std::vector<EarlyIncome> income_before_service(const Entity& entity, const AnalysisContext& ctx);

}  // namespace quarterdeck
