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
#include "analyze/subjects.hpp"
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
  std::string_view recommendation;
  RepoSignal RepoAudit::*signal;
  const std::optional<bool>* declared;  // nullptr: the stack has no such key
};

// One check's gap: what is missing (or unknown) and the evidence.
struct DevCycleGap {
  std::string what;
  bool unknown = false;
  std::vector<Evidence> evidence;
  std::string_view recommendation;
};

std::optional<DevCycleGap> dev_cycle_gap(const AnalysisContext& ctx, const Entity& e, const DevCycleCheck& check) {
  const auto audits = ctx.readable_repos(e.id);
  if (!audits.empty()) {
    // What the repositories show wins over what the stack declares.
    DevCycleGap gap{std::string(check.what), false, {}, check.recommendation};
    std::vector<std::string> lacking;
    for (const RepoAudit* a : audits) {
      if ((a->*check.signal).found) continue;
      lacking.push_back(a->declared);
      gap.evidence.push_back({a->declared, fmt::format("no {} found ({})", check.what, check.looked_for)});
    }
    if (lacking.empty()) return std::nullopt;
    if (check.declared != nullptr && check.declared->value_or(false)) {
      gap.evidence.push_back({ctx.at(e.file, e.stack.where.line), fmt::format("the stack declares {}", check.what)});
    }
    if (lacking.size() != audits.size()) gap.what += fmt::format(" in {}", join(lacking, ", "));
    return gap;
  }
  if (check.declared == nullptr) return std::nullopt;
  const auto& flag = *check.declared;
  if (flag.has_value() && *flag) return std::nullopt;
  const bool unknown = !flag.has_value();
  return DevCycleGap{std::string(check.what), unknown,
                     {{ctx.at(e.file, e.stack.where.line),
                       unknown ? fmt::format("the stack does not say whether there is {}", with_article(check.what))
                               : fmt::format("the stack declares no {}", check.what)}},
                     check.recommendation};
}

// "a, b and c" (or "a, b or c" after a "no").
std::string and_list(const std::vector<std::string>& items, std::string_view last = "and") {
  if (items.size() <= 1) return items.empty() ? "" : items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fmt::format("{} {} {}", join(head, ", "), last, items.back());
}

