#include "ingest/journal.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace quarterdeck {
namespace {


// The posting `i` of transaction `t` as "ACCOUNT AMOUNT" in the journal's style.
std::string posting(const Journal& j, std::size_t t, std::size_t i) {
  const Posting& p = j.postings_of(j.transactions.at(t))[i];
  CommodityStyle style = j.commodity_of(p);
  return j.account_name(p) + " " + format_amount(j.quantity_at_precision(p), style);
}

TEST(Journal, ReadsTransactionsMarksCodesAndAmounts) {
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
      "2026-10-03 Coastal Supply\n"                                   // 12
      "\tExpenses:JADA:Supplies\t1250.00 USD\n"                       // 13
      "    Liabilities:JADA:Card  -1,250.00 USD\n"                    // 14
      "2026-10-04=2026-10-09 * Refund\n"                              // 15
      "    Assets:JADA:Checking  -$75.10\n"                           // 16
      "    Expenses:JADA:Dockage  $-75.10\n"                          // 17
      "    Income:JADA:Refunds  $150.20\n",                           // 18
      "data/books.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 4u);
  const Transaction& t0 = j.transactions[0];
  EXPECT_EQ(t0.date.to_string(), "2026-10-01");
  EXPECT_EQ(t0.mark, '*');
  EXPECT_EQ(t0.code, "1022");
  EXPECT_EQ(t0.payee, "Indigo Underhill");
  EXPECT_EQ(t0.line, 4u);
  EXPECT_EQ(posting(j, 0, 0), "Assets:JADA:Checking $1,250.00");
  EXPECT_EQ(posting(j, 0, 1), "Income:JADA:Charters $-1,250.00");
  EXPECT_EQ(j.postings_of(t0)[0].line, 5u);

  const Transaction& t1 = j.transactions[1];
  EXPECT_EQ(t1.mark, '!');
  EXPECT_EQ(t1.code, "");
  ASSERT_EQ(t1.posting_count, 2u);
  EXPECT_TRUE(j.postings_of(t1)[1].elided);
  EXPECT_EQ(posting(j, 1, 1), "Assets:JADA:Checking $-75.10");  // filled in to balance

  EXPECT_EQ(j.transactions[2].mark, ' ');
  EXPECT_EQ(posting(j, 2, 0), "Expenses:JADA:Supplies 1,250.00 USD");
  EXPECT_EQ(posting(j, 2, 1), "Liabilities:JADA:Card -1,250.00 USD");

  const Transaction& t3 = j.transactions[3];
  EXPECT_EQ(t3.date2.to_string(), "2026-10-09");
  EXPECT_EQ(posting(j, 3, 0), "Assets:JADA:Checking $-75.10");
  EXPECT_EQ(posting(j, 3, 1), "Expenses:JADA:Dockage $-75.10");  // `$-75.10` is negative too
  EXPECT_EQ(j.money(j.postings_of(t3)[2]).units(), 15020);
  EXPECT_EQ(j.where(t3), "data/books.journal:15");
}

TEST(Journal, PrecisionGrowsPerCommodityAsLedgerKeepsIt) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 a\n    A  $10\n    B\n"
      "2026-01-02 b\n    A  $0.125\n    B\n"
      "2026-01-03 c\n    A  3 EUR\n    B\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(j.commodities.at(j.postings[0].commodity).precision, 3);
  EXPECT_EQ(j.quantity_at_precision(j.postings[0]), 10000);
  EXPECT_EQ(posting(j, 1, 0), "A $0.125");
  EXPECT_EQ(posting(j, 2, 0), "A 3 EUR");
  EXPECT_FALSE(j.commodity_of(j.postings[4]).prefix);
}

TEST(Journal, ElidedAmountWithSeveralCommoditiesGivesOnePostingEach) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-03 Supplier\n"
      "    Expenses:Supplies  10.00 USD\n"
      "    Expenses:Fees  $2.50\n"
      "    Liabilities:Card\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions[0].posting_count, 4u);
  // In the order the commodities first appear in the transaction.
  EXPECT_EQ(posting(j, 0, 2), "Liabilities:Card -10.00 USD");
  EXPECT_EQ(posting(j, 0, 3), "Liabilities:Card $-2.50");
}

