// Secret-scan rules as data. The built-in set (rules/secrets.toml, compiled
// into the binary) can be extended by a portfolio's own rules file; a rule
// with the id of a built-in one replaces it. See docs/scan.md for the format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/portfolio.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::scan {

// Extra checks on the extracted secret, beyond its pattern.
enum class Check {
  none,
  pem,      // a private key block: a base64 body and an END line must follow
  jwt,      // a signed JWS or a JWE whose header decodes to JSON with "alg" (scan/tokens.hpp)
  generic,  // an assigned value: not a reference or placeholder, mixed characters
  jwt_base64,    // base64 that decodes to a usable JWT
  basic_auth,    // base64 that decodes to user:password with a plausible password
  url_password,  // the password of user:password (URL, curl -u): a literal, not the user again
  header_token,  // an Authorization or API-key header's token: a literal of mixed characters
};

struct ContentRule {
  std::string id;
  std::string family;
  Severity severity = Severity::high;
  std::string description;
  std::string regex;      // one pattern, valid for both Hyperscan and RE2
  // Optional: what Hyperscan looks for instead of `regex` (a literal prefix,
  // say), when `regex`'s long repeats make the database slow to compile. Every
  // match of `regex` must contain a match of it ending on the same line; RE2
  // still runs `regex` on the candidate line, so findings do not change.
  std::string prefilter;
  int secret_group = 0;   // capture group holding the secret (0: the whole match)
  int keep = 4;           // characters of the secret shown in the redaction (-1: all)
  double min_entropy = 0;  // Shannon bits per character the secret must reach
  int min_length = 0;
  std::vector<std::string> stop_words;  // a secret containing one (any case) is not reported
  Check check = Check::none;
  // Lines a match may span: 2 when the value is on the line after its key
  // (`<key>apiToken</key>` then `<string>…</string>`). The finding is at the
  // secret's line.
  int lines = 1;
  // The rule's own tests: text it must report (each example yields a finding
  // of this rule) and look-alikes no rule may report. Checked for the
  // built-in rules by tests/unit/scan_rules_test.cpp.
  std::vector<std::string> examples;
  std::vector<std::string> false_examples;
  SourcePosition where;
};

// A file whose presence is itself the finding (committed .env, key files).
struct FileRule {
  std::string id;
  std::string family;
  Severity severity = Severity::high;
  std::string description;
  std::vector<std::string> names;   // globs on the file name
  std::vector<std::string> except;  // globs on the file name that are fine
  // PEM block labels that hold nothing secret ("CERTIFICATE", "PUBLIC KEY"):
  // a text file whose PEM blocks all carry one of them is not a finding.
  // A file with no PEM block, or one other block, still is.
  std::vector<std::string> public_pem_labels;
  SourcePosition where;
};

struct RuleSet {
  std::vector<ContentRule> content;
  std::vector<FileRule> files;
  std::vector<std::string> skip_directories;  // directory names never entered
  std::vector<std::string> skip_files;        // generated files (globs on the name)
  std::vector<std::string> ignore_paths;      // globs on the path inside the scan root
  std::int64_t max_file_bytes = 8 * 1024 * 1024;
};

// Whether a rules file's regexes are compiled as it is read, so that a bad
// pattern is reported with its position (`compile`), or taken as good
// (`trusted`): the built-in file's are compiled when the program is built
// (src/tools/rules_database.cpp), and a scan would otherwise spend a third
// of its start-up compiling them again before the matcher needs them.
enum class PatternCheck { compile, trusted };

// The rules shipped with the binary.
std::string_view builtin_rules_text();
RuleSet builtin_rules(PatternCheck check = PatternCheck::trusted);

// Reads a rules file (`file` names it in diagnostics) and merges it into
// `into`: rules with a known id replace it, new ids are appended, skip and
// ignore lists are extended, limits replaced. Regexes are compiled with RE2
// here so a bad pattern is reported with its position.
void load_rules(std::string_view text, const std::string& file, RuleSet& into, Diagnostics& diagnostics,
                PatternCheck check = PatternCheck::compile);

}  // namespace quarterdeck::scan
