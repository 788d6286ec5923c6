#include "ingest/journal_amount.hpp"

#include <fmt/format.h>

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

std::optional<RawAmount> parse_amount(std::string_view s, std::string& why, std::size_t& error_at) {
  RawAmount a;
  std::size_t i = 0;
  bool negative = false;
  error_at = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  if (i < s.size() && s[i] == '"') {
    why = "a quoted commodity (not supported)";
    error_at = i;
    return std::nullopt;
  }
  if (i < s.size() && is_commodity_char(s[i])) {
    const std::size_t start = i;
    while (i < s.size() && is_commodity_char(s[i])) ++i;
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
  // The number: digits, optional `,` thousands groups, optional `.` decimals.
  const std::size_t number_start = i;
  std::int64_t value = 0;
  int scale = -1;  // -1: no point yet
  int group = -1;  // digits since the last comma; -1: no comma yet
  bool any_digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      if (value > (INT64_MAX - 9) / 10) {
        why = "an amount too large: at most 18 digits fit in the 64-bit integer amounts are kept in";
        error_at = number_start;
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
      any_digit = true;
      if (scale >= 0) {
        if (++scale > k_max_scale) {
          why = fmt::format("more than {} decimal places", k_max_scale);
          error_at = number_start;
          return std::nullopt;
        }
      } else if (group >= 0) {
        ++group;
      }
    } else if (c == ',' && scale < 0 && any_digit && (group < 0 || group == 3)) {
      a.thousands = true;
      group = 0;
    } else if (c == '.' && scale < 0 && (group < 0 || group == 3)) {
      scale = 0;
    } else {
      break;
    }
  }
  if (!any_digit || (group >= 0 && scale < 0 && group != 3) || (i < s.size() && (s[i] == ',' || s[i] == '.'))) {
    why = "an unknown number format `" + std::string(s.substr(number_start, i - number_start + (i < s.size()))) + "`";
    error_at = number_start;
    return std::nullopt;
  }
  a.quantity = negative ? -value : value;
  a.scale = static_cast<std::uint8_t>(scale < 0 ? 0 : scale);
  if (!a.prefix) {
    std::size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j < s.size() && s[j] == '"') {
      why = "a quoted commodity (not supported)";
      error_at = j;
      return std::nullopt;
    }
    const std::size_t start = j;
    while (j < s.size() && is_commodity_char(s[j])) ++j;
    if (j > start) {
      a.commodity = s.substr(start, j - start);
      a.spaced = start > i;
      i = j;
    }
  }
  while (i < s.size() && is_space(s[i])) ++i;
  if (i != s.size()) {
    why = fmt::format("`{}` after the amount", s.substr(i));
    error_at = i;
    return std::nullopt;
  }
  return a;
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
      if (i > 0 && (n - i) % 3 == 0) grouped += ',';
      grouped += whole[i];
    }
    whole = std::move(grouped);
  }
  std::string number = whole;
  if (style.precision > 0) number += fmt::format(".{:0{}}", magnitude % scale, style.precision);
  if (negative) number = "-" + number;
  if (style.symbol.empty()) return number;
  const std::string_view gap = style.spaced ? " " : "";
  return style.prefix ? fmt::format("{}{}{}", style.symbol, gap, number)
                      : fmt::format("{}{}{}", number, gap, style.symbol);
}

}  // namespace quarterdeck
