#include "integrate/signing.hpp"

#include <fmt/format.h>

#include "util/hash.hpp"

namespace quarterdeck::integrate {

std::expected<std::string, Error> webhook_key(std::string_view secret) {
  constexpr std::string_view k_prefix = "whsec_";
  if (!secret.starts_with(k_prefix))
    return std::unexpected(Error{"the webhook secret does not start with `whsec_`"});
  auto key = base64_decode(secret.substr(k_prefix.size()));
  if (!key || key->empty())
    return std::unexpected(Error{"the webhook secret is not `whsec_` and Base64"});
  return *key;
}

std::string webhook_signature(std::string_view key, std::string_view id, std::int64_t timestamp,
                              std::string_view body) {
  const std::string content = fmt::format("{}.{}.{}", id, timestamp, body);
  return "v1," + base64_encode(hmac_sha256(key, content));
}

}  // namespace quarterdeck::integrate
