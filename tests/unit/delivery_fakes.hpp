// Hand-written fakes for the delivery engine's seams: an in-memory
// delivery log, a clock that moves only when told (or when the fake sleeper
// sleeps), and a scripted transport.
#pragma once

#include <algorithm>
#include <deque>
#include <map>

#include "deliver/delivery_log.hpp"
#include "deliver/retry.hpp"
#include "deliver/transport.hpp"
#include "util/clock.hpp"

namespace quarterdeck::testing {

class MemoryLog final : public deliver::DeliveryLog {
 public:
  std::expected<std::optional<deliver::DeliveryRecord>, Error> find_delivery(const std::string& key) override {
    const auto it = records_.find(key);
    if (it == records_.end()) return std::optional<deliver::DeliveryRecord>{};
    return std::optional<deliver::DeliveryRecord>{it->second};
  }
  std::expected<void, Error> save_delivery(const deliver::DeliveryRecord& d) override {
    auto& slot = records_[d.idempotency_key];
    const std::int64_t sequence = slot.sequence != 0 ? slot.sequence : ++next_sequence_;
    slot = d;
    slot.sequence = sequence;
    history.push_back(d.report_id + ":" + d.status);
    return {};
  }
  std::expected<std::vector<deliver::DeliveryRecord>, Error> run_deliveries(const std::string& run_id) override {
    std::vector<deliver::DeliveryRecord> out;
    for (const auto& [_, r] : records_) {
      if (r.run_id == run_id) out.push_back(r);
    }
    std::ranges::sort(out, {}, &deliver::DeliveryRecord::sequence);
    return out;
  }
  std::expected<std::string, Error> message_of(const std::string& key) override {
    const auto it = records_.find(key);
    if (it == records_.end()) return std::unexpected(Error{"no such delivery"});
    return it->second.mime;
  }
  std::expected<std::int64_t, Error> recipients_sent_since(const std::string& since) override {
    std::int64_t n = 0;
    for (const auto& [_, r] : records_) {
      if (r.status == "sent" && r.sent_at >= since) n += static_cast<std::int64_t>(r.recipient_count());
    }
    return n;
  }
  deliver::DeliveryRecord& plan(const std::string& run, const std::string& report, std::size_t recipients = 1) {
    deliver::DeliveryRecord r;
    r.run_id = run;
    r.report_id = report;
    r.idempotency_key = run + "/" + report;
    for (std::size_t i = 0; i < recipients; ++i) r.to.push_back("r" + std::to_string(i) + "@example.com");
    r.status = "planned";
    r.mime = "Subject: " + report + "\r\n\r\nbody\r\n";
    (void)save_delivery(r);
    return records_[r.idempotency_key];
  }
  const deliver::DeliveryRecord& get(const std::string& run, const std::string& report) {
    return records_.at(run + "/" + report);
  }
  std::vector<std::string> history;

 private:
  std::map<std::string, deliver::DeliveryRecord> records_;
  std::int64_t next_sequence_ = 0;
};

class ManualClock final : public Clock {
 public:
  std::int64_t now_unix() const override { return ms / 1000; }
  std::int64_t now_ms() const override { return ms; }
  std::int64_t ms = 1'790'000'000'000;
};

class FakeSleeper final : public deliver::Sleeper {
 public:
  explicit FakeSleeper(ManualClock& clock) : clock_(clock) {}
  void sleep_ms(std::int64_t ms) override {
    slept.push_back(ms);
    clock_.ms += ms;
  }
  std::vector<std::int64_t> slept;

 private:
  ManualClock& clock_;
};

// Answers each send from a script, in order; then succeeds.
class ScriptedTransport final : public deliver::Transport {
 public:
  std::string name() const override { return "scripted"; }
  std::expected<deliver::SendResult, deliver::SendError> send(const deliver::Envelope& e, const std::string&) override {
    sent_to.push_back(e.report_id);
    if (script.empty()) return deliver::SendResult{"id-" + std::to_string(sent_to.size())};
    auto next = script.front();
    script.pop_front();
    if (next.empty()) return deliver::SendResult{"id-" + std::to_string(sent_to.size())};
    return std::unexpected(deliver::SendError{next, next.starts_with("4") || next == "timeout"});
  }
  std::deque<std::string> script;  // "" ok; "4xx ..." retryable; "5xx ..." permanent
  std::vector<std::string> sent_to;
};

}  // namespace quarterdeck::testing
