// Engineering findings from each entity's declared stack, the audit of its
// repositories and its cloud bills: secrets and committed env files (from
// the scan), unauthenticated endpoints (declared, and what a probe saw),
// no WAF, dev-cycle gaps (CI, tests, staging, rollback: what the repositories
// show, falling back to what the stack declares), stale repositories and
// single contributors, UX gaps from declared features, cloud cost jumps.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "analyze/cloud.hpp"
#include "analyze/findings.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

// "https://jada.example.com/api/bookings" -> "jada-example-com-api-bookings".
std::string slugify_endpoint(std::string_view url) {
  const auto scheme = url.find("://");
  return slugify(scheme == std::string_view::npos ? url : url.substr(scheme + 3));
}

bool has_feature(const Entity& e, std::string_view f) {
  return std::ranges::find(e.features, f) != e.features.end();
}

struct DevCycleCheck {
  std::string_view key;   // ci, tests, staging, rollback
  std::string_view what;  // "CI/CD"
  std::string_view looked_for;
  std::string recommendation;
  RepoSignal RepoAudit::*signal;
  const std::optional<bool>* declared;  // nullptr: the stack has no such key
};

void dev_cycle(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out, const DevCycleCheck& check) {
  if (e.stack.repos.empty() && e.stack.endpoints.empty()) return;  // nothing built, nothing to run
  const auto audits = ctx.readable_repos(e.id);
  if (!audits.empty()) {
    // What the repositories show wins over what the stack declares.
    std::vector<Evidence> evidence;
    std::vector<std::string> lacking;
    for (const RepoAudit* a : audits) {
      if ((a->*check.signal).found) continue;
      lacking.push_back(a->declared);
      evidence.push_back({a->declared, fmt::format("no {} found ({})", check.what, check.looked_for)});
    }
    if (lacking.empty()) return;
    if (check.declared != nullptr && check.declared->value_or(false)) {
      evidence.push_back({ctx.at(e.file, e.stack.where.line), fmt::format("[stack] {} = true", check.key)});
    }
    const bool all = lacking.size() == audits.size();
    out.push_back(make_finding(
        ctx, fmt::format("no-{}-{}", check.key, e.id), Severity::medium, "engineering", e.id, "cto",
        all ? fmt::format("{}: no {}", e.name, check.what)
            : fmt::format("{}: no {} in {}", e.name, check.what, join(lacking, ", ")),
        std::move(evidence), check.recommendation));
    return;
  }
  if (check.declared == nullptr) return;
  const auto& flag = *check.declared;
  if (flag.has_value() && *flag) return;
  const bool unknown = !flag.has_value();
  out.push_back(make_finding(
      ctx, fmt::format("no-{}-{}", check.key, e.id), unknown ? Severity::low : Severity::medium, "engineering", e.id,
      "cto",
      unknown ? fmt::format("{}: unknown whether {} exists", e.name, check.what)
              : fmt::format("{}: no {}", e.name, check.what),
      {{ctx.at(e.file, e.stack.where.line),
        unknown ? fmt::format("[stack] does not declare `{}`", check.key) : fmt::format("[stack] {} = false", check.key)}},
      check.recommendation));
}

std::string secret_evidence(const SecretFinding& f, bool is_git) {
  std::string text = f.line > 0      ? f.redacted
                     : !is_git       ? "the file is in the directory"
                     : f.in_tree     ? "the file is tracked"
                                     : "the file was committed";
  if (!f.commit.empty()) {
    text += f.in_tree ? fmt::format(", since commit {}", f.commit.substr(0, 12))
                      : fmt::format(", deleted but still in history (commit {})", f.commit.substr(0, 12));
  }
  return text;
}

// One finding per entity and rule, every place as evidence.
void secrets(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  struct Place {
    const SecretFinding* finding;
    bool in_git;  // the repository is a git repository, not a plain directory
  };
  std::map<std::string, std::vector<Place>> by_rule;
  for (const RepoAudit* a : ctx.readable_repos(e.id)) {
    for (const auto& f : a->secrets) by_rule[f.rule].push_back({&f, a->is_git});
  }
  for (const auto& [rule, found] : by_rule) {
    const SecretFinding& first = *found.front().finding;
    const bool file_level = first.line == 0;
    const bool only_history = std::ranges::all_of(found, [](const Place& p) { return !p.finding->in_tree; });
    std::vector<Evidence> evidence;
    for (const auto& [f, in_git] : found) {
      evidence.push_back({f->line > 0 ? fmt::format("{}:{}", f->path, f->line) : f->path, secret_evidence(*f, in_git)});
    }
    std::string title =
        file_level ? fmt::format("{}: {} ({})", e.name, first.description, first.path)
                   : fmt::format("{}: {} in {}{}", e.name, first.description,
                                 fmt::format("{}:{}", first.path, first.line),
                                 found.size() > 1 ? fmt::format(" and {} more", found.size() - 1) : "");
    std::string recommendation =
        file_level ? fmt::format("Rotate every credential in {}, remove it from {}, and keep settings in the "
                                 "host's secret store.",
                                 first.path,
                                 found.front().in_git ? "the repository and its history"
                                                : "the directory and everything deployed from it")
        : only_history ? fmt::format("Rotate the {}: it was deleted, but every clone still has it in history.",
                                     first.description)
                       : fmt::format("Rotate the {} now, then load it from the environment or a secret store "
                                     "instead of the code.",
                                     first.description);
    out.push_back(make_finding(ctx, fmt::format("{}-{}", rule, e.id), first.severity, "security", e.id, "cto",
                               std::move(title), std::move(evidence), std::move(recommendation)));
  }
}

