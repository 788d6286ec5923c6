#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace quarterdeck {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && to_lower(s.substr(0, prefix.size())) == to_lower(prefix);
}

std::string join(std::span<const std::string> parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto candidate : candidates) {
    const std::size_t d = edit_distance(to_lower(word), to_lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

namespace {

// Columns a code point takes in a monospace font: 2 for East Asian wide and
// full-width ranges (CJK, Hangul, full-width forms, most emoji), 0 for
// combining marks, 1 for the rest. A short table of the common blocks, not
// the whole of Unicode's EastAsianWidth.txt.
std::size_t code_point_width(char32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) return 0;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
      (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  // Decodes UTF-8; a byte that does not begin a valid sequence counts as
  // one column (input is checked to be UTF-8 when it is read).
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n = 1;
    char32_t c = lead;
    if (lead >= 0xF0 && lead < 0xF8) {
      n = 4;
      c = lead & 0x07;
    } else if (lead >= 0xE0) {
      n = 3;
      c = lead & 0x0F;
    } else if (lead >= 0xC0) {
      n = 2;
      c = lead & 0x1F;
    }
    if (n > 1 && i + n <= s.size() &&
        std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i + 1), s.begin() + static_cast<std::ptrdiff_t>(i + n),
                    [](char b) { return (static_cast<unsigned char>(b) & 0xC0) == 0x80; })) {
      for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      width += code_point_width(c);
      i += n;
    } else {
      width += 1;
      i += 1;
    }
  }
  return width;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  const std::size_t w = display_width(s);
  std::string out;
  if (w < width) out.append(width - w, ' ');
  out += s;
  return out;
}

