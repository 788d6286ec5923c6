#include "analyze/user_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"
#include "model/metric_names.hpp"
#include "util/expression.hpp"

namespace quarterdeck {

std::vector<RuleOutcome> evaluate_user_rules(const AnalysisContext& ctx) {
  std::vector<RuleOutcome> out;
  const std::vector<std::string> metrics(k_metric_names.begin(), k_metric_names.end());
  for (const auto& rule : ctx.portfolio.rules) {
    auto expression = Expression::parse(rule.when, metrics);
    if (!expression) continue;  // the loader reported it; a run never gets here with one
    const std::set<std::string_view> named(rule.entities.begin(), rule.entities.end());
    for (const auto& e : ctx.portfolio.entities) {
      if (!named.empty() && !named.contains(e.id)) continue;
      RuleOutcome o{&rule, &e, RuleOutcome::State::not_evaluated, "", {}};
      std::map<std::string, double> values;
      std::vector<std::string> shown, lacking;
      for (const auto& name : expression->names()) {
        const MetricValue v = compute_metric(name, e, ctx, MetricPeriod::current(ctx));
        if (!v.value) {
          lacking.push_back(fmt::format("{} (needs {})", name, v.missing_data));
          continue;
        }
        // The expression compares figures; a double holds them exactly enough for that.
        values[name] = static_cast<double>(v.value->scaled) / std::pow(10.0, v.value->scale);
        shown.push_back(fmt::format("{} = {}", name, v.value->to_display(ctx.symbol)));
        for (const auto& ev : v.evidence) o.evidence.push_back(ev);
      }
      if (!lacking.empty()) {
        o.inputs = fmt::format("missing {}", fmt::join(lacking, "; "));
      } else if (auto result = expression->evaluate(values)) {
        o.state = *result != 0.0 ? RuleOutcome::State::triggered : RuleOutcome::State::clear;
        o.inputs = fmt::format("{}", fmt::join(shown, ", "));
      } else {
        o.inputs = fmt::format("cannot evaluate: {}", result.error().message);
      }
      out.push_back(std::move(o));
    }
  }
  return out;
}

namespace findings_detail {

void detect_user_rules(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& o : evaluate_user_rules(ctx)) {
    if (o.state != RuleOutcome::State::triggered) continue;
    std::vector<Evidence> evidence{{ctx.at("portfolio.toml", o.rule->where.line),
                                    fmt::format("rule `{}`: {} holds with {}", o.rule->id, o.rule->when, o.inputs)}};
    evidence.insert(evidence.end(), o.evidence.begin(), o.evidence.end());
    out.push_back(make_finding(ctx, fmt::format("rule-{}-{}", o.rule->id, o.entity->id), o.rule->severity,
                               o.rule->category, o.entity->id, o.rule->owner,
                               fmt::format("{}: {}", o.entity->name, o.rule->title), std::move(evidence),
                               o.rule->recommendation));
  }
}

}  // namespace findings_detail
}  // namespace quarterdeck
