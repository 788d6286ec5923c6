#include "scan/scanner.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "ingest/git_repo.hpp"
#include "scan/matcher.hpp"
#include "scan/tree_walk.hpp"

namespace quarterdeck::scan {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_binary_probe = 8000;  // the first bytes looked at for a NUL, as git does

bool glob_match(const std::string& pattern, const std::string& s) {
  return fnmatch(pattern.c_str(), s.c_str(), 0) == 0;
}

bool any_glob(const std::vector<std::string>& patterns, const std::string& s) {
  return std::ranges::any_of(patterns, [&](const std::string& p) { return glob_match(p, s); });
}

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string display_path(const std::string& display, const std::string& rel) {
  if (display.empty() || display == ".") return rel;
  if (rel.empty()) return display;
  return display.back() == '/' ? display + rel : display + "/" + rel;
}

// True when `text` holds at least one PEM block (`-----BEGIN LABEL-----`)
// and every block's label is in `labels`: a certificate bundle, not a key.
bool only_public_pem(std::string_view text, const std::vector<std::string>& labels) {
  if (labels.empty()) return false;
  constexpr std::string_view k_begin = "-----BEGIN ";
  bool any = false;
  for (auto at = text.find(k_begin); at != std::string_view::npos; at = text.find(k_begin, at + 1)) {
    const std::string_view rest = text.substr(at + k_begin.size());
    const auto end = rest.find("-----");
    if (end == std::string_view::npos || rest.substr(0, end).find('\n') != std::string_view::npos) return false;
    if (std::ranges::find(labels, rest.substr(0, end)) == labels.end()) return false;
    any = true;
  }
  return any;
}

bool looks_binary(std::string_view text) {
  return text.substr(0, std::min(text.size(), k_binary_probe)).find('\0') != std::string_view::npos;
}

}  // namespace

struct Scanner::Impl {
  // What a worker thread keeps from one tree to the next: its Hyperscan
  // scratch space (made at its first file) and its file buffer.
  struct Worker {
    std::optional<Matcher::Session> session;
    FileBuffer buffer;
  };

  RuleSet rules;
  std::shared_ptr<const Matcher> matcher;
  Matcher::Session session;
  FileBuffer buffer;
  std::deque<Worker> worker_state;  // a deque: growing it leaves the workers already made in place
  unsigned jobs = 1;

  Impl(const RuleSet& r, std::shared_ptr<const Matcher> m) : rules(r), matcher(m), session(std::move(m)) {
    jobs = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  }

  // The file rule a path falls under, if any.
  const FileRule* file_rule(const std::string& rel) const {
    const std::string name = file_name(rel);
    for (const auto& rule : rules.files) {
      if (any_glob(rule.names, name) && !any_glob(rule.except, name)) return &rule;
    }
    return nullptr;
  }

  bool skipped_by_rules(const std::string& rel, const ScanOptions& options) const {
    std::size_t start = 0;
    for (auto slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', start)) {
      if (std::ranges::find(rules.skip_directories, rel.substr(start, slash - start)) != rules.skip_directories.end()) {
        return true;
      }
      start = slash + 1;
    }
    return any_glob(rules.skip_files, file_name(rel)) || any_glob(rules.ignore_paths, rel) ||
           any_glob(options.ignore, rel);
  }

  // Scans one file's content and adds its file-rule finding; returns the
  // findings, paths relative to the root.
  std::vector<SecretFinding> scan_content(std::string_view text, const std::string& rel, bool committed,
                                          ScanResult& into, const std::string& shown_as) {
    return scan_content(session, text, rel, committed, into, shown_as);
  }

  // `shown_as` names the file in a "truncated" skip entry.
  std::vector<SecretFinding> scan_content(Matcher::Session& with, std::string_view text, const std::string& rel,
                                          bool committed, ScanResult& into, const std::string& shown_as) const {
    std::vector<SecretFinding> found;
    if (!with.scan(text, rel, found, into.suppressed_inline)) into.skipped.push_back({shown_as, "truncated"});
    if (const FileRule* rule = committed ? file_rule(rel) : nullptr) {
      // A key file whose content rule fired is one finding, not two; a
      // `.pem` of certificates only is none.
      const bool explained = std::ranges::any_of(found, [&](const auto& f) { return f.family == rule->family; });
      if (!explained && !only_public_pem(text, rule->public_pem_labels)) found.insert(found.begin(), file_finding(*rule, rel));
    }
    return found;
  }

  static SecretFinding file_finding(const FileRule& rule, const std::string& rel) {
    return {rule.id, rule.family, rule.severity, rule.description, rel, 0, 0, "", fingerprint(rule.id, rel, ""), "", true};
  }

  // What one worker found; merged and sorted afterwards, since the workers
  // meet files in no fixed order.
  struct Partial {
    ScanResult result;
    std::vector<SecretFinding> found;
    Worker* worker = nullptr;
  };

