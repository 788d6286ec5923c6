// The ledger-format journal: transactions with postings, amounts exact.
//
// This reader takes the subset documented in docs/config.md ("Journal"):
// dated transactions with an optional mark and code, postings with
// `$1,250.00` or `1250.00 USD` amounts, one elided amount per transaction,
// and `;` comments. Anything else is reported with file:line:column and the
// transaction is skipped; nothing is silently dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct Posting {
  std::string account;
  std::string commodity;  // "$" or a code such as "USD"
  Money amount;
  bool elided = false;  // the amount was filled in to balance
  int line = 0;
};

struct Transaction {
  Date date;
  char mark = ' ';  // '*', '!' or ' '
  std::string code;
  std::string payee;
  std::vector<Posting> postings;
  int line = 0;
};

struct Journal {
  std::string file;  // as named in portfolio.toml
  std::vector<Transaction> transactions;  // in file order
};

Journal parse_journal(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace quarterdeck
