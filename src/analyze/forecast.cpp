#include "analyze/forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "analyze/recurring.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

__extension__ typedef __int128 Int128;  // products of an amount and a percentage

Date week0_start(Date as_of) {
  const Date first = as_of.plus_days(1);
  return first.plus_days(-((first.weekday() + 6) % 7));
}

// "+ 12 days", "- 4 days", "+ 1 day".
std::string signed_days(int n) {
  const int size = n < 0 ? -n : n;
  return fmt::format("{} {} day{}", n < 0 ? "-" : "+", size, size == 1 ? "" : "s");
}

std::string every_words(std::string_view every) {
  if (every == "week") return "weekly";
  if (every == "month") return "monthly";
  if (every == "quarter") return "quarterly";
  return "once";
}

// The commitment's payment dates in (after, until].
std::vector<Date> commitment_dates(const ForecastCommitment& c, Date after, Date until) {
  std::vector<Date> out;
  if (c.every.empty()) {
    if (c.first > after && c.first <= until) out.push_back(c.first);
    return out;
  }
  const Cadence cadence = c.every == "week"      ? Cadence::weekly
                          : c.every == "quarter" ? Cadence::quarterly
                                                 : Cadence::monthly;
  for (int k = 0;; ++k) {
    const Date d = advance(c.first, cadence, k);
    if (d > until) break;
    if (d > after) out.push_back(d);
  }
  return out;
}

void add_planned(const AnalysisContext& ctx, const std::string& entity, Date end,
                 std::vector<ForecastLine>& lines) {
  for (const auto& a : ctx.portfolio.actions) {
    if (a.entity != entity || a.cost.units() <= 0 || !a.due || *a.due <= ctx.as_of || *a.due > end)
      continue;
    ForecastLine l;
    l.kind = ForecastLine::Kind::action;
    l.receipt = false;
    l.entity = entity;
    l.date = *a.due;
    l.amount = a.cost;
    l.what = fmt::format("Planned: {}, due {}", a.title, a.due->to_string());
    l.source = ctx.at("portfolio.toml", a.where.line);
    lines.push_back(std::move(l));
  }
  for (const auto& c : ctx.portfolio.forecast.commitments) {
    if (c.entity != entity) continue;
    for (const Date d : commitment_dates(c, ctx.as_of, end)) {
      ForecastLine l;
      l.kind = ForecastLine::Kind::commitment;
      l.receipt = false;
      l.entity = entity;
      l.date = d;
      l.amount = c.amount;
      l.what = fmt::format("Commitment: {}, {} from {}", c.title, every_words(c.every),
                           c.first.to_string());
      l.source = ctx.at("portfolio.toml", c.where.line);
      lines.push_back(std::move(l));
    }
  }
}

void add_receipts(const AnalysisContext& ctx, const Entity& e, Date end, EntityForecast& ef) {
  const ForecastSettings& fs = ctx.portfolio.forecast;
  // An invoiced booking is in the invoices file (open or paid) when the
  // entity has rows there; without any (a rental paid through a platform)
  // it is paid on its service date like any other.
  const bool invoices_kept = !ctx.invoices_of(e.id).empty();
  // Where the entity invoices, a booking not yet invoiced is paid after its
  // service date, its invoice's terms (the median of due - issued over the
  // entity's invoices issued by as-of) and the customer's usual delay.
  std::vector<int> term_days;
  for (const Invoice* inv : ctx.invoices_of(e.id)) {
    if (inv->issued <= ctx.as_of) term_days.push_back(inv->issued.days_until(inv->due));
  }
  const std::optional<int> terms = median_days(term_days);
  for (const Booking* b : ctx.bookings_of(e.id)) {
    if (b->status == "cancelled" || (b->invoiced && invoices_kept) || b->booked_on > ctx.as_of ||
        b->service_date <= ctx.as_of || b->service_date > end) {
      continue;
    }
    ForecastLine l;
    l.kind = ForecastLine::Kind::booking;
    l.entity = e.id;
    l.date = b->service_date;
    std::string paid;
    if (terms) {
      const PaymentDelay delay = payment_delay(ctx, e.id, b->customer);
      const Date expected = b->service_date.plus_days(*terms + delay.days);
      l.date = expected > ctx.as_of ? expected : ctx.as_of.plus_days(1);
      if (fs.downside_delay_days != 0) {
        const Date later = expected.plus_days(static_cast<int>(fs.downside_delay_days));
        l.downside_date = later > ctx.as_of ? later : ctx.as_of.plus_days(1);
      }
      paid = fmt::format(", invoiced then: + {} days' terms {}", *terms, delay.basis);
    }
    if (l.date > end) continue;
    l.amount = b->amount;
    if (fs.downside_bookings_percent != 0)
      l.downside_amount = less_percent(b->amount, fs.downside_bookings_percent);
    l.what = fmt::format("Booking {} {}, {}{}, served {}{}", b->id, b->customer, b->status,
                         b->invoiced ? ", invoiced" : "", b->service_date.to_string(), paid);
    l.source = ctx.at(ctx.data.bookings_file, b->line);
    ef.lines.push_back(std::move(l));
  }
  for (const Invoice* inv : ctx.invoices_of(e.id)) {
    if (!inv->open_at(ctx.as_of)) continue;
    const std::string place = ctx.at(ctx.data.invoices_file, inv->line);
    if (inv->due.days_until(ctx.as_of) > k_doubtful_days) {
      ef.left_out.push_back(fmt::format("invoice {} {} of {}, {} days past due ({})", inv->id,
                                        inv->customer, inv->amount.to_display(ctx.symbol),
                                        inv->due.days_until(ctx.as_of), place));
      continue;
    }
    const PaymentDelay delay = payment_delay(ctx, e.id, inv->customer);
    const Date expected = inv->due.plus_days(delay.days);
    const Date date = expected > ctx.as_of ? expected : ctx.as_of.plus_days(1);
    if (date > end) continue;
    ForecastLine l;
    l.kind = ForecastLine::Kind::invoice;
    l.entity = e.id;
    l.date = date;
    l.amount = inv->amount;
    if (fs.downside_delay_days != 0) {
      const Date later = expected.plus_days(static_cast<int>(fs.downside_delay_days));
      l.downside_date = later > ctx.as_of ? later : ctx.as_of.plus_days(1);
    }
    l.what = fmt::format("Invoice {} {} due {} {}{}", inv->id, inv->customer, inv->due.to_string(),
                         delay.basis, expected > ctx.as_of ? "" : ": past that, counted in week 1");
    l.source = place;
    ef.lines.push_back(std::move(l));
  }
}

