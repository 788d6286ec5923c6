#include "model/money.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <limits>

namespace quarterdeck {
namespace {

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string group_thousands(std::string digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::optional<Money> Money::parse_decimal(std::string_view text, int precision) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (const char c : text) {
    if (c == ',' && !seen_point) continue;
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (seen_point) {
      if (++fraction_digits > precision) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    } else {
      if (whole > (k_max - (c - '0')) / 10) return std::nullopt;  // too large
      whole = whole * 10 + (c - '0');
    }
  }
  if (!seen_digit) return std::nullopt;
  fraction *= pow10(precision - fraction_digits);
  // whole * 10^precision + fraction must fit: larger amounts are an error, not an overflow.
  if (whole > (k_max - fraction) / pow10(precision)) return std::nullopt;
  const std::int64_t units = whole * pow10(precision) + fraction;
  return Money(negative ? -units : units, precision);
}

std::optional<Money> Money::checked_plus(Money o) const {
  std::int64_t r = 0;
  if (__builtin_add_overflow(units_, o.units_, &r)) return std::nullopt;
  return Money(r, precision_);
}

std::optional<Money> Money::checked_minus(Money o) const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(units_, o.units_, &r)) return std::nullopt;
  return Money(r, precision_);
}

std::optional<Money> Money::checked_negated() const {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(std::int64_t{0}, units_, &r)) return std::nullopt;
  return Money(r, precision_);
}

std::optional<Money> Money::checked_times(std::int64_t n) const {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(units_, n, &r)) return std::nullopt;
  return Money(r, precision_);
}

Money Money::divided_by(std::int64_t n) const {
  if (n == 0) return Money(0, precision_);
  const std::int64_t q = units_ / n;
  const std::int64_t r = units_ % n;
  std::int64_t result = q;
  if (std::llabs(r) * 2 >= std::llabs(n)) result += ((units_ < 0) != (n < 0)) ? -1 : 1;
  return Money(result, precision_);
}

std::string Money::to_decimal() const {
  const std::int64_t scale = pow10(precision_);
  const std::uint64_t magnitude =
      units_ < 0 ? static_cast<std::uint64_t>(-(units_ + 1)) + 1 : static_cast<std::uint64_t>(units_);
  const auto s = static_cast<std::uint64_t>(scale);
  std::string out = units_ < 0 ? "-" : "";
  out += fmt::format("{}", magnitude / s);
  if (precision_ > 0) out += fmt::format(".{:0{}}", magnitude % s, precision_);
  return out;
}

std::string Money::to_display(std::string_view symbol) const {
  const std::int64_t scale = pow10(precision_);
  const std::uint64_t magnitude =
      units_ < 0 ? static_cast<std::uint64_t>(-(units_ + 1)) + 1 : static_cast<std::uint64_t>(units_);
  const auto s = static_cast<std::uint64_t>(scale);
  std::string out = units_ < 0 ? "-" : "";
  out += symbol;
  out += group_thousands(fmt::format("{}", magnitude / s));
  if (precision_ > 0) out += fmt::format(".{:0{}}", magnitude % s, precision_);
  return out;
}

std::string currency_symbol(std::string_view code) {
  if (code == "USD" || code == "CAD" || code == "AUD" || code == "NZD") return code == "USD" ? "$" : std::string(code.substr(0, 2)) + "$";
  if (code == "EUR") return "€";
  if (code == "GBP") return "£";
  if (code == "JPY") return "¥";
  return std::string(code) + " ";
}

}  // namespace quarterdeck
