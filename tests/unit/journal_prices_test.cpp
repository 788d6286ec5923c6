// Prices, costs, lots and commodity formats in the journal (issue 15): what
// the reader records for each construct, and the located error for each
// refusal.
#include <gtest/gtest.h>

#include "ingest/journal.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

// "SYMBOL QUANTITY/10^SCALE" without a style: exact, for asserting.
std::string exact(const Journal& j, std::uint32_t commodity, std::int64_t quantity, int scale) {
  CommodityStyle plain;
  plain.symbol = j.commodities[commodity].symbol;
  plain.prefix = false;
  plain.spaced = true;
  plain.precision = scale;
  return format_amount(quantity, plain);
}

std::string price(const Journal& j, std::size_t i) {
  const Price& p = j.prices.at(i);
  return p.date.to_string() + " " + j.commodities[p.commodity].symbol + " " +
         exact(j, p.in_commodity, p.quantity, p.scale) + (p.from_posting ? " (posting" : " (P") +
         " line " + std::to_string(p.line) + ")";
}

std::string cost(const Journal& j, const Posting& p) {
  const Cost* c = j.cost_of(p);
  return c == nullptr ? "none" : exact(j, c->commodity, c->quantity, c->scale);
}

// The posting `i` of transaction `t` in the journal's own style.
std::string shown(const Journal& j, std::size_t t, std::size_t i) {
  const Posting& p = j.postings_of(j.transactions.at(t))[i];
  return j.account_name(p) + " " + format_amount(j.quantity_at_precision(p), j.commodity_of(p));
}

TEST(JournalPrices, PriceDirectives) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "P 2026-01-01 EUR $1.10\n"                      // 1
      "P 2026/01/02 12:30 \"AAPL 2\" 150.25 USD\n"    // 2
      "P 2026-01-03 12:30:15 € 1.2 USD ; a comment\n"  // 3
      "P 2026-01-04 GBP 1.2750\n",                    // 4
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.prices.size(), 4u);
  EXPECT_EQ(price(j, 0), "2026-01-01 EUR 1.10 $ (P line 1)");
  EXPECT_EQ(price(j, 1), "2026-01-02 \"AAPL 2\" 150.25 USD (P line 2)");
  EXPECT_EQ(price(j, 2), "2026-01-03 € 1.2 USD (P line 3)");
  EXPECT_EQ(price(j, 3), "2026-01-04 GBP 1.2750 (P line 4)");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(JournalPrices, PriceDirectiveRefusals) {
  Diagnostics diags;
  parse_journal(
      "P\n"                              // 1
      "P 2026-13-01 EUR $1.10\n"         // 2
      "P 2026-01-01 25:00 EUR $1.10\n"   // 3
      "P 2026-01-01\n"                   // 4
      "P 2026-01-01 EUR\n"               // 5
      "P 2026-01-01 EUR $1.1x\n"         // 6
      "P 2026-01-01 EUR 2 EUR\n"         // 7
      "P 2026-01-01 EUR (1.1 * $1)\n",   // 8
      "p.journal", diags);
  ASSERT_EQ(diags.size(), 8u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "p.journal:1:2: price directive without a date: expected `P DATE [TIME] SYMBOL PRICE`, found nothing");
  EXPECT_EQ(diags[1].to_string(),
            "p.journal:2:3: invalid price date: expected P YYYY-MM-DD, found `2026-13-01`");
  EXPECT_EQ(diags[2].to_string(),
            "p.journal:3:14: invalid time in price directive: expected HH:MM or HH:MM:SS after the date, "
            "found a token that is not a time");
  EXPECT_EQ(diags[3].to_string(),
            "p.journal:4:13: price directive without a commodity: expected `P DATE [TIME] SYMBOL PRICE`, "
            "found nothing");
  EXPECT_EQ(diags[4].to_string(),
            "p.journal:5:17: price directive without a price: expected `P DATE [TIME] SYMBOL PRICE`, found "
            "nothing after the commodity");
  EXPECT_EQ(diags[5].to_string(),
            "p.journal:6:22: unknown amount format in price directive: expected a price such as `$1.10` or "
            "`1.10 USD`, found `x` after the amount");
  EXPECT_EQ(diags[6].to_string(),
            "p.journal:7:18: a price in the commodity itself: expected a price in another commodity, found `2 EUR`");
  EXPECT_EQ(diags[7].to_string(),
            "p.journal:8:18: unknown amount format in price directive: expected a price such as `$1.10` or "
            "`1.10 USD`, found `(` where a number belongs");
}

