// `quarterdeck serve DIR...`: runs each report's schedule slots, once across
// every serve on the same store (docs/operations.md "Running serve").
//
// A slot is one report at one scheduled instant. It is claimed under its own
// lease ("slot:PORTFOLIO:REPORT:INSTANT", store/lease.hpp) and recorded in
// the store's slots table: whoever holds the lease and finds no row runs it;
// a row that is done, failed, skipped or missed is never run again; a row
// still running whose lease is free (its process died) is taken over and its
// run resumed, never started afresh. Delivery itself takes the delivery
// lease, as `run` does.
#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/notices.hpp"
#include "cli/pipeline.hpp"
#include "cli/push.hpp"
#include "config/cron.hpp"
#include "config/slots.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"

namespace quarterdeck::cli {
namespace {

// Set by SIGTERM and SIGINT: no new slot, no new message. The one piece of
// global state: a signal handler can reach nothing else.
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int) {
  g_stop = 1;
}
bool stopping() {
  return g_stop != 0;
}

// How often serve looks at the clock, the config and the store, in real
// time: an injected clock (QUARTERDECK_CLOCK_FILE) that jumps is noticed
// within this.
constexpr int k_poll_ms = 1000;

void nap(int ms) {
  for (int slept = 0; slept < ms && !stopping(); slept += 100) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::chrono::system_clock::time_point to_point(std::int64_t unix) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(unix));
}

// "Mon 2026-11-16 07:00 PST": how people read a slot.
std::string local_time(std::int64_t unix, const cctz::time_zone& zone) {
  return cctz::format("%a %Y-%m-%d %H:%M %Z", to_point(unix), zone);
}

struct ScheduledReport {
  std::string id;
  CronSchedule cron;
  CatchUp policy = CatchUp::latest;
  std::int64_t max_age = 24 * 3600;
  bool skip_if_unchanged = false;
};

// One portfolio as serve keeps it between looks.
struct Served {
  std::string directory;  // as given
  std::filesystem::path store_path;
  std::string store_option;
  std::unique_ptr<store::Store> db;
  // The schedules of the last config that was valid (an invalid edit does
  // not stop the slots: each one due fails with the config's problems).
  std::string name;  // redacted: the slots' and events' portfolio
  std::string timezone;
  cctz::time_zone zone;
  std::vector<ScheduledReport> reports;
  bool known = false;
  Diagnostics problems;  // of the latest read; empty when it was valid
  std::string problems_shown;
  Redactor redactor;
};

class Server {
 public:
  Server(const Environment& env, const Clock& clock)
      : env_(env), clock_(clock), start_(clock.now_unix()) {}

  // One look at every portfolio: runs what is due. False when a config
  // was never valid (nothing can be scheduled).
  bool look(std::vector<Served>& all) {
    bool ok = true;
    for (auto& served : all) {
      if (stopping()) break;
      ok = look_at(served) && ok;
    }
    return ok;
  }

  bool any_failed() const { return failed_; }

