// Calendar dates (no time of day, no zone) and months.
//
// A Date is a day number; arithmetic and comparison are on that number.
// Parsing accepts YYYY-MM-DD and YYYY/MM/DD; formatting writes YYYY-MM-DD.
//
// Every date read from input lies in one range, k_first_date to k_last_date
// (1900-01-01 to 2999-12-31, docs/config.md "Input limits"): parse() and
// from_ymd() refuse anything outside it, so the arithmetic the analysis does
// on a date (a few years either way) always stays a valid calendar date.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck {

class Date {
 public:
  static constexpr int k_first_year = 1900;
  static constexpr int k_last_year = 2999;
  // "1900-01-01 to 2999-12-31": what an error says was expected.
  static const char* range_text();

  Date() = default;
  static std::optional<Date> parse(std::string_view text);  // YYYY-MM-DD or YYYY/MM/DD
  // nullopt for an invalid calendar date or one outside the range.
  static std::optional<Date> from_ymd(int year, int month, int day);

  int year() const;
  int month() const;  // 1-12
  int day() const;    // 1-31
  int weekday() const;  // 0 = Sunday .. 6 = Saturday

  Date plus_days(int days) const { return Date(days_ + days); }
  int days_until(Date later) const { return later.days_ - days_; }
  std::string to_string() const;  // YYYY-MM-DD
  // "16 Nov" for the reader of a report dated `reference`; "16 Nov 2027" in
  // another year than the report's.
  std::string short_text(Date reference) const;

  auto operator<=>(const Date&) const = default;

 private:
  friend class Month;
  explicit Date(int days) : days_(days) {}
  // Any valid calendar date, in range or not: for arithmetic on dates that are.
  static Date calendar(int year, int month, int day);
  int days_ = 0;  // days since 1970-01-01
};

// A calendar month, e.g. 2026-10.
class Month {
 public:
  Month() = default;
  Month(int year, int month) : index_(year * 12 + (month - 1)) {}
  static Month of(Date d) { return Month(d.year(), d.month()); }
  static std::optional<Month> parse(std::string_view text);  // YYYY-MM

  int year() const { return index_ / 12; }
  int month() const { return index_ % 12 + 1; }
  Month plus(int months) const;
  Date first_day() const;
  Date last_day() const;
  int days() const;
  bool contains(Date d) const { return Month::of(d) == *this; }
  std::string to_string() const;  // YYYY-MM
  std::string name() const;       // "October 2026"

  auto operator<=>(const Month&) const = default;

 private:
  int index_ = 0;
};

}  // namespace quarterdeck