// Recurring income in the books (a till close, a platform payout), except
// from customers of the bookings or invoices files, whose money those
// files already bring in.
void add_recurring_income(const AnalysisContext& ctx, const Entity& e, Date end,
                          EntityForecast& ef) {
  std::set<std::string> customers;
  for (const Booking* b : ctx.bookings_of(e.id)) customers.insert(to_lower(b->customer));
  for (const Invoice* inv : ctx.invoices_of(e.id)) customers.insert(to_lower(inv->customer));
  for (const RecurringExpense& r : recurring_income(ctx, e)) {
    if (customers.contains(to_lower(r.payee))) continue;
    for (const Date d : r.expected(ctx.as_of, end)) {
      ForecastLine l;
      l.kind = ForecastLine::Kind::recurring;
      l.entity = e.id;
      l.date = d;
      l.amount = r.amount;
      l.what = fmt::format("{}, {}, {}, {}", r.payee, r.account, r.cadence_text(),
                           r.amount.to_display(ctx.symbol));
      l.source = r.places_text();
      ef.lines.push_back(std::move(l));
    }
  }
}

void add_payments(const AnalysisContext& ctx, const Entity& e, Date end, EntityForecast& ef) {
  for (const RecurringExpense& r : recurring_expenses(ctx, e)) {
    for (const Date d : r.expected(ctx.as_of, end)) {
      ForecastLine l;
      l.kind = ForecastLine::Kind::recurring;
      l.receipt = false;
      l.entity = e.id;
      l.date = d;
      l.amount = r.amount;
      l.what = fmt::format("{}, {}, {}, {}", r.payee, r.account, r.cadence_text(),
                           r.amount.to_display(ctx.symbol));
      l.source = r.places_text();
      ef.lines.push_back(std::move(l));
    }
  }
  add_planned(ctx, e.id, end, ef.lines);
}

// Weeks, the floor and the lowest week from the opening and the lines.
void roll(const AnalysisContext& ctx, EntityForecast& ef) {
  std::ranges::stable_sort(ef.lines, [](const ForecastLine& a, const ForecastLine& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.receipt && !b.receipt;
  });
  ef.weeks.assign(k_forecast_weeks, ForecastWeek{});
  std::vector<Money> downside_net(k_forecast_weeks);
  for (const ForecastLine& l : ef.lines) {
    if (const auto w = forecast_week(ctx.as_of, l.date)) {
      (l.receipt ? ef.weeks[*w].receipts : ef.weeks[*w].payments) += l.amount;
    }
    const Money amount = l.downside_amount.value_or(l.amount);
    if (const auto w = forecast_week(ctx.as_of, l.downside_date.value_or(l.date))) {
      downside_net[*w] += l.receipt ? amount : -amount;
    }
  }
  const Money floor = ctx.portfolio.forecast.floor.value_or(Money());
  Money cash = ef.opening;
  Money downside = ef.opening;
  for (int w = 0; w < k_forecast_weeks; ++w) {
    ForecastWeek& week = ef.weeks[w];
    week.start = forecast_week_start(ctx.as_of, w);
    week.opening = cash;
    cash = cash + week.receipts - week.payments;
    week.closing = cash;
    downside += downside_net[w];
    week.downside_closing = downside;
    if (!ef.below_floor && week.closing < floor) ef.below_floor = w;
    if (!ef.downside_below_floor && week.downside_closing < floor) ef.downside_below_floor = w;
    if (week.closing < ef.weeks[ef.lowest_week].closing) ef.lowest_week = w;
  }
}

}  // namespace

