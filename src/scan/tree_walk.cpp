#include "scan/tree_walk.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace quarterdeck::scan {

namespace {

constexpr std::size_t k_files_per_batch = 64;  // a larger directory is shared between workers
constexpr long k_depth_with_parent = 64;
constexpr std::size_t k_listing_bytes = 32 * 1024;  // getdents64's buffer

// A descriptor closed when the last batch of its directory's files is done.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

struct Item {
  std::string rel;  // the directory, relative to the root ("" for the root)
  // A directory to list: its parent, open, so that it is opened by its name
  // alone (none: by its path from the root). A batch: the directory itself.
  std::shared_ptr<Fd> dir;
  std::vector<std::string> files;  // a batch's names; none for a directory to list
};

class WorkStack {
 public:
  void push(Item item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  // The next item, or nothing once every item is done and none is left.
  std::optional<Item> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || busy_ == 0; });
    if (items_.empty()) return std::nullopt;
    Item item = std::move(items_.back());
    items_.pop_back();
    ++busy_;
    return item;
  }

  void done() {
    bool finished = false;
    {
      std::lock_guard lock(mutex_);
      finished = --busy_ == 0 && items_.empty();
    }
    if (finished) ready_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<Item> items_;  // a stack: the newest first, so open directories are finished soon
  int busy_ = 0;
};

std::string last_error() {
  return std::error_code(errno, std::generic_category()).message();
}

std::string child_path(const std::string& rel, std::string_view name) {
  return rel.empty() ? std::string(name) : rel + "/" + std::string(name);
}

const char* last_name(const std::string& rel) {
  const auto slash = rel.rfind('/');
  return rel.c_str() + (slash == std::string::npos ? 0 : slash + 1);
}

class Walk {
 public:
  Walk(int root_fd, const TreeVisitor& visitor) : root_fd_(root_fd), visitor_(visitor) {}

  void run(unsigned workers) {
    stack_.push(Item{"", nullptr, {}});
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back([this, w] { work(w); });
    work(0);
    for (auto& t : threads) t.join();
  }

 private:
  void work(unsigned worker) {
    std::vector<char> listing(k_listing_bytes);
    while (auto item = stack_.pop()) {
      if (!item->files.empty()) {
        for (const auto& name : item->files) {
          visitor_.file(worker, item->dir->get(), name, child_path(item->rel, name));
        }
      } else {
        list(worker, item->rel, item->dir.get(), listing);
      }
      stack_.done();
    }
  }

  // Lists one directory: its subdirectories go on the stack, its files are
  // handled here, or in batches by whichever worker is free when there are many.
  void list(unsigned worker, const std::string& rel, const Fd* parent, std::vector<char>& listing) {
    constexpr int k_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    const int fd = rel.empty() ? ::dup(root_fd_)
                   : parent    ? ::openat(parent->get(), last_name(rel), k_flags)
                               : ::openat(root_fd_, rel.c_str(), k_flags);
    if (fd < 0) {
      visitor_.problem(worker, rel, last_error());
      return;
    }
    auto dir = std::make_shared<Fd>(fd);
    const auto depth = std::ranges::count(rel, '/');
    std::vector<std::string> files;
    for (;;) {
      const ssize_t got = ::getdents64(fd, listing.data(), listing.size());
      if (got < 0) {
        visitor_.problem(worker, rel, last_error());
        break;
      }
      if (got == 0) break;
      for (ssize_t at = 0; at < got;) {
        const auto* entry = reinterpret_cast<const dirent64*>(listing.data() + at);
        at += entry->d_reclen;
        const std::string_view name(entry->d_name);
        if (name == "." || name == "..") continue;
        unsigned char type = entry->d_type;
        if (type == DT_UNKNOWN) {  // some file systems do not say: ask
          struct stat st {};
          if (::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
          type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
        }
        if (type == DT_DIR) {
          std::string sub = child_path(rel, name);
          // A waiting directory keeps its parent open; below some depth it
          // is opened from the root instead, so the open descriptors stay few.
          if (visitor_.enter(worker, sub, std::string(name)))
            stack_.push(Item{std::move(sub), depth < k_depth_with_parent ? dir : nullptr, {}});
        } else if (type == DT_REG) {
          files.emplace_back(name);
        }
      }
    }
    // The first batch stays with this worker; the others go to the stack
    // after the subdirectories, so they are taken first.
    for (std::size_t from = k_files_per_batch; from < files.size(); from += k_files_per_batch) {
      const auto to = std::min(files.size(), from + k_files_per_batch);
      stack_.push(Item{rel,
                       dir,
                       {std::make_move_iterator(files.begin() + static_cast<std::ptrdiff_t>(from)),
                        std::make_move_iterator(files.begin() + static_cast<std::ptrdiff_t>(to))}});
    }
    files.resize(std::min(files.size(), k_files_per_batch));
    for (const auto& name : files) visitor_.file(worker, fd, name, child_path(rel, name));
  }

  int root_fd_;
  const TreeVisitor& visitor_;
  WorkStack stack_;
};

}  // namespace

FileBuffer::Read FileBuffer::read_at(int dir_fd, const char* name, std::int64_t max_bytes,
                                     std::int64_t& size, Links links) {
  size_ = 0;
  size = 0;
  const int fd =
      ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | (links == Links::refuse ? O_NOFOLLOW : 0));
  if (fd < 0) return Read::unreadable;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Read::unreadable;
  }
  size = static_cast<std::int64_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return Read::too_large;
  }
  const auto want = static_cast<std::size_t>(st.st_size);
  if (want > capacity_) {
    capacity_ = std::max(want, 2 * capacity_);
    data_ = std::make_unique_for_overwrite<char[]>(capacity_);
  }
  // The size fstat gave: a file that grows meanwhile is read as it was.
  while (size_ < want) {
    const ssize_t got = ::read(fd, data_.get() + size_, want - size_);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      size_ = 0;
      return Read::unreadable;
    }
    if (got == 0) break;  // it shrank
    size_ += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return Read::ok;
}

void walk_tree(const std::filesystem::path& root, unsigned workers, const TreeVisitor& visitor) {
  const int root_fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) {
    visitor.problem(0, "", last_error());
    return;
  }
  Walk(root_fd, visitor).run(std::max(workers, 1u));
  ::close(root_fd);
}

}  // namespace quarterdeck::scan
