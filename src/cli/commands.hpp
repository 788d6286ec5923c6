// The subcommands. Each takes its parsed options and returns the exit status.
#pragma once

#include <string>
#include <vector>

#include "cli/delivery_setup.hpp"
#include "config/environment.hpp"
#include "util/clock.hpp"

namespace quarterdeck::cli {

// Exit statuses: 0 done, 1 something failed at run time (a send), 2 the
// input has problems (nothing was done), 75 (EX_TEMPFAIL) another process
// is delivering for the same store (nothing was done; try again later).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;
inline constexpr int k_exit_invalid = 2;
inline constexpr int k_exit_busy = 75;

struct CommonOptions {
  std::string directory = ".";
  std::string as_of;
  bool probe = false;  // GET each declared endpoint without credentials
};

int validate_command(const CommonOptions& options, const Environment& env, const Clock& clock);

struct ScheduleOptions {
  std::string directory = ".";
  std::string from;  // list runs from this date (YYYY-MM-DD, local); default now
  int count = 5;
  std::string store;  // the last outcome of each report's slots (default: DIR/.quarterdeck/state.db if present)
  std::string emit;  // "systemd" or "cron": units or a crontab that run `serve DIR --once` (schedule_emit.cpp)
};

int schedule_command(const ScheduleOptions& options, const Environment& env, const Clock& clock);

// `quarterdeck serve DIR...`: runs the reports' schedule slots until
// SIGTERM (or, with --once, what is due now) (docs/operations.md).
struct ServeOptions {
  std::vector<std::string> directories;  // empty: the current directory
  std::string store;                     // only with one directory
  bool once = false;
};
int serve_command(const ServeOptions& options, const Environment& env, const Clock& clock);

struct GenerateOptions {
  CommonOptions common;
  std::string store;  // compare with the runs in this store (default: DIR/.quarterdeck/state.db if present)
  std::string out;
  std::vector<std::string> formats;
  std::vector<std::string> only;
};
int generate_command(const GenerateOptions& options, const Environment& env, const Clock& clock);

struct RunOptions {
  CommonOptions common;
  std::string store;  // empty: DIR/.quarterdeck/state.db
  std::vector<std::string> only;
  bool force = false;
  bool plan_only = false;  // plan and stop; `send --resume` delivers later
  DeliveryOverrides delivery;
  std::string wait;  // --wait[=SECONDS] for the delivery lease: "" do not wait, "true" no limit, or seconds
  // --to ADDRESS: a test send of every message to this one address, marked
  // as a test and recorded as one, never as the real delivery.
  bool test = false;
  std::string test_to;
};
int run_command(const RunOptions& options, const Environment& env, const Clock& clock);

// `quarterdeck preview DIR --report ID`: that report's HTML and PDF in a new
// temporary folder, their paths printed.
struct PreviewOptions {
  CommonOptions common;
  std::string store;  // as in GenerateOptions
  std::string report;
};
int preview_command(const PreviewOptions& options, const Environment& env, const Clock& clock);

struct SendOptions {
  CommonOptions common;
  std::string store;
  std::string run_id;  // --resume [RUN]; empty: the latest unfinished run
  DeliveryOverrides delivery;
  std::string wait;  // as in RunOptions
};
int send_command(const SendOptions& options, const Environment& env, const Clock& clock);

struct AuditOptions {
  std::string directory = ".";
  std::string store;
  std::string format = "table";
};
int audit_command(const AuditOptions& options, const Environment& env);

struct LedgerOptions {
  std::vector<std::string> files;
  bool flat = false;
  int depth = 0;
  std::string begin, end;
  std::string format = "text";
  bool monthly = false;
  std::string pattern;
  std::string rules;  // rules file for .csv inputs
  bool strict = false;
  bool cleared = false, pending = false, uncleared = false;  // by posting mark, as ledger filters
  std::string exchange;  // balance -X COMMODITY: every amount with a price in that commodity
  bool value = false;    // balance --value (-V): each commodity in its own price commodity
  bool cost = false;  // -B: postings with a cost count at their cost
  bool budget = false;  // balance: against the `~` periodic transactions, as hledger's --budget
  bool real = false;  // --real: leave out virtual postings, as ledger
};
int ledger_balance_command(const LedgerOptions& options, const Environment& env);
int ledger_register_command(const LedgerOptions& options, const Environment& env);

struct ScanOptions {
  std::vector<std::string> paths;
  bool history = false;
  std::string format = "text";
  std::string baseline;
  std::string write_baseline;
  std::string fail_on = "low";
  std::vector<std::string> rules;
  std::vector<std::string> ignore;
  std::string output;
  unsigned jobs = 0;  // 0: one per core
};
int scan_command(const ScanOptions& options, const Environment& env);

// `quarterdeck sections`: the section catalogue (id, title, what it needs)
// as a table or JSON.
struct SectionsOptions {
  std::string format = "text";
  bool charts = false;  // the chart catalogue instead (analyze/charts)
};
int sections_command(const SectionsOptions& options, const Environment& env);

// `quarterdeck tasks list|show|done|snooze` (cli/tasks.cpp): the reports'
// action items, followed as tasks (src/tasks).
struct TasksOptions {
  std::string action;                  // list, show, done, snooze
  std::vector<std::string> arguments;  // [DIR] for list; [DIR] ID for the others
  std::string store;                   // empty: DIR/.quarterdeck/state.db
  bool all = false;                    // list: every task, not only the open ones
  std::string format = "table";        // list: table or json
  std::string note;                    // done: why
  std::string until;                   // snooze: YYYY-MM-DD
};
int tasks_command(const TasksOptions& options, const Environment& env, const Clock& clock);
// `quarterdeck push DIR`: delivers the events not yet delivered to the
// portfolio's integrations (webhooks, GitHub Issues, Slack, Teams) now, and
// says per target what was sent, left for later or rejected.
struct PushOptions {
  std::string directory = ".";
  std::string store;  // empty: DIR/.quarterdeck/state.db
};
int push_command(const PushOptions& options, const Environment& env, const Clock& clock);

}  // namespace quarterdeck::cli
