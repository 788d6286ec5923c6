// Operations findings: declared known issues, overdue handoff items,
// key-person and equity risk from the team data.
#include <fmt/format.h>

#include "analyze/findings.hpp"
#include "analyze/subjects.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

// The first 40 characters of a slug, cut between words.
std::string slug_prefix(std::string_view text) {
  std::string s = slugify(text).substr(0, 40);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// A role in words: "cto" -> "CTO", "accounting" -> "accounting officer".
std::string role_words(std::string_view role) {
  if (role == "ceo" || role == "cto" || role == "cfo" || role == "cmo" || role == "coo") return to_upper_ascii(role);
  if (role == "accounting") return "accounting officer";
  if (role == "operations") return "operations lead";
  return std::string(role);
}

// What to do about a known issue no `action` is written for, from its
// subject: the thing it is about names the step.
std::string known_issue_action(const Entity& e, const KnownIssue& issue, const std::string& subject) {
  if (!issue.action.empty()) return issue.action;
  if (subject == "listing") {
    return fmt::format("List {} on the channels it is missing; the CMO report's listing sequence has the order.",
                       e.name);
  }
  if (subject.starts_with("person:")) {
    return fmt::format("Name and train a backup for {}.", subject.substr(7));
  }
  if (subject.starts_with("endpoint:")) {
    return fmt::format("Put {} {} behind authentication (or take it offline) and check its logs for access.",
                       possessive(e.name), subject.substr(9));
  }
  if (subject.starts_with("secrets:")) {
    return fmt::format("Rotate the secrets in {}, then remove them from the repository and its history.",
                       subject.substr(8));
  }
  if (subject == "books:income") {
    return fmt::format("Record {} income in the journal for every job, from the payments received.", possessive(e.name));
  }
  if (subject == "invoicing") return fmt::format("Invoice {} delivered work this week, oldest first.", possessive(e.name));
  return fmt::format("Agree with the {} how and by when {} fixes this, and add it to the handoff notes with a due "
                     "date.",
                     role_words(issue.owner.empty() ? "ceo" : issue.owner), e.name);
}

}  // namespace

void detect_operations(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& e : ctx.portfolio.entities) {
    for (std::size_t i = 0; i < e.known_issues.size(); ++i) {
      const KnownIssue& issue = e.known_issues[i];
      const std::string subject = known_issue_subject(ctx, e, issue);
      out.push_back(make_finding(
          ctx, fmt::format("known-issue-{}-{}", e.id, slug_prefix(issue.title)), issue.severity, "operations", e.id,
          subject, issue.owner.empty() ? "ceo" : issue.owner, fmt::format("{}: {}", e.name, issue.title),
          {{ctx.at(e.file, issue.where.line),
            issue.detail.empty() ? fmt::format("known issue: {}", issue.title) : issue.detail}},
          known_issue_action(e, issue, subject)));
    }
    int declared_equity = 0;
    bool any_equity = false;
    SourcePosition first_equity;
    for (const auto& m : e.team) {
      if (m.key_person) {
        // Continuity rests on one person: this quarter's work, unless a
        // known issue says the risk is nearer.
        out.push_back(make_finding(
            ctx, fmt::format("key-person-{}-{}", e.id, slugify(m.name)), Severity::medium, "people", e.id,
            "person:" + m.name, "ceo",
            fmt::format("{}: {} ({}) has no backup", e.name, m.name, m.role),
            {{ctx.at(e.file, m.where.line), fmt::format("{} is declared a key person", m.name)}},
            fmt::format("Name and train a backup for {} role as {}.", possessive(m.name), m.role)));
      }
      if (m.equity_percent) {
        if (!any_equity) first_equity = m.where;
        any_equity = true;
        declared_equity += *m.equity_percent;
      }
    }
    if (any_equity && declared_equity != 100) {
      out.push_back(make_finding(
          ctx, "equity-" + e.id, Severity::low, "people", e.id, "equity", "ceo",
          fmt::format("{}: declared equity adds up to {}%, not 100%", e.name, declared_equity),
          {{ctx.at(e.file, first_equity.line), fmt::format("the team's declared shares add up to {}%", declared_equity)}},
          fmt::format("Write down who owns the rest of {} (an option pool, a departed partner) in the cap table and "
                      "the entity file.",
                      e.name)));
    }
  }
  if (!ctx.data.handoffs) return;
  for (const auto& note : *ctx.data.handoffs) {
    const Entity* e = ctx.entities.by_id(note.entity);
    for (const auto& item : note.items) {
      if (item.done || !item.due || *item.due >= ctx.as_of) continue;
      const int late = item.due->days_until(ctx.as_of);
      std::string subject = e != nullptr ? infer_subject(ctx, *e, item.text) : "";
      if (subject.empty()) subject = "handoff:" + slug_prefix(item.text);
      Finding f = make_finding(
          ctx, fmt::format("overdue-{}-{}", note.entity, slug_prefix(item.text)), Severity::medium,
          "operations", note.entity, std::move(subject), item.owner.empty() ? "ceo" : item.owner,
          fmt::format("{}: {} late: {}", e ? e->name : note.entity, plural(late, "day", "days"), item.text),
          {{ctx.at(note.file, item.line), fmt::format("open handoff item due {}: {}", item.due->to_string(), item.text)}},
          fmt::format("Finish or re-plan this item of {} handoff notes, with a new date.", possessive(e ? e->name : note.entity)));
      f.due = ctx.as_of.plus_days(7);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace quarterdeck::findings_detail
