// `quarterdeck run`: validate, generate, deliver, record. Every delivery
// state change is committed to the store before the next step.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/reports.hpp"
#include "deliver/message.hpp"
#include "deliver/outbox.hpp"
#include "deliver/plan.hpp"
#include "render/renderer.hpp"
#include "store/store.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

bool check_only(const Portfolio& p, const std::vector<std::string>& only);  // generate.cpp

namespace {

struct Outcome {
  std::string report_id;
  std::size_t recipients = 0;
  std::string status;  // sent, already sent, failed, error
  std::string message_id;
  std::string detail;
};

std::string new_run_id(const Clock& clock, const Portfolio& p) {
  const std::int64_t now = clock.now_unix();
  std::string stamp = format_utc(now);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  return fmt::format("{}-{}", stamp, sha256_hex(fmt::format("{}|{}|{}", p.name, now, getpid())).substr(0, 6));
}

deliver::OutgoingMessage message_for(const BuiltReport& built, const Portfolio& p, const deliver::Addressing& a,
                                     const std::string& key, const Clock& clock) {
  deliver::OutgoingMessage m;
  m.from = p.delivery.from;
  m.from_name = p.delivery.from_name;
  m.to = a.to;
  m.cc = a.cc;
  m.bcc = a.bcc;
  const std::string prefix = p.delivery.subject_prefix.empty() ? "" : p.delivery.subject_prefix + " ";
  m.subject = fmt::format("{}{} ({})", prefix, built.document.title, built.document.as_of.to_string());
  m.text = built.rendered.at("text");
  if (const auto it = built.rendered.find("html"); it != built.rendered.end()) m.html = it->second;
  if (const auto it = built.rendered.find("json"); it != built.rendered.end()) {
    m.attachments.push_back({built.definition->id + ".json", "application/json", it->second});
  }
  m.message_id = deliver::message_id_for(key, p.delivery.from);
  m.date_unix = clock.now_unix();
  return m;
}

}  // namespace

int run_command(const RunOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws = load_workspace(options.common.directory, options.common.as_of, env, clock);
  if (!ws.problems.empty()) {
    print_problems(ws);
    return k_exit_invalid;
  }
  const Portfolio& p = ws.config.portfolio;
  if (!check_only(p, options.only)) return k_exit_invalid;
  const std::filesystem::path state_dir = ws.directory / ".quarterdeck";
  const std::filesystem::path store_path = options.store.empty() ? state_dir / "state.db" : std::filesystem::path(options.store);
  auto opened = store::open_sqlite_store(store_path);
  if (!opened) {
    fmt::print(stderr, "{}\n", opened.error().message);
    return k_exit_failed;
  }
  store::Store& db = **opened;
  deliver::OutboxTransport transport(state_dir / "outbox");

  const std::string run_id = new_run_id(clock, p);
  if (auto r = db.begin_run({run_id, p.name, ws.as_of.to_string(), format_utc(clock.now_unix()), "", "running"}); !r) {
    fmt::print(stderr, "{}\n", r.error().message);
    return k_exit_failed;
  }
  const bool progress = stderr_is_terminal();
  if (progress) fmt::print(stderr, "run {}: {} as of {}\n", run_id, p.name, ws.as_of.to_string());

  std::vector<Outcome> outcomes;
  const auto fail = [&](Outcome o, std::string why) {
    o.status = "failed";
    o.detail = std::move(why);
    outcomes.push_back(std::move(o));
  };
  for (auto& built : build_reports(ws, options.only, {}, progress)) {
    if (!built) {
      fail({"", 0, "", "", ""}, built.error().message);
      continue;
    }
    const ReportDefinition& def = *built->definition;
    Outcome o{def.id, 0, "", "", ""};
    if (auto r = db.record_report({run_id, def.id, built->document.title, built->content_hash}); !r) {
      fail(o, r.error().message);
      continue;
    }
    const deliver::Addressing addressing = deliver::resolve_recipients(def, p);
    const std::string key =
        deliver::idempotency_key(p, def, ws.as_of.to_string(), addressing, built->content_hash);
    const deliver::OutgoingMessage message = message_for(*built, p, addressing, key, clock);
    o.recipients = message.envelope_recipients().size();
    o.message_id = "<" + message.message_id + ">";

    auto existing = db.find_delivery(key);
    if (!existing) {
      fail(o, existing.error().message);
      continue;
    }
    if (*existing && (*existing)->status == "sent" && !options.force) {
      o.status = "already sent";
      o.detail = fmt::format("in run {}", (*existing)->run_id);
      outcomes.push_back(o);
      continue;
    }
    store::DeliveryRecord record;
    record.run_id = run_id;
    record.report_id = def.id;
    record.idempotency_key = key;
    record.to = addressing.to;
    record.cc = addressing.cc;
    record.bcc = addressing.bcc;
    record.message_id = o.message_id;
    record.attempts = *existing ? (*existing)->attempts : 0;
    const auto save = [&](std::string status) {
      record.status = std::move(status);
      record.updated_at = format_utc(clock.now_unix());
      return db.save_delivery(record);
    };
    if (auto r = save("planned"); !r) {
      fail(o, r.error().message);
      continue;
    }
    const std::string mime = deliver::build_mime(message);
    ++record.attempts;
    if (auto r = save("sending"); !r) {
      fail(o, r.error().message);
      continue;
    }
    if (progress) fmt::print(stderr, "  {}: sending to {} recipients via {}\n", def.id, o.recipients, transport.name());
    auto sent = transport.send(message.envelope_recipients(), mime, key);
    if (sent) {
      record.provider_message_id = sent->provider_message_id;
      record.last_error.clear();
      if (auto r = save("sent"); !r) {
        fail(o, r.error().message);
        continue;
      }
      o.status = "sent";
    } else {
      record.last_error = sent.error().reason;
      (void)save(sent.error().retryable ? "failed" : "rejected");
      fail(o, sent.error().reason);
      continue;
    }
    outcomes.push_back(o);
  }

  const bool all_ok = std::ranges::all_of(outcomes, [](const Outcome& o) { return o.status != "failed"; });
  (void)db.finish_run(run_id, all_ok ? "done" : "failed", format_utc(clock.now_unix()));

  std::vector<std::vector<std::string>> rows;
  for (const auto& o : outcomes) {
    rows.push_back({o.report_id, fmt::format("{}", o.recipients), o.status, o.message_id, o.detail});
  }
  fmt::print("Run {} · {} · as of {} · transport {}\n", run_id, p.name, ws.as_of.to_string(), transport.name());
  fmt::print("{}", render::text_table({"Report", "Recipients", "Status", "Message-ID", "Detail"}, rows));
  const auto sent = std::ranges::count_if(outcomes, [](const Outcome& o) { return o.status == "sent"; });
  const auto skipped = std::ranges::count_if(outcomes, [](const Outcome& o) { return o.status == "already sent"; });
  const auto failed = std::ranges::count_if(outcomes, [](const Outcome& o) { return o.status == "failed"; });
  fmt::print("{} sent, {} already sent, {} failed. Outbox: {}\n", sent, skipped, failed,
             (state_dir / "outbox").string());
  if (skipped > 0 && sent == 0 && failed == 0) {
    fmt::print("Nothing new to send: these reports went out before. Use --force to send them again.\n");
  }
  return all_ok ? k_exit_ok : k_exit_failed;
}

}  // namespace quarterdeck::cli
