// Delivers the planned messages of a run: waves with a checkpoint between
// them, a rate limit, retries with backoff for what is retryable, and every
// state change committed to the delivery log before the next step.
//
// Crash safety: a message is saved `sending` before its transport call.
// When a run is resumed, anything still `sending` belongs to a process that
// died mid-call and becomes `uncertain`; it is sent again once (the stable
// Message-ID lets mailboxes collapse the duplicate) unless `at_most_once`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "deliver/delivery_log.hpp"
#include "deliver/retry.hpp"
#include "deliver/transport.hpp"
#include "util/clock.hpp"

namespace quarterdeck::deliver {

struct EngineSettings {
  RetryPolicy retry;
  double messages_per_second = 0;      // 0: no limit
  std::int64_t recipients_per_day = 0;  // 0: no quota
  std::vector<int> waves;               // sizes; the last repeats; empty: one wave
  bool at_most_once = false;            // do not re-send `uncertain` messages
  std::uint64_t seed = 1;               // for the backoff jitter
  std::string from;                     // the envelope sender
};

struct RunOutcome {
  std::vector<DeliveryRecord> records;  // every delivery of the run, final states
  int waves_sent = 0;
  int waves_total = 0;
  bool stopped = false;   // a checkpoint failed: later waves were not sent
  std::string stop_reason;
};

using ProgressFn = std::function<void(const DeliveryRecord&, const std::string& what)>;

std::expected<RunOutcome, Error> deliver_run(DeliveryLog& log, Transport& transport, const std::string& run_id,
                                             const EngineSettings& settings, const Clock& clock, Sleeper& sleeper,
                                             const ProgressFn& progress);

}  // namespace quarterdeck::deliver
