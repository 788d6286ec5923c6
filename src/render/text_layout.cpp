#include "render/text_layout.hpp"

#include <algorithm>
#include <utility>

#include "render/renderer.hpp"
#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_letter(char c) {
  return is_upper(c) || (c >= 'a' && c <= 'z');
}

// The length in bytes of the UTF-8 sequence that begins with `lead`.
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Appends `word` to `line` (now `used` columns wide), breaking it at code
// points onto new lines of `indent` spaces where it does not fit: the last
// resort for a word longer than a line.
void place_long_word(std::string_view word, std::size_t width, std::size_t indent,
                     std::string& line, std::size_t& used, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < word.size()) {
    const std::size_t n =
        std::min(sequence_length(static_cast<unsigned char>(word[i])), word.size() - i);
    const std::string_view piece = word.substr(i, n);
    const std::size_t w = display_width(piece);
    // A line with nothing but its indent takes the piece whatever its width,
    // so that every line makes progress.
    if (used + w > width && used > indent) {
      out.push_back(std::move(line));
      line.assign(indent, ' ');
      used = indent;
    }
    line += piece;
    used += w;
    i += n;
  }
}

}  // namespace

std::vector<std::string> wrap_line(std::string_view line, std::size_t width, std::size_t indent) {
  if (display_width(line) <= width) return {std::string(line)};
  const std::size_t lead = line.find_first_not_of(' ');
  if (lead == std::string_view::npos) return {std::string(line)};
  indent = std::min(indent, width > 0 ? width - 1 : 0);

  // The words, each with the spaces before it (kept between words on one
  // line: "2026-11-20  cto" keeps its two; dropped at a break).
  std::vector<std::pair<std::string_view, std::string_view>> words;
  std::size_t at = lead;
  while (at < line.size()) {
    const std::size_t start = line.find_first_not_of(' ', at);
    if (start == std::string_view::npos) break;
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    words.emplace_back(line.substr(at, start - at), line.substr(start, end - start));
    at = end;
  }

  std::vector<std::string> out;
  std::string current(line.substr(0, lead));
  std::size_t used = lead;
  bool has_word = false;
  for (const auto& [space, word] : words) {
    const std::size_t w = display_width(word);
    if (has_word && used + display_width(space) + w <= width) {
      current += space;
      current += word;
      used += display_width(space) + w;
      continue;
    }
    if (has_word) {
      out.push_back(std::move(current));
      current.assign(indent, ' ');
      used = indent;
    }
    if (used + w <= width) {
      current += word;
      used += w;
    } else {
      place_long_word(word, width, indent, current, used, out);
    }
    has_word = true;
  }
  out.push_back(std::move(current));
  return out;
}

std::size_t hanging_indent(std::string_view line, std::size_t width) {
  const std::size_t lead = std::min(line.find_first_not_of(' '), line.size());
  std::size_t at = lead;
  bool structured = false;
  // "12. "
  std::size_t j = at;
  while (j < line.size() && is_digit(line[j])) ++j;
  if (j > at && line.substr(j).starts_with(". ")) {
    at = j + 2;
    structured = true;
  }
  // "[HIGH] [NEW] "
  while (at < line.size() && line[at] == '[') {
    const std::size_t close = line.find(']', at);
    if (close == std::string_view::npos || close - at > 12 || !line.substr(close).starts_with("] "))
      break;
    const std::string_view tag = line.substr(at + 1, close - at - 1);
    if (tag.empty() || !std::ranges::all_of(tag, [](char c) { return is_upper(c) || c == ' '; }))
      break;
    at = close + 2;
    structured = true;
  }
  if (!structured) {
    const std::string_view rest = line.substr(at);
    const auto is_date = [](std::string_view s) {
      return s.size() >= 10 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
             is_digit(s[3]) && s[4] == '-' && is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' &&
             is_digit(s[8]) && is_digit(s[9]);
    };
    if (is_date(rest) && rest.substr(10).starts_with("  ")) {
      at += 12;
    } else if (lead >= 3) {
      // A detail under an item: "Evidence: ", "Do: ".
      std::size_t k = 0;
      while (k < rest.size() && k <= 8 && is_letter(rest[k])) ++k;
      if (k > 0 && k <= 8 && is_upper(rest[0]) && rest.substr(k).starts_with(": ")) at += k + 2;
    }
  }
  // An indented line with nothing to hang under (a summary sentence): two
  // more, so that its continuation is not read as the next line's start.
  if (at == lead && lead > 0) return lead + 2;
  if (at > width / 2) return lead + 2;
  return at;
}

std::string wrap_text(std::string_view text, std::size_t width) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    const bool has_newline = end != std::string_view::npos;
    if (!has_newline) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.front() == k_laid_out) {
      out += line.substr(1);
    } else if (display_width(line) <= width) {
      out += line;
    } else {
      const auto lines = wrap_line(line, width, hanging_indent(line, width));
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += lines[i];
      }
    }
    if (has_newline) out += '\n';
    at = end + 1;
  }
  return out;
}

std::string report_table(const std::vector<std::string>& columns,
                         const std::vector<std::vector<std::string>>& rows, std::size_t table_width,
                         std::size_t text_width) {
  std::size_t wide = columns.empty() ? 0 : 2 * (columns.size() - 1);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::size_t w = display_width(columns[i]);
    for (const auto& r : rows) {
      if (i < r.size()) w = std::max(w, display_width(r[i]));
    }
    wide += w;
  }
  std::string out;
  const auto add = [&](std::string_view line) {
    out += k_laid_out;
    out += line;
    out += '\n';
  };
  if (wide <= table_width) {
    std::string table = text_table(columns, rows);
    if (table.ends_with('\n')) table.pop_back();
    for (const auto line : split(table, '\n')) add(line);
    return out;
  }
  // A row's cells are packed onto as few lines as fit, "First · Column:
  // value · Column: value", so a row of a wide table costs a line or three,
  // not one per column. A first column of row numbers joins the
  // second cell ("1. Renew the certificate").
  const bool numbered = columns.size() > 1 && (trim(columns[0]).empty() || trim(columns[0]) == "#");
  for (const auto& r : rows) {
    std::size_t next = 1;
    std::string head = r.empty() ? std::string() : r[0];
    if (numbered && r.size() > 1) {
      head = trim(head).empty() ? r[1] : head + ". " + r[1];
      next = 2;
    }
    // The head starts the first line; each other cell follows on it while it
    // fits, then on lines indented 2 (an item too long for a line of its
    // own wraps, indented 4).
    std::string line = head;
    std::size_t indent = 0;
    const auto flush = [&] {
      for (const auto& l : wrap_line(std::string(indent, ' ') + line, text_width, indent + 2)) add(l);
      line.clear();
      indent = 2;
    };
    for (std::size_t i = next; i < r.size() && i < columns.size(); ++i) {
      if (trim(r[i]).empty()) continue;
      const std::string item = columns[i].empty() ? r[i] : columns[i] + ": " + r[i];
      if (!line.empty() && indent + display_width(line) + 3 + display_width(item) > text_width) flush();
      line += line.empty() ? item : " · " + item;
    }
    flush();
  }
  return out;
}

}  // namespace quarterdeck::render
