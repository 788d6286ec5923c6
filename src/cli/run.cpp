// `quarterdeck run` plans every message of a run (saved with its MIME,
// state `planned`) and then delivers them; `quarterdeck send --resume`
// finishes a run that was interrupted. Every state change is committed to
// the store before the next step.
//
// Both take the store's delivery lease (store/lease.hpp) before they read or
// write any delivery state, and hold it until they are done: a second
// process waits (--wait) or exits 75 naming the holder, and when it gets the
// lease it sees every delivery of the first.
//
// The pipeline itself (cli/pipeline.hpp, run_pipeline) is shared with
// `quarterdeck serve`, which runs it once per schedule slot.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "analyze/deltas.hpp"
#include "analyze/quiet_week.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/delivery_setup.hpp"
#include "cli/notices.hpp"
#include "cli/pipeline.hpp"
#include "cli/push.hpp"
#include "cli/reports.hpp"
#include "cli/tasks.hpp"
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

std::string new_run_id(const Clock& clock, const Portfolio& p) {
  const std::int64_t now = clock.now_unix();
  std::string stamp = format_utc(now);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  return fmt::format(
      "{}-{}", stamp,
      sha256_hex(fmt::format("{}|{}|{}", p.name, clock.now_ms(), getpid())).substr(0, 6));
}

