// The repository security scan: secrets and exposed files in a work tree
// or plain directory, and with `history` in every blob of its git history.
//
// Paths in findings are the root as the caller names it followed by the
// path inside it; fingerprints use only the path inside the root, so a
// baseline does not depend on where the repository is checked out.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/repo_scan.hpp"
#include "scan/rules.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::scan {

struct ScanOptions {
  bool history = false;             // also every blob in git history
  std::vector<std::string> ignore;  // extra globs on paths inside the root
};

struct ScanResult {
  std::vector<SecretFinding> findings;
  std::vector<SkippedFile> skipped;
  std::vector<std::string> paths;  // every file scanned in the tree, relative to its root
  std::int64_t files = 0;
  std::int64_t bytes = 0;
  std::int64_t blobs = 0;  // history blobs scanned
  int suppressed_inline = 0;
  int suppressed_baseline = 0;
  std::vector<std::string> notes;  // e.g. "not a git repository; history not scanned"
};

class Scanner {
 public:
  static std::expected<Scanner, Error> create(const RuleSet& rules);
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;
  ~Scanner();

  // Scans `root` (a directory or one file), naming it `display` in paths.
  // Findings are appended to `into` in path, line order for this root.
  std::expected<void, Error> scan(const std::filesystem::path& root, const std::string& display,
                                  const ScanOptions& options, ScanResult& into);

  // Threads for the files of a tree (default: the machine's cores, at most 8).
  void set_jobs(unsigned jobs);

  // Scans one buffer as if it were the file `path` (for tests and fuzzing).
  void scan_text(std::string_view text, const std::string& path, ScanResult& into);

 private:
  struct Impl;
  explicit Scanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Baseline files: the fingerprints of findings already known. Only new
// findings count after apply_baseline.
std::expected<std::set<std::string>, Error> parse_baseline(std::string_view text, const std::string& file);
std::string baseline_json(const std::vector<SecretFinding>& findings);
void apply_baseline(ScanResult& result, const std::set<std::string>& baseline);

}  // namespace quarterdeck::scan
