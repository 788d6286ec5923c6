#include "ingest/git_repo.hpp"

#include <fmt/format.h>
#include <git2.h>

#include <unordered_set>

namespace quarterdeck {
namespace {

// libgit2 counts its initialisations; each repository holds one.
struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (p != nullptr) Free(p);
  }
  T** out() { return &p; }
  T* get() const { return p; }
};

using Revwalk = Owned<git_revwalk, git_revwalk_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Blob = Owned<git_blob, git_blob_free>;
using Diff = Owned<git_diff, git_diff_free>;

Error last_error(std::string_view what) {
  const git_error* e = git_error_last();
  return Error{fmt::format("{}: {}", what, e != nullptr && e->message != nullptr ? e->message : "libgit2 error")};
}

std::string hex(const git_oid* oid) {
  char buffer[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buffer, sizeof buffer, oid);
  return buffer;
}

std::string key(const git_oid* oid) { return std::string(reinterpret_cast<const char*>(oid->id), GIT_OID_RAWSZ); }

}  // namespace

struct GitRepository::Impl {
  Library library;
  git_repository* repo = nullptr;
  git_index* index = nullptr;  // loaded on first use
  ~Impl() {
    git_index_free(index);
    git_repository_free(repo);
  }
};

GitRepository::GitRepository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GitRepository::GitRepository(GitRepository&&) noexcept = default;
GitRepository& GitRepository::operator=(GitRepository&&) noexcept = default;
GitRepository::~GitRepository() = default;

std::expected<GitRepository, Error> GitRepository::open(const std::filesystem::path& dir) {
  auto impl = std::make_unique<Impl>();
  if (git_repository_open_ext(&impl->repo, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    return std::unexpected(last_error(fmt::format("{}: not a git repository", dir.string())));
  }
  return GitRepository(std::move(impl));
}

bool GitRepository::is_repository(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir / ".git", ec)) return true;
  // A bare repository; a plain directory may hold a file named HEAD too.
  return std::filesystem::is_regular_file(dir / "HEAD", ec) && std::filesystem::is_directory(dir / "objects", ec) &&
         std::filesystem::is_directory(dir / "refs", ec);
}

std::expected<std::vector<GitCommit>, Error> GitRepository::history(std::size_t limit) const {
  std::vector<GitCommit> out;
  Revwalk walk;
  if (git_revwalk_new(walk.out(), impl_->repo) != 0) return std::unexpected(last_error("revwalk"));
  git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
  if (git_revwalk_push_head(walk.get()) != 0) return out;  // no commits yet
  git_oid oid;
  while (out.size() < limit && git_revwalk_next(&oid, walk.get()) == 0) {
    Commit commit;
    if (git_commit_lookup(commit.out(), impl_->repo, &oid) != 0) return std::unexpected(last_error("commit"));
    const git_signature* author = git_commit_author(commit.get());
    GitCommit c{hex(&oid), author->when.time, author->name, author->email, {}};
    Tree tree, parent_tree;
    if (git_commit_tree(tree.out(), commit.get()) != 0) return std::unexpected(last_error("tree"));
    if (git_commit_parentcount(commit.get()) > 0) {
      Commit parent;
      if (git_commit_parent(parent.out(), commit.get(), 0) != 0 || git_commit_tree(parent_tree.out(), parent.get()) != 0) {
        return std::unexpected(last_error("parent"));
      }
    }
    Diff diff;
    if (git_diff_tree_to_tree(diff.out(), impl_->repo, parent_tree.get(), tree.get(), nullptr) != 0) {
      return std::unexpected(last_error("diff"));
    }
    const std::size_t n = git_diff_num_deltas(diff.get());
    for (std::size_t i = 0; i < n; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
      c.changed.emplace_back(d->new_file.path != nullptr ? d->new_file.path : d->old_file.path);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::expected<std::int64_t, Error> GitRepository::for_each_blob(std::int64_t max_bytes,
                                                                const std::function<void(const GitBlob&)>& visit) const {
  Revwalk walk;
  if (git_revwalk_new(walk.out(), impl_->repo) != 0) return std::unexpected(last_error("revwalk"));
  git_revwalk_sorting(walk.get(), GIT_SORT_TIME | GIT_SORT_REVERSE);
  // Every ref that leads to a commit (branches, tags, remotes, stash); refs
  // to other objects are ignored by libgit2.
  if (git_revwalk_push_glob(walk.get(), "refs/*") != 0) return std::unexpected(last_error("refs"));
  // Keyed by object and path: the same content under another path may fall
  // under other skip or file rules, and its findings have another place.
  std::unordered_set<std::string> seen_trees, seen_blobs;
  std::int64_t visited = 0;
  git_oid oid;
  while (git_revwalk_next(&oid, walk.get()) == 0) {
    Commit commit;
    Tree root;
    if (git_commit_lookup(commit.out(), impl_->repo, &oid) != 0 || git_commit_tree(root.out(), commit.get()) != 0) {
      return std::unexpected(last_error("commit"));
    }
    const std::string commit_id = hex(&oid);
    // Depth-first over trees not seen before: a tree seen in an older
    // commit holds only blobs already visited.
    std::function<std::expected<void, Error>(const git_tree*, const std::string&)> walk_tree =
        [&](const git_tree* tree, const std::string& prefix) -> std::expected<void, Error> {
      if (!seen_trees.insert(key(git_tree_id(tree)) + prefix).second) return {};
      const std::size_t n = git_tree_entrycount(tree);
      for (std::size_t i = 0; i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
        const std::string path = prefix + git_tree_entry_name(entry);
        const git_object_t type = git_tree_entry_type(entry);
        if (type == GIT_OBJECT_TREE) {
          Tree sub;
          if (git_tree_lookup(sub.out(), impl_->repo, git_tree_entry_id(entry)) != 0) {
            return std::unexpected(last_error("tree"));
          }
          if (auto r = walk_tree(sub.get(), path + "/"); !r) return r;
        } else if (type == GIT_OBJECT_BLOB) {
          if (!seen_blobs.insert(key(git_tree_entry_id(entry)) + path).second) continue;
          Blob blob;
          if (git_blob_lookup(blob.out(), impl_->repo, git_tree_entry_id(entry)) != 0) {
            return std::unexpected(last_error("blob"));
          }
          ++visited;
          GitBlob b{path, commit_id, {}, false, false, static_cast<std::int64_t>(git_blob_rawsize(blob.get()))};
          if (b.size > max_bytes) {
            b.too_large = true;
          } else {
            b.binary = git_blob_is_binary(blob.get()) != 0;
            if (!b.binary) {
              b.content = std::string_view(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                           static_cast<std::size_t>(b.size));
            }
          }
          visit(b);
        }  // submodule commits belong to another repository
      }
      return {};
    };
    if (auto r = walk_tree(root.get(), ""); !r) return std::unexpected(r.error());
  }
  return visited;
}

bool GitRepository::is_ignored(const std::string& path) const {
  int ignored = 0;
  return git_ignore_path_is_ignored(&ignored, impl_->repo, path.c_str()) == 0 && ignored != 0;
}

bool GitRepository::is_tracked(const std::string& path) const {
  if (impl_->index == nullptr && git_repository_index(&impl_->index, impl_->repo) != 0) return false;
  return git_index_get_bypath(impl_->index, path.c_str(), 0) != nullptr;
}

}  // namespace quarterdeck
