#include "analyze/findings.hpp"

#include <algorithm>

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
  // Entities in portfolio order, so reports read in the order people set.
  const auto entity_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < ctx.portfolio.entities.size(); ++i) {
      if (ctx.portfolio.entities[i].id == id) return static_cast<int>(i);
    }
    return -1;
  };
  std::ranges::stable_sort(out, [&](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return rank(a.severity) < rank(b.severity);
    return entity_index(a.entity) < entity_index(b.entity);
  });
  return out;
}

}  // namespace quarterdeck
