// Reading a text input file: the checks every reader makes before it parses.
//
// A text input (portfolio and entity TOML, the env file, CSV data, bank
// rules, Markdown notes, templates) is a regular file of at most
// k_max_input_bytes (util/files.hpp), in UTF-8; a byte-order mark at its
// start is skipped (docs/config.md "Input limits"). A file that breaks one
// of these is reported as a Diagnostic naming `display` (the file as the
// person wrote it, relative to the portfolio) and, for a byte that is not
// UTF-8, its line and column; its content is then not passed on at all, so
// no reader sees bytes the reports could not hold.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/diagnostic.hpp"

namespace quarterdeck {

// `text` without a leading byte-order mark, or nullopt (and a diagnostic at
// the first invalid byte) when it is not UTF-8. For text already in memory,
// such as a fuzzer's input.
std::optional<std::string_view> checked_text(std::string_view text, const std::string& display,
                                             Diagnostics& diagnostics);

// Reads `path` and checks it as checked_text does. nullopt, with one
// diagnostic, when it cannot be read (missing, not a regular file, over the
// size limit) or is not UTF-8.
std::optional<std::string> read_text_input(const std::filesystem::path& path,
                                           const std::string& display, Diagnostics& diagnostics);

}  // namespace quarterdeck
