// The quarterdeck command: parses the command line and hands over to one
// subcommand. Everything else lives in the core library.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "config/environment.hpp"
#include "util/clock.hpp"

namespace {

void add_common(CLI::App& cmd, quarterdeck::cli::CommonOptions& o) {
  cmd.add_option("dir", o.directory, "Portfolio directory (default: the current directory)");
  cmd.add_option("--as-of", o.as_of,
                 "Report as of this date, YYYY-MM-DD (default: today in the portfolio's time zone)");
}

void add_probe(CLI::App& cmd, quarterdeck::cli::CommonOptions& o) {
  cmd.add_flag("--probe", o.probe,
               "GET every declared endpoint once, without credentials, and report which ones answer");
}

void add_delivery(CLI::App& cmd, quarterdeck::cli::DeliveryOverrides& o) {
  cmd.add_option("--transport", o.transport, "outbox, smtp or ses (default: [delivery] transport)")
      ->check(CLI::IsMember({"outbox", "smtp", "ses"}));
  cmd.add_option("--smtp-url", o.smtp_url, "SMTP server, smtp://host:port or smtps://host:port (default: SMTP_URL)");
  cmd.add_option("--waves", o.waves, "Send in waves of these sizes, checking each: 5,3 (default: [delivery] waves)");
  cmd.add_option("--rate", o.rate, "Messages per second, 0 for no limit (default: [delivery] messages_per_second)");
  cmd.add_flag("--at-most-once", o.at_most_once,
               "Do not re-send messages whose send was cut off (uncertain); report them instead");
}

void add_wait(CLI::App& cmd, std::string& wait) {
  // Alone, the flag's value is "true": wait as long as it takes.
  cmd.add_flag("--wait", wait,
               "When another quarterdeck is delivering for this store, wait for it (at most SECONDS with "
               "--wait=SECONDS) instead of exiting 75")
      ->option_text("[=SECONDS]");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quarterdeck;
  CLI::App app{
      "Quarterdeck: executive reports for a portfolio of small businesses, computed from their records and "
      "delivered by e-mail with an audit trail.\n\nSee docs/config.md for the portfolio format."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "quarterdeck 0.1.0");

  cli::CommonOptions validate_options;
  auto* validate = app.add_subcommand("validate", "Check config, data files and delivery settings; list every problem "
                                                  "with file:line:column (exit 2 on problems)");
  add_common(*validate, validate_options);

  cli::ScheduleOptions schedule_options;
  auto* schedule = app.add_subcommand("schedule", "List each report's next run times, in the portfolio's time zone "
                                                  "and in UTC");
  schedule->add_option("dir", schedule_options.directory, "Portfolio directory (default: the current directory)");
  schedule->add_option("--from", schedule_options.from, "List runs from this date, YYYY-MM-DD (default: now)");
  schedule->add_option("--count", schedule_options.count, "Runs per report (default 5)")->check(CLI::Range(1, 100));
  schedule->add_option("--store", schedule_options.store,
                       "Read each report's last outcome from this store (default: DIR/.quarterdeck/state.db)");
  schedule->add_option("--emit", schedule_options.emit,
                       "Print systemd units (systemd) or crontab lines (cron) that run `serve DIR --once` on schedule")
      ->check(CLI::IsMember({"systemd", "cron"}));

  cli::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "Run each report on its schedule, once across every serve on the same "
                                            "store, until SIGTERM");
  serve->add_option("dir", serve_options.directories, "Portfolio directories (default: the current directory)");
  serve->add_option("--store", serve_options.store, "SQLite store, with one DIR only (default: DIR/.quarterdeck/state.db)");
  serve->add_flag("--once", serve_options.once, "Run what is due now, then exit (for a systemd timer or cron)");