 private:
  bool look_at(Served& s) {
    read_config(s);
    if (!s.known) return false;
    if (!s.db) {
      auto opened = store::open_sqlite_store(s.store_path);
      if (!opened) {
        error(s, opened.error().message);
        return true;
      }
      s.db = std::move(*opened);
    }
    // Slots whose process died: taken over and resumed first.
    if (auto running = s.db->running_slots(s.name)) {
      for (const auto& slot : *running) {
        if (stopping()) return true;
        try_slot(s, slot.report_id, slot.scheduled_at);
      }
    } else {
      error(s, running.error().message);
    }
    for (const auto& report : s.reports) {
      if (stopping()) return true;
      const std::int64_t now = clock_.now_unix();
      auto last = s.db->last_slot(s.name, report.id, false);
      if (!last) {
        error(s, last.error().message);
        continue;
      }
      // A report never run starts from now (a slot a moment ago counts, so
      // a timer that starts `serve --once` on the minute runs it).
      const std::int64_t after = *last ? (*last)->scheduled_at : start_ - k_slot_on_time_seconds;
      const auto due = due_slots(report.cron, s.zone, after, now);
      const auto decisions = decide_slots(due, now, report.policy, report.max_age);
      std::vector<std::int64_t> too_old;
      for (const auto& d : decisions) {
        if (d.run) continue;
        store::SlotRecord missed{s.name, report.id, d.at, "missed", "", "", now, now, ""};
        missed.detail = d.too_old
                            ? fmt::format("older than catch_up_max_age ({} h) when serve found it",
                                          report.max_age / 3600)
                            : fmt::format("not run: catch_up = \"{}\"", to_string(report.policy));
        auto recorded = s.db->record_missed_slot(missed);
        if (!recorded) {
          error(s, recorded.error().message);
        } else if (*recorded) {
          out(s).print("{} {}: missed ({})\n", report.id, local_time(d.at, s.zone), missed.detail);
          if (d.too_old) too_old.push_back(d.at);
        }
      }
      if (!too_old.empty()) report_missed(s, report, too_old);
      for (const auto& d : decisions) {
        if (stopping()) return true;
        if (d.run) try_slot(s, report.id, d.at);
      }
    }
    return true;
  }

  void read_config(Served& s) {
    LoadedPortfolio loaded = load_portfolio(s.directory, env_);
    s.problems = loaded.diagnostics;
    if (!loaded.ok()) {
      std::string shown;
      for (const auto& d : loaded.diagnostics) shown += d.to_string() + "\n";
      if (shown != s.problems_shown) {
        Output(loaded.redactor)
            .error("{}quarterdeck serve: {} problem{} in {}; {}\n", shown,
                   loaded.diagnostics.size(), loaded.diagnostics.size() == 1 ? "" : "s",
                   s.directory,
                   s.known ? "each slot due fails until they are fixed"
                           : "nothing is scheduled until they are fixed");
        s.problems_shown = shown;
      }
      if (s.known) return;
      s.redactor = std::move(loaded.redactor);
      return;
    }
    s.problems_shown.clear();
    const Portfolio& p = loaded.portfolio;
    s.redactor = std::move(loaded.redactor);
    s.name = s.redactor.apply(p.name);
    s.timezone = p.timezone;
    cctz::load_time_zone(p.timezone, &s.zone);  // the loader has checked the name
    s.reports.clear();
    for (const auto& def : p.reports) {
      if (def.schedule.empty()) continue;
      auto cron = parse_cron(def.schedule);
      if (!cron) continue;  // the loader reported it
      s.reports.push_back({def.id, *cron, parse_catch_up(def.catch_up).value_or(CatchUp::latest),
                           def.catch_up_max_age_seconds, def.skip_if_unchanged});
    }
    s.known = true;
  }

  Output out(const Served& s) const { return Output(s.redactor); }

  void error(const Served& s, const std::string& message) {
    out(s).error("quarterdeck serve: {}\n", message);
    failed_ = true;
  }

  std::string slot_key(const Served& s, const std::string& report, std::int64_t at) const {
    return fmt::format("slot:{}:{}:{}", s.name, report, slot_instant(at));
  }

  std::string run_by_hand(const Served& s, const std::string& report, std::int64_t at) const {
    const auto day = date_in_zone(at, s.timezone);
    std::string command = fmt::format("quarterdeck run {} --only {} --as-of {}", shell_word(s.directory),
                                      report, day ? day->to_string() : "");
    if (!s.store_option.empty()) command += fmt::format(" --store {}", shell_word(s.store_option));
    return command;
  }

