#include "analyze/report_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analyze/metrics.hpp"
#include "analyze/subjects.hpp"
#include "model/metric_names.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

std::string default_title(const ReportDefinition& def, const Portfolio& p) {
  static const std::map<std::string, std::string> k_titles = {
      {"ceo", "CEO report"}, {"cto", "CTO report"}, {"cfo", "CFO report"}, {"cmo", "CMO report"},
      {"accounting", "Accounting Officer report"}};
  if (!def.persona.empty()) return k_titles.at(def.persona);
  const Entity* e = def.scope.empty() ? nullptr : p.find_entity(def.scope.front());
  return fmt::format("{} report", e ? e->name : def.id);
}

// Which finding categories each persona reads. The CEO reads everything at
// high severity or above, plus the KPI gaps.
bool persona_reads(const std::string& persona, const Finding& f) {
  if (persona == "ceo") return rank(f.severity) <= rank(Severity::high) || f.category == "kpi";
  if (persona == "cto") {
    return f.category == "security" || f.category == "engineering" || f.category == "cloud" || f.category == "ux";
  }
  if (persona == "cfo") return f.category == "finance" || f.category == "pipeline";
  if (persona == "cmo") return f.category == "marketing" || f.category == "pipeline";
  if (persona == "accounting") return f.category == "accounting";
  return true;  // entity reports: everything about the entity
}

// Which declared KPIs each persona shows.
bool persona_shows(const std::string& persona, const std::string& metric) {
  if (persona == "ceo" || persona.empty()) return true;
  if (persona == "cto") {
    return metric == "cloud_cost_month" || metric == "open_items" || metric == "cloud_savings_month" ||
           metric == "secrets_found" || metric == "commits_12w" || metric == "days_since_commit";
  }
  if (persona == "cfo") {
    return metric == "revenue_month" || metric == "expenses_month" || metric == "net_month" || metric == "cash" ||
           metric == "forward_bookings_value" || metric == "monthly_burn" || metric == "runway_months";
  }
  if (persona == "cmo") {
    return metric == "channels_listed" || metric == "leads_30d" || metric == "bookings_month" ||
           metric == "forward_bookings";
  }
  if (persona == "accounting") return metric == "revenue_month" || metric == "expenses_month" || metric == "net_month";
  return false;
}

bool lower_is_better(const std::string& metric) {
  const MetricInfo* info = metric_info(metric);
  return info != nullptr && info->lower_is_better;
}

Kpi evaluate_kpi(const KpiDefinition& def, const Entity& e, const AnalysisContext& ctx) {
  Kpi k;
  k.id = fmt::format("{}.{}", e.id, def.id);
  k.name = fmt::format("{}: {}", e.name, def.name);
  k.entity = e.id;
  k.target = def.target;
  k.unit = def.unit;
  if (const MetricInfo* info = metric_info(def.metric)) k.money = info->money;
  const MetricValue now = compute_metric(def.metric, e, ctx, MetricPeriod::current(ctx));
  k.evidence = now.evidence;
  k.evidence.insert(k.evidence.begin(), {ctx.at(e.file, def.where.line), fmt::format("metric `{}`", def.metric)});
  if (!now.value) {
    k.status = "missing";
    k.trend = "unknown";
    k.missing_data = now.missing_data;
    return k;
  }
  k.value = now.value;
  if (def.target) {
    // The target as an integer at the value's scale, so the comparison is exact.
    const auto target_scaled = static_cast<std::int64_t>(std::llround(*def.target * std::pow(10.0, now.value->scale)));
    const bool met = lower_is_better(def.metric) ? now.value->scaled <= target_scaled
                                                 : now.value->scaled >= target_scaled;
    k.status = met ? "on_track" : (lower_is_better(def.metric) ? "above_target" : "below_target");
  } else {
    k.status = "no_target";
  }
  const MetricValue before = compute_metric(def.metric, e, ctx, MetricPeriod::previous(ctx));
  // Snapshots (listings, notes, the repositories and savings as scanned now)
  // have no history in the data; week-over-week change comes from the store.
  const MetricInfo* info = metric_info(def.metric);
  if ((info != nullptr && info->snapshot) || !before.value) {
    k.trend = "unknown";  // no history in the data for these
  } else if (now.value->scaled > before.value->scaled) {
    k.trend = "up";
  } else if (now.value->scaled < before.value->scaled) {
    k.trend = "down";
  } else {
    k.trend = "flat";
  }
  return k;
}

