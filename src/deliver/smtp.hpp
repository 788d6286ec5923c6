// The SMTP transport, on libcurl: `smtp://` with STARTTLS required unless
// told otherwise, or `smtps://`; AUTH when a user name is given; one
// connection reused for every message of a run.
#pragma once

#include <memory>
#include <string>

#include "deliver/transport.hpp"

namespace quarterdeck::deliver {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string username;  // empty: no AUTH
  std::string password;
  bool require_tls = true;  // STARTTLS must succeed (smtp://)
  std::string ca_file;      // extra CA bundle (self-signed test servers)
  long timeout_seconds = 60;
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;
  std::string name() const override { return "smtp"; }
  std::vector<std::string> check() override;
  std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) override;

 private:
  struct Handle;
  SmtpSettings settings_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace quarterdeck::deliver
