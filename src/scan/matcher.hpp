// The compiled form of a RuleSet's content rules: one Hyperscan database
// that finds every rule's candidates in a single pass, and one RE2 per rule
// that extracts and checks the secret on the candidate's line.
//
// A Matcher is immutable once built and may be shared; each thread scans
// through its own Matcher::Session (Hyperscan scratch space).
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/repo_scan.hpp"
#include "scan/rules.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::scan {

class Matcher {
 public:
  static std::expected<std::shared_ptr<const Matcher>, Error> build(const RuleSet& rules);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  class Session {
   public:
    explicit Session(std::shared_ptr<const Matcher> matcher);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Appends the secrets in `text` to `out`, their path set to `path`.
    // Lines holding `quarterdeck:allow` are skipped; `suppressed` counts them.
    // Returns false when the text had so many candidates that the scan
    // stopped early (what came before is reported).
    bool scan(std::string_view text, const std::string& path, std::vector<SecretFinding>& out, int& suppressed);

   private:
    struct State;
    std::unique_ptr<State> state_;
  };

  const RuleSet& rules() const { return rules_; }

  // The Hyperscan database in serialized form, behind the key of the rules
  // it was compiled from (see `database_key`). The build stores the
  // built-in rules' database this way (src/tools/rules_database.cpp), so a
  // scan does not spend its first 100 ms or more compiling them.
  std::expected<std::string, Error> serialized() const;
  // True when the database was loaded precompiled rather than compiled.
  bool precompiled() const;

 private:
  struct Compiled;
  Matcher(const RuleSet& rules, std::unique_ptr<Compiled> compiled);
  RuleSet rules_;
  std::unique_ptr<Compiled> compiled_;
};

// The key of the patterns a database is compiled from: rules whose regexes
// are the same, in the same order, share a database.
std::string database_key(const RuleSet& rules);

// Hands Matcher::build a precompiled database (key, newline, serialized
// Hyperscan database). It is used for rules with that key when the CPU and
// Hyperscan version accept it, else the rules are compiled as usual. The
// executable's generated rules_database.cpp registers the built-in rules'
// database this way before main.
void register_precompiled_database(std::string_view blob);

// Shannon entropy of `s` in bits per byte.
double shannon_entropy(std::string_view s);

// "sk_live_… (32 chars)": the first `keep` bytes (at most a quarter of the secret
// unless the rule shows a fixed prefix), an ellipsis and the length.
std::string redact(std::string_view secret, int keep);

// The baseline key of a finding: rule, path and the trimmed line content
// (fingerprint_of takes the line's SHA-256 already computed).
std::string fingerprint(std::string_view rule, std::string_view path, std::string_view line);
std::string fingerprint_of(std::string_view rule, std::string_view path, std::string_view line_hash);

}  // namespace quarterdeck::scan
