#include "cli/tasks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analyze/context.hpp"
#include "analyze/findings.hpp"
#include "cli/commands.hpp"
#include "config/portfolio_loader.hpp"
#include "render/renderer.hpp"
#include "tasks/tasks.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {
namespace {

std::string date_text(const std::optional<Date>& d) {
  return d ? d->to_string() : "";
}

// What a task's state means to a person today.
std::string state_words(const Task& t, Date today) {
  switch (t.status) {
    case TaskStatus::done:
      return "done";
    case TaskStatus::resolved:
      return "resolved " + date_text(t.resolved_at);
    case TaskStatus::snoozed:
      if (t.snoozed_until && *t.snoozed_until > today)
        return "snoozed until " + t.snoozed_until->to_string();
      [[fallthrough]];
    case TaskStatus::open:
      if (t.due && *t.due < today) {
        const int late = t.due->days_until(today);
        return fmt::format("overdue {} day{}", late, late == 1 ? "" : "s");
      }
      return "open";
  }
  return "open";
}

std::string shortened(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t cut = width - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // whole code points
  return text.substr(0, cut) + "...";
}

nlohmann::ordered_json task_json(const Task& t) {
  auto evidence = nlohmann::ordered_json::array();
  for (const auto& e : t.evidence) evidence.push_back({{"source", e.source}, {"detail", e.detail}});
  auto history = nlohmann::ordered_json::array();
  for (const auto& h : t.history) history.push_back({{"at", h.at}, {"what", h.what}});
  return {{"id", t.id},
          {"title", t.title},
          {"owner_role", t.owner_role},
          {"owner", t.owner},
          {"due", date_text(t.due)},
          {"status", std::string(to_string(t.status))},
          {"source_report", t.source_report},
          {"finding_id", t.finding_id},
          {"finding_title", t.finding_title},
          {"entity", t.entity},
          {"evidence", std::move(evidence)},
          {"first_seen", t.first_seen.to_string()},
          {"last_seen", t.last_seen.to_string()},
          {"resolved_at", date_text(t.resolved_at)},
          {"snoozed_until", date_text(t.snoozed_until)},
          {"done_at", t.done_at},
          {"done_note", t.done_note},
          {"history", std::move(history)}};
}

std::string owner_text(const Task& t) {
  return t.owner.empty() ? t.owner_role : t.owner_role + " (" + t.owner + ")";
}

int list_tasks(const Output& out, const std::vector<Task>& all, const TasksOptions& options,
               Date today) {
  std::vector<const Task*> shown;
  for (const auto& t : all) {
    if (options.all || t.status != TaskStatus::resolved) shown.push_back(&t);
  }
  // Most urgent first: by due date, undated last.
  std::ranges::stable_sort(shown, [](const Task* a, const Task* b) {
    if (a->due.has_value() != b->due.has_value()) return a->due.has_value();
    return a->due != b->due ? *a->due < *b->due : a->id < b->id;
  });
  if (options.format == "json") {
    auto json = nlohmann::ordered_json::array();
    for (const Task* t : shown) json.push_back(task_json(*t));
    out.data(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    return k_exit_ok;
  }
  if (shown.empty()) {
    out.print("{}\n", all.empty()
                          ? "No tasks yet: they come from the action items of a real run's reports."
                          : "No open tasks. `quarterdeck tasks list --all` shows the closed ones.");
    return k_exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Task* t : shown) {
    rows.push_back({t->id, state_words(*t, today), date_text(t->due), owner_text(*t),
                    shortened(t->title, 60)});
  }
  out.print("{}", render::text_table({"Task", "State", "Due", "Owner", "Action"}, rows));
  const auto closed = static_cast<std::size_t>(
      std::ranges::count_if(all, [](const Task& t) { return t.status == TaskStatus::resolved; }));
  out.print(
      "{} task{} shown{}.\n", shown.size(), shown.size() == 1 ? "" : "s",
      !options.all && closed > 0 ? fmt::format("; {} resolved, shown with --all", closed) : "");
  return k_exit_ok;
}

void show_task(const Output& out, const Task& t, Date today) {
  out.print("{} · {} · due {} · owner {}\n", t.id, state_words(t, today),
            t.due ? t.due->to_string() : "none", owner_text(t));
  out.print("{}\n", t.title);
  if (!t.finding_title.empty()) out.print("Finding: {} ({})\n", t.finding_title, t.finding_id);
  out.print("First named by the {} report; first seen {}, last seen {}.\n", t.source_report,
            t.first_seen.to_string(), t.last_seen.to_string());
  if (t.status == TaskStatus::done || !t.done_at.empty()) {
    out.print("Marked done {}{}\n", t.done_at, t.done_note.empty() ? "." : ": " + t.done_note);
  }
  if (!t.evidence.empty()) {
    out.print("Evidence:\n");
    for (const auto& e : t.evidence) out.print("  {}: {}\n", e.source, e.detail);
  }
  out.print("History:\n");
  for (const auto& h : t.history) out.print("  {}  {}\n", h.at, h.what);
}

}  // namespace

int tasks_command(const TasksOptions& options, const Environment& env, const Clock& clock) {
  const bool needs_id = options.action != "list";
  std::string directory = ".";
  std::string id;
  const auto& args = options.arguments;
  if (needs_id) {
    if (args.empty() || args.size() > 2) {
      output_for(env).error("tasks {}: expected [DIR] TASK-ID, found {} argument{}\n",
                            options.action, args.size(), args.size() == 1 ? "" : "s");
      return k_exit_invalid;
    }
    if (args.size() == 2) directory = args[0];
    id = args.back();
  } else {
    if (args.size() > 1) {
      output_for(env).error("tasks list: expected [DIR], found {} arguments\n", args.size());
      return k_exit_invalid;
    }
    if (!args.empty()) directory = args[0];
  }
  std::optional<Date> until;
  if (options.action == "snooze") {
    until = Date::parse(options.until);
    if (!until) {
      output_for(env).error("tasks snooze: --until: expected a date ({}), found `{}`\n",
                            Date::range_text(), options.until);
      return k_exit_invalid;
    }
  }
  Workspace ws;
  ws.directory = directory;
  ws.config = load_portfolio(directory, env);
  ws.problems = ws.config.diagnostics;
  const Output out = output_for(ws);
  if (!ws.config.ok()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  const std::filesystem::path path = store_path(directory, options.store);
  if (!std::filesystem::exists(path)) {
    out.error("{}: no store here yet (nothing has been run, so there are no tasks)\n",
              path.string());
    return k_exit_invalid;
  }
  auto opened = store::open_sqlite_store(path);
  if (!opened) {
    out.error("{}\n", opened.error().message);
    return k_exit_failed;
  }
  store::Store& db = **opened;
  const Portfolio& p = ws.config.portfolio;
  const Date today = date_in_zone(clock.now_unix(), p.timezone.empty() ? "UTC" : p.timezone)
                         .value_or(Date::parse("2000-01-01").value());
  if (options.action == "list") {
    auto all = db.tasks(ws.config.redactor.apply(p.name));
    if (!all) {
      out.error("{}\n", all.error().message);
      return k_exit_failed;
    }
    return list_tasks(out, *all, options, today);
  }
  if (options.action == "show") {
    auto t = tasks::find_task(db, id);
    if (!t) {
      out.error("tasks show: {}\n", t.error().message);
      return k_exit_invalid;
    }
    show_task(out, *t, today);
    return k_exit_ok;
  }
  if (options.action == "done") {
    auto before = tasks::find_task(db, id);
    if (!before) {
      out.error("tasks done: {}\n", before.error().message);
      return k_exit_invalid;
    }
    auto t = tasks::mark_task_done(db, id, options.note, clock.now_unix(), &ws.config.redactor);
    if (!t) {
      out.error("tasks done: {}\n", t.error().message);
      return k_exit_failed;
    }
    if (before->status == TaskStatus::done) {
      out.print("{} was already marked done ({}).\n", t->id, t->done_at);
    } else if (t->status == TaskStatus::resolved) {
      out.print("{} was already resolved on {}; your note is kept in its history.\n", t->id,
                date_text(t->resolved_at));
    } else {
      out.print("{} marked done: {}\nThe next report says so if its problem is still found.\n",
                t->id, shortened(t->title, 60));
    }
    return k_exit_ok;
  }
  // snooze
  if (auto known = tasks::find_task(db, id); !known) {
    out.error("tasks snooze: {}\n", known.error().message);
    return k_exit_invalid;
  }
  auto t = tasks::snooze_task(db, id, *until, clock.now_unix());
  if (!t) {
    out.error("tasks snooze: {}\n", t.error().message);
    return k_exit_invalid;
  }
  out.print("{} snoozed until {}: no report shows it overdue before then.\n", t->id,
            until->to_string());
  return k_exit_ok;
}

void reconcile_after_run(const Output& out, store::Store& db, const Workspace& ws,
                         const std::vector<std::expected<BuiltReport, Error>>& reports,
                         const Clock& clock) {
  std::vector<const ReportDocument*> documents;
  for (const auto& r : reports) {
    if (r) documents.push_back(&r->document);
  }
  // Every finding of the run, not only those the reports show: a task stays
  // open while its finding persists.
  const AnalysisContext ctx(ws.config.portfolio, ws.data, ws.as_of);
  const std::vector<Finding> findings = detect_findings(ctx);
  auto result = tasks::reconcile_tasks(db, ws.config.portfolio, documents, findings, ws.as_of,
                                       clock, ws.config.redactor);
  if (!result) {
    out.error("tasks: {}; the tasks were not updated (the next run reconciles them)\n",
              result.error().message);
  }
}

}  // namespace quarterdeck::cli
