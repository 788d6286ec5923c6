// Failure notices (cli/notices.hpp): one short e-mail to the owner per
// run.failed event, never a second, written and printed whether or not it
// could be sent, every secret redacted.
#include "cli/notices.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "deliver/outbox.hpp"
#include "delivery_fakes.hpp"
#include "store/store.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;
using testing::FakeSleeper;
using testing::ManualClock;
using testing::ScriptedTransport;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::ranges::sort(out);
  return out;
}

class FailureNotices : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("qd-notices-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = store::open_sqlite_store(dir_ / ".quarterdeck" / "state.db");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(*opened);
    portfolio_.name = "Harbor & Hauling Portfolio";
    portfolio_.recipients["owner"] = {"owner@example.com"};
    portfolio_.recipients["ceo"] = {"ceo@example.com"};
    portfolio_.delivery.from = "reports@example.com";
    portfolio_.delivery.from_name = "Quarterdeck Reports";
    portfolio_.delivery.subject_prefix = "[Quarterdeck]";
    clock_.ms = 1'794'841'200'000;  // 2026-11-16T15:00:00Z
    err_ = std::tmpfile();
    ASSERT_NE(err_, nullptr);
  }
  void TearDown() override {
    if (err_ != nullptr) std::fclose(err_);
    db_.reset();
    fs::remove_all(dir_);
  }

  // A run.failed event as run and serve append it.
  void fail(const std::string& run_id, const std::string& why, const std::string& portfolio = "") {
    const nlohmann::json payload = {
        {"run_id", run_id},
        {"portfolio", portfolio.empty() ? portfolio_.name : portfolio},
        {"report", "ceo"},
        {"slot", ""},
        {"what", "The ceo report for 2026-11-16 was not sent."},
        {"why", why},
        {"resume", fmt::format("quarterdeck send /srv/harbor --resume {}", run_id)}};
    store::Event e;
    e.id = store::event_id("run.failed", run_id);
    e.type = "run.failed";
    e.portfolio = portfolio.empty() ? portfolio_.name : portfolio;
    e.created_at = clock_.now_unix();
    e.payload = payload.dump();
    auto appended = db_->append_event(e);
    ASSERT_TRUE(appended.has_value()) << appended.error().message;
  }
  void other_event(const std::string& type, const std::string& key) {
    store::Event e;
    e.id = store::event_id(type, key);
    e.type = type;
    e.portfolio = portfolio_.name;
    e.created_at = clock_.now_unix();
    e.payload = R"({"run_id":")" + key + R"("})";
    ASSERT_TRUE(db_->append_event(e).value_or(false));
  }

  std::vector<cli::NoticeOutcome> notice(deliver::Transport& transport) {
    cli::NoticeChannel channel;
    channel.transport = &transport;
    channel.engine.from = portfolio_.delivery.from;
    channel.sleeper = &sleeper_;
    return cli::send_failure_notices(portfolio_, dir_, redactor_, *db_, channel, clock_,
                                     cli::Output(redactor_, stdout, err_));
  }
  std::string stderr_text() {
    std::fflush(err_);
    std::rewind(err_);
    std::string text;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, err_)) text.append(buffer, n);
    return text;
  }
  fs::path notices_dir() const { return dir_ / ".quarterdeck" / "notices"; }

  fs::path dir_;
  std::unique_ptr<store::Store> db_;
  Portfolio portfolio_;
  Redactor redactor_;
  ManualClock clock_;
  FakeSleeper sleeper_{clock_};
  std::FILE* err_ = nullptr;
};

TEST_F(FailureNotices, TheNoticeSaysWhatWhyAndHowToResume) {
  store::Event e;
  e.id = "evt_0123456789abcdef0123456789abcdef";
  e.type = "run.failed";
  e.payload =
      R"({"run_id":"R1","portfolio":"P","report":"","slot":"","what":"2 of 11 messages of the run for 2026-11-16 were not sent.",)"
      R"("why":"550 5.1.1 Mailbox unavailable","resume":"quarterdeck send /srv/harbor --resume R1"})";
  const cli::Notice n = cli::notice_for(e, portfolio_, redactor_);
  EXPECT_EQ(n.event_id, e.id);
  EXPECT_EQ(n.to, std::vector<std::string>{"owner@example.com"});
  EXPECT_EQ(n.subject,
            "[Quarterdeck] Failed: 2 of 11 messages of the run for 2026-11-16 were not sent");
  EXPECT_EQ(n.text,
            "What failed: 2 of 11 messages of the run for 2026-11-16 were not sent.\n"
            "Why: 550 5.1.1 Mailbox unavailable\n"
            "\n"
            "To resume, run:\n"
            "quarterdeck send /srv/harbor --resume R1\n");
}

