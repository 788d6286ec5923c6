// Balance and register reports over a journal, as `ledger` and `hledger`
// compute them: per account and commodity, at each commodity's precision.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "analyze/fx.hpp"
#include "ingest/journal.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// One amount in a report: a commodity of the journal and a quantity at that
// commodity's display precision.
struct ReportAmount {
  std::uint32_t commodity = 0;
  std::int64_t quantity = 0;
};

// ledger's `-X COMMODITY` and `--value` (`-V`): each account's amounts
// valued at market prices on `date` (analyze/fx.hpp: the latest price on or
// before it, the inverse of one the other way, or through one intermediate
// commodity), summed exactly and rounded once, half away from zero, to the
// target's display precision. `-X` converts every commodity with a rate to
// `exchange`; `--value` converts each commodity that is not itself a price
// commodity to the commodity of its own latest price (one step), as ledger
// 3.3 does. An amount with no rate stays as it is.
struct Valuation {
  std::optional<std::uint32_t> exchange;  // -X: the target; nullopt: --value
  const RateTable* rates = nullptr;       // CommodityNames::as_written, from the journal
  Date date;
};

struct BalanceOptions {
  bool flat = false;
  int depth = 0;  // 0: all levels
  std::optional<Date> begin;  // inclusive, by posting date
  std::optional<Date> end;    // exclusive
  // ledger's -B: a posting with a cost (`@`, `@@`, a lot price, an inferred
  // price) counts at its cost, at the cost commodity's display precision
  // (a finer cost is rounded half away from zero there, per posting).
  bool cost = false;
  // When set, only the postings it accepts count, in every row and the
  // total (the postings of some entities, for a narrower report).
  std::function<bool(const Transaction&, const Posting&)> include;
  std::optional<Valuation> valuation;
  // ledger's --real: virtual postings `(…)` and `[…]` left out.
  bool real_only = false;
};

struct BalanceRow {
  std::string account;  // full name (flat) or the name shown at this level (tree)
  int indent = 0;       // tree level of the shown name
  std::vector<ReportAmount> amounts;  // non-zero, sorted by commodity symbol
};

struct BalanceReport {
  std::vector<BalanceRow> rows;
  std::vector<ReportAmount> total;
  std::string error;  // a valuation that does not fit in 64 bits: the account and commodity; else empty
};

BalanceReport balance_report(const Journal& journal, const BalanceOptions& options);

struct RegisterOptions {
  bool monthly = false;
  std::optional<std::regex> account_pattern;  // case-insensitive search in the account name
  std::optional<Date> begin, end;
  // When set, only the postings it accepts are listed and counted.
  std::function<bool(const Posting&)> include;
  // ledger's --real: virtual postings `(…)` and `[…]` left out.
  bool real_only = false;
};

struct RegisterRow {
  Date date;
  Date end_date;          // monthly rows: the month's last day
  std::string payee;      // monthly rows: empty
  std::string account;    // `(NAME)` or `[NAME]` for a virtual posting, as ledger shows it
  std::vector<ReportAmount> amount;
  std::vector<ReportAmount> running_total;
};

std::vector<RegisterRow> register_report(const Journal& journal, const RegisterOptions& options);

}  // namespace quarterdeck
