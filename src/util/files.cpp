#include "util/files.hpp"

#include "util/memory.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace quarterdeck {

std::expected<std::string, Error> read_file(const std::filesystem::path& path) {
  // One read into a string of the file's size: journals can be large. The
  // checks are made on the open file, so a path swapped in between cannot
  // slip a device past them. O_NONBLOCK: opening a pipe (a FIFO) for
  // reading would otherwise wait for a writer before the check could refuse
  // it; it is cleared again for the regular file that passes.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  std::FILE* f = fd < 0 ? nullptr : ::fdopen(fd, "rb");
  if (f == nullptr) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return std::unexpected(Error{fmt::format("{}: cannot read: {}", path.string(), std::strerror(error))});
  }
  struct stat st {};
  if (::fstat(::fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    std::fclose(f);
    return std::unexpected(Error{fmt::format(
        "{}: not a regular file (a folder, device or pipe); only regular files are read", path.string())});
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > k_max_input_bytes) {
    std::fclose(f);
    return std::unexpected(Error{fmt::format("{}: {} bytes, over the limit of {} for an input file",
                                             path.string(), size, k_max_input_text)});
  }
  // The string is sized without writing zeros first (the benchmark's
  // million transactions are 130 MB in two files: writing them twice is
  // measurable), and read into directly; see advise_huge_pages for the
  // page faults.
  std::string out;
  out.resize_and_overwrite(static_cast<std::size_t>(size), [&](char* data, std::size_t n) {
    advise_huge_pages(data, n);
    return std::fread(data, 1, n, f);
  });
  // Read on to the end in case the file grew, up to the limit.
  char buffer[65536];
  std::size_t n = 0;
  while (out.size() <= k_max_input_bytes && (n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return std::unexpected(Error{fmt::format("{}: read failed", path.string())});
  if (out.size() > k_max_input_bytes) {
    return std::unexpected(
        Error{fmt::format("{}: grew over the limit of {} for an input file while read", path.string(), k_max_input_text)});
  }
  return out;
}

std::expected<void, Error> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return std::unexpected(
          Error{fmt::format("{}: cannot write: {}", tmp.string(), std::strerror(errno))});
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return std::unexpected(Error{fmt::format("{}: write failed", tmp.string())});
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return std::unexpected(Error{fmt::format("{}: cannot rename: {}", path.string(), ec.message())});
  }
  return {};
}

}  // namespace quarterdeck