  // Slots missed beyond their maximum age: one run.failed for the lot, so
  // the owner hears of it once.
  void report_missed(Served& s, const ScheduledReport& report,
                     const std::vector<std::int64_t>& slots) {
    const std::int64_t latest = slots.back();
    const std::string what = slots.size() == 1
                                 ? fmt::format(
                                       "The {} report due {} was missed: no quarterdeck serve was "
                                       "running to send it in time.",
                                       report.id, local_time(latest, s.zone))
                                 : fmt::format(
                                       "{} scheduled {} reports were missed, from {} to {}: no "
                                       "quarterdeck serve was running to "
                                       "send them in time.",
                                       slots.size(), report.id, local_time(slots.front(), s.zone),
                                       local_time(latest, s.zone));
    const std::string why = fmt::format("older than catch_up_max_age ({} h) when serve found {}",
                                        report.max_age / 3600, slots.size() == 1 ? "it" : "them");
    if (auto r = append_run_failed(*s.db, s.redactor, clock_, slot_key(s, report.id, latest), "",
                                   s.name, report.id, slot_instant(latest), what, why,
                                   run_by_hand(s, report.id, latest));
        !r) {
      error(s, r.error().message);
    }
    follow_up(s);
  }

  // After a slot or a missed one: the owner hears of each new run.failed
  // event once (cli/notices.hpp), through the portfolio's transport as its
  // config says now, and the integrations get the new events; with a config
  // that has problems, the notice is still written to the notices folder
  // and printed.
  void follow_up(Served& s) {
    const LoadedPortfolio loaded = load_portfolio(s.directory, env_);
    const Output o(loaded.redactor);
    if (loaded.ok()) {
      send_failure_notices(loaded.portfolio, s.directory, *loaded.environment, loaded.redactor, *s.db, {},
                           clock_, o);
      push(s, loaded, o);
      return;
    }
    NoticeChannel channel;
    channel.problem = "the portfolio's config has problems, so nothing can be sent";
    send_failure_notices(loaded.portfolio, s.directory, loaded.redactor, *s.db, channel, clock_, o);
  }

  // The slot's new events to webhooks, GitHub and chat, under the delivery
  // lease (one pusher at a time); when another process holds it, its own
  // push delivers them.
  void push(Served& s, const LoadedPortfolio& loaded, const Output& o) {
    if (loaded.portfolio.integrations.empty()) return;
    const auto path = s.store_path;
    auto lease = store::HeldLease::acquire(
        *s.db, [path] { return store::open_sqlite_store(path); }, store::k_delivery_lease,
        store::this_process(""), store::LeaseWait{}, clock_, [&](const std::string& line) { o.error("{}\n", line); });
    if (!lease) return;
    push_after_delivery(o, loaded, s.directory, *s.db, **lease, clock_);
  }

  // Claims the slot under its lease and runs it; does nothing when another
  // serve holds it or it has already been run.
  void try_slot(Served& s, const std::string& report_id, std::int64_t at) {
    const std::string lease_name = slot_key(s, report_id, at);
    const auto path = s.store_path;
    auto lease = store::HeldLease::acquire(
        *s.db, [path] { return store::open_sqlite_store(path); }, lease_name,
        store::this_process(""), store::LeaseWait{}, clock_,
        [&](const std::string& line) { out(s).error("{}\n", line); });
    if (!lease) {
      if (const auto* problem = std::get_if<Error>(&lease.error())) error(s, problem->message);
      return;  // busy: another serve is running it
    }
    store::SlotRecord claim{
        s.name, report_id, at, "running", "", (*lease)->holder().owner, clock_.now_unix(), 0, ""};
    auto claimed = s.db->claim_slot(claim);
    if (!claimed) {
      error(s, claimed.error().message);
      return;
    }
    if (!claimed->claimed) return;  // done, failed, skipped or missed already
    store::SlotRecord slot = claimed->slot;
    if (claimed->taken_over) {
      out(s).print("{} {}: taken over from a serve that stopped{}\n", report_id,
                   local_time(at, s.zone),
                   slot.run_id.empty() ? "" : fmt::format(" (run {})", slot.run_id));
    }
    run_slot(s, **lease, slot);
    follow_up(s);
  }