std::vector<std::string> write_summary(const ReportDocument& doc, std::size_t entity_count) {
  std::vector<std::string> out;
  int critical = 0;
  int high = 0;
  for (const auto& f : doc.findings) {
    if (f.severity == Severity::critical) ++critical;
    if (f.severity == Severity::high) ++high;
  }
  const auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  const std::string entities = entity_count == 1 ? "1 entity" : fmt::format("{} entities", entity_count);
  if (doc.findings.empty()) {
    out.push_back(fmt::format("No findings across {} as of {}.", entities, doc.as_of.to_string()));
  } else {
    out.push_back(fmt::format("{} across {} as of {}: {} critical, {} high.", plural(doc.findings.size(), "finding"),
                              entities, doc.as_of.to_string(), critical, high));
  }
  // The most severe items first, at most three sentences.
  std::size_t told = 0;
  for (const auto& f : doc.findings) {
    if (told == 3 || rank(f.severity) > rank(Severity::high)) break;
    out.push_back(fmt::format("{}{}.", told == 0 ? "Most urgent: " : "", f.title));
    ++told;
  }
  std::size_t missing = 0;
  for (const auto& k : doc.kpis) {
    if (!k.value) ++missing;
  }
  std::size_t below = 0;
  for (const auto& k : doc.kpis) {
    if (k.status == "below_target" || k.status == "above_target") ++below;
  }
  if (!doc.kpis.empty()) {
    out.push_back(fmt::format("Of {}, {} off target and {} without data.", plural(doc.kpis.size(), "KPI"), below,
                              missing));
  }
  return out;
}

std::string persona_role(const ReportDefinition& def) { return def.persona; }

}  // namespace

// The CEO's 30-day agenda: what is due in the next 30 days (and overdue),
// most severe first, then by date, with its owner; planned actions rank
// after the high findings. At most 15 lines, so it stays an agenda.
Section agenda(const ReportDocument& doc, const AnalysisContext& ctx) {
  struct Line {
    int rank;  // severity rank; planned actions and handoff items: 2 (between high and medium)
    Date due;
    std::string owner, action, from;
  };
  std::vector<Line> lines;
  const Date horizon = ctx.as_of.plus_days(30);
  std::unordered_map<std::string_view, const Finding*> by_id;  // the first finding with each id
  for (const auto& f : doc.findings) by_id.emplace(f.id, &f);
  for (const auto& t : doc.timeline) {
    const auto it = by_id.find(t.source);
    const Finding* f = it != by_id.end() ? it->second : nullptr;
    lines.push_back({f != nullptr ? rank(f->severity) : 2, t.date, t.owner, t.action,
                     f != nullptr ? std::string(to_string(f->severity)) + " finding" : t.source});
  }
  std::ranges::stable_sort(lines, [](const Line& a, const Line& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.due < b.due;
  });
  Section s{"agenda", "30-day agenda", "", {"#", "Due", "Owner", "Action", "From"}, {}};
  for (std::size_t i = 0; i < lines.size() && i < 15; ++i) {
    const auto& l = lines[i];
    s.rows.push_back({fmt::format("{}", i + 1), l.due.to_string(), l.owner, l.action, l.from});
  }
  s.note = lines.empty() ? fmt::format("Nothing is due by {}.", horizon.to_string())
                         : fmt::format("{} item{} due by {}, most severe first{}.", lines.size(),
                                       lines.size() == 1 ? "" : "s", horizon.to_string(),
                                       lines.size() > 15 ? "; the first 15 shown, the rest in the timeline" : "");
  return s;
}

// What the reader has to do between `after` (exclusive; none: overdue ones
// included) and `until`: the findings' recommendations, the open handoff
// items and the planned actions in scope that this reader owns (an entity
// report's and the CEO's reader owns all of them).
std::vector<TimelineItem> dated_items(const ReportDocument& doc, const AnalysisContext& ctx, const ReportDefinition& def,
                                      const std::set<std::string>& in_scope, std::optional<Date> after, Date until) {
  const auto in_window = [&](const std::optional<Date>& d) { return d && (!after || *d > *after) && *d <= until; };
  const auto mine = [&](const std::string& owner) {
    return def.persona.empty() || def.persona == "ceo" || owner == persona_role(def);
  };
  std::vector<TimelineItem> out;
  for (const auto& r : doc.recommendations) {
    if (in_window(r.due)) out.push_back({*r.due, r.text, r.owner, r.finding_id});
  }
  if (ctx.data.handoffs) {
    for (const auto& note : *ctx.data.handoffs) {
      if (!in_scope.contains(note.entity)) continue;
      for (const auto& item : note.items) {
        // Overdue items are findings of their own (and so already above).
        if (item.done || !in_window(item.due) || *item.due < ctx.as_of || !mine(item.owner)) continue;
        // issue 12, one line per problem: an item folded into a finding of this report is said there.
        if (folded_into(doc.findings, handoff_item_id(note, item))) continue;
        out.push_back({*item.due, item.text, item.owner.empty() ? "ceo" : item.owner, ctx.at(note.file, item.line)});
      }
    }
  }
  for (const auto& a : ctx.portfolio.actions) {
    if (!in_window(a.due) || (!a.entity.empty() && !in_scope.contains(a.entity)) || !mine(a.owner)) continue;
    if (folded_into(doc.findings, action_item_id(a))) continue;  // issue 12: said in its finding
    out.push_back({*a.due, a.title, a.owner, "action " + a.id});
  }
  return out;
}

