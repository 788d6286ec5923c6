// The mail transport interface: outbox (a Maildir, the default), SMTP and
// SES v2 all sit behind it. A transport is used from one thread.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace quarterdeck::deliver {

// Who a message goes to, and what the provider may be told about it.
struct Envelope {
  std::string from;
  std::vector<std::string> to, cc, bcc;
  std::string run_id;
  std::string report_id;
  std::string idempotency_key;

  std::vector<std::string> recipients() const;  // To, Cc and Bcc
};

struct SendResult {
  std::string provider_message_id;
};

struct SendError {
  std::string reason;      // the provider's words where there are any; never a credential
  bool retryable = false;  // throttling, 4xx SMTP, 5xx HTTP, timeouts, connection errors
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string name() const = 0;
  // Everything that would stop a send, found before the first one: missing
  // settings, an endpoint that does not answer. Empty when ready.
  virtual std::vector<std::string> check() { return {}; }
  virtual std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) = 0;
};

}  // namespace quarterdeck::deliver