std::string slugify(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace quarterdeck

namespace quarterdeck {

std::string thousands(std::int64_t n) {
  // The magnitude as unsigned, so the most negative value has one too.
  const std::uint64_t magnitude =
      n < 0 ? static_cast<std::uint64_t>(-(n + 1)) + 1 : static_cast<std::uint64_t>(n);
  const std::string digits = std::to_string(magnitude);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  std::string out = thousands(n) + " ";
  if (n == 1 || n == -1) return out += one;
  if (many.empty()) return (out += one) += 's';
  return out += many;
}

std::string_view article(std::string_view s) {
  s = trim(s);
  if (s.empty()) return "a";
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (is_digit(s.front())) {
    // Spoken by the first group of digits: "8", "11", "18" (and 80-89,
    // 11,000, 18 million) begin with a vowel sound.
    std::string digits;
    for (const char c : s) {
      if (is_digit(c)) {
        digits += c;
      } else if (c != ',') {
        break;
      }
    }
    const bool grouped = s.find(',') != std::string_view::npos && s.find(',') < digits.size() + 1;
    const std::size_t lead =
        grouped ? s.find(',') : (digits.size() % 3 == 0 ? 3 : digits.size() % 3);
    const std::string first = digits.substr(0, std::min(lead, digits.size()));
    return first.front() == '8' || first == "11" || first == "18" ? "an" : "a";
  }
  // The first word, up to a space, hyphen or punctuation.
  std::size_t end = 0;
  while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
  const std::string_view word = s.substr(0, end);
  if (word.empty()) return "a";
  // An acronym is spoken letter by letter: "an SMS", "an AWS key", "a URL".
  if (word.size() >= 2 && std::ranges::all_of(word, is_upper)) {
    return std::string_view("AEFHILMNORSX").find(word.front()) != std::string_view::npos ? "an"
                                                                                         : "a";
  }
  const std::string lower = to_lower(word);
  static constexpr std::array<std::string_view, 9> k_vowel_letter_consonant_sound = {
      "uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once"};
  for (const auto prefix : k_vowel_letter_consonant_sound) {
    if (lower.starts_with(prefix) && !(prefix == "uni" && lower.starts_with("unin"))) return "a";
  }
  static constexpr std::array<std::string_view, 4> k_silent_h = {"hour", "honest", "honor", "heir"};
  for (const auto prefix : k_silent_h) {
    if (lower.starts_with(prefix)) return "an";
  }
  if (word.size() == 1) {
    // A letter on its own is spoken by its name: "an F", "a B".
    return std::string_view("aefhilmnorsx").find(lower.front()) != std::string_view::npos ? "an"
                                                                                          : "a";
  }
  return std::string_view("aeiou").find(lower.front()) != std::string_view::npos ? "an" : "a";
}

std::string with_article(std::string_view s) {
  std::string out(article(s));
  out += ' ';
  out += trim(s);
  return out;
}

std::string words_of(std::string_view code) {
  std::string out(code);
  std::ranges::replace(out, '_', ' ');
  return out;
}

namespace {

// Calls `text(piece)` for the prose and `code(piece)` for the inside of each
// code span of `s`, in order.
template <class Text, class Code>
void walk_code_spans(std::string_view s, Text&& text, Code&& code) {
  std::size_t i = 0;
  std::size_t plain_from = 0;
  // Run lengths with no closing run after some point have none after any
  // later point: not searched for again, so hostile input stays linear-ish.
  std::vector<std::size_t> unclosed;
  while (i < s.size()) {
    if (s[i] != '`') {
      ++i;
      continue;
    }
    std::size_t run = 0;
    while (i + run < s.size() && s[i + run] == '`') ++run;
    if (std::ranges::find(unclosed, run) != unclosed.end()) {
      i += run;
      continue;
    }
    // The closing run: the next run of exactly `run` backticks.
    std::size_t j = i + run;
    std::size_t close = std::string_view::npos;
    while (j < s.size()) {
      if (s[j] != '`') {
        ++j;
        continue;
      }
      std::size_t r = 0;
      while (j + r < s.size() && s[j + r] == '`') ++r;
      if (r == run) {
        close = j;
        break;
      }
      j += r;
    }
    if (close == std::string_view::npos) {
      unclosed.push_back(run);
      i += run;  // no closing run: the backticks are text
      continue;
    }
    text(s.substr(plain_from, i - plain_from));
    std::string_view inside = s.substr(i + run, close - i - run);
    // One space on both sides is padding (so a span can hold a backtick).
    if (inside.size() >= 2 && inside.front() == ' ' && inside.back() == ' ' &&
        inside.find_first_not_of(' ') != std::string_view::npos) {
      inside = inside.substr(1, inside.size() - 2);
    }
    code(inside);
    i = close + run;
    plain_from = i;
  }
  text(s.substr(plain_from));
}

}  // namespace

std::string strip_code_spans(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto keep = [&](std::string_view piece) { out += piece; };
  walk_code_spans(s, keep, keep);
  return out;
}

std::string html_escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_with_code_spans(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  walk_code_spans(
      s, [&](std::string_view piece) { out += html_escaped(piece); },
      [&](std::string_view piece) {
        out += "<code>";
        out += html_escaped(piece);
        out += "</code>";
      });
  return out;
}

namespace {

// "&amp;", "&#38;", "&#x26;": what CommonMark would read as an entity.
bool starts_entity(std::string_view s) {
  std::size_t i = 1;
  if (i < s.size() && s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t from = i;
    while (i < s.size() && i - from < 8 && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > from && i < s.size() && s[i] == ';';
  }
  const std::size_t from = i;
  while (i < s.size() && i - from < 32 && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
  return i > from && i < s.size() && s[i] == ';';
}

// What would begin a block at the start of a line: a heading, a quote, a
// list item, a setext underline, an ordered item ("1. ", "2) ").
std::size_t block_marker_at(std::string_view s) {
  if (s.empty()) return std::string_view::npos;
  if (std::string_view("#>-+=").find(s.front()) != std::string_view::npos) return 0;
  std::size_t i = 0;
  while (i < s.size() && i < 9 && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ')') && (i + 1 == s.size() || s[i + 1] == ' ')) return i;
  return std::string_view::npos;
}

}  // namespace

std::string markdown_with_code_spans(std::string_view s, MarkdownContext context) {
  const bool cell = context == MarkdownContext::table_cell;
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  // Leading spaces would make an indented code block at the start of a line
  // and are not shown anyway.
  if (!cell) s = s.substr(std::min(s.find_first_not_of(' '), s.size()));
  const std::size_t marker = cell ? std::string_view::npos : block_marker_at(s);
  std::size_t offset = 0;  // of the piece being escaped, in `s`
  const auto text = [&](std::string_view piece) {
    for (std::size_t i = 0; i < piece.size(); ++i) {
      const char c = piece[i];
      if (offset + i == marker) {
        out += '\\';
        out += c;
        continue;
      }
      // An underscore between letters or digits (snake_case) can neither
      // open nor close emphasis: it stays as it is.
      if (c == '_' && i > 0 && i + 1 < piece.size() && std::isalnum(static_cast<unsigned char>(piece[i - 1])) &&
          std::isalnum(static_cast<unsigned char>(piece[i + 1]))) {
        out += c;
        continue;
      }
      switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
          out += '\\';
          out += c;
          break;
        case '<': out += "&lt;"; break;
        case '&': out += starts_entity(piece.substr(i)) ? "&amp;" : "&"; break;
        case '\n': case '\r': out += ' '; break;
        default: out += c;
      }
    }
    offset += piece.size();
  };
  const auto code = [&](std::string_view inside) {
    // The span is written again with a run of backticks longer than any
    // inside it, padded where it begins or ends with a backtick or a space.
    std::size_t longest = 0;
    for (std::size_t i = 0; i < inside.size();) {
      std::size_t r = 0;
      while (i + r < inside.size() && inside[i + r] == '`') ++r;
      longest = std::max(longest, r);
      i += r > 0 ? r : 1;
    }
    const std::string fence(longest + 1, '`');
    const bool pad = !inside.empty() && (inside.front() == '`' || inside.back() == '`' ||
                                         (inside.front() == ' ' && inside.back() == ' '));
    out += fence;
    if (pad) out += ' ';
    for (const char c : inside) {
      if (c == '\n' || c == '\r') {
        out += ' ';
      } else if (c == '|' && cell) {
        out += "\\|";  // a table splits its cells before it reads code spans
      } else {
        out += c;
      }
    }
    if (pad) out += ' ';
    out += fence;
  };
  // The offsets of code spans do not matter for the block marker: a span at
  // the start is code, not a marker. Only text pieces move `offset` on.
  walk_code_spans(
      s, text, [&](std::string_view inside) {
        offset = std::string_view::npos / 2;  // past the start: no marker after a span
        code(inside);
      });
  return out;
}

}  // namespace quarterdeck
