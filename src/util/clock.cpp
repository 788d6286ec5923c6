#include "util/clock.hpp"

#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <sys/stat.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>

#include "util/strings.hpp"

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

std::optional<std::int64_t> parse_utc(std::string_view text) {
  std::int64_t seconds = 0;
  if (const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      ec == std::errc() && end == text.data() + text.size()) {
    return seconds;
  }
  cctz::civil_second cs;
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const auto field = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, v);
    if (ec != std::errc() || end != text.data() + at + n) return std::nullopt;
    return v;
  };
  const auto y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2),
             s = field(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  cs = cctz::civil_second(*y, *mo, *d, *h, *mi, *s);
  // civil_second normalises 2026-02-30 to March: such a text is not an instant.
  if (cs.year() != *y || cs.month() != *mo || cs.day() != *d || cs.hour() != *h || cs.minute() != *mi ||
      cs.second() != *s) {
    return std::nullopt;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             cctz::convert(cs, cctz::utc_time_zone()).time_since_epoch())
      .count();
}

std::expected<std::unique_ptr<FileClock>, std::string> FileClock::open(std::filesystem::path path) {
  std::unique_ptr<FileClock> clock(new FileClock(std::move(path)));
  const auto ms = clock->read_ms();
  if (!ms) {
    return std::unexpected(fmt::format(
        "{}: expected an instant, 2026-11-16T15:00:00Z or Unix seconds (QUARTERDECK_CLOCK_FILE)",
        clock->path_.string()));
  }
  clock->last_ms_ = *ms;
  return clock;
}

std::optional<std::int64_t> FileClock::read_ms() const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return std::nullopt;
  std::ifstream in(path_);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return std::nullopt;
  const auto instant = parse_utc(trim(text.str()));
  if (!instant) return std::nullopt;
  const std::int64_t written_ms =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1'000'000;
  const std::int64_t elapsed = SystemClock().now_ms() - written_ms;
  return *instant * 1000 + std::max<std::int64_t>(elapsed, 0);
}

std::int64_t FileClock::now_ms() const {
  if (const auto ms = read_ms()) last_ms_ = *ms;
  return last_ms_;
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
