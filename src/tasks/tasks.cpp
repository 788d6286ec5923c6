#include "tasks/tasks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "util/hash.hpp"
#include "util/redact.hpp"
#include "util/strings.hpp"

namespace quarterdeck::tasks {
namespace {

// An overdue handoff item is a finding of its own ("overdue-ENTITY-SLUG",
// findings_people.cpp) once its date has passed; until then it is an open
// handoff item in the timeline ("handoff-ENTITY-SLUG"). Both are one task.
std::string key_of_finding(const Finding& f) {
  constexpr std::string_view k_overdue = "overdue-";
  const bool handoff = f.id.starts_with(k_overdue) && !f.evidence.empty() &&
                       f.evidence.front().detail.starts_with("open handoff item");
  return handoff ? "handoff-" + f.id.substr(k_overdue.size()) : f.id;
}

// What to do about a finding: its recommendation, but for an overdue
// handoff item the item's own words (its finding's recommendation is only
// "finish or re-plan this item"), as the task had them before its date.
std::string action_of(const Finding& f, const std::string& recommendation) {
  if (!key_of_finding(f).starts_with("handoff-")) return recommendation;
  const std::string& detail = f.evidence.front().detail;  // "open handoff item due DATE: TEXT"
  const auto colon = detail.find(": ");
  return colon == std::string::npos ? recommendation : detail.substr(colon + 2);
}

const Finding* finding_by_id(const ReportDocument& doc, std::string_view id) {
  const auto it = std::ranges::find(doc.findings, id, &Finding::id);
  return it == doc.findings.end() ? nullptr : &*it;
}

std::string date_text(const std::optional<Date>& d) {
  return d ? d->to_string() : "";
}

nlohmann::json task_json(const Task& t) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : t.evidence) evidence.push_back({{"source", e.source}, {"detail", e.detail}});
  return {{"id", t.id},
          {"title", t.title},
          {"owner_role", t.owner_role},
          {"owner", t.owner},
          {"due", date_text(t.due)},
          {"status", std::string(to_string(t.status))},
          {"source_report", t.source_report},
          {"finding_id", t.finding_id},
          {"finding_title", t.finding_title},
          {"evidence", std::move(evidence)},
          {"first_seen", t.first_seen.to_string()},
          {"last_seen", t.last_seen.to_string()},
          {"resolved_at", date_text(t.resolved_at)},
          {"url", ""}};
}

store::Event make_event(std::string_view type, const Task& t,
                        const std::vector<std::string>& changes, std::string_view unique,
                        std::int64_t now, const Redactor* redactor) {
  store::Event e;
  e.type = std::string(type);
  e.id = store::event_id(type, fmt::format("{}|{}", t.id, unique));
  e.portfolio = t.portfolio;
  e.created_at = now;
  const std::string payload = event_payload(t, changes);
  e.payload = redactor != nullptr ? redactor->apply(payload) : payload;
  return e;
}

void record(Task& t, const std::string& at, const std::vector<std::string>& changes) {
  for (const auto& c : changes) t.history.push_back({at, c});
}

// The ids that start with what was typed first (a shortened id), then the
// nearest by edit distance.
std::vector<std::string> closest_ids(const std::vector<Task>& tasks, std::string_view wanted) {
  std::vector<std::tuple<bool, std::size_t, std::string>> scored;
  for (const auto& t : tasks)
    scored.emplace_back(!t.id.starts_with(wanted), edit_distance(wanted, t.id), t.id);
  std::ranges::sort(scored);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(std::get<2>(scored[i]));
  return out;
}

std::expected<Task, Error> find_in(const std::vector<Task>& all, const std::string& task_id) {
  const auto it = std::ranges::find(all, task_id, &Task::id);
  if (it != all.end()) return *it;
  if (all.empty())
    return std::unexpected(Error{fmt::format("no task `{}`: there are no tasks yet", task_id)});
  std::vector<std::string> quoted;
  for (const auto& id : closest_ids(all, task_id)) quoted.push_back(fmt::format("`{}`", id));
  return std::unexpected(Error{
      fmt::format("no task `{}`; the closest: {} (`quarterdeck tasks list --all` lists every one)",
                  task_id, join(quoted, ", "))});
}

