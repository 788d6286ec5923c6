#include "scan/tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "util/strings.hpp"

namespace quarterdeck::scan {
namespace {

// The value of a base64 character in either alphabet, or -1.
int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

bool is_base64url(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return sextet(c) >= 0 && c != '+' && c != '/'; });
}

// JSON text: printable, tabs and line breaks allowed (RFC 7515's examples
// break their headers with CRLF), UTF-8 bytes allowed.
bool json_text(std::string_view s) {
  return std::ranges::all_of(s, [](unsigned char c) { return c >= 0x20 || c == '\t' || c == '\r' || c == '\n'; });
}

// A segment that decodes to a JSON object's text.
std::optional<std::string> json_object(std::string_view segment) {
  if (segment.empty() || !is_base64url(segment)) return std::nullopt;
  auto decoded = decode_base64(segment);
  if (!decoded || !json_text(*decoded)) return std::nullopt;
  const std::string_view t = trim(*decoded);
  if (!t.starts_with('{') || !t.ends_with('}')) return std::nullopt;
  return std::string(t);
}

// The string value of `"name":` in a JSON object's text ("" when absent or
// not a string); the header is small and flat, a scan is enough.
std::optional<std::string> member(std::string_view object, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\"";
  for (auto at = object.find(key); at != std::string_view::npos; at = object.find(key, at + 1)) {
    std::size_t p = at + key.size();
    while (p < object.size() && std::isspace(static_cast<unsigned char>(object[p])) != 0) ++p;
    if (p >= object.size() || object[p] != ':') continue;
    ++p;
    while (p < object.size() && std::isspace(static_cast<unsigned char>(object[p])) != 0) ++p;
    if (p >= object.size() || object[p] != '"') return std::string();
    const auto close = object.find('"', p + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(object.substr(p + 1, close - p - 1));
  }
  return std::nullopt;
}

bool decodes(std::string_view segment) { return is_base64url(segment) && decode_base64(segment).has_value(); }

std::string_view strip_padding(std::string_view s) {
  while (s.ends_with('=')) s.remove_suffix(1);
  return s;
}

bool reference(std::string_view v) {
  if (v.starts_with('$') || v.starts_with('%') || v.starts_with('@') || v.starts_with('&')) return true;
  if (v.starts_with('{') && v.ends_with('}')) return true;  // f"{token}", "{0}".format, {placeholder}
  for (const std::string_view marker : {"${", "$(", "{{", "}}", "#{", "%(", "%s", "<", ">", "`", "process.env", "os.environ",
                                        "getenv", "env[", "env."}) {
    if (v.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

// Lower case, with the digits and signs people write for letters read as
// those letters: `P@ssw0rd`, `p4ssw0rd`, `s3cr3t` are `password`, `secret`.
std::string unleet(std::string_view s) {
  std::string out = to_lower(s);
  for (char& c : out) {
    switch (c) {
      case '0': c = 'o'; break;
      case '1': c = 'i'; break;
      case '3': c = 'e'; break;
      case '4': case '@': c = 'a'; break;
      case '5': case '$': c = 's'; break;
      case '7': c = 't'; break;
      default: break;
    }
  }
  return out;
}

// Words people write where the password goes in documentation and templates.
bool placeholder_password(std::string_view password) {
  const std::string low = unleet(password);
  for (const std::string_view word : {"password", "passwd", "changeme", "change_me", "change-me", "example",
                                      "placeholder", "your", "redacted", "dummy", "xxxx", "****", "secret", "replace",
                                      "insert", "foobar", "mypass", "sample", "x-oauth-basic"}) {
    if (low.find(word) != std::string::npos) return true;
  }
  for (const std::string_view word : {"pass", "pwd", "pw", "test", "token", "apikey", "api_key", "key", "admin", "root",
                                      "guest", "user", "none", "null"}) {
    if (low == word) return true;
  }
  // Masked: `****`, `•••`, `xxxxxx`, `#####`, `......`.
  return std::ranges::all_of(password, [](char c) { return c == '*' || c == 'x' || c == 'X' || c == '#' || c == '.'; });
}

// A documentation user name: `user:…@`, `username:…@`, `your_user:…@`.
bool placeholder_user(std::string_view user) {
  const std::string low = to_lower(user);
  for (const std::string_view word : {"username", "your", "someuser", "myuser"}) {
    if (low.find(word) != std::string::npos) return true;
  }
  return low == "user" || low == "name" || low == "login" || low == "foo";
}

struct Classes {
  int lower = 0, upper = 0, digit = 0, other = 0;
  int count() const { return lower + upper + digit + other; }
};

Classes classes_of(std::string_view s) {
  Classes k;
  for (const unsigned char c : s) {
    if (std::islower(c) != 0) k.lower = 1;
    else if (std::isupper(c) != 0) k.upper = 1;
    else if (std::isdigit(c) != 0) k.digit = 1;
    else k.other = 1;
  }
  return k;
}

// `ACCESS_TOKEN`, `apiKey`, `self.token`, `config.api.key`: a name, not a value.
bool identifier_like(std::string_view s) {
  const auto k = classes_of(s);
  const bool word_chars = std::ranges::all_of(s, [](unsigned char c) { return std::isalpha(c) != 0 || c == '_' || c == '.' || c == '-'; });
  return word_chars && k.digit == 0;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  std::size_t padding = 0;
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
    ++padding;
  }
  if (padding > 2 || text.size() % 4 == 1) return std::nullopt;
  if (padding > 0 && (text.size() + padding) % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const int v = sextet(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

JwtForm jwt_form(std::string_view token) {
  std::vector<std::string_view> parts = split(token, '.');
  if (parts.size() != 3 && parts.size() != 5) return JwtForm::not_a_token;
  const auto header = json_object(parts[0]);
  if (!header) return JwtForm::not_a_token;
  const auto alg = member(*header, "alg");
  if (!alg) return JwtForm::not_a_token;
  if (parts.size() == 5) {
    // JWE: header.encrypted_key.iv.ciphertext.tag; the key is empty with
    // "alg": "dir". An IV of 96 bits and a tag of 128 are 16 and 22 characters.
    if (!member(*header, "enc")) return JwtForm::not_a_token;
    if (!parts[1].empty() && !decodes(parts[1])) return JwtForm::not_a_token;
    if (parts[2].size() < 16 || parts[3].empty() || parts[4].size() < 16) return JwtForm::not_a_token;
    if (!decodes(parts[2]) || !decodes(parts[3]) || !decodes(parts[4])) return JwtForm::not_a_token;
    return JwtForm::encrypted;
  }
  if (!json_object(parts[1])) return JwtForm::not_a_token;
  const std::string_view signature = strip_padding(parts[2]);
  if (to_lower(*alg) == "none" || signature.empty()) return JwtForm::unsigned_;
  // The shortest real signature (HMAC-SHA256) is 43 characters; a few
  // characters (`abc`, `signature`) are a document's stand-in.
  if (signature.size() < 16 || !decodes(signature)) return JwtForm::not_a_token;
  return JwtForm::signed_;
}

bool usable_jwt(std::string_view token) {
  const JwtForm form = jwt_form(token);
  return form == JwtForm::signed_ || form == JwtForm::encrypted;
}

bool wrapped_jwt(std::string_view value) {
  const auto decoded = decode_base64(value);
  if (!decoded) return false;
  return usable_jwt(trim(*decoded));
}

std::optional<BasicCredentials> decode_basic_credentials(std::string_view value) {
  const auto decoded = decode_base64(value);
  if (!decoded) return std::nullopt;
  std::string_view text = *decoded;
  while (text.ends_with('\n') || text.ends_with('\r')) text.remove_suffix(1);
  if (!std::ranges::all_of(text, [](unsigned char c) { return c >= 0x20 && c < 0x7F; })) return std::nullopt;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return BasicCredentials{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

bool plausible_password(std::string_view password, std::string_view user) {
  // Six characters at least: shorter is a port (`host:8080@`), `:pass@`, a
  // uid:gid pair, or a word.
  if (password.size() < 6) return false;
  if (reference(password) || placeholder_password(password)) return false;
  if (to_lower(password) == to_lower(user)) return false;  // admin:admin, www-data:www-data
  if (placeholder_user(user)) return false;                 // user:he%2F%2Fo@, someusername:…@
  // A call (`Escape(fname,`, `getpass(`): the line is code, not a command.
  for (std::size_t open = password.find('('); open != std::string_view::npos; open = password.find('(', open + 1)) {
    if (open >= 3 && std::ranges::all_of(password.substr(open - 3, 3), [](unsigned char c) { return std::isalpha(c) != 0; })) {
      return false;
    }
  }
  const Classes k = classes_of(password);
  if (k.count() < 2 && password.size() < 16) return false;
  // A name in capitals (`DB_PASSWORD`, `SMTP_PASS`) is a variable, not its value.
  return !(k.lower == 0 && k.digit == 0 &&
           std::ranges::all_of(password, [](unsigned char c) { return std::isupper(c) != 0 || c == '_'; }));
}

std::string_view user_before(std::string_view match, std::string_view password) {
  if (password.data() <= match.data() || password.data() > match.data() + match.size()) return {};
  const auto at = static_cast<std::size_t>(password.data() - match.data());
  if (match[at - 1] != ':') return {};
  std::size_t begin = at - 1;
  while (begin > 0 && std::string_view(" \t\"'=/@").find(match[begin - 1]) == std::string_view::npos) --begin;
  return match.substr(begin, at - 1 - begin);
}

bool plausible_header_token(std::string_view token) {
  if (token.starts_with("eyJ") && token.find('.') != std::string_view::npos) return false;  // the jwt rule's
  if (reference(token) || identifier_like(token)) return false;
  const std::string low = to_lower(token);
  for (const std::string_view word : {"your", "token", "xxxx", "****", "example", "placeholder", "redacted", "dummy",
                                      "changeme", "secret", "insert", "replace"}) {
    if (low.find(word) != std::string::npos) return false;
  }
  const Classes k = classes_of(token);
  // Opaque tokens are random: digits and letters both, or long and mixed.
  if (k.count() < 2) return false;
  return k.digit == 1 || (token.size() >= 20 && k.count() >= 3);
}

}  // namespace quarterdeck::scan