// One finding per entity for its development cycle (CI, tests, staging,
// rollback). A site that serves no API (only public pages, no customer
// data through it) makes these hygiene; with an API they are this
// quarter's work.
void dev_cycle(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out,
               const std::vector<DevCycleCheck>& checks) {
  if (e.stack.repos.empty() && e.stack.endpoints.empty()) return;  // nothing built, nothing to run
  std::vector<std::string> missing, unknown;
  std::vector<Evidence> evidence;
  std::vector<std::string> advice;
  for (const auto& check : checks) {
    auto gap = dev_cycle_gap(ctx, e, check);
    if (!gap) continue;
    (gap->unknown ? unknown : missing).push_back(gap->what);
    evidence.insert(evidence.end(), gap->evidence.begin(), gap->evidence.end());
    advice.emplace_back(gap->recommendation);
  }
  if (missing.empty() && unknown.empty()) return;
  const bool serves_api = std::ranges::any_of(e.stack.endpoints, [](const Endpoint& ep) { return !ep.is_public; });
  const Severity severity = serves_api && !missing.empty() ? Severity::medium : Severity::low;
  std::string title = missing.empty() ? fmt::format("{}: unknown whether there is {}", e.name, and_list(unknown, "or"))
                      : unknown.empty()
                          ? fmt::format("{}: no {}", e.name, and_list(missing, "or"))
                          : fmt::format("{}: no {}; unknown whether there is {}", e.name, and_list(missing, "or"),
                                        and_list(unknown, "or"));
  out.push_back(make_finding(ctx, "dev-cycle-" + e.id, severity, "engineering", e.id, "dev-cycle", "cto",
                             std::move(title), std::move(evidence),
                             fmt::format("For {}: {}", e.name, join(advice, " "))));
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

// The file name of a path: "repos/jada-site/.env" -> ".env".
std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// One finding per repository: every key and committed credential file in
// it is one problem (rotate them), one evidence line each. The CTO
// report's secrets table keeps the detail per key.
void secrets(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  for (const RepoAudit* a : ctx.readable_repos(e.id)) {
    if (a->secrets.empty()) continue;
    const std::string repo = repo_subject_name(a->declared);
    Severity severity = Severity::info;
    std::vector<Evidence> evidence;
    std::vector<std::string> files;     // committed env and credential files
    std::vector<std::string> kinds;     // what the keys are, each once
    std::int64_t keys = 0;
    bool only_history = true;
    for (const auto& f : a->secrets) {
      if (rank(f.severity) < rank(severity)) severity = f.severity;
      if (f.in_tree) only_history = false;
      if (f.line > 0) {
        ++keys;
        if (std::ranges::find(kinds, f.description) == kinds.end()) kinds.push_back(f.description);
      } else {
        files.emplace_back(file_name(f.path));
      }
      evidence.push_back({f.line > 0 ? fmt::format("{}:{}", f.path, f.line) : f.path,
                          fmt::format("{}: {}", f.description, secret_evidence(f, a->is_git))});
    }
    std::vector<std::string> parts;
    if (keys > 0) parts.push_back(plural(keys, "secret", "secrets"));
    if (files.size() == 1) {
      parts.push_back(fmt::format("a committed {} file", files.front()));
    } else if (files.size() > 1) {
      parts.push_back(fmt::format("{} committed env or credential files", count_text(static_cast<std::int64_t>(files.size()))));
    }
    const std::string where = only_history && a->is_git ? fmt::format("the history of {}", repo) : repo;
    std::string title = fmt::format("{}: {} in {}", e.name, and_list(parts), where);
    std::string recommendation =
        fmt::format("Rotate {} secrets from {} this week{}, then remove them from {} and load them from the "
                    "host's secret store; the CTO report lists each.",
                    possessive(e.name), repo, kinds.empty() ? "" : fmt::format(" ({})", join(kinds, ", ")),
                    a->is_git ? "the repository and its history" : "the directory and what is deployed from it");
    Finding& finding = out.emplace_back(make_finding(ctx, fmt::format("secrets-{}-{}", e.id, slugify(repo)), severity,
                                                     "security", e.id, "secrets:" + repo, "cto", std::move(title),
                                                     std::move(evidence), std::move(recommendation)));
    finding.days_to_impact = 0;  // readable by whoever has the code, today
  }
}

// Stale repositories and a single committer are risks of their own.
void repository_health(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  for (const RepoAudit* a : ctx.readable_repos(e.id)) {
    if (!a->is_git || a->commits.empty()) continue;
    const int age = a->commits.front().date.days_until(ctx.as_of);
    if (age > 180) {
      out.push_back(make_finding(
          ctx, fmt::format("stale-repo-{}-{}", e.id, slugify(a->declared)), Severity::low, "engineering", e.id,
          "repo:" + repo_subject_name(a->declared), "cto",
          fmt::format("{}: {} has not changed in {} days", e.name, a->declared, age),
          {{a->declared, fmt::format("last commit {} on {}", a->commits.front().id.substr(0, 12),
                                     a->commits.front().date.to_string())}},
          fmt::format("Check that {} dependencies and certificates are current, or retire it.", possessive(a->declared))));
    }
    if (a->contributors.size() == 1 && !e.stack.endpoints.empty()) {
      out.push_back(make_finding(
          ctx, fmt::format("single-committer-{}-{}", e.id, slugify(a->declared)), Severity::low, "engineering", e.id,
          "committers:" + repo_subject_name(a->declared), "cto",
          fmt::format("{}: only {} has ever committed to {}", e.name, a->contributors.front().name, a->declared),
          {{a->declared, fmt::format("{}, all by {}", plural(a->contributors.front().commits, "commit", "commits"),
                                     a->contributors.front().name)}},
          fmt::format("Have a second person deploy a change to {} from the written instructions, so it does not "
                      "depend on one person.",
                      a->declared)));
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
        Finding& f = out.emplace_back(make_finding(
            ctx, fmt::format("auth-not-enforced-{}-{}", e.id, slugify_endpoint(ep.url)), Severity::critical,
            "security", e.id, endpoint_subject(ep.url), "cto", fmt::format("{}: {} is declared authenticated but answers without it", e.name, ep.url),
            {{ctx.at(e.file, ep.where.line), "declared as requiring authentication"}, {ep.url, probe_evidence(*probe)}},
            fmt::format("Find why {} serves without credentials and fix it before anything else.", ep.url)));
        f.days_to_impact = 0;
      }
      if (ep.auth || ep.is_public) continue;
      std::vector<Evidence> evidence{
          {ctx.at(e.file, ep.where.line),
           fmt::format("declared without authentication{}", ep.purpose.empty() ? "" : fmt::format(" ({})", ep.purpose))}};
      if (probe != nullptr) evidence.push_back({ep.url, probe_evidence(*probe)});
      Finding& f = out.emplace_back(make_finding(
          ctx, fmt::format("unauthenticated-endpoint-{}-{}", e.id, slugify_endpoint(ep.url)), Severity::critical,
          "security", e.id, endpoint_subject(ep.url), "cto", fmt::format("{}: {} answers without authentication", e.name, ep.url),
          std::move(evidence),
          fmt::format("Put {} behind authentication (or take it offline) and check its logs for access.",
                      ep.url)));
      f.days_to_impact = 0;
    }
    // A WAF is a second line of defence: this quarter's work where an API
    // (not only public pages) sits behind it, hygiene otherwise.
    if (!e.stack.endpoints.empty() && !e.stack.waf.value_or(false)) {
      out.push_back(make_finding(
          ctx, "no-waf-" + e.id, exposed > 0 ? Severity::medium : Severity::low, "security", e.id, "waf", "cto",
          fmt::format("{}: no web application firewall in front of {}", e.name,
                      plural(static_cast<std::int64_t>(e.stack.endpoints.size()), "public endpoint", "public endpoints")),
          {{ctx.at(e.file, e.stack.where.line),
            e.stack.waf ? "the stack declares no WAF" : "the stack does not say whether there is a WAF"}},
          fmt::format("Put a WAF or CDN with rate limiting in front of {} site and APIs.", possessive(e.name))));
    }
    dev_cycle(ctx, e, out,
              {{"ci", "CI/CD", ".github/workflows, .gitlab-ci.yml, Jenkinsfile, ...",
                "Run the tests and the deploy from CI on every change instead of by hand.", &RepoAudit::ci, &e.stack.ci},
               {"tests", "automated tests", "test/, tests/, *.test.*, *_test.*, ...",
                "Add tests for the booking and payment paths and run them before every deploy.", &RepoAudit::tests,
                nullptr},
               {"staging", "staging environment", "staging in CI, deploy or config files",
                "Deploy every change to a staging copy before production.", &RepoAudit::staging, &e.stack.staging},
               {"rollback", "rollback procedure", "a rollback script, or rollback in the docs or deploy files",
                "Write down and rehearse how to roll back a bad deploy.", &RepoAudit::rollback, &e.stack.rollback}});
    repository_health(ctx, e, out);

    const bool sells_dates = e.kind == "charter" || e.kind == "rental";
    const bool has_web = !e.stack.endpoints.empty();
    if (sells_dates && has_web && !has_feature(e, "availability_calendar")) {
      out.push_back(make_finding(
          ctx, "no-availability-calendar-" + e.id, Severity::medium, "ux", e.id, "availability", "cto",
          fmt::format("{}: customers cannot see availability", e.name),
          {{e.file, "the declared features include no availability calendar"}},
          fmt::format("Show an availability calendar on {} booking page so customers can pick open dates.",
                      possessive(e.name))));
    }
    if (has_web && !has_feature(e, "analytics")) {
      out.push_back(make_finding(
          ctx, "no-analytics-" + e.id, Severity::low, "ux", e.id, "analytics", "cto",
          fmt::format("{}: no analytics on the website", e.name),
          {{e.file, "the declared features include no analytics"}},
          fmt::format("Instrument {} site (page views, enquiry and booking events) so the funnel can be measured.",
                      possessive(e.name))));
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
                          fmt::format("{}: {} of {} a month; {}", s.what, s.saving.to_display(ctx.symbol),
                                      s.cost.to_display(ctx.symbol), s.why)});
    }
    Finding& f = out.emplace_back(make_finding(
        ctx, "cloud-savings-" + e.id, total.units() >= 10000 ? Severity::medium : Severity::low, "cloud", e.id,
        "cloud-savings", "cto",
        fmt::format("{}: {} a month of cloud spend can be saved", e.name, total.to_display(ctx.symbol)), std::move(evidence),
        fmt::format("{} (largest first: {})", savings.front().advice, savings.front().what)));
    f.at_stake = total;
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
      Finding& f = out.emplace_back(make_finding(
          ctx, "cloud-cost-jump-" + e.id, Severity::medium, "cloud", e.id, "cloud-cost", "cto",
          fmt::format("{}: cloud bill up {} to {} in {}", e.name, pct.to_display(ctx.symbol), cur->second.to_display(ctx.symbol),
                      ctx.period.name()),
          {{ctx.data.cloud_costs_file,
            fmt::format("{} in {} against a baseline of {} a month ({} to {})", cur->second.to_display(ctx.symbol),
                        ctx.period.to_string(), baseline.to_display(ctx.symbol), ctx.period.plus(-4).to_string(),
                        ctx.period.plus(-2).to_string())}},
          fmt::format("Find the services behind {} {} increase and right-size or remove them.", possessive(e.name),
                      increase.to_display(ctx.symbol))));
      f.at_stake = increase;
    }
  }
}

}  // namespace quarterdeck::findings_detail
