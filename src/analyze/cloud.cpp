#include "analyze/cloud.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace quarterdeck {

std::map<Month, Money> cloud_bill_by_month(const AnalysisContext& ctx, const std::string& entity) {
  std::map<Month, Money> out;
  if (!ctx.data.cloud_costs) return out;
  for (const CloudCost* c : ctx.cloud_costs_of(entity)) out[c->month] += c->cost;
  return out;
}

std::map<std::string, Money> cloud_cost_by_service(const AnalysisContext& ctx, const std::string& entity,
                                                   Month month) {
  std::map<std::string, Money> out;
  if (!ctx.data.cloud_costs) return out;
  for (const CloudCost* c : ctx.cloud_costs_of(entity)) {
    if (c->month == month) out[c->service] += c->cost;
  }
  return out;
}

std::optional<Money> cloud_baseline(const std::map<Month, Money>& months, Month period) {
  Money sum;
  int n = 0;
  for (Month m = cloud_baseline_first(period); m <= cloud_baseline_last(period); m = m.plus(1)) {
    if (const auto it = months.find(m); it != months.end()) {
      sum += it->second;
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum.divided_by(n);
}

std::vector<CloudSavingsRule> cloud_savings_rules(const Portfolio& p) {
  std::vector<CloudSavingsRule> rules = {
      {"idle-instance", "", "running", 5, std::nullopt, 0, 0, 100,
       "Stop or terminate it: it does almost nothing.", {}},
      {"oversized-instance", "", "running", 20, 5, 0, 0, 50,
       "Move it one size down: the next size halves the cost.", {}},
      {"unattached-storage", "", "unattached", std::nullopt, std::nullopt, 0, 0, 100,
       "Snapshot it if it is needed, then delete the volume.", {}},
      {"nat-gateway-data", "NatGateway-Bytes", "", std::nullopt, std::nullopt, 15, 0, 80,
       "Send S3 and ECR traffic through VPC endpoints instead of the NAT gateway.", {}},
      {"data-transfer-outlier", "DataTransfer-Out", "", std::nullopt, std::nullopt, 0, 50, 100,
       "Find the new outbound traffic (a crawler, a backup, a missing CDN cache) and stop it.", {}},
  };
  for (const auto& r : p.cloud_savings) {
    const auto same = std::ranges::find(rules, r.id, &CloudSavingsRule::id);
    if (same != rules.end()) {
      *same = r;
    } else {
      rules.push_back(r);
    }
  }
  return rules;
}

std::vector<CloudSaving> cloud_savings(const AnalysisContext& ctx, const std::string& entity) {
  std::vector<CloudSaving> out;
  if (!ctx.data.cloud_costs) return out;
  Money bill;
  std::map<std::string, Money> previous;  // usage type -> cost the month before
  std::vector<const CloudCost*> lines;
  for (const CloudCost* row : ctx.cloud_costs_of(entity)) {
    const CloudCost& c = *row;
    if (c.month == ctx.period) {
      bill += c.cost;
      lines.push_back(&c);
    } else if (c.month == ctx.period.plus(-1)) {
      previous[c.usage_type] += c.cost;
    }
  }
  if (bill.units() <= 0) return out;
  for (const auto& rule : cloud_savings_rules(ctx.portfolio)) {
    Money matching;  // the bill's share under this rule's usage filter
    for (const CloudCost* c : lines) {
      if (rule.usage.empty() || c->usage_type.find(rule.usage) != std::string::npos) matching += c->cost;
    }
    for (const CloudCost* c : lines) {
      if (!rule.usage.empty() && c->usage_type.find(rule.usage) == std::string::npos) continue;
      if (!rule.state.empty() && c->state != rule.state) continue;
      if ((rule.utilization_at_most || rule.utilization_above) && !c->utilization) continue;
      if (rule.utilization_at_most && *c->utilization > *rule.utilization_at_most) continue;
      if (rule.utilization_above && *c->utilization <= *rule.utilization_above) continue;
      std::vector<std::string> why;
      if (c->utilization) why.push_back(fmt::format("{}% average CPU", *c->utilization));
      if (!rule.state.empty()) why.push_back(fmt::format("state {}", c->state));
      Money base = c->cost;
      if (rule.min_share_percent > 0) {
        if (matching.units() * 100 < bill.units() * rule.min_share_percent) continue;
        why.push_back(fmt::format("{} is {}% of the {} bill", rule.usage, matching.units() * 100 / bill.units(),
                                  bill.to_display(ctx.symbol)));
      }
      if (rule.min_growth_percent > 0) {
        const auto prev = previous.find(c->usage_type);
        if (prev == previous.end() || prev->second.units() <= 0) continue;
        const Money increase = c->cost - prev->second;
        if (increase.units() * 100 < prev->second.units() * rule.min_growth_percent) continue;
        base = increase;
        why.push_back(fmt::format("up from {} in {}", prev->second.to_display(ctx.symbol), ctx.period.plus(-1).to_string()));
      }
      const Money saving = base.times(rule.saving_percent).divided_by(100);
      if (saving.units() <= 0) continue;
      std::string joined;
      for (const auto& w : why) joined += (joined.empty() ? "" : "; ") + w;
      out.push_back({entity, rule.id, c->resource.empty() ? c->usage_type : c->resource, c->cost, saving,
                     joined.empty() ? fmt::format("{}% of the cost", rule.saving_percent) : joined, rule.advice,
                     c->line});
    }
  }
  std::ranges::stable_sort(out, [](const CloudSaving& a, const CloudSaving& b) { return a.saving > b.saving; });
  return out;
}

}  // namespace quarterdeck
