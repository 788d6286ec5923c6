// The outbox transport: each message is written to a Maildir (tmp/, new/,
// cur/) as an RFC 5322 file, first into tmp/ and then linked into new/, so
// a reader never sees half a message. The file name carries the idempotency
// key. A file is never overwritten: sending the same key again (--force, or
// a message whose first send was cut off) adds a second file, KEY.2.quarterdeck,
// so every copy that went out can be seen and counted, as in a real mailbox.
#pragma once

#include <filesystem>

#include "deliver/transport.hpp"

namespace quarterdeck::deliver {

class OutboxTransport final : public Transport {
 public:
  explicit OutboxTransport(std::filesystem::path maildir) : dir_(std::move(maildir)) {}
  std::string name() const override { return "outbox"; }
  // The provider message id is the file name in new/.
  std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) override;
  // The name of copy `copy` (1 for the first) of the message with this key.
  static std::string file_name(const std::string& idempotency_key, int copy);

 private:
  std::filesystem::path dir_;
};

}  // namespace quarterdeck::deliver
