// Test sends (`run --to ADDRESS`): a key of their own, and the store keeps
// them apart from the real delivery.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "deliver/plan.hpp"
#include "store/store.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

TEST(TestSendKey, IsNeverTheRealKeyAndIsStable) {
  const std::string real = std::string(64, 'a');
  const std::string test = deliver::test_idempotency_key(real, "tester@example.com");
  EXPECT_EQ(test.size(), 64u);
  EXPECT_NE(test, real);
  EXPECT_EQ(test, deliver::test_idempotency_key(real, "tester@example.com"));
  // The same mailbox however it is written: the same test.
  EXPECT_EQ(test, deliver::test_idempotency_key(real, "Tester@Example.COM"));
  EXPECT_NE(test, deliver::test_idempotency_key(real, "other@example.com"));
  EXPECT_NE(test, deliver::test_idempotency_key(std::string(64, 'b'), "tester@example.com"));
}

class TestSendStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("qd-test-send-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static store::DeliveryRecord delivery(const std::string& run, const std::string& key, bool test) {
    store::DeliveryRecord d;
    d.run_id = run;
    d.report_id = "cfo";
    d.idempotency_key = key;
    d.to = {test ? "tester@example.com" : "cfo@example.com"};
    d.status = "planned";
    d.message_id = "<qd." + key + "@example.com>";
    d.updated_at = "2026-11-16T07:00:00Z";
    d.mime = "Subject: x\r\n\r\nx\r\n";
    d.test = test;
    return d;
  }

  fs::path dir_;
};

TEST_F(TestSendStore, ATestRunAndItsDeliveriesReadBackAsTests) {
  auto opened = store::open_sqlite_store(dir_ / "state.db");
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  store::Store& db = **opened;
  ASSERT_TRUE(
      db.begin_run({"real", "P", "2026-11-16", "2026-11-16T07:00:00Z", "", "running"}).has_value());
  ASSERT_TRUE(db.begin_run({"test", "P", "2026-11-16", "2026-11-16T06:00:00Z", "", "running",
                            "tester@example.com"})
                  .has_value());
  ASSERT_TRUE(db.save_delivery(delivery("test", "k-test", true)).has_value());
  ASSERT_TRUE(db.save_delivery(delivery("real", "k-real", false)).has_value());

  auto test_run = db.find_run("test");
  ASSERT_TRUE(test_run.has_value() && test_run->has_value());
  EXPECT_EQ((*test_run)->test_to, "tester@example.com");
  auto real_run = db.find_run("real");
  ASSERT_TRUE(real_run.has_value() && real_run->has_value());
  EXPECT_EQ((*real_run)->test_to, "");

  // A state change (as the engine saves it) keeps the mark.
  auto found = db.find_delivery("k-test");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_TRUE((*found)->test);
  store::DeliveryRecord sending = **found;
  sending.status = "sent";
  ASSERT_TRUE(db.save_delivery(sending).has_value());

  auto of_run = db.run_deliveries("test");
  ASSERT_TRUE(of_run.has_value());
  ASSERT_EQ(of_run->size(), 1u);
  EXPECT_TRUE(of_run->front().test);
  EXPECT_EQ(of_run->front().status, "sent");
  auto all = db.deliveries();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).idempotency_key, "k-test");
  EXPECT_TRUE(all->at(0).test);
  EXPECT_EQ(all->at(1).idempotency_key, "k-real");
  EXPECT_FALSE(all->at(1).test);
}

}  // namespace
}  // namespace quarterdeck