// Stale repositories and a single committer are risks of their own.
void repository_health(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  for (const RepoAudit* a : ctx.readable_repos(e.id)) {
    if (!a->is_git || a->commits.empty()) continue;
    const int age = a->commits.front().date.days_until(ctx.as_of);
    if (age > 180) {
      out.push_back(make_finding(
          ctx, fmt::format("stale-repo-{}-{}", e.id, slugify(a->declared)), Severity::low, "engineering", e.id, "cto",
          fmt::format("{}: {} has not changed in {} days", e.name, a->declared, age),
          {{a->declared, fmt::format("last commit {} on {}", a->commits.front().id.substr(0, 12),
                                     a->commits.front().date.to_string())}},
          "Check that the site's dependencies and certificates are current, or retire it."));
    }
    if (a->contributors.size() == 1 && !e.stack.endpoints.empty()) {
      out.push_back(make_finding(
          ctx, fmt::format("single-committer-{}-{}", e.id, slugify(a->declared)), Severity::low, "engineering", e.id, "cto",
          fmt::format("{}: only {} has ever committed to {}", e.name, a->contributors.front().name, a->declared),
          {{a->declared, fmt::format("{} commits, all by {}", a->contributors.front().commits,
                                     a->contributors.front().name)}},
          "Have a second person deploy a change from the written instructions, so the site does not depend on one "
          "person."));
    }
  }
}

// The probes by URL, the first of each.
using ProbesByUrl = std::unordered_map<std::string_view, const EndpointProbe*>;

const EndpointProbe* probe_of(const ProbesByUrl& probes, const Endpoint& ep) {
  const auto it = probes.find(ep.url);
  return it == probes.end() ? nullptr : it->second;
}

std::string probe_evidence(const EndpointProbe& p) {
  return p.http_status ? fmt::format("probe: HTTP {} without credentials", *p.http_status)
                       : fmt::format("probe: no answer ({})", p.error);
}

}  // namespace

