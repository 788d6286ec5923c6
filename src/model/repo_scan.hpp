// What the repository scan found: secrets and exposed files (with a redacted
// value, never the secret itself), and the facts of a repository's
// development cycle. Plain values, filled by scan/ and read by analyze/ and
// render/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/portfolio.hpp"
#include "util/date.hpp"

namespace quarterdeck {

struct SecretFinding {
  std::string rule;      // e.g. "stripe-live-secret-key"
  std::string family;    // e.g. "stripe"
  Severity severity = Severity::high;
  std::string description;  // what the rule detects, e.g. "Stripe live secret key"
  std::string path;      // as scanned: the scan root as given, then the path inside it
  int line = 0;          // 1-based; 0 for a finding about a whole file
  int column = 0;        // 1-based column of the secret's first byte
  std::string redacted;  // a recognisable prefix and the length, never the whole secret
  std::string fingerprint;  // hash of rule, path and the line's content (baseline key)
  std::string commit;    // the first commit that holds it; empty when not from history
  bool in_tree = true;   // false: only in history (deleted, but still readable)
};

struct SkippedFile {
  std::string path;
  std::string reason;  // binary, too-large, vendored, generated, ignored, unreadable
};

// A fact about a repository, with where it was seen ("deploy.sh:12");
// `found` false means it was looked for and not found.
struct RepoSignal {
  bool found = false;
  std::string evidence;
};

struct RepoCommit {
  std::string id;  // full hex id
  Date date;       // author date, UTC
  std::string author;
};

struct ChangeCount {
  std::string path;
  int commits = 0;
};

struct Contributor {
  std::string name;
  int commits = 0;
  Date last;
};

struct RepoAudit {
  std::string declared;  // as written in [stack] repos, e.g. "repos/jada-site"
  std::string entity;
  bool exists = false;
  bool is_git = false;
  std::string problem;  // why it could not be read, when it could not
  RepoSignal ci, tests, deploy, staging, rollback;
  std::vector<SecretFinding> secrets;
  std::vector<SkippedFile> skipped;
  std::vector<RepoCommit> commits;        // newest first
  std::vector<ChangeCount> hot_files;     // most changed first
  std::vector<Contributor> contributors;  // most commits first
};

// What an optional probe of a declared endpoint saw.
struct EndpointProbe {
  std::string entity;
  std::string url;
  std::optional<int> http_status;  // nullopt: no answer
  std::string error;               // why there was no answer
  bool answers_without_credentials() const {
    return http_status && *http_status >= 200 && *http_status < 300;
  }
};

}  // namespace quarterdeck
