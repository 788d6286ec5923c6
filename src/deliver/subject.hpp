// The subject line of a report's message: the headline a reader sees in the
// inbox before opening it (docs/reports.md, "E-mail subject").
//
//   [Quarterdeck] CEO, 16 Nov: 3 decisions — TITLE; TITLE
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "model/report.hpp"
#include "util/redact.hpp"

namespace quarterdeck::deliver {

// At most this many code points after the prefix; the titles are shortened
// to fit.
inline constexpr std::size_t k_subject_budget = 100;

// The decisions of a report (model/decisions.hpp): the same number the
// CEO's `decisions` section lists.
std::size_t decision_count(const ReportDocument& doc);

// The report's short name: CEO, CTO, CFO, CMO, Accounting for the personas;
// otherwise the title without a trailing " report" and then a trailing
// " daily", " weekly", " monthly" or " quarterly".
std::string short_name(const ReportDocument& doc);

// The subject: `prefix` (the configured subject_prefix, may be empty), the
// short name, the day and month of the as-of date, the number of decisions
// and the first one or two of their titles. Every part passes `redactor`
// before it is measured and shortened, so a secret is never cut in two and
// half shown.
std::string subject_for(const ReportDocument& doc, std::string_view prefix,
                        const Redactor& redactor);

}  // namespace quarterdeck::deliver
