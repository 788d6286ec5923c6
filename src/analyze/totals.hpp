// Consolidated totals: the portfolio (or a report's scope of entities) seen
// as one business. Cash at the as-of date; revenue, expenses and net for the
// period month; the monthly burn and the runway. Each entity's figures come
// from its books (analyze/books) exactly as the other sections show them;
// the totals are their sums less what the entities paid each other.
//
// Internal transfers: a transaction whose postings belong to two or more of
// the scope's entities (entity_of) moves money inside the portfolio. In
// such a transaction, income of one entity matched by expenses of another
// (one entity paying another for work) is left out of both the revenue and
// the expense totals, so net is unchanged; value moved between the
// entities' own accounts (an owner transfer from one business's checking to
// another's) nets to zero in the cash total and is only reported. A payment
// recorded in two transactions (one in each business's books) cannot be
// told from outside trade and is not left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/money.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// What the runway is, in words a reader can act on. Cash below zero is
// overdrawn, never a negative runway.
struct Runway {
  enum class State {
    months,       // burning: `months` of cash at the current burn
    not_burning,  // cash did not fall over the last three months
    overdrawn,    // cash below zero
    unknown,      // no cash account in the books
  };
  State state = State::unknown;
  std::optional<Quantity> months;  // with State::months only

  // "5.6 months", "not burning", "overdrawn", "no cash account".
  std::string to_display() const;
};

Runway runway_of(std::optional<Money> cash, std::optional<Money> burn);

struct EntityTotals {
  const Entity* entity = nullptr;
  bool has_books = false;       // the journal has postings of the entity
  bool tracks_revenue = false;  // it has income postings (else revenue reads "not tracked")
  bool has_cash = false;        // it has cash accounts
  Money cash;                   // at the as-of date
  Money revenue;                // in the period month
  Money expenses;
  Money net;  // revenue - expenses
  std::optional<Money>
      burn;  // monthly_burn(): trailing three months; nullopt without cash accounts
  Runway runway;
};

// What the totals leave out for the period month.
struct InternalTransfers {
  static constexpr std::size_t k_places = 5;
  Money revenue;  // left out of revenue, and the same amount out of expenses
  Money moved;    // moved between the entities' own accounts (balance sheet); nets to zero in cash
  int transactions = 0;  // transactions touching two or more entities with either of the above
  std::vector<std::string> places;  // "books.journal:120", the first k_places
};

struct PortfolioTotals {
  std::vector<EntityTotals> entities;      // the scope's, in scope order
  std::vector<std::string> without_books;  // names of entities in scope without postings
  bool has_journal = false;
  Month period;
  Date as_of;
  Money cash;      // sum of the entities' cash
  Money revenue;   // sum of the entities' revenue less internal.revenue
  Money expenses;  // sum of the entities' expenses less internal.revenue
  Money net;       // revenue - expenses (= the sum of the entities' net)
  std::optional<Money>
      burn;  // sum of the entities' burn; nullopt when no entity has a cash account
  Runway runway;
  InternalTransfers internal;
};

// Each entity's figures, in scope order: what a table of the entities
// needs, without the pass over the journal that finds internal transfers.
std::vector<EntityTotals> entity_totals(const AnalysisContext& ctx, const std::vector<const Entity*>& scope);

// The totals of `scope` (a report's entities). Without a journal every
// figure is zero and has_journal is false: callers say the journal is
// missing rather than show zeros.
PortfolioTotals portfolio_totals(const AnalysisContext& ctx,
                                 const std::vector<const Entity*>& scope);

}  // namespace quarterdeck
