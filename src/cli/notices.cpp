#include "cli/notices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "deliver/message.hpp"
#include "deliver/plan.hpp"
#include "util/address.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {
namespace {

constexpr std::string_view k_run_failed = "run.failed";
// A subject longer than this (in bytes, after the prefix) is cut at a word.
constexpr std::size_t k_subject_budget = 100;

// A payload's text on one line: a server's multi-line reply reads as one.
std::string payload_text(const nlohmann::json& payload, const char* key) {
  if (!payload.is_object()) return {};
  const auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) return {};
  const std::string value = it->get<std::string>();
  std::string text;
  for (const auto part : split(value, '\n')) {
    const std::string_view line = trim(part);
    if (line.empty()) continue;
    if (!text.empty()) text += ' ';
    text += line;
  }
  return text;
}

// `what` as a subject: without its full stop, cut at a word when too long.
std::string subject_words(std::string what) {
  while (!what.empty() && what.back() == '.') what.pop_back();
  if (what.size() <= k_subject_budget) return what;
  std::size_t cut = what.rfind(' ', k_subject_budget);
  if (cut == std::string::npos || cut == 0) cut = k_subject_budget;
  while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a code point
  return what.substr(0, cut) + "…";
}

// The delivery log of one notice: in memory, since what the store keeps of
// a notice is its claim and its outcome (Store::claim_notice), not a
// delivery of a run.
class NoticeLog final : public deliver::DeliveryLog {
 public:
  explicit NoticeLog(deliver::DeliveryRecord record) : record_(std::move(record)) {}
  std::expected<std::optional<deliver::DeliveryRecord>, Error> find_delivery(
      const std::string& key) override {
    if (key != record_.idempotency_key) return std::optional<deliver::DeliveryRecord>{};
    return std::optional<deliver::DeliveryRecord>{record_};
  }
  std::expected<void, Error> save_delivery(const deliver::DeliveryRecord& delivery) override {
    std::string mime = std::move(record_.mime);
    record_ = delivery;
    record_.mime = std::move(mime);
    return {};
  }
  std::expected<std::vector<deliver::DeliveryRecord>, Error> run_deliveries(
      const std::string&) override {
    return std::vector<deliver::DeliveryRecord>{record_};
  }
  std::expected<std::string, Error> message_of(const std::string&) override { return record_.mime; }
  // A notice is not held back by the reports' daily quota.
  std::expected<std::int64_t, Error> recipients_sent_since(const std::string&) override {
    return 0;
  }
  const deliver::DeliveryRecord& record() const { return record_; }

 private:
  deliver::DeliveryRecord record_;
};

std::string file_stamp(std::int64_t unix_seconds) {
  std::string stamp = format_utc(unix_seconds);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  return stamp;  // 20261116T150000Z
}

// The notice as the file and the journal keep it: who it is for, the
// subject, the text, and what became of it.
std::string notice_record(const Notice& notice, const std::string& status_line) {
  return fmt::format("To: the owner role ([recipients] owner)\nSubject: {}\n\n{}\n{}\n",
                     notice.subject, notice.text, status_line);
}

// One notice: written, sent once, written again with the outcome, printed.
NoticeOutcome deliver_notice(const Notice& notice, const Portfolio& p,
                             const std::filesystem::path& folder, const Redactor& redactor,
                             NoticeChannel& channel, const Clock& clock, const Output& out) {
  NoticeOutcome outcome{notice.event_id, false, "", ""};
  const std::filesystem::path file =
      folder / fmt::format("{}-{}.txt", file_stamp(clock.now_unix()), notice.event_id);
  // First the file, so a crash mid-send still leaves the notice somewhere.
  if (auto written =
          write_file_atomic(file, redactor.apply(notice_record(notice, "Sending to the owner.")));
      written) {
    outcome.file = file;
  } else {
    out.error("quarterdeck: the failure notice could not be written: {}\n",
              written.error().message);
  }

  if (notice.to.empty()) {
    outcome.detail = "there is no `owner` role in [recipients]";
  } else if (channel.transport == nullptr) {
    outcome.detail = channel.problem.empty() ? "no transport" : channel.problem;
  } else {
    const std::string key = sha256_hex(fmt::format("notice|{}", notice.event_id));
    deliver::OutgoingMessage m;
    m.from = p.delivery.from;
    m.from_name = redactor.apply(p.delivery.from_name);
    m.to = notice.to;
    m.subject = notice.subject;
    m.text = notice.text;
    m.reply_to = p.delivery.reply_to;
    m.message_id = deliver::message_id_for(key, p.delivery.from);
    m.date_unix = clock.now_unix();
    deliver::DeliveryRecord record;
    record.run_id = "notice";
    record.report_id = "failure notice";
    record.idempotency_key = key;
    record.to = notice.to;
    record.message_id = "<" + m.message_id + ">";
    record.mime = deliver::build_mime(m);
    record.status = "planned";
    record.updated_at = format_utc(clock.now_unix());
    NoticeLog log(std::move(record));
    deliver::EngineSettings engine = channel.engine;
    engine.waves.clear();
    engine.seed = static_cast<std::uint64_t>(clock.now_ms());
    deliver::RealSleeper real_sleeper;
    deliver::Sleeper& sleeper = channel.sleeper != nullptr ? *channel.sleeper : real_sleeper;
    auto delivered =
        deliver::deliver_run(log, *channel.transport, "notice", engine, clock, sleeper, {});
    if (!delivered) {
      outcome.detail = delivered.error().message;
    } else if (log.record().status == "sent") {
      outcome.sent = true;
    } else {
      outcome.detail =
          log.record().last_error.empty() ? log.record().status : log.record().last_error;
    }
  }
  outcome.detail = redactor.apply(outcome.detail);

  const std::string status_line =
      outcome.sent ? fmt::format("Sent to the owner at {}.", format_utc(clock.now_unix()))
                   : fmt::format("Not sent to the owner: {}{}", outcome.detail,
                                 outcome.detail.ends_with('.') ? "" : ".");
  if (!outcome.file.empty()) {
    if (auto written = write_file_atomic(file, redactor.apply(notice_record(notice, status_line)));
        !written)
      out.error("quarterdeck: the failure notice could not be written: {}\n",
                written.error().message);
  }
  out.error("quarterdeck: failure notice\n{}", notice_record(notice, status_line));
  if (!outcome.file.empty()) out.error("(kept in {})\n", outcome.file.string());
  return outcome;
}

}  // namespace

