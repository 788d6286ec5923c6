#include "analyze/books.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace quarterdeck {
namespace {

Portfolio two_entities(std::string entity_tag) {
  Portfolio p;
  p.currency = "USD";
  Entity alpha;
  alpha.id = "alpha";
  alpha.account = "Alpha";
  Entity beta;
  beta.id = "beta";
  beta.account = "Beta";
  p.entities = {alpha, beta};
  p.data.entity_tag = std::move(entity_tag);
  return p;
}

constexpr std::string_view k_journal =
    "2026-10-01 * Sale\n"
    "    Assets:Alpha:Checking  $100.00\n"
    "    Income:Alpha:Sales\n"
    "2026-10-02 * Fuel for beta  ; entity: beta\n"
    "    Expenses:Fuel  $40.00\n"
    "    Assets:Alpha:Checking  $-40.00  ; entity: alpha\n"
    "2026-11-03 * Fuel\n"
    "    Expenses:Beta:Fuel  $10.00\n"
    "    Liabilities:Beta:Card\n";

TEST(Books, EntityFromTheAccountSegment) {
  Diagnostics diags;
  const Journal j = parse_journal(k_journal, "j", diags);
  ASSERT_TRUE(diags.empty());
  const Books books = build_books(j, two_entities(""));
  const EntityBooks* alpha = books.find("alpha");
  const EntityBooks* beta = books.find("beta");
  ASSERT_NE(alpha, nullptr);
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(alpha->revenue_in(Month(2026, 10)).units(), 10000);
  EXPECT_EQ(alpha->cash_at(*Date::parse("2026-10-31")).units(), 6000);
  EXPECT_EQ(beta->expenses_in(Month(2026, 10)).units(), 0);  // Expenses:Fuel names no entity
  EXPECT_EQ(beta->expenses_in(Month(2026, 11)).units(), 1000);
  EXPECT_EQ(beta->expenses_by_category.at("Fuel").at(Month(2026, 11)).units(), 1000);
}

TEST(Books, EntityFromATagWhenThePortfolioSaysSo) {
  Diagnostics diags;
  const Journal j = parse_journal(k_journal, "j", diags);
  ASSERT_TRUE(diags.empty());
  const Books books = build_books(j, two_entities("entity"));
  const EntityBooks* alpha = books.find("alpha");
  const EntityBooks* beta = books.find("beta");
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(beta->expenses_in(Month(2026, 10)).units(), 4000);  // from the transaction's tag
  EXPECT_EQ(beta->expenses_by_category.at("Fuel").at(Month(2026, 10)).units(), 4000);
  // The posting's own tag wins over the transaction's.
  EXPECT_EQ(alpha->cash_at(*Date::parse("2026-10-31")).units(), 6000);
}

// A pool account shared by several entities, split among them by the tag:
// the category is what follows the pool (`Shared`), as it follows the
// entity segment in `Expenses:Alpha:Insurance`.
TEST(Books, TaggedSharedExpenseKeepsItsCategory) {
  constexpr std::string_view k_shared =
      "2026-10-05 * Insurer, group policy\n"
      "    Expenses:Shared:Insurance  $30.00  ; entity: alpha\n"
      "    Expenses:Shared:Insurance  $20.00  ; entity: beta\n"
      "    Expenses:Shared:Insurance:Hull  $5.00  ; entity: beta\n"
      "    Assets:Alpha:Checking\n";
  Diagnostics diags;
  const Journal j = parse_journal(k_shared, "j", diags);
  ASSERT_TRUE(diags.empty());
  const Books books = build_books(j, two_entities("entity"));
  const EntityBooks* alpha = books.find("alpha");
  const EntityBooks* beta = books.find("beta");
  ASSERT_NE(alpha, nullptr);
  ASSERT_NE(beta, nullptr);
  EXPECT_FALSE(alpha->expenses_by_category.contains("Shared"));
  EXPECT_EQ(alpha->expenses_by_category.at("Insurance").at(Month(2026, 10)).units(), 3000);
  EXPECT_EQ(beta->expenses_by_category.at("Insurance").at(Month(2026, 10)).units(), 2500);
  EXPECT_EQ(alpha->cash_at(*Date::parse("2026-10-31")).units(), -5500);
}

// Amounts the books cannot count are kept with where they were seen.
TEST(Books, KeepsWhereLeftOutPostingsAre) {
  constexpr std::string_view k_euros =
      "2026-10-01 * Sale\n"
      "    Assets:Alpha:Checking  $100.00\n"
      "    Income:Alpha:Sales\n"
      "2026-10-02 * Ferry in Spain\n"
      "    Expenses:Beta:Travel  €40.00\n"
      "    Liabilities:Beta:Card\n"
      "2026-10-03 * Ferry back\n"
      "    Expenses:Alpha:Travel  12.00 EUR\n"
      "    Liabilities:Alpha:Card\n";
  Diagnostics diags;
  const Journal j = parse_journal(k_euros, "j", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  const Books books = build_books(j, two_entities(""));
  ASSERT_EQ(books.left_out.size(), 2U);
  EXPECT_EQ(books.left_out[0].commodity, "€");
  EXPECT_EQ(books.left_out[0].count, 2);
  EXPECT_EQ(books.left_out[0].places, (std::vector<std::string>{"j:5", "j:6"}));
  EXPECT_EQ(books.left_out[0].entities, std::vector<std::string>{"beta"});
  EXPECT_EQ(books.left_out[1].commodity, "EUR");
  EXPECT_EQ(books.left_out[1].count, 2);
  EXPECT_EQ(books.find("beta"), nullptr);  // its only postings are in euros

  // In a EUR portfolio, `€` and `EUR` are the reporting currency, and `$`
  // is US dollars: with no rate, the sale is left out, not counted as euros.
  Portfolio eur = two_entities("");
  eur.currency = "EUR";
  const Books counted = build_books(j, eur);
  ASSERT_EQ(counted.left_out.size(), 1U);
  EXPECT_EQ(counted.left_out[0].commodity, "$");
  EXPECT_EQ(counted.left_out[0].count, 2);
  EXPECT_EQ(counted.find("alpha")->revenue_in(Month(2026, 10)).units(), 0);
  EXPECT_EQ(counted.find("beta")->expenses_in(Month(2026, 10)).units(), 4000);
  EXPECT_EQ(counted.find("alpha")->expenses_in(Month(2026, 10)).units(), 1200);
}

}  // namespace
}  // namespace quarterdeck
