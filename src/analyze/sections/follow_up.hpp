// `follow-up`: what became of the actions earlier reports named (issue 14's
// tasks): the ones past their due date and still found, with their owner
// and how many days late, those marked done whose problem is still found
// ("marked done, still present"), and those closed since the last report.
// Read from the store's tasks as the previous run left them and this run's
// action items (TaskState, model/task.hpp); a report without a store has no
// such section (nothing is invented).
#pragma once

#include <vector>

#include "analyze/sections/catalogue.hpp"

namespace quarterdeck {

// At most this many lines in each of the two tables, in the CEO's report
// (everyone's tasks) and in a role's; the note says how many more there are
// and where (`quarterdeck tasks list`). The report stays within its length
// budget.
inline constexpr std::size_t k_follow_up_lines = 5;
inline constexpr std::size_t k_follow_up_own_lines = 3;

// The CEO's (a report whose timeline is everyone's) shows every owner's
// tasks; the others only those of their `role`. Snoozed tasks are not
// overdue before their date.
std::vector<Section> follow_up_section(const SectionInput& in);

}  // namespace quarterdeck
