// Engineering findings from each entity's declared stack and cloud bills:
// unauthenticated endpoints, no WAF, dev-cycle gaps (CI, staging, rollback),
// UX gaps from declared features, cloud cost jumps. The repository scan
// (secrets, committed env files) arrives with its own issue.
#include <fmt/format.h>

#include <algorithm>
#include <map>

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

void dev_cycle(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out,
               const std::optional<bool>& flag, std::string_view key, std::string_view what,
               std::string recommendation) {
  if (e.stack.repos.empty() && e.stack.endpoints.empty()) return;  // nothing built, nothing to run
  if (flag.has_value() && *flag) return;
  const bool unknown = !flag.has_value();
  out.push_back(make_finding(
      ctx, fmt::format("no-{}-{}", key, e.id), unknown ? Severity::low : Severity::medium, "engineering", e.id,
      "cto",
      unknown ? fmt::format("{}: unknown whether {} exists", e.name, what)
              : fmt::format("{}: no {}", e.name, what),
      {{ctx.at(e.file, e.stack.where.line),
        unknown ? fmt::format("[stack] does not declare `{}`", key) : fmt::format("[stack] {} = false", key)}},
      std::move(recommendation)));
}

}  // namespace

void detect_engineering(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& e : ctx.portfolio.entities) {
    int exposed = 0;
    for (const auto& ep : e.stack.endpoints) {
      if (!ep.is_public) ++exposed;
      if (ep.auth || ep.is_public) continue;
      out.push_back(make_finding(
          ctx, fmt::format("unauthenticated-endpoint-{}-{}", e.id, slugify_endpoint(ep.url)), Severity::critical,
          "security", e.id, "cto", fmt::format("{}: {} answers without authentication", e.name, ep.url),
          {{ctx.at(e.file, ep.where.line),
            fmt::format("auth = false{}", ep.purpose.empty() ? "" : fmt::format(" ({})", ep.purpose))}},
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
    dev_cycle(ctx, e, out, e.stack.ci, "ci", "CI/CD",
              "Run the tests and the deploy from CI on every change instead of by hand.");
    dev_cycle(ctx, e, out, e.stack.staging, "staging", "staging environment",
              "Deploy every change to a staging copy before production.");
    dev_cycle(ctx, e, out, e.stack.rollback, "rollback", "rollback procedure",
              "Write down and rehearse how to roll back a bad deploy.");

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
  std::map<std::string, std::map<Month, Money>> by_entity;
  for (const auto& c : *ctx.data.cloud_costs) by_entity[c.entity][c.month] += c.cost;
  for (const auto& e : ctx.portfolio.entities) {
    const auto it = by_entity.find(e.id);
    if (it == by_entity.end()) continue;
    const auto& months = it->second;
    const auto cur = months.find(ctx.period);
    if (cur == months.end()) continue;
    // Baseline: the average of the three months before the last two.
    Money baseline;
    int n = 0;
    for (int i = 2; i <= 4; ++i) {
      if (const auto m = months.find(ctx.period.plus(-i)); m != months.end()) {
        baseline += m->second;
        ++n;
      }
    }
    if (n == 0) continue;
    baseline = baseline.divided_by(n);
    const Money increase = cur->second - baseline;
    if (baseline.units() > 0 && increase.units() * 5 > baseline.units() && increase.units() >= 5000) {
      const Quantity pct = Quantity::percent_of(increase.units(), baseline.units());
      out.push_back(make_finding(
          ctx, "cloud-cost-jump-" + e.id, Severity::medium, "cloud", e.id, "cto",
          fmt::format("{}: cloud bill up {} to {} in {}", e.name, pct.to_display(), cur->second.to_display(),
                      ctx.period.name()),
          {{ctx.data.cloud_costs_file,
            fmt::format("{} in {} against a baseline of {} a month ({} to {})", cur->second.to_display(),
                        ctx.period.to_string(), baseline.to_display(), ctx.period.plus(-4).to_string(),
                        ctx.period.plus(-2).to_string())}},
          fmt::format("Find the services behind the {} increase and right-size or remove them.",
                      increase.to_display())));
    }
  }
}

}  // namespace quarterdeck::findings_detail
