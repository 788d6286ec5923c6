#include "ingest/journal.hpp"

#include <gtest/gtest.h>

namespace quarterdeck {
namespace {

std::string all(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.to_string() + "\n";
  return out;
}

TEST(Journal, ParsesTheDocumentedSubset) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "; a comment line\n"                                            // 1
      "# another comment\n"                                           // 2
      "\n"                                                            // 3
      "2026-10-01 * (1022) Indigo Underhill  ; deposit\n"             // 4
      "    Assets:JADA:Checking               $1,250.00\n"            // 5
      "    Income:JADA:Charters              -$1,250.00  ; note\n"    // 6
      "\n"                                                            // 7
      "2026/10/02 ! Point Harbor Marina\n"                            // 8
      "    ; a comment inside the transaction\n"                      // 9
      "    Expenses:JADA:Dockage                $75.10\n"             // 10
      "    Assets:JADA:Checking\n"                                    // 11
      "\n"                                                            // 12
      "2026-10-03 Coastal Supply\n"                                   // 13
      "\tExpenses:JADA:Supplies\t1250.00 USD\n"                       // 14
      "    Liabilities:JADA:Card  -1,250.00 USD\n"                    // 15
      "2026-10-04 * Refund\n"                                         // 16
      "    Assets:JADA:Checking  -$75.10\n"                           // 17
      "    Expenses:JADA:Dockage  $-75.10\n"                          // 18
      "    Income:JADA:Refunds  $150.20\n",                           // 19
      "data/books.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(j.file, "data/books.journal");
  ASSERT_EQ(j.transactions.size(), 4u);

  const Transaction& t0 = j.transactions[0];
  EXPECT_EQ(t0.date.to_string(), "2026-10-01");
  EXPECT_EQ(t0.mark, '*');
  EXPECT_EQ(t0.code, "1022");
  EXPECT_EQ(t0.payee, "Indigo Underhill");
  EXPECT_EQ(t0.line, 4);
  ASSERT_EQ(t0.postings.size(), 2u);
  EXPECT_EQ(t0.postings[0].account, "Assets:JADA:Checking");
  EXPECT_EQ(t0.postings[0].commodity, "$");
  EXPECT_EQ(t0.postings[0].amount.units(), 125000);
  EXPECT_EQ(t0.postings[0].line, 5);
  EXPECT_FALSE(t0.postings[0].elided);
  EXPECT_EQ(t0.postings[1].account, "Income:JADA:Charters");
  EXPECT_EQ(t0.postings[1].amount.units(), -125000);

  const Transaction& t1 = j.transactions[1];
  EXPECT_EQ(t1.date.to_string(), "2026-10-02");
  EXPECT_EQ(t1.mark, '!');
  EXPECT_EQ(t1.code, "");
  EXPECT_EQ(t1.payee, "Point Harbor Marina");
  ASSERT_EQ(t1.postings.size(), 2u);
  EXPECT_EQ(t1.postings[0].amount.units(), 7510);
  // The elided amount is filled in to balance.
  EXPECT_TRUE(t1.postings[1].elided);
  EXPECT_EQ(t1.postings[1].account, "Assets:JADA:Checking");
  EXPECT_EQ(t1.postings[1].commodity, "$");
  EXPECT_EQ(t1.postings[1].amount.units(), -7510);
  EXPECT_EQ(t1.postings[1].line, 11);

  const Transaction& t2 = j.transactions[2];
  EXPECT_EQ(t2.mark, ' ');
  EXPECT_EQ(t2.payee, "Coastal Supply");
  ASSERT_EQ(t2.postings.size(), 2u);
  EXPECT_EQ(t2.postings[0].account, "Expenses:JADA:Supplies");
  EXPECT_EQ(t2.postings[0].commodity, "USD");
  EXPECT_EQ(t2.postings[0].amount.units(), 125000);
  EXPECT_EQ(t2.postings[1].commodity, "USD");
  EXPECT_EQ(t2.postings[1].amount.units(), -125000);

  // A transaction line closes the one before it even without a blank line.
  const Transaction& t3 = j.transactions[3];
  EXPECT_EQ(t3.line, 16);
  ASSERT_EQ(t3.postings.size(), 3u);
  EXPECT_EQ(t3.postings[0].amount.units(), -7510);
  EXPECT_EQ(t3.postings[1].amount.units(), -7510);  // `$-75.10` is negative too
  EXPECT_EQ(t3.postings[2].amount.units(), 15020);
}

TEST(Journal, ElidedAmountInUsd) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-03 Supplier\n"
      "    Expenses:X:Supplies  10.00 USD\n"
      "    Expenses:X:Tax  0.80 USD\n"
      "    Liabilities:X:Card\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 1u);
  const Posting& p = j.transactions[0].postings[2];
  EXPECT_TRUE(p.elided);
  EXPECT_EQ(p.commodity, "USD");
  EXPECT_EQ(p.amount.units(), -1080);
}

