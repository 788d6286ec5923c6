// Content hashes (SHA-256, hex) for report contents and idempotency keys,
// and Base64 (RFC 4648) for data: URIs; both by OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace quarterdeck {

std::string sha256_hex(std::string_view data);
std::string base64_encode(std::string_view data);

}  // namespace quarterdeck
