#include "analyze/sections/follow_up.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/task.hpp"

namespace quarterdeck {
namespace {

std::string owner_words(const Task& t) {
  const std::string& role = t.owner_role;
  std::string name = role;
  if (role == "ceo" || role == "cto" || role == "cfo" || role == "cmo") {
    std::ranges::transform(name, name.begin(),
                           [](unsigned char c) { return static_cast<char>(c - 'a' + 'A'); });
  } else if (!name.empty()) {
    name[0] = static_cast<char>(name[0] - (name[0] >= 'a' && name[0] <= 'z' ? 'a' - 'A' : 0));
  }
  return name;
}

// What the reader knows the task by: its problem's title when it has one
// (shorter than the recommendation, and not "this week" weeks later).
// An overdue handoff item's finding title counts the days late as of the
// run that named it: the item's own words instead.
const std::string& what(const Task& t) {
  return t.finding_title.empty() || t.key.starts_with("handoff-") ? t.title : t.finding_title;
}
// (The section sets finding_title to this run's title of the problem,
// TaskState::titles, where this run names it: a re-run of the date reads
// the same words.)

// The person behind the task's role now ([recipients]), as the delivery
// would address them.
std::string address_of(const SectionInput& in, const Task& t) {
  const auto it = in.ctx.portfolio.recipients.find(t.owner_role);
  return it == in.ctx.portfolio.recipients.end() || it->second.empty() ? "" : it->second.front();
}

std::string days(int n) {
  return fmt::format("{} day{}", n, n == 1 ? "" : "s");
}

struct Line {
  const Task* task;
  int late;  // days past due; -1: not due yet (a task marked done)
  std::string status;
};

// "; the first 3 shown, `quarterdeck tasks list` has the other 4" when
// there are more than `shown`.
std::string more_text(std::size_t total, std::size_t shown) {
  return total > shown
             ? fmt::format("; the first {} shown, `quarterdeck tasks list` has the other {}", shown,
                           total - shown)
             : "";
}

}  // namespace

std::vector<Section> follow_up_section(const SectionInput& in) {
  const TaskState* state = in.tasks;
  if (state == nullptr) return {};  // no store: nothing to follow up
  const Date as_of = in.doc.as_of;
  const std::size_t shown =
      in.def.timeline == TimelineOwners::everyone ? k_follow_up_lines : k_follow_up_own_lines;
  const auto mine = [&](const Task& t) {
    return in.def.timeline == TimelineOwners::everyone || t.owner_role == in.def.role;
  };
  std::vector<Line> attention;
  std::vector<Line> closed;
  // The tasks as they were before any run of this date: a re-run of the
  // date says what the first said (the same bytes, so nothing is sent twice).
  std::vector<Task> before;
  for (const auto& stored : state->tasks) {
    if (auto t = task_before(stored, as_of)) {
      if (const auto it = state->titles.find(t->key); it != state->titles.end())
        t->finding_title = it->second;
      before.push_back(std::move(*t));
    }
  }
  if (before.empty()) return {};  // no task before this date (the first run): nothing to follow up
  for (const auto& t : before) {
    if (!mine(t)) continue;
    const bool present = state->present.contains(t.key);
    if (present && t.status == TaskStatus::done) {
      attention.push_back({&t, t.due && *t.due < as_of ? t.due->days_until(as_of) : -1,
                           "marked done, still present"});
      continue;
    }
    const bool snoozed =
        t.status == TaskStatus::snoozed && t.snoozed_until && *t.snoozed_until > as_of;
    if (present && t.status != TaskStatus::resolved && !snoozed && t.due && *t.due < as_of) {
      attention.push_back({&t, t.due->days_until(as_of), "open"});
      continue;
    }
    // Closed by this run, or by an earlier run of this date or since the
    // report's previous one.
    if (!present && t.status != TaskStatus::resolved) {
      closed.push_back(
          {&t, 0,
           t.status == TaskStatus::done ? "marked done, and no longer found" : "no longer found"});
    } else if (!present && t.resolved_at &&
               (*t.resolved_at == as_of ||
                (in.doc.previous_as_of && *t.resolved_at > *in.doc.previous_as_of))) {
      closed.push_back(
          {&t, 0, t.done_at.empty() ? "no longer found" : "marked done, and no longer found"});
    }
  }
  std::ranges::stable_sort(attention, [](const Line& a, const Line& b) {
    return a.late != b.late ? a.late > b.late : what(*a.task) < what(*b.task);
  });
  std::ranges::stable_sort(closed, {}, [](const Line& l) { return what(*l.task); });

  Section overdue{"follow-up", "Follow-up: overdue actions",
                  "",          {"Action", "Owner", "Late", "Due", "Task", "Address"},
                  {},          {"Due", "Task", "Address"}};
  for (std::size_t i = 0; i < attention.size() && i < shown; ++i) {
    const Line& l = attention[i];
    std::string late = l.late >= 0 ? days(l.late) : "";
    if (l.status != "open") late += (late.empty() ? "" : "; ") + l.status;
    overdue.rows.push_back({what(*l.task), owner_words(*l.task), late,
                            l.task->due ? l.task->due->to_string() : "", l.task->id,
                            address_of(in, *l.task)});
  }
  const auto flagged = static_cast<std::size_t>(
      std::ranges::count_if(attention, [](const Line& l) { return l.status != "open"; }));
  const std::size_t late_open = attention.size() - flagged;
  if (attention.empty()) {
    overdue.note = "No action named in an earlier report is past its due date.";
  } else {
    std::vector<std::string> parts;
    if (late_open > 0) {
      parts.push_back(fmt::format("{} action{} past {} due date and still found", late_open,
                                  late_open == 1 ? "" : "s", late_open == 1 ? "its" : "their"));
    }
    if (flagged > 0) {
      parts.push_back(
          fmt::format("{} action{} marked done but still found", flagged, flagged == 1 ? "" : "s"));
    }
    overdue.note = fmt::format("{}{}.", parts.size() == 2 ? parts[0] + "; " + parts[1] : parts[0],
                               more_text(attention.size(), shown));
    overdue.note[0] = static_cast<char>(
        overdue.note[0] >= 'a' && overdue.note[0] <= 'z' ? overdue.note[0] - 32 : overdue.note[0]);
  }

  Section done{"follow-up-closed",
               "Closed since the last report",
               "",
               {"Action", "Owner", "How", "Task", "Address"},
               {},
               {"Task", "Address"}};
  for (std::size_t i = 0; i < closed.size() && i < shown; ++i) {
    const Line& l = closed[i];
    done.rows.push_back(
        {what(*l.task), owner_words(*l.task), l.status, l.task->id, address_of(in, *l.task)});
  }
  if (closed.empty()) {
    done.note = "No action was closed since the last report.";
  } else {
    done.note = fmt::format("{} action{} closed: the problem behind {} is no longer found{}.",
                            closed.size(), closed.size() == 1 ? "" : "s",
                            closed.size() == 1 ? "it" : "each", more_text(closed.size(), shown));
  }
  if (attention.empty() && closed.empty()) {
    // One line says both.
    overdue.note = "Nothing overdue, and nothing closed since the last report.";
    return {std::move(overdue)};
  }
  std::vector<Section> out;
  out.push_back(std::move(overdue));
  if (!closed.empty()) out.push_back(std::move(done));
  return out;
}

}  // namespace quarterdeck
