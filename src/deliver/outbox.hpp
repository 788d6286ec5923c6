// The outbox transport: each message is written to a Maildir (tmp/, new/,
// cur/) as an RFC 5322 file, first into tmp/ and then renamed into new/, so
// a reader never sees half a message. The file name carries the idempotency
// key: sending the same key twice leaves one file.
#pragma once

#include <filesystem>

#include "deliver/transport.hpp"

namespace quarterdeck::deliver {

class OutboxTransport final : public Transport {
 public:
  explicit OutboxTransport(std::filesystem::path maildir) : dir_(std::move(maildir)) {}
  std::string name() const override { return "outbox"; }
  std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) override;

 private:
  std::filesystem::path dir_;
};

}  // namespace quarterdeck::deliver
