// The capital deployment framework: each planned action ([[actions]]) in
// its tier (zero-cost, low-cost up to [finance] low_cost_limit, investment
// above), with its twelve-month return multiple and payback, checked
// against the portfolio's rule ([finance] min_return_multiple).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

struct ActionAssessment {
  const CapitalAction* action = nullptr;
  int tier = 1;                       // 1 zero-cost, 2 low-cost, 3 investment
  std::optional<Quantity> multiple;   // 12 months of return over the cost; nullopt when free
  std::optional<Quantity> payback;    // months to earn the cost back; nullopt when free or no return
  bool meets_rule = true;
};

std::string_view tier_name(int tier);

// Every action, tier by tier, the best multiple first within a tier.
std::vector<ActionAssessment> assess_actions(const Portfolio& p);

}  // namespace quarterdeck
