#include "analyze/findings.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace quarterdeck {
namespace findings_detail {

std::optional<Date> due_for(Severity s, Date as_of) {
  switch (s) {
    case Severity::critical: return as_of.plus_days(7);
    case Severity::high: return as_of.plus_days(14);
    case Severity::medium: return as_of.plus_days(30);
    case Severity::low: return as_of.plus_days(60);
    case Severity::info: return std::nullopt;
  }
  return std::nullopt;
}

Finding make_finding(const AnalysisContext& ctx, std::string id, Severity severity, std::string category,
                     std::string entity, std::string owner, std::string title, std::vector<Evidence> evidence,
                     std::string recommendation) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.category = std::move(category);
  f.entity = std::move(entity);
  f.owner = std::move(owner);
  f.title = std::move(title);
  f.evidence = std::move(evidence);
  f.recommendation = std::move(recommendation);
  f.due = due_for(severity, ctx.as_of);
  return f;
}

}  // namespace findings_detail

std::vector<Finding> detect_findings(const AnalysisContext& ctx) {
  using namespace findings_detail;
  std::vector<Finding> out;
  detect_pipeline(ctx, out);
  detect_marketing(ctx, out);
  detect_finance(ctx, out);
  detect_receivables(ctx, out);
  detect_accounting(ctx, out);
  detect_engineering(ctx, out);
  detect_operations(ctx, out);
  detect_kpis(ctx, out);
  detect_user_rules(ctx, out);
  detect_capital(ctx, out);
  // Entities in portfolio order, so reports read in the order people set;
  // each finding's place looked up once, not in every comparison.
  std::vector<std::pair<int, int>> keys;  // (severity rank, entity position), by finding
  keys.reserve(out.size());
  for (const auto& f : out) keys.emplace_back(rank(f.severity), ctx.entities.position(f.entity));
  std::vector<std::size_t> order(out.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<Finding> sorted;
  sorted.reserve(out.size());
  for (const std::size_t i : order) sorted.push_back(std::move(out[i]));
  out = std::move(sorted);
  return out;
}

}  // namespace quarterdeck