// Changes one task (any portfolio's) in one transaction with its event.
// `change` edits the task and returns its event, or nothing when there is
// nothing to record; the task as saved is returned.
template <typename Change>
std::expected<Task, Error> change_task(store::Store& store, const std::string& task_id,
                                       Change change) {
  Task out;
  auto saved = store.update_tasks(
      "", [&](const std::vector<Task>& all) -> std::expected<store::Store::TaskUpdate, Error> {
        auto found = find_in(all, task_id);
        if (!found) return std::unexpected(found.error());
        out = std::move(*found);
        auto event = change(out);
        if (!event) return std::unexpected(event.error());
        if (!*event) return store::Store::TaskUpdate{};
        return store::Store::TaskUpdate{{out}, {std::move(**event)}};
      });
  if (!saved) return std::unexpected(saved.error());
  return out;
}

}  // namespace

std::vector<ActionItem> action_items(const std::vector<const ReportDocument*>& documents) {
  std::vector<ActionItem> out;
  std::unordered_map<std::string, std::size_t> seen;  // key -> index in out
  const auto add = [&](ActionItem item) {
    if (item.owner_role.empty() || !item.due || item.key.empty()) return;
    if (seen.contains(item.key)) return;
    seen.emplace(item.key, out.size());
    out.push_back(std::move(item));
  };
  for (const ReportDocument* doc : documents) {
    for (const auto& r : doc->recommendations) {
      const Finding* f = finding_by_id(*doc, r.finding_id);
      if (f == nullptr) continue;
      add({key_of_finding(*f), action_of(*f, r.text), r.owner, r.due, false, doc->report_id, f->id,
           f->title, f->entity, f->evidence});
    }
    for (const auto& t : doc->timeline) {
      if (t.id.empty()) continue;
      if (const Finding* f = finding_by_id(*doc, t.id); f != nullptr) {
        add({key_of_finding(*f), action_of(*f, t.action), t.owner, t.date, false, doc->report_id,
             f->id, f->title, f->entity, f->evidence});
        continue;
      }
      const bool planned = t.id.starts_with("planned-");
      Evidence where{
          t.source.starts_with("action ") ? "portfolio.toml" : t.source,
          fmt::format("{}{} due {}: {}", planned ? "planned action " : "open handoff item",
                      planned ? t.id.substr(8) : "", t.date.to_string(), t.action)};
      add({t.id, t.action, t.owner, t.date, true, doc->report_id, "", "", "", {std::move(where)}});
    }
  }
  return out;
}

std::set<std::string> live_keys(const std::vector<const ReportDocument*>& documents,
                                const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const auto& item : action_items(documents)) out.insert(item.key);
  for (const auto& f : findings) {
    out.insert(key_of_finding(f));
    for (const auto& id : f.merged) {
      out.insert(id.starts_with("overdue-") ? "handoff-" + id.substr(8) : id);
      out.insert(id);
    }
  }
  return out;
}

TaskState task_state(std::vector<Task> stored, const std::vector<const ReportDocument*>& documents,
                     const std::vector<Finding>& findings, const Redactor& redactor) {
  TaskState state;
  state.tasks = std::move(stored);
  for (const auto& key : live_keys(documents, findings)) state.present.insert(redactor.apply(key));
  for (const auto& f : findings) {
    const std::string key = key_of_finding(f);
    if (!key.starts_with("handoff-")) state.titles.emplace(redactor.apply(key), f.title);
  }
  for (const auto& item : action_items(documents)) {
    state.titles.emplace(redactor.apply(item.key),
                         item.key.starts_with("handoff-") || item.finding_title.empty()
                             ? item.title
                             : item.finding_title);
  }
  return state;
}

std::string task_id(std::string_view portfolio, std::string_view key) {
  return "t-" + sha256_hex(fmt::format("{}|{}", portfolio, key)).substr(0, 8);
}

std::string owner_address(const Portfolio& portfolio, std::string_view role) {
  const auto it = portfolio.recipients.find(std::string(role));
  return it == portfolio.recipients.end() || it->second.empty() ? "" : it->second.front();
}

