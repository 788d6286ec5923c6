#include "util/files.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace quarterdeck {

std::expected<std::string, Error> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(
        Error{fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno))});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
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
