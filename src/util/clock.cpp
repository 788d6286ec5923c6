#include "util/clock.hpp"

#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <chrono>

namespace quarterdeck {

std::int64_t SystemClock::now_unix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_utc(std::int64_t unix_seconds) {
  const auto tp = std::chrono::system_clock::time_point{std::chrono::seconds{unix_seconds}};
  const cctz::civil_second cs = cctz::convert(tp, cctz::utc_time_zone());
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", cs.year(), cs.month(), cs.day(),
                     cs.hour(), cs.minute(), cs.second());
}

bool is_known_time_zone(std::string_view zone) {
  cctz::time_zone tz;
  return cctz::load_time_zone(std::string(zone), &tz);
}

std::optional<Date> date_in_zone(std::int64_t unix_seconds, std::string_view zone) {
  cctz::time_zone tz;
  if (!cctz::load_time_zone(std::string(zone), &tz)) return std::nullopt;
  const auto tp = std::chrono::system_clock::time_point{std::chrono::seconds{unix_seconds}};
  const cctz::civil_day day = cctz::civil_day(cctz::convert(tp, tz));
  return Date::from_ymd(static_cast<int>(day.year()), day.month(), day.day());
}

}  // namespace quarterdeck