  void finish_slot(Served& s, store::SlotRecord& slot, const std::string& status,
                   const std::string& detail) {
    slot.status = status;
    slot.detail = s.redactor.apply(detail);  // the store keeps no secret
    slot.finished_at = clock_.now_unix();
    if (auto r = s.db->update_slot(slot); !r) error(s, r.error().message);
    out(s).print("{} {}: {}{}{}\n", slot.report_id, local_time(slot.scheduled_at, s.zone), status,
                 detail.empty() ? "" : " - " + detail,
                 slot.run_id.empty() ? "" : fmt::format(" (run {})", slot.run_id));
    if (status == "failed") failed_ = true;
  }

  // A slot that failed before its run could plan: recorded, and one run.failed.
  void fail_slot(Served& s, store::SlotRecord& slot, const std::string& what,
                 const std::string& why, const std::string& resume) {
    finish_slot(s, slot, "failed", why);
    if (auto r = append_run_failed(
            *s.db, s.redactor, clock_, slot_key(s, slot.report_id, slot.scheduled_at), slot.run_id,
            s.name, slot.report_id, slot_instant(slot.scheduled_at), what, why, resume);
        !r) {
      error(s, r.error().message);
    }
  }

  void run_slot(Served& s, store::HeldLease& slot_lease, store::SlotRecord& slot) {
    const std::string when = local_time(slot.scheduled_at, s.zone);
    const std::string what =
        fmt::format("The {} report due {} was not sent.", slot.report_id, when);
    const auto day = date_in_zone(slot.scheduled_at, s.timezone);
    // The config as it is now: an edit is honoured without a restart.
    const Workspace ws =
        load_workspace(s.directory, day ? day->to_string() : "", env_, clock_, {true, false});
    if (!ws.problems.empty()) {
      std::string why = ws.problems.front().to_string();
      if (ws.problems.size() > 1)
        why += fmt::format(" (and {} more problems)", ws.problems.size() - 1);
      fail_slot(s, slot, what, "the portfolio has problems: " + why,
                fmt::format("quarterdeck validate {}", s.directory));
      return;
    }
    const Portfolio& p = ws.config.portfolio;
    const auto def = std::ranges::find(p.reports, slot.report_id, &ReportDefinition::id);
    if (def == p.reports.end()) {
      fail_slot(s, slot, what,
                fmt::format("the report `{}` is no longer in the portfolio", slot.report_id), "");
      return;
    }
    DeliverySetup delivery =
        setup_delivery(p, ws.directory.string(), *ws.config.environment, {}, ws.config.redactor);
    if (!delivery.problems.empty()) {
      std::string why;
      for (const auto& problem : delivery.problems) why += (why.empty() ? "" : "; ") + problem;
      fail_slot(s, slot, what, "delivery is not ready: " + why,
                run_by_hand(s, slot.report_id, slot.scheduled_at));
      return;
    }
    const bool resume = slot.detail == "planned" && !slot.run_id.empty();
    if (slot.run_id.empty()) slot.run_id = new_run_id(clock_, p);
    if (!resume) slot.detail = "building";
    if (auto r = s.db->update_slot(slot); !r) {
      error(s, r.error().message);
      return;
    }
    // The delivery lease, waited for until the slot's time is up: the
    // report's next slot, or its maximum age.
    const auto schedule = parse_cron(def->schedule);
    std::int64_t deadline = slot.scheduled_at + def->catch_up_max_age_seconds;
    if (schedule) {
      if (const auto next = next_run(*schedule, slot.scheduled_at, s.zone))
        deadline = std::min(deadline, *next);
    }
    const auto path = s.store_path;
    std::unique_ptr<store::HeldLease> delivery_lease;
    while (!delivery_lease) {
      auto lease = store::HeldLease::acquire(
          *s.db, [path] { return store::open_sqlite_store(path); }, store::k_delivery_lease,
          store::this_process(slot.run_id), store::LeaseWait{}, clock_,
          [&](const std::string& line) { out(s).error("{}\n", line); });
      if (lease) {
        delivery_lease = std::move(*lease);
        break;
      }
      if (const auto* problem = std::get_if<Error>(&lease.error())) {
        error(s, problem->message);
        return;  // stays running: the next look (or another serve) takes it over
      }
      if (stopping()) return;  // stays running, for another serve or the next start
      if (clock_.now_unix() >= deadline) {
        const auto& holder = std::get<store::LeaseBusy>(lease.error()).holder;
        fail_slot(
            s, slot, what,
            fmt::format(
                "another quarterdeck was delivering for this store until the slot's time was up "
                "({}, since {})",
                store::describe_holder(holder), store::lease_time(holder.acquired_at)),
            run_by_hand(s, slot.report_id, slot.scheduled_at));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(store::k_lease_poll_ms));
      if (auto held = slot_lease.confirm(); !held) {
        error(s, held.error().message);
        return;
      }
    }
    PipelineRequest request;
    request.start = resume ? RunStart::resume : RunStart::fresh;
    request.run_id = slot.run_id;
    request.only = {slot.report_id};
    request.skip_if_unchanged = def->skip_if_unchanged;
    request.slot = slot_instant(slot.scheduled_at);
    request.directory = s.directory;
    request.store_option = s.store_option;
    request.stopping = stopping;
    request.on_planned = [&] {
      slot.detail = "planned";
      if (auto r = s.db->update_slot(slot); !r) error(s, r.error().message);
    };
    const RunResult result = run_pipeline(ws, *s.db, *delivery_lease, delivery, request, clock_);
    delivery_lease.reset();
    if (!result.delivered) {
      // Told to stop: the slot stays running, and whoever takes it over
      // resumes the run. Anything else (a lost lease, a store that cannot
      // record) fails the slot, with the command that finishes its run.
      if (!stopping()) {
        fail_slot(s, slot, what, result.error,
                  result.planned ? resume_command_for(s.directory, s.store_option, slot.run_id)
                                 : run_by_hand(s, slot.report_id, slot.scheduled_at));
      }
      return;
    }
    if (result.skipped > 0 && result.sent == 0 && result.not_sent == 0) {
      const auto& r = result.reports.front();
      finish_slot(s, slot, "skipped", "unchanged: " + r.detail);
    } else if (result.exit_status == k_exit_ok) {
      finish_slot(s, slot, "done", result.sent > 0 ? "sent" : "already sent");
    } else {
      std::string why = result.error;
      for (const auto& r : result.reports) {
        if (why.empty() && r.status == "not sent") why = r.detail;
      }
      finish_slot(s, slot, "failed", why.empty() ? "not sent" : why);
    }
  }

