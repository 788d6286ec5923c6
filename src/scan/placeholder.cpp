#include "scan/placeholder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "util/strings.hpp"

namespace quarterdeck::scan {
namespace {

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Which run of "abc…", "ABC…" or "012…" a character belongs to (0: none).
int sequence_class(char c) {
  if (c >= 'a' && c <= 'z') return 1;
  if (c >= 'A' && c <= 'Z') return 2;
  if (c >= '0' && c <= '9') return 3;
  return 0;
}

// `word` occurs in `s` (exactly, case-sensitive) with no capital letter on
// either side: "7EXAMPLE", "_TEST_", "SECRETS" at the end.
bool capital_word(std::string_view s, std::string_view word) {
  for (auto at = s.find(word); at != std::string_view::npos; at = s.find(word, at + 1)) {
    const bool left = at == 0 || !is_upper(s[at - 1]);
    const bool right = at + word.size() >= s.size() || !is_upper(s[at + word.size()]);
    if (left && right) return true;
  }
  return false;
}

// `word` (lowercase) occurs in `low` with no letter on either side, and not
// as a host name's label (`https://example.webhook.office.com/…`: a
// webhook's secret is in its path, whatever its host is called).
bool separate_word(std::string_view low, std::string_view word) {
  for (auto at = low.find(word); at != std::string_view::npos; at = low.find(word, at + 1)) {
    const bool left = at == 0 || !is_alpha(low[at - 1]);
    const std::size_t after = at + word.size();
    const bool right = after >= low.size() || !is_alpha(low[after]);
    const bool host_label = after + 1 < low.size() && low[after] == '.' && is_alpha(low[after + 1]) &&
                            at >= 3 && (low[at - 1] == '/' || low[at - 1] == '.' || low[at - 1] == '@');
    if (left && right && !host_label) return true;
  }
  return false;
}

std::string normalized(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (is_alnum(c)) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

bool few_distinct(std::string_view secret) {
  if (secret.size() < 12) return false;
  std::array<bool, 256> seen{};
  int distinct = 0;
  for (const unsigned char c : secret) {
    if (!seen[c]) ++distinct;
    seen[c] = true;
  }
  return distinct < 7;
}

bool sequential_run(std::string_view secret) {
  constexpr int k_run = 6;
  int up = 1, down = 1;
  for (std::size_t i = 1; i < secret.size(); ++i) {
    const char a = secret[i - 1], b = secret[i];
    const bool same_class = sequence_class(a) != 0 && sequence_class(a) == sequence_class(b);
    up = same_class && b == a + 1 ? up + 1 : 1;
    down = same_class && b == a - 1 ? down + 1 : 1;
    if (up >= k_run || down >= k_run) return true;
  }
  return false;
}

bool repeated_run(std::string_view secret) {
  if (secret.find("\xE2\x80\xA6") != std::string_view::npos) return true;  // "…": shown redacted
  std::size_t run = 0;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const char c = secret[i];
    run = i > 0 && secret[i - 1] == c ? run + 1 : 1;
    std::size_t needed = 6;
    if (c == 'x' || c == 'X') needed = 4;
    else if (c == '*' || c == '#' || c == '.') needed = 3;
    else if (c == '0') needed = 5;
    if (run >= needed) return true;
  }
  return false;
}

bool example_word(std::string_view secret) {
  // Not TEST: vendors spell their test keys so (FLWSECK_TEST-…), and a test
  // key is still a credential.
  for (const std::string_view w : {"EXAMPLE", "SECRETS", "SAMPLE", "DUMMY", "FAKE"}) {
    if (capital_word(secret, w)) return true;
  }
  const std::string low = to_lower(secret);
  for (const std::string_view w : {"example", "sample", "dummy", "fake", "changeme", "placeholder", "redacted"}) {
    if (separate_word(low, w)) return true;
  }
  return false;
}

bool template_text(std::string_view secret) {
  if (secret.size() >= 2 && secret.front() == '<' && secret.back() == '>') return true;
  // A template cut at its space: `access_token$production$<merchant id>`.
  for (auto at = secret.find('<'); at != std::string_view::npos; at = secret.find('<', at + 1)) {
    if (at + 1 < secret.size() && is_alpha(secret[at + 1]) && secret.find('>', at) == std::string_view::npos) return true;
  }
  if (secret.find("{{") != std::string_view::npos || secret.find("%(") != std::string_view::npos) return true;
  if (secret.find("%s") != std::string_view::npos) return true;
  const std::string low = to_lower(secret);
  if (low.starts_with("your") && low.size() > 4 && !is_alnum(low[4])) return true;
  if (low.starts_with("your") && (low.ends_with("here") || low.find("key") != std::string::npos ||
                                  low.find("token") != std::string::npos || low.find("secret") != std::string::npos ||
                                  low.find("password") != std::string::npos)) {
    return true;
  }
  if (low.ends_with("_here") || low.ends_with("-here")) return true;
  for (const std::string_view w : {"changeme", "change_me", "change-me", "replaceme", "replace_me", "replace-me"}) {
    if (low.find(w) != std::string::npos) return true;
  }
  return false;
}

bool reference(std::string_view secret) {
  if (secret.size() >= 2 && secret[0] == '$' &&
      (is_alpha(secret[1]) || secret[1] == '_' || secret[1] == '{' || secret[1] == '(')) {
    return true;
  }
  if (secret.starts_with("#{")) return true;  // Ruby interpolation
  const std::string low = to_lower(secret);
  for (const std::string_view prefix :
       {"process.env", "os.environ", "os.getenv", "getenv(", "env[", "env.", "env(", "system.getenv", "environment.",
        "import.meta.env", "deno.env", "config.", "settings.", "secrets.", "vars.", "params.", "args.",
        "configuration[", "context.", "vault:"}) {
    if (low.starts_with(prefix)) return true;
  }
  return false;
}

bool echoes_name(std::string_view name, std::string_view value) {
  const std::string n = normalized(name), v = normalized(value);
  if (n.size() < 4 || v.size() < 4) return false;
  return n.ends_with(v) || v.ends_with(n);
}

bool placeholder(std::string_view secret) {
  return few_distinct(secret) || sequential_run(secret) || repeated_run(secret) || example_word(secret) ||
         template_text(secret) || reference(secret);
}

}  // namespace quarterdeck::scan
