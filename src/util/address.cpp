#include "util/address.hpp"

#include <idn2.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

namespace quarterdeck {

std::expected<std::string, std::string> normalize_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::unexpected("expected local@domain");
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (domain.empty()) return std::unexpected("no domain");
  // RFC 5321's limits, checked first so the patterns below only ever see a
  // short string (std::regex recurses once a character).
  if (local.size() > 64) return std::unexpected("the local part is over 64 characters");
  if (domain.size() > 255) return std::unexpected("the domain is over 255 characters");
  static const std::regex k_local(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$)");
  if (!std::regex_match(local.begin(), local.end(), k_local)) {
    return std::unexpected("the local part must be ASCII letters, digits and .!#$%&'*+/=?^_`{|}~-");
  }
  std::string ascii_domain(domain);
  if (std::ranges::any_of(domain, [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    char* out = nullptr;
    const int rc = idn2_to_ascii_8z(std::string(domain).c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
    if (rc != IDN2_OK) return std::unexpected(std::string("invalid international domain: ") + idn2_strerror(rc));
    ascii_domain = out;
    idn2_free(out);
  }
  static const std::regex k_domain(R"(^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$)");
  if (!std::regex_match(ascii_domain, k_domain)) return std::unexpected("the domain is not a host name");
  return std::string(local) + "@" + ascii_domain;
}

}  // namespace quarterdeck