// After the 30-day agenda: what is due in days 31 to 90, by owner and then
// date.
Section later_by_owner(std::vector<TimelineItem> items, const AnalysisContext& ctx) {
  const Date start = ctx.as_of.plus_days(30);
  const Date end = ctx.as_of.plus_days(90);
  std::ranges::stable_sort(items, [](const TimelineItem& a, const TimelineItem& b) {
    return a.owner != b.owner ? a.owner < b.owner : a.date < b.date;
  });
  Section s{"agenda-later", "Days 31 to 90, by owner", "", {"Owner", "Due", "Action", "From"}, {}};
  for (const auto& t : items) s.rows.push_back({t.owner, t.date.to_string(), t.action, t.source});
  s.note = items.empty() ? fmt::format("Nothing is due between {} and {}.", start.plus_days(1).to_string(), end.to_string())
                         : fmt::format("{} item{} due from {} to {}.", items.size(), items.size() == 1 ? "" : "s",
                                       start.plus_days(1).to_string(), end.to_string());
  return s;
}

std::vector<const Entity*> scope_of(const ReportDefinition& def, const Portfolio& portfolio) {
  std::vector<const Entity*> out;
  const std::set<std::string_view> named(def.scope.begin(), def.scope.end());
  for (const auto& e : portfolio.entities) {
    if (def.scope.empty() || named.contains(e.id)) out.push_back(&e);
  }
  return out;
}

ReportDocument build_report(const ReportDefinition& def, const AnalysisContext& ctx,
                            const std::vector<Finding>& findings) {
  ReportDocument doc;
  doc.report_id = def.id;
  doc.currency_symbol = ctx.symbol;
  doc.persona = def.persona.empty() ? def.template_name : def.persona;
  doc.title = def.title.empty() ? default_title(def, ctx.portfolio) : def.title;
  doc.portfolio = ctx.portfolio.name;
  doc.as_of = ctx.as_of;
  doc.period = ctx.period.name();

  const auto scope = scope_of(def, ctx.portfolio);
  std::set<std::string> in_scope;
  for (const Entity* e : scope) in_scope.insert(e->id);
  const bool whole_portfolio = def.scope.empty();

  for (const auto& f : findings) {
    const bool entity_ok = f.entity.empty() ? whole_portfolio : in_scope.contains(f.entity);
    if (entity_ok && persona_reads(def.persona, f)) doc.findings.push_back(f);
  }
  for (const Entity* e : scope) {
    for (const auto& kd : e->kpis) {
      if (persona_shows(def.persona, kd.metric)) doc.kpis.push_back(evaluate_kpi(kd, *e, ctx));
    }
  }
  doc.sections = report_detail::sections_for(def, ctx, scope);

  for (const auto& f : doc.findings) {
    if (f.severity == Severity::info) continue;
    doc.recommendations.push_back({"rec-" + f.id, f.recommendation, f.owner, f.due, f.id});
  }

  // Timeline: dated actions due within 30 days (overdue ones included).
  const Date horizon = ctx.as_of.plus_days(30);
  doc.timeline = dated_items(doc, ctx, def, in_scope, std::nullopt, horizon);
  std::ranges::stable_sort(doc.timeline, {}, &TimelineItem::date);
  if (def.persona == "ceo") {
    doc.sections.insert(doc.sections.begin(), {agenda(doc, ctx),
                                                     later_by_owner(dated_items(doc, ctx, def, in_scope, horizon,
                                                                                ctx.as_of.plus_days(90)),
                                                                    ctx)});
  }
  if (def.persona == "accounting") doc.sections.push_back(report_detail::profitability_roadmap(doc, ctx, scope));
  if (def.persona == "cto") doc.sections.insert(doc.sections.begin(), report_detail::engineering_actions(doc, ctx));
  doc.summary = write_summary(doc, scope.size());
  return doc;
}

}  // namespace quarterdeck
