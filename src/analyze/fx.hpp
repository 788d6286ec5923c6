// Currencies: a table of market prices and the rule that converts an amount
// in one commodity into another.
//
// The table is filled from journals' prices (`P` directives, and the prices
// ledger records from postings' costs `@`/`@@`), the books' journal and the
// portfolio's price file (`[data] prices`) alike. A price on a date holds
// from that date until the next price of the same pair.
//
// The rate of A in B on a date is, in this order:
//   1. the latest A-in-B price on or before the date (of two on the same
//      date, the one read last);
//   2. else the inverse of the latest B-in-A price on or before the date,
//      as ledger uses a price both ways;
//   3. else through one intermediate commodity C: the rate of A in C times
//      the rate of C in B (each found by 1 or 2), the C whose older price is
//      the most recent (by name on a tie). Longer chains are not followed:
//      such an amount has no rate.
// Before the first price there is no rate: an amount then is *missing*.
//
// The books' rule (group reporting's, docs/config.md "Currencies"): profit
// and loss (Income, Revenue, Expenses) at the average of the month's daily
// rates; balances (cash, receivables, account balances) at the rate on the
// date of the balance. The average is over the days of the month that have
// a rate, rounded half away from zero to 10 decimal places.
//
// Rates are exact: a price is the decimal as written, an inverse or a chain
// an exact fraction of such decimals. A conversion multiplies in 128 bits
// and rounds once, half away from zero, to the target's decimal places; a
// result that does not fit in 64 bits is refused (nullopt), never wrapped.
//
// A RateTable is immutable once filled and may be read from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/journal.hpp"
#include "util/date.hpp"

namespace quarterdeck {

__extension__ typedef __int128 FxInt;

// One unit of a commodity is worth num / den of another; den > 0.
struct Rate {
  FxInt num = 0;
  FxInt den = 1;

  // An exact decimal: `units` / 10^scale.
  static Rate decimal(std::int64_t units, int scale);
  // The rate as a person reads it: "0.0512", "1.1", "18.4324"; at most
  // 6 significant digits after the point, rounded half away from zero,
  // trailing zeros dropped.
  std::string to_string() const;
  bool operator==(const Rate& o) const { return num * o.den == o.num * den; }
};

// A rate and where it came from, for a figure's evidence.
struct RateQuote {
  Rate rate;
  Date date;  // the price's date (of a chain's older price; an average: the month's last price)
  std::string file;      // the file of the (latest) price used
  std::string via;       // the intermediate commodity of a chain, else empty
  bool inverse = false;  // the inverse of a price in the other direction
  int days = 0;          // an average: the days of the month it covers
};

// How a table names commodities.
enum class CommodityNames : std::uint8_t {
  as_written,      // "$" and "USD" are two commodities, as in ledger
  currency_codes,  // "$" is "USD", "€" is "EUR" (currency_code): the books
};

// "USD" for "$", "EUR" for "€", "GBP" for "£", "JPY" for "¥"; any other
// name as it is. (A portfolio in CAD writes its dollars `CAD`: `$` is USD.)
std::string_view currency_code(std::string_view symbol);

class RateTable {
 public:
  explicit RateTable(CommodityNames names = CommodityNames::as_written) : names_(names) {}

  // Adds every price of `journal`, in its order (after those added before).
  void add(const Journal& journal);
  // Adds one price: one `commodity` was worth `units` / 10^scale of
  // `in_commodity` on `date`, from `file`.
  void add(std::string_view commodity, std::string_view in_commodity, Date date, std::int64_t units,
           int scale, std::string_view file);

  bool empty() const { return pairs_.empty(); }
  // Commodity names as the table keys them (currency_code for currency_codes).
  std::string name(std::string_view commodity) const;

  // The rate of `from` in `to` on `date` (the rule above); nullopt before
  // the first price or without one. A commodity in itself is 1.
  std::optional<RateQuote> on(std::string_view from, std::string_view to, Date date) const;
  // The average of the rates of `from` in `to` on each day of `month` that
  // has one; nullopt when none has.
  std::optional<RateQuote> month_average(std::string_view from, std::string_view to,
                                         Month month) const;
  // ledger's `--value` target: the commodity of the latest price of
  // `commodity` on or before `date` (a price *of* it, not the inverse of a
  // price in it); nullopt when it has none.
  std::optional<std::string> price_commodity(std::string_view commodity, Date date) const;
  // Whether `commodity` is the price side of any price (ledger's "primary"
  // commodities, which `--value` leaves as they are).
  bool is_price_commodity(std::string_view commodity) const;
  // The latest date of any price; nullopt for an empty table.
  std::optional<Date> last_date() const;

 private:
  struct Point {
    Date date;
    Rate rate;
    std::string file;
  };
  // The latest direct (from, to) price on or before `date`.
  const Point* latest(const std::string& from, const std::string& to, Date date) const;
  std::optional<RateQuote> direct_or_inverse(const std::string& from, const std::string& to,
                                             Date date) const;

  CommodityNames names_;
  std::map<std::pair<std::string, std::string>, std::vector<Point>> pairs_;  // by date, stable
  std::map<std::string, std::vector<std::string>> neighbours_;               // either direction
};

// `units` / 10^scale of a commodity at `rate`, in units of 10^-to_scale of
// the other, rounded half away from zero; nullopt when it does not fit in
// 64 bits.
std::optional<std::int64_t> convert(std::int64_t units, int scale, const Rate& rate, int to_scale);

}  // namespace quarterdeck
