// Content hashes (SHA-256, hex) for report contents and idempotency keys,
// Base64 (RFC 4648) for data: URIs, and HMAC-SHA256 for webhook
// signatures; all by OpenSSL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck {

std::string sha256_hex(std::string_view data);
std::string base64_encode(std::string_view data);
// The bytes of standard Base64 text (with padding); nullopt when it is not
// Base64.
std::optional<std::string> base64_decode(std::string_view text);
// HMAC-SHA256 of `data` under `key`: 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);

}  // namespace quarterdeck
