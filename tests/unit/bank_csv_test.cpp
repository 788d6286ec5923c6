#include "ingest/bank_csv.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

#include "ingest/journal.hpp"

namespace quarterdeck {
namespace {


constexpr std::string_view k_rules =
    "skip 1\n"
    "fields date, description, amount\n"
    "date-format %m/%d/%Y\n"
    "account1 Liabilities:R:Card\n"
    "if HOME DEPOT\n"
    "  account2 Expenses:R:Maintenance\n";

TEST(BankCsv, ConvertsMatchedAndUnknownLinesWithTheirCsvLines) {
  Diagnostics diags;
  const auto converted = convert_bank_csv(
      "Date,Description,Amount\n08/03/2026,HOME DEPOT #1832,-184.37\n08/21/2026,\"SQ *LOCKSMITH, LLC\",-95.00\n"
      "08/28/2026,REFUND,12.00\n",
      "card.csv", k_rules, "card.rules", "R", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(converted.rows, 3);
  EXPECT_EQ(converted.uncategorised, 2);
  Journal journal;
  append_converted(journal, converted.text, "card.csv", converted.lines, diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(journal.transactions.size(), 3u);
  EXPECT_EQ(journal.where(journal.transactions[0]), "card.csv:2");
  EXPECT_EQ(journal.where(journal.transactions[2]), "card.csv:4");
  EXPECT_EQ(journal.transactions[1].payee, "SQ *LOCKSMITH, LLC");
  const auto p = journal.postings_of(journal.transactions[1]);
  EXPECT_EQ(journal.account_name(p[1]), "Expenses:R:Unknown");
  EXPECT_EQ(journal.money(p[1]).units(), 9500);
  EXPECT_EQ(journal.account_name(journal.postings_of(journal.transactions[2])[1]), "Income:R:Unknown");
  EXPECT_EQ(journal.account_name(journal.postings_of(journal.transactions[0])[1]), "Expenses:R:Maintenance");
}

TEST(BankCsv, BadDateAndAmountPointAtTheField) {
  Diagnostics diags;
  convert_bank_csv("Date,Description,Amount\n2026-08-03,X,-1.00\n08/04/2026,Y,12..0\n", "card.csv", k_rules,
                   "card.rules", "", diags);
  ASSERT_EQ(diags.size(), 2u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "card.csv:2:1: invalid date: expected a date from 1900-01-01 to 2999-12-31 in the format `%m/%d/%Y`, found `2026-08-03`");
  EXPECT_EQ(diags[1].to_string(),
            "card.csv:3:14: invalid amount: expected a decimal such as 1,250.00 or (12.50), found `12..0`");
}

TEST(BankCsv, RulesErrors) {
  Diagnostics diags;
  convert_bank_csv("", "card.csv",
                   "skip 1\nfeilds date, amount\nif [unclosed\n  account2 X\nif FOO\n  acount2 Y\n", "card.rules", "",
                   diags);
  ASSERT_GE(diags.size(), 4u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "card.rules:2:1: unknown rules directive `feilds`: expected skip, separator, fields, date-format, "
            "currency, account1 or if, found `feilds` (did you mean `fields`?)");
  EXPECT_EQ(diags[1].message, "invalid regular expression");
  EXPECT_EQ(diags[1].where.line, 3);
  EXPECT_EQ(diags[2].message, "unknown assignment `acount2` in an if block");
  EXPECT_EQ(diags[2].where.line, 6);
  EXPECT_EQ(diags[3].message, "no `fields` directive");
}

}  // namespace
}  // namespace quarterdeck
