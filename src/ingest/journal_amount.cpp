#include "ingest/journal_amount.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ingest/journal.hpp"

namespace quarterdeck {
namespace journal_detail {
namespace {

constexpr std::int64_t k_pow10[] = {1,
                                    10,
                                    100,
                                    1000,
                                    10000,
                                    100000,
                                    1000000,
                                    10000000,
                                    100000000,
                                    1000000000,
                                    10000000000,
                                    100000000000,
                                    1000000000000,
                                    10000000000000,
                                    100000000000000,
                                    1000000000000000,
                                    10000000000000000,
                                    100000000000000000,
                                    1000000000000000000};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that may make up a commodity symbol: letters, `$`, and any
// non-ASCII byte (so `€`, `£`, `¥` work); not digits, signs, separators.
bool is_commodity_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  return c == '$' || c == '_';
}

}  // namespace

namespace {

// Reads the digits and marks of a number written with `mark` as its decimal
// mark and the other of `.`/`,` as its thousands separator (groups of three
// after the first). Returns false when the token is not such a number.
bool read_number(std::string_view token, char mark, RawAmount& a, std::string& why) {
  const char separator = mark == '.' ? ',' : '.';
  std::int64_t value = 0;
  int scale = -1;  // -1: no decimal mark yet
  int group = -1;  // digits since the last separator; -1: no separator yet
  bool any_digit = false;
  for (const char c : token) {
    if (is_digit(c)) {
      if (value > (INT64_MAX - 9) / 10) {
        why = "an amount too large: at most 18 digits fit in the 64-bit integer amounts are kept in";
        return false;
      }
      value = value * 10 + (c - '0');
      any_digit = true;
      if (scale >= 0) {
        if (++scale > k_max_scale) {
          why = fmt::format("more than {} decimal places", k_max_scale);
          return false;
        }
      } else if (group >= 0) {
        ++group;
      }
    } else if (c == separator && scale < 0 && any_digit && (group < 0 || group == 3)) {
      a.thousands = true;
      group = 0;
    } else if (c == mark && scale < 0 && (group < 0 || group == 3)) {
      scale = 0;
    } else {
      why = fmt::format("an unknown number format `{}`", token);
      return false;
    }
  }
  if (!any_digit || (group >= 0 && scale < 0 && group != 3)) {
    why = fmt::format("an unknown number format `{}`", token);
    return false;
  }
  a.quantity = value;
  a.scale = static_cast<std::uint8_t>(scale < 0 ? 0 : scale);
  return true;
}

// `1.000,00` or `12,50`: a number that reads only with a decimal comma.
bool decimal_comma_only(std::string_view token) {
  const auto comma = token.rfind(',');
  if (comma == std::string_view::npos) return false;
  const auto dot = token.rfind('.');
  if (dot != std::string_view::npos) return dot < comma;
  return token.size() - comma - 1 != 3;
}

}  // namespace

std::optional<RawAmount> parse_amount(std::string_view s, std::string& why, std::size_t& error_at,
                                      std::span<const std::string> comma_commodities) {
  RawAmount a;
  std::size_t i = 0;
  bool negative = false;
  error_at = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  if (i < s.size() && (s[i] == '"' || is_commodity_char(s[i]))) {
    const std::size_t start = i;
    if (!read_symbol(s, i, why)) {
      error_at = start;
      return std::nullopt;
    }
    a.commodity = s.substr(start, i - start);
    a.prefix = true;
    while (i < s.size() && is_space(s[i])) {
      a.spaced = true;
      ++i;
    }
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      if (s[i] == '-') negative = !negative;
      ++i;
    }
  }
  // The number: digits and marks; which mark is decimal depends on the commodity.
  const std::size_t number_start = i;
  while (i < s.size() && (is_digit(s[i]) || s[i] == ',' || s[i] == '.')) ++i;
  const std::string_view token = s.substr(number_start, i - number_start);
  if (!a.prefix) {
    std::size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    const std::size_t start = j;
    if (j < s.size() && (s[j] == '"' || is_commodity_char(s[j]))) {
      if (!read_symbol(s, j, why)) {
        error_at = start;
        return std::nullopt;
      }
      a.commodity = s.substr(start, j - start);
      a.spaced = start > i;
      i = j;
    }
  }
  while (i < s.size() && is_space(s[i])) ++i;
  if (i != s.size() && token.empty()) {
    why = fmt::format("`{}` where a number belongs", s.substr(i, 1));
    error_at = i;
    return std::nullopt;
  }
  const bool comma = std::ranges::find(comma_commodities, a.commodity) != comma_commodities.end();
  if (!read_number(token, comma ? ',' : '.', a, why)) {
    if (!comma && decimal_comma_only(token)) {
      const std::string symbol = a.commodity.empty() ? "SYMBOL" : std::string(a.commodity);
      why = fmt::format("`{}`, which reads only with a decimal comma: a `commodity {}` directive "
                        "before it would make it read",
                        token, a.prefix ? fmt::format("{} {}", symbol, token)
                                        : fmt::format("{} {}", token, symbol));
    }
    error_at = number_start;
    return std::nullopt;
  }
  if (negative) a.quantity = -a.quantity;
  if (i != s.size()) {
    why = fmt::format("`{}` after the amount", s.substr(i));
    error_at = i;
    return std::nullopt;
  }
  return a;
}