TEST(Journal, UnbalancedTransactionNamesLineAndRemainder) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-01 * Good\n"
      "    A:X:Cash  $10.00\n"
      "    B:X:Income  -$10.00\n"
      "\n"
      "2026-10-02 * Off by a bit\n"
      "    A:X:Cash  $1,250.00\n"
      "    B:X:Income  -$1,249.90\n"
      "\n"
      "2026-10-03 * Off in USD\n"
      "    A:X:Cash  5.00 USD\n"
      "    B:X:Income  -7.50 USD\n",
      "data/books.journal", diags);
  ASSERT_EQ(diags.size(), 2u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/books.journal:5:1: transaction does not balance: expected postings summing to zero, "
            "found a remainder of $0.10");
  EXPECT_EQ(diags[1].to_string(),
            "data/books.journal:9:1: transaction does not balance: expected postings summing to zero, "
            "found a remainder of -2.50 USD");
  // The bad transactions are skipped, the good one kept.
  ASSERT_EQ(j.transactions.size(), 1u);
  EXPECT_EQ(j.transactions[0].payee, "Good");
}

TEST(Journal, InvalidDate) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-02-30 * Impossible\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "\n"
      "2026-03-01 * Fine\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n",
      "j.journal", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);  // its postings are not reported again
  EXPECT_EQ(diags[0].to_string(),
            "j.journal:1:1: invalid date: expected YYYY-MM-DD or YYYY/MM/DD, found `2026-02-30`");
  ASSERT_EQ(j.transactions.size(), 1u);
  EXPECT_EQ(j.transactions[0].payee, "Fine");
}

TEST(Journal, InvalidAmountIsReportedAtItsColumn) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-01 * Too many decimals\n"
      "    A:X:Cash  $1.005\n"
      "    B:X:Income\n"
      "\n"
      "2026-10-02 * Lower-case commodity\n"
      "    A:X:Cash    12.00 usd\n"
      "    B:X:Income\n"
      "\n"
      "2026-10-03 * No commodity\n"
      "    A:X:Cash  12.00\n"
      "    B:X:Income\n",
      "j.journal", diags);
  ASSERT_EQ(diags.size(), 3u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j.journal:2:15: invalid amount: expected an amount such as `$1,250.00` or `1250.00 USD`, "
            "found `1.005`");
  EXPECT_EQ(diags[1].where.line, 6);
  EXPECT_EQ(diags[1].where.column, 17);
  EXPECT_EQ(diags[1].found, "commodity `usd`");
  EXPECT_EQ(diags[2].where.line, 10);
  EXPECT_EQ(diags[2].where.column, 15);
  EXPECT_EQ(diags[2].found, "an amount without a commodity");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(Journal, PostingOutsideATransaction) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "  A:X:Cash  $1.00\n"
      "2026-10-01 * Fine\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "\n"
      "\tB:X:Income  $2.00\n",
      "j.journal", diags);
  ASSERT_EQ(diags.size(), 2u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j.journal:1:3: posting outside a transaction: expected a transaction line before it, found "
            "an indented line");
  EXPECT_EQ(diags[1].where.line, 6);
  EXPECT_EQ(diags[1].where.column, 2);
  EXPECT_EQ(j.transactions.size(), 1u);
}

TEST(Journal, PostingAfterASkippedTransactionAndABlankLineIsStillReported) {
  // A blank line ends the skipped transaction; what follows is not part of it.
  Diagnostics diags;
  parse_journal(
      "2026-13-01 * Bad date\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "\n"
      "    C:X:Stray  $5.00\n",
      "j.journal", diags);
  ASSERT_EQ(diags.size(), 2u) << all(diags);
  EXPECT_EQ(diags[0].message, "invalid date");
  EXPECT_EQ(diags[1].message, "posting outside a transaction");
  EXPECT_EQ(diags[1].where.line, 5);
}

TEST(Journal, OtherStructuralErrors) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-01 * One posting\n"
      "    A:X:Cash  $1.00\n"
      "\n"
      "2026-10-02 * Two elided\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "    C:X:Income\n"
      "\n"
      "2026-10-03 * Two commodities elided\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Cash  1.00 EUR\n"
      "    C:X:Income\n"
      "\n"
      "2026-10-04 * (unterminated code\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "\n"
      "account A:X:Cash\n",
      "j", diags);
  ASSERT_EQ(diags.size(), 5u) << all(diags);
  EXPECT_EQ(diags[0].message, "transaction has fewer than two postings");
  EXPECT_EQ(diags[0].where.line, 1);
  EXPECT_EQ(diags[1].message, "more than one posting without an amount");
  EXPECT_EQ(diags[1].where.line, 7);
  EXPECT_EQ(diags[2].message, "cannot fill in an amount for several commodities");
  EXPECT_EQ(diags[2].where.line, 12);
  EXPECT_EQ(diags[3].message, "unterminated code");
  EXPECT_EQ(diags[3].where.line, 14);
  EXPECT_EQ(diags[3].where.column, 14);
  EXPECT_EQ(diags[4].message, "unsupported directive");
  EXPECT_EQ(diags[4].where.line, 18);
  EXPECT_TRUE(j.transactions.empty());
}

}  // namespace
}  // namespace quarterdeck