TEST(Journal, TagsMetadataAndPostingDates) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-01 * Charter deposit  ; :deposit:jada:\n"
      "    ; client: Harbor Dental\n"
      "    Assets:Checking  $500.00  ; [2026-10-03]\n"
      "    Income:Charters  ; service: 2026-12-01, entity: jada\n"
      "    ; date:2026-10-05\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const Transaction& t = j.transactions[0];
  const auto tags = j.tags(t.tags);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].name, "deposit");
  EXPECT_EQ(tags[1].name, "jada");
  EXPECT_EQ(tags[2].name, "client");
  EXPECT_EQ(tags[2].value, "Harbor Dental");
  const auto postings = j.postings_of(t);
  EXPECT_EQ(postings[0].date.to_string(), "2026-10-03");
  EXPECT_EQ(postings[1].date.to_string(), "2026-10-05");
  const auto posting_tags = j.tags(postings[1].tags);
  ASSERT_EQ(posting_tags.size(), 3u);
  EXPECT_EQ(posting_tags[0].name, "service");
  EXPECT_EQ(posting_tags[0].value, "2026-12-01");
  EXPECT_EQ(posting_tags[1].name, "entity");
  EXPECT_EQ(posting_tags[1].value, "jada");
}

TEST(Journal, AliasesAndAccountDirectives) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "account Assets:Checking\n"
      "account Income:Sales\n"
      "alias chk=Assets:Checking\n"
      "2026-01-01 x\n    chk  $1\n    Income:Sales\n"
      "2026-01-02 y\n    chk:Sub  $1\n    Income:Sales\n"
      "end aliases\n"
      "2026-01-03 z\n    chk  $1\n    Income:Sales\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(posting(j, 0, 0), "Assets:Checking $1");
  EXPECT_EQ(posting(j, 1, 0), "Assets:Checking:Sub $1");
  EXPECT_EQ(posting(j, 2, 0), "chk $1");
}

// The reader remembers what each account name as written resolved to; a
// new alias, by `alias` or under `account`, must change that from its line on.
TEST(Journal, AnAliasDefinedLaterRenamesFromThereOn) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 x\n    chk  $1\n    Income:Sales\n"
      "alias chk=Assets:Checking\n"
      "2026-01-02 y\n    chk  $1\n    Income:Sales\n"
      "alias chk=Assets:Savings\n"
      "2026-01-03 z\n    chk  $1\n    Income:Sales\n"
      "account Assets:Petty\n    alias chk\n"
      "\n2026-01-04 w\n    chk  $1\n    Income:Sales\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(posting(j, 0, 0), "chk $1");
  EXPECT_EQ(posting(j, 1, 0), "Assets:Checking $1");
  EXPECT_EQ(posting(j, 2, 0), "Assets:Savings $1");
  EXPECT_EQ(posting(j, 3, 0), "Assets:Petty $1");
}

TEST(Journal, StrictAccountsWantADeclaration) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "account Assets:Checking\n"
      "account Income:Sales\n"
      "2026-01-01 x\n    Assets:Checking  $1\n    Income:Sale\n",
      "j", diags, {.strict_accounts = true});
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j:5:5: account used but never declared: expected an `account Income:Sale` directive before its "
            "first use, found `Income:Sale` (did you mean `Income:Sales`?)");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(Journal, BalanceAssertions) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 open\n    Assets:Cash  $100.00 = $100.00\n    Equity:Open\n"
      "2026-01-02 spend\n    Assets:Cash  $-30.00 = $75.00\n    Expenses:Food\n",
      "books.journal", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "books.journal:5:26: balance assertion failed for `Assets:Cash`: expected $75.00, found $70.00 "
            "(the balance computed from every posting up to this line)");
  EXPECT_EQ(j.transactions.size(), 2u);  // the books are kept as written
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
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j.journal:1:1: invalid date: expected YYYY-MM-DD or YYYY/MM/DD, found `2026-02-30`");
  ASSERT_EQ(j.transactions.size(), 1u);
}

