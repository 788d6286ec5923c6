#include "util/date.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>

namespace quarterdeck {
namespace {

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  if (s.empty()) return std::nullopt;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

std::chrono::year_month_day ymd_of(int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

}  // namespace

const char* Date::range_text() { return "a date from 1900-01-01 to 2999-12-31"; }

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < k_first_year || year > k_last_year || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return calendar(year, month, day);
}

Date Date::calendar(int year, int month, int day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return Date(static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const char sep = text[4];
  if ((sep != '-' && sep != '/') || text[7] != sep) return std::nullopt;
  const auto y = parse_int(text.substr(0, 4));
  const auto m = parse_int(text.substr(5, 2));
  const auto d = parse_int(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return from_ymd(*y, *m, *d);
}

int Date::year() const { return static_cast<int>(ymd_of(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(ymd_of(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(ymd_of(days_).day())); }
int Date::weekday() const {
  return static_cast<int>(
      std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days_}}}.c_encoding());
}

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year(), month(), day());
}

std::string Date::short_text(Date reference) const {
  static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const char* month_name = k_months[static_cast<std::size_t>(month() - 1)];
  return year() == reference.year() ? fmt::format("{} {}", day(), month_name)
                                    : fmt::format("{} {} {}", day(), month_name, year());
}

std::optional<Month> Month::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const auto y = parse_int(text.substr(0, 4));
  const auto m = parse_int(text.substr(5, 2));
  if (!y || !m || *m < 1 || *m > 12 || *y < Date::k_first_year || *y > Date::k_last_year) return std::nullopt;
  return Month(*y, *m);
}

Month Month::plus(int months) const {
  Month m;
  m.index_ = index_ + months;
  return m;
}

Date Month::first_day() const { return Date::calendar(year(), month(), 1); }
Date Month::last_day() const { return plus(1).first_day().plus_days(-1); }
int Month::days() const { return first_day().days_until(plus(1).first_day()); }

std::string Month::to_string() const { return fmt::format("{:04}-{:02}", year(), month()); }

std::string Month::name() const {
  static constexpr std::array<const char*, 12> k_names = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {}", k_names[static_cast<std::size_t>(month() - 1)], year());
}

}  // namespace quarterdeck
