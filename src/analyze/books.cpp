#include "analyze/books.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace quarterdeck {

Money EntityBooks::revenue_in(Month m) const {
  const auto it = revenue.find(m);
  return it == revenue.end() ? Money() : it->second;
}

Money EntityBooks::expenses_in(Month m) const {
  const auto it = expenses.find(m);
  return it == expenses.end() ? Money() : it->second;
}

Money EntityBooks::cash_at(Date d) const {
  Money total;
  for (const auto& [date, amount] : cash_changes) {
    if (date > d) break;
    total += amount;
  }
  return total;
}

std::optional<Money> in_currency(const Journal& journal, const Posting& p, std::string_view currency) {
  const CommodityStyle& style = journal.commodity_of(p);
  if (style.symbol != "$" && style.symbol != currency) return std::nullopt;
  // Reports show cents: a finer amount is kept only when it is whole cents.
  std::int64_t q = p.quantity;
  for (int s = p.scale; s > 2; --s) {
    if (q % 10 != 0) return std::nullopt;
    q /= 10;
  }
  for (int s = p.scale; s < 2; ++s) q *= 10;
  return Money(q, 2);
}

const EntityBooks* Books::find(const std::string& entity) const {
  const auto it = by_entity.find(entity);
  return it == by_entity.end() ? nullptr : &it->second;
}

Books build_books(const Journal& journal, const Portfolio& portfolio) {
  Books books;
  books.file = journal.file;
  std::map<std::string, std::string> entity_of_segment;
  for (const auto& e : portfolio.entities) entity_of_segment[e.account] = e.id;

  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) {
      const auto amount = in_currency(journal, p, portfolio.currency);
      if (!amount) {
        const std::string& symbol = journal.commodity_of(p).symbol;
        if (std::ranges::find(books.other_commodities, symbol) == books.other_commodities.end()) {
          books.other_commodities.push_back(symbol);
        }
        continue;
      }
      const std::string& account = journal.account_name(p);
      books.account_balances[account] += *amount;
      const auto segments = split(account, ':');
      if (segments.size() < 2) continue;
      const auto it = entity_of_segment.find(std::string(segments[1]));
      if (it == entity_of_segment.end()) continue;
      EntityBooks& eb = books.by_entity[it->second];
      if (eb.first_line == 0) eb.first_line = static_cast<int>(t.line);
      ++eb.postings;
      eb.account_balances[account] += *amount;
      const std::string_view top = segments[0];
      const Month month = Month::of(p.date);
      if (top == "Income" || top == "Revenue") {
        eb.revenue[month] -= *amount;
        ++eb.income_postings;
        if (!eb.last_income || p.date >= *eb.last_income) {
          eb.last_income = p.date;
          eb.last_income_line = static_cast<int>(t.line);
        }
      } else if (top == "Expenses") {
        eb.expenses[month] += *amount;
        const std::string category = segments.size() > 2 ? std::string(segments[2]) : "Uncategorised";
        eb.expenses_by_category[category][month] += *amount;
      } else if (top == "Assets" && segments.size() > 2 &&
                 (starts_with_ci(segments[2], "Cash") || starts_with_ci(segments[2], "Checking") ||
                  starts_with_ci(segments[2], "Savings"))) {
        eb.cash_changes.emplace_back(p.date, *amount);
      }
    }
  }
  for (auto& [_, eb] : books.by_entity) {
    std::ranges::stable_sort(eb.cash_changes, {}, &std::pair<Date, Money>::first);
  }
  return books;
}

}  // namespace quarterdeck
