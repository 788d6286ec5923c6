// Schedule slots: the instants a report's `schedule` falls due, and what to
// do with the ones a scheduler finds waiting (docs/operations.md "Running
// serve"). Pure arithmetic on Unix seconds; cli/serve runs the slots and the
// store records them.
#pragma once

#include <cctz/time_zone.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/cron.hpp"

namespace quarterdeck {

// What a report does with slots that fell due while no scheduler ran.
enum class CatchUp {
  skip,    // run none of them; only a slot still on time runs
  latest,  // run the most recent one; the older ones are missed
  all,     // run every one, oldest first
};

// "skip", "latest", "all".
std::optional<CatchUp> parse_catch_up(std::string_view text);
std::string_view to_string(CatchUp policy);

// A duration written as a whole number of hours or days, "36h" or "2d";
// nullopt for anything else (or zero).
std::optional<std::int64_t> parse_duration(std::string_view text);

// A slot at most this late is on time: it runs under every policy.
inline constexpr std::int64_t k_slot_on_time_seconds = 600;

// Every run of `schedule` in `zone` after `after_unix` and at or before
// `now_unix`, oldest first; at most `limit` (the most recent ones).
std::vector<std::int64_t> due_slots(const CronSchedule& schedule, const cctz::time_zone& zone,
                                    std::int64_t after_unix, std::int64_t now_unix,
                                    std::size_t limit = 10000);

struct SlotDecision {
  std::int64_t at = 0;
  bool run = false;      // false: recorded as missed
  bool too_old = false;  // missed because it is older than the maximum age
};

// What to do with each of `due` (oldest first) at `now_unix`:
// - older than `max_age_seconds`: missed (too_old), whatever the policy;
// - all: every other one runs;
// - latest: the most recent one runs, the others are missed;
// - skip: the most recent one runs if it is on time (k_slot_on_time_seconds),
//   every other one is missed.
std::vector<SlotDecision> decide_slots(const std::vector<std::int64_t>& due, std::int64_t now_unix,
                                       CatchUp policy, std::int64_t max_age_seconds);

// "2026-11-16T15:00:00Z" for the slot's key and lease name.
std::string slot_instant(std::int64_t unix_seconds);

}  // namespace quarterdeck
