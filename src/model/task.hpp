// A task: one action item a report named (a finding's recommendation, an
// open handoff item, a planned action), followed across runs until its
// finding disappears. The store keeps them (store/store.hpp); src/tasks/
// extracts them from the reports and reconciles them after each real run;
// the `follow-up` section (analyze/sections/follow_up.hpp) reads them.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.hpp"
#include "util/date.hpp"

namespace quarterdeck {

enum class TaskStatus { open, done, snoozed, resolved };

std::string_view to_string(TaskStatus s);
std::optional<TaskStatus> parse_task_status(std::string_view text);

// One change in a task's life, in words ("due 2026-11-20 -> 2026-11-27",
// "marked done: paid on the phone", "resolved: no longer found").
struct TaskChange {
  std::string at;  // when: an as-of date (a run) or an RFC 3339 UTC instant (a person)
  std::string what;
};

struct Task {
  // Stable: "t-" and 8 hex digits of the key, so the same problem keeps its
  // id whatever report names it and however its words change.
  std::string id;
  // What it is about: the finding id ("runway-dangerouscentaur"), a planned
  // action ("planned-jada-getmyboat") or an open handoff item
  // ("handoff-jada-list-the-boat-on-getmyboat").
  std::string key;
  std::string portfolio;   // its name, as the store keeps it (redacted)
  std::string title;       // what to do, in words
  std::string owner_role;  // "cfo"
  std::string owner;       // the role's first address in [recipients]; empty without one
  std::optional<Date> due;
  // The due date comes from the data (a planned action's or handoff item's
  // date), so a later run may move it either way; otherwise it comes from
  // the finding's severity and the task keeps the earliest one it was given.
  bool dated_by_plan = false;
  std::string source_report;  // the first report that named it
  std::string finding_id;     // empty for a planned action or handoff item
  std::string finding_title;
  std::string entity;  // the entity it is about; empty: portfolio-wide or unknown
  std::vector<Evidence> evidence;
  TaskStatus status = TaskStatus::open;
  Date first_seen;  // as-of dates of the runs
  Date last_seen;
  std::optional<Date> resolved_at;
  std::optional<Date> snoozed_until;  // not shown as overdue before this date
  std::string done_at;                // RFC 3339 UTC, when a person marked it done
  std::string done_note;
  std::vector<TaskChange> history;  // oldest first
};

// What the `follow-up` section reads: the tasks as the store had them
// before this run, and the keys (Task::key) of the action items this run's
// reports name. A task whose key is not among them is closed by this run.
struct TaskState {
  std::vector<Task> tasks;
  std::set<std::string> present;
};

}  // namespace quarterdeck