  void scan_tree(const fs::path& root, const std::string& display, const ScanOptions& options,
                 const GitRepository* git, std::vector<SecretFinding>& found, ScanResult& into) {
    const unsigned workers = std::max(jobs, 1u);
    while (worker_state.size() < workers) worker_state.emplace_back();
    std::vector<Partial> partials(workers);
    for (unsigned w = 0; w < workers; ++w) partials[w].worker = &worker_state[w];
    std::mutex git_mutex;  // libgit2's index and ignore rules are not to be read from two threads at once
    const auto skip = [&](unsigned w, const std::string& rel, std::string reason) {
      partials[w].result.skipped.push_back({display_path(display, rel), std::move(reason)});
    };
    TreeVisitor visitor;
    visitor.enter = [&](unsigned w, const std::string& rel, const std::string& name) {
      if (name == ".git") return false;
      if (std::ranges::find(rules.skip_directories, name) != rules.skip_directories.end()) {
        skip(w, rel + "/", "vendored");
        return false;
      }
      if (any_glob(rules.ignore_paths, rel) || any_glob(options.ignore, rel)) {
        skip(w, rel + "/", "ignored");
        return false;
      }
      return true;
    };
    visitor.problem = [&](unsigned w, const std::string& rel, std::string_view problem) {
      partials[w].result.notes.push_back(fmt::format("{}: {}", display_path(display, rel), problem));
    };
    visitor.file = [&](unsigned w, int dir_fd, const std::string& name, const std::string& rel) {
      if (any_glob(rules.skip_files, name)) {
        skip(w, rel, "generated");
        return;
      }
      if (any_glob(rules.ignore_paths, rel) || any_glob(options.ignore, rel)) {
        skip(w, rel, "ignored");
        return;
      }
      // In a repository only tracked files are exposed (a file committed and
      // then listed in .gitignore still is); a plain directory is what gets
      // copied or deployed, so everything in it counts.
      bool committed = true;
      if (git != nullptr) {
        std::lock_guard lock(git_mutex);
        committed = git->is_tracked(rel);
        if (!committed && git->is_ignored(rel)) return;  // not part of the repository
      }
      scan_file(partials[w], dir_fd, name, rel, committed, display);
    };
    walk_tree(root, workers, visitor);

    for (auto& p : partials) {
      into.files += p.result.files;
      into.bytes += p.result.bytes;
      into.suppressed_inline += p.result.suppressed_inline;
      into.skipped.insert(into.skipped.end(), p.result.skipped.begin(), p.result.skipped.end());
      into.paths.insert(into.paths.end(), p.result.paths.begin(), p.result.paths.end());
      into.notes.insert(into.notes.end(), p.result.notes.begin(), p.result.notes.end());
      found.insert(found.end(), std::make_move_iterator(p.found.begin()), std::make_move_iterator(p.found.end()));
    }
    std::ranges::sort(into.paths);
    std::ranges::sort(into.skipped, {}, [](const SkippedFile& s) { return std::tie(s.path, s.reason); });
  }

