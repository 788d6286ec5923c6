// Cloud cost savings: each cost line of the period checked against the
// savings rules (built in, replaced or extended by the portfolio's
// [[cloud_savings]]), with the saving stated and its inputs named.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/money.hpp"
#include "model/portfolio.hpp"

namespace quarterdeck {

struct CloudSaving {
  std::string entity;
  std::string rule;
  std::string what;  // the resource, or the usage type when there is none
  Money cost;        // the line's cost in the period
  Money saving;      // per month
  std::string why;   // the inputs: "2% average CPU", "state unattached", ...
  std::string advice;
  int line = 0;      // in the cost file
};

// An entity's cloud bill by month, and its baseline: the average of the
// three months before the last two (so a recent jump does not raise it),
// nullopt without any of them. The cost-jump finding and the CTO's cost
// table use the same one.
std::map<Month, Money> cloud_bill_by_month(const AnalysisContext& ctx, const std::string& entity);
std::optional<Money> cloud_baseline(const std::map<Month, Money>& months, Month period);
// An entity's cloud bill in `month` by service ("Amazon EC2"): the CTO's
// top services table and the cost-by-service chart.
std::map<std::string, Money> cloud_cost_by_service(const AnalysisContext& ctx, const std::string& entity,
                                                   Month month);
inline Month cloud_baseline_first(Month period) { return period.plus(-4); }
inline Month cloud_baseline_last(Month period) { return period.plus(-2); }

// The built-in rules, then the portfolio's (same id: replaced).
std::vector<CloudSavingsRule> cloud_savings_rules(const Portfolio& p);

// Savings for `entity` in ctx.period, largest first; empty without cost data.
std::vector<CloudSaving> cloud_savings(const AnalysisContext& ctx, const std::string& entity);

}  // namespace quarterdeck