std::string event_payload(const Task& task, const std::vector<std::string>& changes) {
  const nlohmann::json j = {{"task", task_json(task)}, {"changes", changes}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Reconciled reconcile(const std::vector<Task>& existing, const std::vector<ActionItem>& items,
                     const std::set<std::string>& live, const std::set<std::string>& reports,
                     const Portfolio& portfolio, const std::string& portfolio_name, Date as_of,
                     std::int64_t now, const Redactor& redactor) {
  Reconciled out;
  std::map<std::string, Task> by_key;
  for (const auto& t : existing) by_key.emplace(t.key, t);
  const std::string at = as_of.to_string();
  std::set<std::string> present;
  for (const auto& item : items) {
    present.insert(item.key);
    // The address passes the Redactor like everything the store keeps (an
    // address from a ${VAR} is a secret of its portfolio).
    const std::string owner = redactor.apply(owner_address(portfolio, item.owner_role));
    const auto it = by_key.find(item.key);
    if (it == by_key.end()) {
      Task t;
      t.id = task_id(portfolio_name, item.key);
      t.key = item.key;
      t.portfolio = portfolio_name;
      t.title = item.title;
      t.owner_role = item.owner_role;
      t.owner = owner;
      t.due = item.due;
      t.dated_by_plan = item.dated_by_plan;
      t.source_report = item.source_report;
      t.finding_id = item.finding_id;
      t.finding_title = item.finding_title;
      t.entity = item.entity;
      t.evidence = item.evidence;
      t.first_seen = as_of;
      t.last_seen = as_of;
      record(t, at, {fmt::format("created from the {} report", item.source_report)});
      out.events.push_back(make_event("task.created", t, {}, "created", now, &redactor));
      out.changed.push_back(std::move(t));
      ++out.created;
      continue;
    }
    Task t = it->second;
    std::vector<std::string> changes;
    if (t.status == TaskStatus::resolved) {
      t.status = TaskStatus::open;
      t.resolved_at.reset();
      t.done_at.clear();
      t.done_note.clear();
      changes.push_back(std::string(k_change_found_again));
    }
    if (t.status == TaskStatus::snoozed && t.snoozed_until && *t.snoozed_until <= as_of) {
      changes.push_back(fmt::format("{}{}", k_change_snooze_ended, t.snoozed_until->to_string()));
      t.status = TaskStatus::open;
      t.snoozed_until.reset();
    }
    if (item.owner_role != t.owner_role) {
      changes.push_back(fmt::format("{}{} -> {}", k_change_owner, t.owner_role, item.owner_role));
      t.owner_role = item.owner_role;
    }
    if (owner != t.owner) t.owner = owner;
    // A date from the data moves either way; one from the severity only
    // comes nearer (each run would otherwise push it a week on).
    const bool moves =
        item.due && item.due != t.due && (item.dated_by_plan || !t.due || *item.due < *t.due);
    if (moves) {
      changes.push_back(
          fmt::format("{}{} -> {}", k_change_due, date_text(t.due), item.due->to_string()));
      t.due = item.due;
    }
    t.dated_by_plan = item.dated_by_plan;
    t.title = item.title;
    t.finding_id = item.finding_id;
    t.finding_title = item.finding_title;
    if (!item.entity.empty()) t.entity = item.entity;
    t.evidence = item.evidence;
    t.last_seen = std::max(t.last_seen, as_of);
    if (t.status == TaskStatus::done) out.done_still_present.push_back(t.id);
    if (!changes.empty()) {
      record(t, at, changes);
      out.events.push_back(make_event("task.updated", t, changes,
                                      fmt::format("{}|{}", at, join(changes, "; ")), now,
                                      &redactor));
      ++out.updated;
    }
    out.changed.push_back(std::move(t));
  }
  for (const auto& [key, stored] : by_key) {
    if (present.contains(key) || live.contains(key) || stored.status == TaskStatus::resolved)
      continue;
    if (!reports.contains(stored.source_report)) continue;
    Task t = stored;
    const bool was_done = t.status == TaskStatus::done;
    t.status = TaskStatus::resolved;
    t.resolved_at = as_of;
    t.snoozed_until.reset();
    const std::string why =
        fmt::format("{}{}", k_change_resolved,
                    was_done ? "marked done, and no longer found" : "no longer found");
    record(t, at, {why});
    out.events.push_back(make_event("task.resolved", t, {why}, at, now, &redactor));
    out.changed.push_back(std::move(t));
    ++out.resolved;
  }
  return out;
}

std::expected<Reconciled, Error> reconcile_tasks(
    store::Store& store, const Portfolio& portfolio,
    const std::vector<const ReportDocument*>& documents, const std::vector<Finding>& findings,
    Date as_of, const Clock& clock, const Redactor& redactor) {
  const std::string name = redactor.apply(portfolio.name);
  std::set<std::string> reports;
  for (const ReportDocument* d : documents) reports.insert(d->report_id);
  // Keys and finding ids are slugs of what the data says (a known issue's
  // title): they pass the Redactor like everything the store keeps.
  auto items = action_items(documents);
  for (auto& item : items) {
    item.key = redactor.apply(item.key);
    item.finding_id = redactor.apply(item.finding_id);
  }
  std::set<std::string> live;
  for (const auto& key : live_keys(documents, findings)) live.insert(redactor.apply(key));
  Reconciled r;
  auto saved = store.update_tasks(
      name,
      [&](const std::vector<Task>& existing) -> std::expected<store::Store::TaskUpdate, Error> {
        r = reconcile(existing, items, live, reports, portfolio, name, as_of, clock.now_unix(),
                      redactor);
        return store::Store::TaskUpdate{r.changed, r.events};
      });
  if (!saved) return std::unexpected(saved.error());
  return r;
}

std::expected<Task, Error> find_task(store::Store& store, const std::string& task_id) {
  auto all = store.tasks("");
  if (!all) return std::unexpected(all.error());
  return find_in(*all, task_id);
}

std::expected<Task, Error> mark_task_done(store::Store& store, const std::string& task_id,
                                          const std::string& note, std::int64_t now,
                                          const Redactor* redactor) {
  using Event = std::optional<store::Event>;
  return change_task(store, task_id, [&](Task& t) -> std::expected<Event, Error> {
    if (t.status == TaskStatus::done) return Event{};  // done twice is done once
    const std::string clean = redactor != nullptr ? redactor->apply(note) : note;
    const bool resolved = t.status == TaskStatus::resolved;
    t.done_at = format_utc(now);
    t.done_note = clean;
    std::vector<std::string> changes;
    if (resolved) {
      // Already closed by a run: the person's word is recorded, the state stays.
      changes.push_back(clean.empty() ? "marked done (already resolved)"
                                      : fmt::format("marked done (already resolved): {}", clean));
    } else {
      t.status = TaskStatus::done;
      t.snoozed_until.reset();
      changes.push_back(clean.empty() ? "marked done" : fmt::format("marked done: {}", clean));
    }
    record(t, t.done_at, changes);
    return Event{make_event("task.updated", t, changes, "done|" + t.done_at, now, redactor)};
  });
}

std::expected<Task, Error> snooze_task(store::Store& store, const std::string& task_id, Date until,
                                       std::int64_t now) {
  using Event = std::optional<store::Event>;
  return change_task(store, task_id, [&](Task& t) -> std::expected<Event, Error> {
    if (t.status == TaskStatus::resolved) {
      return std::unexpected(
          Error{fmt::format("task `{}` was resolved on {}: there is nothing to snooze", task_id,
                            date_text(t.resolved_at))});
    }
    std::vector<std::string> changes;
    changes.push_back(t.status == TaskStatus::done
                          ? fmt::format("reopened and snoozed until {}", until.to_string())
                          : fmt::format("snoozed until {}", until.to_string()));
    t.status = TaskStatus::snoozed;
    t.snoozed_until = until;
    t.done_at.clear();
    t.done_note.clear();
    const std::string at = format_utc(now);
    record(t, at, changes);
    return Event{make_event("task.updated", t, changes, "snooze|" + at, now, nullptr)};
  });
}

}  // namespace quarterdeck::tasks
