#include "analyze/fx.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <fstream>

#include "analyze/books.hpp"
#include "ingest/dataset.hpp"
#include "test_support.hpp"

namespace quarterdeck {
namespace {

Date day(std::string_view text) {
  return *Date::parse(text);
}

TEST(Fx, RateOnADateIsTheLatestPriceOnOrBeforeIt) {
  RateTable t;
  t.add("EUR", "$", day("2026-01-01"), 110, 2, "prices.journal");
  t.add("EUR", "$", day("2026-02-02"), 120, 2, "books.journal");
  const auto jan = t.on("EUR", "$", day("2026-02-01"));
  ASSERT_TRUE(jan);
  EXPECT_EQ(jan->rate, Rate::decimal(11, 1));
  EXPECT_EQ(jan->date, day("2026-01-01"));
  EXPECT_EQ(jan->file, "prices.journal");
  EXPECT_FALSE(jan->inverse);
  const auto feb = t.on("EUR", "$", day("2026-02-02"));  // a price holds from its own date
  ASSERT_TRUE(feb);
  EXPECT_EQ(feb->rate.to_string(), "1.2");
  EXPECT_EQ(feb->file, "books.journal");
  EXPECT_EQ(t.on("EUR", "EUR", day("2020-01-01"))->rate, Rate::decimal(1, 0));
}

TEST(Fx, OfTwoPricesOnOneDateTheLaterReadWins) {
  RateTable t;
  t.add("GBP", "$", day("2026-03-05"), 130, 2, "a");
  t.add("GBP", "$", day("2026-03-05"), 135, 2, "b");
  EXPECT_EQ(t.on("GBP", "$", day("2026-03-05"))->rate.to_string(), "1.35");
}

TEST(Fx, BeforeTheFirstPriceThereIsNoRate) {
  RateTable t;
  t.add("MXN", "$", day("2026-11-01"), 500, 4, "p");
  EXPECT_FALSE(t.on("MXN", "$", day("2026-10-31")));
  EXPECT_FALSE(t.on("MXN", "EUR", day("2026-12-01")));  // no price at all for that pair
  EXPECT_FALSE(t.month_average("MXN", "$", Month(2026, 10)));
}

TEST(Fx, TheInverseOfAPriceTheOtherWay) {
  RateTable t;
  t.add("$", "MXN", day("2026-03-01"), 20, 0, "p");
  const auto q = t.on("MXN", "$", day("2026-03-01"));
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->inverse);
  EXPECT_EQ(q->rate, Rate::decimal(5, 2));
  EXPECT_EQ(q->rate.to_string(), "0.05");
  // 1 / 0.92 is no decimal: the fraction 25/23, converted exactly.
  t.add("USD", "EUR", day("2026-03-01"), 92, 2, "p");
  const auto eur = t.on("EUR", "USD", day("2026-03-02"));
  ASSERT_TRUE(eur);
  EXPECT_EQ(eur->rate.num, 25);
  EXPECT_EQ(eur->rate.den, 23);
  EXPECT_EQ(eur->rate.to_string(), "1.086957");
  EXPECT_EQ(convert(10000, 2, eur->rate, 2), 10870);  // EUR 100.00 = $108.695652... = $108.70
}

TEST(Fx, ThroughOneIntermediateCommodity) {
  RateTable t;
  t.add("CHF", "EUR", day("2026-01-01"), 5, 1, "p");
  t.add("EUR", "$", day("2026-01-01"), 110, 2, "p");
  t.add("EUR", "$", day("2026-02-02"), 120, 2, "p");
  const auto q = t.on("CHF", "$", day("2026-02-10"));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->via, "EUR");
  EXPECT_EQ(q->rate.to_string(), "0.6");
  EXPECT_EQ(q->date, day("2026-01-01"));  // the older of the two prices
  // Two steps away is too far.
  t.add("JPY", "CHF", day("2026-01-01"), 6, 3, "p");
  EXPECT_FALSE(t.on("JPY", "$", day("2026-02-10")));
}

