// Collections: invoices past their due date and not paid, per entity.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"

namespace quarterdeck::findings_detail {

void detect_receivables(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.data.invoices) return;
  const std::string& file = ctx.data.invoices_file;
  for (const auto& e : ctx.portfolio.entities) {
    std::vector<const Invoice*> overdue;
    for (const Invoice* inv : ctx.invoices_of(e.id)) {
      if (inv->open_at(ctx.as_of) && inv->due < ctx.as_of) overdue.push_back(inv);
    }
    if (overdue.empty()) continue;
    std::ranges::stable_sort(overdue, {}, &Invoice::due);
    Money total;
    std::vector<Evidence> evidence;
    for (const Invoice* inv : overdue) {
      total += inv->amount;
      evidence.push_back({ctx.at(file, inv->line),
                          fmt::format("invoice {} to {}: {} due {}, {} late", inv->id, inv->customer,
                                      inv->amount.to_display(ctx.symbol), inv->due.to_string(),
                                      plural(inv->due.days_until(ctx.as_of), "day", "days"))});
    }
    const int oldest = overdue.front()->due.days_until(ctx.as_of);
    const Severity severity = oldest > 90 ? Severity::high : oldest > 30 ? Severity::medium : Severity::low;
    Finding& f = out.emplace_back(make_finding(
        ctx, "overdue-invoices-" + e.id, severity, "finance", e.id, "receivables", "accounting",
        fmt::format("{}: {} overdue on {}, the oldest {} late", e.name, total.to_display(ctx.symbol),
                    plural(static_cast<std::int64_t>(overdue.size()), "invoice", "invoices"),
                    plural(oldest, "day", "days")),
        std::move(evidence),
        oldest > 90 ? fmt::format("Call {} about invoice {} this week and agree a date; write it off if it will not "
                                  "be paid. Chase the rest in the collections plan's order.",
                                  overdue.front()->customer, overdue.front()->id)
                    : fmt::format("Chase {} overdue invoices in the collections plan's order.", possessive(e.name))));
    f.at_stake = total;
    f.days_to_impact = 0;
  }
}

}  // namespace quarterdeck::findings_detail