TEST_F(FailureNotices, AMultiLineReplyReadsAsOneLine) {
  store::Event e;
  e.id = "evt_3";
  e.type = "run.failed";
  e.payload = nlohmann::json{{"what", "The ceo report for 2026-11-16 was not sent."},
                             {"why", "554 5.7.1 Rejected\r\n554 5.7.1 See the policy.\n"},
                             {"resume", "quarterdeck send /srv/harbor --resume R3"}}
                  .dump();
  EXPECT_EQ(cli::notice_for(e, portfolio_, redactor_).text,
            "What failed: The ceo report for 2026-11-16 was not sent.\n"
            "Why: 554 5.7.1 Rejected 554 5.7.1 See the policy.\n"
            "\n"
            "To resume, run:\n"
            "quarterdeck send /srv/harbor --resume R3\n");
}

TEST_F(FailureNotices, APayloadWithoutWordsStillSaysSomething) {
  store::Event e;
  e.id = "evt_1";
  e.type = "run.failed";
  e.payload = "not json";
  portfolio_.delivery.subject_prefix.clear();
  const cli::Notice n = cli::notice_for(e, portfolio_, redactor_);
  EXPECT_EQ(n.subject, "Failed: A run of Harbor & Hauling Portfolio failed");
  EXPECT_EQ(n.text, "What failed: A run of Harbor & Hauling Portfolio failed.\n");
}

TEST_F(FailureNotices, ALongWhatIsCutAtAWordInTheSubjectOnly) {
  store::Event e;
  e.id = "evt_2";
  e.type = "run.failed";
  const std::string what =
      "The scheduled run of " + std::string(30, 'x') + " for Monday 16 November at 07:00 " +
      "could not start because the store was locked by another process for too long.";
  e.payload = nlohmann::json{{"what", what}}.dump();
  const cli::Notice n = cli::notice_for(e, portfolio_, redactor_);
  EXPECT_EQ(n.subject, "[Quarterdeck] Failed: The scheduled run of " + std::string(30, 'x') +
                           " for Monday 16 November at 07:00 could not start…");
  EXPECT_EQ(n.text, "What failed: " + what + "\n");
}

TEST_F(FailureNotices, OneNoticePerEventAndNoneOnASecondCall) {
  fail("R1", "550 5.1.1 Mailbox unavailable");
  other_event("run.completed", "R0");
  fail("R2", "connection refused");
  fail("R3", "timeout", "Another Portfolio");  // its own owner's, through its own call
  deliver::OutboxTransport outbox(dir_ / "outbox");

  const auto first = notice(outbox);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].event_id, store::event_id("run.failed", "R1"));
  EXPECT_EQ(first[1].event_id, store::event_id("run.failed", "R2"));
  EXPECT_TRUE(first[0].sent) << first[0].detail;
  EXPECT_TRUE(first[1].sent) << first[1].detail;
  ASSERT_EQ(files_in(dir_ / "outbox" / "new").size(), 2u);

  // The message: to the owner alone, the subject and the three parts.
  const std::string mime = read_all(files_in(dir_ / "outbox" / "new")[0]);
  EXPECT_NE(mime.find("To: owner@example.com\r\n"), std::string::npos) << mime;
  EXPECT_EQ(mime.find("ceo@example.com"), std::string::npos) << mime;
  EXPECT_NE(
      mime.find("Subject: [Quarterdeck] Failed: The ceo report for 2026-11-16 was not sent\r\n"),
      std::string::npos)
      << mime;
  EXPECT_NE(mime.find("quarterdeck send /srv/harbor --resume R"), std::string::npos) << mime;
  EXPECT_NE(mime.find("Auto-Submitted: auto-generated"), std::string::npos) << mime;

  // Kept in the notices folder, as it was sent.
  const auto kept = files_in(notices_dir());
  ASSERT_EQ(kept.size(), 2u);
  const fs::path r1 =
      notices_dir() / fmt::format("20261116T150000Z-{}.txt", store::event_id("run.failed", "R1"));
  EXPECT_TRUE(std::ranges::find(kept, r1) != kept.end()) << r1;
  EXPECT_EQ(read_all(r1),
            "To: the owner role ([recipients] owner)\n"
            "Subject: [Quarterdeck] Failed: The ceo report for 2026-11-16 was not sent\n"
            "\n"
            "What failed: The ceo report for 2026-11-16 was not sent.\n"
            "Why: 550 5.1.1 Mailbox unavailable\n"
            "\n"
            "To resume, run:\n"
            "quarterdeck send /srv/harbor --resume R1\n"
            "\n"
            "Sent to the owner at 2026-11-16T15:00:00Z.\n");
  EXPECT_NE(stderr_text().find("quarterdeck: failure notice\nTo: the owner role"),
            std::string::npos);

  // Again: nothing new to notice, nothing sent, nothing written.
  EXPECT_TRUE(notice(outbox).empty());
  EXPECT_EQ(files_in(dir_ / "outbox" / "new").size(), 2u);
  EXPECT_EQ(files_in(notices_dir()).size(), 2u);

  // A new failure: its notice alone.
  fail("R4", "timeout");
  const auto third = notice(outbox);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].event_id, store::event_id("run.failed", "R4"));
  EXPECT_EQ(files_in(dir_ / "outbox" / "new").size(), 3u);
}

