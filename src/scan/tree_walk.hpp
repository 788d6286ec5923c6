#pragma once

// A directory tree walked and its files read by several threads at once.
//
// The scan's throughput on a large tree was bounded by the walk, not by
// matching: std::filesystem's iterator stats every entry and opens each
// file by its full path, and it runs on one thread before any file is
// scanned. Here each worker takes the next directory from a shared stack,
// lists it with getdents64 (the entry's type comes with its name), pushes
// the directories it finds and handles its files itself, opened relative to
// the directory's descriptor, so the walk and the scan overlap and no entry
// is looked up by path twice.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace quarterdeck::scan {

// A reused buffer that holds one file at a time. It is not zero-filled
// when it grows (std::string would clear every byte it is about to read).
class FileBuffer {
 public:
  std::string_view view() const { return {data_.get(), size_}; }

  enum class Read { ok, too_large, unreadable };
  enum class Links { refuse, follow };
  // Reads the regular file `name` in the directory `dir_fd` (or a path, with
  // AT_FDCWD), at most `max_bytes`; `size` is the file's size either way.
  Read read_at(int dir_fd, const char* name, std::int64_t max_bytes, std::int64_t& size,
               Links links = Links::refuse);

 private:
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

struct TreeVisitor {
  // A directory below the root, by its path relative to the root and its
  // name, met by worker `worker` (0 to workers - 1): true to walk into it.
  std::function<bool(unsigned worker, const std::string& rel, const std::string& name)> enter;
  // A regular file (symbolic links are not followed), handled by worker
  // `worker` while `dir_fd` is open on its directory.
  std::function<void(unsigned worker, int dir_fd, const std::string& name, const std::string& rel)>
      file;
  // A directory that could not be opened or listed.
  std::function<void(unsigned worker, const std::string& rel, std::string_view problem)> problem;
};

// Walks the tree under `root` with `workers` threads (the calling thread is
// worker 0). Callbacks run concurrently and must guard what they share;
// the order of visits is not fixed.
void walk_tree(const std::filesystem::path& root, unsigned workers, const TreeVisitor& visitor);

}  // namespace quarterdeck::scan
