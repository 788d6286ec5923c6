// The SES v2 transport: SendEmail with Raw content over HTTPS, signed with
// SigV4 by libcurl (CURLOPT_AWS_SIGV4). Region, credentials (with a session
// token for temporary ones) and an endpoint override come from the
// standard AWS variables; the configuration set and message tags (run id,
// report id) go with every message when configured.
#pragma once

#include <memory>
#include <string>

#include "deliver/transport.hpp"

namespace quarterdeck::deliver {

struct SesSettings {
  std::string region;
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;      // may be empty
  std::string endpoint;           // empty: https://email.REGION.amazonaws.com
  std::string configuration_set;  // may be empty
  long timeout_seconds = 30;
};

class SesTransport final : public Transport {
 public:
  explicit SesTransport(SesSettings settings);
  ~SesTransport() override;
  std::string name() const override { return "ses"; }
  std::vector<std::string> check() override;
  std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) override;

  const std::string& endpoint() const { return endpoint_; }

 private:
  struct Handle;
  SesSettings settings_;
  std::string endpoint_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace quarterdeck::deliver
