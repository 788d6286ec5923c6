#include "util/redact.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

// The user information of a URL starting at `text[at]` ("scheme://..."):
// the half-open range between "://" and the last '@' of the authority.
struct UserInfo {
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
}

bool ends_authority(char c) {
  return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '`' || c == '<' ||
         c == '>' || std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Every URL user information in `text`.
std::vector<UserInfo> find_userinfo(std::string_view text) {
  std::vector<UserInfo> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t sep = text.find("://", from);
    if (sep == std::string_view::npos) break;
    from = sep + 3;
    // A scheme: a letter, then letters, digits, '+', '-', '.'.
    std::size_t s = sep;
    while (s > 0 && is_scheme_char(text[s - 1])) --s;
    while (s < sep && std::isalpha(static_cast<unsigned char>(text[s])) == 0) ++s;
    if (s == sep) continue;
    std::size_t end = sep + 3;
    while (end < text.size() && !ends_authority(text[end])) ++end;
    const std::string_view authority = text.substr(sep + 3, end - sep - 3);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos || at == 0) continue;
    out.push_back({sep + 3, sep + 3 + at});
    from = end;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The forms the program writes a value in besides its own: the reports'
// HTML (Mustache escaping: html_escaped in util/strings) and JSON
// (nlohmann's string escaping).
std::string json_escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out;
}

// One UTF-8 code point at `text[i]`: its value and length, or nullopt for a
// byte that does not start a valid sequence (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF).
struct CodePoint {
  char32_t value;
  std::size_t length;
};

std::optional<CodePoint> decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return CodePoint{b0, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
  return CodePoint{value, length};
}

bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

bool is_credential_name(std::string_view name) {
  static constexpr std::array<std::string_view, 8> k_words = {
      "KEY", "SECRET", "TOKEN", "PASS", "PWD", "CREDENTIAL", "AUTH", "PRIVATE"};
  std::string upper(name);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "PWD" || upper == "OLDPWD") return false;  // the shell's working directories
  return std::ranges::any_of(
      k_words, [&](std::string_view w) { return upper.find(w) != std::string::npos; });
}

void Redactor::add_form(std::string_view value, const std::string& label) {
  if (value.empty()) return;
  const bool known =
      std::ranges::any_of(entries_, [&](const Entry& e) { return e.value == value; });
  if (!known) entries_.push_back({std::string(value), label});
}

void Redactor::add(std::string_view name, std::string_view value, Sensitivity sensitivity) {
  if (value.empty()) return;
  for (const auto& info : find_userinfo(value)) add_userinfo(name, value.substr(info.begin, info.end - info.begin));
  if (sensitivity == Sensitivity::value && value.size() < k_min_value_length) return;
  const std::string label = fmt::format("[redacted {}]", name);
  add_form(value, label);
  add_form(html_escaped(value), label);
  add_form(json_escaped(value), label);
  // Ids made from text (a finding about a known issue is named after its title).
  if (const std::string slug = slugify(value);
      sensitivity == Sensitivity::credential || slug.size() >= k_min_value_length) {
    add_form(slug, label);
  }
}

void Redactor::add_url(std::string_view name, std::string_view value) {
  std::vector<UserInfo> found = find_userinfo(value);
  // A server's URL written without its scheme ("user:pw@host:587") still
  // has them (not so any other value: "owner@example.com" is an address).
  if (const auto at = value.rfind('@');
      found.empty() && value.find("://") == std::string_view::npos && at != std::string_view::npos && at > 0) {
    found.push_back({0, at});
  }
  for (const auto& info : found) add_userinfo(name, value.substr(info.begin, info.end - info.begin));
}

void Redactor::add_userinfo(std::string_view name, std::string_view userinfo) {
  const std::size_t colon = userinfo.find(':');
  const std::string label = fmt::format("[redacted {}]", name);
  // Each part alone (an error may quote the user name without the
  // password), raw and decoded; the whole as it stands too.
  add_form(userinfo, label);
  for (const auto part : {userinfo.substr(0, colon),
                          colon == std::string_view::npos ? std::string_view() : userinfo.substr(colon + 1)}) {
    add_form(part, label);
    add_form(percent_decode(part), label);
  }
}

void Redactor::merge(const Redactor& other) {
  for (const auto& e : other.entries_) add_form(e.value, e.label);
}

std::string Redactor::apply(std::string_view text) const {
  struct Span {
    std::size_t begin;
    std::size_t end;
    std::string_view label;
  };
  std::vector<Span> spans;
  for (const auto& info : find_userinfo(text))
    spans.push_back({info.begin, info.end, "[redacted]"});
  for (const auto& e : entries_) {
    // A value, or the start of one cut short (a quote truncated to a width):
    // at least its first third, and at least k_min_fragment_length characters.
    const std::size_t anchor =
        std::min(e.value.size(), std::max(k_min_fragment_length, (e.value.size() + 2) / 3));
    const std::string_view start = std::string_view(e.value).substr(0, anchor);
    for (std::size_t at = text.find(start); at != std::string_view::npos;) {
      std::size_t length = anchor;
      while (length < e.value.size() && at + length < text.size() &&
             text[at + length] == e.value[length])
        ++length;
      spans.push_back({at, at + length, e.label});
      at = text.find(start, at + length);
    }
  }
  if (spans.empty()) return std::string(text);
  // Earliest first, the longest of those first; overlapping spans become one
  // (with the first one's label), so no part of any value survives.
  std::ranges::sort(spans, [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t i = 0; i < spans.size();) {
    Span merged = spans[i];
    std::size_t j = i + 1;
    while (j < spans.size() && spans[j].begin < merged.end)
      merged.end = std::max(merged.end, spans[j++].end);
    out.append(text.substr(copied, merged.begin - copied));
    out.append(merged.label);
    copied = merged.end;
    i = j;
  }
  out.append(text.substr(copied));
  return out;
}

std::string strip_url_userinfo(std::string_view text) {
  return Redactor().apply(text);
}

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = decode(text, i);
    if (!cp) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
      ++i;
      continue;
    }
    const char32_t c = cp->value;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if ((c >= 0x80 && c <= 0x9F) || is_bidi_control(c)) {
      out += fmt::format("\\u{{{:x}}}", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(i, cp->length));
    }
    i += cp->length;
  }
  return out;
}

}  // namespace quarterdeck
