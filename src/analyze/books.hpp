// The journal seen per entity: revenue and expenses by month, cash over
// time, and the accounts each entity uses. Built once from a Journal; all
// amounts are in the portfolio's currency (its code, or its symbol: `$` is
// USD only). A posting in another commodity is converted by the rule of
// analyze/fx.hpp (profit and loss at the month's average rate, cash at the
// rate on the date of the balance); one with no rate is left out (LeftOut),
// never counted as if it were in the portfolio's currency.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/entity_index.hpp"
#include "analyze/fx.hpp"
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
  // Cash held in another commodity: its changes by date, at the
  // commodity's precision, valued at the rate on the date of a balance.
  struct ForeignCash {
    std::string commodity;  // its code ("MXN", "USD" for `$`)
    int precision = 0;
    std::vector<std::pair<Date, std::int64_t>> changes;
  };
  std::vector<ForeignCash> foreign_cash;
  // The rates the month's revenue and expenses were converted at, one line
  // per commodity: "MXN at 0.0512 USD, average of November 2026 from
  // data/prices.journal". Empty for a month all in the portfolio's currency.
  std::map<Month, std::vector<std::string>> rates_used;
  std::map<std::string, Money> account_balances;     // every SEG account, all time
  int postings = 0;
  int income_postings = 0;
  std::optional<Date> last_income;
  int last_income_line = 0;
  int first_line = 0;  // first transaction line touching the entity

  Money revenue_in(Month m) const;
  Money expenses_in(Month m) const;
  Money cash_at(Date d) const;  // balance at the end of day d
  // The rates cash_at(d) valued other commodities at, one line each:
  // "MXN at 0.0515 USD on 2026-11-30 from data/prices.journal".
  std::vector<std::string> cash_rates_at(Date d) const;
  bool has_cash_accounts() const { return !cash_changes.empty() || !foreign_cash.empty(); }

  // Set by build_books: the rates and the currency cash_at values at.
  std::shared_ptr<const RateTable> rates;
  std::string currency;
};

// Postings the books leave out, by commodity as written: another commodity
// than the reporting currency, or an amount finer than a cent.
struct LeftOut {
  static constexpr std::size_t k_places = 5;  // file:line kept for the first few
  std::string commodity;  // its symbol: "€", "EUR", "" (none), or "$" for sub-cent amounts
  int count = 0;
  std::vector<std::string> places;      // "books.journal:120", the first k_places
  std::vector<std::string> entities;  // ids of the entities they would belong to, sorted
  // For a commodity with no rate: the first missing one and where to add it
  // ("no MXN to USD price on or before 2026-11-03; add a `P` line to
  // data/prices.journal"); empty otherwise.
  std::string missing_rate;
};

struct Books {
  std::string file;
  std::map<std::string, EntityBooks> by_entity;  // entity id -> books
  std::map<std::string, Money> account_balances;  // every account, in the reporting currency
  std::vector<LeftOut> left_out;                  // in the order first seen
  std::shared_ptr<const RateTable> rates;          // the journal's prices and the price file's, by currency code
  std::string currency;                            // the portfolio's, as a code ("USD")
  const EntityBooks* find(const std::string& entity) const;
  // A posting of the journal the books were built from, in the portfolio's
  // currency as the books count it: as is, or converted (profit and loss at
  // the month's average rate, any other account at the rate on its date);
  // nullopt for a posting the books leave out.
  std::optional<Money> amount_of(const Journal& journal, const Posting& p) const;
};

// The posting's amount in cents when it is in the reporting currency
// (`currency` or its symbol: `EUR` or `€`; `$` only for USD) and a whole
// number of cents; nullopt otherwise.
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
// where a posting or its transaction has it. Rates come from the journal's
// prices and, when given, the portfolio's price file (`[data] prices`).
Books build_books(const Journal& journal, const Portfolio& portfolio, const Journal* price_file = nullptr);
Books build_books(const Journal& journal, const EntityIndex& entities, const Journal* price_file = nullptr);

}  // namespace quarterdeck
