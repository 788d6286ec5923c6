// A git repository read through libgit2: its history (commits, authors,
// the files each commit changed) and every blob it has ever held, each
// once. Read-only; nothing here writes to the repository.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"

namespace quarterdeck {

struct GitCommit {
  std::string id;  // 40 hex digits
  std::int64_t time = 0;  // author time, Unix seconds
  std::string author;
  std::string email;
  std::vector<std::string> changed;  // paths changed against the first parent
};

// A blob as first seen in history: the oldest commit that holds it.
struct GitBlob {
  std::string path;
  std::string commit;
  std::string_view content;  // valid during the callback only
  bool binary = false;
  bool too_large = false;  // content is empty; the size is `size`
  std::int64_t size = 0;
};

class GitRepository {
 public:
  // `dir` must be the top of a work tree (or a bare repository); a parent's
  // repository is not searched for.
  static std::expected<GitRepository, Error> open(const std::filesystem::path& dir);
  static bool is_repository(const std::filesystem::path& dir);

  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;
  ~GitRepository();

  // Commits reachable from HEAD, newest first, at most `limit`.
  std::expected<std::vector<GitCommit>, Error> history(std::size_t limit) const;

  // Calls `visit` once for every distinct blob and path reachable from any ref, in
  // the order of the commits that first hold them (oldest first). Blobs
  // over `max_bytes` are passed with too_large set and no content. Returns
  // the number of blobs visited.
  std::expected<std::int64_t, Error> for_each_blob(std::int64_t max_bytes,
                                                   const std::function<void(const GitBlob&)>& visit) const;

  // Paths relative to the work tree, with '/' separators.
  bool is_ignored(const std::string& path) const;
  bool is_tracked(const std::string& path) const;

 private:
  struct Impl;
  explicit GitRepository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quarterdeck
