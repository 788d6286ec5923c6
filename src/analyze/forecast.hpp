// The 13-week cash forecast (issue 15): week by week, per entity and for
// the entities of a report together, the cash at the as-of date, what comes
// in, what goes out, and the cash at the end of each week; a downside
// scenario from `[forecast]`; the first week below the floor. A pure
// function of the AnalysisContext (no clock); docs/reports.md
// ("cash-forecast") states every rule.
//
// Weeks run Monday to Sunday. Week 1 is the week that holds the day after
// the as-of date, counting only its days after as-of (all seven when as-of
// is a Sunday); weeks 2 to 13 are whole. Opening cash is the books' cash
// accounts at the end of the as-of date (EntityBooks::cash_at).
//
// Receipts: forward bookings (not cancelled, booked by as-of, served after
// as-of; not invoiced, unless the entity has no rows in the invoices file)
// on their service date (where the entity invoices: plus its median invoice
// terms and the customer's usual delay); open invoices on their due
// date plus the customer's usual delay (the median days late of that
// customer's invoices paid by as-of; the portfolio's median for a customer
// with none; none at all: the due date), in week 1 when that date has
// passed, left out (and said) when more than 90 days past due; recurring
// income in the books from payees who are not customers in those files.
// Payments:
// recurring expenses (analyze/recurring.hpp), planned actions with a cost
// due in the 13 weeks, declared commitments ([forecast.commitments]).
// Actions and commitments of no entity count only in the total.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/money.hpp"
#include "util/date.hpp"

namespace quarterdeck {

inline constexpr int k_forecast_weeks = 13;
// Open invoices more than this many days past due are doubtful: left out.
inline constexpr int k_doubtful_days = 90;

// The week (0 to 12) a date after `as_of` falls in; nullopt when it is on
// or before as-of or after the 13th week.
std::optional<int> forecast_week(Date as_of, Date d);
// The Monday that starts week `week` (0-based); week 0's may be on or before as-of.
Date forecast_week_start(Date as_of, int week);
// The last day of the 13th week.
Date forecast_end(Date as_of);

// The median of `days` (any order): the middle value, or the mean of the
// two middle ones rounded half away from zero; nullopt when empty.
std::optional<int> median_days(std::vector<int> days);
// `amount` less `percent` percent, rounded half away from zero to the
// amount's precision (computed in 128 bits).
Money less_percent(Money amount, std::int64_t percent);

struct ForecastLine {
  enum class Kind { booking, invoice, recurring, action, commitment };
  Kind kind = Kind::booking;
  bool receipt = true;                // cash in; false: cash out
  std::string entity;                 // entity id; empty: portfolio-wide (the total only)
  Date date;                          // when the cash is expected (base case)
  Money amount;                       // positive, in or out
  std::optional<Date> downside_date;  // the downside's date and amount, when either differs
  std::optional<Money> downside_amount;
  std::string what;    // "Booking B-1042 Harbor Dental, served 2026-12-01"
  std::string source;  // "data/bookings.csv:12", "books.journal:120, :245, :390"
};

struct ForecastWeek {
  Date start;  // its Monday
  Money opening, receipts, payments, closing;
  Money downside_closing;  // equal to closing without a downside scenario
};

struct EntityForecast {
  std::string entity;  // entity id; empty: the report's entities together
  std::string name;    // the entity's name, or "All entities"
  // Why it cannot be computed, for the reader ("no cash accounts in the
  // books for Rental 51st: add Assets:R51:Checking"); empty when it can.
  std::string missing;
  Money opening;
  std::vector<ForecastWeek> weeks;          // k_forecast_weeks of them when computed
  std::vector<ForecastLine> lines;          // by date, receipts first
  std::vector<std::string> left_out;        // doubtful invoices left out, in words with their place
  std::optional<int> below_floor;           // first week whose closing is below the floor
  std::optional<int> downside_below_floor;  // the same in the downside
  int lowest_week = 0;                      // the week of the lowest closing (the first such)

  bool computed() const { return missing.empty(); }
};

struct CashForecast {
  Date as_of;
  Money floor;
  bool downside = false;  // a downside scenario is declared
  std::vector<std::string>
      gaps;  // data absent for everyone ("no bookings file: no forward bookings counted")
  std::vector<EntityForecast> entities;  // in scope order
  std::optional<EntityForecast> total;   // with more than one entity in scope
};

CashForecast cash_forecast(const AnalysisContext& ctx, const std::vector<const Entity*>& scope);

// Each customer's usual payment delay in days, as above, for `entity`'s
// open invoices; `basis` says where it came from ("usual delay of 12 days",
// "portfolio's usual delay of 5 days: no paid invoices from this customer").
struct PaymentDelay {
  int days = 0;
  std::string basis;
};
PaymentDelay payment_delay(const AnalysisContext& ctx, const std::string& entity,
                           const std::string& customer);

}  // namespace quarterdeck
