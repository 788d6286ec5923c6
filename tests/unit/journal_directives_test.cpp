// The journal's directives and posting kinds (issue 15): virtual postings,
// `year`, `apply account`, `payee`, `tag`, `bucket`, automated transactions,
// and the constructs that stay refused, each with its exact message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyze/books.hpp"
#include "analyze/ledger_reports.hpp"
#include "ingest/journal.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

// Every posting of the journal as "DATE PAYEE | ACCOUNT AMOUNT [kind] [gen]".
std::vector<std::string> postings(const Journal& j) {
  std::vector<std::string> out;
  for (const auto& t : j.transactions) {
    for (const auto& p : j.postings_of(t)) {
      std::string line = p.date.to_string() + " " + std::string(t.payee) + " | " +
                         j.account_name(p) + " " +
                         format_amount(j.quantity_at_precision(p), j.commodity_of(p));
      if (p.kind == PostingKind::virtual_unbalanced) line += " (virtual)";
      if (p.kind == PostingKind::virtual_balanced) line += " [balanced]";
      if (p.generated) line += " generated";
      out.push_back(line);
    }
  }
  return out;
}

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(d.to_string());
  return out;
}

TEST(JournalDirectives, VirtualPostingsKeepTheirKindAndBalanceApart) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 Grocer\n"
      "    Expenses:Food  $50.00\n"
      "    Assets:Cash\n"
      "    (Budget:Food)  $-50.00\n"
      "    [Savings:Goal]  $20.00\n"
      "    [Assets:Cash]  $-20.00\n"
      "2026-01-06 Goal\n"
      "    Expenses:Food  $5.00\n"
      "    Assets:Cash  $-5.00\n"
      "    [Savings:Goal]  $5.00\n"
      "    [Assets:Cash]\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(postings(j), (std::vector<std::string>{
                             "2026-01-05 Grocer | Expenses:Food $50.00",
                             "2026-01-05 Grocer | Assets:Cash $-50.00",
                             "2026-01-05 Grocer | Budget:Food $-50.00 (virtual)",
                             "2026-01-05 Grocer | Savings:Goal $20.00 [balanced]",
                             "2026-01-05 Grocer | Assets:Cash $-20.00 [balanced]",
                             "2026-01-06 Goal | Expenses:Food $5.00",
                             "2026-01-06 Goal | Assets:Cash $-5.00",
                             "2026-01-06 Goal | Savings:Goal $5.00 [balanced]",
                             "2026-01-06 Goal | Assets:Cash $-5.00 [balanced]",
                         }));
}

TEST(JournalDirectives, BracketedPostingsMustBalanceAmongThemselves) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 Grocer\n"
      "    Expenses:Food  $50.00\n"
      "    Assets:Cash  $-50.00\n"
      "    [Savings:Goal]  $20.00\n"
      "    [Assets:Cash]  $-10.00\n"
      "2026-01-06 No amount\n"
      "    Expenses:Food  $5.00\n"
      "    Assets:Cash\n"
      "    (Budget:Food)\n"
      "2026-01-07 Two elided\n"
      "    Expenses:Food  $5.00\n"
      "    Assets:Cash\n"
      "    [Savings:Goal]  $5.00\n"
      "    [Assets:Cash]\n"
      "2026-01-08 Unterminated\n"
      "    (Budget:Food  $5.00\n"
      "    Assets:Cash\n",
      "j", diags);
  EXPECT_TRUE(j.transactions.empty());
  EXPECT_EQ(
      messages(diags),
      (std::vector<std::string>{
          "j:1:1: bracketed virtual postings do not balance: expected `[ACCOUNT]` postings summing "
          "to zero "
          "among themselves, found a remainder of $10.00",
          "j:9:5: a virtual posting `(ACCOUNT)` needs an amount: expected `(ACCOUNT)  AMOUNT`, "
          "found no amount",
          "j:14:5: more than one posting without an amount: expected at most one, found a second",
          "j:16:5: unterminated virtual account: expected `(ACCOUNT)`, found no `)` before the "
          "amount",
      }));
}

TEST(JournalDirectives, RealLeavesVirtualPostingsOut) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 Grocer\n"
      "    Expenses:Food  $50.00\n"
      "    Assets:Cash\n"
      "    (Budget:Food)  $-50.00\n"
      "    [Savings:Goal]  $20.00\n"
      "    [Assets:Cash]  $-20.00\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  BalanceOptions all_postings;
  all_postings.flat = true;
  const BalanceReport everything = balance_report(j, all_postings);
  ASSERT_EQ(everything.rows.size(), 4u);
  EXPECT_EQ(everything.rows[0].account, "Assets:Cash");
  EXPECT_EQ(everything.rows[0].amounts[0].quantity, -7000);
  EXPECT_EQ(everything.rows[1].account, "Budget:Food");
  EXPECT_EQ(everything.total[0].quantity, -5000);  // the virtual posting, unbalanced
  BalanceOptions real = all_postings;
  real.real_only = true;
  const BalanceReport report = balance_report(j, real);
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].account, "Assets:Cash");
  EXPECT_EQ(report.rows[0].amounts[0].quantity, -5000);
  EXPECT_EQ(report.rows[1].account, "Expenses:Food");
  EXPECT_TRUE(report.total.empty());

  RegisterOptions reg;
  const auto rows = register_report(j, reg);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[2].account, "(Budget:Food)");
  EXPECT_EQ(rows[3].account, "[Savings:Goal]");
  reg.real_only = true;
  EXPECT_EQ(register_report(j, reg).size(), 2u);
}

