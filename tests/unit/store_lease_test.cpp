// The delivery lease in the SQLite store: taken, renewed and released by
// one owner; refused to a second owner with the holder's name; taken over
// when it expired or its holder's process is gone, and the take-over
// recorded. Also: a store whose file is deleted or replaced refuses writes.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "delivery_fakes.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;
using store::LeaseHolder;
using testing::ManualClock;

constexpr const char* k_name = "delivery";
constexpr std::int64_t k_t0 = 1'790'000'000;
constexpr std::int64_t k_ttl = store::k_lease_ttl_seconds;

class StoreLease : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("qd-lease-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = dir_ / "state.db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<store::Store> open() {
    auto opened = store::open_sqlite_store(path_);
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }
  store::StoreOpener opener() {
    return [this] { return store::open_sqlite_store(path_); };
  }

  static LeaseHolder claim(const std::string& owner, const std::string& host, std::int64_t pid) {
    LeaseHolder h;
    h.owner = owner;
    h.host = host;
    h.pid = pid;
    h.run_id = "run-" + owner;
    return h;
  }

  // A pid that belonged to a process that has exited and been reaped.
  static pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(StoreLease, OneOwnerAcquiresRenewsAndReleases) {
  auto db = open();
  auto first = db->try_acquire_lease(k_name, claim("a", "host-a", 101), k_t0, k_ttl);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->acquired);
  EXPECT_FALSE(first->replaced.has_value());
  EXPECT_EQ(first->holder.expires_at, k_t0 + k_ttl);

  auto renewed = db->renew_lease(k_name, "a", "run-later", k_t0 + 10, k_ttl);
  ASSERT_TRUE(renewed.has_value());
  EXPECT_TRUE(*renewed);
  auto holder = db->lease_holder(k_name);
  ASSERT_TRUE(holder.has_value() && holder->has_value());
  EXPECT_EQ((*holder)->owner, "a");
  EXPECT_EQ((*holder)->host, "host-a");
  EXPECT_EQ((*holder)->pid, 101);
  EXPECT_EQ((*holder)->run_id, "run-later");
  EXPECT_EQ((*holder)->acquired_at, k_t0);
  EXPECT_EQ((*holder)->heartbeat_at, k_t0 + 10);
  EXPECT_EQ((*holder)->expires_at, k_t0 + 10 + k_ttl);

  // Asking again as the holder keeps the lease and its start.
  auto again = db->try_acquire_lease(k_name, claim("a", "host-a", 101), k_t0 + 20, k_ttl);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->acquired);
  EXPECT_EQ(again->holder.acquired_at, k_t0);

  ASSERT_TRUE(db->release_lease(k_name, "a").has_value());
  holder = db->lease_holder(k_name);
  ASSERT_TRUE(holder.has_value());
  EXPECT_FALSE(holder->has_value());
  auto after = db->renew_lease(k_name, "a", "", k_t0 + 30, k_ttl);
  ASSERT_TRUE(after.has_value());
  EXPECT_FALSE(*after) << "a released lease cannot be renewed";
}

TEST_F(StoreLease, ASecondOwnerIsRefusedAndToldWhoHoldsIt) {
  auto db_a = open();
  auto db_b = open();
  ASSERT_TRUE(db_a->try_acquire_lease(k_name, claim("a", "host-a", 101), k_t0, k_ttl)->acquired);
  auto refused =
      db_b->try_acquire_lease(k_name, claim("b", "host-b", 202), k_t0 + k_ttl - 1, k_ttl);
  ASSERT_TRUE(refused.has_value()) << refused.error().message;
  EXPECT_FALSE(refused->acquired);
  EXPECT_EQ(refused->holder.owner, "a");
  EXPECT_EQ(refused->holder.pid, 101);
  EXPECT_EQ(refused->holder.host, "host-a");
  EXPECT_EQ(refused->holder.run_id, "run-a");
  EXPECT_EQ(refused->holder.acquired_at, k_t0);
  EXPECT_EQ(store::describe_holder(refused->holder), "pid 101 on host-a (run run-a)");
  // B cannot release or renew A's lease.
  ASSERT_TRUE(db_b->release_lease(k_name, "b").has_value());
  EXPECT_FALSE(*db_b->renew_lease(k_name, "b", "", k_t0 + 1, k_ttl));
  EXPECT_EQ((*db_b->lease_holder(k_name))->owner, "a");
  EXPECT_TRUE(db_b->lease_takeovers(k_name)->empty());
}

