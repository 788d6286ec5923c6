// The built-in rules' Hyperscan database is compiled at build time
// (src/tools/rules_database.cpp) and loaded by the matcher; any other rule
// set is compiled at run time, and both find the same secrets.
#include <gtest/gtest.h>

#include "scan/matcher.hpp"
#include "scan/rules.hpp"
#include "scan/scanner.hpp"

namespace quarterdeck::scan {
namespace {

std::string rules_of(const RuleSet& rules, std::string_view text) {
  auto matcher = Matcher::build(rules);
  EXPECT_TRUE(matcher.has_value());
  Matcher::Session session(*matcher);
  std::vector<SecretFinding> found;
  int suppressed = 0;
  session.scan(text, "app.py", found, suppressed);
  std::string out;
  for (const auto& f : found) out += f.rule + ":" + std::to_string(f.line) + " ";
  return out;
}

TEST(ScanDatabase, TheBuiltinRulesLoadPrecompiledAndOthersCompile) {
  const RuleSet builtin = builtin_rules();
  auto matcher = Matcher::build(builtin);
  ASSERT_TRUE(matcher.has_value());
  EXPECT_TRUE((*matcher)->precompiled());

  RuleSet more = builtin;
  Diagnostics diagnostics;
  load_rules("[[rule]]\nid = \"acme\"\nfamily = \"acme\"\nregex = '''\\b(acme_[0-9a-f]{24})\\b'''\nsecret_group = 1\n",
             "acme.toml", more, diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  auto compiled = Matcher::build(more);
  ASSERT_TRUE(compiled.has_value());
  EXPECT_FALSE((*compiled)->precompiled());

  // Same findings either way; the extra rule only adds its own.
  const std::string text = std::string("key = \"") + "AKIA" + "Q7RZ3M4N5P6T2VWX\"\nref = \"acme_" +
                           "9f3b2c7d1e8a4f6b0c5d2e9a\"\n";
  EXPECT_EQ(rules_of(builtin, text), "aws-access-key-id:1 ");
  EXPECT_EQ(rules_of(more, text), "aws-access-key-id:1 acme:2 ");
}

TEST(ScanDatabase, AKeyThatDoesNotMatchOrABrokenBlobFallsBackToCompiling) {
  const RuleSet builtin = builtin_rules();
  auto matcher = Matcher::build(builtin);
  ASSERT_TRUE(matcher.has_value());
  const auto blob = (*matcher)->serialized();
  ASSERT_TRUE(blob.has_value());
  EXPECT_EQ(blob->substr(0, blob->find('\n')), database_key(builtin));

  // A database cut short is refused by Hyperscan: the rules are compiled.
  static const std::string broken = blob->substr(0, blob->size() / 2);
  register_precompiled_database(broken);
  auto fallback = Matcher::build(builtin);
  ASSERT_TRUE(fallback.has_value());
  EXPECT_FALSE((*fallback)->precompiled());
  // The serialized form loads back (kept for the rest of the process, as
  // the generated database is: later tests build matchers too).
  static const std::string kept = *blob;
  register_precompiled_database(kept);
  auto again = Matcher::build(builtin);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE((*again)->precompiled());
}

}  // namespace
}  // namespace quarterdeck::scan
