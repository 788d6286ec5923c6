// The injected clock (FileClock: an instant in a file, plus the real time
// since the file was written) and the store's event log (appended once per
// id, read in order).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/store.hpp"
#include "util/clock.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const char* what) {
  const fs::path dir = fs::temp_directory_path() /
                       fmt::format("qd-{}-{}-{}", what, ::getpid(),
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ParseUtc, ReadsRfc3339UtcAndUnixSeconds) {
  EXPECT_EQ(parse_utc("2026-11-16T15:00:00Z"), 1'794'841'200);
  EXPECT_EQ(parse_utc("1794841200"), 1'794'841'200);
  EXPECT_EQ(parse_utc("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(format_utc(*parse_utc("2028-02-29T23:59:59Z")), "2028-02-29T23:59:59Z");
}

TEST(ParseUtc, RefusesWhatIsNotAnInstant) {
  EXPECT_EQ(parse_utc(""), std::nullopt);
  EXPECT_EQ(parse_utc("2026-11-16 15:00:00"), std::nullopt);   // no T, no Z
  EXPECT_EQ(parse_utc("2026-11-16T15:00:00+01:00"), std::nullopt);  // UTC only
  EXPECT_EQ(parse_utc("2026-02-30T00:00:00Z"), std::nullopt);  // no such day
  EXPECT_EQ(parse_utc("2026-11-16T24:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_utc("12x"), std::nullopt);
}

TEST(FileClock, StartsAtTheFilesInstantAndFollowsRewrites) {
  const fs::path dir = temp_dir("clock");
  const fs::path file = dir / "now";
  write(file, "2026-11-16T15:00:00Z\n");
  auto clock = FileClock::open(file);
  ASSERT_TRUE(clock.has_value()) << clock.error();
  const std::int64_t t0 = 1'794'841'200;
  // The instant, plus the little real time since the file was written.
  EXPECT_GE((*clock)->now_unix(), t0);
  EXPECT_LE((*clock)->now_unix(), t0 + 60);
  write(file, "1794927600");  // a day later
  EXPECT_GE((*clock)->now_unix(), t0 + 86'400);
  EXPECT_LE((*clock)->now_unix(), t0 + 86'400 + 60);
  // A file being rewritten (empty for a moment) leaves the last time read.
  write(file, "");
  EXPECT_GE((*clock)->now_unix(), t0 + 86'400);
  fs::remove_all(dir);
}

TEST(FileClock, RefusesAFileWithoutAnInstant) {
  const fs::path dir = temp_dir("clock");
  write(dir / "now", "next Monday");
  const auto clock = FileClock::open(dir / "now");
  ASSERT_FALSE(clock.has_value());
  EXPECT_NE(clock.error().find("expected an instant, 2026-11-16T15:00:00Z or Unix seconds"), std::string::npos)
      << clock.error();
  EXPECT_FALSE(FileClock::open(dir / "missing").has_value());
  fs::remove_all(dir);
}

TEST(StoreEvents, AppendsEachIdOnceAndReadsThemInOrder) {
  const fs::path dir = temp_dir("events");
  auto opened = store::open_sqlite_store(dir / "state.db");
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  store::Store& db = **opened;
  const store::Event first{0, "evt_1", "task.created", "Harbor", 100, R"({"task":"t1"})"};
  const store::Event second{0, "evt_2", "run.completed", "Harbor", 101, R"({"run":"r1"})"};
  EXPECT_EQ(db.append_event(first), true);
  EXPECT_EQ(db.append_event(second), true);
  EXPECT_EQ(db.append_event(first), false);  // the same event again: nothing changes
  auto all = db.events_after(0, 10);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "evt_1");
  EXPECT_EQ((*all)[0].type, "task.created");
  EXPECT_EQ((*all)[0].payload, R"({"task":"t1"})");
  EXPECT_EQ((*all)[0].created_at, 100);
  EXPECT_EQ((*all)[1].id, "evt_2");
  auto later = db.events_after((*all)[0].seq, 10);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].id, "evt_2");
  auto one = db.events_after(0, 1);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
  fs::remove_all(dir);
}

TEST(StoreEvents, IdsAreStableAndDifferByTypeAndKey) {
  EXPECT_EQ(store::event_id("task.created", "t1"), store::event_id("task.created", "t1"));
  EXPECT_NE(store::event_id("task.created", "t1"), store::event_id("task.resolved", "t1"));
  EXPECT_NE(store::event_id("task.created", "t1"), store::event_id("task.created", "t2"));
  EXPECT_EQ(store::event_id("run.completed", "r").size(), 36u);
  EXPECT_EQ(store::event_id("run.completed", "r").substr(0, 4), "evt_");
}

}  // namespace
}  // namespace quarterdeck
