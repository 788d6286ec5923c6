// The clock, behind an interface so that nothing reads "now" behind the
// caller's back: analysis takes an as-of date, and delivery timestamps come
// from a Clock that tests replace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/date.hpp"

namespace quarterdeck {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual std::int64_t now_unix() const = 0;
  // Milliseconds since the Unix epoch, for waits and timeouts.
  virtual std::int64_t now_ms() const { return now_unix() * 1000; }
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_unix() const override;
  std::int64_t now_ms() const override;
};

// RFC 3339 UTC timestamp: 2026-11-16T15:04:05Z.
std::string format_utc(std::int64_t unix_seconds);

// The calendar date at `unix_seconds` in the IANA zone `zone`;
// nullopt when the zone is unknown.
std::optional<Date> date_in_zone(std::int64_t unix_seconds, std::string_view zone);

// True when `zone` names a time zone this machine knows.
bool is_known_time_zone(std::string_view zone);

}  // namespace quarterdeck
