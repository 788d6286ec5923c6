// A task: one action item a report named (a finding's recommendation, an
// open handoff item, a planned action), followed across runs until its
// finding disappears. The store keeps them (store/store.hpp); src/tasks/
// extracts them from the reports and reconciles them after each real run;
// the `follow-up` section (analyze/sections/follow_up.hpp) reads them.
#pragma once

#include <map>
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

// The words a run writes in a task's history (TaskChange::what, `at` the
// run's as-of date), read back by task_before.
inline constexpr std::string_view k_change_found_again = "found again";
inline constexpr std::string_view k_change_snooze_ended = "snooze ended ";  // + the date it ended
inline constexpr std::string_view k_change_owner = "owner ";                // + "OLD -> NEW"
inline constexpr std::string_view k_change_due = "due ";  // + "OLD -> NEW" (OLD may be empty)
inline constexpr std::string_view k_change_resolved = "resolved: ";  // + why

// The task as it was before any run as of `date` or later changed it:
// none when such a run created it. A run of the same date again (a re-run,
// a resumed slot) reads the tasks as the first run of that date did, so its
// reports are the same bytes and nothing is sent twice. What a person did
// (done, snooze) stands.
std::optional<Task> task_before(const Task& task, Date date);

// What the `follow-up` section reads: the tasks as the store had them
// before this run, the keys (Task::key) of what this run still finds (a
// task whose key is not among them is closed by this run), and what this
// run calls each of them (its finding's title, else the action).
struct TaskState {
  std::vector<Task> tasks;
  std::set<std::string> present;
  std::map<std::string, std::string> titles;  // key -> title in this run
};

}  // namespace quarterdeck
