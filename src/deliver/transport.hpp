// The mail transport interface. The outbox (a Maildir) is the default;
// SMTP and SES arrive with the delivery issue behind the same interface.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace quarterdeck::deliver {

struct SendResult {
  std::string provider_message_id;
};

struct SendError {
  std::string reason;
  bool retryable = false;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string name() const = 0;
  // Hands `mime` to the transport for `recipients` (the envelope: To, Cc and Bcc).
  virtual std::expected<SendResult, SendError> send(const std::vector<std::string>& recipients,
                                                    const std::string& mime, const std::string& idempotency_key) = 0;
};

}  // namespace quarterdeck::deliver
