#include "config/cron.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace quarterdeck {
namespace {

TEST(Cron, Valid) {
  for (const char* e : {"0 7 * * MON", "*/15 9-17 * * 1-5", "0 0 1 JAN *", "* * * * *",
                        "0,30 8,12,18 * * *", "59 23 31 12 7", "0 0 * * 0", "0 6 1-7 * mon",
                        "0 7 * JAN-MAR SUN", "  0 7 * * MON  ", "0 7  * * MON", "*/5 * * * *",
                        "0-30/10 * * * *"}) {
    EXPECT_EQ(check_cron(e), std::nullopt) << "expression: \"" << e << "\"";
  }
}

TEST(Cron, WrongFieldCount) {
  EXPECT_EQ(check_cron("0 7 * *"), "4 fields, expected five");
  EXPECT_EQ(check_cron(""), "0 fields, expected five");
  EXPECT_EQ(check_cron("0 7 * * MON extra"), "more than five fields");
}

TEST(Cron, OutOfRange) {
  EXPECT_EQ(check_cron("0 25 * * *"), "field 2 (hour): 25 is out of range 0-23");
  EXPECT_EQ(check_cron("60 * * * *"), "field 1 (minute): 60 is out of range 0-59");
  EXPECT_EQ(check_cron("0 0 0 * *"), "field 3 (day of month): 0 is out of range 1-31");
  EXPECT_EQ(check_cron("0 0 * 13 *"), "field 4 (month): 13 is out of range 1-12");
  EXPECT_EQ(check_cron("0 0 * * 8"), "field 5 (day of week): 8 is out of range 0-7");
  EXPECT_EQ(check_cron("0 9-24 * * *"), "field 2 (hour): 24 is out of range 0-23");
}

TEST(Cron, BadValues) {
  EXPECT_EQ(check_cron("0 7 * * MOON"), "field 5 (day of week): 'MOON' is not a value");
  EXPECT_EQ(check_cron("0 7 * * JAN"), "field 5 (day of week): 'JAN' is not a value");
  EXPECT_EQ(check_cron("0 7 * MON *"), "field 4 (month): 'MON' is not a value");
  EXPECT_EQ(check_cron("x 7 * * *"), "field 1 (minute): 'x' is not a value");
  EXPECT_EQ(check_cron("0 7,,8 * * *"), "field 2 (hour): '' is not a value");
  EXPECT_EQ(check_cron("*/0 * * * *"), "field 1 (minute): step '0' is not a positive number");
  EXPECT_EQ(check_cron("*/x * * * *"), "field 1 (minute): step 'x' is not a positive number");
}

}  // namespace
}  // namespace quarterdeck

namespace {

cctz::time_zone zone(const std::string& name) {
  cctz::time_zone tz;
  EXPECT_TRUE(cctz::load_time_zone(name, &tz)) << name;
  return tz;
}

// The runs after `after`, each the next after the one before.
std::vector<std::int64_t> runs(std::string_view expression, std::int64_t after, const std::string& zone_name,
                               int count) {
  const auto schedule = quarterdeck::parse_cron(expression);
  EXPECT_TRUE(schedule.has_value()) << expression;
  const cctz::time_zone tz = zone(zone_name);
  std::vector<std::int64_t> out;
  for (int i = 0; i < count && schedule; ++i) {
    const auto next = quarterdeck::next_run(*schedule, after, tz);
    if (!next) break;
    out.push_back(*next);
    after = *next;
  }
  return out;
}

using Runs = std::vector<std::int64_t>;

}  // namespace

// The expected instants were computed independently with Python's zoneinfo
// (the system's tzdata), as Unix seconds.
TEST(CronNextRun, SpringForwardRunsTheSkippedTimeOnceAtTheTransition) {
  // Los Angeles, 14 Mar 2027: 02:00 PST becomes 03:00 PDT; 02:30 runs at
  // 03:00 PDT (10:00 UTC), then on the next day at 02:30 PDT.
  EXPECT_EQ(runs("30 2 * * *", 1804968000, "America/Los_Angeles", 2),
            (Runs{1805018400, 1805018400 + 86400 - 1800}));
  // Every quarter hour of the skipped hour is one run, not four.
  EXPECT_EQ(runs("*/15 2 * * *", 1804968000, "America/Los_Angeles", 2),
            (Runs{1805018400, 1805018400 + 86400 - 3600}));
  // Berlin, 28 Mar 2027: 02:00 CET becomes 03:00 CEST (01:00 UTC).
  EXPECT_EQ(runs("30 2 * * *", 1806145200, "Europe/Berlin", 1), (Runs{1806195600}));
  // Lord Howe Island, 4 Oct 2026: 02:00 becomes 02:30 (+10:30 to +11);
  // 02:15 runs once, at 02:30 (15:30 UTC the day before).
  EXPECT_EQ(runs("15 2 * * *", 1790991000, "Australia/Lord_Howe", 2),
            (Runs{1791041400, 1791041400 + 86400 - 900}));
}

