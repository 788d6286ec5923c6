// Cron schedules as systemd calendar events (config/cron_systemd.hpp): the
// same local times, cron's either-day rule as two events.
#include "config/cron_systemd.hpp"

#include <gtest/gtest.h>

#include "config/cron.hpp"

namespace quarterdeck {
namespace {

std::vector<std::string> events(std::string_view cron,
                                std::string_view zone = "America/Los_Angeles") {
  const auto parsed = parse_cron(cron);
  EXPECT_TRUE(parsed.has_value()) << cron;
  return parsed ? on_calendar(*parsed, zone) : std::vector<std::string>{};
}

using Events = std::vector<std::string>;

TEST(CronToSystemd, WeekdayNamesAndNumbers) {
  EXPECT_EQ(events("0 7 * * MON"), Events{"Mon *-*-* 07:00:00 America/Los_Angeles"});
  EXPECT_EQ(events("0 7 * * 1"), Events{"Mon *-*-* 07:00:00 America/Los_Angeles"});
  EXPECT_EQ(events("30 6 * * mon-fri", "Europe/Berlin"),
            Events{"Mon..Fri *-*-* 06:30:00 Europe/Berlin"});
  // Sunday is 0 and 7; systemd lists it last.
  EXPECT_EQ(events("0 9 * * 0,6"), Events{"Sat,Sun *-*-* 09:00:00 America/Los_Angeles"});
  EXPECT_EQ(events("0 9 * * 5-7"), Events{"Fri..Sun *-*-* 09:00:00 America/Los_Angeles"});
  EXPECT_EQ(events("0 9 * * 1,3,5"), Events{"Mon,Wed,Fri *-*-* 09:00:00 America/Los_Angeles"});
  // Every day of the week written out is every day.
  EXPECT_EQ(events("0 9 * * 0-6"), Events{"*-*-* 09:00:00 America/Los_Angeles"});
}

TEST(CronToSystemd, RangesStepsAndLists) {
  EXPECT_EQ(events("*/15 9-17 * * *", "UTC"), Events{"*-*-* 09..17:00/15:00 UTC"});
  EXPECT_EQ(events("5/10 */6 * * *", "UTC"), Events{"*-*-* 00/6:05/10:00 UTC"});
  // A step that stops before the field's end is a list.
  EXPECT_EQ(events("0-30/10 8 * * *", "UTC"), Events{"*-*-* 08:00,10,20,30:00 UTC"});
  EXPECT_EQ(events("*/30 8 * * *", "UTC"), Events{"*-*-* 08:00,30:00 UTC"});
  EXPECT_EQ(events("0 8,12,13,14,20 * * *", "UTC"), Events{"*-*-* 08,12..14,20:00:00 UTC"});
  EXPECT_EQ(events("* * * * *", "UTC"), Events{"*-*-* *:*:00 UTC"});
  EXPECT_EQ(events("0 0 */2 * *", "UTC"), Events{"*-*-01/2 00:00:00 UTC"});
  EXPECT_EQ(events("0 6 1 JAN,APR,JUL,OCT *", "UTC"), Events{"*-01,04,07,10-01 06:00:00 UTC"});
  EXPECT_EQ(events("0 6 1 */3 *", "UTC"), Events{"*-01,04,07,10-01 06:00:00 UTC"});
  EXPECT_EQ(events("15 3 1-7 jun-aug *", "UTC"), Events{"*-06..08-01..07 03:15:00 UTC"});
}

TEST(CronToSystemd, Macros) {
  EXPECT_EQ(events("@hourly", "UTC"), Events{"*-*-* *:00:00 UTC"});
  EXPECT_EQ(events("@daily", "UTC"), Events{"*-*-* 00:00:00 UTC"});
  EXPECT_EQ(events("@midnight", "UTC"), Events{"*-*-* 00:00:00 UTC"});
  EXPECT_EQ(events("@weekly", "UTC"), Events{"Sun *-*-* 00:00:00 UTC"});
  EXPECT_EQ(events("@monthly", "Australia/Lord_Howe"),
            Events{"*-*-01 00:00:00 Australia/Lord_Howe"});
  EXPECT_EQ(events("@yearly", "UTC"), Events{"*-01-01 00:00:00 UTC"});
  EXPECT_EQ(events("@annually", "UTC"), Events{"*-01-01 00:00:00 UTC"});
}

// Both day fields restricted: cron runs on either, so two events.
TEST(CronToSystemd, BothDayFieldsMeanEither) {
  EXPECT_EQ(events("0 8 1,15 * MON"), (Events{"*-*-01,15 08:00:00 America/Los_Angeles",
                                              "Mon *-*-* 08:00:00 America/Los_Angeles"}));
  EXPECT_EQ(events("0 8 13 2 FRI", "UTC"),
            (Events{"*-02-13 08:00:00 UTC", "Fri *-02-* 08:00:00 UTC"}));
  // Written out in full, a day field still counts as restricted, as in cron.
  EXPECT_EQ(events("0 8 1-31 * MON", "UTC"),
            (Events{"*-*-* 08:00:00 UTC", "Mon *-*-* 08:00:00 UTC"}));
  // One of them `*`: the other alone.
  EXPECT_EQ(events("0 8 1,15 * *", "UTC"), Events{"*-*-01,15 08:00:00 UTC"});
}

}  // namespace
}  // namespace quarterdeck
