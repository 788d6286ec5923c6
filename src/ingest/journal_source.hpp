// What the journal reader decides about a file before it parses it, and what
// its errors may quote: the rules that keep a non-journal (an env file, a
// settings file, a key, a system file) from being read as one and echoed in
// errors (docs/config.md, "Journal", includes). Used by the journal reader;
// no other part of the program needs it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck::journal_detail {

// An env file by its name: `.env`, `NAME.env`, `.env.NAME`.
bool is_env_file_name(const std::filesystem::path& path);

// Why `text` is not a journal at all (NUL bytes; in its first 64 KiB a
// `NAME=VALUE` settings line or a PEM block), with the line and column where
// that shows; none of the content is quoted.
struct NotJournal {
  int line = 0;
  int column = 0;
  std::string why;
};
std::optional<NotJournal> not_a_journal(std::string_view text);

// What an error may quote of a line it does not understand: a word that can
// be a directive's name (letters and `-`, at most 16), or a token that can be
// a mistyped date (digits and separators, at most 12). Anything else (a key,
// a token, a line of base64) is described, never quoted.
bool quotable_word(std::string_view w);
bool quotable_date(std::string_view w);

}  // namespace quarterdeck::journal_detail
