#include "analyze/totals.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "analyze/metrics.hpp"

namespace quarterdeck {

std::string Runway::to_display() const {
  switch (state) {
    case State::months:
      return months->to_display();
    case State::not_burning:
      return "not burning";
    case State::overdrawn:
      return "overdrawn";
    case State::unknown:
      return "no cash account";
  }
  return "no cash account";
}

Runway runway_of(std::optional<Money> cash, std::optional<Money> burn) {
  if (!cash || !burn) return {};
  if (cash->is_negative()) return {Runway::State::overdrawn, std::nullopt};
  if (burn->units() <= 0) return {Runway::State::not_burning, std::nullopt};
  return {Runway::State::months,
          Quantity::ratio_of(cash->units(), burn->units(), Quantity::Kind::months)};
}

namespace {

// One entity's share of a transaction that touches several, in the period
// month: its income (positive), its expenses, and the net of its balance
// sheet postings (positive: value came in).
struct Share {
  const Entity* entity = nullptr;
  Money revenue, expenses, balance;
};

// The most of `from` that can be matched against `to` held by another
// entity, greedily in the order given: income of one entity paid by the
// expenses of another. An entity's own income and expenses in the same
// transaction (a sale less its fee) are not a transfer.
Money cross_matched(const std::vector<Share>& shares) {
  std::vector<Money> left;
  left.reserve(shares.size());
  for (const auto& s : shares) left.push_back(s.expenses);
  Money matched;
  for (const auto& income : shares) {
    Money need = income.revenue;
    for (std::size_t j = 0; j < shares.size() && need.units() > 0; ++j) {
      if (shares[j].entity == income.entity || left[j].units() <= 0) continue;
      const Money take = std::min(need, left[j]);
      left[j] -= take;
      need -= take;
      matched += take;
    }
  }
  return matched;
}

// Value that left one entity's balance sheet for another's: the smaller of
// what came in and what went out, over the entities' net balance postings.
Money moved_between(const std::vector<Share>& shares) {
  Money in, out;
  for (const auto& s : shares) {
    if (s.balance.units() > 0) in += s.balance;
    if (s.balance.units() < 0) out -= s.balance;
  }
  return std::min(in, out);
}

InternalTransfers internal_transfers(const AnalysisContext& ctx,
                                     const std::vector<const Entity*>& scope) {
  InternalTransfers out;
  if (!ctx.data.journal || scope.size() < 2) return out;
  const Journal& journal = *ctx.data.journal;
  std::unordered_map<const Entity*, std::size_t> in_scope;  // entity -> its index in the scope
  for (const Entity* e : scope) in_scope.emplace(ctx.entities.by_id(e->id), in_scope.size());
  std::vector<Share> shares;
  for (const auto& t : journal.transactions) {
    shares.clear();
    for (const auto& p : journal.postings_of(t)) {
      if (!ctx.period.contains(p.date)) continue;
      const Entity* e = entity_of(journal, t, p, ctx.entities);
      if (e == nullptr || !in_scope.contains(e)) continue;
      const auto amount = ctx.books->amount_of(journal, p);
      if (!amount) continue;  // left out of the books too
      auto it = std::ranges::find(shares, e, &Share::entity);
      if (it == shares.end()) {
        shares.push_back({e, {}, {}, {}});
        it = shares.end() - 1;
      }
      const std::string_view account = journal.account_name(p);
      if (account.starts_with("Income:") || account.starts_with("Revenue:")) {
        it->revenue -= *amount;
      } else if (account.starts_with("Expenses:")) {
        it->expenses += *amount;
      } else {
        it->balance += *amount;
      }
    }
    if (shares.size() < 2) continue;
    // In scope order, so that the greedy matching does not depend on the
    // order of the postings.
    std::ranges::sort(shares, {}, [&](const Share& s) { return in_scope.at(s.entity); });
    const Money revenue = cross_matched(shares);
    const Money moved = moved_between(shares);
    if (revenue.is_zero() && moved.is_zero()) continue;
    out.revenue += revenue;
    out.moved += moved;
    ++out.transactions;
    if (out.places.size() < InternalTransfers::k_places) out.places.push_back(journal.where(t));
  }
  return out;
}

}  // namespace

std::vector<EntityTotals> entity_totals(const AnalysisContext& ctx, const std::vector<const Entity*>& scope) {
  std::vector<EntityTotals> out;
  out.reserve(scope.size());
  for (const Entity* e : scope) {
    EntityTotals& et = out.emplace_back();
    et.entity = e;
    const EntityBooks* eb = ctx.books ? ctx.books->find(e->id) : nullptr;
    if (eb == nullptr) continue;
    et.has_books = true;
    et.tracks_revenue = eb->income_postings > 0;
    et.has_cash = eb->has_cash_accounts();
    et.cash = eb->cash_at(ctx.as_of);
    et.revenue = eb->revenue_in(ctx.period);
    et.expenses = eb->expenses_in(ctx.period);
    et.net = et.revenue - et.expenses;
    et.burn = monthly_burn(*eb, ctx);
    if (et.has_cash) et.runway = runway_of(et.cash, et.burn);
  }
  return out;
}

PortfolioTotals portfolio_totals(const AnalysisContext& ctx,
                                 const std::vector<const Entity*>& scope) {
  PortfolioTotals totals;
  totals.period = ctx.period;
  totals.as_of = ctx.as_of;
  totals.has_journal = ctx.books.has_value();
  totals.entities = entity_totals(ctx, scope);
  for (const EntityTotals& et : totals.entities) {
    if (!et.has_books) {
      if (ctx.books) totals.without_books.push_back(et.entity->name);
      continue;
    }
    totals.cash += et.cash;
    totals.revenue += et.revenue;
    totals.expenses += et.expenses;
    if (et.burn) totals.burn = totals.burn.value_or(Money()) + *et.burn;
  }
  totals.internal = internal_transfers(ctx, scope);
  totals.revenue -= totals.internal.revenue;
  totals.expenses -= totals.internal.revenue;
  totals.net = totals.revenue - totals.expenses;
  if (totals.burn) totals.runway = runway_of(totals.cash, totals.burn);
  return totals;
}

}  // namespace quarterdeck