TEST(JournalPrices, UnitAndTotalPricesAreCostsAndPrices) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 Buy euros\n"             // 1
      "    Assets:EUR    10 EUR @ $1.10\n"  // 2
      "    Assets:Cash\n"                  // 3
      "\n"
      "2026-01-06 Sell euros\n"             // 5
      "    Assets:EUR    -3 EUR @@ $4.00\n"  // 6
      "    Assets:Cash    $4.00\n"           // 7
      "\n"
      "2026-01-07 Card abroad\n"                    // 9
      "    Expenses:Travel    1,000 MXN @ $0.055\n"  // 10
      "    Liabilities:Card    $-55.00\n",           // 11
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 3u);
  // The elided posting balances the cost commodity.
  EXPECT_EQ(shown(j, 0, 1), "Assets:Cash $-11.00");
  const auto t0 = j.postings_of(j.transactions[0]);
  EXPECT_EQ(cost(j, t0[0]), "11.00 $");
  EXPECT_EQ(cost(j, t0[1]), "none");
  const auto t1 = j.postings_of(j.transactions[1]);
  EXPECT_EQ(cost(j, t1[0]), "-4.00 $");  // the total, with the posting's sign
  EXPECT_EQ(cost(j, j.postings_of(j.transactions[2])[0]), "55.000 $");
  ASSERT_EQ(j.prices.size(), 3u);
  EXPECT_EQ(price(j, 0), "2026-01-05 EUR 1.10 $ (posting line 2)");
  // @@: total / |quantity| at the smallest exact scale, else 8 places rounded.
  EXPECT_EQ(price(j, 1), "2026-01-06 EUR 1.33333333 $ (posting line 6)");
  EXPECT_EQ(price(j, 2), "2026-01-07 MXN 0.055 $ (posting line 10)");
  // A cost does not change the commodity's display precision.
  EXPECT_EQ(j.commodities[j.postings_of(j.transactions[0])[1].commodity].precision, 2);
}

TEST(JournalPrices, InfersThePriceOfTheFirstCommodityInTheOther) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-07 Exchange\n"           // 1
      "    Assets:GBP    10 GBP\n"      // 2
      "    Assets:Cash   $-13.333\n"    // 3
      "\n"
      "2026-01-08 Split\n"              // 5
      "    Assets:CAD    1 CAD\n"       // 6
      "    Assets:CAD    2 CAD\n"       // 7
      "    Assets:Cash   $-1.00\n",     // 8
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const auto t0 = j.postings_of(j.transactions[0]);
  EXPECT_EQ(cost(j, t0[0]), "13.333 $");
  EXPECT_EQ(cost(j, t0[1]), "none");
  const auto t1 = j.postings_of(j.transactions[1]);
  // 1/3 and 2/3 of $1.00 at cents, rounded; the last takes what is left.
  EXPECT_EQ(cost(j, t1[0]), "0.33 $");
  EXPECT_EQ(cost(j, t1[1]), "0.67 $");
  ASSERT_EQ(j.prices.size(), 3u);
  EXPECT_EQ(price(j, 0), "2026-01-07 GBP 1.3333 $ (posting line 2)");
  EXPECT_EQ(price(j, 1), "2026-01-08 CAD 0.33333333 $ (posting line 6)");
}

TEST(JournalPrices, UnbalancedAtItsPricesSaysSo) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 Short\n"                 // 1
      "    Assets:EUR    10 EUR @ $1.10\n"  // 2
      "    Assets:Cash   $-10.00\n"         // 3
      "\n"
      "2026-01-06 Same sign\n"              // 5
      "    Assets:GBP    10 GBP\n"          // 6
      "    Assets:Cash   $13.00\n"          // 7
      "\n"
      "2026-01-07 Three\n"                  // 9
      "    Assets:GBP    10 GBP\n"          // 10
      "    Assets:EUR    -5 EUR\n"          // 11
      "    Assets:Cash   $13.00\n",         // 12
      "p.journal", diags);
  ASSERT_EQ(diags.size(), 3u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "p.journal:1:1: transaction does not balance at its prices: expected postings summing to zero, "
            "found a remainder of $1.00");
  EXPECT_EQ(diags[1].to_string(),
            "p.journal:5:1: transaction does not balance at its prices: expected postings summing to zero, "
            "found a remainder of 10 GBP, $13.00 (of the same sign: no price of one in the other balances them)");
  EXPECT_EQ(diags[2].to_string(),
            "p.journal:9:1: transaction does not balance: expected postings summing to zero, found a "
            "remainder of 10 GBP, -5 EUR, $13.00");
  EXPECT_TRUE(j.transactions.empty());
  EXPECT_TRUE(j.prices.empty());
}

