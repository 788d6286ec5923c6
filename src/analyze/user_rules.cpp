#include "analyze/user_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <cmath>
#include <set>
#include <string_view>

#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"
#include "analyze/subjects.hpp"
#include "model/metric_names.hpp"
#include "util/expression.hpp"
#include "util/strings.hpp"

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
      RuleOutcome o{&rule, &e, RuleOutcome::State::not_evaluated, "", {}, {}};
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
        o.values.emplace_back(name, *v.value);
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

std::string metric_in_words(std::string_view metric, const Quantity& value, std::string_view symbol) {
  static const std::map<std::string_view, std::string_view> k_words = {
      {"revenue_month", "revenue {} last month"},
      {"expenses_month", "expenses {} last month"},
      {"net_month", "net {} last month"},
      {"cash", "cash {}"},
      {"bookings_month", "{} bookings last month"},
      {"forward_bookings", "{} bookings ahead"},
      {"forward_bookings_value", "{} booked ahead"},
      {"channels_listed", "listed on {} channels"},
      {"leads_30d", "{} leads in the last 30 days"},
      {"cloud_cost_month", "cloud bill {} last month"},
      {"open_items", "{} open handoff items"},
      {"cloud_savings_month", "{} a month of cloud savings not taken"},
      {"secrets_found", "{} secrets in the code"},
      {"commits_12w", "{} commits in the last 12 weeks"},
      {"days_since_commit", "{} days since the last commit"},
      {"monthly_burn", "burn {} a month"},
      {"runway_months", "runway {}"},
  };
  // The singular where a count is 1: "1 secret in the code".
  static const std::map<std::string_view, std::string_view> k_one = {
      {"bookings_month", "{} booking last month"},   {"forward_bookings", "{} booking ahead"},
      {"channels_listed", "listed on {} channel"},   {"leads_30d", "{} lead in the last 30 days"},
      {"open_items", "{} open handoff item"},        {"secrets_found", "{} secret in the code"},
      {"commits_12w", "{} commit in the last 12 weeks"}, {"days_since_commit", "{} day since the last commit"},
  };
  const bool one = value.kind == Quantity::Kind::count && value.scaled == 1 && value.scale == 0;
  const std::string shown = value.to_display(symbol);
  if (const auto it = k_one.find(metric); one && it != k_one.end()) return fmt::format(fmt::runtime(it->second), shown);
  if (const auto it = k_words.find(metric); it != k_words.end()) return fmt::format(fmt::runtime(it->second), shown);
  return fmt::format("{} {}", metric, shown);
}

namespace {

// "runway 5.6 months, under the portfolio's floor of 6" for a rule of the
// form `metric < number`; the metrics' values and the rule's title for any
// other expression.
std::string rule_in_words(const RuleOutcome& o, std::string_view symbol) {
  std::vector<std::string> values;
  for (const auto& [name, q] : o.values) values.push_back(metric_in_words(name, q, symbol));
  const std::string when(trim(o.rule->when));
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_ops = {{
      {"<=", "at or under the portfolio's floor of"},
      {">=", "at or over the portfolio's ceiling of"},
      {"<", "under the portfolio's floor of"},
      {">", "over the portfolio's ceiling of"},
  }};
  if (o.values.size() == 1) {
    for (const auto& [op, words] : k_ops) {
      const auto at = when.find(op);
      if (at == std::string::npos) continue;
      const std::string_view left = trim(std::string_view(when).substr(0, at));
      const std::string_view right = trim(std::string_view(when).substr(at + op.size()));
      const bool number = !right.empty() && right.find_first_not_of("0123456789.") == std::string_view::npos;
      if (left != o.values.front().first || !number) break;
      if (op == ">" && right == "0") {
        return fmt::format("{}, where the portfolio allows none (rule {})", values.front(), o.rule->id);
      }
      return fmt::format("{}, {} {} (rule {})", values.front(), words, right, o.rule->id);
    }
  }
  return fmt::format("{}: the portfolio's rule {} ({})", join(values, ", "), o.rule->id, o.rule->title);
}

}  // namespace

namespace findings_detail {

// A rule's finding carries the subject its metrics restate (runway,
// secrets, ...), so that it joins the detector's finding about the same
// thing (analyze/subjects).
void detect_user_rules(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& o : evaluate_user_rules(ctx)) {
    if (o.state != RuleOutcome::State::triggered) continue;
    std::vector<Evidence> evidence{{ctx.at("portfolio.toml", o.rule->where.line), rule_in_words(o, ctx.symbol)}};
    evidence.insert(evidence.end(), o.evidence.begin(), o.evidence.end());
    std::vector<std::string> metrics;
    for (const auto& [name, q] : o.values) metrics.push_back(name);
    const std::string_view restated = subject_of_metrics(metrics);
    out.push_back(make_finding(ctx, fmt::format("rule-{}-{}", o.rule->id, o.entity->id), o.rule->severity,
                               o.rule->category, o.entity->id,
                               restated.empty() ? "rule:" + o.rule->id : std::string(restated), o.rule->owner,
                               fmt::format("{}: {}", o.entity->name, o.rule->title), std::move(evidence),
                               o.rule->recommendation));
  }
}

}  // namespace findings_detail
}  // namespace quarterdeck
