// The amount and date syntax of ledger journals: `$1,250.00`, `-$75.10`,
// `$-75.10`, `1250.00 USD`, `1250 EUR`; dates `2026-01-05`, `2026/1/5`.
// Used by the journal reader; no other part of the program needs it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/date.hpp"

namespace quarterdeck {

struct CommodityStyle;

namespace journal_detail {

inline constexpr int k_max_scale = 12;

// 10^n for n in 0..18.
std::int64_t pow10(int n);

// A parsed amount, before it is attached to a commodity id.
struct RawAmount {
  std::string_view commodity;
  bool prefix = false;
  bool spaced = false;
  bool thousands = false;
  std::int64_t quantity = 0;
  std::uint8_t scale = 0;
  char decimal_mark = '.';  // as read (parse_commodity_format)
};

// Parses [-][SYM[ ]][-]NUMBER[ [SYM]]. SYM is letters, `$`, `_` and
// non-ASCII bytes (`€`), or anything in double quotes (`"AAPL 2"`, kept with
// its quotes, as ledger shows it). NUMBER uses `.` as its decimal mark and
// `,` between thousands, or the reverse for a commodity in
// `comma_commodities` (declared `commodity 1.000,00 EUR`); a number that
// reads only with a decimal comma in any other commodity is refused, and
// `why` names the directive that would make it read. On failure returns
// nullopt, says why in `why`, and sets `error_at` to the offset of the fault.
std::optional<RawAmount> parse_amount(std::string_view s, std::string& why, std::size_t& error_at,
                                      std::span<const std::string> comma_commodities = {});

// A `commodity` directive's format, `1.000,00 EUR`, `$1,000.00`, `EUR 1000`:
// the symbol and side as parse_amount reads them; the decimal mark is the
// last of `.`/`,` when both appear, a mark that appears once when only one
// does, and the other one when it repeats (`1,000,000`); the precision is
// the digits after the decimal mark.
std::optional<RawAmount> parse_commodity_format(std::string_view s, std::string& why, std::size_t& error_at);

// Advances `i` over a commodity symbol in `s` (plain or quoted); false, with
// `why`, when there is none there.
bool read_symbol(std::string_view s, std::size_t& i, std::string& why);

// YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD, month and day with one or two digits,
// within Date's range. When `out_of_range` is given, it is set to whether a
// date of the right form failed only because it lies outside that range.
std::optional<Date> parse_date(std::string_view s, bool* out_of_range = nullptr);

}  // namespace journal_detail
}  // namespace quarterdeck
