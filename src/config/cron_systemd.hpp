// A cron schedule (config/cron.hpp) as systemd timer calendar events, for
// `quarterdeck schedule --emit systemd`: the OnCalendar= values that fire
// at the same local times, with the portfolio's IANA zone as the event's
// time zone suffix (systemd 235 and later).
//
// The two day fields keep cron's rule: when both are restricted a day
// matches either, which one calendar event cannot say, so that schedule
// becomes two events (the days of the month, and the days of the week).
//
// Daylight saving: systemd agrees with `next_run` on a fall-back day (a
// repeated local time fires once, at its first occurrence) but not on a
// spring-forward day: a local time the clocks skip does not fire at all
// under systemd, where `next_run` runs it at the transition.
// docs/operations.md says what that means for a timer running `serve --once`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/cron.hpp"

namespace quarterdeck {

// "Mon *-*-* 07:00:00 America/Los_Angeles" for `0 7 * * MON` in that zone;
// values are listed with ranges (`09..17`) and steps (`00/15`) where they
// say the same set exactly. One or two events (see above).
std::vector<std::string> on_calendar(const CronSchedule& schedule, std::string_view zone);

}  // namespace quarterdeck
