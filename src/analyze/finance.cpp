#include "analyze/finance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "analyze/metrics.hpp"
#include "util/strings.hpp"

namespace quarterdeck {

const std::vector<std::string>& default_fixed_cost_categories() {
  static const std::vector<std::string> k_fixed = {"Insurance", "Dockage",  "Mortgage",  "Rent",
                                                   "Software",  "Cloud",    "Payroll",   "Vehicle Loan",
                                                   "Property Tax", "Utilities", "Bank Fees", "Marketing"};
  return k_fixed;
}

BreakEven break_even(const Entity& e, const AnalysisContext& ctx) {
  BreakEven b;
  if (!ctx.books) {
    b.missing = "a journal";
    return b;
  }
  const EntityBooks* eb = ctx.books->find(e.id);
  if (eb == nullptr) {
    b.missing = "books for the entity";
    return b;
  }
  if (!in_season(e, ctx.period)) {
    b.out_of_season = fmt::format("out of season (operates {})", describe_season(e));
    return b;
  }
  const std::vector<std::string>& fixed = e.fixed_costs.empty() ? default_fixed_cost_categories() : e.fixed_costs;
  const Month first = ctx.period.plus(-(b.months - 1));
  for (int i = 0; i < b.months; ++i) {
    const Month m = first.plus(i);
    b.revenue += eb->revenue_in(m);
    for (const auto& [category, months] : eb->expenses_by_category) {
      const auto it = months.find(m);
      if (it == months.end()) continue;
      const bool is_fixed = std::ranges::find(fixed, category) != fixed.end();
      (is_fixed ? b.fixed_costs : b.variable_costs) += it->second;
    }
  }
  b.fixed_per_month = b.fixed_costs.divided_by(b.months);
  // The units delivered are shown whenever the data says, even when no
  // break-even can be computed.
  const bool counts_units = e.kind == "retail" ? ctx.data.journal.has_value() : ctx.data.bookings.has_value();
  if (e.kind == "retail" && counts_units) {
    b.units = retail_sales(e, ctx, first, ctx.period).sales;
  } else if (e.kind == "subscription" && counts_units) {
    for (int i = 0; i < b.months; ++i) {
      b.units += subscription_month(e, ctx, first.plus(i), ctx.as_of).charges;
    }
  }
  if (counts_units) {
    for (const Booking* row : e.kind == "retail" || e.kind == "subscription" ? std::span<const Booking* const>{}
                                                                             : ctx.bookings_of(e.id)) {
      const Booking& booking = *row;
      if (booking.status == "delivered" && booking.service_date >= first.first_day() &&
          booking.service_date <= ctx.period.last_day()) {
        b.units += booking.units;
      }
    }
    b.actual_units_per_month = Quantity::ratio_of(b.units, b.months, Quantity::Kind::count);
    // A direct cost per unit paid outside the entity's books (the client
    // book's developer hours) is a variable cost like any in them.
    if (e.unit_cost) b.variable_costs += e.unit_cost->times(b.units);
  }
  // Without revenue in the window there is no price, so no margin per unit:
  // a number here would only be the fixed costs over the variable ones.
  if (b.revenue.units() <= 0) {
    b.missing = fmt::format("income in the books for the last {} months, so no margin per unit", b.months);
    return b;
  }
  if (!counts_units) {
    b.missing = e.kind == "retail" ? "a journal for the sales" : "a bookings file for the units sold";
    return b;
  }
  if (b.units == 0) {
    b.missing = e.kind == "retail"         ? "sales in the journal"
                : e.kind == "subscription" ? "monthly charges in the bookings"
                                           : "units delivered in the bookings";
    return b;
  }
  b.price_per_unit = b.revenue.divided_by(b.units);
  b.variable_per_unit = b.variable_costs.divided_by(b.units);
  const Money margin = b.revenue - b.variable_costs;
  if (margin.units() <= 0) {
    b.unreachable = "unreachable at current prices: the variable cost per unit is at or above the price";
    return b;
  }
  // fixed per month / (margin / units) = fixed per month * units / margin
  b.break_even_units = Quantity::ratio_of(b.fixed_per_month.units() * b.units, margin.units(), Quantity::Kind::count);
  return b;
}

std::vector<EarlyIncome> income_before_service(const Entity& e, const AnalysisContext& ctx) {
  std::vector<EarlyIncome> out;
  if (!ctx.books || !ctx.data.bookings || !ctx.data.journal) return out;
  // Only businesses whose service happens on a day take deposits for it; an
  // agency's month-long engagement is billed while it runs.
  if (e.kind != "charter" && e.kind != "rental" && e.kind != "service") return out;
  std::multimap<std::string, const Booking*> by_customer;
  for (const Booking* b : ctx.bookings_of(e.id)) {
    if (b->status != "cancelled" && b->booked_on < b->service_date) by_customer.emplace(to_lower(b->customer), b);
  }
  if (by_customer.empty()) return out;
  const Journal& journal = *ctx.data.journal;
  // The entity's income as the books count it: a deposit tagged to the
  // entity on a shared account (`Income:Group:Deposits ; entity: ...`) is
  // its own, one tagged to another entity is not.
  for (const auto& [tp, pp] : ctx.postings_of(e.id)) {
    const Transaction& t = *tp;
    const Posting& p = *pp;
    if (!journal.account_name(p).starts_with("Income:")) continue;
    const auto [first, last] = by_customer.equal_range(to_lower(t.payee));
    if (first == last) continue;
    const auto amount = ctx.books->amount_of(journal, p);
    if (!amount || !amount->is_negative() || p.date > ctx.as_of) continue;
    // The booking this pays for: made by the day after the posting, served
    // a week or more after it (income in the last days of a month-long
    // engagement is billing, not a deposit); the nearest service date.
    const Booking* match = nullptr;
    for (auto it = first; it != last; ++it) {
      const Booking* b = it->second;
      if (b->booked_on.plus_days(-1) <= p.date && p.date <= b->service_date.plus_days(-7) &&
          -amount->units() <= b->amount.units() &&
          (match == nullptr || b->service_date < match->service_date)) {
        match = b;
      }
    }
    if (match == nullptr) continue;
    out.push_back({journal.where(t, p), p.date, match->service_date, -*amount, match->id, match->customer});
  }
  return out;
}

}  // namespace quarterdeck
