#include "analyze/recurring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace quarterdeck {
namespace {

int months_of(Cadence c) {
  return c == Cadence::quarterly ? 3 : 1;
}

// Whether `later` is within the cadence's tolerance of `earlier` plus one cadence.
bool fits(Date earlier, Date later, Cadence c) {
  const int off = advance(earlier, c, 1).days_until(later);
  return off >= -tolerance_days(c) && off <= tolerance_days(c);
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

}  // namespace

std::string_view cadence_name(Cadence c) {
  switch (c) {
    case Cadence::weekly:
      return "weekly";
    case Cadence::monthly:
      return "monthly";
    case Cadence::quarterly:
      return "quarterly";
  }
  return "monthly";
}

int tolerance_days(Cadence c) {
  switch (c) {
    case Cadence::weekly:
      return 1;
    case Cadence::monthly:
      return 3;
    case Cadence::quarterly:
      return 7;
  }
  return 0;
}

Date advance(Date from, Cadence c, int count) {
  if (c == Cadence::weekly) return from.plus_days(7 * count);
  const Month m = Month::of(from).plus(months_of(c) * count);
  const int day = std::min(from.day(), m.days());
  return m.first_day().plus_days(day - 1);
}

std::vector<Date> RecurringExpense::expected(Date after, Date until) const {
  std::vector<Date> out;
  for (int k = 1;; ++k) {
    const Date next = advance(last(), cadence, k);
    if (next > until) break;
    if (next > after) {
      out.push_back(next);
    } else if (after.days_until(next) >= -tolerance_days(cadence) && after.plus_days(1) <= until) {
      out.push_back(after.plus_days(1));  // due, not in the books yet
    }
  }
  return out;
}

std::string RecurringExpense::cadence_text() const {
  static constexpr std::array<std::string_view, 7> k_days = {
      "Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"};
  if (cadence == Cadence::weekly)
    return fmt::format("weekly on {}", k_days[static_cast<std::size_t>(last().weekday())]);
  return fmt::format("{} on the {}", cadence_name(cadence), ordinal(last().day()));
}

std::string RecurringExpense::places_text() const {
  std::string out;
  const std::size_t from = run.size() > 3 ? run.size() - 3 : 0;
  for (std::size_t i = from; i < run.size(); ++i) {
    const std::string& place = run[i].place;
    if (i == from) {
      out = place;
      continue;
    }
    // ", :245" when the file is the same as the first's.
    const auto colon = place.rfind(':');
    const auto first_colon = run[from].place.rfind(':');
    if (colon != std::string::npos && first_colon != std::string::npos &&
        place.substr(0, colon) == run[from].place.substr(0, first_colon)) {
      out += ", " + place.substr(colon);
    } else {
      out += ", " + place;
    }
  }
  return out;
}

std::optional<RecurringExpense> find_recurring(std::string payee, std::string account,
                                               std::vector<Payment> payments, Date as_of) {
  std::erase_if(payments, [&](const Payment& p) { return p.date > as_of; });
  std::ranges::stable_sort(payments, {}, &Payment::date);
  // One payment a day: the same day's postings are summed.
  std::vector<Payment> days;
  for (auto& p : payments) {
    if (!days.empty() && days.back().date == p.date) {
      days.back().amount += p.amount;
      days.back().place = p.place;  // the later line
    } else {
      days.push_back(std::move(p));
    }
  }
  if (days.size() < 3) return std::nullopt;
  for (const Cadence c : {Cadence::weekly, Cadence::monthly, Cadence::quarterly}) {
    std::size_t start = days.size() - 1;
    while (start > 0 && fits(days[start - 1].date, days[start].date, c)) --start;
    if (days.size() - start < 3) continue;
    // Still running: the next payment is not overdue by more than the tolerance.
    if (advance(days.back().date, c, 1).plus_days(tolerance_days(c)) < as_of) return std::nullopt;
    RecurringExpense r;
    r.payee = std::move(payee);
    r.account = std::move(account);
    r.cadence = c;
    r.amount = days.back().amount;
    r.run.assign(std::make_move_iterator(days.begin() + static_cast<std::ptrdiff_t>(start)),
                 std::make_move_iterator(days.end()));
    return r;
  }
  return std::nullopt;
}

namespace {

enum class Side { expenses, income };

std::vector<RecurringExpense> recurring(const AnalysisContext& ctx, const Entity& e, Side side) {
  std::vector<RecurringExpense> out;
  if (!ctx.data.journal) return out;
  const Journal& journal = *ctx.data.journal;
  std::map<std::pair<std::string, std::string>, std::vector<Payment>> groups;  // (account, payee)
  for (const PostingRef& ref : ctx.postings_of(e.id)) {
    const Posting& p = *ref.p;
    if (p.kind != PostingKind::real || p.date > ctx.as_of) continue;
    const std::string& account = journal.account_name(p);
    const bool wanted = side == Side::expenses
                            ? account.starts_with("Expenses:")
                            : account.starts_with("Income:") || account.starts_with("Revenue:");
    if (!wanted) continue;
    auto amount = in_currency(journal, p, ctx.portfolio.currency);
    if (!amount) continue;
    if (side == Side::income) amount = -*amount;
    if (amount->units() <= 0) continue;
    groups[{account, std::string(ref.t->payee)}].push_back(
        {p.date, *amount, journal.where(*ref.t, p)});
  }
  for (auto& [key, payments] : groups) {
    if (key.second.empty()) continue;
    if (auto r = find_recurring(key.second, key.first, std::move(payments), ctx.as_of))
      out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace

std::vector<RecurringExpense> recurring_expenses(const AnalysisContext& ctx, const Entity& e) {
  return recurring(ctx, e, Side::expenses);
}

std::vector<RecurringExpense> recurring_income(const AnalysisContext& ctx, const Entity& e) {
  return recurring(ctx, e, Side::income);
}

}  // namespace quarterdeck
