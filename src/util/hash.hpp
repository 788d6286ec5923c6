// Content hashes (SHA-256, hex) for report contents and idempotency keys.
#pragma once

#include <string>
#include <string_view>

namespace quarterdeck {

std::string sha256_hex(std::string_view data);

}  // namespace quarterdeck
