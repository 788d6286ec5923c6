// Overspending against the budget (analyze/budget.hpp): one finding per
// entity naming every expense category over its budget in the report's
// month or the year to date. Severity by the money at risk and when (docs/reports.md "Severity"):
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
    // One finding per entity (one problem: its spending against its
    // budget), naming every category over; the strongest severity.
    std::vector<const BudgetComparison*> over;
    for (const BudgetComparison& r : eb->rows) {
      if (!r.income && (r.over_month() || r.over_ytd())) over.push_back(&r);
    }
    if (over.empty()) continue;
    const auto year_of = [&](const BudgetComparison& r) {
      return r.ytd_from.month() == 1 ? fmt::format("{} to date", ctx.period.year())
                                     : fmt::format("{} to {}", r.ytd_from.name(), ctx.period.name());
    };
    // "Fuel (150% in March 2026)", or for the year when only the year is over.
    const auto used = [&](const BudgetComparison& r) {
      return r.over_month() ? fmt::format("{}% in {}", percent_used(r.actual_month.units(), r.budget_month.units()).value_or(0),
                                          ctx.period.name())
                            : fmt::format("{}% for {}", percent_used(r.actual_ytd.units(), r.budget_ytd.units()).value_or(0),
                                          year_of(r));
    };
    std::string title;
    if (over.size() == 1) {
      const BudgetComparison& r = *over.front();
      title = r.over_month()
                  ? fmt::format("{}: {} over budget in {}: {} against {} ({}%)", e.name, r.category, ctx.period.name(),
                                r.actual_month.to_display(sym), r.budget_month.to_display(sym),
                                percent_used(r.actual_month.units(), r.budget_month.units()).value_or(0))
                  : fmt::format("{}: {} over budget for {}: {} against {} ({}%)", e.name, r.category, year_of(r),
                                r.actual_ytd.to_display(sym), r.budget_ytd.to_display(sym),
                                percent_used(r.actual_ytd.units(), r.budget_ytd.units()).value_or(0));
    } else {
      std::vector<std::string> parts;
      for (const BudgetComparison* r : over) parts.push_back(fmt::format("{} ({})", r->category, used(*r)));
      const std::string last = parts.back();
      parts.pop_back();
      title = fmt::format("{}: over budget in {} and {}", e.name, join(parts, ", "), last);
    }
    std::vector<Evidence> evidence;
    std::vector<std::string> categories;
    Severity severity = Severity::low;
    Money at_stake;
    for (const BudgetComparison* r : over) {
      categories.push_back(r->category);
      for (const std::string& source : r->sources) {
        evidence.push_back({source, fmt::format("{} budget {} in {}, {} for the year", r->category,
                                                r->budget_month.to_display(sym), ctx.period.name(),
                                                r->budget_ytd.to_display(sym))});
      }
      evidence.push_back({ctx.books->file, fmt::format("{}: {} in {}, {} for the year", join(r->accounts, ", "),
                                                       r->actual_month.to_display(sym), ctx.period.name(),
                                                       r->actual_ytd.to_display(sym))});
      severity = std::min(severity, severity_of(ctx, books, *r));
      at_stake += std::max(r->over_by_month(), r->over_by_ytd());
    }
    const std::string names = categories.size() == 1
                                  ? categories.front()
                                  : fmt::format("{} and {}",
                                                join(std::vector<std::string>(categories.begin(), categories.end() - 1), ", "),
                                                categories.back());
    Finding f = make_finding(ctx, fmt::format("budget-{}", e.id), severity, "finance", e.id, "budget", "cfo", title,
                             std::move(evidence),
                             fmt::format("Find what pushed {} {} past {} budget and cut {} back, or change the budget.",
                                         possessive(e.name), names, categories.size() == 1 ? "its" : "their",
                                         categories.size() == 1 ? "it" : "them"));
    f.at_stake = at_stake;
    const Month now = Month::of(ctx.as_of);
    f.days_to_impact = ctx.as_of.days_until(now.last_day());
    out.push_back(std::move(f));
  }
}

}  // namespace quarterdeck::findings_detail