TEST(Journal, UnknownAmountFormatIsReportedAtItsColumn) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-01 * Two points\n"
      "    A:X:Cash  $1.00.5\n"
      "    B:X:Income\n"
      "\n"
      "2026-10-02 * Decimal comma\n"
      "    A:X:Cash    1.250,00 EUR\n"
      "    B:X:Income\n"
      "\n"
      "2026-10-03 * Quoted commodity\n"
      "    A:X:Cash  12.00 \"ACME 1\n"
      "    B:X:Income\n"
      "\n"
      "2026-10-04 * Price\n"
      "    A:X:Cash  10 EUR @ ($1.10 * 2)\n"
      "    B:X:Income\n",
      "j.journal", diags);
  ASSERT_EQ(diags.size(), 4u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j.journal:2:16: unknown amount format: expected an amount such as `$1,250.00` or `1250.00 USD`, "
            "found an unknown number format `1.00.5`");
  EXPECT_EQ(diags[1].where.line, 6);
  EXPECT_EQ(diags[1].message, "unknown amount format");
  EXPECT_EQ(diags[2].found, "a quoted commodity without its closing `\"`");
  EXPECT_EQ(diags[3].message, "value expressions in a price are not supported");
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
  EXPECT_EQ(j.transactions.size(), 1u);
}

TEST(Journal, OtherStructuralErrors) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-10-02 * Two elided\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "    C:X:Income\n"
      "\n"
      "2026-10-04 * (unterminated code\n"
      "    A:X:Cash  $1.00\n"
      "    B:X:Income\n"
      "\n"
      "N EUR\n"
      "2026-10-06 * Virtual\n"
      "    [Budget:Food]  $5\n"
      "comment\n"
      "anything at all\n"
      "end comment\n",
      "j", diags);
  ASSERT_EQ(diags.size(), 4u) << all(diags);
  EXPECT_EQ(diags[0].message, "more than one posting without an amount");
  EXPECT_EQ(diags[0].where.line, 4);
  EXPECT_EQ(diags[1].message, "unterminated code");
  EXPECT_EQ(diags[1].where.line, 6);
  EXPECT_EQ(diags[2].message, "unsupported directive `N`");
  EXPECT_EQ(diags[2].where.line, 10);
  EXPECT_EQ(diags[3].message, "bracketed virtual postings do not balance");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(Journal, IncludesAreReadRelativeToTheIncludingFile) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qd-journal-include-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "main.journal") << "include sub/2026.journal\n2026-02-01 b\n    A  $2\n    B\n";
  std::ofstream(dir / "sub" / "2026.journal") << "2026-01-01 a\n    A  $1\n    B\n\n2026-01-02 bad\n    A  $1\n";
  Diagnostics diags;
  const Journal j = read_journal(dir / "main.journal", "main.journal", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].where.file, "sub/2026.journal");
  EXPECT_EQ(diags[0].where.line, 5);
  ASSERT_EQ(j.transactions.size(), 2u);
  EXPECT_EQ(j.where(j.transactions[0]), "sub/2026.journal:1");
  EXPECT_EQ(j.where(j.transactions[1]), "main.journal:2");
  fs::remove_all(dir);
}

TEST(Journal, PostingMarksTheirOwnOrTheTransactions) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 * Cleared\n"
      "    ! Expenses:Fuel  $10.00\n"
      "    Assets:Checking\n"
      "2026-01-02 Unmarked\n"
      "    *Expenses:Food  $5.00\n"
      "    Assets:Checking\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.postings.size(), 4u);
  EXPECT_EQ(j.postings[0].mark, '!');
  EXPECT_EQ(j.postings[1].mark, '*');
  EXPECT_EQ(j.postings[2].mark, '*');
  EXPECT_EQ(j.postings[3].mark, ' ');
  EXPECT_EQ(posting(j, 0, 0), "Expenses:Fuel $10.00");
  EXPECT_EQ(posting(j, 1, 0), "Expenses:Food $5.00");
}

