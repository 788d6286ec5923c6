#include "deliver/engine.hpp"

#include <fmt/format.h>

#include "deliver/rate_limit.hpp"

namespace quarterdeck::deliver {
namespace {

class Engine {
 public:
  Engine(DeliveryLog& log, Transport& transport, const EngineSettings& settings, const Clock& clock, Sleeper& sleeper,
         const ProgressFn& progress)
      : log_(log),
        transport_(transport),
        settings_(settings),
        clock_(clock),
        sleeper_(sleeper),
        progress_(progress),
        bucket_(settings.messages_per_second, 1.0),
        backoff_(settings.retry, settings.seed) {}

  std::expected<void, Error> save(DeliveryRecord& r, std::string status) {
    r.status = std::move(status);
    r.updated_at = format_utc(clock_.now_unix());
    if (auto saved = log_.save_delivery(r); !saved) return saved;
    if (progress_) progress_(r, r.status);
    return {};
  }

  // Sends one message until it is sent, rejected, or out of retries.
  std::expected<void, Error> send(DeliveryRecord& r) {
    const std::int64_t started = clock_.now_ms();
    while (true) {
      if (settings_.recipients_per_day > 0) {
        const auto used = log_.recipients_sent_since(format_utc(clock_.now_unix() - 86400));
        if (!used) return std::unexpected(used.error());
        if (*used + static_cast<std::int64_t>(r.recipient_count()) > settings_.recipients_per_day) {
          r.last_error = fmt::format("daily recipient quota reached ({} of {} in the last 24 hours)", *used,
                                     settings_.recipients_per_day);
          return save(r, "failed");
        }
      }
      for (std::int64_t wait = bucket_.acquire(clock_.now_ms()); wait > 0; wait = bucket_.acquire(clock_.now_ms())) {
        sleeper_.sleep_ms(wait);
      }
      ++r.attempts;
      if (auto saved = save(r, "sending"); !saved) return saved;
      Envelope envelope{settings_.from, r.to, r.cc, r.bcc, r.run_id, r.report_id, r.idempotency_key};
      auto mime = log_.message_of(r.idempotency_key);
      if (!mime) return std::unexpected(mime.error());
      auto sent = transport_.send(envelope, *mime);
      if (sent) {
        r.provider_message_id = sent->provider_message_id;
        r.last_error.clear();
        r.sent_at = format_utc(clock_.now_unix());
        return save(r, "sent");
      }
      r.last_error = sent.error().reason;
      if (!sent.error().retryable) return save(r, "rejected");
      const auto delay = backoff_.next_delay(r.attempts, clock_.now_ms() - started);
      if (auto saved = save(r, "failed"); !saved) return saved;
      if (!delay) return {};
      sleeper_.sleep_ms(*delay);
    }
  }

 private:
  DeliveryLog& log_;
  Transport& transport_;
  const EngineSettings& settings_;
  const Clock& clock_;
  Sleeper& sleeper_;
  const ProgressFn& progress_;
  TokenBucket bucket_;
  Backoff backoff_;
};

}  // namespace

std::expected<RunOutcome, Error> deliver_run(DeliveryLog& log, Transport& transport, const std::string& run_id,
                                             const EngineSettings& settings, const Clock& clock, Sleeper& sleeper,
                                             const ProgressFn& progress) {
  auto loaded = log.run_deliveries(run_id);
  if (!loaded) return std::unexpected(loaded.error());
  RunOutcome outcome;
  outcome.records = std::move(*loaded);
  Engine engine(log, transport, settings, clock, sleeper, progress);

  // A message still `sending` was in flight when its process died.
  std::vector<DeliveryRecord*> pending;
  for (auto& r : outcome.records) {
    if (r.status == "sending") {
      r.last_error = "the process sending it stopped before the provider answered";
      if (auto saved = engine.save(r, "uncertain"); !saved) return std::unexpected(saved.error());
    }
    const bool resend_uncertain = r.status == "uncertain" && !settings.at_most_once;
    if (r.status == "planned" || r.status == "failed" || resend_uncertain) pending.push_back(&r);
  }

  // Cut the pending messages into waves.
  std::vector<std::vector<DeliveryRecord*>> waves;
  std::size_t next = 0;
  std::size_t wave_index = 0;
  while (next < pending.size()) {
    std::size_t size = pending.size() - next;
    if (!settings.waves.empty()) {
      const int configured = settings.waves[std::min(wave_index, settings.waves.size() - 1)];
      size = std::min<std::size_t>(size, static_cast<std::size_t>(std::max(configured, 1)));
    }
    waves.emplace_back(pending.begin() + static_cast<std::ptrdiff_t>(next),
                       pending.begin() + static_cast<std::ptrdiff_t>(next + size));
    next += size;
    ++wave_index;
  }
  outcome.waves_total = static_cast<int>(waves.size());

  for (std::size_t w = 0; w < waves.size(); ++w) {
    // One message's failure does not stop the others of its wave.
    for (DeliveryRecord* r : waves[w]) {
      if (auto sent = engine.send(*r); !sent) return std::unexpected(sent.error());
    }
    ++outcome.waves_sent;
    int not_sent = 0;
    for (const DeliveryRecord* r : waves[w]) not_sent += r->status != "sent";
    if (not_sent > 0 && w + 1 < waves.size()) {
      outcome.stopped = true;
      outcome.stop_reason = fmt::format("checkpoint after wave {} of {}: {} of its {} messages not sent", w + 1,
                                        waves.size(), not_sent, waves[w].size());
      break;
    }
  }
  return outcome;
}

}  // namespace quarterdeck::deliver
