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
    for (const auto& p : t.postings) {
      if (p.commodity != "$" && p.commodity != portfolio.currency) {
        if (std::ranges::find(books.other_commodities, p.commodity) == books.other_commodities.end()) {
          books.other_commodities.push_back(p.commodity);
        }
        continue;
      }
      books.account_balances[p.account] += p.amount;
      const auto segments = split(p.account, ':');
      if (segments.size() < 2) continue;
      const auto it = entity_of_segment.find(std::string(segments[1]));
      if (it == entity_of_segment.end()) continue;
      EntityBooks& eb = books.by_entity[it->second];
      if (eb.first_line == 0) eb.first_line = t.line;
      ++eb.postings;
      eb.account_balances[p.account] += p.amount;
      const std::string_view top = segments[0];
      const Month month = Month::of(t.date);
      if (top == "Income" || top == "Revenue") {
        eb.revenue[month] -= p.amount;
        ++eb.income_postings;
        if (!eb.last_income || t.date >= *eb.last_income) {
          eb.last_income = t.date;
          eb.last_income_line = t.line;
        }
      } else if (top == "Expenses") {
        eb.expenses[month] += p.amount;
        const std::string category = segments.size() > 2 ? std::string(segments[2]) : "Uncategorised";
        eb.expenses_by_category[category][month] += p.amount;
      } else if (top == "Assets" && segments.size() > 2 &&
                 (starts_with_ci(segments[2], "Cash") || starts_with_ci(segments[2], "Checking") ||
                  starts_with_ci(segments[2], "Savings"))) {
        eb.cash_changes.emplace_back(t.date, p.amount);
      }
    }
  }
  for (auto& [_, eb] : books.by_entity) {
    std::ranges::stable_sort(eb.cash_changes, {}, &std::pair<Date, Money>::first);
  }
  return books;
}

}  // namespace quarterdeck
