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

// Whether the entity's kind sells through bookings (a retail shop sells
// over the counter, a subscription's rows in the bookings file are monthly
// charges): the pipeline and bookings measures are not its own.
bool takes_bookings(const Entity& e);

// Whether a booking is in the pipeline at `at`: booked by then, not
// cancelled, its service on or after it. `forward_bookings` counts them,
// `forward_bookings_value` sums them, the pipeline chart spreads them by month.
bool is_forward_booking(const Booking& b, Date at);

// Whether the entity operates in the month (its `season`; all year when it
// declares none), and its season in words ("April to October", "all year").
bool in_season(const Entity& e, Month m);

// The target of the entity's first `revenue_month` KPI in money, exactly to
// the cent as configured; nullopt without one. One place for the figure the
// overview, the revenue targets and the revenue plan all show.
std::optional<Money> revenue_target(const Entity& e);
std::string describe_season(const Entity& e);

// Whether a KPI target on `metric` is set aside for the entity in `period`
// because the month it measures is outside the season (SeasonTarget in
// model/metric_names.hpp).
bool out_of_season(std::string_view metric, const Entity& e, MetricPeriod period);

// A retail entity's sales from the journal over the months first..last:
// each income posting of the entity is one sale, or the number its `sales`
// tag gives (`; sales: 143` on a day's till total). Refunds (income
// postings with a debit) are not sales.
struct RetailSales {
  std::int64_t sales = 0;
  int income_postings = 0;  // counted ones
};
RetailSales retail_sales(const Entity& e, const AnalysisContext& ctx, Month first, Month last);

// A subscription entity's month from the bookings file, whose rows for it
// are monthly charges: one row a subscriber a month (customer = subscriber,
// service_date in the month charged, amount = the charge); cancelled rows
// and rows booked after `at` do not count.
struct SubscriptionMonth {
  Money mrr;                           // the month's charges
  std::vector<std::string> customers;  // the subscribers charged, sorted, each once
  std::int64_t charges = 0;            // rows counted (subscriber-months)
};
SubscriptionMonth subscription_month(const Entity& e, const AnalysisContext& ctx, Month m, Date at);

// The months in the entity's season with no posting of it (entity_of) in
// the journal, between the month of its first posting and that of its last
// one on or before the as-of date; with the earliest and latest of those
// postings. Empty without a journal.
struct PostingGaps {
  std::vector<Month> months;
  std::optional<PostingRef> first, last;
};
PostingGaps months_without_postings(const Entity& e, const AnalysisContext& ctx);

// Trailing three-month average of net cash out (positive = burning), from
// the cash accounts; nullopt without cash accounts.
std::optional<Money> monthly_burn(const EntityBooks& books, const AnalysisContext& ctx);

}  // namespace quarterdeck