TEST(JournalPrices, LotAnnotations) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-08 Buy at a lot price\n"                               // 1
      "    Assets:Stock    5 AAPL {$100.00} [2026-01-01] (first lot)\n"  // 2
      "    Assets:Cash   $-500.00\n"                                   // 3
      "\n"
      "2026-01-08 Lot price, nothing to balance against\n"  // 5
      "    Assets:Stock    5 AAPL {=$100.00}\n"              // 6
      "    Equity:Opening\n"                                 // 7
      "\n"
      "2026-01-09 Sell with a gain\n"                              // 9
      "    Assets:Stock    -2 AAPL (first lot) {{$210}} @ $110\n"   // 10
      "    Assets:Cash   $220\n"                                   // 11
      "    Income:Gain\n",                                         // 12
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 3u);
  const auto t0 = j.postings_of(j.transactions[0]);
  EXPECT_EQ(shown(j, 0, 0), "Assets:Stock 5 AAPL");  // the quantity counts
  EXPECT_EQ(cost(j, t0[0]), "500.00 $");
  // With an elided posting, ledger balances the quantity itself.
  EXPECT_EQ(shown(j, 1, 1), "Equity:Opening -5 AAPL");
  EXPECT_EQ(cost(j, j.postings_of(j.transactions[1])[0]), "none");
  // Lot and price: it balances at the lot's total (ledger's basis), and the
  // difference from the price goes to the elided posting.
  EXPECT_EQ(cost(j, j.postings_of(j.transactions[2])[0]), "-210 $");
  EXPECT_EQ(shown(j, 2, 2), "Income:Gain $-10.00");
  ASSERT_EQ(j.prices.size(), 2u);
  EXPECT_EQ(price(j, 0), "2026-01-08 AAPL 100.00 $ (posting line 2)");
  EXPECT_EQ(price(j, 1), "2026-01-09 AAPL 110 $ (posting line 10)");
}

TEST(JournalPrices, CostRefusals) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 A\n"                           // 1
      "    Assets:EUR    10 EUR @ (1.1 * $1)\n"   // 2
      "    Assets:Cash\n"                        // 3
      "2026-01-05 B\n"                           // 4
      "    Assets:EUR    ($10 * 2)\n"             // 5
      "    Assets:Cash\n"                        // 6
      "2026-01-05 C\n"                           // 7
      "    Assets:EUR    10 EUR @ 2 EUR\n"        // 8
      "    Assets:Cash\n"                        // 9
      "2026-01-05 D\n"                           // 10
      "    Assets:EUR    @ $1.10\n"               // 11
      "    Assets:Cash\n"                        // 12
      "2026-01-05 E\n"                           // 13
      "    Assets:EUR    10 EUR {$1.10\n"         // 14
      "    Assets:Cash\n"                        // 15
      "2026-01-05 F\n"                           // 16
      "    Assets:EUR    10 EUR @ $1.10 @ $2\n"   // 17
      "    Assets:Cash\n"                        // 18
      "2026-01-05 G\n"                           // 19
      "    Assets:EUR    10 EUR [2026-02-30]\n"   // 20
      "    Assets:Cash\n"                        // 21
      "2026-01-05 H\n"                           // 22
      "    Assets:EUR    10 EUR @ $-1.10\n"       // 23
      "    Assets:Cash\n",                       // 24
      "p.journal", diags);
  ASSERT_EQ(diags.size(), 8u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "p.journal:2:28: value expressions in a price are not supported: expected an amount such as `$1.10`, "
            "found `(`");
  EXPECT_EQ(diags[1].to_string(),
            "p.journal:5:19: value expressions in amounts are not supported: expected an amount such as "
            "`$1,250.00` or `1250.00 USD`, found `(`");
  EXPECT_EQ(diags[2].to_string(),
            "p.journal:8:26: a price in the posting's own commodity: expected a price in another commodity, "
            "such as `10 EUR @ $1.10`, found a price in `EUR`");
  EXPECT_EQ(diags[3].to_string(),
            "p.journal:11:19: a price without an amount: expected an amount before the price, such as "
            "`10 EUR @ $1.10`, found no amount");
  EXPECT_EQ(diags[4].to_string(),
            "p.journal:14:26: unterminated lot price: expected `{UNIT}`, found no `}`");
  EXPECT_EQ(diags[5].to_string(),
            "p.journal:17:34: unknown amount format in a price: expected an amount such as `$1.10`, found "
            "`@ $2` after the amount");
  EXPECT_EQ(diags[6].to_string(),
            "p.journal:20:27: invalid lot date: expected [YYYY-MM-DD], found `2026-02-30`");
  EXPECT_EQ(diags[7].to_string(),
            "p.journal:23:28: a negative price: expected a price of zero or more, found `$-1.10`");
  EXPECT_TRUE(j.transactions.empty());
}

