#include "ingest/journal_source.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace quarterdeck::journal_detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// True for a `NAME=VALUE`, `NAME = VALUE` or `export NAME=VALUE` line: the
// shape of env and settings (TOML, INI) files. No journal line has it: its
// directives are a word and a space, its transactions start with a digit.
bool is_setting_line(std::string_view line) {
  if (line.starts_with("export ")) line = trim(line.substr(7));
  if (line.empty() || !((line[0] >= 'A' && line[0] <= 'Z') || (line[0] >= 'a' && line[0] <= 'z') ||
                        line[0] == '_')) {
    return false;
  }
  std::size_t i = 0;
  while (i < line.size() && is_key_char(line[i])) ++i;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == '=';
}

}  // namespace

std::optional<NotJournal> not_a_journal(std::string_view text) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto before = text.substr(0, nul);
    const auto line_start = before.rfind('\n');
    const int line = static_cast<int>(std::ranges::count(before, '\n')) + 1;
    const int column =
        static_cast<int>(line_start == std::string_view::npos ? nul : nul - line_start - 1) + 1;
    return NotJournal{line, column, "NUL bytes (a binary or system file)"};
  }
  // The lines are looked at up to k_sniff_bytes only: a second pass over a
  // whole journal of a million transactions would cost a third of its read.
  // Past it, such a file is still refused line by line, and a parse error
  // quotes no more of a line than a word that can be a directive (quotable_word).
  constexpr std::size_t k_sniff_bytes = 64 * 1024;
  text = text.substr(0, k_sniff_bytes);
  int line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ++line_number;
    const std::string_view line = text.substr(pos, nl - pos);
    if (is_setting_line(line))
      return NotJournal{line_number, 1, "`NAME=VALUE` lines (an env or settings file)"};
    if (line.starts_with("-----BEGIN "))
      return NotJournal{line_number, 1, "a PEM block (a key or a certificate)"};
    pos = nl + 1;
  }
  return std::nullopt;
}

bool quotable_word(std::string_view w) {
  return !w.empty() && w.size() <= 16 && std::ranges::all_of(w, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
  });
}
bool quotable_date(std::string_view w) {
  return !w.empty() && w.size() <= 12 && std::ranges::all_of(w, [](char c) {
    return is_digit(c) || c == '-' || c == '/' || c == '.';
  });
}

bool is_env_file_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name == ".env" || name.ends_with(".env") || name.starts_with(".env.");
}

}  // namespace quarterdeck::journal_detail