namespace {

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

using Line = MessageLine;

// A quiet-week slot's report: nothing changed, nothing sent (not a failure).
constexpr const char* k_skipped_unchanged = "skipped (unchanged)";

// What the store keeps of a report to compare the next run with, redacted
// like the report itself; with the KPI statuses' digest a quiet-week slot
// compares with (analyze/quiet_week.hpp).
ReportSnapshot redacted_snapshot(ReportSnapshot snapshot, const ReportDocument& doc, const Redactor& redactor) {
  for (auto& f : snapshot.findings) {
    f.id = redactor.apply(f.id);
    f.title = redactor.apply(f.title);
  }
  snapshot.digests.emplace_back(k_kpi_status_digest, kpi_status_digest(doc));
  return snapshot;
}

int print_summary(const Output& out, const std::string& run_id, const Portfolio& p,
                  const std::string& transport, const std::vector<Line>& lines,
                  const deliver::RunOutcome* outcome, const std::string& directory,
                  const std::string& test_to) {
  std::vector<std::vector<std::string>> rows;
  int sent = 0, already = 0, failed = 0;
  for (const auto& l : lines) {
    rows.push_back({l.label, fmt::format("{}", l.recipients), l.status, l.message_id, l.detail});
    sent += l.status == "sent";
    already += l.status == "already sent" || l.status == k_skipped_unchanged;
    failed += l.status != "sent" && l.status != "already sent" && l.status != k_skipped_unchanged;
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

// "ceo (2/3)" -> "ceo": a message's label names its report first.
std::string report_of_label(const std::string& label) { return label.substr(0, label.find(' ')); }

std::vector<Line> lines_of(const deliver::RunOutcome& outcome) {
  std::vector<Line> lines;
  for (const auto& r : outcome.records) {
    lines.push_back({r.report_id, r.recipient_count(), r.status, r.message_id,
                     r.status == "sent"
                         ? (r.attempts > 1 ? fmt::format("after {} attempts", r.attempts) : "")
                         : r.last_error,
                     report_of_label(r.report_id)});
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
//
// A serve that was told to stop (SIGTERM) starts no new message: the
// `sending` state of the next one is refused, so it stays `planned` for the
// take-over, and the message in flight has finished.
class LeasedLog final : public deliver::DeliveryLog {
 public:
  LeasedLog(store::Store& store, store::HeldLease& lease, std::function<bool()> stopping = {})
      : store_(store), lease_(lease), stopping_(std::move(stopping)) {}
  std::expected<std::optional<deliver::DeliveryRecord>, Error> find_delivery(
      const std::string& key) override {
    return store_.find_delivery(key);
  }
  std::expected<void, Error> save_delivery(const deliver::DeliveryRecord& delivery) override {
    if (stopping_ && delivery.status == "sending" && stopping_()) {
      return std::unexpected(Error{"quarterdeck: stopping (SIGTERM): the run's other messages stay planned"});
    }
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
  std::function<bool()> stopping_;
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


// The brief of a report for run.completed: its title, the summary's first
// sentence and the decisions of the week (the top recommendations, else the
// top findings' titles). The document is already redacted.
store::ReportBrief brief_of(const ReportDocument& doc, const ReportDefinition& def) {
  store::ReportBrief brief{def.id, doc.title, doc.summary.empty() ? "" : doc.summary.front(), {}};
  for (const auto& r : doc.recommendations) {
    if (brief.decisions.size() == 3) break;
    brief.decisions.push_back(r.text);
  }
  for (const auto& f : doc.findings) {
    if (!doc.recommendations.empty() || brief.decisions.size() == 3) break;
    brief.decisions.push_back(f.title);
  }
  return brief;
}

// Each report's outcome from its messages' lines, in the order of `briefs`
// (then any report with lines and no brief).
std::vector<ReportOutcome> report_outcomes(const std::vector<store::ReportBrief>& briefs,
                                           const std::vector<Line>& lines) {
  std::vector<ReportOutcome> out;
  const auto outcome_of = [&](const std::string& id) -> ReportOutcome& {
    for (auto& o : out) {
      if (o.report_id == id) return o;
    }
    out.push_back({id, "", "", {}, "", {}, ""});
    return out.back();
  };
  for (const auto& b : briefs) {
    ReportOutcome& o = outcome_of(b.report_id);
    o.title = b.title;
    o.headline = b.headline;
    o.decisions = b.decisions;
  }
  std::map<std::string, std::vector<const Line*>> by_report;
  for (const auto& l : lines) {
    if (l.report_id.empty()) continue;
    outcome_of(l.report_id);
    by_report[l.report_id].push_back(&l);
  }
  for (auto& o : out) {
    const auto& mine = by_report[o.report_id];
    const auto all = [&](auto pred) { return std::ranges::all_of(mine, pred); };
    if (mine.empty()) {
      o.status = "already sent";  // a resumed run lists only what it planned
    } else if (all([](const Line* l) { return l->status == k_skipped_unchanged; })) {
      o.status = k_skipped_unchanged;
      o.detail = mine.front()->detail;
    } else if (all([](const Line* l) { return l->status == "already sent"; })) {
      o.status = "already sent";
    } else if (all([](const Line* l) { return l->status == "sent" || l->status == "already sent"; })) {
      o.status = "sent";
    } else {
      o.status = "not sent";
      for (const Line* l : mine) {
        if (l->status != "sent" && l->status != "already sent" && !l->detail.empty()) {
          o.detail = l->detail;
          break;
        }
      }
    }
    for (const Line* l : mine) {
      if (!l->message_id.empty()) o.message_ids.push_back(l->message_id);
    }
  }
  return out;
}

nlohmann::json redacted_strings(const std::vector<std::string>& list, const Redactor& redactor) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : list) out.push_back(redactor.apply(s));
  return out;
}

std::expected<void, Error> append(store::Store& db, const std::string& type, const std::string& key,
                                  const std::string& portfolio, const nlohmann::json& payload, const Clock& clock) {
  store::Event e;
  e.id = store::event_id(type, key);
  e.type = type;
  e.portfolio = portfolio;
  e.created_at = clock.now_unix();
  e.payload = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (auto r = db.append_event(e); !r) return std::unexpected(r.error());
  return {};
}

// run.completed, and run.failed when a report was not sent.
std::expected<void, Error> append_run_events(store::Store& db, const RunResult& result, const Portfolio& p,
                                             const std::string& as_of, const std::string& slot,
                                             const Redactor& redactor, const Clock& clock) {
  const std::string portfolio = redactor.apply(p.name);
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& r : result.reports) {
    reports.push_back({{"id", r.report_id},
                       {"title", redactor.apply(r.title)},
                       {"headline", redactor.apply(r.headline)},
                       {"decisions", redacted_strings(r.decisions, redactor)},
                       {"status", r.status},
                       {"message_id", r.message_ids.empty() ? "" : r.message_ids.front()}});
  }
  const nlohmann::json completed = {{"run_id", result.run_id}, {"portfolio", portfolio}, {"as_of", as_of},
                                    {"slot", slot},           {"reports", reports},     {"sent", result.sent},
                                    {"not_sent", result.not_sent}};
  if (auto r = append(db, "run.completed", result.run_id, portfolio, completed, clock); !r) return r;
  if (result.not_sent == 0) return {};
  std::vector<const ReportOutcome*> failed;
  for (const auto& r : result.reports) {
    if (r.status == "not sent") failed.push_back(&r);
  }
  std::string what = failed.size() == 1
                         ? fmt::format("The {} report of {} was not sent.", failed.front()->report_id, portfolio)
                         : fmt::format("{} reports of {} were not sent.", failed.size(), portfolio);
  // One reason once: eight reports refused for the same cause read as one
  // line on a phone, not eight.
  std::vector<std::pair<std::string, std::vector<std::string>>> reasons;  // detail -> report ids
  for (const auto* r : failed) {
    const std::string detail = r->detail.empty() ? "not delivered" : r->detail;
    auto it = std::ranges::find(reasons, detail, &std::pair<std::string, std::vector<std::string>>::first);
    if (it == reasons.end()) it = reasons.insert(reasons.end(), {detail, {}});
    it->second.push_back(r->report_id);
  }
  std::string why;
  for (const auto& [detail, ids] : reasons) {
    if (!why.empty()) why += "; ";
    if (reasons.size() == 1) {
      why += detail;
    } else {
      why += fmt::format("{}: {}", fmt::join(ids, ", "), detail);
    }
  }
  return append_run_failed(db, redactor, clock, result.run_id, result.run_id, p.name,
                           failed.size() == 1 ? failed.front()->report_id : "", slot, what, why,
                           result.resume_command);
}

}  // namespace

std::string shell_word(const std::string& word) {
  constexpr std::string_view safe =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+:@%,=";
  if (!word.empty() && word.find_first_not_of(safe) == std::string::npos) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string resume_command_for(const std::string& directory, const std::string& store_option,
                               const std::string& run_id) {
  std::string command = fmt::format("quarterdeck send {} --resume {}", shell_word(directory), run_id);
  if (!store_option.empty()) command += fmt::format(" --store {}", shell_word(store_option));
  return command;
}

std::expected<void, Error> append_run_failed(store::Store& db, const Redactor& redactor, const Clock& clock,
                                             const std::string& key, const std::string& run_id,
                                             const std::string& portfolio, const std::string& report,
                                             const std::string& slot, const std::string& what, const std::string& why,
                                             const std::string& resume) {
  const std::string name = redactor.apply(portfolio);
  const nlohmann::json payload = {{"run_id", run_id},
                                  {"portfolio", name},
                                  {"report", report},
                                  {"slot", slot},
                                  {"what", redactor.apply(what)},
                                  {"why", redactor.apply(why)},
                                  {"resume", redactor.apply(resume)}};
  return append(db, "run.failed", key, name, payload, clock);
}

RunResult run_pipeline(const Workspace& ws, store::Store& db, store::HeldLease& lease, DeliverySetup& delivery,
                       const PipelineRequest& request, const Clock& clock) {
  RunResult result;
  result.run_id = request.run_id;
  const std::string& run_id = request.run_id;
  const Portfolio& p = ws.config.portfolio;
  const Redactor& redactor = ws.config.redactor;
  const std::string& test_to = request.test_to;
  const bool real = test_to.empty();
  const auto stop = [&](const std::string& error) {
    result.error = error;
    result.exit_status = k_exit_failed;
    return result;
  };
  LeasedLog log(db, lease, request.stopping);
  std::vector<Line> skipped;
  std::vector<store::ReportBrief> briefs;
  std::string as_of = ws.as_of.to_string();
  if (request.start == RunStart::fresh) {
    // A slot taken over from a process that died while planning: its run
    // exists, and what it planned stays planned (never planned twice).
    auto existing_run = db.find_run(run_id);
    if (!existing_run) return stop(existing_run.error().message);
    if (!*existing_run) {
      if (auto r = db.begin_run({run_id, redactor.apply(p.name), as_of, format_utc(clock.now_unix()), "",
                                 "running", test_to});
          !r) {
        return stop(r.error().message);
      }
    }
    if (request.progress != nullptr) request.progress->error("run {}: {} as of {}\n", run_id, p.name, as_of);
    auto previous = previous_snapshots(ws, db);
    if (!previous) return stop(previous.error().message);
    // build_reports answers once per selected definition, in order.
    std::vector<const ReportDefinition*> selected;
    for (const auto& def : p.reports) {
      if (request.only.empty() || std::ranges::find(request.only, def.id) != request.only.end())
        selected.push_back(&def);
    }
    auto tasks_before = stored_tasks(ws, db);  // for the reports' follow-up section
    if (!tasks_before) return stop(tasks_before.error().message);
    auto built_reports = build_reports(ws, request.only, {}, request.progress, *previous, &*tasks_before);
    // A real run's action items become tasks (cli/tasks.hpp); a test's do not.
    if (real) reconcile_after_run(output_for(ws), db, ws, built_reports, clock);
    // Plan: every message saved with its MIME before the first is sent.
    for (std::size_t index = 0; index < built_reports.size(); ++index) {
      auto& built = built_reports[index];
      const std::string report_id = index < selected.size() ? selected[index]->id : "";
      if (!built) {
        skipped.push_back({"", 0, "error", "", built.error().message, report_id});
        continue;
      }
      const ReportDefinition& def = *built->definition;
      if (auto r = db.record_report(
              {run_id, def.id, redactor.apply(built->document.title), built->content_hash});
          !r) {
        skipped.push_back({def.id, 0, "error", "", r.error().message, def.id});
        continue;
      }
      const store::ReportBrief brief = brief_of(built->document, def);
      briefs.push_back(brief);
      if (real) {
        if (auto r = db.record_report_brief(run_id, brief); !r) {
          skipped.push_back({def.id, 0, "error", "", r.error().message, def.id});
          continue;
        }
      }
      // A quiet week: nothing changed since the report its readers last got.
      if (request.skip_if_unchanged && real) {
        if (const auto it = previous->find(def.id);
            it != previous->end() && unchanged_since(built->document, it->second)) {
          skipped.push_back({def.id, 0, k_skipped_unchanged, "",
                             fmt::format("no finding or KPI status changed since the report of {}",
                                         it->second.as_of.to_string()),
                             def.id});
          continue;
        }
      }
      // A test is not what the readers saw: the next real run compares with
      // the last real one.
      if (auto r = real ? db.record_snapshot(
                              run_id, redacted_snapshot(snapshot_of(built->document), built->document, redactor))
                        : std::expected<void, Error>{};
          !r) {
        skipped.push_back({def.id, 0, "error", "", r.error().message, def.id});
        continue;
      }
      // A test is one message per report, to the tester.
      const auto parts =
          real ? deliver::split_recipients(deliver::resolve_recipients(def, p),
                                           static_cast<std::size_t>(p.delivery.max_recipients_per_message))
               : std::vector<deliver::Addressing>{deliver::Addressing{{test_to}, {}, {}}};
      for (std::size_t part = 0; part < parts.size(); ++part) {
        const deliver::Addressing& addressing = parts[part];
        std::string key = deliver::idempotency_key(p, def, as_of, addressing, built->content_hash);
        if (!real) key = deliver::test_idempotency_key(key, test_to);
        deliver::OutgoingMessage message = message_for(*built, p, addressing, key, clock, redactor);
        if (!real) mark_as_test(message, test_to);
        const std::string label =
            parts.size() == 1 ? def.id : fmt::format("{} ({}/{})", def.id, part + 1, parts.size());
        auto existing = log.find_delivery(key);
        if (!existing) {
          skipped.push_back({label, 0, "error", "", existing.error().message, def.id});
          continue;
        }
        // Planned by this run before a take-over: delivery finds it.
        if (*existing && (*existing)->run_id == run_id) continue;
        if (*existing && (*existing)->status == "sent" && !request.force) {
          skipped.push_back({label, message.envelope_recipients().size(), "already sent",
                             "<" + message.message_id + ">", fmt::format("in run {}", (*existing)->run_id),
                             def.id});
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
        record.test = !real;
        record.status = "planned";
        record.updated_at = format_utc(clock.now_unix());
        if (auto r = log.save_delivery(record); !r) {
          // A lost lease or a lost store: stop before anything else is planned or sent.
          if (auto held = lease.confirm(); !held) return stop(held.error().message);
          skipped.push_back({label, 0, "error", "", r.error().message, def.id});
        }
      }
    }
    result.planned = true;
    if (request.on_planned) request.on_planned();
    if (request.plan_only) {
      if (auto r = db.finish_run(run_id, "planned", format_utc(clock.now_unix())); !r) return stop(r.error().message);
      result.resume_command = resume_command_for(request.directory, request.store_option, run_id);
      return result;
    }
  } else {
    lease.set_run(run_id);
    if (request.progress != nullptr) request.progress->error("resuming run {}\n", run_id);
    if (auto stored = db.report_briefs(run_id)) briefs = std::move(*stored);
    if (auto run = db.find_run(run_id); run && *run) as_of = (*run)->as_of;
    result.planned = true;
  }
  auto outcome = deliver(log, delivery, run_id, clock, request.progress);
  // Cut short (SIGTERM, a lost lease or store): the run is still to finish,
  // by a take-over or `send --resume`; no event yet.
  if (!outcome) return stop(outcome.error().message);
  const bool clean = std::ranges::none_of(skipped, [](const Line& l) { return l.status == "error"; });
  auto finished = db.finish_run(run_id, clean ? run_status(*outcome) : "incomplete", format_utc(clock.now_unix()));
  result.lines = lines_of(*outcome);
  result.lines.insert(result.lines.end(), skipped.begin(), skipped.end());
  result.delivery = std::move(*outcome);
  result.summary = true;
  result.delivered = true;
  result.reports = report_outcomes(briefs, result.lines);
  for (const auto& r : result.reports) {
    result.sent += r.status == "sent";
    result.already_sent += r.status == "already sent";
    result.not_sent += r.status == "not sent";
    result.skipped += r.status == k_skipped_unchanged;
  }
  const bool failed = std::ranges::any_of(result.lines, [](const Line& l) {
    return l.status != "sent" && l.status != "already sent" && l.status != k_skipped_unchanged;
  });
  if (failed) {
    result.exit_status = k_exit_failed;
    result.resume_command = resume_command_for(request.directory, request.store_option, run_id);
  }
  if (!finished) {
    result.error = finished.error().message;
    result.exit_status = k_exit_failed;
  }
  if (real) {
    if (auto r = append_run_events(db, result, p, as_of, request.slot, redactor, clock); !r && result.error.empty()) {
      result.error = r.error().message;
      result.exit_status = k_exit_failed;
    }
  }
  return result;
}

int print_run_summary(const Output& out, const RunResult& result, const Portfolio& p, const std::string& transport,
                      const std::string& directory, const std::string& test_to) {
  return print_summary(out, result.run_id, p, transport, result.lines,
                       result.delivery ? &*result.delivery : nullptr, directory, test_to);
}

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
  PipelineRequest request;
  request.run_id = run_id;
  request.only = options.only;
  request.force = options.force;
  request.plan_only = options.plan_only;
  request.test_to = test_to;
  request.directory = options.common.directory;
  request.store_option = options.store;
  request.progress = stderr_is_terminal() ? &out : nullptr;
  const RunResult result = run_pipeline(ws, db, *lease, delivery, request, clock);
  int status = result.exit_status;
  if (result.summary) {
    status = print_run_summary(out, result, p, delivery.transport->name(), options.common.directory, test_to);
  } else if (options.plan_only && result.error.empty()) {
    out.print("Run {} planned. Send it with: quarterdeck send {} --resume {}\n", run_id, options.common.directory,
              run_id);
  }
  if (!result.error.empty()) {
    out.error("{}\n", result.error);
    status = k_exit_failed;
  }
  // The owner hears of every run.failed event appended above, once.
  if (test_to.empty()) send_failure_notices(ws, db, options.delivery, clock, out);
  // The run's events (its completion, failures, tasks) to webhooks, GitHub and chat.
  if (test_to.empty()) push_after_delivery(out, ws, db, *lease, clock);
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
  PipelineRequest request;
  request.start = RunStart::resume;
  request.run_id = (*run)->id;
  request.test_to = (*run)->test_to;
  request.directory = options.common.directory;
  request.store_option = options.store;
  request.progress = stderr_is_terminal() ? &out : nullptr;
  const RunResult result = run_pipeline(ws, db, *lease, delivery, request, clock);
  int status = result.exit_status;
  if (result.summary) {
    status = print_run_summary(out, result, p, delivery.transport->name(), options.common.directory,
                               (*run)->test_to);
  }
  if (!result.error.empty()) {
    out.error("{}\n", result.error);
    status = k_exit_failed;
  }
  if ((*run)->test_to.empty()) send_failure_notices(ws, db, options.delivery, clock, out);
  if ((*run)->test_to.empty()) push_after_delivery(out, ws, db, *lease, clock);
  return status;
}

}  // namespace quarterdeck::cli