TEST(JournalPrices, CommodityFormatsAndDecimalCommas) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "commodity 1.000,00 EUR\n"        // 1
      "commodity $\n"                   // 2
      "    format $1,000.00\n"          // 3
      "    note US dollars\n"           // 4
      "    nomarket\n"                  // 5
      "    alias USD\n"                 // 6
      "\n"
      "2026-01-05 Invoice\n"            // 8
      "    Assets:EUR    1.000,00 EUR\n"  // 9
      "    Assets:EUR    EUR 12,5\n"      // 10
      "    Income:Sales\n"                // 11
      "\n"
      "2026-01-06 Alias\n"              // 13
      "    Assets:Cash    10 USD\n"     // 14
      "    Income:Sales\n",             // 15
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(j.transactions.size(), 2u);
  EXPECT_EQ(shown(j, 0, 0), "Assets:EUR 1.000,00 EUR");
  EXPECT_EQ(shown(j, 0, 1), "Assets:EUR 12,50 EUR");
  EXPECT_EQ(shown(j, 0, 2), "Income:Sales -1.012,50 EUR");
  EXPECT_EQ(j.postings_of(j.transactions[0])[0].quantity, 100000);
  // `alias USD`: amounts in USD are dollars, shown in the declared format.
  EXPECT_EQ(shown(j, 1, 0), "Assets:Cash $10.00");
  const CommodityStyle& eur = j.commodity_of(j.postings_of(j.transactions[0])[0]);
  EXPECT_TRUE(eur.declared);
  EXPECT_EQ(eur.decimal_mark, ',');
  EXPECT_EQ(eur.precision, 2);
}

TEST(JournalPrices, DefaultCommodity) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "D $1,000.00\n"              // 1
      "\n"
      "2026-01-05 Bare amounts\n"  // 3
      "    Expenses:Food    12\n"  // 4
      "    Assets:Cash    -12\n",  // 5
      "p.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(shown(j, 0, 0), "Expenses:Food $12.00");
  EXPECT_EQ(shown(j, 0, 1), "Assets:Cash $-12.00");
}

TEST(JournalPrices, DecimalCommaWithoutADeclarationIsRefused) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-05 A\n"                 // 1
      "    Assets:EUR    1.000,00 EUR\n"  // 2
      "    Income:Sales\n"              // 3
      "2026-01-05 B\n"                 // 4
      "    Assets:EUR    EUR 12,5\n"     // 5
      "    Income:Sales\n"              // 6
      "commodity 1.000,00\n"           // 7
      "commodity EUR\n"                // 8
      "    format 1.000,00 USD\n"       // 9
      "    precision 2\n"               // 10
      "D\n",                           // 11
      "p.journal", diags);
  ASSERT_EQ(diags.size(), 6u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "p.journal:2:19: unknown amount format: expected an amount such as `$1,250.00` or `1250.00 USD`, "
            "found `1.000,00`, which reads only with a decimal comma: a `commodity 1.000,00 EUR` directive "
            "before it would make it read");
  EXPECT_EQ(diags[1].to_string(),
            "p.journal:5:23: unknown amount format: expected an amount such as `$1,250.00` or `1250.00 USD`, "
            "found `12,5`, which reads only with a decimal comma: a `commodity EUR 12,5` directive before it "
            "would make it read");
  EXPECT_EQ(diags[2].to_string(),
            "p.journal:7:11: unknown commodity format: expected a format such as `1.000,00 EUR` or "
            "`$1,000.00`, found a format without a commodity symbol");
  EXPECT_EQ(diags[3].to_string(),
            "p.journal:9:12: a format for another commodity: expected a format in `EUR`, found `USD`");
  EXPECT_EQ(diags[4].to_string(),
            "p.journal:10:5: `commodity` sub-directive `precision` is not supported: expected `format AMOUNT`, "
            "`note TEXT`, `alias SYMBOL`, `nomarket`, `default` or a `;` comment, found `precision`");
  EXPECT_EQ(diags[5].to_string(),
            "p.journal:11:2: unknown default commodity: expected `D AMOUNT`, such as `D $1,000.00`, found nothing");
  EXPECT_TRUE(j.transactions.empty());
}

}  // namespace
}  // namespace quarterdeck
