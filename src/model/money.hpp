// Money: an exact amount in a commodity's smallest unit.
//
// Amounts are integers (cents for a currency with two decimals), never
// floating point. A Money value carries its commodity and its precision
// (digits after the decimal point), as ledger keeps them per commodity.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quarterdeck {

class Money {
 public:
  Money() = default;
  Money(std::int64_t minor_units, int precision = 2) : units_(minor_units), precision_(precision) {}

  // Parses a plain decimal: "1250", "1250.5", "-75.10", "1,250.00".
  // The result has `precision` digits; more digits than that is an error
  // (nullopt), never silently rounded.
  static std::optional<Money> parse_decimal(std::string_view text, int precision = 2);

  std::int64_t units() const { return units_; }
  int precision() const { return precision_; }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }

  Money operator+(Money o) const { return Money(units_ + o.units_, precision_); }
  Money operator-(Money o) const { return Money(units_ - o.units_, precision_); }
  Money operator-() const { return Money(-units_, precision_); }
  Money& operator+=(Money o) {
    units_ += o.units_;
    return *this;
  }
  Money& operator-=(Money o) {
    units_ -= o.units_;
    return *this;
  }
  Money times(std::int64_t n) const { return Money(units_ * n, precision_); }
  // Checked arithmetic: nullopt when the result does not fit in 64 bits,
  // never a wrapped number.
  std::optional<Money> checked_plus(Money o) const;
  std::optional<Money> checked_minus(Money o) const;
  std::optional<Money> checked_negated() const;
  std::optional<Money> checked_times(std::int64_t n) const;
  // Integer division rounded half away from zero.
  Money divided_by(std::int64_t n) const;

  // "1250.00", "-75.10": plain decimal, for machines.
  std::string to_decimal() const;
  // "$1,250.00", "-$75.10": for people, with thousands separators.
  std::string to_display(std::string_view symbol = "$") const;

  auto operator<=>(const Money& o) const { return units_ <=> o.units_; }
  bool operator==(const Money& o) const { return units_ == o.units_; }

 private:
  std::int64_t units_ = 0;
  int precision_ = 2;
};

// The symbol amounts in an ISO 4217 currency are shown with: "$" for USD,
// "€" for EUR, "£" for GBP, ...; the code and a space for any other.
std::string currency_symbol(std::string_view code);

}  // namespace quarterdeck