TEST_F(StoreLease, AnExpiredLeaseIsTakenOverAndTheTakeOverRecorded) {
  auto db_a = open();
  auto db_b = open();
  ASSERT_TRUE(db_a->try_acquire_lease(k_name, claim("a", "host-a", 101), k_t0, k_ttl)->acquired);
  auto taken = db_b->try_acquire_lease(k_name, claim("b", "host-b", 202), k_t0 + k_ttl, k_ttl);
  ASSERT_TRUE(taken.has_value()) << taken.error().message;
  EXPECT_TRUE(taken->acquired);
  ASSERT_TRUE(taken->replaced.has_value());
  EXPECT_EQ(taken->replaced->owner, "a");
  EXPECT_EQ(taken->holder.owner, "b");
  auto takeovers = db_b->lease_takeovers(k_name);
  ASSERT_TRUE(takeovers.has_value());
  ASSERT_EQ(takeovers->size(), 1u);
  EXPECT_EQ((*takeovers)[0].reason, "expired");
  EXPECT_EQ((*takeovers)[0].new_owner, "b");
  EXPECT_EQ((*takeovers)[0].previous.pid, 101);
  EXPECT_EQ((*takeovers)[0].previous.run_id, "run-a");
  EXPECT_EQ((*takeovers)[0].taken_at, k_t0 + k_ttl);
  // A finds out at its next heartbeat.
  auto renewed = db_a->renew_lease(k_name, "a", "run-a", k_t0 + k_ttl + 1, k_ttl);
  ASSERT_TRUE(renewed.has_value());
  EXPECT_FALSE(*renewed);
}

TEST_F(StoreLease, TakingOverNeedsTheHolderTheCallerFoundDead) {
  auto db = open();
  ASSERT_TRUE(db->try_acquire_lease(k_name, claim("a", "h", 101), k_t0, k_ttl)->acquired);
  const LeaseHolder a = *db->lease_holder(k_name).value();
  ASSERT_TRUE(
      *db->take_over_lease(k_name, claim("b", "h", 202), a, "process gone", k_t0 + 1, k_ttl));
  // C also found A dead, but B was first: C gets nothing.
  auto late = db->take_over_lease(k_name, claim("c", "h", 303), a, "process gone", k_t0 + 2, k_ttl);
  ASSERT_TRUE(late.has_value());
  EXPECT_FALSE(*late);
  EXPECT_EQ((*db->lease_holder(k_name))->owner, "b");
  EXPECT_EQ(db->lease_takeovers(k_name)->size(), 1u);
}

TEST_F(StoreLease, ALeaseWhoseProcessIsGoneIsTakenOverAtOnce) {
  auto db = open();
  const std::string host = store::this_process("").host;
  const pid_t gone = dead_pid();
  ASSERT_TRUE(db->try_acquire_lease(k_name, claim("a", host, gone), k_t0, k_ttl)->acquired);

  ManualClock clock;
  clock.ms = (k_t0 + 1) * 1000;  // long before A's lease expires
  std::vector<std::string> notices;
  auto held =
      store::HeldLease::acquire(*db, opener(), k_name, store::this_process("run-b"), {}, clock,
                                [&](const std::string& line) { notices.push_back(line); });
  ASSERT_TRUE(held.has_value());
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find(fmt::format(
                "took over the delivery lease from pid {} on {} (run run-a)", gone, host)),
            std::string::npos)
      << notices[0];
  EXPECT_NE(notices[0].find("its process is gone"), std::string::npos) << notices[0];
  auto takeovers = db->lease_takeovers(k_name);
  ASSERT_EQ(takeovers->size(), 1u);
  EXPECT_EQ((*takeovers)[0].reason, "process gone");
  EXPECT_EQ((*takeovers)[0].previous.pid, gone);
  EXPECT_EQ((*db->lease_holder(k_name))->pid, ::getpid());

  held->reset();  // released when the holder is done
  EXPECT_FALSE(db->lease_holder(k_name)->has_value());
}

