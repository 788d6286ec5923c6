#include "deliver/outbox.hpp"

#include <fmt/format.h>

#include "util/files.hpp"

namespace quarterdeck::deliver {

std::vector<std::string> Envelope::recipients() const {
  std::vector<std::string> all = to;
  all.insert(all.end(), cc.begin(), cc.end());
  all.insert(all.end(), bcc.begin(), bcc.end());
  return all;
}

std::expected<SendResult, SendError> OutboxTransport::send(const Envelope& envelope, const std::string& mime) {
  namespace fs = std::filesystem;
  const std::string& idempotency_key = envelope.idempotency_key;
  if (envelope.recipients().empty()) return std::unexpected(SendError{"no recipients", false});
  std::error_code ec;
  for (const char* sub : {"tmp", "new", "cur"}) {
    fs::create_directories(dir_ / sub, ec);
    if (ec) return std::unexpected(SendError{fmt::format("cannot create {}: {}", (dir_ / sub).string(), ec.message()), true});
  }
  // Maildir names are unique per message; ours is the idempotency key.
  const std::string name = fmt::format("{}.quarterdeck", idempotency_key);
  const fs::path tmp = dir_ / "tmp" / name;
  if (auto written = write_file_atomic(tmp, mime); !written) {
    return std::unexpected(SendError{written.error().message, true});
  }
  fs::rename(tmp, dir_ / "new" / name, ec);
  if (ec) return std::unexpected(SendError{fmt::format("cannot move into new/: {}", ec.message()), true});
  return SendResult{name};
}

}  // namespace quarterdeck::deliver
