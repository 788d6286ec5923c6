#include "analyze/capital.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"

namespace quarterdeck {

std::string_view tier_name(int tier) {
  switch (tier) {
    case 1: return "1 zero-cost";
    case 2: return "2 low-cost";
    default: return "3 investment";
  }
}

std::vector<ActionAssessment> assess_actions(const Portfolio& p) {
  std::vector<ActionAssessment> out;
  for (const auto& a : p.actions) {
    ActionAssessment r{&a, 1, std::nullopt, std::nullopt, true};
    if (a.cost.units() > 0) {
      r.tier = a.cost <= p.finance.low_cost_limit ? 2 : 3;
      const std::int64_t year = a.monthly_return.units() * 12;
      r.multiple = Quantity::ratio_of(year, a.cost.units());
      if (a.monthly_return.units() > 0) {
        r.payback = Quantity::ratio_of(a.cost.units(), a.monthly_return.units(), Quantity::Kind::months);
      }
      // Exact: twelve months of return against the cost times the multiple.
      r.meets_rule = year >= a.cost.units() * p.finance.min_return_multiple;
    }
    out.push_back(r);
  }
  std::ranges::stable_sort(out, [](const ActionAssessment& x, const ActionAssessment& y) {
    if (x.tier != y.tier) return x.tier < y.tier;
    const std::int64_t xm = x.multiple ? x.multiple->scaled : INT64_MAX;
    const std::int64_t ym = y.multiple ? y.multiple->scaled : INT64_MAX;
    return xm > ym;
  });
  return out;
}

namespace findings_detail {

void detect_capital(const AnalysisContext& ctx, std::vector<Finding>& out) {
  const auto& finance = ctx.portfolio.finance;
  for (const auto& r : assess_actions(ctx.portfolio)) {
    if (r.meets_rule) continue;
    const CapitalAction& a = *r.action;
    const Entity* e = ctx.entities.by_id(a.entity);
    out.push_back(make_finding(
        // Advice before money is spent: hygiene until someone spends it.
        ctx, "action-below-return-" + a.id, Severity::low, "finance", a.entity, "capital:" + a.id, "cfo",
        fmt::format("{}{} returns {}× its cost in 12 months, below the {}× rule", e ? e->name + ": " : "", a.title,
                    r.multiple->to_display(ctx.symbol), finance.min_return_multiple),
        {{ctx.at("portfolio.toml", a.where.line),
          fmt::format("cost {}, expected {} a month ({})", a.cost.to_display(ctx.symbol), a.monthly_return.to_display(ctx.symbol), a.basis)},
         {ctx.at("portfolio.toml", finance.where.line),
          fmt::format("the portfolio's rule: {}× the cost back within 12 months", finance.min_return_multiple)}},
        fmt::format("Cut the cost of \"{}\" or find a better return before spending on it.", a.title)));
  }
}

}  // namespace findings_detail
}  // namespace quarterdeck