TEST_F(StoreLease, AHolderThatExitedButIsNotYetReapedIsGone) {
  auto db = open();
  const std::string host = store::this_process("").host;
  const pid_t zombie = ::fork();
  if (zombie == 0) ::_exit(0);
  // Until it is reaped, kill(pid, 0) still finds it: wait for it to exit.
  siginfo_t info{};
  ASSERT_EQ(::waitid(P_PID, static_cast<id_t>(zombie), &info, WEXITED | WNOWAIT), 0);
  ASSERT_TRUE(db->try_acquire_lease(k_name, claim("a", host, zombie), k_t0, k_ttl)->acquired);
  ManualClock clock;
  clock.ms = (k_t0 + 1) * 1000;
  auto held = store::HeldLease::acquire(*db, opener(), k_name, store::this_process("run-b"), {}, clock, {});
  EXPECT_TRUE(held.has_value());
  ASSERT_EQ(db->lease_takeovers(k_name)->size(), 1u);
  int status = 0;
  ::waitpid(zombie, &status, 0);
}

TEST_F(StoreLease, ALiveHolderOrOneOnAnotherHostIsLeftAlone) {
  auto db = open();
  const std::string host = store::this_process("").host;
  ManualClock clock;
  clock.ms = (k_t0 + 1) * 1000;
  // Alive on this host: our parent.
  ASSERT_TRUE(db->try_acquire_lease(k_name, claim("a", host, ::getppid()), k_t0, k_ttl)->acquired);
  auto busy =
      store::HeldLease::acquire(*db, opener(), k_name, store::this_process("run-b"), {}, clock, {});
  ASSERT_FALSE(busy.has_value());
  ASSERT_TRUE(std::holds_alternative<store::LeaseBusy>(busy.error()));
  EXPECT_EQ(std::get<store::LeaseBusy>(busy.error()).holder.owner, "a");
  // A pid that is gone here, but on another host: only its expiry counts.
  ASSERT_TRUE(db->release_lease(k_name, "a").has_value());
  ASSERT_TRUE(
      db->try_acquire_lease(k_name, claim("x", "elsewhere.example.com", dead_pid()), k_t0, k_ttl)
          ->acquired);
  busy = store::HeldLease::acquire(*db, opener(), k_name, store::this_process("run-b"), {true, 0},
                                   clock, {});
  ASSERT_FALSE(busy.has_value());
  ASSERT_TRUE(std::holds_alternative<store::LeaseBusy>(busy.error()));
  EXPECT_EQ(std::get<store::LeaseBusy>(busy.error()).holder.host, "elsewhere.example.com");
  EXPECT_TRUE(db->lease_takeovers(k_name)->empty());
}

TEST_F(StoreLease, AHolderThatLostItsLeaseIsToldWhoTookIt) {
  auto db = open();
  ManualClock clock;
  clock.ms = k_t0 * 1000;
  auto held =
      store::HeldLease::acquire(*db, opener(), k_name, store::this_process("run-a"), {}, clock, {});
  ASSERT_TRUE(held.has_value());
  ASSERT_TRUE((*held)->confirm().has_value());
  auto other = open();
  ASSERT_TRUE(
      other->try_acquire_lease(k_name, claim("b", "host-b", 202), k_t0 + k_ttl, k_ttl)->acquired);
  auto lost = (*held)->confirm();
  ASSERT_FALSE(lost.has_value());
  EXPECT_NE(lost.error().message.find("no longer holds the delivery lease"), std::string::npos);
  EXPECT_NE(lost.error().message.find("pid 202 on host-b (run run-b) took it over"),
            std::string::npos)
      << lost.error().message;
  held->reset();
  EXPECT_EQ((*other->lease_holder(k_name))->owner, "b")
      << "releasing a lost lease leaves the new holder's";
}

