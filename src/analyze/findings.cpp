#include "analyze/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "analyze/subjects.hpp"

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

std::string count_text(std::int64_t n) { return Quantity::of_count(n).to_display(); }

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count_text(n), n == 1 ? one : many);
}

std::string with_article(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiouAEIOU").find(noun.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", noun);
}

std::string possessive(std::string_view name) {
  return fmt::format("{}{}", name, name.ends_with('s') ? "'" : "'s");
}

Finding make_finding(const AnalysisContext& ctx, std::string id, Severity severity, std::string category,
                     std::string entity, std::string subject, std::string owner, std::string title,
                     std::vector<Evidence> evidence, std::string recommendation) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.category = std::move(category);
  f.entity = std::move(entity);
  f.subject = std::move(subject);
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
  detect_budget(ctx, out);
  detect_receivables(ctx, out);
  detect_accounting(ctx, out);
  detect_engineering(ctx, out);
  detect_operations(ctx, out);
  detect_kpis(ctx, out);
  detect_user_rules(ctx, out);
  detect_capital(ctx, out);
  detect_forecast(ctx, out);
  return merge_and_rank(ctx, std::move(out));
}

}  // namespace quarterdeck
