// The week's decisions: which findings of a report a reader must decide on
// this week. One rule, read by the CEO's `decisions` section and by the
// e-mail subject that counts them, so both say the same number.
#pragma once

#include <cstddef>
#include <vector>

#include "model/report.hpp"

namespace quarterdeck {

inline constexpr int k_decision_days = 7;  // "this week": due within seven days of the as-of date
inline constexpr std::size_t k_max_decisions = 5;

// Critical or high.
bool is_serious(const Finding& f);
// Due, or landing, within k_decision_days of `as_of`.
bool due_this_week(const Finding& f, Date as_of);
// At most k_max_decisions findings, in the document's (ranked) order: the
// serious ones due this week, then the other serious ones.
std::vector<const Finding*> decision_findings(const ReportDocument& doc);

}  // namespace quarterdeck
