#include "util/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace quarterdeck {
namespace {

// The length of the valid sequence starting at text[i], or 0 when it is not
// one. Written out rather than taken from a library: it is the RFC 3629
// table, and the callers need the position, which iconv does not give.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

// Where a problem was found, as a person counts: lines, and characters in
// the line. Counted only once a problem is found, so valid text (nearly all
// of it) costs one pass and no bookkeeping.
Utf8Problem locate(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  Utf8Problem p{offset, static_cast<int>(std::ranges::count(before, '\n')) + 1, 1,
                static_cast<unsigned char>(text[offset])};
  for (std::size_t i = line_start; i < offset; i += sequence_length(text, i)) ++p.column;
  return p;
}

std::optional<Utf8Problem> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // ASCII eight bytes at a time: journals and CSV files are nearly all ASCII.
    while (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const std::size_t n = sequence_length(text, i);
    if (n == 0) return locate(text, i);
    i += n;
  }
  return std::nullopt;
}

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

}  // namespace quarterdeck
