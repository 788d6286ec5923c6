// UTF-8 checks for text read from input files.
//
// Every text input (TOML, journal, CSV, Markdown notes, dotenv) must be UTF-8
// (docs/config.md "Input limits"): a byte sequence that is not is a located
// error, never passed on to the reports. A byte-order mark at the start of a
// file is allowed and skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace quarterdeck {

// Where the first invalid UTF-8 sequence in `text` is, or nullopt when all of
// it is valid. Overlong forms, surrogates and code points above U+10FFFF are
// invalid, as RFC 3629 says.
struct Utf8Problem {
  std::size_t offset = 0;  // byte offset of the sequence's first byte
  int line = 1;            // 1-based
  int column = 1;          // 1-based, in characters (code points) before it, plus one
  unsigned char byte = 0;  // the offending byte, for "found byte 0xE9"
};
std::optional<Utf8Problem> find_invalid_utf8(std::string_view text);

// `text` without a leading UTF-8 byte-order mark (EF BB BF), if it has one.
std::string_view strip_bom(std::string_view text);

}  // namespace quarterdeck