void detect_engineering(const AnalysisContext& ctx, std::vector<Finding>& out) {
  ProbesByUrl probes;
  for (const auto& p : ctx.data.probes) probes.emplace(p.url, &p);
  for (const auto& e : ctx.portfolio.entities) {
    int exposed = 0;
    secrets(ctx, e, out);
    for (const auto& ep : e.stack.endpoints) {
      if (!ep.is_public) ++exposed;
      const EndpointProbe* probe = probe_of(probes, ep);
      if (ep.auth && probe != nullptr && probe->answers_without_credentials()) {
        out.push_back(make_finding(
            ctx, fmt::format("auth-not-enforced-{}-{}", e.id, slugify_endpoint(ep.url)), Severity::critical,
            "security", e.id, "cto", fmt::format("{}: {} is declared authenticated but answers without it", e.name, ep.url),
            {{ctx.at(e.file, ep.where.line), "auth = true"}, {ep.url, probe_evidence(*probe)}},
            fmt::format("Find why {} serves without credentials and fix it before anything else.", ep.url)));
      }
      if (ep.auth || ep.is_public) continue;
      std::vector<Evidence> evidence{
          {ctx.at(e.file, ep.where.line),
           fmt::format("auth = false{}", ep.purpose.empty() ? "" : fmt::format(" ({})", ep.purpose))}};
      if (probe != nullptr) evidence.push_back({ep.url, probe_evidence(*probe)});
      out.push_back(make_finding(
          ctx, fmt::format("unauthenticated-endpoint-{}-{}", e.id, slugify_endpoint(ep.url)), Severity::critical,
          "security", e.id, "cto", fmt::format("{}: {} answers without authentication", e.name, ep.url),
          std::move(evidence),
          fmt::format("Put {} behind authentication (or take it offline) and check its logs for access.",
                      ep.url)));
    }
    if (!e.stack.endpoints.empty() && !e.stack.waf.value_or(false)) {
      out.push_back(make_finding(
          ctx, "no-waf-" + e.id, exposed > 0 ? Severity::high : Severity::medium, "security", e.id, "cto",
          fmt::format("{}: no WAF in front of {} public endpoint{}", e.name, e.stack.endpoints.size(),
                      e.stack.endpoints.size() == 1 ? "" : "s"),
          {{ctx.at(e.file, e.stack.where.line),
            e.stack.waf ? "[stack] waf = false" : "[stack] does not declare `waf`"}},
          "Put a WAF or CDN with rate limiting in front of the site and its APIs."));
    }
    dev_cycle(ctx, e, out,
              {"ci", "CI/CD", ".github/workflows, .gitlab-ci.yml, Jenkinsfile, ...",
               "Run the tests and the deploy from CI on every change instead of by hand.", &RepoAudit::ci,
               &e.stack.ci});
    dev_cycle(ctx, e, out,
              {"tests", "automated tests", "test/, tests/, *.test.*, *_test.*, ...",
               "Add tests for the booking and payment paths and run them before every deploy.", &RepoAudit::tests,
               nullptr});
    dev_cycle(ctx, e, out,
              {"staging", "staging environment", "`staging` in CI, deploy or config files",
               "Deploy every change to a staging copy before production.", &RepoAudit::staging, &e.stack.staging});
    dev_cycle(ctx, e, out,
              {"rollback", "rollback procedure", "a rollback script, or `rollback` in the docs or deploy files",
               "Write down and rehearse how to roll back a bad deploy.", &RepoAudit::rollback, &e.stack.rollback});
    repository_health(ctx, e, out);

    const bool sells_dates = e.kind == "charter" || e.kind == "rental";
    const bool has_web = !e.stack.endpoints.empty();
    if (sells_dates && has_web && !has_feature(e, "availability_calendar")) {
      out.push_back(make_finding(
          ctx, "no-availability-calendar-" + e.id, Severity::medium, "ux", e.id, "cto",
          fmt::format("{}: customers cannot see availability", e.name),
          {{e.file, "`features` lacks `availability_calendar`"}},
          "Show an availability calendar on the booking page so customers can pick open dates."));
    }
    if (has_web && !has_feature(e, "analytics")) {
      out.push_back(make_finding(
          ctx, "no-analytics-" + e.id, Severity::medium, "ux", e.id, "cto",
          fmt::format("{}: no analytics on the website", e.name), {{e.file, "`features` lacks `analytics`"}},
          "Instrument the site (page views, enquiry and booking events) so the funnel can be measured."));
    }
  }

  if (!ctx.data.cloud_costs) return;
  for (const auto& e : ctx.portfolio.entities) {
    const auto savings = cloud_savings(ctx, e.id);
    if (savings.empty()) continue;
    Money total;
    std::vector<Evidence> evidence;
    for (const auto& s : savings) {
      total += s.saving;
      evidence.push_back({ctx.at(ctx.data.cloud_costs_file, s.line),
                          fmt::format("{} ({}): {} of {} a month; {}", s.what, s.rule, s.saving.to_display(ctx.symbol),
                                      s.cost.to_display(ctx.symbol), s.why)});
    }
    out.push_back(make_finding(
        ctx, "cloud-savings-" + e.id, Severity::medium, "cloud", e.id, "cto",
        fmt::format("{}: {} a month of cloud spend can be saved", e.name, total.to_display(ctx.symbol)), std::move(evidence),
        fmt::format("{} (largest first: {})", savings.front().advice, savings.front().what)));
  }
  std::map<std::string, std::map<Month, Money>> by_entity;
  for (const auto& c : *ctx.data.cloud_costs) by_entity[c.entity][c.month] += c.cost;
  for (const auto& e : ctx.portfolio.entities) {
    const auto it = by_entity.find(e.id);
    if (it == by_entity.end()) continue;
    const auto& months = it->second;
    const auto cur = months.find(ctx.period);
    if (cur == months.end()) continue;
    const auto average = cloud_baseline(months, ctx.period);
    if (!average) continue;
    const Money baseline = *average;
    const Money increase = cur->second - baseline;
    if (baseline.units() > 0 && increase.units() * 5 > baseline.units() && increase.units() >= 5000) {
      const Quantity pct = Quantity::percent_of(increase.units(), baseline.units());
      out.push_back(make_finding(
          ctx, "cloud-cost-jump-" + e.id, Severity::medium, "cloud", e.id, "cto",
          fmt::format("{}: cloud bill up {} to {} in {}", e.name, pct.to_display(ctx.symbol), cur->second.to_display(ctx.symbol),
                      ctx.period.name()),
          {{ctx.data.cloud_costs_file,
            fmt::format("{} in {} against a baseline of {} a month ({} to {})", cur->second.to_display(ctx.symbol),
                        ctx.period.to_string(), baseline.to_display(ctx.symbol), ctx.period.plus(-4).to_string(),
                        ctx.period.plus(-2).to_string())}},
          fmt::format("Find the services behind the {} increase and right-size or remove them.",
                      increase.to_display(ctx.symbol))));
    }
  }
}

}  // namespace quarterdeck::findings_detail