Notice notice_for(const store::Event& event, const Portfolio& portfolio, const Redactor& redactor) {
  const nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
  std::string what = redactor.apply(payload_text(payload, "what"));
  const std::string why = redactor.apply(payload_text(payload, "why"));
  const std::string resume = redactor.apply(payload_text(payload, "resume"));
  if (what.empty()) what = fmt::format("A run of {} failed.", redactor.apply(portfolio.name));

  Notice notice;
  notice.event_id = event.id;
  if (const auto it = portfolio.recipients.find("owner"); it != portfolio.recipients.end()) {
    for (const auto& address : it->second) {
      const auto normalized = normalize_address(address);
      const std::string a = normalized ? *normalized : address;
      if (std::ranges::find(notice.to, a) == notice.to.end()) notice.to.push_back(a);
    }
  }
  const std::string prefix = redactor.apply(portfolio.delivery.subject_prefix);
  notice.subject =
      fmt::format("{}{}Failed: {}", prefix, prefix.empty() ? "" : " ", subject_words(what));
  notice.text = fmt::format("What failed: {}\n", what);
  if (!why.empty()) notice.text += fmt::format("Why: {}\n", why);
  if (!resume.empty()) notice.text += fmt::format("\nTo resume, run:\n{}\n", resume);
  return notice;
}

std::vector<NoticeOutcome> send_failure_notices(const Portfolio& portfolio,
                                                const std::filesystem::path& directory,
                                                const Redactor& redactor, store::Store& db,
                                                NoticeChannel& channel, const Clock& clock,
                                                const Output& out) {
  std::vector<NoticeOutcome> outcomes;
  const std::string name = portfolio.name;
  const std::string redacted_name = redactor.apply(portfolio.name);
  const std::filesystem::path folder = directory / ".quarterdeck" / "notices";
  constexpr std::size_t k_page = 200;
  std::int64_t after = 0;
  while (true) {
    auto events = db.events_after(after, k_page);
    if (!events) {
      out.error("quarterdeck: failure notices: {}\n", events.error().message);
      return outcomes;
    }
    for (const auto& event : *events) {
      after = event.seq;
      if (event.type != k_run_failed) continue;
      // A store may be shared: another portfolio's failures are its own owner's.
      if (!event.portfolio.empty() && event.portfolio != redacted_name && event.portfolio != name)
        continue;
      auto claimed = db.claim_notice(event.id, clock.now_unix());
      if (!claimed) {
        out.error("quarterdeck: failure notices: {}\n", claimed.error().message);
        return outcomes;
      }
      if (!*claimed) continue;  // noticed before
      NoticeOutcome outcome = deliver_notice(notice_for(event, portfolio, redactor), portfolio,
                                             folder, redactor, channel, clock, out);
      if (auto r =
              db.finish_notice(event.id, outcome.sent ? "sent" : "not sent: " + outcome.detail);
          !r)
        out.error("quarterdeck: failure notices: {}\n", r.error().message);
      outcomes.push_back(std::move(outcome));
    }
    if (events->size() < k_page) return outcomes;
  }
}

std::vector<NoticeOutcome> send_failure_notices(const Portfolio& portfolio,
                                                const std::filesystem::path& directory,
                                                const Environment& env, const Redactor& redactor,
                                                store::Store& db,
                                                const DeliveryOverrides& overrides,
                                                const Clock& clock, const Output& out) {
  DeliverySetup delivery = setup_delivery(portfolio, directory.string(), env, overrides, redactor);
  NoticeChannel channel;
  channel.engine = delivery.engine;
  if (delivery.problems.empty()) {
    channel.transport = delivery.transport.get();
  } else {
    channel.problem = join(delivery.problems, "; ");
  }
  return send_failure_notices(portfolio, directory, redactor, db, channel, clock, out);
}

std::vector<NoticeOutcome> send_failure_notices(const Workspace& ws, store::Store& db,
                                                const DeliveryOverrides& overrides,
                                                const Clock& clock, const Output& out) {
  return send_failure_notices(ws.config.portfolio, ws.directory, *ws.config.environment,
                              ws.config.redactor, db, overrides, clock, out);
}

}  // namespace quarterdeck::cli