TEST_F(FailureNotices, ATransportThatRefusesEverythingIsTriedOnceAndTheNoticeKept) {
  fail("R1", "550 5.1.1 Mailbox unavailable");
  ScriptedTransport refusing;
  refusing.script = {"550 5.1.1 Mailbox unavailable", "550 5.1.1 Mailbox unavailable"};
  const auto outcomes = notice(refusing);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].sent);
  EXPECT_EQ(outcomes[0].detail, "550 5.1.1 Mailbox unavailable");
  EXPECT_EQ(refusing.sent_to, std::vector<std::string>{"failure notice"});
  const auto kept = files_in(notices_dir());
  ASSERT_EQ(kept.size(), 1u);
  const std::string text = read_all(kept[0]);
  EXPECT_TRUE(text.ends_with("\nNot sent to the owner: 550 5.1.1 Mailbox unavailable.\n")) << text;
  EXPECT_NE(stderr_text().find("Not sent to the owner: 550 5.1.1 Mailbox unavailable.\n"),
            std::string::npos);

  // Never retried into a storm: the next call leaves it.
  EXPECT_TRUE(notice(refusing).empty());
  EXPECT_EQ(refusing.sent_to.size(), 1u);
}

TEST_F(FailureNotices, ARetryableErrorIsRetriedAsAnyMessage) {
  fail("R1", "timeout");
  ScriptedTransport busy;
  busy.script = {"451 4.3.0 Temporary failure"};
  const auto outcomes = notice(busy);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].sent) << outcomes[0].detail;
  EXPECT_EQ(busy.sent_to.size(), 2u);
  EXPECT_EQ(sleeper_.slept.size(), 1u);
}

TEST_F(FailureNotices, WithoutATransportOrAnOwnerTheNoticeIsStillKept) {
  fail("R1", "timeout");
  cli::NoticeChannel channel;
  channel.problem = "SMTP_URL is not set";
  auto outcomes = cli::send_failure_notices(portfolio_, dir_, redactor_, *db_, channel, clock_,
                                            cli::Output(redactor_, stdout, err_));
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].sent);
  EXPECT_EQ(outcomes[0].detail, "SMTP_URL is not set");

  portfolio_.recipients.erase("owner");
  fail("R2", "timeout");
  ScriptedTransport unused;
  outcomes = notice(unused);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].sent);
  EXPECT_EQ(outcomes[0].detail, "there is no `owner` role in [recipients]");
  EXPECT_TRUE(unused.sent_to.empty());
  EXPECT_EQ(files_in(notices_dir()).size(), 2u);
}

TEST_F(FailureNotices, SecretsAreRedactedEverywhere) {
  redactor_.add("SMTP_PASSWORD", "s3cret-Pa55", Sensitivity::credential);
  fail("R1", "535 authentication failed for s3cret-Pa55");
  deliver::OutboxTransport outbox(dir_ / "outbox");
  ASSERT_EQ(notice(outbox).size(), 1u);
  const std::string mime = read_all(files_in(dir_ / "outbox" / "new").at(0));
  const std::string kept = read_all(files_in(notices_dir()).at(0));
  for (const std::string& text : {mime, kept, stderr_text()}) {
    EXPECT_EQ(text.find("s3cret-Pa55"), std::string::npos) << text;
  }
  EXPECT_NE(kept.find("Why: 535 authentication failed for [redacted SMTP_PASSWORD]\n"),
            std::string::npos)
      << kept;
}

}  // namespace
}  // namespace quarterdeck
