// `quarterdeck run` plans every message of a run (saved with its MIME,
// state `planned`) and then delivers them; `quarterdeck send --resume`
// finishes a run that was interrupted. Every state change is committed to
// the store before the next step.
//
// Both take the store's delivery lease (store/lease.hpp) before they read or
// write any delivery state, and hold it until they are done: a second
// process waits (--wait) or exits 75 naming the holder, and when it gets the
// lease it sees every delivery of the first.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

#include "analyze/deltas.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/delivery_setup.hpp"
#include "cli/reports.hpp"
#include "cli/tasks.hpp"
#include "deliver/engine.hpp"
#include "deliver/message.hpp"
#include "deliver/plan.hpp"
#include "deliver/subject.hpp"
#include "render/renderer.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"
#include "util/address.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

bool check_only(const Output& out, const Portfolio& p,
                const std::vector<std::string>& only);  // generate.cpp

namespace {

std::string new_run_id(const Clock& clock, const Portfolio& p) {
  const std::int64_t now = clock.now_unix();
  std::string stamp = format_utc(now);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  return fmt::format(
      "{}-{}", stamp,
      sha256_hex(fmt::format("{}|{}|{}", p.name, clock.now_ms(), getpid())).substr(0, 6));
}

// The message of a report. Its parts are the redacted reports; the subject
// (deliver/subject.hpp: the report's headline) and the sender's name pass
// the Redactor here. The addresses are the one
// thing not redacted: a message must reach its recipients.
deliver::OutgoingMessage message_for(const BuiltReport& built, const Portfolio& p,
                                     const deliver::Addressing& a, const std::string& key,
                                     const Clock& clock, const Redactor& redactor) {
  deliver::OutgoingMessage m;
  m.from = p.delivery.from;
  m.from_name = redactor.apply(p.delivery.from_name);
  m.to = a.to;
  m.cc = a.cc;
  m.bcc = a.bcc;
  m.subject = deliver::subject_for(built.document, p.delivery.subject_prefix, redactor);
  m.text = built.rendered.at("text");
  if (const auto it = built.rendered.find("html"); it != built.rendered.end()) {
    m.html = it->second;
    for (const auto& image : built.images) m.inline_images.push_back({image.name, image.content_type, image.data});
  }
  // The other formats the definition asks for are attached.
  for (const auto& [format, type] : {std::pair{"pdf", "application/pdf"}, std::pair{"markdown", "text/markdown"},
                                     std::pair{"json", "application/json"}}) {
    if (const auto it = built.rendered.find(format); it != built.rendered.end()) {
      m.attachments.push_back({fmt::format("{}.{}", built.definition->id,
                                           render::extension(*render::parse_format(format))),
                               type, it->second});
    }
  }
  m.reply_to = p.delivery.reply_to;
  m.list_id = deliver::list_id_for(redactor.apply(p.name), p.delivery.from);
  m.message_id = deliver::message_id_for(key, p.delivery.from);
  m.date_unix = clock.now_unix();
  return m;
}

// A test send (`run --to ADDRESS`): the message goes to the tester alone
// (no Cc, no Bcc, no audit copy), its subject says so, and a header marks it
// for filters (OutgoingMessage::test).
void mark_as_test(deliver::OutgoingMessage& m, const std::string& address) {
  m.to = {address};
  m.cc.clear();
  m.bcc.clear();
  m.subject = "[Test] " + m.subject;
  m.test = true;
}

struct Line {
  std::string report_id;
  std::size_t recipients = 0;
  std::string status;
  std::string message_id;
  std::string detail;
};

// What the store keeps of a report to compare the next run with, redacted
// like the report itself.
ReportSnapshot redacted_snapshot(ReportSnapshot snapshot, const Redactor& redactor) {
  for (auto& f : snapshot.findings) {
    f.id = redactor.apply(f.id);
    f.title = redactor.apply(f.title);
  }
  return snapshot;
}

int print_summary(const Output& out, const std::string& run_id, const Portfolio& p,
                  const std::string& transport, const std::vector<Line>& lines,
                  const deliver::RunOutcome* outcome, const std::string& directory,
                  const std::string& test_to) {
  std::vector<std::vector<std::string>> rows;
  int sent = 0, already = 0, failed = 0;
  for (const auto& l : lines) {
    rows.push_back(
        {l.report_id, fmt::format("{}", l.recipients), l.status, l.message_id, l.detail});
    sent += l.status == "sent";
    already += l.status == "already sent";
    failed += l.status != "sent" && l.status != "already sent";
  }
  if (test_to.empty()) {
    out.print("Run {} · {} · transport {}\n", run_id, p.name, transport);
  } else {
    out.print("Test run {} · {} · transport {} · every message to {} only, marked [Test]\n", run_id,
              p.name, transport, test_to);
  }
  out.print("{}",
            render::text_table({"Report", "Recipients", "Status", "Message-ID", "Detail"}, rows));
  out.print("{} sent, {} already sent, {} not sent.\n", sent, already, failed);
  if (!test_to.empty())
    out.print("A test: the reports' real delivery for this date is still to be done.\n");
  if (outcome != nullptr && outcome->stopped)
    out.print("Stopped at the {}.\n", outcome->stop_reason);
  if (failed > 0) {
    out.print("Finish it with: quarterdeck send {} --resume {}\n", directory, run_id);
  } else if (already > 0 && sent == 0) {
    out.print(
        "Nothing new to send: these reports went out before. Use --force to send them again.\n");
  }
  return failed == 0 ? k_exit_ok : k_exit_failed;
}

std::vector<Line> lines_of(const deliver::RunOutcome& outcome) {
  std::vector<Line> lines;
  for (const auto& r : outcome.records) {
    lines.push_back({r.report_id, r.recipient_count(), r.status, r.message_id,
                     r.status == "sent"
                         ? (r.attempts > 1 ? fmt::format("after {} attempts", r.attempts) : "")
                         : r.last_error});
  }
  return lines;
}

deliver::ProgressFn progress_printer(const Output* out) {
  if (out == nullptr) return {};
  return [out](const deliver::DeliveryRecord& r, const std::string& what) {
    if (what == "sending") {
      out->error("  {}: sending to {} recipients (attempt {})\n", r.report_id, r.recipient_count(),
                 r.attempts);
    } else if (what != "planned") {
      out->error("  {}: {}{}\n", r.report_id, what,
                 r.last_error.empty() ? "" : " - " + r.last_error);
    }
  };
}

std::string run_status(const deliver::RunOutcome& outcome) {
  const bool all_sent =
      std::ranges::all_of(outcome.records, [](const auto& r) { return r.status == "sent"; });
  return all_sent ? "done" : outcome.stopped ? "stopped" : "incomplete";
}

// Prints the delivery problems found before sending; true when there are none.
bool delivery_ready(const Output& out, const DeliverySetup& delivery) {
  if (delivery.problems.empty()) return true;
  for (const auto& problem : delivery.problems) out.error("delivery: {}\n", problem);
  out.error("quarterdeck: {} delivery problem{}; nothing was sent.\n", delivery.problems.size(),
            delivery.problems.size() == 1 ? "" : "s");
  return false;
}

// The delivery log as seen while holding the lease: every state change
// first confirms the lease, so a process that lost it (or whose store is
// gone) plans and sends nothing more.
class LeasedLog final : public deliver::DeliveryLog {
 public:
  LeasedLog(store::Store& store, store::HeldLease& lease) : store_(store), lease_(lease) {}
  std::expected<std::optional<deliver::DeliveryRecord>, Error> find_delivery(
      const std::string& key) override {
    return store_.find_delivery(key);
  }
  std::expected<void, Error> save_delivery(const deliver::DeliveryRecord& delivery) override {
    if (auto held = lease_.confirm(); !held) return held;
    return store_.save_delivery(delivery);
  }
  std::expected<std::vector<deliver::DeliveryRecord>, Error> run_deliveries(
      const std::string& run_id) override {
    return store_.run_deliveries(run_id);
  }
  std::expected<std::string, Error> message_of(const std::string& key) override {
    return store_.message_of(key);
  }
  std::expected<std::int64_t, Error> recipients_sent_since(const std::string& since) override {
    return store_.recipients_sent_since(since);
  }

