#include <gtest/gtest.h>

#include "config/environment.hpp"

namespace quarterdeck {
namespace {

TEST(Dotenv, KeyValueExportQuotesComments) {
  Diagnostics diags;
  const MapEnvironment env = parse_dotenv(
      "# a comment\n"
      "\n"
      "PLAIN=value\n"
      "export EXPORTED=yes\n"
      "DOUBLE=\"two words\"\n"
      "SINGLE='it has # and = in it'\n"
      "TRAILING=value # a comment after\n"
      "HASH_INSIDE=abc#def\n"
      "  SPACED  =  padded  \n"
      "EMPTY=\n"
      "URL=smtp://host:587/?a=b\n"
      "WINDOWS=crlf\r\n"
      "    # an indented comment\n",
      "repos.env", diags);
  EXPECT_TRUE(diags.empty()) << diags.front().to_string();
  EXPECT_EQ(env.get("PLAIN"), "value");
  EXPECT_EQ(env.get("EXPORTED"), "yes");
  EXPECT_EQ(env.get("export EXPORTED"), std::nullopt);
  EXPECT_EQ(env.get("DOUBLE"), "two words");
  EXPECT_EQ(env.get("SINGLE"), "it has # and = in it");
  EXPECT_EQ(env.get("TRAILING"), "value");
  EXPECT_EQ(env.get("HASH_INSIDE"), "abc#def");
  EXPECT_EQ(env.get("SPACED"), "padded");
  EXPECT_EQ(env.get("EMPTY"), "");
  EXPECT_EQ(env.get("URL"), "smtp://host:587/?a=b");
  EXPECT_EQ(env.get("WINDOWS"), "crlf");
  EXPECT_EQ(env.get("UNSET"), std::nullopt);
}

TEST(Dotenv, MalformedLinesAreReportedWithLineNumbers) {
  Diagnostics diags;
  const MapEnvironment env = parse_dotenv(
      "GOOD=1\n"
      "no equals sign here\n"
      "# fine\n"
      "  BAD-NAME=2\n"
      "=3\n"
      "AFTER=4\n",
      "repos.env", diags);
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0].to_string(),
            "repos.env:2:1: malformed line: expected NAME=value, found no '='");
  EXPECT_EQ(diags[1].to_string(),
            "repos.env:4:3: malformed line: expected NAME=value, found an invalid variable name");
  EXPECT_EQ(diags[2].where.line, 5);
  EXPECT_EQ(diags[2].found, "an invalid variable name");
  // The good lines around them are still read.
  EXPECT_EQ(env.get("GOOD"), "1");
  EXPECT_EQ(env.get("AFTER"), "4");
}

TEST(Dotenv, DiagnosticsNeverContainTheValue) {
  Diagnostics diags;
  parse_dotenv("SECRET-KEY=hunter2\n", "repos.env", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string().find("hunter2"), std::string::npos);
}

TEST(LayeredEnvironmentTest, PrimaryWinsThenFallback) {
  const MapEnvironment process(std::map<std::string, std::string>{{"A", "from-process"}, {"B", "process-only"}});
  const MapEnvironment dotenv(std::map<std::string, std::string>{{"A", "from-dotenv"}, {"C", "dotenv-only"}});
  const LayeredEnvironment env(process, dotenv);
  EXPECT_EQ(env.get("A"), "from-process");
  EXPECT_EQ(env.get("B"), "process-only");
  EXPECT_EQ(env.get("C"), "dotenv-only");
  EXPECT_EQ(env.get("D"), std::nullopt);
}

TEST(MapEnvironmentTest, SetOverwrites) {
  MapEnvironment env;
  EXPECT_EQ(env.get("X"), std::nullopt);
  env.set("X", "1");
  env.set("X", "2");
  EXPECT_EQ(env.get("X"), "2");
}

}  // namespace
}  // namespace quarterdeck
