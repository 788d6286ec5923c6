#include "deliver/outbox.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace quarterdeck::deliver {
namespace {

constexpr int k_max_copies = 1000;

std::string errno_text() { return std::strerror(errno); }

// Writes `content` to a new file at `path`; fails if the file exists.
std::expected<void, SendError> write_new_file(const std::filesystem::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(SendError{fmt::format("cannot create {}: {}", path.string(), errno_text()), true});
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = errno_text();
      ::close(fd);
      ::unlink(path.c_str());
      return std::unexpected(SendError{fmt::format("cannot write {}: {}", path.string(), why), true});
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const std::string why = errno_text();
    ::unlink(path.c_str());
    return std::unexpected(SendError{fmt::format("cannot write {}: {}", path.string(), why), true});
  }
  return {};
}

// Whether a reader has moved `name` into cur/ (as NAME or NAME:2,FLAGS).
bool in_cur(const std::filesystem::path& cur, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(cur, ec)) {
    const std::string file = entry.path().filename().string();
    if (file == name || (file.starts_with(name) && file[name.size()] == ':')) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> Envelope::recipients() const {
  std::vector<std::string> all = to;
  all.insert(all.end(), cc.begin(), cc.end());
  all.insert(all.end(), bcc.begin(), bcc.end());
  return all;
}

std::string OutboxTransport::file_name(const std::string& idempotency_key, int copy) {
  return copy <= 1 ? fmt::format("{}.quarterdeck", idempotency_key)
                   : fmt::format("{}.{}.quarterdeck", idempotency_key, copy);
}

std::expected<SendResult, SendError> OutboxTransport::send(const Envelope& envelope, const std::string& mime) {
  namespace fs = std::filesystem;
  if (envelope.recipients().empty()) return std::unexpected(SendError{"no recipients", false});
  std::error_code ec;
  for (const char* sub : {"tmp", "new", "cur"}) {
    fs::create_directories(dir_ / sub, ec);
    if (ec) return std::unexpected(SendError{fmt::format("cannot create {}: {}", (dir_ / sub).string(), ec.message()), true});
  }
  // tmp/ names are this process's own: a leftover with our pid is from a
  // process that died before we were given the pid.
  const fs::path tmp = dir_ / "tmp" / fmt::format("{}.{}.tmp", envelope.idempotency_key, getpid());
  ::unlink(tmp.c_str());
  if (auto written = write_new_file(tmp, mime); !written) return std::unexpected(written.error());
  // link(), unlike rename(), never replaces: a name already taken in new/ or
  // cur/ keeps its message, and this one becomes the next copy.
  for (int copy = 1; copy <= k_max_copies; ++copy) {
    const std::string name = file_name(envelope.idempotency_key, copy);
    if (in_cur(dir_ / "cur", name)) continue;
    if (::link(tmp.c_str(), (dir_ / "new" / name).c_str()) == 0) {
      ::unlink(tmp.c_str());
      return SendResult{name};
    }
    if (errno != EEXIST) {
      const std::string why = errno_text();
      ::unlink(tmp.c_str());
      return std::unexpected(SendError{fmt::format("cannot move {} into new/: {}", name, why), true});
    }
  }
  ::unlink(tmp.c_str());
  return std::unexpected(
      SendError{fmt::format("the outbox already holds {} copies of {}", k_max_copies, file_name(envelope.idempotency_key, 1)),
                false});
}

}  // namespace quarterdeck::deliver
