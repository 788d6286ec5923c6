// The integrations: Standard Webhooks signing (the spec's own example),
// backoff bounds, what is retried and what is not, Retry-After, ordering
// behind a failure, and the messages' exact text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <variant>

#include "config/integrations_loader.hpp"
#include "delivery_fakes.hpp"
#include "integrate/messages.hpp"
#include "integrate/push.hpp"
#include "integrate/signing.hpp"
#include "store/store.hpp"
#include "util/hash.hpp"

namespace quarterdeck {
namespace {

using testing::FakeSleeper;
using testing::ManualClock;

TEST(WebhookSigning, MatchesTheStandardWebhooksExample) {
  // The example of the Standard Webhooks libraries' tests and README.
  auto key = integrate::webhook_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  ASSERT_TRUE(key);
  EXPECT_EQ(integrate::webhook_signature(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                         R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSigning, RefusesWhatIsNotAWhsecSecret) {
  EXPECT_EQ(integrate::webhook_key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").error().message,
            "the webhook secret does not start with `whsec_`");
  EXPECT_EQ(integrate::webhook_key("whsec_not base64!").error().message,
            "the webhook secret is not `whsec_` and Base64");
  EXPECT_EQ(integrate::webhook_key("whsec_").error().message,
            "the webhook secret is not `whsec_` and Base64");
}

TEST(Base64, DecodesWhatEncodeWrites) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_FALSE(base64_decode("abc"));
  EXPECT_FALSE(base64_decode("ab=c"));
  EXPECT_FALSE(base64_decode("ab\ncd=="));
}

TEST(IntegrationBackoff, StaysWithinItsBounds) {
  const deliver::RetryPolicy policy = integrate::PushSettings{}.retry;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    deliver::Backoff backoff(policy, seed);
    for (int attempt = 1; attempt < policy.max_attempts; ++attempt) {
      const auto delay = backoff.next_delay(attempt, 0);
      ASSERT_TRUE(delay);
      EXPECT_GE(*delay, 0);
      EXPECT_LE(*delay,
                std::min<std::int64_t>(policy.max_delay_ms, policy.base_delay_ms << (attempt - 1)));
    }
    EXPECT_FALSE(backoff.next_delay(policy.max_attempts, 0));
    // Never past the total time allowed.
    if (const auto late = backoff.next_delay(2, policy.max_total_ms - 10)) {
      EXPECT_LE(*late, 10);
    }
  }
}

TEST(IntegrationUrls, HttpsOrThisMachine) {
  using config_detail::is_allowed_integration_url;
  EXPECT_TRUE(is_allowed_integration_url("https://hooks.slack.com/services/T0/B0/x"));
  EXPECT_TRUE(is_allowed_integration_url("http://127.0.0.1:8123/hook"));
  EXPECT_TRUE(is_allowed_integration_url("http://localhost/hook"));
  EXPECT_TRUE(is_allowed_integration_url("http://[::1]:9000/"));
  EXPECT_FALSE(is_allowed_integration_url("http://example.com/hook"));
  EXPECT_FALSE(is_allowed_integration_url("http://127.0.0.1.example.com/hook"));
  EXPECT_FALSE(is_allowed_integration_url("http://127.0.0.1@example.com/"));
  EXPECT_FALSE(is_allowed_integration_url("https://"));
  EXPECT_FALSE(is_allowed_integration_url("https://exa mple.com/"));
  EXPECT_FALSE(is_allowed_integration_url("ftp://example.com/"));
}

TEST(IntegrationRedaction, UrlsSecretsAndTokensAreRedactedWhole) {
  IntegrationSettings s;
  s.webhooks.push_back({"https://dash.example.com/hooks?key=abc123def456",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        {},
                        {}});
  s.github = GithubTarget{"example/operations",
                          "ghp_0123456789abcdef",
                          {},
                          "https://ops:pw0rd@ghe.example.com/api/v3",
                          {},
                          {}};
  s.chat.push_back({"slack", "https://hooks.slack.com/services/T0/B0/xyzSECRET", {}, true, {}});
  Redactor r;
  config_detail::redact_integrations(r, s);
  EXPECT_EQ(r.apply("posting to https://dash.example.com/hooks?key=abc123def456 failed"),
            "posting to [redacted webhook url] failed");
  EXPECT_EQ(r.apply("key MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "key [redacted webhook secret]");
  EXPECT_EQ(r.apply("Bearer ghp_0123456789abcdef"), "Bearer [redacted github token]");
  EXPECT_EQ(r.apply("https://hooks.slack.com/services/T0/B0/xyzSECRET"), "[redacted slack url]");
  EXPECT_EQ(r.apply("https://ops:pw0rd@ghe.example.com/api/v3"),
            "https://[redacted]@ghe.example.com/api/v3");
}

store::Event event(std::string type, std::string id, std::string payload,
                   std::int64_t at = 1'790'000'000) {
  return {0, std::move(id), std::move(type), "Example", at, std::move(payload)};
}

TEST(WebhookBody, TypeTimestampAndDataInThatOrder) {
  auto body = integrate::webhook_body(
      event("task.created", "evt_1", R"({"task":{"id":"t1"},"changes":[]})"));
  ASSERT_TRUE(body);
  EXPECT_EQ(
      *body,
      R"({"type":"task.created","timestamp":"2026-09-21T14:13:20Z","data":{"task":{"id":"t1"},"changes":[]}})");
  EXPECT_EQ(integrate::webhook_body(event("run.failed", "evt_2", "[1]")).error().message,
            "event evt_2 (run.failed) has a payload that is not a JSON object");
}

TEST(ChatText, EscapesWhatSlackAndMarkdownAskFor) {
  EXPECT_EQ(integrate::slack_escaped("A & B <c> *d*"), "A &amp; B &lt;c&gt; *d*");
  EXPECT_EQ(integrate::markdown_escaped("Pay [INV-1](x) *now* @ops #3"),
            "Pay \\[INV\\-1\\]\\(x\\) \\*now\\* @ops \\#3");
}

TEST(ChatMessages, FollowOnlyChosenReportsThatWentOut) {
  const std::string payload =
      R"({"run_id":"r1","portfolio":"Example","as_of":"2026-11-16","slot":"","reports":[)"
      R"({"id":"ceo","title":"CEO brief","headline":"Cash is fine.","decisions":["a","b","c","d"],"status":"sent","message_id":"<m1@example.com>"},)"
      R"({"id":"cfo","title":"CFO brief","headline":"Receivables grew.","decisions":[],"status":"not sent","message_id":""},)"
      R"({"id":"cto","title":"CTO brief","headline":"Keys leak.","decisions":[],"status":"sent","message_id":"<m3@example.com>"}],"sent":2,"not_sent":1})";
  ChatTarget slack{"slack", "https://hooks.example.com/x", {"ceo", "cfo"}, true, {}};
  auto messages = integrate::chat_messages(event("run.completed", "evt_3", payload), slack);
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].part, "ceo");
  EXPECT_EQ((*messages)[0].text,
            "CEO brief\nCash is fine.\nDecisions this week:\n- a\n- b\n- c\n"
            "The full report is in the e-mail \"CEO brief\" of 16 Nov 2026 (Message-ID "
            "<m1@example.com>).\n");
  ChatTarget quiet{"teams", "https://hooks.example.com/y", {}, false, {}};
  const std::string failed =
      R"({"run_id":"","portfolio":"Example","report":"","slot":"","what":"No report was sent.","why":"disk full","resume":"quarterdeck run pf"})";
  EXPECT_TRUE(integrate::chat_messages(event("run.failed", "evt_4", failed), quiet)->empty());
  quiet.failures = true;
  auto notice = integrate::chat_messages(event("run.failed", "evt_4", failed), quiet);
  ASSERT_EQ(notice->size(), 1u);
  EXPECT_EQ((*notice)[0].text,
            "Example: a run failed\nWhat failed: No report was sent.\nWhy: disk full\nTo resume: "
            "quarterdeck run pf\n");
}

// Answers each call from a script, in order; then 204.
class ScriptedHttp final : public integrate::HttpClient {
 public:
  std::expected<integrate::HttpResponse, std::string> send(
      const integrate::HttpRequest& request) override {
    requests.push_back(request);
    if (script.empty()) return integrate::HttpResponse{204, "", std::nullopt};
    auto next = script.front();
    script.pop_front();
    if (const auto* failure = std::get_if<std::string>(&next)) return std::unexpected(*failure);
    return std::get<integrate::HttpResponse>(next);
  }
  std::deque<std::variant<integrate::HttpResponse, std::string>> script;
  std::vector<integrate::HttpRequest> requests;
};

std::string header(const integrate::HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class PushTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qd-integrate-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto opened = store::open_sqlite_store(dir_ / "state.db");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    settings_.webhooks.push_back(
        {"https://dash.example.com/hook", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", {}, {}});
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string add(const std::string& type, const std::string& key) {
    const std::string id = store::event_id(type, key);
    EXPECT_TRUE(store_->append_event(
        {0, id, type, "Example", clock_.now_unix(), R"({"task":{"id":")" + key + R"("}})"}));
    return id;
  }
  integrate::PushReport push() {
    integrate::PushContext context{*store_, "Example", settings_, redactor_, http_,
                                   clock_,  sleeper_,  {},        {},        {}};
    context.settings.seed = 7;
    auto report = integrate::push_integrations(context);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : integrate::PushReport{};
  }
  std::string status_of(const std::string& id) {
    const auto rows = store_->integration_deliveries();
    for (const auto& d : *rows) {
      if (d.event_id == id) return d.status + "/" + std::to_string(d.attempts);
    }
    return "none";
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  IntegrationSettings settings_;
  Redactor redactor_;
  ScriptedHttp http_;
  ManualClock clock_;
  FakeSleeper sleeper_{clock_};
};

TEST_F(PushTest, RetriesWhatIsRetryableHonouringRetryAfter) {
  const std::string id = add("task.created", "t1");
  http_.script = {integrate::HttpResponse{503, "busy", std::nullopt},
                  std::string("Connection refused"), integrate::HttpResponse{429, "", 2},
                  integrate::HttpResponse{408, "", std::nullopt}};
  const auto report = push();
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(http_.requests.size(), 5u);
  ASSERT_EQ(sleeper_.slept.size(), 4u);
  EXPECT_LE(sleeper_.slept[0], 500);
  EXPECT_LE(sleeper_.slept[1], 1000);
  EXPECT_EQ(sleeper_.slept[2], 2000);  // the server's Retry-After
  EXPECT_LE(sleeper_.slept[3], 4000);
  EXPECT_EQ(status_of(id), "sent/5");
  // Every attempt is the same message under the same webhook-id, signed anew.
  for (const auto& r : http_.requests) {
    EXPECT_EQ(header(r, "webhook-id"), id);
    const std::int64_t ts = std::stoll(header(r, "webhook-timestamp"));
    EXPECT_EQ(header(r, "webhook-signature"),
              integrate::webhook_signature(*integrate::webhook_key(settings_.webhooks[0].secret),
                                           id, ts, r.body));
  }
  EXPECT_EQ(report.lines.back().detail, "after 5 attempts");
  // Nothing left: a second push calls nobody.
  EXPECT_TRUE(push().lines.empty());
  EXPECT_EQ(http_.requests.size(), 5u);
}

TEST_F(PushTest, A4xxIsRejectedOnceAndNeverRetried) {
  const std::string a = add("task.created", "t1");
  const std::string b = add("task.created", "t2");
  http_.script = {integrate::HttpResponse{404, "no such hook\nmore", std::nullopt}};
  const auto report = push();
  EXPECT_EQ(report.rejected, 1);
  EXPECT_EQ(report.sent, 1);
  EXPECT_TRUE(sleeper_.slept.empty());
  EXPECT_EQ(status_of(a), "rejected/1");
  EXPECT_EQ(status_of(b), "sent/1");
  EXPECT_EQ(report.lines[0].detail, "HTTP 404: no such hook (not retried)");
  EXPECT_TRUE(push().lines.empty());
  EXPECT_EQ(http_.requests.size(), 2u);
}

TEST_F(PushTest, ALongRetryAfterHoldsTheTargetsLaterEventsForTheNextPush) {
  const std::string a = add("task.created", "t1");
  const std::string b = add("task.updated", "t1");
  http_.script = {integrate::HttpResponse{429, "", 120}};
  auto report = push();
  EXPECT_EQ(http_.requests.size(), 1u);
  EXPECT_TRUE(sleeper_.slept.empty());
  EXPECT_EQ(report.will_retry, 2);
  EXPECT_EQ(status_of(a), "failed/1");
  EXPECT_EQ(status_of(b), "pending/0");
  EXPECT_EQ(report.lines[0].detail,
            "HTTP 429; tried again at the next push; 1 later event waits behind it");
  // Too early: nobody is called.
  clock_.ms += 60'000;
  report = push();
  EXPECT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(report.will_retry, 2);
  EXPECT_EQ(report.lines[0].detail,
            "not tried before 2026-09-21T14:15:20Z (`quarterdeck push` tries now); 1 later event "
            "waits behind it");
  clock_.ms += 61'000;
  report = push();
  EXPECT_EQ(report.sent, 2);
  ASSERT_EQ(http_.requests.size(), 3u);
  EXPECT_EQ(header(http_.requests[1], "webhook-id"), a);
  EXPECT_EQ(header(http_.requests[2], "webhook-id"), b);
}

TEST_F(PushTest, OnlyThePortfoliosOwnEvents) {
  ASSERT_TRUE(store_->append_event(
      {0, "evt_other", "task.created", "Another", clock_.now_unix(), R"({"task":{"id":"x"}})"}));
  const std::string mine = add("task.created", "mine");
  EXPECT_EQ(push().sent, 1);
  ASSERT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(header(http_.requests[0], "webhook-id"), mine);
  EXPECT_EQ(status_of("evt_other"), "none");
}

TEST_F(PushTest, AGithubIssueOpenedByALostAnswerIsFoundNotOpenedTwice) {
  settings_.webhooks.clear();
  settings_.github = GithubTarget{
      "example/operations", "ghp_token", {"quarterdeck", "a b"}, "https://api.example.com", {}, {}};
  const std::string id = store::event_id("task.created", "t1");
  ASSERT_TRUE(
      store_->append_event({0, id, "task.created", "Example", clock_.now_unix(),
                            R"({"task":{"id":"t1","title":"Pay the bill"},"changes":[]})"}));
  http_.script = {
      std::string("Operation timed out after 20000 milliseconds"),
      integrate::HttpResponse{
          200,
          R"([{"number":9,"body":"x"},{"number":7,"body":"... Opened by Quarterdeck for task `t1`. ..."}])",
          std::nullopt},
      integrate::HttpResponse{200, R"({"number":7})", std::nullopt},
      integrate::HttpResponse{200, R"({"number":7,"state":"open"})", std::nullopt}};
  const auto report = push();
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(http_.requests.size(), 4u);
  EXPECT_EQ(http_.requests[0].method + " " + http_.requests[0].url,
            "POST https://api.example.com/repos/example/operations/issues");
  EXPECT_EQ(http_.requests[1].method + " " + http_.requests[1].url,
            "GET "
            "https://api.example.com/repos/example/operations/"
            "issues?state=all&per_page=100&sort=created&direction=desc"
            "&labels=quarterdeck,a%20b");
  EXPECT_EQ(http_.requests[2].method + " " + http_.requests[2].url,
            "PATCH https://api.example.com/repos/example/operations/issues/7");
  EXPECT_EQ(http_.requests[3].method + " " + http_.requests[3].url,
            "GET https://api.example.com/repos/example/operations/issues/7");
  EXPECT_EQ(header(http_.requests[0], "Authorization"), "Bearer ghp_token");
  EXPECT_EQ(report.lines[0].detail, "issue #7; after 2 attempts");
}

TEST_F(PushTest, ReadBackMarksATaskDoneOnceAndSurvivesOddAnswers) {
  settings_.webhooks.clear();
  settings_.github =
      GithubTarget{"example/operations", "ghp_token", {}, "https://api.example.com", {}, {}};
  for (std::int64_t n = 1; n <= 5; ++n) {
    ASSERT_TRUE(store_->save_github_issue(
        {"example/operations", "t" + std::to_string(n), n, "open", false}));
  }
  http_.script = {
      integrate::HttpResponse{200, R"({"number":1,"state":5})", std::nullopt},
      integrate::HttpResponse{200, "not json", std::nullopt},
      integrate::HttpResponse{404, R"({"message":"Not Found"})", std::nullopt},
      integrate::HttpResponse{200, R"({"number":4,"state":"closed","state_reason":"not_planned"})",
                              std::nullopt},
      integrate::HttpResponse{200, R"({"number":5,"state":"open"})", std::nullopt}};
  std::vector<std::string> closed;
  integrate::PushContext context{
      *store_,
      "Example",
      settings_,
      redactor_,
      http_,
      clock_,
      sleeper_,
      [&](const std::string& task, const std::string& note) -> std::expected<void, Error> {
        closed.push_back(task + ": " + note);
        return {};
      },
      {},
      {}};
  auto report = integrate::push_integrations(context);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(closed, std::vector<std::string>{"t4: issue #4 closed on GitHub"});
  EXPECT_EQ(report->closed_tasks, std::vector<std::string>{"t4"});
  std::vector<std::string> states;
  const auto open = store_->github_issues("example/operations", "open");
  for (const auto& issue : *open) states.push_back(issue.task_id);
  EXPECT_EQ(states, (std::vector<std::string>{"t1", "t2", "t5"}));
  EXPECT_EQ((*store_->github_issue("example/operations", "t3"))->state, "missing");
  // The next push reads the three still open, and calls nobody back.
  http_.script.clear();
  http_.requests.clear();
  report = integrate::push_integrations(context);
  ASSERT_TRUE(report);
  EXPECT_EQ(http_.requests.size(), 3u);
  EXPECT_EQ(closed.size(), 1u);
}

TEST_F(PushTest, AReceiverThatIsDownIsTriedLessOftenUnlessFlushed) {
  const std::string id = add("task.created", "t1");
  for (int i = 0; i < 5; ++i) http_.script.push_back(std::string("Connection refused"));
  EXPECT_EQ(push().will_retry, 1);
  EXPECT_EQ(http_.requests.size(), 5u);
  const std::int64_t gave_up = clock_.now_unix();
  const auto next = [&] { return (*store_->integration_deliveries())[0].next_attempt_at; };
  EXPECT_EQ(next(), gave_up + 60);
  clock_.ms += 30'000;
  push();
  EXPECT_EQ(http_.requests.size(), 5u);  // a minute has not passed
  clock_.ms += 31'000;
  for (int i = 0; i < 5; ++i) http_.script.push_back(std::string("Connection refused"));
  push();
  EXPECT_EQ(http_.requests.size(), 10u);
  EXPECT_EQ(next(), clock_.now_unix() + 120);  // doubled after the second push gave up
  // A person flushing: tried at once.
  integrate::PushContext context{*store_, "Example", settings_, redactor_, http_,
                                 clock_,  sleeper_,  {},        {},        {}};
  context.settings.flush = true;
  ASSERT_TRUE(integrate::push_integrations(context));
  EXPECT_EQ(http_.requests.size(), 11u);
  EXPECT_EQ(status_of(id), "sent/11");
}

TEST_F(PushTest, ANewTargetStartsWithTheLastWeek) {
  const std::string old = add("task.created", "old");
  clock_.ms += 8LL * 86400 * 1000;
  const std::string recent = add("task.created", "recent");
  const auto report = push();
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(header(http_.requests[0], "webhook-id"), recent);
  EXPECT_EQ(status_of(old), "none");
}

}  // namespace
}  // namespace quarterdeck
