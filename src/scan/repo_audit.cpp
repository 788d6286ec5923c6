#include "scan/repo_audit.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <map>

#include "ingest/git_repo.hpp"
#include "util/clock.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace quarterdeck::scan {
namespace fs = std::filesystem;

namespace {

bool glob(const char* pattern, const std::string& s) { return fnmatch(pattern, s.c_str(), 0) == 0; }

std::string name_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_ci(const std::string& p) {
  for (const char* g : {".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml", ".circleci/config.yml",
                        "Jenkinsfile", ".travis.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml",
                        ".buildkite/*", ".drone.yml", ".woodpecker.yml", ".woodpecker/*"}) {
    if (glob(g, p)) return true;
  }
  return false;
}

bool is_test(const std::string& p) {
  for (const char* dir : {"test/", "tests/", "__tests__/", "spec/", "specs/", "e2e/"}) {
    if (p.starts_with(dir) || p.find(std::string("/") + dir) != std::string::npos) return true;
  }
  const std::string n = name_of(p);
  for (const char* g : {"*_test.*", "*.test.*", "*.spec.*", "test_*.py", "*Test.java", "*Tests.cs"}) {
    if (glob(g, n)) return true;
  }
  return false;
}

bool is_deploy(const std::string& p) {
  const std::string n = to_lower(name_of(p));
  for (const char* g : {"deploy*", "release*.sh", "procfile", "dockerfile", "docker-compose*.yml", "serverless.yml",
                        "netlify.toml", "vercel.json", "fly.toml", "app.yaml", "appspec.yml", "cdk.json",
                        "template.yaml", "samconfig.toml", "*.tf", "ansible*.yml", "playbook*.yml"}) {
    if (glob(g, n)) return true;
  }
  return p.find("deploy/") != std::string::npos || p.find("infra/") != std::string::npos;
}

bool is_config(const std::string& p) {
  const std::string n = to_lower(name_of(p));
  for (const char* g : {"*.yml", "*.yaml", "*.toml", "*.json", "*.ini", "*.cfg", "*.conf", ".env.*", "*.env", "*.tf",
                        "makefile", "*.sh"}) {
    if (glob(g, n)) return true;
  }
  return false;
}

bool is_doc(const std::string& p) {
  const std::string n = to_lower(name_of(p));
  return glob("readme*", n) || glob("runbook*", n) || glob("*.md", n) || glob("*.rst", n) || glob("*.txt", n) ||
         p.starts_with("docs/");
}

// The first line of `path` that holds one of `words` (any case), as
// "declared/path:line".
std::optional<std::string> find_words(const fs::path& root, const std::string& declared, const std::string& path,
                                      std::initializer_list<std::string_view> words) {
  const auto text = read_file(root / path);
  if (!text || text->size() > 1024 * 1024) return std::nullopt;
  int line_no = 0;
  for (const auto& line : split(*text, '\n')) {
    ++line_no;
    const std::string low = to_lower(line);
    for (const auto w : words) {
      if (low.find(w) != std::string::npos) return fmt::format("{}/{}:{}", declared, path, line_no);
    }
  }
  return std::nullopt;
}

void read_history(const GitRepository& git, const AuditOptions& options, RepoAudit& audit) {
  auto history = git.history(options.max_commits);
  if (!history) {
    audit.problem = history.error().message;
    return;
  }
  std::map<std::string, int> changes;
  std::map<std::string, Contributor> people;
  for (const auto& c : *history) {
    const Date d = *date_in_zone(c.time, "UTC");
    audit.commits.push_back({c.id, d, c.author});
    for (const auto& p : c.changed) ++changes[p];
    auto& person = people[c.author];
    person.name = c.author;
    ++person.commits;
    if (person.commits == 1) person.last = d;  // newest first
  }
  for (const auto& [path, n] : changes) audit.hot_files.push_back({path, n});
  std::ranges::stable_sort(audit.hot_files, [](const ChangeCount& a, const ChangeCount& b) { return a.commits > b.commits; });
  if (audit.hot_files.size() > options.hot_files) audit.hot_files.resize(options.hot_files);
  for (auto& [name, person] : people) audit.contributors.push_back(person);
  std::ranges::stable_sort(audit.contributors,
                           [](const Contributor& a, const Contributor& b) { return a.commits > b.commits; });
}

}  // namespace

RepoAudit audit_repository(Scanner& scanner, const fs::path& root, const std::string& declared,
                           const std::string& entity, const AuditOptions& options) {
  RepoAudit audit;
  audit.declared = declared;
  audit.entity = entity;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    audit.problem = fmt::format("{}: no such directory", declared);
    return audit;
  }
  audit.exists = true;

  ScanResult result;
  if (auto done = scanner.scan(root, declared, {options.history, options.ignore}, result); !done) {
    audit.problem = done.error().message;
    return audit;
  }
  audit.secrets = std::move(result.findings);
  audit.skipped = std::move(result.skipped);
  std::ranges::sort(result.paths);

  const auto signal = [&](RepoSignal& s, auto&& matches) {
    for (const auto& p : result.paths) {
      if (matches(p)) {
        s = {true, fmt::format("{}/{}", declared, p)};
        return;
      }
    }
  };
  signal(audit.ci, is_ci);
  signal(audit.tests, is_test);
  signal(audit.deploy, is_deploy);
  // Staging: named in a CI, deploy or config file, or a file named for it.
  for (const auto& p : result.paths) {
    if (to_lower(p).find("staging") != std::string::npos) {
      audit.staging = {true, fmt::format("{}/{}", declared, p)};
      break;
    }
    if (is_ci(p) || is_deploy(p) || is_config(p)) {
      if (auto where = find_words(root, declared, p, {"staging"})) {
        audit.staging = {true, *where};
        break;
      }
    }
  }
  // Rollback: a script named for it, or a procedure in the docs or scripts.
  for (const auto& p : result.paths) {
    if (to_lower(name_of(p)).find("rollback") != std::string::npos) {
      audit.rollback = {true, fmt::format("{}/{}", declared, p)};
      break;
    }
    if (is_doc(p) || is_ci(p) || is_deploy(p)) {
      if (auto where = find_words(root, declared, p, {"rollback", "roll back", "roll-back"})) {
        audit.rollback = {true, *where};
        break;
      }
    }
  }

  if (GitRepository::is_repository(root)) {
    auto git = GitRepository::open(root);
    if (git) {
      audit.is_git = true;
      read_history(*git, options, audit);
    } else {
      audit.problem = git.error().message;
    }
  }
  return audit;
}

}  // namespace quarterdeck::scan
