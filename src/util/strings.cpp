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

std::size_t display_width(std::string_view s) {
  // Counts code points: every byte that is not a UTF-8 continuation byte.
  return static_cast<std::size_t>(std::ranges::count_if(
      s, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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

}  // namespace quarterdeck