TEST(JournalDirectives, VirtualPostingsAreNotMoneyInTheBooks) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "= ^Income:Alpha\n"
      "    (Budget:Alpha:Tax)  -0.2\n"
      "2026-10-01 * Sale\n"
      "    Assets:Alpha:Checking  $100.00\n"
      "    Income:Alpha:Sales\n"
      "    (Income:Alpha:Forecast)  $-500.00\n"
      "    [Assets:Alpha:Checking]  $-30.00\n"
      "    [Expenses:Alpha:Earmarked]  $30.00\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  Portfolio p;
  p.currency = "USD";
  Entity alpha;
  alpha.id = "alpha";
  alpha.account = "Alpha";
  p.entities = {alpha};
  const Books books = build_books(j, p);
  const EntityBooks* eb = books.find("alpha");
  ASSERT_NE(eb, nullptr);
  EXPECT_EQ(eb->revenue_in(Month(2026, 10)).units(), 10000);  // not 600.00
  EXPECT_EQ(eb->expenses_in(Month(2026, 10)).units(), 0);     // the earmark is not spent
  EXPECT_EQ(eb->cash_at(*Date::parse("2026-10-31")).units(), 10000);
  EXPECT_EQ(eb->postings, 2);
  EXPECT_FALSE(books.account_balances.contains("Budget:Alpha:Tax"));
}

TEST(JournalDirectives, YearDirectivesDateTheDatesWithoutOne) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "year 2025\n"
      "01/15 A\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "1-16=1-20 B\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "Y 2026\n"
      "2.1 C\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "apply year 2024\n"
      "3/1 D\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "end apply year\n"
      "3/2 E\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "Y2023\n"
      "12/31 F\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 6u);
  EXPECT_EQ(j.transactions[0].date.to_string(), "2025-01-15");
  EXPECT_EQ(j.transactions[1].date.to_string(), "2025-01-16");
  EXPECT_EQ(j.transactions[1].date2.to_string(), "2025-01-20");
  EXPECT_EQ(j.transactions[2].date.to_string(), "2026-02-01");
  EXPECT_EQ(j.transactions[3].date.to_string(), "2024-03-01");
  EXPECT_EQ(j.transactions[4].date.to_string(), "2026-03-02");  // back to `Y 2026`
  EXPECT_EQ(j.transactions[5].date.to_string(), "2023-12-31");
}

TEST(JournalDirectives, ADateWithoutAYearNeedsAYearDirective) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "01/15 A\n"
      "    Expenses:Food  $5\n"
      "    Assets:Cash\n"
      "year 25\n"
      "year 3000\n"
      "Y\n",
      "j", diags);
  EXPECT_TRUE(j.transactions.empty());
  EXPECT_EQ(messages(diags),
            (std::vector<std::string>{
                "j:1:1: date without a year: expected YYYY-MM-DD, or a `year YYYY` directive "
                "before it, found `01/15`",
                "j:4:6: invalid year: expected `year YYYY`, from 1900 to 2999, found `25`",
                "j:5:6: invalid year: expected `year YYYY`, from 1900 to 2999, found `3000`",
                "j:6:3: invalid year: expected `year YYYY`, from 1900 to 2999, found nothing",
            }));
}

