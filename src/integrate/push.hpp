// Pushing events to where people work: every event in the store's log
// (store/store.hpp Event) goes to every configured target that wants it: a
// Standard Webhooks endpoint, GitHub Issues, a Slack or Teams channel
// (model/portfolio.hpp IntegrationSettings).
//
// Each (event, target) pair is a row in the store, pending until it is sent
// or rejected. A push delivers the pending rows of each target in event
// order: a retryable failure (5xx, 408, 429, a timeout, a connection
// error) is retried with exponential backoff and full jitter, within
// bounded attempts and time, honouring a Retry-After; what still fails
// stays for the next push, and the target's later events wait behind it
// (order matters: an issue is created before it is closed). A 4xx is
// rejected, recorded and never retried. Each row's state is committed
// before the call, so a crash mid-call leaves it `sending`, and the next
// push sends it again under the same webhook-id (at least once; receivers
// de-duplicate by webhook-id).
//
// A target seen for the first time starts with the events of the last
// seven days, not the whole history. Only the portfolio's own events are
// pushed to its targets.
//
// GitHub read-back: after delivering, the state of every issue still open
// in the store is read; an issue closed on GitHub calls `on_closed` with
// its task, once.
//
// The caller holds the store's delivery lease (store/lease.hpp), so one
// process pushes at a time; `confirm` is called before every call out.
// Everything recorded or reported passes through the Redactor.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "deliver/retry.hpp"
#include "integrate/http.hpp"
#include "model/portfolio.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"
#include "util/diagnostic.hpp"
#include "util/redact.hpp"

namespace quarterdeck::integrate {

// Marks a task done because its GitHub issue was closed there; `note` says
// so in words ("issue #3 closed on GitHub"). The integrator wires it to the
// tasks' mark_task_done.
using TaskClosedFn =
    std::function<std::expected<void, Error>(const std::string& task_id, const std::string& note)>;

struct PushSettings {
  deliver::RetryPolicy retry{5, 500, 8000, 30000};  // per event, within one push
  std::uint64_t seed = 0;                           // for the jitter
  std::int64_t new_target_lookback_seconds = 7 * 86400;
  // An event a push gave up on waits before the next push tries it again:
  // a minute after its first failed push, doubling to at most an hour, so
  // a receiver that is down does not slow every run. A Retry-After sets
  // the wait instead.
  std::int64_t push_backoff_seconds = 60;
  std::int64_t max_push_backoff_seconds = 3600;
  // `quarterdeck push`: try everything now, waits and Retry-After included
  // (a person flushing after an outage).
  bool flush = false;
};

// One thing a push did, for a person: `outcome` is "sent", "will retry"
// (left for the next push), "rejected", "skipped" (nothing to send there),
// "closed on GitHub" or "not read" (an issue's state could not be read
// back, or its task not marked done: tried again at the next push).
struct PushLine {
  std::string
      target;  // "webhook 1", "GitHub example/operations", "Slack 1", "Teams 1": never a URL
  std::string event_type;
  std::string event_id;
  std::string outcome;
  int attempts = 0;    // calls made for it in this push
  std::string detail;  // why, in words; redacted
};

struct PushReport {
  std::vector<PushLine> lines;
  int sent = 0;
  int will_retry =
      0;  // rows left pending for the next push (including those waiting behind a failure)
  int rejected = 0;
  std::vector<std::string>
      closed_tasks;  // tasks whose issue was closed on GitHub (on_closed succeeded)
};

struct PushContext {
  store::Store& store;
  // The portfolio's name as its events carry it: a store shared by several
  // portfolios holds all their events, and each pushes only its own.
  std::string portfolio;
  const IntegrationSettings& targets;
  const Redactor& redactor;
  HttpClient& http;
  const Clock& clock;
  deliver::Sleeper& sleeper;
  TaskClosedFn on_closed;
  std::function<std::expected<void, Error>()> confirm;  // may be empty
  PushSettings settings{};
};

// Delivers every pending event to every target. An Error only when the
// store fails or `confirm` does (the lease was lost); a target's failures
// are in the report.
std::expected<PushReport, Error> push_integrations(PushContext& context);

// Stable store keys of the targets of `portfolio` ("webhook:" and 12 hex
// digits of a hash: never the URL).
std::string webhook_target_key(const std::string& portfolio, const WebhookTarget& target);
std::string chat_target_key(const std::string& portfolio, const ChatTarget& target);
std::string github_target_key(const std::string& portfolio, const GithubTarget& target);

}  // namespace quarterdeck::integrate
