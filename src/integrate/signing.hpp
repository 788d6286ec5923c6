// Standard Webhooks signatures (https://www.standardwebhooks.com): the
// signed content is "WEBHOOK_ID.TIMESTAMP.BODY", the key is the Base64 part
// of the "whsec_" secret, and the header value is "v1," and the Base64 of
// its HMAC-SHA256.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "util/diagnostic.hpp"

namespace quarterdeck::integrate {

// The key bytes of a "whsec_..." secret; an error (that does not quote the
// secret) when it is not one.
std::expected<std::string, Error> webhook_key(std::string_view secret);

// The `webhook-signature` header value for `body` sent as `id` at
// `timestamp` (Unix seconds).
std::string webhook_signature(std::string_view key, std::string_view id, std::int64_t timestamp,
                              std::string_view body);

}  // namespace quarterdeck::integrate