std::optional<int> forecast_week(Date as_of, Date d) {
  if (d <= as_of || d > forecast_end(as_of)) return std::nullopt;
  return week0_start(as_of).days_until(d) / 7;
}

Date forecast_week_start(Date as_of, int week) {
  return week0_start(as_of).plus_days(7 * week);
}

Date forecast_end(Date as_of) {
  return week0_start(as_of).plus_days(7 * k_forecast_weeks - 1);
}

std::optional<int> median_days(std::vector<int> days) {
  if (days.empty()) return std::nullopt;
  std::ranges::sort(days);
  const std::size_t n = days.size();
  if (n % 2 == 1) return days[n / 2];
  const int sum = days[n / 2 - 1] + days[n / 2];
  // Half away from zero: 5 / 2 -> 3, -5 / 2 -> -3.
  return sum >= 0 ? (sum + 1) / 2 : -((-sum + 1) / 2);
}

Money less_percent(Money amount, std::int64_t percent) {
  const Int128 product = static_cast<Int128>(amount.units()) * (100 - percent);
  const Int128 half = product >= 0 ? 50 : -50;
  return Money(static_cast<std::int64_t>((product + half) / 100), amount.precision());
}

PaymentDelay payment_delay(const AnalysisContext& ctx, const std::string& entity,
                           const std::string& customer) {
  std::vector<int> own;
  std::vector<int> all;
  if (ctx.data.invoices) {
    for (const Invoice& inv : *ctx.data.invoices) {
      if (!inv.paid_on || *inv.paid_on > ctx.as_of) continue;
      const int late = inv.due.days_until(*inv.paid_on);
      all.push_back(late);
      if (inv.entity == entity && inv.customer == customer) own.push_back(late);
    }
  }
  if (const auto m = median_days(own)) {
    return {*m, fmt::format("{} {} ({} paid invoice{})", signed_days(*m),
                            *m < 0 ? "usually paid early" : "usual delay", own.size(),
                            own.size() == 1 ? "" : "s")};
  }
  if (const auto m = median_days(all)) {
    return {*m, fmt::format("{}, the portfolio's usual delay (no paid invoice from {} yet)",
                            signed_days(*m), customer)};
  }
  return {0, "+ 0 days (no paid invoice in the portfolio to learn a delay from)"};
}

CashForecast cash_forecast(const AnalysisContext& ctx, const std::vector<const Entity*>& scope) {
  CashForecast out;
  out.as_of = ctx.as_of;
  out.floor = ctx.portfolio.forecast.floor.value_or(Money());
  out.downside = ctx.portfolio.forecast.downside_bookings_percent != 0 ||
                 ctx.portfolio.forecast.downside_delay_days != 0;
  if (!ctx.data.bookings)
    out.gaps.push_back("no bookings file (`[data] bookings`), so no forward bookings are counted");
  if (!ctx.data.invoices)
    out.gaps.push_back("no invoices file (`[data] invoices`), so no open invoices are counted");
  const Date end = forecast_end(ctx.as_of);
  for (const Entity* e : scope) {
    EntityForecast ef;
    ef.entity = e->id;
    ef.name = e->name;
    const EntityBooks* eb = ctx.books ? ctx.books->find(e->id) : nullptr;
    if (!ctx.books) {
      ef.missing = "no journal (`[data] journal`), so no cash to start from";
    } else if (eb == nullptr || !eb->has_cash_accounts()) {
      ef.missing = fmt::format("no cash accounts in the books for {}: add Assets:{}:Checking",
                               e->name, e->account);
    } else {
      ef.opening = eb->cash_at(ctx.as_of);
      add_receipts(ctx, *e, end, ef);
      add_recurring_income(ctx, *e, end, ef);
      add_payments(ctx, *e, end, ef);
      roll(ctx, ef);
    }
    out.entities.push_back(std::move(ef));
  }
  if (scope.size() > 1) {
    EntityForecast total;
    total.name = "All entities";
    int computed = 0;
    for (const EntityForecast& ef : out.entities) {
      if (!ef.computed()) continue;
      ++computed;
      total.opening += ef.opening;
      total.lines.insert(total.lines.end(), ef.lines.begin(), ef.lines.end());
      total.left_out.insert(total.left_out.end(), ef.left_out.begin(), ef.left_out.end());
    }
    if (computed == 0) {
      total.missing = "no entity in this report has cash accounts in the books";
    } else {
      add_planned(ctx, "", end, total.lines);
      roll(ctx, total);
    }
    out.total = std::move(total);
  }
  return out;
}

}  // namespace quarterdeck
