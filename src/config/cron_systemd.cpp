#include "config/cron_systemd.hpp"

#include <fmt/format.h>

#include <array>

namespace quarterdeck {
namespace {

// How a field may be written: steps (`00/15`) only where systemd repeats to
// the field's end as cron's bit set does (minutes, hours, days).
enum class Steps { allowed, not_allowed };

// The values of a field from `lo` to `hi` as systemd writes them: `*` for
// all, `start/step` for a progression to the end, else a list with runs of
// three or more as ranges. `name` writes one value.
template <typename Name>
std::string field(const std::vector<int>& values, int lo, int hi, Steps steps, Name name) {
  if (static_cast<int>(values.size()) == hi - lo + 1) return "*";
  if (steps == Steps::allowed && values.size() >= 3) {
    const int step = values[1] - values[0];
    bool progression = step > 1 && values.back() + step > hi;
    for (std::size_t i = 1; progression && i < values.size(); ++i)
      progression = values[i] - values[i - 1] == step;
    if (progression) return fmt::format("{}/{}", name(values.front()), step);
  }
  std::string out;
  for (std::size_t i = 0; i < values.size();) {
    std::size_t j = i;
    while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
    if (!out.empty()) out += ',';
    if (j - i >= 2) {
      out += fmt::format("{}..{}", name(values[i]), name(values[j]));
    } else {
      for (std::size_t k = i; k <= j; ++k) out += (k == i ? "" : ",") + name(values[k]);
    }
    i = j + 1;
  }
  return out;
}

template <std::size_t N>
std::vector<int> set_values(const std::bitset<N>& bits, int lo, int hi) {
  std::vector<int> out;
  for (int v = lo; v <= hi; ++v) {
    if (bits.test(static_cast<std::size_t>(v))) out.push_back(v);
  }
  return out;
}

std::string two_digits(int v) {
  return fmt::format("{:02}", v);
}

}  // namespace

std::vector<std::string> on_calendar(const CronSchedule& s, std::string_view zone) {
  static constexpr std::array<std::string_view, 8> k_days = {"",    "Mon", "Tue", "Wed",
                                                             "Thu", "Fri", "Sat", "Sun"};
  // Monday first, as systemd orders them (cron: 0 = Sunday).
  std::vector<int> weekdays;
  for (int iso = 1; iso <= 7; ++iso) {
    if (s.weekdays.test(static_cast<std::size_t>(iso % 7))) weekdays.push_back(iso);
  }
  const std::string dow = field(weekdays, 1, 7, Steps::not_allowed, [](int v) {
    return std::string(k_days[static_cast<std::size_t>(v)]);
  });
  const std::string months =
      field(set_values(s.months, 1, 12), 1, 12, Steps::not_allowed, two_digits);
  const std::string days = field(set_values(s.days, 1, 31), 1, 31, Steps::allowed, two_digits);
  const std::string time =
      fmt::format("{}:{}:00", field(set_values(s.hours, 0, 23), 0, 23, Steps::allowed, two_digits),
                  field(set_values(s.minutes, 0, 59), 0, 59, Steps::allowed, two_digits));
  const auto event = [&](const std::string& weekday, const std::string& day) {
    return fmt::format("{}*-{}-{} {} {}", weekday.empty() || weekday == "*" ? "" : weekday + " ",
                       months, day, time, zone);
  };
  // cron: both day fields restricted means either; one `*` leaves the other alone.
  if (!s.any_day_of_month && !s.any_day_of_week) return {event("", days), event(dow, "*")};
  if (!s.any_day_of_month) return {event("", days)};
  if (!s.any_day_of_week) return {event(dow, "*")};
  return {event("", "*")};
}

}  // namespace quarterdeck
