#include "scan/checks.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "scan/matcher.hpp"
#include "scan/tokens.hpp"
#include "util/strings.hpp"

namespace quarterdeck::scan {
namespace {

bool is_base64_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
}

}  // namespace

// A private key block is real when a base64 body of some length follows
// the BEGIN line and an END line closes it: in a PEM file (LF or CRLF),
// escaped inside a JSON or env string ("\n", "\r\n"), or joined by spaces.
bool plausible_pem(std::string_view text, std::size_t header_end) {
  const std::string_view rest = text.substr(header_end, std::min<std::size_t>(text.size() - header_end, 64 * 1024));
  const std::size_t end = rest.find("-----END");
  if (end == std::string_view::npos) return false;
  std::string body(rest.substr(0, end));
  for (const std::string_view escape : {"\\r", "\\n"}) {
    for (auto at = body.find(escape); at != std::string::npos; at = body.find(escape, at)) body.replace(at, 2, " \n");
  }
  std::size_t base64 = 0;
  for (const auto line : split(body, '\n')) {
    if (line.find(':') != std::string_view::npos) continue;  // Proc-Type, DEK-Info headers
    for (const char c : line) {
      if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'') continue;
      if (!is_base64_char(c)) return false;
      ++base64;
    }
  }
  return base64 >= 64;
}

// The first segment of a JWT is base64url JSON with an "alg" member.
bool plausible_jwt(std::string_view token) {
  const std::string_view header = token.substr(0, token.find('.'));
  std::string b64(header);
  for (char& c : b64) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (b64.size() % 4 != 0) b64.push_back('=');
  std::string decoded(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  if (n <= 0) return false;
  decoded.resize(static_cast<std::size_t>(n));
  return decoded.starts_with("{") && decoded.find("\"alg\"") != std::string::npos;
}

// An assigned value that is a literal secret, not a reference, a path or
// a word: several kinds of characters and no URL or path shape.
bool plausible_assignment(std::string_view value) {
  if (value.find("://") != std::string_view::npos) return false;
  if (value.starts_with('/') || value.starts_with("./") || value.starts_with("../") || value.starts_with('$') ||
      value.starts_with('%')) {
    return false;
  }
  const auto all_of = [&](auto pred) { return std::ranges::all_of(value, [&](unsigned char c) { return pred(c); }); };
  // A header name (X-Api-Key), a version (v1.2.3-rc4), a path (prod/db/creds-v2).
  if (value.find('-') != std::string_view::npos && std::isupper(static_cast<unsigned char>(value[0])) != 0 &&
      all_of([](unsigned char c) { return std::isalnum(c) != 0 || c == '-'; })) {
    return false;
  }
  if (value.size() > 1 && (value[0] == 'v' || value[0] == 'V') && std::isdigit(static_cast<unsigned char>(value[1])) != 0 &&
      all_of([](unsigned char c) { return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_'; })) {
    return false;
  }
  if (value.find('/') != std::string_view::npos &&
      all_of([](unsigned char c) { return std::islower(c) != 0 || std::isdigit(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.'; })) {
    return false;
  }
  // A call, an index or a block is code: `form.cleaned_data[`, `querySelector(`.
  if (value.find_first_of("([{") != std::string_view::npos) return false;
  int lower_case = 0, upper_case = 0, digit = 0, other = 0;
  for (const unsigned char c : value) {
    if (std::islower(c)) lower_case = 1;
    else if (std::isupper(c)) upper_case = 1;
    else if (std::isdigit(c)) digit = 1;
    else other = 1;
  }
  if (lower_case + upper_case + digit + other < 2) return false;
  // A dotted or called identifier (`this.apiKey`, `os.Getenv`) is code.
  const bool identifier_like = std::ranges::all_of(value, [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '.';
  });
  return !(identifier_like && value.find('.') != std::string_view::npos && digit == 0);
}

// "xxxxxxxx", "0000-0000": a placeholder has few distinct characters.
bool placeholder(std::string_view secret) {
  if (secret.size() < 12) return false;
  std::array<bool, 256> seen{};
  int distinct = 0;
  for (const unsigned char c : secret) {
    if (!seen[c]) ++distinct;
    seen[c] = true;
  }
  return distinct < 7;
}

bool passes(const ContentRule& rule, const Candidate& candidate) {
  const std::string_view secret = candidate.secret;
  if (static_cast<int>(secret.size()) < rule.min_length) return false;
  if (rule.check != Check::pem && placeholder(secret)) return false;
  if (!rule.stop_words.empty()) {
    const std::string low = to_lower(secret);
    for (const auto& w : rule.stop_words) {
      if (low.find(w) != std::string::npos) return false;
    }
  }
  if (rule.min_entropy > 0) {
    // Short values cannot reach a high entropy: scale the bar to the length.
    const double bar = std::min(rule.min_entropy, 0.85 * std::log2(static_cast<double>(secret.size())));
    if (shannon_entropy(secret) < bar) return false;
  }
  switch (rule.check) {
    case Check::none: return true;
    case Check::pem: return plausible_pem(candidate.text, candidate.match_end);
    case Check::jwt: return usable_jwt(secret);
    case Check::generic: return plausible_assignment(secret);
    case Check::jwt_base64: return wrapped_jwt(secret);
    case Check::basic_auth: {
      const auto credentials = decode_basic_credentials(secret);
      return credentials && plausible_password(credentials->password, credentials->user);
    }
    case Check::url_password: return plausible_password(secret, user_before(candidate.match, secret));
    case Check::header_token: return plausible_header_token(secret);
  }
  return true;
}


}  // namespace quarterdeck::scan