TEST(Journal, AccountSubdirectives) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "account Assets:Checking\n"
      "    alias chk\n"
      "    note the bank\n"
      "account Equity\n"
      "    default\n"
      "2026-01-01 x\n    chk  $1\n    Equity\n"
      "2026-01-02 y\n    Expenses  $2\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 2u);
  EXPECT_EQ(posting(j, 0, 0), "Assets:Checking $1");
  ASSERT_EQ(j.transactions[1].posting_count, 2u);
  EXPECT_EQ(posting(j, 1, 1), "Equity $-2");
}

// The sums the reader makes are checked; an overflow is an error at the
// posting, never a wrapped number.
TEST(Journal, AmountArithmeticIsChecked) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 x\n"
      "    A  $90,000,000,000,000,000.00\n"
      "    B  $90,000,000,000,000,000.00\n"
      "    C\n"
      "2026-01-02 y\n"
      "    A  $-90,000,000,000,000,000.00\n"
      "    B  $-90,000,000,000,000,000.00\n"
      "    C  $-1.00\n",
      "j", diags);
  ASSERT_EQ(diags.size(), 2u) << all(diags);
  EXPECT_EQ(diags[0].where.line, 4);
  EXPECT_EQ(diags[0].where.column, 5);
  EXPECT_EQ(diags[0].message, "the amount that balances the transaction is too large");
  EXPECT_EQ(diags[1].message, "transaction does not balance");
  EXPECT_EQ(diags[1].found, "a remainder of an amount too large for 64-bit integers");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(Journal, RunningBalancesAreChecked) {
  Diagnostics diags;
  parse_journal(
      "2026-01-01 x\n    A  9000000000000000000 X\n    B\n"
      "2026-01-02 y\n    A  1000000000000000000 X\n    B\n",
      "j", diags);
  // The third: the absolute values at line 3 already add up beyond 64 bits.
  ASSERT_EQ(diags.size(), 3u) << all(diags);
  EXPECT_EQ(diags[2].message, "amounts in `X` too large to add up");
  EXPECT_EQ(diags[2].where.line, 3);
  EXPECT_EQ(diags[0].to_string(),
            "j:5:8: the balance of `A` is too large: expected amounts within 64-bit integers (at most "
            "9,223,372,036,854,775,807 in the smallest unit), found a result beyond that");
  EXPECT_EQ(diags[1].where.line, 6);
}

TEST(Journal, TotalsAtDisplayPrecisionFitOrAreReported) {
  Diagnostics diags;
  parse_journal(
      "2026-01-01 x\n    A  4000000000000000000 X\n    B\n"
      "2026-01-02 y\n    C  0.1 X\n    D\n",
      "j", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].message, "amounts in `X` too large to add up");
  EXPECT_EQ(diags[0].where.line, 2);
  EXPECT_EQ(diags[0].where.column, 8);
}

TEST(Journal, DatesOutsideTheRangeSaySo) {
  Diagnostics diags;
  parse_journal("0000-01-01 x\n    A  $1\n    B\n", "j", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j:1:1: date out of range: expected a date from 1900-01-01 to 2999-12-31, found `0000-01-01`");
}

TEST(Journal, ByteOrderMarkSkippedInvalidUtf8Refused) {
  Diagnostics diags;
  const Journal j = parse_journal("\xEF\xBB\xBF" "2026-01-01 x\n    A  $1\n    B\n", "j", diags);
  EXPECT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(j.transactions.size(), 1u);
  parse_journal("2026-01-01 x\n    Ren\xE9" "e  $1\n    B\n", "j", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(), "j:2:8: invalid UTF-8: expected UTF-8 text, found byte 0xE9");
}

}  // namespace
}  // namespace quarterdeck