  cli::GenerateOptions generate_options;
  auto* generate = app.add_subcommand("generate", "Build the reports into a folder, without sending anything");
  add_common(*generate, generate_options.common);
  add_probe(*generate, generate_options.common);
  generate->add_option("--out", generate_options.out, "Folder to write REPORT_ID.{txt,html,json,md,pdf} into")->required();
  generate->add_option("--store", generate_options.store,
                       "Show changes since the last run in this store (default: DIR/.quarterdeck/state.db if present)");
  generate->add_option("--format", generate_options.formats, "Formats: text, html, json, markdown, pdf (default: each report's own)")
      ->delimiter(',')
      ->check(CLI::IsMember({"text", "html", "json", "markdown", "pdf"}));
  generate->add_option("--only", generate_options.only, "Only these report ids")->delimiter(',');

  cli::RunOptions run_options;
  auto* run = app.add_subcommand("run", "Validate, generate, deliver (to the outbox by default) and record every "
                                        "message in the store");
  add_common(*run, run_options.common);
  add_probe(*run, run_options.common);
  run->add_option("--store", run_options.store, "SQLite store (default: DIR/.quarterdeck/state.db)");
  run->add_option("--only", run_options.only, "Only these report ids")->delimiter(',');
  run->add_flag("--force", run_options.force, "Send again reports that were already sent with the same content");
  run->add_flag("--plan-only", run_options.plan_only,
                "Build and plan every message, then stop; `send --resume` delivers them later");
  add_delivery(*run, run_options.delivery);
  add_wait(*run, run_options.wait);
  auto* run_to = run->add_option("--to", run_options.test_to,
                                 "Test: send every message to this one address only, marked [Test], recorded as a "
                                 "test and never as the real delivery");

  cli::PreviewOptions preview_options;
  auto* preview = app.add_subcommand(
      "preview", "Build one report and write its HTML and PDF to a new temporary folder, printing their paths");
  add_common(*preview, preview_options.common);
  preview->add_option("--report", preview_options.report, "The report id")->required();
  preview->add_option("--store", preview_options.store,
                      "Show changes since the last run in this store (default: DIR/.quarterdeck/state.db if present)");

  cli::SendOptions send_options;
  auto* send = app.add_subcommand("send", "Finish an interrupted run: send what it planned and did not deliver");
  add_common(*send, send_options.common);
  send->add_option("--resume", send_options.run_id, "The run to finish (default: the latest unfinished one)")
      ->expected(0, 1);
  send->add_option("--store", send_options.store, "SQLite store (default: DIR/.quarterdeck/state.db)");
  add_delivery(*send, send_options.delivery);
  add_wait(*send, send_options.wait);

  cli::PushOptions push_options;
  auto* push = app.add_subcommand("push", "Deliver the events not yet delivered to the portfolio's webhooks, GitHub "
                                          "Issues and chat channels now, and say what was sent");
  push->add_option("dir", push_options.directory, "Portfolio directory (default: the current directory)");
  push->add_option("--store", push_options.store, "SQLite store (default: DIR/.quarterdeck/state.db)");

  cli::AuditOptions audit_options;
  auto* audit = app.add_subcommand("audit", "Show the delivery log from the store");
  audit->add_option("dir", audit_options.directory, "Portfolio directory (default: the current directory)");
  audit->add_option("--store", audit_options.store, "SQLite store (default: DIR/.quarterdeck/state.db)");
  audit->add_option("--format", audit_options.format, "table or json")->check(CLI::IsMember({"table", "json"}));

