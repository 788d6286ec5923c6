// Bank exports in CSV, read through a rules file in the spirit of hledger's
// CSV rules, so an entity whose books are only a bank statement can still be
// read. The rules say which columns are the date, description and amount,
// how dates are written, the bank account (account1), and `if` blocks that
// set the other side (account2) for matching lines. A line no rule matches
// goes to `Expenses:Unknown` or `Income:Unknown` (`Expenses:SEG:Unknown` when
// the source names an entity), which the accounting report lists.
//
// Rules syntax (one directive a line; `#` or `;` comments):
//   skip N                      header lines to skip (default 1)
//   separator C                 field separator (default ,)
//   fields NAME, NAME, ...      date, description, amount, amount-in,
//                               amount-out, code, comment; other names ignored
//   date-format FORMAT          %Y %y %m %d %-m %-d %b and literal characters
//   currency SYMBOL             `$` (prefix) or a code such as USD (suffix)
//   account1 ACCOUNT            the bank account
//   if PATTERN                  case-insensitive regular expression matched
//   if                          against the whole line; several patterns on
//   PATTERN                     the lines after a bare `if` (any may match);
//    account2 ACCOUNT           then indented assignments: account2, comment,
//    comment TEXT               description
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"

namespace quarterdeck {

struct ConvertedJournal {
  std::string text;        // ledger-format journal text
  std::vector<int> lines;  // for each line of `text`, the CSV line it came from
  int rows = 0;
  int uncategorised = 0;
};

// Converts the CSV `csv_text` (named `csv_file`) with the rules `rules_text`
// (named `rules_file`). `entity_segment` (may be empty) names the entity in
// the Unknown accounts. Problems are appended to `diagnostics`.
ConvertedJournal convert_bank_csv(std::string_view csv_text, const std::string& csv_file,
                                  std::string_view rules_text, const std::string& rules_file,
                                  const std::string& entity_segment, Diagnostics& diagnostics);

}  // namespace quarterdeck