TEST(Fx, TheAverageOfTheMonthsDailyRates) {
  RateTable t;
  t.add("EUR", "$", day("2025-12-20"), 110, 2, "p");
  t.add("EUR", "$", day("2026-01-16"), 120, 2, "p");
  // 15 days at 1.10 and 16 at 1.20: 35.7 / 31 = 1.15161290322580..., to 10 places.
  const auto q = t.month_average("EUR", "$", Month(2026, 1));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->rate, Rate::decimal(11516129032, 10));
  EXPECT_EQ(q->rate.to_string(), "1.151613");
  EXPECT_EQ(q->days, 31);
  EXPECT_EQ(q->date, day("2026-01-16"));
  // A month whose first price is on the 21st averages its last 10 days.
  RateTable late;
  late.add("MXN", "$", day("2026-11-21"), 512, 4, "p");
  const auto nov = late.month_average("MXN", "$", Month(2026, 11));
  ASSERT_TRUE(nov);
  EXPECT_EQ(nov->days, 10);
  EXPECT_EQ(nov->rate.to_string(), "0.0512");
}

TEST(Fx, ConversionRoundsHalfAwayFromZero) {
  const Rate tenth = Rate::decimal(1, 1);
  EXPECT_EQ(convert(25, 2, tenth, 2), 3);    // 0.025 -> 0.03
  EXPECT_EQ(convert(-25, 2, tenth, 2), -3);  // -0.025 -> -0.03
  EXPECT_EQ(convert(24, 2, tenth, 2), 2);    // 0.024 -> 0.02
  EXPECT_EQ(convert(-24, 2, tenth, 2), -2);
  EXPECT_EQ(convert(200000, 2, Rate::decimal(512, 4), 2),
            10240);                              // 2000.00 MXN at 0.0512 = $102.40
  EXPECT_EQ(convert(3, 0, Rate{1, 3}, 2), 100);  // 3 at 1/3 = 1.00 exactly
}

TEST(Fx, AnOverflowIsRefused) {
  EXPECT_EQ(convert(INT64_MAX, 0, Rate::decimal(2, 0), 0), std::nullopt);
  EXPECT_EQ(convert(INT64_MAX / 100, 0, Rate::decimal(1, 0), 2),
            std::optional<std::int64_t>(INT64_MAX / 100 * 100));
  EXPECT_EQ(convert(INT64_MAX, 18, Rate::decimal(INT64_MAX, 0), 18), std::nullopt);
  EXPECT_EQ(convert(1, 0, Rate::decimal(1, 0), 40), std::nullopt);  // 10^40 is beyond 128 bits
}

TEST(Fx, CurrencyCodesForTheBooks) {
  RateTable t(CommodityNames::currency_codes);
  t.add("USD", "€", day("2026-03-01"), 92, 2, "p");
  EXPECT_EQ(t.on("$", "EUR", day("2026-03-01"))->rate.to_string(), "0.92");
  RateTable written;  // as ledger: `$` and `USD` are two commodities
  written.add("USD", "€", day("2026-03-01"), 92, 2, "p");
  EXPECT_FALSE(written.on("$", "EUR", day("2026-03-01")));
}

TEST(Fx, ValueTargetsAsLedger) {
  RateTable t;
  t.add("CHF", "EUR", day("2026-01-01"), 5, 1, "p");
  t.add("EUR", "$", day("2026-01-01"), 110, 2, "p");
  t.add("GBP", "$", day("2026-01-01"), 130, 2, "p");
  t.add("GBP", "EUR", day("2026-02-01"), 115, 2, "p");
  EXPECT_EQ(t.price_commodity("CHF", day("2026-03-01")), "EUR");
  EXPECT_EQ(t.price_commodity("GBP", day("2026-01-31")), "$");
  EXPECT_EQ(t.price_commodity("GBP", day("2026-02-01")), "EUR");
  EXPECT_EQ(t.price_commodity("$", day("2026-02-01")), std::nullopt);
  EXPECT_TRUE(t.is_price_commodity("EUR"));
  EXPECT_FALSE(t.is_price_commodity("CHF"));
  EXPECT_EQ(t.last_date(), day("2026-02-01"));
}