TEST(CronNextRun, FallBackRunsTheRepeatedTimeOnceAtItsFirstOccurrence) {
  // Los Angeles, 1 Nov 2026: 01:30 happens twice; the job runs at the first
  // (08:30 UTC) and next on 2 Nov, never at the second (09:30 UTC).
  EXPECT_EQ(runs("30 1 * * *", 1793473200, "America/Los_Angeles", 2), (Runs{1793521800, 1793611800}));
  // Asked from between the two occurrences, it does not run the second.
  EXPECT_EQ(runs("30 1 * * *", 1793521800 + 60, "America/Los_Angeles", 1), (Runs{1793611800}));
  // Berlin, 25 Oct 2026: 02:30 CEST (00:30 UTC), not 02:30 CET.
  EXPECT_EQ(runs("30 2 * * *", 1792836000, "Europe/Berlin", 2), (Runs{1792888200, 1792978200}));
  // Lord Howe, 4 Apr 2027: 02:00 (+11) becomes 01:30 (+10:30); 01:45 runs
  // at its first occurrence.
  EXPECT_EQ(runs("45 1 * * *", 1806714000, "Australia/Lord_Howe", 2), (Runs{1806763500, 1806851700}));
}

TEST(CronNextRun, LeapDaysMacrosAndTheThirtyFirst) {
  // 29 February: the next one after March 2026 is in 2028.
  EXPECT_EQ(runs("0 7 29 2 *", 1772352000, "America/Los_Angeles", 1), (Runs{1835449200}));
  // The 31st only in months that have one: after 31 Jan 2027, 31 Mar.
  EXPECT_EQ(runs("0 0 31 * *", 1801353600, "UTC", 1), (Runs{1806451200}));
  // @monthly is midnight on the 1st, local time.
  EXPECT_EQ(runs("@monthly", 1801468800 - 86400 * 10, "America/Los_Angeles", 1), (Runs{1801468800}));
  // Mondays at 07:00 (the reference portfolio's schedule), a week apart.
  EXPECT_EQ(runs("0 7 * * MON", 1794841200, "America/Los_Angeles", 1), (Runs{1795446000}));
  // February 30th never comes.
  EXPECT_EQ(runs("0 0 30 2 *", 1772352000, "UTC", 1), (Runs{}));
}

TEST(CronNextRun, BothDayFieldsMeanEither) {
  // "the 13th, or any Friday" (Vixie cron), from Friday 13 Nov 2026 07:00.
  EXPECT_EQ(runs("0 7 13 * FRI", 1794553200, "UTC", 5),
            (Runs{1795158000, 1795762800, 1796367600, 1796972400, 1797145200}));
}

TEST(CronParse, RangesStepsListsAndNames) {
  const auto s = quarterdeck::parse_cron("5/20 9-17/4 1,15 JAN-MAR sun,7");
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->minutes.test(5) && s->minutes.test(25) && s->minutes.test(45) && !s->minutes.test(0));
  EXPECT_TRUE(s->hours.test(9) && s->hours.test(13) && s->hours.test(17) && !s->hours.test(10));
  EXPECT_TRUE(s->days.test(1) && s->days.test(15) && !s->days.test(2));
  EXPECT_TRUE(s->months.test(1) && s->months.test(3) && !s->months.test(4));
  EXPECT_EQ(s->weekdays.count(), 1u);  // SUN and 7 are both Sunday
  EXPECT_TRUE(s->weekdays.test(0));
  EXPECT_EQ(quarterdeck::check_cron("0 9-5 * * *"), "field 2 (hour): range 9-5 runs backwards");
  EXPECT_EQ(quarterdeck::check_cron("@fortnightly"),
            "unknown macro '@fortnightly' (@hourly, @daily, @weekly, @monthly, @yearly)");
  EXPECT_EQ(quarterdeck::check_cron("@weekly"), std::nullopt);
}
