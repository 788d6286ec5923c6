// Hand-written: Debian has no C++ cron-expression library. Time zones and
// daylight saving are cctz's.
#include "config/cron.hpp"

#include <cctz/civil_time.h>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <charconv>
#include <vector>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  std::array<std::string_view, 12> names;  // names[i] means min + i
};

constexpr std::array<FieldSpec, 5> k_fields = {{
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day of month", 1, 31, {}},
    {"month", 1, 12, {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
    {"day of week", 0, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
}};

std::optional<int> value_of(std::string_view s, const FieldSpec& spec) {
  int v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc{} && ptr == s.data() + s.size()) return v;
  for (std::size_t i = 0; i < spec.names.size(); ++i) {
    if (!spec.names[i].empty() && to_lower(spec.names[i]) == to_lower(s)) {
      return spec.min + static_cast<int>(i);
    }
  }
  return std::nullopt;
}

// Sets the values `field` names in `bits` (index = value); the error says
// which field and why.
template <std::size_t N>
std::optional<std::string> parse_field(std::string_view field, const FieldSpec& spec, int index, std::bitset<N>& bits) {
  const auto fail = [&](std::string why) {
    return fmt::format("field {} ({}): {}", index + 1, spec.name, why);
  };
  for (const auto part : split(field, ',')) {
    std::string_view range = part;
    int step = 1;
    bool stepped = false;
    if (const auto slash = part.find('/'); slash != std::string_view::npos) {
      range = part.substr(0, slash);
      const auto text = part.substr(slash + 1);
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), step);
      if (ec != std::errc{} || ptr != text.data() + text.size() || step <= 0) {
        return fail(fmt::format("step '{}' is not a positive number", text));
      }
      stepped = true;
    }
    int low = spec.min;
    int high = spec.max;
    if (range != "*") {
      const auto dash = range.find('-');
      const auto first = value_of(range.substr(0, dash), spec);
      if (!first) return fail(fmt::format("'{}' is not a value", range.substr(0, dash)));
      low = *first;
      high = *first;
      if (dash != std::string_view::npos) {
        const auto last = value_of(range.substr(dash + 1), spec);
        if (!last) return fail(fmt::format("'{}' is not a value", range.substr(dash + 1)));
        high = *last;
      } else if (stepped) {
        high = spec.max;  // "5/15": from 5 to the end, every 15
      }
      for (const int v : {low, high}) {
        if (v < spec.min || v > spec.max) return fail(fmt::format("{} is out of range {}-{}", v, spec.min, spec.max));
      }
      if (high < low) return fail(fmt::format("range {}-{} runs backwards", low, high));
    }
    for (int v = low; v <= high; v += step) bits.set(static_cast<std::size_t>(v) % N);
  }
  return std::nullopt;
}

// The macros, as their five fields.
std::optional<std::string_view> macro(std::string_view word) {
  if (word == "@hourly") return "0 * * * *";
  if (word == "@daily" || word == "@midnight") return "0 0 * * *";
  if (word == "@weekly") return "0 0 * * 0";
  if (word == "@monthly") return "0 0 1 * *";
  if (word == "@yearly" || word == "@annually") return "0 0 1 1 *";
  return std::nullopt;
}

bool day_matches(const CronSchedule& s, const cctz::civil_day& day) {
  const bool dom = s.days.test(static_cast<std::size_t>(day.day()));
  const int weekday = (static_cast<int>(cctz::get_weekday(day)) + 1) % 7;  // cctz: Monday = 0
  const bool dow = s.weekdays.test(static_cast<std::size_t>(weekday));
  if (!s.any_day_of_month && !s.any_day_of_week) return dom || dow;
  if (!s.any_day_of_month) return dom;
  if (!s.any_day_of_week) return dow;
  return true;
}

}  // namespace

std::expected<CronSchedule, std::string> parse_cron(std::string_view expression) {
  std::string_view text = trim(expression);
  if (text.starts_with('@')) {
    const auto fields = macro(text);
    if (!fields) return std::unexpected(fmt::format("unknown macro '{}' (@hourly, @daily, @weekly, @monthly, @yearly)", text));
    text = *fields;
  }
  std::array<std::string_view, 5> fields{};
  std::size_t count = 0;
  for (const auto word : split(text, ' ')) {
    if (word.empty()) continue;
    if (count == fields.size()) return std::unexpected("more than five fields");
    fields[count++] = word;
  }
  if (count != fields.size()) return std::unexpected(fmt::format("{} fields, expected five", count));
  CronSchedule s;
  std::bitset<8> weekdays;
  std::optional<std::string> problem = parse_field(fields[0], k_fields[0], 0, s.minutes);
  if (!problem) problem = parse_field(fields[1], k_fields[1], 1, s.hours);
  if (!problem) problem = parse_field(fields[2], k_fields[2], 2, s.days);
  if (!problem) problem = parse_field(fields[3], k_fields[3], 3, s.months);
  if (!problem) problem = parse_field(fields[4], k_fields[4], 4, weekdays);
  if (problem) return std::unexpected(*problem);
  for (std::size_t d = 0; d < 8; ++d) {
    if (weekdays.test(d)) s.weekdays.set(d % 7);  // 7 is Sunday too
  }
  s.any_day_of_month = fields[2] == "*";
  s.any_day_of_week = fields[4] == "*";
  return s;
}

std::optional<std::string> check_cron(std::string_view expression) {
  auto parsed = parse_cron(expression);
  if (parsed) return std::nullopt;
  return parsed.error();
}

std::optional<std::int64_t> next_run(const CronSchedule& s, std::int64_t after_unix, const cctz::time_zone& zone) {
  using seconds = std::chrono::seconds;
  const auto after = std::chrono::time_point_cast<seconds>(std::chrono::system_clock::from_time_t(0)) +
                     seconds(after_unix);
  // Local civil times are walked forward from the minute of `after`; their
  // instants never go backwards (a skipped time is its transition, a
  // repeated one its first occurrence), so the first instant past `after`
  // is the next run.
  const cctz::civil_minute start(cctz::convert(after, zone));
  const cctz::civil_day first_day(start);
  for (cctz::civil_day day = first_day; day < first_day + 366 * 8; ++day) {
    if (!s.months.test(static_cast<std::size_t>(day.month())) || !day_matches(s, day)) continue;
    for (int h = 0; h < 24; ++h) {
      if (!s.hours.test(static_cast<std::size_t>(h))) continue;
      for (int m = 0; m < 60; ++m) {
        if (!s.minutes.test(static_cast<std::size_t>(m))) continue;
        const cctz::civil_minute local(day.year(), day.month(), day.day(), h, m);
        if (local < start) continue;
        const auto found = zone.lookup(cctz::civil_second(local));
        const auto instant = found.kind == cctz::time_zone::civil_lookup::SKIPPED ? found.trans : found.pre;
        if (instant > after) return std::chrono::duration_cast<seconds>(instant.time_since_epoch()).count();
      }
    }
  }
  return std::nullopt;
}

}  // namespace quarterdeck
