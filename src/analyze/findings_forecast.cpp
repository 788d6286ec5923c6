// Cash forecast findings: the first week an entity's cash would fall below
// the `[forecast]` floor in the 13-week forecast (analyze/forecast.hpp),
// and, only where the base case stays above it, the first week the
// downside scenario would.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"
#include "analyze/forecast.hpp"

namespace quarterdeck::findings_detail {
namespace {

// By how soon cash crosses the floor (docs/reports.md, Severity): within 7
// days critical, within 30 high, later in the 13 weeks medium.
Severity by_days(int days) {
  if (days <= 7) return Severity::critical;
  if (days <= 30) return Severity::high;
  return Severity::medium;
}

Severity one_lower(Severity s) {
  switch (s) {
    case Severity::critical:
      return Severity::high;
    case Severity::high:
      return Severity::medium;
    default:
      return Severity::low;
  }
}

Finding below_floor(const AnalysisContext& ctx, const Entity& e, const CashForecast& fc,
                    const EntityForecast& ef, int week, bool downside) {
  const ForecastWeek& w = ef.weeks[static_cast<std::size_t>(week)];
  const Money closing = downside ? w.downside_closing : w.closing;
  const Date first_day = std::max(w.start, ctx.as_of.plus_days(1));
  const int days = ctx.as_of.days_until(first_day);
  const Severity severity = downside ? one_lower(by_days(days)) : by_days(days);
  const std::string floor = fc.floor.to_display(ctx.symbol);
  const std::string when = w.start.short_text(ctx.as_of);
  std::vector<Evidence> evidence;
  evidence.push_back(
      {ctx.books->file,
       fmt::format("cash {} at {} (Assets:{}:Checking/Cash/Savings)",
                   ef.opening.to_display(ctx.symbol), ctx.as_of.to_string(), e.account)});
  evidence.push_back(
      {"section:cash-forecast",
       fmt::format("week of {}: opening {}, receipts {}, payments {}, closing {}{}", when,
                   w.opening.to_display(ctx.symbol), w.receipts.to_display(ctx.symbol),
                   w.payments.to_display(ctx.symbol), w.closing.to_display(ctx.symbol),
                   downside ? fmt::format(", downside {}", closing.to_display(ctx.symbol)) : "")});
  // The largest payments up to the end of that week, each series once
  // (a weekly payroll is one line): what to move or fund.
  struct Outflow {
    const ForecastLine* line;
    Money total;
    int count = 0;
  };
  std::vector<Outflow> outflows;
  for (const ForecastLine& l : ef.lines) {
    const auto lw = forecast_week(ctx.as_of, l.date);
    if (l.receipt || !lw || *lw > week) continue;
    const auto same = std::ranges::find_if(outflows, [&](const Outflow& o) {
      return o.line->what == l.what && o.line->source == l.source;
    });
    if (same == outflows.end()) {
      outflows.push_back({&l, l.amount, 1});
    } else {
      same->total += l.amount;
      ++same->count;
    }
  }
  std::ranges::stable_sort(outflows,
                           [](const Outflow& a, const Outflow& b) { return a.total > b.total; });
  for (std::size_t i = 0; i < outflows.size() && i < 3; ++i) {
    const Outflow& o = outflows[i];
    evidence.push_back(
        {o.line->source, o.count == 1 ? fmt::format("{} out {}: {}", o.line->date.to_string(),
                                                    o.total.to_display(ctx.symbol), o.line->what)
                                      : fmt::format("{} out in {} payments from {}: {}",
                                                    o.total.to_display(ctx.symbol), o.count,
                                                    o.line->date.to_string(), o.line->what)});
  }
  const Money shortfall = fc.floor - closing;
  std::string title =
      downside
          ? fmt::format(
                "{}: in the downside case, cash would fall below the {} floor in the week of {} "
                "({})",
                e.name, floor, when, closing.to_display(ctx.symbol))
          : fmt::format("{}: cash would fall below the {} floor in the week of {} ({} at its end)",
                        e.name, floor, when, closing.to_display(ctx.symbol));
  Finding f =
      make_finding(ctx, (downside ? "cash-floor-downside-" : "cash-floor-") + e.id, severity,
                   "finance", e.id, "runway", "cfo", std::move(title), std::move(evidence),
                   fmt::format("Find {} for {} before the week of {}: collect open invoices "
                               "sooner, move a payment later, or "
                               "arrange credit.",
                               shortfall.to_display(ctx.symbol), e.name, when));
  f.at_stake = shortfall;
  f.days_to_impact = days;
  return f;
}

}  // namespace

void detect_forecast(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.books) return;
  for (const Entity& e : ctx.portfolio.entities) {
    const CashForecast fc = cash_forecast(ctx, {&e});
    const EntityForecast& ef = fc.entities.front();
    if (!ef.computed()) continue;
    if (ef.below_floor) {
      out.push_back(below_floor(ctx, e, fc, ef, *ef.below_floor, false));
    } else if (fc.downside && ef.downside_below_floor) {
      out.push_back(below_floor(ctx, e, fc, ef, *ef.downside_below_floor, true));
    }
  }
}

}  // namespace quarterdeck::findings_detail
