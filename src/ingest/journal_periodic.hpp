// Period expressions of periodic transactions (`~ monthly`), as hledger
// 1.25 reads the ones budgets use, and the dates a period falls on.
//
// Understood (words in any case):
//   daily, weekly, biweekly, fortnightly, monthly, bimonthly, quarterly,
//   yearly, annually; `every day|week|month|quarter|year`; `every N days|
//   weeks|months|quarters|years`; each optionally followed by
//   `from DATE` (or `since`), `to DATE` (or `until`), or `in YEAR|MONTH`.
// A DATE is YYYY-MM-DD, YYYY/MM/DD, YYYY-MM (its first day) or YYYY (1 January).
// `to` is exclusive. As in hledger, a `from` date must start its interval
// (a Monday for weeks, the 1st for months, a quarter's or year's first day).
// Anything else (`every 15th day of month`, `every tuesday`, `last month`)
// is an error at the word that is not understood.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/journal.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// Why an expression was refused: `column` is 0-based within the expression.
struct PeriodError {
  int column = 0;
  std::string message;
  std::string expected;
  std::string found;
};

std::expected<Period, PeriodError> parse_period_expression(std::string_view text);

// The dates in [from, to) the period falls on: the first day of each of
// its intervals (a week starts on Monday, a quarter in January, April,
// July or October, a year on 1 January), within its own begin and end.
// An interval of several units with no `from` is counted from the
// interval that holds `from`, as hledger counts it from the report's start.
std::vector<Date> period_occurrences(const Period& period, Date from, Date to);

// The first day of the unit that holds `d` (Monday, the 1st, a quarter's or
// a year's first day).
Date start_of_unit(PeriodUnit unit, Date d);

}  // namespace quarterdeck
