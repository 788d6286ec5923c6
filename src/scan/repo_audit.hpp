// The development-cycle audit of one repository: whether it has CI, tests,
// deploy scripts, a staging environment and a rollback procedure (each
// with the file and line that shows it), its commits, contributors and the
// files changed most, and the secrets the scanner finds in its tree and
// history.
#pragma once

#include <filesystem>
#include <string>

#include "model/repo_scan.hpp"
#include "scan/scanner.hpp"

namespace quarterdeck::scan {

struct AuditOptions {
  std::size_t max_commits = 10000;  // history read for velocity and hot files
  std::size_t hot_files = 5;
  bool history = true;  // scan every blob in history for secrets
  std::vector<std::string> ignore;
};

// `root` is where the repository is on disk; `declared` is how the
// portfolio names it (and how findings name its files).
RepoAudit audit_repository(Scanner& scanner, const std::filesystem::path& root, const std::string& declared,
                           const std::string& entity, const AuditOptions& options);

}  // namespace quarterdeck::scan
