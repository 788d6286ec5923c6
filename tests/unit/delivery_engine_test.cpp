#include "deliver/engine.hpp"

#include <gtest/gtest.h>

#include "delivery_fakes.hpp"
#include "deliver/rate_limit.hpp"

namespace quarterdeck {
namespace {

using testing::FakeSleeper;
using testing::ManualClock;
using testing::MemoryLog;
using testing::ScriptedTransport;

struct Fixture {
  MemoryLog log;
  ManualClock clock;
  FakeSleeper sleeper{clock};
  ScriptedTransport transport;
  deliver::EngineSettings settings;
  deliver::RunOutcome run(const std::string& id = "run1") {
    auto outcome = deliver::deliver_run(log, transport, id, settings, clock, sleeper, {});
    EXPECT_TRUE(outcome.has_value());
    return *outcome;
  }
};

TEST(DeliveryEngine, SendsEveryPlannedMessageInPlanOrder) {
  Fixture f;
  for (const char* r : {"ceo", "cto", "cfo"}) f.log.plan("run1", r);
  const auto outcome = f.run();
  EXPECT_EQ(f.transport.sent_to, (std::vector<std::string>{"ceo", "cto", "cfo"}));
  for (const auto& r : outcome.records) EXPECT_EQ(r.status, "sent");
  // Each state is saved before the next step: planned, sending, sent.
  EXPECT_EQ(f.log.history, (std::vector<std::string>{"ceo:planned", "cto:planned", "cfo:planned", "ceo:sending", "ceo:sent",
                                                      "cto:sending", "cto:sent", "cfo:sending", "cfo:sent"}));
}

TEST(DeliveryEngine, RetriesRetryableFailuresWithBackoffAndNeverPermanentOnes) {
  Fixture f;
  f.log.plan("run1", "ceo");
  f.log.plan("run1", "cto");
  f.transport.script = {"454 Throttling failure", "451 Try again", "", "550 Mailbox unavailable"};
  f.run();
  EXPECT_EQ(f.log.get("run1", "ceo").status, "sent");
  EXPECT_EQ(f.log.get("run1", "ceo").attempts, 3);
  EXPECT_EQ(f.log.get("run1", "cto").status, "rejected");
  EXPECT_EQ(f.log.get("run1", "cto").attempts, 1);
  EXPECT_EQ(f.log.get("run1", "cto").last_error, "550 Mailbox unavailable");
  ASSERT_EQ(f.sleeper.slept.size(), 2u);
  // Full jitter: each wait is between zero and base * 2^(attempt-1).
  EXPECT_LE(f.sleeper.slept[0], 500);
  EXPECT_LE(f.sleeper.slept[1], 1000);
}

TEST(DeliveryEngine, GivesUpAfterMaxAttemptsAndLeavesItFailed) {
  Fixture f;
  f.settings.retry.max_attempts = 3;
  f.log.plan("run1", "ceo");
  f.transport.script = {"421 closing", "421 closing", "421 closing", ""};
  f.run();
  EXPECT_EQ(f.log.get("run1", "ceo").status, "failed");
  EXPECT_EQ(f.log.get("run1", "ceo").attempts, 3);
  EXPECT_EQ(f.transport.sent_to.size(), 3u);
}

TEST(DeliveryEngine, BoundsTheTotalRetryTime) {
  Fixture f;
  f.settings.retry = {100, 1000, 1000, 2500};
  f.log.plan("run1", "ceo");
  for (int i = 0; i < 100; ++i) f.transport.script.push_back("451 busy");
  f.run();
  std::int64_t total = 0;
  for (const auto s : f.sleeper.slept) total += s;
  EXPECT_LE(total, 2500);
  EXPECT_EQ(f.log.get("run1", "ceo").status, "failed");
}

TEST(DeliveryEngine, WavesStopAtAFailedCheckpoint) {
  Fixture f;
  f.settings.waves = {2, 1};
  for (const char* r : {"a", "b", "c", "d", "e"}) f.log.plan("run1", r);
  f.transport.script = {"", "550 no such user"};  // b is rejected in wave 1
  const auto outcome = f.run();
  EXPECT_TRUE(outcome.stopped);
  EXPECT_EQ(outcome.waves_sent, 1);
  EXPECT_EQ(outcome.waves_total, 4);  // 2, 1, 1, 1
  EXPECT_EQ(f.transport.sent_to, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.log.get("run1", "c").status, "planned");
  EXPECT_NE(outcome.stop_reason.find("wave 1 of 4"), std::string::npos);
}

TEST(DeliveryEngine, ResumeTurnsSendingIntoUncertainAndSendsItOnce) {
  Fixture f;
  f.log.plan("run1", "a").status = "sent";
  f.log.plan("run1", "b").status = "sending";  // the process died mid-call
  f.log.plan("run1", "c");
  f.run();
  EXPECT_EQ(f.transport.sent_to, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(f.log.get("run1", "b").status, "sent");
  EXPECT_NE(std::ranges::find(f.log.history, "b:uncertain"), f.log.history.end());
}

TEST(DeliveryEngine, AtMostOnceLeavesUncertainMessagesAlone) {
  Fixture f;
  f.settings.at_most_once = true;
  f.log.plan("run1", "b").status = "sending";
  f.log.plan("run1", "c");
  f.run();
  EXPECT_EQ(f.transport.sent_to, (std::vector<std::string>{"c"}));
  EXPECT_EQ(f.log.get("run1", "b").status, "uncertain");
}

TEST(DeliveryEngine, DailyRecipientQuotaCountsEveryRecipient) {
  Fixture f;
  f.settings.recipients_per_day = 5;
  f.log.plan("run1", "a", 3);
  f.log.plan("run1", "b", 3);  // 3 + 3 > 5
  f.run();
  EXPECT_EQ(f.log.get("run1", "a").status, "sent");
  EXPECT_EQ(f.log.get("run1", "b").status, "failed");
  EXPECT_NE(f.log.get("run1", "b").last_error.find("daily recipient quota"), std::string::npos);
  EXPECT_EQ(f.transport.sent_to.size(), 1u);
}

TEST(DeliveryEngine, RateLimitSpacesMessages) {
  Fixture f;
  f.settings.messages_per_second = 2;
  for (const char* r : {"a", "b", "c", "d"}) f.log.plan("run1", r);
  const std::int64_t start = f.clock.ms;
  f.run();
  // One at once, then one every 500 ms (no burst: a resumed run cannot
  // exceed the rate by starting with a full bucket).
  EXPECT_GE(f.clock.ms - start, 1500);
  EXPECT_LE(f.clock.ms - start, 1600);
}

TEST(TokenBucket, RefillsAtTheRate) {
  deliver::TokenBucket bucket(10, 1);
  EXPECT_EQ(bucket.acquire(0), 0);
  EXPECT_EQ(bucket.acquire(0), 100);
  EXPECT_EQ(bucket.acquire(100), 0);
  deliver::TokenBucket off(0, 1);
  EXPECT_EQ(off.acquire(0), 0);
  EXPECT_EQ(off.acquire(0), 0);
}

}  // namespace
}  // namespace quarterdeck
