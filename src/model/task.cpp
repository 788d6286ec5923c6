#include "model/task.hpp"

#include <array>
#include <utility>

namespace quarterdeck {
namespace {

constexpr std::array<std::pair<TaskStatus, std::string_view>, 4> k_names = {{
    {TaskStatus::open, "open"},
    {TaskStatus::done, "done"},
    {TaskStatus::snoozed, "snoozed"},
    {TaskStatus::resolved, "resolved"},
}};

}  // namespace

std::string_view to_string(TaskStatus s) {
  for (const auto& [status, name] : k_names) {
    if (status == s) return name;
  }
  return "open";
}

std::optional<TaskStatus> parse_task_status(std::string_view text) {
  for (const auto& [status, name] : k_names) {
    if (name == text) return status;
  }
  return std::nullopt;
}

std::optional<Task> task_before(const Task& task, Date date) {
  if (task.first_seen >= date) return std::nullopt;
  Task t = task;
  const std::string from = date.to_string();
  // Newest first, each run's change undone: runs write the as-of date
  // ("YYYY-MM-DD"), people an instant (longer), which stands.
  for (auto it = task.history.rbegin(); it != task.history.rend(); ++it) {
    if (it->at.size() != from.size() || it->at < from) continue;
    const std::string_view what = it->what;
    const auto old_value = [&](std::string_view prefix) {
      const std::string_view rest = what.substr(prefix.size());
      return std::string(rest.substr(0, rest.find(" -> ")));
    };
    if (what == k_change_found_again) {
      t.status = TaskStatus::resolved;
    } else if (what.starts_with(k_change_snooze_ended)) {
      t.status = TaskStatus::snoozed;
      t.snoozed_until = Date::parse(what.substr(k_change_snooze_ended.size()));
    } else if (what.starts_with(k_change_owner)) {
      t.owner_role = old_value(k_change_owner);
    } else if (what.starts_with(k_change_due)) {
      const std::string due = old_value(k_change_due);
      t.due = due.empty() ? std::nullopt : Date::parse(due);
    } else if (what.starts_with(k_change_resolved)) {
      t.status = t.done_at.empty() ? TaskStatus::open : TaskStatus::done;
      t.resolved_at.reset();
    }
  }
  return t;
}

}  // namespace quarterdeck