// The books in USD, with a charter's costs in pesos and the price file's
// two MXN prices: 0.0500 from 1 November, 0.0520 from 16 November.
TEST(Fx, BooksConvertASmallJournalExactly) {
  constexpr std::string_view k_journal =
      "2026-10-30 * Fuel before any price\n"
      "    Expenses:Alpha:Fuel  100.00 MXN\n"
      "    Assets:Alpha:Cash\n"
      "2026-11-01 * Pesos bought\n"
      "    Assets:Alpha:Cash  10000.00 MXN\n"
      "    Equity:Opening\n"
      "2026-11-03 * Fuel\n"
      "    Expenses:Alpha:Fuel  2000.00 MXN\n"
      "    Assets:Alpha:Cash\n"
      "2026-11-20 * Dock\n"
      "    Expenses:Alpha:Dock  1000.00 MXN\n"
      "    Assets:Alpha:Cash\n"
      "2026-11-21 * Charter\n"
      "    Assets:Alpha:Checking  $500.00\n"
      "    Income:Alpha:Charters\n";
  Diagnostics diags;
  const Journal j = parse_journal(k_journal, "books.journal", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  Journal prices;
  prices.file = "data/prices.journal";
  prices.files = {prices.file};
  prices.commodities.resize(2);
  prices.commodities[0].symbol = "MXN";
  prices.commodities[1].symbol = "$";
  prices.prices.push_back({day("2026-11-01"), 0, 1, 500, 4, false, 0, 1});
  prices.prices.push_back({day("2026-11-16"), 0, 1, 520, 4, false, 0, 2});

  Portfolio p;
  p.currency = "USD";
  Entity alpha;
  alpha.id = "alpha";
  alpha.account = "Alpha";
  p.entities = {alpha};
  const Books books = build_books(j, p, &prices);
  const EntityBooks* eb = books.find("alpha");
  ASSERT_NE(eb, nullptr);
  // November's average: 15 days at 0.0500 and 15 at 0.0520 = 0.0510.
  // Fuel 2000.00 MXN = $102.00, dock 1000.00 MXN = $51.00.
  EXPECT_EQ(eb->expenses_in(Month(2026, 11)).units(), 15300);
  EXPECT_EQ(eb->expenses_by_category.at("Fuel").at(Month(2026, 11)).units(), 10200);
  EXPECT_EQ(eb->revenue_in(Month(2026, 11)).units(), 50000);
  EXPECT_EQ(eb->rates_used.at(Month(2026, 11)),
            std::vector<std::string>{
                "MXN at 0.051 USD, average of November 2026 from data/prices.journal"});
  // Cash: 8000.00 MXN on 10 November at 0.0500 = $400.00; on the 30th,
  // 7000.00 MXN at 0.0520 = $364.00, and the $500.00 in checking.
  EXPECT_EQ(eb->cash_at(day("2026-11-10")).units(), 40000);
  EXPECT_EQ(eb->cash_at(day("2026-11-30")).units(), 86400);
  EXPECT_EQ(eb->cash_rates_at(day("2026-11-30")),
            std::vector<std::string>{"MXN at 0.052 USD on 2026-11-30 from data/prices.journal"});
  // October's fuel has no rate: both its postings are left out, never
  // counted as dollars.
  EXPECT_EQ(eb->expenses_in(Month(2026, 10)).units(), 0);
  EXPECT_EQ(eb->cash_at(day("2026-10-31")).units(), 0);
  ASSERT_EQ(books.left_out.size(), 1U);
  EXPECT_EQ(books.left_out[0].commodity, "MXN");
  EXPECT_EQ(books.left_out[0].count, 2);
  EXPECT_EQ(books.left_out[0].places,
            (std::vector<std::string>{"books.journal:2", "books.journal:3"}));
  EXPECT_EQ(books.left_out[0].missing_rate,
            "no MXN to USD price on or before 2026-10-30; add a `P` line to data/prices.journal");
  // Posting by posting, as the checks that read postings count them.
  ASSERT_EQ(j.postings.size(), 10U);
  EXPECT_EQ(books.amount_of(j, j.postings[0]), std::nullopt);  // October's fuel: no rate
  EXPECT_EQ(books.amount_of(j, j.postings[4]),
            std::optional(Money(10200)));  // 2000.00 MXN at November's 0.051
  EXPECT_EQ(books.amount_of(j, j.postings[5]),
            std::optional(Money(-10000)));  // cash: at 3 November's 0.05
  EXPECT_EQ(books.amount_of(j, j.postings[8]), std::optional(Money(50000)));  // dollars as they are
}

// In a EUR portfolio `$` is US dollars: converted when there is a rate,
// left out (never counted as euros) when there is none.
TEST(Fx, DollarsInAEuroPortfolio) {
  constexpr std::string_view k_journal =
      "2026-11-05 * Hosting\n"
      "    Expenses:Alpha:Software  $110.00\n"
      "    Liabilities:Alpha:Card\n"
      "2026-11-06 * Lunch\n"
      "    Expenses:Alpha:Meals  €20.00\n"
      "    Liabilities:Alpha:Card\n";
  Diagnostics diags;
  const Journal j = parse_journal(k_journal, "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  Portfolio p;
  p.currency = "EUR";
  Entity alpha;
  alpha.id = "alpha";
  alpha.account = "Alpha";
  p.entities = {alpha};
  const Books none = build_books(j, p);
  EXPECT_EQ(none.find("alpha")->expenses_in(Month(2026, 11)).units(), 2000);
  ASSERT_EQ(none.left_out.size(), 1U);
  EXPECT_EQ(none.left_out[0].commodity, "$");
  EXPECT_EQ(
      none.left_out[0].missing_rate,
      "no USD to EUR price on or before 2026-11-05; add a `P` line to the journal or a price file "
      "(`[data] prices`)");

  Journal prices;
  prices.file = "prices.journal";
  prices.files = {prices.file};
  prices.commodities.resize(2);
  prices.commodities[0].symbol = "EUR";
  prices.commodities[1].symbol = "USD";
  prices.prices.push_back(
      {day("2026-10-01"), 0, 1, 110, 2, false, 0, 1});  // EUR 1.10 USD: a dollar is 1/1.1 EUR
  const Books books = build_books(j, p, &prices);
  EXPECT_TRUE(books.left_out.empty());
  // $110.00 / 1.10 = €100.00, plus the €20.00 lunch.
  EXPECT_EQ(books.find("alpha")->expenses_in(Month(2026, 11)).units(), 12000);
  EXPECT_EQ(books.find("alpha")->rates_used.at(Month(2026, 11)),
            std::vector<std::string>{
                "USD at 0.909091 EUR, average of November 2026 from prices.journal"});
}

// `[data] prices` is read with the journal's reader; its prices convert
// the books, and a transaction in it is an error at its line.
TEST(Fx, ThePriceFile) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("qd-fx-prices-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data/books.journal") << "2026-11-10 * Marina\n"
                                               "    Expenses:Alpha:Dock  1000.00 MXN\n"
                                               "    Assets:Alpha:Cash\n";
  std::ofstream(dir / "data/prices.journal") << "P 2026-11-01 MXN $0.0512\n"
                                                "\n"
                                                "2026-11-02 * Not a price\n"
                                                "    Assets:Alpha:Cash  $1.00\n"
                                                "    Equity:Opening\n";
  Portfolio p;
  p.directory = dir.string();
  p.currency = "USD";
  p.data.journal = "data/books.journal";
  p.data.prices = "data/prices.journal";
  Entity alpha;
  alpha.id = "alpha";
  alpha.account = "Alpha";
  p.entities = {alpha};
  Diagnostics diags;
  const Dataset data = load_dataset(p, diags);
  ASSERT_EQ(diags.size(), 1U) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/prices.journal:3:1: a transaction in a price file: expected `P DATE COMMODITY "
            "PRICE` lines, "
            "found a transaction (move it to the journal (data/books.journal))");
  ASSERT_TRUE(data.prices);
  const Books books = build_books(*data.journal, p, &*data.prices);
  EXPECT_EQ(books.find("alpha")->expenses_in(Month(2026, 11)).units(), 5120);
  EXPECT_EQ(books.find("alpha")->rates_used.at(Month(2026, 11)),
            std::vector<std::string>{
                "MXN at 0.0512 USD, average of November 2026 from data/prices.journal"});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quarterdeck
