// Cloud cost savings: each cost line of the period checked against the
// savings rules (built in, replaced or extended by the portfolio's
// [[cloud_savings]]), with the saving stated and its inputs named.
#pragma once

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

// The built-in rules, then the portfolio's (same id: replaced).
std::vector<CloudSavingsRule> cloud_savings_rules(const Portfolio& p);

// Savings for `entity` in ctx.period, largest first; empty without cost data.
std::vector<CloudSaving> cloud_savings(const AnalysisContext& ctx, const std::string& entity);

}  // namespace quarterdeck
