// Operations findings: declared known issues, overdue handoff items,
// key-person and equity risk from the team data.
#include <fmt/format.h>

#include "analyze/findings.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

// The first 40 characters of a slug, cut between words.
std::string slug_prefix(std::string_view text) {
  std::string s = slugify(text).substr(0, 40);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

}  // namespace

void detect_operations(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& e : ctx.portfolio.entities) {
    for (std::size_t i = 0; i < e.known_issues.size(); ++i) {
      const KnownIssue& issue = e.known_issues[i];
      out.push_back(make_finding(
          ctx, fmt::format("known-issue-{}-{}", e.id, slug_prefix(issue.title)), issue.severity,
          "operations", e.id, issue.owner.empty() ? "ceo" : issue.owner, fmt::format("{}: {}", e.name, issue.title),
          {{ctx.at(e.file, issue.where.line), issue.detail.empty() ? "declared in [[known_issues]]" : issue.detail}},
          fmt::format("Close the known issue: {}.", issue.title)));
    }
    int declared_equity = 0;
    bool any_equity = false;
    SourcePosition first_equity;
    for (const auto& m : e.team) {
      if (m.key_person) {
        out.push_back(make_finding(
            ctx, fmt::format("key-person-{}-{}", e.id, slugify(m.name)), Severity::high, "people", e.id, "ceo",
            fmt::format("{}: key-person risk, {} ({}) has no backup", e.name, m.name, m.role),
            {{ctx.at(e.file, m.where.line), "key_person = true"}},
            fmt::format("Name and train a backup for {}'s role as {}.", m.name, m.role)));
      }
      if (m.equity_percent) {
        if (!any_equity) first_equity = m.where;
        any_equity = true;
        declared_equity += *m.equity_percent;
      }
    }
    if (any_equity && declared_equity != 100) {
      out.push_back(make_finding(
          ctx, "equity-" + e.id, Severity::medium, "people", e.id, "ceo",
          fmt::format("{}: declared equity adds up to {}%, not 100%", e.name, declared_equity),
          {{ctx.at(e.file, first_equity.line), fmt::format("sum of `equity_percent` over [[team]] = {}", declared_equity)}},
          "Write down who owns the rest (an option pool, a departed partner) in the cap table and the config."));
    }
  }
  if (!ctx.data.handoffs) return;
  for (const auto& note : *ctx.data.handoffs) {
    const Entity* e = ctx.entities.by_id(note.entity);
    for (const auto& item : note.items) {
      if (item.done || !item.due || *item.due >= ctx.as_of) continue;
      const int late = item.due->days_until(ctx.as_of);
      Finding f = make_finding(
          ctx, fmt::format("overdue-{}-{}", note.entity, slug_prefix(item.text)), Severity::medium,
          "operations", note.entity, item.owner.empty() ? "ceo" : item.owner,
          fmt::format("{}: overdue by {} days: {}", e ? e->name : note.entity, late, item.text),
          {{ctx.at(note.file, item.line), fmt::format("open item due {}", item.due->to_string())}},
          fmt::format("Finish or re-plan: {}.", item.text));
      f.due = ctx.as_of.plus_days(7);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace quarterdeck::findings_detail
