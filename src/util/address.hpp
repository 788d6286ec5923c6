// E-mail addresses as SMTP and SES take them: an ASCII local part, and the
// domain in ASCII (an international domain is turned into punycode).
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace quarterdeck {

// "ops@bücher.example" -> "ops@xn--bcher-kva.example". The error says what
// is wrong ("the local part must be ASCII", "no domain").
std::expected<std::string, std::string> normalize_address(std::string_view address);

}  // namespace quarterdeck