TEST(JournalDirectives, ApplyAccountPrefixesPostingsAndDeclarations) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "alias Cash=Assets:Cash\n"
      "apply account Personal\n"
      "account Expenses:Food\n"
      "2026-01-01 A\n"
      "    Expenses:Food  $5\n"
      "    Cash\n"
      "apply account Inner\n"
      "2026-01-02 B\n"
      "    (Budget)  $1\n"
      "    Expenses:Food  $5\n"
      "    Assets:Bank\n"
      "end apply account\n"
      "2026-01-03 C\n"
      "    Expenses:Food  $5\n"
      "    Assets:Bank\n"
      "end\n"
      "2026-01-04 D\n"
      "    Expenses:Food  $5\n"
      "    Assets:Bank\n"
      "end apply\n",
      "j", diags, {.strict_accounts = false});
  EXPECT_EQ(messages(diags),
            (std::vector<std::string>{
                "j:20:1: `end apply` without an `apply` to end: expected an `apply` before it, "
                "found none open",
            }));
  EXPECT_EQ(postings(j),
            (std::vector<std::string>{
                "2026-01-01 A | Personal:Expenses:Food $5",
                "2026-01-01 A | Assets:Cash $-5",  // an alias is not prefixed, as ledger
                "2026-01-02 B | Personal:Inner:Budget $1 (virtual)",
                "2026-01-02 B | Personal:Inner:Expenses:Food $5",
                "2026-01-02 B | Personal:Inner:Assets:Bank $-5",
                "2026-01-03 C | Personal:Expenses:Food $5",
                "2026-01-03 C | Personal:Assets:Bank $-5",
                "2026-01-04 D | Expenses:Food $5",
                "2026-01-04 D | Assets:Bank $-5",
            }));
}

TEST(JournalDirectives, AnAccountDeclaredUnderApplyAccountIsPrefixed) {
  Diagnostics diags;
  parse_journal(
      "apply account Personal\n"
      "account Expenses:Food\n"
      "account Assets:Cash\n"
      "end apply account\n"
      "2026-01-01 A\n"
      "    Personal:Expenses:Food  $5\n"
      "    Assets:Cash\n",
      "j", diags, {.strict_accounts = true});
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "j:7:5: account used but never declared: expected an `account Assets:Cash` directive "
            "before its first "
            "use, found `Assets:Cash`");
}

TEST(JournalDirectives, PayeeAliasesTagsAndBucket) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "payee Whole Foods\n"
      "    ; the grocer\n"
      "    alias ^whole foods\n"
      "    alias WFM #[0-9]+\n"
      "tag project\n"
      "bucket Assets:Cash\n"
      "2026-01-02 WHOLE FOODS MARKET #123\n"
      "    Expenses:Food  $10.04\n"
      "2026-01-03 Paid at WFM #9\n"
      "    Expenses:Food  $1.00\n"
      "A Assets:Bank\n"
      "2026-01-04 Other  ; project: boat\n"
      "    Expenses:Fuel  $2.00\n"
      "2026-01-05 Budget only\n"
      "    (Budget:Fuel)  $9.00\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(postings(j),
            (std::vector<std::string>{
                "2026-01-02 Whole Foods | Expenses:Food $10.04",
                "2026-01-02 Whole Foods | Assets:Cash $-10.04",
                "2026-01-03 Whole Foods | Expenses:Food $1.00",
                "2026-01-03 Whole Foods | Assets:Cash $-1.00",
                "2026-01-04 Other | Expenses:Fuel $2.00",
                "2026-01-04 Other | Assets:Bank $-2.00",
                // A lone virtual posting needs no balancing: the bucket stays out, as ledger.
                "2026-01-05 Budget only | Budget:Fuel $9.00 (virtual)",
            }));
}

TEST(JournalDirectives, AutomatedTransactionsApplyToLaterTransactionsAsLedger) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 Before\n"
      "    Expenses:Food  $10.00\n"
      "    Assets:Cash\n"
      "= /^Expenses:Food/\n"
      "    (Budget:Food)  -1\n"
      "    [Savings:Tax]  0.1\n"
      "    [Assets:Cash]  *-0.1\n"
      "= expenses:fuel\n"
      "    (Tracking:Fuel)  $5.00\n"
      "= Budget\n"
      "    (Meta)  2\n"
      "= expr 'account =~ /^expenses:fuel$/'\n"
      "    (Tracking:Litres)  2\n"
      "2026-01-02 After\n"
      "    Expenses:Food  $10.05\n"
      "    Assets:Cash\n"
      "2026-01-03 Fuel\n"
      "    Expenses:Fuel  $3.33\n"
      "    Expenses:Food:Snack  -$1.15\n"
      "    Assets:Cash\n",
      "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(postings(j),
            (std::vector<std::string>{
                "2026-01-01 Before | Expenses:Food $10.00",
                "2026-01-01 Before | Assets:Cash $-10.00",
                "2026-01-02 After | Expenses:Food $10.05",
                "2026-01-02 After | Assets:Cash $-10.05",
                "2026-01-02 After | Budget:Food $-10.05 (virtual) generated",
                // 1.005 and -1.005: half away from zero at the precision.
                "2026-01-02 After | Savings:Tax $1.01 [balanced] generated",
                "2026-01-02 After | Assets:Cash $-1.01 [balanced] generated",
                "2026-01-03 Fuel | Expenses:Fuel $3.33",
                "2026-01-03 Fuel | Expenses:Food:Snack $-1.15",
                "2026-01-03 Fuel | Assets:Cash $-2.18",
                "2026-01-03 Fuel | Budget:Food $1.15 (virtual) generated",
                "2026-01-03 Fuel | Savings:Tax $-0.12 [balanced] generated",
                "2026-01-03 Fuel | Assets:Cash $0.12 [balanced] generated",
                // A rule never matches a generated posting (`= Budget`), as ledger 3.3.
                "2026-01-03 Fuel | Tracking:Fuel $5.00 (virtual) generated",
                "2026-01-03 Fuel | Tracking:Litres $6.66 (virtual) generated",
            }));
}