TEST_F(StoreLease, ProcessesRacingForAFreeLeaseGetItOnceEach) {
  open();  // create the schema before the race
  for (int round = 0; round < 20; ++round) {
    std::atomic<int> won{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 4; ++i) {
      racers.emplace_back([&, i] {
        auto db = store::open_sqlite_store(path_);
        ASSERT_TRUE(db.has_value());
        auto r =
            (*db)->try_acquire_lease(k_name, claim(fmt::format("r{}-{}", round, i), "h", 100 + i),
                                     k_t0 + round * 1000, k_ttl);
        ASSERT_TRUE(r.has_value()) << r.error().message;
        won += r->acquired ? 1 : 0;
      });
    }
    for (auto& t : racers) t.join();
    EXPECT_EQ(won.load(), 1) << "round " << round;
  }
}

// Two runs started together on a new portfolio both create its store. The
// switch into WAL is where SQLite answered "database is locked" without
// waiting (one round in a few dozen), so the race is run many times, each
// round on a new file, by processes released together from a pipe.
TEST_F(StoreLease, ProcessesMayCreateTheSameNewStoreAtOnce) {
  constexpr int k_rounds = 60;
  constexpr int k_openers = 3;
  for (int round = 0; round < k_rounds; ++round) {
    const fs::path path = dir_ / fmt::format("round-{}.db", round);
    int gate[2];
    ASSERT_EQ(::pipe(gate), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < k_openers; ++i) {
      const pid_t child = ::fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        ::close(gate[1]);
        char byte = 0;
        (void)!::read(gate[0], &byte, 1);  // returns when the parent closes the gate
        auto db = store::open_sqlite_store(path);
        if (!db) std::fprintf(stderr, "round %d: %s\n", round, db.error().message.c_str());
        ::_exit(db ? 0 : 1);
      }
      children.push_back(child);
    }
    ::close(gate[0]);
    ::close(gate[1]);
    int failed = 0;
    for (const pid_t child : children) {
      int status = 0;
      ::waitpid(child, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
    ASSERT_EQ(failed, 0) << "round " << round << ": an opener could not create or open the new store";
  }
}

TEST_F(StoreLease, AStoreDeletedOrReplacedWhileOpenRefusesEveryWrite) {
  auto db = open();
  ASSERT_TRUE(
      db->begin_run({"r1", "P", "2026-11-16", "2026-11-16T00:00:00Z", "", "running"}).has_value());
  fs::remove(path_);
  auto after = db->finish_run("r1", "done", "2026-11-16T00:01:00Z");
  ASSERT_FALSE(after.has_value());
  EXPECT_NE(after.error().message.find("the store was deleted while this process was using it"),
            std::string::npos)
      << after.error().message;
  EXPECT_FALSE(db->renew_lease(k_name, "a", "", k_t0, k_ttl).has_value());

  fs::remove_all(dir_);
  fs::create_directories(dir_);
  auto replaced = open();
  ASSERT_TRUE(replaced->begin_run({"r2", "P", "2026-11-16", "2026-11-16T00:00:00Z", "", "running"})
                  .has_value());
  fs::copy_file(path_, dir_ / "copy.db");
  fs::rename(dir_ / "copy.db", path_);
  auto written = replaced->finish_run("r2", "done", "2026-11-16T00:01:00Z");
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().message.find("the store was replaced by another file"),
            std::string::npos)
      << written.error().message;
}

}  // namespace
}  // namespace quarterdeck
