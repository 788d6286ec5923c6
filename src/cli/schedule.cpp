#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <chrono>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "config/cron.hpp"
#include "store/store.hpp"

namespace quarterdeck::cli {

int emit_schedule(const Workspace& ws, const std::string& directory, const std::string& kind,
                  const Output& out);  // schedule_emit.cpp

// `quarterdeck schedule DIR`: each report's next runs in the portfolio's
// time zone and in UTC, so an owner can check the hour before trusting it.
int schedule_command(const ScheduleOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws = load_workspace(options.directory, "", env, clock, {.scan_repositories = false});
  const Output out = output_for(ws);
  if (!ws.problems.empty()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  if (!options.emit.empty()) return emit_schedule(ws, options.directory, options.emit, out);
  const Portfolio& p = ws.config.portfolio;
  cctz::time_zone zone;
  cctz::load_time_zone(p.timezone, &zone);  // the loader has checked the name
  using seconds = std::chrono::seconds;
  const auto to_point = [](std::int64_t unix) {
    return std::chrono::time_point_cast<seconds>(std::chrono::system_clock::from_time_t(0)) + seconds(unix);
  };
  std::int64_t after = clock.now_unix();
  if (!options.from.empty()) {
    const auto day = Date::parse(options.from);
    if (!day) {
      out.error("--from: expected a date, YYYY-MM-DD, found `{}`\n", options.from);
      return k_exit_invalid;
    }
    // Just before the day's first minute, so a run at midnight is listed.
    const auto midnight = zone.lookup(cctz::civil_second(day->year(), day->month(), day->day(), 0, 0, 0)).pre;
    after = std::chrono::duration_cast<seconds>(midnight.time_since_epoch()).count() - 1;
  }
  // Each report's last slot, from the store serve writes to (none yet: "never run").
  std::unique_ptr<store::Store> db;
  const auto db_path = store_path(ws.directory, options.store);
  if (std::filesystem::exists(db_path)) {
    auto opened = store::open_sqlite_store(db_path);
    if (!opened) {
      out.error("{}\n", opened.error().message);
      return k_exit_failed;
    }
    db = std::move(*opened);
  }
  const auto last_outcome = [&](const std::string& report_id) -> std::string {
    if (!db) return "never run";
    auto last = db->last_slot(ws.config.redactor.apply(p.name), report_id, true);
    if (!last || !*last) return "never run";
    const store::SlotRecord& slot = **last;
    const std::string when = cctz::format("%a %Y-%m-%d %H:%M %Z", to_point(slot.scheduled_at), zone);
    if (slot.status == "done") return fmt::format("{} {}", slot.detail.empty() ? "sent" : slot.detail, when);
    if (slot.status == "skipped") return fmt::format("skipped (unchanged) {}", when);
    return fmt::format("{} {}{}", slot.status, when, slot.detail.empty() ? "" : ": " + slot.detail);
  };
  out.print("Next runs in {} (and UTC):\n", p.timezone);
  for (const auto& def : p.reports) {
    if (def.schedule.empty()) {
      out.print("\n{}: no schedule; it runs only when asked.\n", def.id);
      continue;
    }
    const auto schedule = parse_cron(def.schedule);
    if (!schedule) continue;  // the loader reported it
    out.print("\n{} ({})\n", def.id, def.schedule);
    std::int64_t from = after;
    for (int i = 0; i < options.count; ++i) {
      const auto next = next_run(*schedule, from, zone);
      if (!next) {
        out.print("  never: no date matches\n");
        break;
      }
      out.print("  {}  ({})\n", cctz::format("%a %Y-%m-%d %H:%M %Z", to_point(*next), zone),
                cctz::format("%Y-%m-%d %H:%M UTC", to_point(*next), cctz::utc_time_zone()));
      from = *next;
    }
    out.print("  last: {}\n", last_outcome(def.id));
  }
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
