// Every built-in rule carries its own tests in rules/secrets.toml: the
// `examples` it must report and the `false_examples` (look-alikes,
// placeholders, references) that no rule may report. An example is the text
// of a file; when its first line is `file: NAME`, the rest is scanned as a
// file of that name (a Dockerfile, a .properties file), else as example.txt.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "scan_test_support.hpp"

namespace quarterdeck::scan {
namespace {

struct Sample {
  std::string path = "example.txt";
  std::string text;
};

Sample sample_of(std::string_view example) {
  Sample s;
  if (example.starts_with("file: ")) {
    const auto newline = example.find('\n');
    s.path = std::string(example.substr(6, newline == std::string_view::npos ? std::string_view::npos : newline - 6));
    example = newline == std::string_view::npos ? std::string_view() : example.substr(newline + 1);
  }
  s.text = std::string(example);
  if (!s.text.ends_with('\n')) s.text += '\n';
  return s;
}

std::string describe(const std::vector<SecretFinding>& findings) {
  const std::string found = rules_of(findings);
  return found.empty() ? "nothing" : found;
}

TEST(ScanRules, EveryRuleReportsItsExamplesAndNoRuleItsFalseExamples) {
  const RuleSet rules = builtin_rules();
  auto scanner = Scanner::create(rules);
  ASSERT_TRUE(scanner.has_value());
  for (const auto& rule : rules.content) {
    for (const auto& example : rule.examples) {
      const Sample s = sample_of(example);
      ScanResult r;
      scanner->scan_text(s.text, s.path, r);
      const bool found = std::ranges::any_of(r.findings, [&](const SecretFinding& f) { return f.rule == rule.id; });
      EXPECT_TRUE(found) << "rule `" << rule.id << "` misses its example (found " << describe(r.findings)
                         << "):\n" << s.text;
    }
    for (const auto& example : rule.false_examples) {
      const Sample s = sample_of(example);
      ScanResult r;
      scanner->scan_text(s.text, s.path, r);
      const auto content = std::ranges::count_if(r.findings, [](const SecretFinding& f) { return f.line > 0; });
      EXPECT_EQ(content, 0) << "a false example of `" << rule.id << "` is reported as " << describe(r.findings)
                            << ":\n" << s.text;
    }
  }
}

}  // namespace
}  // namespace quarterdeck::scan