 private:
  store::Store& store_;
  store::HeldLease& lease_;
};

// --wait[=SECONDS]: "" do not wait; "true" (the flag alone) wait without a limit.
std::optional<store::LeaseWait> parse_wait(const std::string& text) {
  if (text.empty()) return store::LeaseWait{};
  if (text == "true") return store::LeaseWait{true, std::nullopt};
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) return std::nullopt;
  return store::LeaseWait{true, seconds};
}

bool wait_is_valid(const Output& out, const std::string& text) {
  if (parse_wait(text)) return true;
  out.error(
      "--wait: expected a number of seconds (or --wait alone, to wait as long as it takes), found "
      "`{}`\n",
      text);
  return false;
}

// Takes the store's delivery lease for `run_id` (or waits for it); on
// failure prints why and sets `exit_status`.
std::unique_ptr<store::HeldLease> take_lease(const Output& out, store::Store& db,
                                             const std::filesystem::path& path,
                                             const std::string& run_id,
                                             const std::string& wait_text, const Clock& clock,
                                             int& exit_status) {
  const store::LeaseWait wait = parse_wait(wait_text).value_or(store::LeaseWait{});
  auto lease = store::HeldLease::acquire(
      db, [&path] { return store::open_sqlite_store(path); }, store::k_delivery_lease,
      store::this_process(run_id), wait, clock,
      [&out](const std::string& line) { out.error("{}\n", line); });
  if (lease) return std::move(*lease);
  if (const auto* busy = std::get_if<store::LeaseBusy>(&lease.error())) {
    if (wait.wait) {
      out.error(
          "quarterdeck: another quarterdeck is still delivering for this store after {} s of "
          "waiting: {}, "
          "since {}; nothing was sent. Try again later.\n",
          busy->waited_seconds, store::describe_holder(busy->holder),
          store::lease_time(busy->holder.acquired_at));
    } else {
      out.error(
          "quarterdeck: another quarterdeck is delivering for this store: {}, since {}; nothing "
          "was sent. "
          "Wait for it with --wait, or try again later.\n",
          store::describe_holder(busy->holder), store::lease_time(busy->holder.acquired_at));
    }
    exit_status = k_exit_busy;
  } else {
    out.error("{}\n", std::get<Error>(lease.error()).message);
    exit_status = k_exit_failed;
  }
  return nullptr;
}

