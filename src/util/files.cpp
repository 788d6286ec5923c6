#include "util/files.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace quarterdeck {

std::expected<std::string, Error> read_file(const std::filesystem::path& path) {
  // One read into a string of the file's size: journals can be large.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return std::unexpected(Error{fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno))});
  }
  std::string out;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) out.resize(static_cast<std::size_t>(size));
  std::size_t got = ec ? 0 : std::fread(out.data(), 1, out.size(), f);
  out.resize(got);
  // Read on to the end in case the file grew or its size was unknown.
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return std::unexpected(Error{fmt::format("{}: read failed", path.string())});
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
