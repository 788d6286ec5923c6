// The outbox never overwrites a message: a second send of the same key is a
// second file, and a file already in new/ or cur/ keeps its bytes.
#include "deliver/outbox.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Outbox : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("qd-outbox-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  deliver::Envelope envelope(const std::string& key) const {
    deliver::Envelope e;
    e.from = "reports@example.com";
    e.to = {"owner@example.com"};
    e.idempotency_key = key;
    return e;
  }
  std::vector<std::string> files(const char* sub) const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir_ / sub))
      out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(Outbox, ASecondSendOfTheSameMessageIsASecondFileNotAnOverwrite) {
  deliver::OutboxTransport outbox(dir_);
  auto first = outbox.send(envelope("k1"), "first copy\r\n");
  ASSERT_TRUE(first.has_value()) << first.error().reason;
  EXPECT_EQ(first->provider_message_id, "k1.quarterdeck");
  auto second = outbox.send(envelope("k1"), "second copy\r\n");
  ASSERT_TRUE(second.has_value()) << second.error().reason;
  EXPECT_EQ(second->provider_message_id, "k1.2.quarterdeck");
  EXPECT_EQ(files("new"), (std::vector<std::string>{"k1.2.quarterdeck", "k1.quarterdeck"}));
  EXPECT_EQ(read(dir_ / "new" / "k1.quarterdeck"), "first copy\r\n");
  EXPECT_EQ(read(dir_ / "new" / "k1.2.quarterdeck"), "second copy\r\n");
  EXPECT_TRUE(files("tmp").empty()) << "nothing is left half written";
}

TEST_F(Outbox, AMessageAReaderMovedToCurKeepsItsName) {
  deliver::OutboxTransport outbox(dir_);
  ASSERT_TRUE(outbox.send(envelope("k2"), "first\r\n").has_value());
  fs::rename(dir_ / "new" / "k2.quarterdeck", dir_ / "cur" / "k2.quarterdeck:2,S");
  auto again = outbox.send(envelope("k2"), "again\r\n");
  ASSERT_TRUE(again.has_value()) << again.error().reason;
  EXPECT_EQ(again->provider_message_id, "k2.2.quarterdeck");
  EXPECT_EQ(read(dir_ / "cur" / "k2.quarterdeck:2,S"), "first\r\n");
}

TEST_F(Outbox, AFileAlreadyInNewIsNeverReplaced) {
  fs::create_directories(dir_ / "new");
  { std::ofstream(dir_ / "new" / "k3.quarterdeck") << "written by someone else"; }
  deliver::OutboxTransport outbox(dir_);
  auto sent = outbox.send(envelope("k3"), "ours\r\n");
  ASSERT_TRUE(sent.has_value()) << sent.error().reason;
  EXPECT_EQ(sent->provider_message_id, "k3.2.quarterdeck");
  EXPECT_EQ(read(dir_ / "new" / "k3.quarterdeck"), "written by someone else");
  EXPECT_EQ(read(dir_ / "new" / "k3.2.quarterdeck"), "ours\r\n");
}

}  // namespace
}  // namespace quarterdeck