std::expected<deliver::RunOutcome, Error> deliver(deliver::DeliveryLog& db, DeliverySetup& delivery,
                                                  const std::string& run_id, const Clock& clock,
                                                  const Output* progress) {
  deliver::RealSleeper sleeper;
  delivery.engine.seed = static_cast<std::uint64_t>(clock.now_ms());
  return deliver::deliver_run(db, *delivery.transport, run_id, delivery.engine, clock, sleeper,
                              progress_printer(progress));
}

}  // namespace

int run_command(const RunOptions& options, const Environment& env, const Clock& clock) {
  if (!wait_is_valid(output_for(env), options.wait)) return k_exit_invalid;
  // --to ADDRESS: a test send, checked before anything is read or sent.
  std::string test_to;
  if (options.test) {
    const auto address = normalize_address(options.test_to);
    if (!address) {
      output_for(env).error("--to: expected an e-mail address (name@example.com), found `{}`: {}\n",
                            options.test_to, address.error());
      return k_exit_invalid;
    }
    test_to = *address;
  }
  const Workspace ws = load_workspace(options.common.directory, options.common.as_of, env, clock,
                                      {true, options.common.probe});
  const Output out = output_for(ws);
  const Redactor& redactor = ws.config.redactor;
  if (!ws.problems.empty()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  const Portfolio& p = ws.config.portfolio;
  if (!check_only(out, p, options.only)) return k_exit_invalid;
  DeliverySetup delivery =
      setup_delivery(p, ws.directory.string(), *ws.config.environment, options.delivery, redactor);
  if (!delivery_ready(out, delivery)) return k_exit_invalid;
  const std::filesystem::path path = store_path(ws.directory, options.store);
  auto opened = store::open_sqlite_store(path);
  if (!opened) {
    out.error("{}\n", opened.error().message);
    return k_exit_failed;
  }
  store::Store& db = **opened;
  const std::string run_id = new_run_id(clock, p);
  // Nothing is read or planned before the lease is held.
  int busy_status = k_exit_ok;
  const auto lease = take_lease(out, db, path, run_id, options.wait, clock, busy_status);
  if (!lease) return busy_status;
  LeasedLog log(db, *lease);
  if (auto r = db.begin_run({run_id, redactor.apply(p.name), ws.as_of.to_string(),
                             format_utc(clock.now_unix()), "", "running", test_to});
      !r) {
    out.error("{}\n", r.error().message);
    return k_exit_failed;
  }
  const Output* progress = stderr_is_terminal() ? &out : nullptr;
  if (progress != nullptr) out.error("run {}: {} as of {}\n", run_id, p.name, ws.as_of.to_string());

  auto previous = previous_snapshots(ws, db);
  if (!previous) {
    out.error("{}\n", previous.error().message);
    return k_exit_failed;
  }
  auto tasks_before = stored_tasks(ws, db);  // for the reports' follow-up section
  if (!tasks_before) {
    out.error("{}\n", tasks_before.error().message);
    return k_exit_failed;
  }
  // Plan: every message saved with its MIME before the first is sent.
  std::vector<Line> skipped;
  auto reports = build_reports(ws, options.only, {}, progress, *previous, &*tasks_before);
  for (auto& built : reports) {
    if (!built) {
      skipped.push_back({"", 0, "error", "", built.error().message});
      continue;
    }
    const ReportDefinition& def = *built->definition;
    if (auto r = db.record_report(
            {run_id, def.id, redactor.apply(built->document.title), built->content_hash});
        !r) {
      skipped.push_back({def.id, 0, "error", "", r.error().message});
      continue;
    }
    // A test is not what the readers saw: the next real run compares with
    // the last real one.
    if (auto r = test_to.empty() ? db.record_snapshot(
                                       run_id, redacted_snapshot(snapshot_of(built->document), redactor))
                                 : std::expected<void, Error>{};
        !r) {
      skipped.push_back({def.id, 0, "error", "", r.error().message});
      continue;
    }
    // A test is one message per report, to the tester.
    const auto parts =
        test_to.empty()
            ? deliver::split_recipients(
                  deliver::resolve_recipients(def, p),
                  static_cast<std::size_t>(p.delivery.max_recipients_per_message))
            : std::vector<deliver::Addressing>{deliver::Addressing{{test_to}, {}, {}}};
    for (std::size_t part = 0; part < parts.size(); ++part) {
      const deliver::Addressing& addressing = parts[part];
      std::string key =
          deliver::idempotency_key(p, def, ws.as_of.to_string(), addressing, built->content_hash);
      if (!test_to.empty()) key = deliver::test_idempotency_key(key, test_to);
      deliver::OutgoingMessage message = message_for(*built, p, addressing, key, clock, redactor);
      if (!test_to.empty()) mark_as_test(message, test_to);
      const std::string label =
          parts.size() == 1 ? def.id : fmt::format("{} ({}/{})", def.id, part + 1, parts.size());
      auto existing = log.find_delivery(key);
      if (!existing) {
        skipped.push_back({label, 0, "error", "", existing.error().message});
        continue;
      }
      if (*existing && (*existing)->status == "sent" && !options.force) {
        skipped.push_back({label, message.envelope_recipients().size(), "already sent",
                           "<" + message.message_id + ">",
                           fmt::format("in run {}", (*existing)->run_id)});
        continue;
      }
      store::DeliveryRecord record;
      record.run_id = run_id;
      record.report_id = label;
      record.idempotency_key = key;
      record.to = addressing.to;
      record.cc = addressing.cc;
      record.bcc = addressing.bcc;
      record.message_id = "<" + message.message_id + ">";
      record.attempts = *existing ? (*existing)->attempts : 0;
      record.mime = deliver::build_mime(message);
      record.test = !test_to.empty();
      record.status = "planned";
      record.updated_at = format_utc(clock.now_unix());
      if (auto r = log.save_delivery(record); !r) {
        // A lost lease or a lost store: stop before anything else is planned or sent.
        if (auto held = lease->confirm(); !held) {
          out.error("{}\n", held.error().message);
          return k_exit_failed;
        }
        skipped.push_back({label, 0, "error", "", r.error().message});
      }
    }
  }

  // hook: reconcile tasks (issue 14): a real run's action items become tasks.
  if (test_to.empty()) reconcile_after_run(out, db, ws, reports, clock);

  if (options.plan_only) {
    if (auto r = db.finish_run(run_id, "planned", format_utc(clock.now_unix())); !r) {
      out.error("{}\n", r.error().message);
      return k_exit_failed;
    }
    out.print("Run {} planned. Send it with: quarterdeck send {} --resume {}\n", run_id,
              options.common.directory, run_id);
    return k_exit_ok;
  }
  auto outcome = deliver(log, delivery, run_id, clock, progress);
  if (!outcome) {
    out.error("{}\n", outcome.error().message);
    return k_exit_failed;
  }
  const bool clean =
      std::ranges::none_of(skipped, [](const Line& l) { return l.status == "error"; });
  auto finished = db.finish_run(run_id, clean ? run_status(*outcome) : "incomplete",
                                format_utc(clock.now_unix()));
  std::vector<Line> lines = lines_of(*outcome);
  lines.insert(lines.end(), skipped.begin(), skipped.end());
  const int status = print_summary(out, run_id, p, delivery.transport->name(), lines, &*outcome,
                                   options.common.directory, test_to);
  if (!finished) {
    out.error("{}\n", finished.error().message);
    return k_exit_failed;
  }
  return status;
}

int send_command(const SendOptions& options, const Environment& env, const Clock& clock) {
  if (!wait_is_valid(output_for(env), options.wait)) return k_exit_invalid;
  const Workspace ws =
      load_workspace(options.common.directory, options.common.as_of, env, clock, {false, false});
  const Output out = output_for(ws);
  if (!ws.config.ok()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  const Portfolio& p = ws.config.portfolio;
  const std::filesystem::path path = store_path(ws.directory, options.store);
  if (!std::filesystem::exists(path)) {
    out.error("{}: no store here yet (nothing has been run)\n", path.string());
    return k_exit_invalid;
  }
  auto opened = store::open_sqlite_store(path);
  if (!opened) {
    out.error("{}\n", opened.error().message);
    return k_exit_failed;
  }
  store::Store& db = **opened;
  // Which run is unfinished is delivery state too: read it under the lease.
  int busy_status = k_exit_ok;
  const auto lease = take_lease(out, db, path, options.run_id, options.wait, clock, busy_status);
  if (!lease) return busy_status;
  LeasedLog log(db, *lease);
  auto run = options.run_id.empty() ? db.latest_run(true) : db.find_run(options.run_id);
  if (!run) {
    out.error("{}\n", run.error().message);
    return k_exit_failed;
  }
  if (!*run) {
    if (options.run_id.empty()) {
      out.print("Nothing to resume: every run is done.\n");
      return k_exit_ok;
    }
    out.error("--resume: no run `{}` in {}\n", options.run_id, path.string());
    return k_exit_invalid;
  }
  DeliverySetup delivery = setup_delivery(p, ws.directory.string(), *ws.config.environment,
                                          options.delivery, ws.config.redactor);
  if (!delivery_ready(out, delivery)) return k_exit_invalid;
  const std::string run_id = (*run)->id;
  lease->set_run(run_id);
  const Output* progress = stderr_is_terminal() ? &out : nullptr;
  if (progress != nullptr) out.error("resuming run {}\n", run_id);
  auto outcome = deliver(log, delivery, run_id, clock, progress);
  if (!outcome) {
    out.error("{}\n", outcome.error().message);
    return k_exit_failed;
  }
  auto finished = db.finish_run(run_id, run_status(*outcome), format_utc(clock.now_unix()));
  const int status = print_summary(out, run_id, p, delivery.transport->name(), lines_of(*outcome),
                                   &*outcome, options.common.directory, (*run)->test_to);
  if (!finished) {
    out.error("{}\n", finished.error().message);
    return k_exit_failed;
  }
  return status;
}

}  // namespace quarterdeck::cli