TEST(JournalDirectives, AnAutomatedPostingThatUnbalancesIsAnError) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "= Food\n"
      "    Liabilities:Tax  0.5\n"
      "2026-01-02 After\n"
      "    Expenses:Food  $10.04\n"
      "    Assets:Cash\n",
      "j", diags);
  EXPECT_TRUE(j.transactions.empty());
  EXPECT_EQ(messages(diags), (std::vector<std::string>{
                                 "j:3:1: transaction does not balance with its automated postings: "
                                 "expected postings summing to zero, "
                                 "found a remainder of $5.02",
                             }));
}

TEST(JournalDirectives, UnsupportedConstructsAreLocatedErrorsThatNameThem) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "define x=1\n"                  // 1
      "assert a\n"                    // 2
      "check a\n"                     // 3
      "eval 1\n"                      // 4
      "python\n"                      // 5
      "--input-date-format %m/%d\n"   // 6
      "= expr amount > 10\n"          // 7
      "    (Budget)  -1\n"            // 8
      "apply tag foo\n"               // 9
      "end apply account\n"           // 10
      "payee Grocer\n"                // 11
      "    uuid 1234\n"               // 12
      "tag project\n"                 // 13
      "    check value =~ /x/\n"      // 14
      "= Food\n"                      // 15
      "    (Budget)\n"                // 16
      "= /Food(/\n"                   // 17
      "= Food\n"                      // 18
      "    (Budget)  (amount * 2)\n"  // 19
      "2026-01-02 After\n"            // 20
      "    Expenses:Food  $10.04\n"   // 21
      "    Assets:Cash\n",            // 22
      "j", diags);
  EXPECT_EQ(messages(diags), (std::vector<std::string>{
                                 "j:1:1: the `define` directive is not supported: expected a "
                                 "transaction or a directive this reader "
                                 "knows (docs/config.md, Journal), found `define`",
                                 "j:2:1: the `assert` directive is not supported: expected a "
                                 "transaction or a directive this reader "
                                 "knows (docs/config.md, Journal), found `assert`",
                                 "j:3:1: the `check` directive is not supported: expected a "
                                 "transaction or a directive this reader "
                                 "knows (docs/config.md, Journal), found `check`",
                                 "j:4:1: the `eval` directive is not supported: expected a "
                                 "transaction or a directive this reader "
                                 "knows (docs/config.md, Journal), found `eval`",
                                 "j:5:1: the `python` directive is not supported: expected a "
                                 "transaction or a directive this reader "
                                 "knows (docs/config.md, Journal), found `python`",
                                 "j:6:1: command-line options in a journal are not supported: "
                                 "expected a transaction or a directive, "
                                 "found `--input-date-format`",
                                 "j:7:3: automated transaction condition not supported: expected "
                                 "`= /REGEX/` or `= ACCOUNT-REGEX` (one "
                                 "account pattern), found an expression starting `expr`",
                                 "j:9:7: `apply tag` is not supported: expected `apply account "
                                 "NAME` or `apply year YYYY`, found `tag`",
                                 "j:10:1: `end apply account` without an `apply account` to end: "
                                 "expected an `apply account` before "
                                 "it, found none open",
                                 "j:12:5: `payee` sub-directive `uuid` is not supported: expected "
                                 "`alias REGEX` or a `;` comment, "
                                 "found `uuid`",
                                 "j:14:5: `tag` sub-directive `check` is not supported: expected a "
                                 "`;` comment, found `check`",
                                 "j:16:5: an automated posting needs an amount: expected an amount "
                                 "(`$5.00`) or a multiplier of the "
                                 "matched amount (`0.1`, `-1`, `*0.1`), found no amount",
                                 "j:17:3: invalid regular expression in automated transaction: "
                                 "expected a regular expression such "
                                 "as `^Expenses:Food`, found a pattern that is not one",
                                 "j:19:15: unsupported amount in an automated posting: expected an "
                                 "amount (`$5.00`) or a multiplier "
                                 "of the matched amount (`0.1`, `-1`, `*0.1`), found an "
                                 "expression, a price or an assertion",
                             }));
  // No refused rule is applied: the transaction is read as written.
  EXPECT_EQ(postings(j), (std::vector<std::string>{
                             "2026-01-02 After | Expenses:Food $10.04",
                             "2026-01-02 After | Assets:Cash $-10.04",
                         }));
}

}  // namespace
}  // namespace quarterdeck
