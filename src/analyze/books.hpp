// The journal seen per entity: revenue and expenses by month, cash over
// time, and the accounts each entity uses. Built once from a Journal; all
// amounts are in the reporting currency (`$` or the portfolio's code).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/entity_index.hpp"
#include "ingest/journal.hpp"
#include "model/money.hpp"
#include "model/portfolio.hpp"
#include "util/date.hpp"

namespace quarterdeck {

struct EntityBooks {
  std::map<Month, Money> revenue;   // Income:SEG:* with the sign turned (income positive)
  std::map<Month, Money> expenses;  // Expenses:SEG:*
  // The category: the third account segment (`Expenses:JADA:Fuel`, and
  // `Expenses:Shared:Insurance` for a posting tagged to the entity), or the
  // second when the account has two (`Expenses:Fuel`, tagged).
  std::map<std::string, std::map<Month, Money>> expenses_by_category;
  std::vector<std::pair<Date, Money>> cash_changes;  // Assets:SEG:{Cash,Checking,Savings}*, by date
  std::map<std::string, Money> account_balances;     // every SEG account, all time
  int postings = 0;
  int income_postings = 0;
  std::optional<Date> last_income;
  int last_income_line = 0;
  int first_line = 0;  // first transaction line touching the entity

  Money revenue_in(Month m) const;
  Money expenses_in(Month m) const;
  Money cash_at(Date d) const;  // balance at the end of day d
  bool has_cash_accounts() const { return !cash_changes.empty(); }
};

// Postings the books leave out, by commodity as written: another commodity
// than the reporting currency, or an amount finer than a cent.
struct LeftOut {
  static constexpr std::size_t k_places = 5;  // file:line kept for the first few
  std::string commodity;  // its symbol: "€", "EUR", "" (none), or "$" for sub-cent amounts
  int count = 0;
  std::vector<std::string> places;      // "books.journal:120", the first k_places
  std::vector<std::string> entities;  // ids of the entities they would belong to, sorted
};

struct Books {
  std::string file;
  std::map<std::string, EntityBooks> by_entity;  // entity id -> books
  std::map<std::string, Money> account_balances;  // every account, in the reporting currency
  std::vector<LeftOut> left_out;                  // in the order first seen
  const EntityBooks* find(const std::string& entity) const;
};

// The posting's amount in cents when it is in the reporting currency (`$`,
// `currency` or its symbol, `EUR` or `€`) and a whole number of cents;
// nullopt otherwise.
std::optional<Money> in_currency(const Journal& journal, const Posting& p, std::string_view currency);

// A posting's tag `name` (its own, else its transaction's); nullopt if absent.
std::optional<std::string_view> tag_value(const Journal& journal, const Transaction& t, const Posting& p,
                                          std::string_view name);

// The entity a posting belongs to (as build_books assigns it); nullptr for
// none, like `Equity:Opening Balances`. Checks that look at postings of an
// entity use it, so that a tagged posting counts for one entity everywhere.
const Entity* entity_of(const Journal& journal, const Transaction& t, const Posting& p, const EntityIndex& entities);

// Whether the posting belongs to `e` by entity_of (compared by id, so a copy
// of the portfolio's entity will do).
bool belongs_to(const Journal& journal, const Transaction& t, const Posting& p, const EntityIndex& entities,
                const Entity& e);

// The entity an account names by its second segment (`Income:JADA:Charters`),
// tags aside; nullptr for none. An untagged posting belongs to it.
const Entity* entity_of_account(std::string_view account, const EntityIndex& entities);

// Where an account's category starts among its segments: after the owner
// segment (`Expenses:JADA:Fuel`, and the pool in `Expenses:Shared:Insurance`),
// or second when a two-segment account names no entity (`Expenses:Fuel`,
// reached by a tag).
std::size_t category_index(const std::vector<std::string_view>& segments, const EntityIndex& entities);

// Assigns postings to entities by the second account segment
// (`Income:JADA:Charters` -> the entity whose `account` is `JADA`), or, when
// the portfolio sets `[data] entity_tag`, by that tag's value (an entity id)
// where a posting or its transaction has it.
Books build_books(const Journal& journal, const Portfolio& portfolio);
Books build_books(const Journal& journal, const EntityIndex& entities);

}  // namespace quarterdeck
