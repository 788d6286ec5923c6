// Five-field cron expressions (minute hour day-of-month month day-of-week,
// with names such as MON and JAN, ranges, steps, lists, and the macros
// @hourly, @daily, @midnight, @weekly, @monthly, @yearly and @annually),
// checked and evaluated in an IANA time zone (docs/operations.md "Time
// zones and daylight saving").
#pragma once

#include <cctz/time_zone.h>

#include <bitset>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck {

struct CronSchedule {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;      // 1-31
  std::bitset<13> months;    // 1-12
  std::bitset<7> weekdays;   // 0 = Sunday (7 is read as 0)
  // As in Vixie cron: when both day fields are restricted, a day matches
  // either; when one is `*`, only the other counts.
  bool any_day_of_month = true;
  bool any_day_of_week = true;
};

// The schedule, or what is wrong ("field 2 (hour): 25 is out of range 0-23").
std::expected<CronSchedule, std::string> parse_cron(std::string_view expression);

// nullopt when valid, else what is wrong.
std::optional<std::string> check_cron(std::string_view expression);

// The first run strictly after `after_unix` (seconds), with the schedule's
// fields read as local time in `zone`. Daylight saving: a local time that a
// spring-forward skips runs once, at the transition (02:30 on a day that
// jumps from 02:00 to 03:00 runs at 03:00); a local time that a fall-back
// repeats runs once, at its first occurrence. nullopt when nothing matches
// within eight years (February 30th).
std::optional<std::int64_t> next_run(const CronSchedule& schedule, std::int64_t after_unix,
                                     const cctz::time_zone& zone);

}  // namespace quarterdeck
