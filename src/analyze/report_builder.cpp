#include "analyze/report_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analyze/charts.hpp"
#include "analyze/metrics.hpp"
#include "analyze/deltas.hpp"
#include "analyze/sections/brief.hpp"
#include "analyze/sections/catalogue.hpp"
#include "model/decisions.hpp"
#include "analyze/subjects.hpp"
#include "model/metric_names.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

// A definition without a title: the entity's name for a report on one
// entity (an entity template's), else the report's id.
std::string default_title(const ReportDefinition& def, const Portfolio& p) {
  const Entity* e = def.scope.size() == 1 ? p.find_entity(def.scope.front()) : nullptr;
  return fmt::format("{} report", e ? e->name : def.id);
}

bool shows_kpi(const ReportDefinition& def, const std::string& metric) {
  return !def.kpis || std::ranges::find(*def.kpis, metric) != def.kpis->end();
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
  if (def.target && out_of_season(def.metric, e, MetricPeriod::current(ctx))) {
    k.status = "out_of_season";  // closed in the month measured: the target does not apply
  } else if (def.target) {
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

// The summary of `summary = "findings"`: the count by severity, the most
// urgent findings by name (at most the budget's `summary_items`), the KPI
// line; at most the budget's `summary_sentences`.
std::vector<std::string> findings_summary(const SectionInput& in) {
  const ReportDocument& doc = in.doc;
  const ReportDefinition& def = in.def;
  const std::size_t entity_count = in.scope.size();
  std::vector<std::string> out;
  int critical = 0;
  int high = 0;
  for (const auto& f : doc.findings) {
    if (f.severity == Severity::critical) ++critical;
    if (f.severity == Severity::high) ++high;
  }
  const auto plural = [](std::size_t n, std::string_view word) {
    return quarterdeck::plural(static_cast<std::int64_t>(n), word);
  };
  const std::string entities = entity_count == 1 ? "1 entity" : fmt::format("{} entities", entity_count);
  if (doc.findings.empty()) {
    out.push_back(fmt::format("No findings across {} as of {}.", entities, doc.as_of.to_string()));
  } else {
    out.push_back(fmt::format("{} across {} as of {}: {} critical, {} high.", plural(doc.findings.size(), "finding"),
                              entities, doc.as_of.to_string(), critical, high));
  }
  // The most severe items first, at most the budget's number of them.
  const auto items = static_cast<std::size_t>(std::max<std::int64_t>(0, def.budget.summary_items));
  std::size_t told = 0;
  for (const auto& f : doc.findings) {
    if (told == items || rank(f.severity) > rank(Severity::high)) break;
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
  // Within the sentence budget the count and the KPI line outrank the last
  // named item.
  const auto sentences = static_cast<std::size_t>(std::max<std::int64_t>(1, def.budget.summary_sentences));
  for (; out.size() > sentences && told > 0; --told) out.erase(out.begin() + static_cast<std::ptrdiff_t>(told));
  while (out.size() > sentences) out.pop_back();
  return out;
}

struct SummaryStyle {
  std::string_view name;
  report_detail::SummaryWriter write;
};
// `brief`: the CEO brief (analyze/sections/brief.cpp): totals, what
// changed, the business news.
constexpr std::array<SummaryStyle, 2> k_summary_styles = {{{"findings", findings_summary}, {"brief", brief_summary}}};

// "a, b and c"
std::string and_list(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items.front();
  std::string out;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
  return out + " and " + items.back();
}

// The length budget: how many findings the text and HTML list in full, and
// for the others, which other reports of the portfolio list them in full
// (within their own budgets) or that only the JSON has them.
void apply_budget(ReportDocument& doc, const ReportDefinition& def, const AnalysisContext& ctx,
                  const std::vector<Finding>& all) {
  if (!def.budget.findings || doc.findings.size() <= static_cast<std::size_t>(*def.budget.findings)) return;
  const auto in_full = static_cast<std::size_t>(*def.budget.findings);
  doc.findings_in_full = in_full;
  // The findings every other report lists in full, by id.
  struct Other {
    const ReportDefinition* def;
    std::set<std::string_view> listed;
  };
  std::vector<Other> others;
  for (const auto& other : ctx.portfolio.reports) {
    if (other.id == def.id) continue;
    std::set<std::string> other_scope;
    for (const Entity* e : scope_of(other, ctx.portfolio)) other_scope.insert(e->id);
    Other o{&other, {}};
    std::size_t n = 0;
    for (const auto& f : all) {
      if (!report_detail::reads(other, other_scope, f)) continue;
      if (other.budget.findings && n >= static_cast<std::size_t>(*other.budget.findings)) break;
      o.listed.insert(f.id);
      ++n;
    }
    others.push_back(std::move(o));
  }
  std::vector<bool> named(others.size(), false);
  std::size_t elsewhere = 0;
  for (std::size_t i = in_full; i < doc.findings.size(); ++i) {
    bool found = false;
    for (std::size_t k = 0; k < others.size(); ++k) {
      if (others[k].listed.contains(doc.findings[i].id)) {
        named[k] = true;
        found = true;
      }
    }
    if (found) ++elsewhere;
  }
  std::vector<std::string> titles;
  for (std::size_t k = 0; k < others.size(); ++k) {
    if (named[k]) {
      titles.push_back("the " + (others[k].def->title.empty() ? default_title(*others[k].def, ctx.portfolio)
                                                               : others[k].def->title));
    }
  }
  const std::size_t more = doc.findings.size() - in_full;
  const std::size_t json_only = more - elsewhere;
  const auto findings = [&](std::size_t n) {
    return fmt::format("{} {}finding{}", n, in_full == 0 ? "" : "more ", n == 1 ? "" : "s");
  };
  const std::string where = fmt::format("listed in full in {}", and_list(titles));
  if (json_only == 0) {
    doc.findings_elsewhere = fmt::format("{} {} {}.", findings(more), more == 1 ? "is" : "are", where);
  } else if (elsewhere == 0) {
    doc.findings_elsewhere = fmt::format("{} {} in the JSON.", findings(more), more == 1 ? "is" : "are");
  } else {
    doc.findings_elsewhere = fmt::format("{}: {} {} {}, {} only in the JSON.", findings(more), elsewhere,
                                         elsewhere == 1 ? "is" : "are", where, json_only);
  }
}

}  // namespace

namespace report_detail {

bool reads(const ReportDefinition& def, const std::set<std::string>& in_scope, const Finding& f) {
  const bool entity_ok = f.entity.empty() ? def.scope.empty() : in_scope.contains(f.entity);
  if (!entity_ok || rank(f.severity) > rank(def.min_severity)) return false;
  return def.categories.empty() || std::ranges::find(def.categories, f.category) != def.categories.end();
}

SummaryWriter find_summary_writer(std::string_view name) {
  const auto it = std::ranges::find(k_summary_styles, name, &SummaryStyle::name);
  return it == k_summary_styles.end() ? nullptr : it->write;
}

std::vector<std::string_view> summary_writer_names() {
  std::vector<std::string_view> out;
  for (const auto& s : k_summary_styles) out.push_back(s.name);
  return out;
}

// The CEO's 30-day agenda: what is due in the next 30 days (and overdue),
// most severe first, then by date, with its owner; planned actions rank
// after the high findings. At most 15 lines, so it stays an agenda.
Section agenda(const ReportDocument& doc, const AnalysisContext& ctx, bool after_decisions) {
  struct Line {
    int rank;  // severity rank; planned actions and handoff items: 2 (between high and medium)
    Date due;
    std::string owner, action, from;
  };
  std::vector<Line> lines;
  const Date horizon = ctx.as_of.plus_days(30);
  std::unordered_map<std::string_view, const Finding*> by_id;  // the first finding with each id
  for (const auto& f : doc.findings) by_id.emplace(f.id, &f);
  std::set<const Finding*> decided;
  if (after_decisions) {
    for (const Finding* f : decision_findings(doc)) decided.insert(f);
  }
  for (const auto& t : doc.timeline) {
    const auto it = by_id.find(t.source);
    const Finding* f = it != by_id.end() ? it->second : nullptr;
    if (f != nullptr && decided.contains(f)) continue;
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
                         : fmt::format("{} item{} due by {}{}, most severe first{}.", lines.size(),
                                       lines.size() == 1 ? "" : "s", horizon.to_string(),
                                       decided.empty() ? "" : " besides the decisions above",
                                       lines.size() > 15 ? "; the first 15 shown, the rest in the JSON's timeline" : "");
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
    return def.timeline == TimelineOwners::everyone || owner == def.role;
  };
  std::vector<TimelineItem> out;
  for (const auto& r : doc.recommendations) {
    if (in_window(r.due)) out.push_back({*r.due, r.text, r.owner, r.finding_id, r.finding_id});
  }
  if (ctx.data.handoffs) {
    for (const auto& note : *ctx.data.handoffs) {
      if (!in_scope.contains(note.entity)) continue;
      for (const auto& item : note.items) {
        // Overdue items are findings of their own (and so already above).
        if (item.done || !in_window(item.due) || *item.due < ctx.as_of || !mine(item.owner)) continue;
        // issue 12, one line per problem: an item folded into a finding of this report is said there.
        if (folded_into(doc.findings, handoff_item_id(note, item))) continue;
        out.push_back({*item.due, item.text, item.owner.empty() ? "ceo" : item.owner, ctx.at(note.file, item.line),
                       handoff_item_id(note, item)});
      }
    }
  }
  for (const auto& a : ctx.portfolio.actions) {
    if (!in_window(a.due) || (!a.entity.empty() && !in_scope.contains(a.entity)) || !mine(a.owner)) continue;
    if (folded_into(doc.findings, action_item_id(a))) continue;  // issue 12: said in its finding
    out.push_back({*a.due, a.title, a.owner, "action " + a.id, action_item_id(a)});
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

}  // namespace report_detail

void check_report_definitions(const Portfolio& portfolio, Diagnostics& out) {
  std::vector<std::string_view> ids;
  for (const auto& info : section_catalogue()) ids.push_back(info.id);
  const std::string expected = "a section id from `quarterdeck sections`";
  for (const auto& def : portfolio.reports) {
    for (std::size_t i = 0; i < def.sections.size(); ++i) {
      if (find_section(def.sections[i]) != nullptr) continue;
      std::string hint;
      if (auto best = closest_match(def.sections[i], ids)) hint = fmt::format("did you mean `{}`?", *best);
      out.push_back({i < def.section_where.size() ? def.section_where[i] : def.where,
                     fmt::format("report `{}` names an unknown section", def.id), expected,
                     fmt::format("`{}`", def.sections[i]), hint});
    }
    std::vector<std::string_view> chart_ids;
    for (const auto& info : chart_catalogue()) chart_ids.push_back(info.id);
    for (std::size_t i = 0; i < def.charts.size(); ++i) {
      if (find_chart(def.charts[i]) != nullptr) continue;
      std::string hint;
      if (auto best = closest_match(def.charts[i], chart_ids)) hint = fmt::format("did you mean `{}`?", *best);
      out.push_back({i < def.chart_where.size() ? def.chart_where[i] : def.where,
                     fmt::format("report `{}` names an unknown chart", def.id),
                     "a chart id from `quarterdeck sections --charts`", fmt::format("`{}`", def.charts[i]), hint});
    }
    if (report_detail::find_summary_writer(def.summary) == nullptr) {
      const auto names = report_detail::summary_writer_names();
      std::string hint;
      if (auto best = closest_match(def.summary, names)) hint = fmt::format("did you mean `{}`?", *best);
      std::vector<std::string> quoted;
      for (const auto n : names) quoted.push_back(fmt::format("`{}`", n));
      out.push_back({def.summary_where.line > 0 ? def.summary_where : def.where, "invalid `summary`",
                     "one of " + join(quoted, ", "), fmt::format("`{}`", def.summary), hint});
    }
  }
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
                            const std::vector<Finding>& findings, const ReportSnapshot* previous,
                            const TaskState* tasks) {
  ReportDocument doc;
  doc.report_id = def.id;
  doc.currency_symbol = ctx.symbol;
  doc.persona = !def.persona.empty() ? def.persona : !def.template_name.empty() ? def.template_name : "custom";
  doc.title = def.title.empty() ? default_title(def, ctx.portfolio) : def.title;
  doc.portfolio = ctx.portfolio.name;
  doc.as_of = ctx.as_of;
  doc.period = ctx.period.name();

  const auto scope = scope_of(def, ctx.portfolio);
  std::set<std::string> in_scope;
  for (const Entity* e : scope) in_scope.insert(e->id);

  for (const auto& f : findings) {
    if (report_detail::reads(def, in_scope, f)) doc.findings.push_back(f);
  }
  for (const Entity* e : scope) {
    for (const auto& kd : e->kpis) {
      if (shows_kpi(def, kd.metric)) doc.kpis.push_back(evaluate_kpi(kd, *e, ctx));
    }
  }
  // What changed since the previous run, before the summary and the
  // sections that speak of it; the digests let the next run tell.
  if (previous != nullptr) apply_previous(doc, *previous);
  doc.digests = change_digests(scope);
  for (const auto& f : doc.findings) {
    if (f.severity == Severity::info) continue;
    doc.recommendations.push_back({"rec-" + f.id, f.recommendation, f.owner, f.due, f.id});
  }

  // Timeline: dated actions due within 30 days (overdue ones included).
  const Date horizon = ctx.as_of.plus_days(30);
  doc.timeline = report_detail::dated_items(doc, ctx, def, in_scope, std::nullopt, horizon);
  std::ranges::stable_sort(doc.timeline, {}, &TimelineItem::date);

  // The sections last: some read the findings, KPIs and timeline above.
  std::vector<Section> sections;
  const SectionInput input{ctx, def, scope, doc, tasks};
  for (const auto& id : def.sections) {
    const SectionInfo* info = find_section(id);
    if (info == nullptr) continue;  // check_report_definitions reported it
    for (auto& s : info->build(input)) sections.push_back(std::move(s));
  }
  doc.sections = std::move(sections);
  doc.charts = build_charts(input);

  const auto write = report_detail::find_summary_writer(def.summary);
  doc.summary = (write != nullptr ? write : findings_summary)(input);
  doc.summary_tells_changes = def.summary == "brief";
  if (def.budget.timeline) doc.timeline_in_full = static_cast<std::size_t>(*def.budget.timeline);
  apply_budget(doc, def, ctx, findings);
  return doc;
}

}  // namespace quarterdeck
