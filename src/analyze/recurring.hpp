// Recurring expenses found in the books: the same payee and expense account
// paid at a regular interval (weekly, monthly, quarterly), for the 13-week
// cash forecast (analyze/forecast.hpp). A pure function of the journal and
// the as-of date; docs/reports.md ("cash-forecast") states the rule.
//
// The rule: an entity's `Expenses:` postings in the reporting currency,
// dated on or before as-of, grouped by payee and account (postings of one
// date summed into one payment). A cadence holds between two payments when
// the later one falls within its tolerance of the earlier one plus the
// cadence: weekly 7 days +/- 1 day, monthly one calendar month +/- 3 days,
// quarterly three calendar months +/- 7 days. The payments recur when the
// last three or more of them, each after the one before, all hold one
// cadence (weekly tried first, then monthly, then quarterly), and the
// series is still running: its next payment (the last plus the cadence)
// is not more than the tolerance before as-of. The amount is the last
// payment's (the latest price, not an average of old ones).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/money.hpp"
#include "util/date.hpp"

namespace quarterdeck {

enum class Cadence { weekly, monthly, quarterly };

std::string_view cadence_name(Cadence c);  // "weekly", "monthly", "quarterly"
int tolerance_days(Cadence c);             // 1, 3, 7
// `from` plus `count` cadences: 7 days, or calendar months with the day
// kept (clamped to the month's last day: 31 Jan + 1 month = 28 Feb) and
// counted from `from` itself, so the 31st stays the 31st where there is one.
Date advance(Date from, Cadence c, int count);

// One payment: its date, amount (positive, paid out) and where it is
// written ("books.journal:120").
struct Payment {
  Date date;
  Money amount;
  std::string place;
};

struct RecurringExpense {
  std::string payee;
  std::string account;
  Cadence cadence = Cadence::monthly;
  Money amount;              // the last payment's
  std::vector<Payment> run;  // the regular payments, oldest first (3 or more)
  Date last() const { return run.back().date; }
  // The payments expected after `after` up to and including `until`: the
  // last one plus one cadence, two, ... A payment that was due within the
  // tolerance before `after` and is not in the books yet is expected on the
  // day after `after`.
  std::vector<Date> expected(Date after, Date until) const;
  // "monthly on the 3rd", "weekly on Mondays", "quarterly on the 15th".
  std::string cadence_text() const;
  // "books.journal:120, :245, :390": the last three payments' places.
  std::string places_text() const;
};

// The recurring series in `payments` (one payee and account, any order),
// or nullopt when they do not recur by the rule above as of `as_of`.
std::optional<RecurringExpense> find_recurring(std::string payee, std::string account,
                                               std::vector<Payment> payments, Date as_of);

// Every recurring expense of the entity in the books, by account then payee.
std::vector<RecurringExpense> recurring_expenses(const AnalysisContext& ctx, const Entity& e);
// The same rule over the entity's `Income:`/`Revenue:` credits (amounts
// turned positive): a weekly till close, a monthly subscription payout.
std::vector<RecurringExpense> recurring_income(const AnalysisContext& ctx, const Entity& e);

}  // namespace quarterdeck
