// The portfolio's own rules ([[rules]] in portfolio.toml): each is an
// expression over metrics evaluated for every entity it covers. Where every
// metric it names has a value, the rule holds or not; where one is missing
// it is not evaluated, and the outcome says which data it lacks.
#pragma once

#include <string>
#include <string_view>
#include <utility>
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
  std::vector<std::pair<std::string, Quantity>> values;  // metric -> value, where every one has a value
};

// A metric's value in words: "runway 5.6 months", "6 secrets in the code",
// "revenue $855.00 last month".
std::string metric_in_words(std::string_view metric, const Quantity& value, std::string_view symbol);

// Every rule for every entity it covers, in rule then entity order.
std::vector<RuleOutcome> evaluate_user_rules(const AnalysisContext& ctx);

}  // namespace quarterdeck
