// Overspending against the budget (analyze/budget.hpp): one finding per
// expense category over its budget in the report's month or the year to
// date. Severity by the money at risk and when (docs/reports.md "Severity"):
//   critical  the year's overspend is more than the entity's cash at as-of
//             (it alone would empty the bank);
//   high      the month is over by half its budget or more, or the year by a
//             quarter or more: next month lands within 30 days;
//   medium    over by a tenth or more (month or year): this quarter's work;
//   low       over by less.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/budget.hpp"
#include "analyze/findings.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

__extension__ typedef __int128 Int128;

// over * den >= budget * num, exactly.
bool at_least(Money over, Money budget, std::int64_t num, std::int64_t den) {
  return static_cast<Int128>(over.units()) * den >= static_cast<Int128>(budget.units()) * num;
}

Severity severity_of(const AnalysisContext& ctx, const EntityBooks* eb, const BudgetComparison& r) {
  const Money month = r.over_by_month();
  const Money year = r.over_by_ytd();
  if (eb != nullptr && eb->has_cash_accounts() && year.units() > 0 && year > eb->cash_at(ctx.as_of)) {
    return Severity::critical;
  }
  if ((month.units() > 0 && at_least(month, r.budget_month, 1, 2)) ||
      (year.units() > 0 && at_least(year, r.budget_ytd, 1, 4))) {
    return Severity::high;
  }
  if ((month.units() > 0 && at_least(month, r.budget_month, 1, 10)) ||
      (year.units() > 0 && at_least(year, r.budget_ytd, 1, 10))) {
    return Severity::medium;
  }
  return Severity::low;
}

}  // namespace

void detect_budget(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.books) return;
  const std::string& sym = ctx.symbol;
  for (const Entity& e : ctx.portfolio.entities) {
    const auto eb = entity_budget(ctx, e);
    if (!eb) continue;
    const EntityBooks* books = ctx.books->find(e.id);
    for (const BudgetComparison& r : eb->rows) {
      if (r.income || !(r.over_month() || r.over_ytd())) continue;
      const std::string year = r.ytd_from.month() == 1
                                   ? fmt::format("{} to date", ctx.period.year())
                                   : fmt::format("{} to {}", r.ytd_from.name(), ctx.period.name());
      const std::string title =
          r.over_month()
              ? fmt::format("{}: {} over budget in {}: {} against {} ({}%)", e.name, r.category,
                            ctx.period.name(), r.actual_month.to_display(sym), r.budget_month.to_display(sym),
                            percent_used(r.actual_month.units(), r.budget_month.units()).value_or(0))
              : fmt::format("{}: {} over budget for {}: {} against {} ({}%)", e.name, r.category, year,
                            r.actual_ytd.to_display(sym), r.budget_ytd.to_display(sym),
                            percent_used(r.actual_ytd.units(), r.budget_ytd.units()).value_or(0));
      std::vector<Evidence> evidence;
      for (const std::string& source : r.sources) {
        evidence.push_back({source, fmt::format("budget {} in {}, {} for the year", r.budget_month.to_display(sym),
                                                ctx.period.name(), r.budget_ytd.to_display(sym))});
      }
      evidence.push_back({ctx.books->file, fmt::format("{}: {} in {}, {} for the year", join(r.accounts, ", "),
                                                       r.actual_month.to_display(sym), ctx.period.name(),
                                                       r.actual_ytd.to_display(sym))});
      Finding f = make_finding(ctx, fmt::format("budget-{}-{}", e.id, slugify(r.category)), severity_of(ctx, books, r),
                               "finance", e.id, "budget:" + r.category, "cfo", title, std::move(evidence),
                               fmt::format("Find what pushed {} {} past its budget and cut it back, or change "
                                           "the budget.",
                                           possessive(e.name), r.category));
      f.at_stake = std::max(r.over_by_month(), r.over_by_ytd());
      const Month now = Month::of(ctx.as_of);
      f.days_to_impact = ctx.as_of.days_until(now.last_day());
      out.push_back(std::move(f));
    }
  }
}

}  // namespace quarterdeck::findings_detail