  const Environment& env_;
  const Clock& clock_;
  const std::int64_t start_;
  bool failed_ = false;
};

}  // namespace

int serve_command(const ServeOptions& options, const Environment& env, const Clock& clock) {
  const Output plain = output_for(env);
  if (!options.store.empty() && options.directories.size() > 1) {
    plain.error(
        "--store: one store for one portfolio; found {} portfolios. Leave --store out (each uses "
        "DIR/.quarterdeck/state.db)\n",
        options.directories.size());
    return k_exit_invalid;
  }
  std::vector<Served> all;
  for (const auto& dir :
       options.directories.empty() ? std::vector<std::string>{"."} : options.directories) {
    Served s;
    s.directory = dir;
    s.store_option = options.store;
    s.store_path = store_path(dir, options.store);
    all.push_back(std::move(s));
  }
  // One line per slot, as it happens (a journal or a log file reads them live).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  g_stop = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  Server server(env, clock);
  while (true) {
    const bool scheduled = server.look(all);
    if (options.once) {
      if (!scheduled) return k_exit_invalid;
      return server.any_failed() ? k_exit_failed : k_exit_ok;
    }
    if (stopping()) break;
    nap(k_poll_ms);
    if (stopping()) break;
  }
  // Every lease was released as its holder went out of scope; the run in
  // flight stopped after its message, with its state committed.
  plain.print("quarterdeck serve: stopped\n");
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
