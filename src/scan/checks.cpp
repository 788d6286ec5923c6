#include "scan/checks.hpp"

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
  // A version has its dots: `V85mMTTEm20GKpoNBeKY` is a key that starts like one.
  if (value.size() > 1 && (value[0] == 'v' || value[0] == 'V') && std::isdigit(static_cast<unsigned char>(value[1])) != 0 &&
      value.find('.') != std::string_view::npos &&
      all_of([](unsigned char c) { return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_'; })) {
    return false;
  }
  if (value.find('/') != std::string_view::npos &&
      all_of([](unsigned char c) { return std::islower(c) != 0 || std::isdigit(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.'; })) {
    return false;
  }
  // A call, an index or a block is code: `form.cleaned_data[`, `querySelector(`.
  if (value.find_first_of("([{") != std::string_view::npos) return false;
  // A Maven or Gradle coordinate (`io.jsonwebtoken:jjwt-api:0.11.5`), a port list.
  if (value.find(':') != std::string_view::npos &&
      all_of([](unsigned char c) { return std::islower(c) != 0 || std::isdigit(c) != 0 || c == ':' || c == '.' || c == '-' || c == '_'; })) {
    return false;
  }
  // A file name: the key file or the credentials file, not the key.
  const std::string low = to_lower(value);
  for (const std::string_view ext : {".pem", ".key", ".json", ".txt", ".yml", ".yaml", ".p12", ".pfx", ".crt",
                                     ".env", ".jks", ".keystore", ".gpg", ".asc"}) {
    if (low.ends_with(ext)) return false;
  }
  if (words_only(value)) return false;
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

bool words_only(std::string_view value) {
  if (value.empty()) return false;
  for (const auto segment : split(value, '_')) {
    for (const auto part : split(segment, '-')) {
      for (const auto word : split(part, '.')) {
        // Each piece: lowercase, capitals, or capitalised words ("BearerToken").
        if (word.empty()) continue;
        if (!std::ranges::all_of(word, [](unsigned char c) { return std::isalpha(c) != 0; })) return false;
        const bool lower = std::ranges::all_of(word, [](unsigned char c) { return std::islower(c) != 0; });
        const bool upper = std::ranges::all_of(word, [](unsigned char c) { return std::isupper(c) != 0; });
        if (lower || upper) continue;
        // Capitalised words: every capital is followed by at least two lowercase letters.
        for (std::size_t i = 0; i < word.size(); ++i) {
          if (std::isupper(static_cast<unsigned char>(word[i])) == 0) continue;
          if (i + 1 == word.size() || std::islower(static_cast<unsigned char>(word[i + 1])) == 0 ||
              i + 2 >= word.size() || std::islower(static_cast<unsigned char>(word[i + 2])) == 0) {
            return false;
          }
        }
      }
    }
  }
  return true;
}

std::string_view assigned_name(std::string_view line, std::string_view secret) {
  if (secret.data() < line.data() || secret.data() > line.data() + line.size()) return {};
  std::size_t end = static_cast<std::size_t>(secret.data() - line.data());
  const auto identifier = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-' || c == '$';
  };
  // Back over the operator, quotes and spaces (`"] = "`, `: `, `", "`) to the name.
  while (end > 0 && !identifier(line[end - 1]) && line[end - 1] != '\n') --end;
  std::size_t begin = end;
  while (begin > 0 && identifier(line[begin - 1])) --begin;
  return line.substr(begin, end - begin);
}

bool names_a_non_secret(std::string_view name) {
  // The last word: after the last separator or capital (`passwordLength`).
  std::size_t begin = name.size();
  while (begin > 0) {
    const char c = name[begin - 1];
    if (c == '_' || c == '-' || c == '.') break;
    --begin;
    if (std::isupper(static_cast<unsigned char>(c)) != 0 &&
        (begin == 0 || std::islower(static_cast<unsigned char>(name[begin - 1])) != 0)) {
      break;
    }
  }
  const std::string last = to_lower(name.substr(begin));
  for (const std::string_view w : {"id", "ids", "hash", "hashed", "digest", "sha", "sha1", "sha256", "fingerprint",
                                   "header", "name", "type", "length", "len", "file", "path", "field", "label",
                                   "prefix", "format", "expiry", "expires", "ttl", "count", "version", "url",
                                   "endpoint", "uri"}) {
    if (last == w) return true;
  }
  return false;
}

std::string kubernetes_secret_value(std::string_view text, std::string_view value) {
  if (value.size() < 8 || value.size() % 4 != 0 || text.size() > (1u << 20)) return {};
  if (!std::ranges::all_of(value, [](char c) { return is_base64_char(c); })) return {};
  if (text.find("kind: Secret") == std::string_view::npos) return {};
  const auto decoded = decode_base64(value);
  if (!decoded) return {};
  const bool printable = std::ranges::all_of(*decoded, [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
  return printable ? *decoded : std::string();
}

bool passes(const ContentRule& rule, const Candidate& candidate) {
  std::string_view secret = candidate.secret;
  // A Kubernetes secret's value is tested as what it encodes.
  std::string decoded;
  if (rule.check == Check::generic) {
    decoded = kubernetes_secret_value(candidate.text, secret);
    if (!decoded.empty()) secret = decoded;
  }
  if (static_cast<int>(secret.size()) < rule.min_length) return false;
  if (rule.check != Check::pem && placeholder(secret)) return false;
  if (rule.check == Check::generic) {
    const std::string_view name = assigned_name(candidate.line, candidate.secret);
    if (echoes_name(name, secret) || names_a_non_secret(name)) return false;
  }
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
    case Check::generic: {
      // A value the pattern stopped at a `<` that opens no closing tag is
      // a template cut short: `access_token$production$<merchant id>`
      // (while `<password>…</password>` ends at its closing tag).
      const auto end = static_cast<std::size_t>(secret.data() - candidate.line.data()) + secret.size();
      if (secret.data() >= candidate.line.data() && end + 1 < candidate.line.size() && candidate.line[end] == '<' &&
          candidate.line[end + 1] != '/') {
        return false;
      }
      return plausible_assignment(secret);
    }
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
