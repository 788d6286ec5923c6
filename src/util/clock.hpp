// The clock, behind an interface so that nothing reads "now" behind the
// caller's back: analysis takes an as-of date, and delivery timestamps come
// from a Clock that tests replace.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <expected>
#include <filesystem>
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

// The injected clock of the scheduler's tests (QUARTERDECK_CLOCK_FILE): the
// file holds an instant, RFC 3339 UTC ("2026-11-16T15:00:00Z") or Unix
// seconds, and the time is that instant plus the real time elapsed since the
// file was last written. So a test moves every process on the machine to
// the same moment by rewriting one file, and time still passes (leases
// expire, retries wait) in between. The file is read at every call; when a
// read fails (the test is rewriting it) the last value read stands.
class FileClock final : public Clock {
 public:
  // An error (what is wrong, with the file name) when the file cannot be
  // read or does not hold an instant.
  static std::expected<std::unique_ptr<FileClock>, std::string> open(std::filesystem::path path);
  std::int64_t now_unix() const override { return now_ms() / 1000; }
  std::int64_t now_ms() const override;

 private:
  explicit FileClock(std::filesystem::path path) : path_(std::move(path)) {}
  std::optional<std::int64_t> read_ms() const;

  std::filesystem::path path_;
  mutable std::atomic<std::int64_t> last_ms_{0};  // read by a lease's heartbeat thread too
};

// Unix seconds from "2026-11-16T15:04:05Z" (RFC 3339, UTC only) or from
// decimal seconds; nullopt for anything else.
std::optional<std::int64_t> parse_utc(std::string_view text);

// RFC 3339 UTC timestamp: 2026-11-16T15:04:05Z.
std::string format_utc(std::int64_t unix_seconds);

// The calendar date at `unix_seconds` in the IANA zone `zone`;
// nullopt when the zone is unknown.
std::optional<Date> date_in_zone(std::int64_t unix_seconds, std::string_view zone);

// True when `zone` names a time zone this machine knows.
bool is_known_time_zone(std::string_view zone);

}  // namespace quarterdeck
