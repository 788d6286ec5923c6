// `quarterdeck push DIR`: the integrations' events delivered now (after an
// outage, or to see what happens), under the store's delivery lease so no
// other process pushes the same events at the same time.
#include "cli/push.hpp"

#include <fmt/format.h>

#include <map>

#include "cli/commands.hpp"
#include "cli/pipeline.hpp"
#include "integrate/push.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"
#include "tasks/tasks.hpp"

namespace quarterdeck::cli {
namespace {

void print_report(const Output& out, const integrate::PushReport& report) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const integrate::PushLine*>> by_target;
  for (const auto& l : report.lines) {
    if (!by_target.contains(l.target)) order.push_back(l.target);
    by_target[l.target].push_back(&l);
  }
  for (const auto& target : order) {
    int sent = 0, retry = 0, rejected = 0;
    for (const auto* l : by_target[target]) {
      sent += l->outcome == "sent";
      retry += l->outcome == "will retry";
      rejected += l->outcome == "rejected";
    }
    out.print("{}: {} sent, {} left for the next push, {} rejected\n", target, sent, retry,
              rejected);
    for (const auto* l : by_target[target]) {
      const bool event = l->event_id.starts_with("evt_");
      out.print("  {:<17} {}{}\n", l->outcome,
                event ? fmt::format("{} {}", l->event_type, l->event_id) : "",
                l->detail.empty() ? "" : (event ? ": " : "") + l->detail);
    }
  }
}

integrate::PushContext context_for(const LoadedPortfolio& config, store::Store& db, store::HeldLease& lease,
                                   integrate::HttpClient& http, const Clock& clock,
                                   deliver::Sleeper& sleeper) {
  const Portfolio& p = config.portfolio;
  integrate::PushContext context{db,
                                 config.redactor.apply(p.name),
                                 p.integrations,
                                 config.redactor,
                                 http,
                                 clock,
                                 sleeper,
                                 // An issue closed on GitHub marks its task done (src/tasks).
                                 [&db, &clock, &config](const std::string& task_id,
                                                    const std::string& note) -> std::expected<void, Error> {
                                   auto done = tasks::mark_task_done(db, task_id, note, clock.now_unix(),
                                                              &config.redactor);
                                   if (!done) return std::unexpected(done.error());
                                   return {};
                                 },
                                 [&lease] { return lease.confirm(); },
                                 {}};
  context.settings.seed = static_cast<std::uint64_t>(clock.now_ms());
  return context;
}

}  // namespace

void push_after_delivery(const Output& out, const Workspace& ws, store::Store& db,
                         store::HeldLease& lease, const Clock& clock) {
  push_after_delivery(out, ws.config, ws.directory, db, lease, clock);
}

void push_after_delivery(const Output& out, const LoadedPortfolio& config, const std::filesystem::path& directory,
                         store::Store& db, store::HeldLease& lease, const Clock& clock) {
  if (config.portfolio.integrations.empty()) return;
  auto http = integrate::curl_http_client();
  deliver::RealSleeper sleeper;
  auto context = context_for(config, db, lease, *http, clock, sleeper);
  auto report = integrate::push_integrations(context);
  if (!report) {
    out.error("integrations: {}; `quarterdeck push {}` tries again\n", report.error().message,
              shell_word(directory.string()));
    return;
  }
  if (report->lines.empty()) return;
  out.error("integrations: {} sent, {} left for the next push, {} rejected{}\n", report->sent,
            report->will_retry, report->rejected,
            report->will_retry + report->rejected > 0
                ? fmt::format(" (`quarterdeck push {}` shows them)", shell_word(directory.string()))
                : "");
  for (const auto& task : report->closed_tasks) {
    out.error("integrations: task {} marked done: its GitHub issue was closed\n", task);
  }
}

int push_command(const PushOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws = load_workspace(options.directory, "", env, clock, {false, false});
  const Output out = output_for(ws);
  if (!ws.config.ok()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  const Portfolio& p = ws.config.portfolio;
  if (p.integrations.empty()) {
    out.print(
        "No integrations in portfolio.toml ([[webhooks]], [github], [[chat]]): nothing to push.\n");
    return k_exit_ok;
  }
  const std::filesystem::path path = store_path(ws.directory, options.store);
  if (!std::filesystem::exists(path)) {
    out.print("Nothing to push: no store at {} yet (nothing has been run).\n", path.string());
    return k_exit_ok;
  }
  auto opened = store::open_sqlite_store(path);
  if (!opened) {
    out.error("{}\n", opened.error().message);
    return k_exit_failed;
  }
  store::Store& db = **opened;
  auto lease = store::HeldLease::acquire(
      db, [&path] { return store::open_sqlite_store(path); }, store::k_delivery_lease,
      store::this_process(""), store::LeaseWait{}, clock,
      [&out](const std::string& line) { out.error("{}\n", line); });
  if (!lease) {
    if (const auto* busy = std::get_if<store::LeaseBusy>(&lease.error())) {
      out.error(
          "quarterdeck: another quarterdeck is delivering for this store: {}, since {}; nothing "
          "was pushed. "
          "Try again later.\n",
          store::describe_holder(busy->holder), store::lease_time(busy->holder.acquired_at));
      return k_exit_busy;
    }
    out.error("{}\n", std::get<Error>(lease.error()).message);
    return k_exit_failed;
  }
  auto http = integrate::curl_http_client();
  deliver::RealSleeper sleeper;
  auto context = context_for(ws.config, db, **lease, *http, clock, sleeper);
  context.settings.flush = true;
  auto report = integrate::push_integrations(context);
  if (!report) {
    out.error("{}\n", report.error().message);
    return k_exit_failed;
  }
  if (report->lines.empty()) {
    out.print("Nothing to push: every event was delivered.\n");
    return k_exit_ok;
  }
  print_report(out, *report);
  return report->will_retry > 0 || report->rejected > 0 ? k_exit_failed : k_exit_ok;
}

}  // namespace quarterdeck::cli
