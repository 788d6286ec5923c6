// Action items as tracked tasks (issue 14). Every action a report names (a
// finding's recommendation, an open handoff item, a planned action) is a
// task with a stable id; after each real run, reconcile_tasks compares the
// run's reports with the store: new items become tasks, items still named
// are seen again (due date and owner changes recorded), and tasks whose
// item is gone are resolved. Each change is appended to the store's events
// (task.created, task.updated, task.resolved) for the integrations, with
// the payload agreed in issue 14, redacted.
//
// The same problem named by several reports (the CEO's and the CFO's) is
// one task: its id comes from what it is about (Task::key: the finding id,
// the planned action's id, the handoff item), never from the report or the
// wording. Its source report is the first that named it.
//
// A person's word is respected: a task marked done stays done while its
// finding persists (the reports flag it "marked done, still present") and
// is resolved when it goes; a snoozed task is not overdue before its date.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/portfolio.hpp"
#include "model/report.hpp"
#include "model/task.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {
class Redactor;
}

namespace quarterdeck::tasks {

// One action item as the reports state it, before it is a task.
struct ActionItem {
  std::string key;  // Task::key
  std::string title;
  std::string owner_role;
  std::optional<Date> due;
  bool dated_by_plan = false;  // Task::dated_by_plan
  std::string source_report;
  std::string finding_id;
  std::string finding_title;
  std::string entity;
  std::vector<Evidence> evidence;
};

// The action items of `documents`, one per problem, in the order the
// documents and then their recommendations and timelines name them: the
// recommendations (each with its finding), then the timeline's open handoff
// items and planned actions. Items without an owner or a due date are not
// action items.
std::vector<ActionItem> action_items(const std::vector<const ReportDocument*>& documents);

// What this run still names: the keys of action_items(documents), and of
// every finding of the run (`findings`: detect_findings, every report's)
// with the items folded into them. A task whose finding persists stays open
// even when no report built this time shows it.
std::set<std::string> live_keys(const std::vector<const ReportDocument*>& documents,
                                const std::vector<Finding>& findings);

// What the reports' `follow-up` section reads (model/task.hpp TaskState):
// `stored`, the store's tasks before this run, with live_keys and what this
// run calls each problem; keys pass `redactor`, as the stored ones did.
TaskState task_state(std::vector<Task> stored, const std::vector<const ReportDocument*>& documents,
                     const std::vector<Finding>& findings, const Redactor& redactor);

// A task's id: "t-" and 8 hex digits of the portfolio's name and the key.
std::string task_id(std::string_view portfolio, std::string_view key);

// The person behind a role: its first address in [recipients], or "".
std::string owner_address(const Portfolio& portfolio, std::string_view role);

// What one reconciliation changed: the tasks to save and the events to
// append (in the order they happened).
struct Reconciled {
  std::vector<Task> changed;
  std::vector<store::Event> events;
  int created = 0, updated = 0, resolved = 0;
  std::vector<std::string>
      done_still_present;  // ids of tasks marked done whose item is still named
};

// The pure part of reconcile_tasks: `existing` are the portfolio's tasks as
// stored, `items` this run's action items, `live` live_keys (a superset of
// the items' keys), `reports` the ids of the reports this run built. A task
// is resolved when its key is not live and the report that first named it
// was built (a run of some reports, `--only`, does not close the others').
// `portfolio_name` is the (redacted) name tasks are kept under; `now`
// stamps the events.
Reconciled reconcile(const std::vector<Task>& existing, const std::vector<ActionItem>& items,
                     const std::set<std::string>& live, const std::set<std::string>& reports,
                     const Portfolio& portfolio, const std::string& portfolio_name, Date as_of,
                     std::int64_t now, const Redactor& redactor);

// After a real run (never a test send, `run --to`): reconciles the
// portfolio's tasks with the run's `documents` (the built reports, already
// redacted) and `findings` (all of the run's, detect_findings) and saves the
// changes and their events in one transaction.
std::expected<Reconciled, Error> reconcile_tasks(
    store::Store& store, const Portfolio& portfolio,
    const std::vector<const ReportDocument*>& documents, const std::vector<Finding>& findings,
    Date as_of, const Clock& clock, const Redactor& redactor);

// Marks task `task_id` done with `note` at `now` (Unix seconds): for `tasks
// done` and for the GitHub read-back (an issue closed there). Appends a
// task.updated event. Done twice is done once (the second changes
// nothing). An unknown id is an error naming the closest ids.
std::expected<Task, Error> mark_task_done(store::Store& store, const std::string& task_id,
                                          const std::string& note, std::int64_t now,
                                          const Redactor* redactor = nullptr);

// Snoozes task `task_id` until `until`: it is not shown as overdue before
// that date. Appends a task.updated event.
std::expected<Task, Error> snooze_task(store::Store& store, const std::string& task_id, Date until,
                                       std::int64_t now);

// The task with `task_id` among the store's; an error naming the closest
// ids when there is none.
std::expected<Task, Error> find_task(store::Store& store, const std::string& task_id);

// The event payload agreed in issue 14: {"task": {...}, "changes": [...]}.
std::string event_payload(const Task& task, const std::vector<std::string>& changes);

}  // namespace quarterdeck::tasks