  cli::LedgerOptions ledger_options;
  auto* ledger = app.add_subcommand("ledger", "The finance engine on ledger-format journals, laid out like ledger");
  ledger->require_subcommand(1);
  auto* balance = ledger->add_subcommand("balance", "Balance of every account")->alias("bal");
  balance->add_option("files", ledger_options.files, "Journal files")->required();
  balance->add_flag("--flat", ledger_options.flat, "One line per account, full names");
  balance->add_option("--depth", ledger_options.depth, "Show accounts down to this many levels")
      ->check(CLI::PositiveNumber);
  balance->add_option("--begin", ledger_options.begin, "Only postings on or after this date (YYYY-MM-DD)");
  balance->add_option("--end", ledger_options.end, "Only postings before this date (YYYY-MM-DD)");
  balance->add_option("--format", ledger_options.format, "text, json ({account: {commodity: amount}}) or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  balance->add_flag("--strict", ledger_options.strict, "Every account must be declared with `account`");
  balance->add_flag("--cost,-B,--basis", ledger_options.cost, "Postings with a price or lot price count at their cost");
  balance->add_flag("--budget", ledger_options.budget, "Actual against the `~` periodic transactions' budget");
  balance->add_flag("--monthly,-M", ledger_options.monthly, "With --budget: one column per month");
  balance->add_option("--rules", ledger_options.rules, "Rules for .csv bank exports (default: FILE.csv.rules)");
  auto* exchange = balance->add_option("--exchange,-X", ledger_options.exchange,
                                       "Value every amount in COMMODITY at the latest price (at --end with it)");
  balance->add_flag("--value,-V", ledger_options.value, "Value each commodity in the commodity of its latest price")
      ->excludes(exchange);
  auto* reg = ledger->add_subcommand("register", "Postings with a running total")->alias("reg");
  reg->add_option("files", ledger_options.files, "Journal files, then an optional account PATTERN")->required();
  reg->add_flag("--monthly", ledger_options.monthly, "One line per account and month");
  reg->add_option("--pattern", ledger_options.pattern, "Only accounts matching this regular expression");
  reg->add_option("--begin", ledger_options.begin, "Only postings on or after this date (YYYY-MM-DD)");
  reg->add_option("--end", ledger_options.end, "Only postings before this date (YYYY-MM-DD)");
  reg->add_option("--format", ledger_options.format, "text or csv (date,payee,account,commodity,amount)")
      ->check(CLI::IsMember({"text", "csv"}));
  reg->add_flag("--strict", ledger_options.strict, "Every account must be declared with `account`");
  reg->add_option("--rules", ledger_options.rules, "Rules for .csv bank exports (default: FILE.csv.rules)");
  for (auto* command : {balance, reg}) {
    auto* cleared = command->add_flag("--cleared,-C", ledger_options.cleared, "Only cleared (`*`) postings");
    auto* pending = command->add_flag("--pending", ledger_options.pending, "Only pending (`!`) postings");
    command->add_flag("--uncleared,-U", ledger_options.uncleared, "Only postings not cleared (pending or unmarked)")
        ->excludes(cleared)
        ->excludes(pending);
    cleared->excludes(pending);
    command->add_flag("--real,-R", ledger_options.real, "Leave out virtual postings `(ACCOUNT)` and `[ACCOUNT]`");
  }

  cli::ScanOptions scan_options;
  auto* scan = app.add_subcommand(
      "scan", "Look for secrets, committed env files and key files in directories and git repositories "
              "(exit 1 when a finding is at or above --fail-on, 2 on bad input)");
  scan->add_option("paths", scan_options.paths, "Directories, git work trees or files")->required();
  scan->add_flag("--history", scan_options.history, "Also scan every blob in git history (each blob once)");
  scan->add_option("--format", scan_options.format, "text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  scan->add_option("--baseline", scan_options.baseline, "Report only findings whose fingerprint is not in FILE");
  scan->add_option("--write-baseline", scan_options.write_baseline,
                   "Write every finding's fingerprint to FILE (to accept what is known today)");
  scan->add_option("--fail-on", scan_options.fail_on, "critical, high, medium, low, info or none (default: low)");
  // One value per occurrence, so the PATHs after them stay PATHs.
  scan->add_option("--rules", scan_options.rules, "A rules file that adds to or replaces built-in rules (repeatable)")
      ->allow_extra_args(false);
  scan->add_option("--ignore", scan_options.ignore, "Skip paths matching this glob, relative to each PATH (repeatable)")
      ->allow_extra_args(false);
  scan->add_option("--jobs,-j", scan_options.jobs, "Files scanned in parallel (default: one per core, at most 8)");
  scan->add_option("--output,-o", scan_options.output, "Write the report to FILE instead of standard output");

  cli::SectionsOptions sections_options;
  auto* sections = app.add_subcommand("sections", "List the section catalogue: the ids a report definition can name");
  sections->add_option("--format", sections_options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sections->add_flag("--charts", sections_options.charts, "List the chart catalogue instead: the ids `charts = [...]` can name");

  cli::TasksOptions tasks_options;
  auto* tasks = app.add_subcommand("tasks", "The reports' action items, followed as tasks: list, show, done, snooze");
  tasks->require_subcommand(1);
  for (const auto& [action, help] : {std::pair{"list", "List the open tasks ([DIR]; --all for every one)"},
                                     std::pair{"show", "Show one task with its evidence and history ([DIR] ID)"},
                                     std::pair{"done", "Mark a task done ([DIR] ID [--note TEXT])"},
                                     std::pair{"snooze", "Snooze a task until a date ([DIR] ID --until YYYY-MM-DD)"}}) {
    auto* sub = tasks->add_subcommand(action, help);
    sub->add_option("args", tasks_options.arguments, "[DIR] and, but for list, the task's id");
    sub->add_option("--store", tasks_options.store, "SQLite store (default: DIR/.quarterdeck/state.db)");
    if (std::string_view(action) == "list") {
      sub->add_flag("--all", tasks_options.all, "Every task, the resolved ones too");
      sub->add_option("--format", tasks_options.format, "table or json")->check(CLI::IsMember({"table", "json"}));
    }
    if (std::string_view(action) == "done") sub->add_option("--note", tasks_options.note, "What was done");
    if (std::string_view(action) == "snooze") sub->add_option("--until", tasks_options.until, "YYYY-MM-DD")->required();
    sub->callback([&tasks_options, action = std::string(action)] { tasks_options.action = action; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : cli::k_exit_invalid;
  }

  const ProcessEnvironment env;
  // The clock is the system's, unless a test injects one (util/clock.hpp FileClock).
  std::unique_ptr<Clock> clock_owner = std::make_unique<SystemClock>();
  if (const auto file = env.get("QUARTERDECK_CLOCK_FILE"); file && !file->empty()) {
    auto injected = FileClock::open(*file);
    if (!injected) {
      cli::output_for(env).error("quarterdeck: {}\n", injected.error());
      return cli::k_exit_invalid;
    }
    clock_owner = std::move(*injected);
  }
  const Clock& clock = *clock_owner;
  try {
    if (*validate) return cli::validate_command(validate_options, env, clock);
    if (*schedule) return cli::schedule_command(schedule_options, env, clock);
    if (*serve) return cli::serve_command(serve_options, env, clock);
    if (*generate) return cli::generate_command(generate_options, env, clock);
    if (*run) {
      run_options.test = run_to->count() > 0;
      return cli::run_command(run_options, env, clock);
    }
    if (*preview) return cli::preview_command(preview_options, env, clock);
    if (*send) return cli::send_command(send_options, env, clock);
    if (*audit) return cli::audit_command(audit_options, env);
    if (*push) return cli::push_command(push_options, env, clock);
    if (*scan) return cli::scan_command(scan_options, env);
    if (*sections) return cli::sections_command(sections_options, env);
    if (*tasks) return cli::tasks_command(tasks_options, env, clock);
    if (*balance) return cli::ledger_balance_command(ledger_options, env);
    if (*reg) {
      // `register FILE... PATTERN`: a last argument that is not a file is the pattern.
      if (ledger_options.pattern.empty() && ledger_options.files.size() > 1 &&
          !std::filesystem::exists(ledger_options.files.back())) {
        ledger_options.pattern = ledger_options.files.back();
        ledger_options.files.pop_back();
      }
      return cli::ledger_register_command(ledger_options, env);
    }
  } catch (const std::exception& e) {
    cli::output_for(env).error("quarterdeck: internal error: {}\n", e.what());
    return 70;
  }
  return cli::k_exit_invalid;
}
