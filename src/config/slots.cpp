#include "config/slots.hpp"

#include <charconv>
#include <deque>

#include "util/clock.hpp"

namespace quarterdeck {

std::optional<CatchUp> parse_catch_up(std::string_view text) {
  if (text == "skip") return CatchUp::skip;
  if (text == "latest") return CatchUp::latest;
  if (text == "all") return CatchUp::all;
  return std::nullopt;
}

std::string_view to_string(CatchUp policy) {
  switch (policy) {
    case CatchUp::skip:
      return "skip";
    case CatchUp::latest:
      return "latest";
    case CatchUp::all:
      return "all";
  }
  return "latest";
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  const char unit = text.back();
  const std::int64_t scale = unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
  if (scale == 0) return std::nullopt;
  const std::string_view digits = text.substr(0, text.size() - 1);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() || n <= 0 || n > 100000)
    return std::nullopt;
  return n * scale;
}

std::vector<std::int64_t> due_slots(const CronSchedule& schedule, const cctz::time_zone& zone,
                                    std::int64_t after_unix, std::int64_t now_unix,
                                    std::size_t limit) {
  std::deque<std::int64_t> slots;
  std::int64_t from = after_unix;
  while (true) {
    const auto next = next_run(schedule, from, zone);
    if (!next || *next > now_unix) break;
    slots.push_back(*next);
    if (slots.size() > limit) slots.pop_front();
    from = *next;
  }
  return {slots.begin(), slots.end()};
}

std::vector<SlotDecision> decide_slots(const std::vector<std::int64_t>& due, std::int64_t now_unix,
                                       CatchUp policy, std::int64_t max_age_seconds) {
  std::vector<SlotDecision> out;
  for (std::size_t i = 0; i < due.size(); ++i) {
    SlotDecision d;
    d.at = due[i];
    const std::int64_t age = now_unix - due[i];
    const bool last = i + 1 == due.size();
    if (age > max_age_seconds) {
      d.too_old = true;
    } else if (policy == CatchUp::all) {
      d.run = true;
    } else if (policy == CatchUp::latest) {
      d.run = last;
    } else {
      d.run = last && age <= k_slot_on_time_seconds;
    }
    out.push_back(d);
  }
  return out;
}

std::string slot_instant(std::int64_t unix_seconds) {
  return format_utc(unix_seconds);
}

}  // namespace quarterdeck
