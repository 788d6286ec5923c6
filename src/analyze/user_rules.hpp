// The portfolio's own rules ([[rules]] in portfolio.toml): each is an
// expression over metrics evaluated for every entity it covers. Where every
// metric it names has a value, the rule holds or not; where one is missing
// it is not evaluated, and the outcome says which data it lacks.
#pragma once

#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

struct RuleOutcome {
  const UserRule* rule = nullptr;
  const Entity* entity = nullptr;
  enum class State { triggered, clear, not_evaluated } state = State::not_evaluated;
  std::string inputs;  // "runway_months = 5.5, cash = $50,298.67", or what is missing
  std::vector<Evidence> evidence;
};

// Every rule for every entity it covers, in rule then entity order.
std::vector<RuleOutcome> evaluate_user_rules(const AnalysisContext& ctx);

}  // namespace quarterdeck
