#include "util/text_input.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

TEST(TextInput, AByteOrderMarkIsSkipped) {
  Diagnostics d;
  const auto text = checked_text("\xEF\xBB\xBF" "entity,id\n", "data/bookings.csv", d);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, "entity,id\n");
  EXPECT_TRUE(d.empty());
}

TEST(TextInput, OnlyALeadingMarkIsSkipped) {
  Diagnostics d;
  const auto text = checked_text("a,\xEF\xBB\xBF" "b\n", "x.csv", d);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, "a,\xEF\xBB\xBF" "b\n");
}

TEST(TextInput, Latin1IsLocatedAfterTheMark) {
  Diagnostics d;
  EXPECT_FALSE(checked_text("\xEF\xBB\xBF" "entity,customer\njada,Ren\xE9" "e\n", "data/bookings.csv", d));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].to_string(),
            "data/bookings.csv:2:9: not UTF-8: expected UTF-8 text (save the file as UTF-8), found byte 0xE9");
}

class TextFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("qd-text-input-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

TEST_F(TextFiles, ARegularFileIsReadWithoutItsMark) {
  std::ofstream(dir / "n.md", std::ios::binary) << "\xEF\xBB\xBF" "entity: jada\n";
  Diagnostics d;
  const auto text = read_text_input(dir / "n.md", "notes/n.md", d);
  ASSERT_TRUE(text.has_value()) << all(d);
  EXPECT_EQ(*text, "entity: jada\n");
}

TEST_F(TextFiles, DevicesPipesAndFoldersAreRefusedByName) {
  fs::create_symlink("/dev/zero", dir / "zero.csv");
  ASSERT_EQ(::mkfifo((dir / "pipe.csv").c_str(), 0600), 0);
  fs::create_directory(dir / "folder.csv");
  for (const char* name : {"zero.csv", "pipe.csv", "folder.csv"}) {
    Diagnostics d;
    EXPECT_FALSE(read_text_input(dir / name, std::string("data/") + name, d));
    ASSERT_EQ(d.size(), 1u) << name;
    EXPECT_EQ(d[0].to_string(), std::string("data/") + name +
                                    ": cannot read file: expected a regular file of at most 1 GiB, found not a "
                                    "regular file (a folder, device or pipe); only regular files are read");
  }
}

TEST_F(TextFiles, AMissingFileIsNamedAsWritten) {
  Diagnostics d;
  EXPECT_FALSE(read_text_input(dir / "gone.csv", "data/gone.csv", d));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].to_string(), "data/gone.csv: cannot read file: expected a regular file of at most 1 GiB, found "
                              "no such file or directory");
}

}  // namespace
}  // namespace quarterdeck