std::optional<RawAmount> parse_commodity_format(std::string_view s, std::string& why, std::size_t& error_at) {
  std::size_t first = 0;
  while (first < s.size() && !is_digit(s[first])) ++first;
  if (first == s.size()) {
    why = "no number in the format";
    error_at = 0;
    return std::nullopt;
  }
  std::size_t last = first;
  while (last < s.size() && (is_digit(s[last]) || s[last] == ',' || s[last] == '.')) ++last;
  const std::string_view token = s.substr(first, last - first);
  const auto dots = std::ranges::count(token, '.');
  const auto commas = std::ranges::count(token, ',');
  char mark = '.';
  if (dots > 0 && commas > 0) {
    mark = token.rfind(',') > token.rfind('.') ? ',' : '.';
  } else if (commas == 1) {
    mark = ',';
  } else if (dots > 1) {
    mark = ',';
  }
  // Read as parse_amount would with this mark: the symbol's side and spacing too.
  const std::string comma_symbol = [&] {
    std::size_t i = 0;
    std::string unused;
    const std::string_view before = s.substr(0, first);
    std::string_view trimmed = before;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
    if (!trimmed.empty() && read_symbol(trimmed, i, unused) && i == trimmed.size()) return std::string(trimmed);
    std::string_view after = s.substr(last);
    while (!after.empty() && (after.front() == ' ' || after.front() == '\t')) after.remove_prefix(1);
    return std::string(after);
  }();
  const std::string marks[] = {comma_symbol};
  auto a = parse_amount(s, why, error_at,
                        mark == ',' ? std::span<const std::string>(marks) : std::span<const std::string>());
  if (!a) return std::nullopt;
  if (a->commodity.empty()) {
    why = "a format without a commodity symbol";
    error_at = 0;
    return std::nullopt;
  }
  a->decimal_mark = mark;
  return a;
}

bool read_symbol(std::string_view s, std::size_t& i, std::string& why) {
  if (i < s.size() && s[i] == '"') {
    const auto close = s.find('"', i + 1);
    if (close == std::string_view::npos || close == i + 1) {
      why = close == std::string_view::npos ? "a quoted commodity without its closing `\"`"
                                            : "an empty quoted commodity `\"\"`";
      return false;
    }
    i = close + 1;
    return true;
  }
  const std::size_t start = i;
  while (i < s.size() && is_commodity_char(s[i])) ++i;
  if (i == start) {
    why = "no commodity symbol";
    return false;
  }
  return true;
}

std::optional<Date> parse_date(std::string_view s, bool* out_of_range) {
  if (out_of_range != nullptr) *out_of_range = false;
  if (s.size() < 8 || s.size() > 10) return std::nullopt;
  int y = 0;
  for (int k = 0; k < 4; ++k) {
    if (!is_digit(s[static_cast<std::size_t>(k)])) return std::nullopt;
    y = y * 10 + (s[static_cast<std::size_t>(k)] - '0');
  }
  const char sep = s[4];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  std::size_t i = 5;
  const auto number = [&](int& out) {
    out = 0;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < 2) out = out * 10 + (s[i++] - '0');
    return i > start;
  };
  int m = 0;
  int d = 0;
  if (!number(m) || i >= s.size() || s[i] != sep) return std::nullopt;
  ++i;
  if (!number(d) || i != s.size()) return std::nullopt;
  auto date = Date::from_ymd(y, m, d);
  if (!date && out_of_range != nullptr && (y < Date::k_first_year || y > Date::k_last_year)) {
    // Is it a calendar date at all? Check the same month and day in a leap year in range.
    *out_of_range = Date::from_ymd(2000, m, d).has_value();
  }
  return date;
}


std::int64_t pow10(int n) { return k_pow10[n]; }

}  // namespace journal_detail

std::string format_amount(std::int64_t quantity, const CommodityStyle& style) {
  if (quantity == 0 && style.symbol.empty()) return "0";
  const bool negative = quantity < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(quantity + 1)) + 1 : static_cast<std::uint64_t>(quantity);
  const auto scale = static_cast<std::uint64_t>(journal_detail::pow10(style.precision));
  std::string whole = fmt::format("{}", magnitude / scale);
  if (style.thousands && whole.size() > 3) {
    std::string grouped;
    const std::size_t n = whole.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && (n - i) % 3 == 0) grouped += style.decimal_mark == ',' ? '.' : ',';
      grouped += whole[i];
    }
    whole = std::move(grouped);
  }
  std::string number = whole;
  if (style.precision > 0)
    number += fmt::format("{}{:0{}}", style.decimal_mark, magnitude % scale, style.precision);
  if (negative) number = "-" + number;
  if (style.symbol.empty()) return number;
  const std::string_view gap = style.spaced ? " " : "";
  return style.prefix ? fmt::format("{}{}{}", style.symbol, gap, number)
                      : fmt::format("{}{}{}", number, gap, style.symbol);
}

}  // namespace quarterdeck