  void scan_file(Partial& out, int dir_fd, const std::string& name, const std::string& rel, bool committed,
                 const std::string& display) {
    // A file not read (too large, binary) is still a finding by its name
    // (a committed key file); one that is read gets its file rule in scan_content.
    const auto not_read = [&](const char* reason) {
      out.result.skipped.push_back({display_path(display, rel), reason});
      if (const FileRule* rule = committed ? file_rule(rel) : nullptr) out.found.push_back(file_finding(*rule, rel));
    };
    std::int64_t size = 0;
    switch (out.worker->buffer.read_at(dir_fd, name.c_str(), rules.max_file_bytes, size)) {
      case FileBuffer::Read::ok:
        break;
      case FileBuffer::Read::too_large:
        not_read("too-large");
        return;
      case FileBuffer::Read::unreadable:
        out.result.skipped.push_back({display_path(display, rel), "unreadable"});
        return;
    }
    const std::string_view text = out.worker->buffer.view();
    if (looks_binary(text)) {
      not_read("binary");
      return;
    }
    ++out.result.files;
    out.result.bytes += static_cast<std::int64_t>(text.size());
    out.result.paths.push_back(rel);
    Worker& worker = *out.worker;
    Matcher::Session& with = worker.session ? *worker.session : worker.session.emplace(matcher);
    auto more = scan_content(with, text, rel, committed, out.result, display_path(display, rel));
    out.found.insert(out.found.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
};

Scanner::Scanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;
Scanner::~Scanner() = default;

void Scanner::set_jobs(unsigned jobs) { impl_->jobs = std::clamp(jobs, 1u, 64u); }

std::expected<Scanner, Error> Scanner::create(const RuleSet& rules) {
  auto matcher = Matcher::build(rules);
  if (!matcher) return std::unexpected(matcher.error());
  return Scanner(std::make_unique<Impl>(rules, *matcher));
}

void Scanner::scan_text(std::string_view text, const std::string& path, ScanResult& into) {
  ++into.files;
  into.bytes += static_cast<std::int64_t>(text.size());
  auto found = impl_->scan_content(text, path, true, into, path);
  into.findings.insert(into.findings.end(), found.begin(), found.end());
}

std::expected<void, Error> Scanner::scan(const fs::path& root, const std::string& display, const ScanOptions& options,
                                         ScanResult& into) {
  std::error_code ec;
  const auto status = fs::status(root, ec);
  if (ec || !fs::exists(status)) return std::unexpected(Error{fmt::format("{}: no such file or directory", display)});

  std::vector<SecretFinding> found;
  if (fs::is_regular_file(status)) {
    const std::string name = root.filename().string();
    std::int64_t size = 0;
    switch (impl_->buffer.read_at(AT_FDCWD, root.c_str(), impl_->rules.max_file_bytes, size, FileBuffer::Links::follow)) {
      case FileBuffer::Read::ok:
        break;
      case FileBuffer::Read::too_large:
        into.skipped.push_back({display, "too-large"});
        return {};
      case FileBuffer::Read::unreadable:
        return std::unexpected(Error{fmt::format("{}: cannot read", display)});
    }
    const std::string_view buffer = impl_->buffer.view();
    if (looks_binary(buffer)) {
      into.skipped.push_back({display, "binary"});
    } else {
      ++into.files;
      into.bytes += static_cast<std::int64_t>(buffer.size());
      found = impl_->scan_content(buffer, name, true, into, display);
      for (auto& f : found) f.path = display;
      into.findings.insert(into.findings.end(), found.begin(), found.end());
    }
    return {};
  }

  std::optional<GitRepository> git;
  if (GitRepository::is_repository(root)) {
    auto opened = GitRepository::open(root);
    if (!opened) return std::unexpected(opened.error());
    git = std::move(*opened);
  }
  impl_->scan_tree(root, display, options, git ? &*git : nullptr, found, into);

  if (options.history && !git) {
    into.notes.push_back(fmt::format("{}: not a git repository; history not scanned", display));
  } else if (options.history) {
    std::map<std::string, SecretFinding> first_seen;  // by fingerprint: the oldest commit wins
    auto visited = git->for_each_blob(impl_->rules.max_file_bytes, [&](const GitBlob& blob) {
      if (impl_->skipped_by_rules(blob.path, options)) return;
      std::vector<SecretFinding> more;
      if (blob.too_large) {
        into.skipped.push_back({fmt::format("{} (history, commit {})", display_path(display, blob.path),
                                            blob.commit.substr(0, 12)),
                                "too-large"});
      }
      if (blob.too_large || blob.binary) {
        if (const FileRule* rule = impl_->file_rule(blob.path)) more.push_back(Impl::file_finding(*rule, blob.path));
      } else {
        into.bytes += static_cast<std::int64_t>(blob.content.size());
        // Allowed lines are counted once, in the tree.
        ScanResult history_counts;
        const std::string shown = fmt::format("{} (history, commit {})", display_path(display, blob.path),
                                              blob.commit.substr(0, 12));
        more = impl_->scan_content(blob.content, blob.path, true, history_counts, shown);
        into.skipped.insert(into.skipped.end(), history_counts.skipped.begin(), history_counts.skipped.end());
      }
      for (auto& f : more) {
        f.commit = blob.commit;
        first_seen.try_emplace(f.fingerprint, std::move(f));
      }
    });
    if (!visited) return std::unexpected(visited.error());
    into.blobs += *visited;
    for (auto& f : found) {
      if (const auto it = first_seen.find(f.fingerprint); it != first_seen.end()) {
        f.commit = it->second.commit;
        first_seen.erase(it);
      }
    }
    for (auto& [fp, f] : first_seen) {
      f.in_tree = false;
      found.push_back(std::move(f));
    }
  }

  for (auto& f : found) f.path = display_path(display, f.path);
  std::ranges::stable_sort(found, [](const SecretFinding& a, const SecretFinding& b) {
    return std::tie(a.path, a.line, a.column, a.rule) < std::tie(b.path, b.line, b.column, b.rule);
  });
  into.findings.insert(into.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return {};
}

std::expected<std::set<std::string>, Error> parse_baseline(std::string_view text, const std::string& file) {
  std::set<std::string> out;
  try {
    const auto doc = nlohmann::json::parse(text);
    for (const auto& item : doc.at("findings")) out.insert(item.at("fingerprint").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(Error{fmt::format(
        "{}: not a baseline file: expected {{\"findings\": [{{\"fingerprint\": ...}}]}} ({})", file, e.what())});
  }
  return out;
}

std::string baseline_json(const std::vector<SecretFinding>& findings) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : findings) {
    doc["findings"].push_back({{"fingerprint", f.fingerprint}, {"rule", f.rule}, {"path", f.path}, {"line", f.line}});
  }
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // a file name need not be UTF-8
}

void apply_baseline(ScanResult& result, const std::set<std::string>& baseline) {
  const auto before = result.findings.size();
  std::erase_if(result.findings, [&](const SecretFinding& f) { return baseline.contains(f.fingerprint); });
  result.suppressed_baseline += static_cast<int>(before - result.findings.size());
}

}  // namespace quarterdeck::scan
