#include "model/report.hpp"

#include <fmt/format.h>


namespace quarterdeck {
namespace {

std::string scaled_decimal(std::int64_t scaled, int scale) {
  return Money(scaled, scale).to_decimal();
}

}  // namespace

Quantity Quantity::percent_of(std::int64_t numerator, std::int64_t denominator) {
  // One decimal: round(numerator * 1000 / denominator) / 10.
  return ratio_of(numerator * 100, denominator, Kind::percent);
}

Quantity Quantity::ratio_of(std::int64_t numerator, std::int64_t denominator, Kind kind) {
  if (denominator == 0) return {kind, 0, 1};
  const Money tenths = Money(numerator * 10, 0).divided_by(denominator);
  return {kind, tenths.units(), 1};
}

std::string Quantity::to_decimal() const { return scaled_decimal(scaled, scale); }

std::string Quantity::to_display(std::string_view symbol) const {
  switch (kind) {
    case Kind::money: return Money(scaled, scale).to_display(symbol);
    case Kind::count: return Money(scaled, scale).to_display("");
    // With thousands separators, as amounts and counts have them.
    case Kind::percent: return Money(scaled, scale).to_display("") + "%";
    case Kind::months: return Money(scaled, scale).to_display("") + " months";
    case Kind::ratio: return Money(scaled, scale).to_display("");
  }
  return to_decimal();
}

}  // namespace quarterdeck
