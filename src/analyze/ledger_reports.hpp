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

#include "ingest/journal.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// One amount in a report: a commodity of the journal and a quantity at that
// commodity's display precision.
struct ReportAmount {
  std::uint32_t commodity = 0;
  std::int64_t quantity = 0;
};

struct BalanceOptions {
  bool flat = false;
  int depth = 0;  // 0: all levels
  std::optional<Date> begin;  // inclusive, by posting date
  std::optional<Date> end;    // exclusive
  // When set, only the postings it accepts count, in every row and the
  // total (the postings of some entities, for a narrower report).
  std::function<bool(const Transaction&, const Posting&)> include;
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
