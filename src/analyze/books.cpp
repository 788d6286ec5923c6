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
  if (style.symbol != "$" && style.symbol != currency && style.symbol != currency_symbol(currency)) return std::nullopt;
  // Reports show cents: a finer amount is kept only when it is whole cents.
  std::int64_t q = p.quantity;
  for (int s = p.scale; s > 2; --s) {
    if (q % 10 != 0) return std::nullopt;
    q /= 10;
  }
  for (int s = p.scale; s < 2; ++s) q *= 10;
  return Money(q, 2);
}

std::optional<std::string_view> tag_value(const Journal& journal, const Transaction& t, const Posting& p,
                                          std::string_view name) {
  for (const auto& tag : journal.tags(p.tags)) {
    if (tag.name == name) return tag.value;
  }
  for (const auto& tag : journal.tags(t.tags)) {
    if (tag.name == name) return tag.value;
  }
  return std::nullopt;
}

const EntityBooks* Books::find(const std::string& entity) const {
  const auto it = by_entity.find(entity);
  return it == by_entity.end() ? nullptr : &it->second;
}

const Entity* entity_of(const Journal& journal, const Transaction& t, const Posting& p, const EntityIndex& entities) {
  const std::string& tag = entities.portfolio().data.entity_tag;
  if (!tag.empty()) {
    if (const auto tagged = tag_value(journal, t, p, tag)) {
      if (const Entity* e = entities.by_id(*tagged)) return e;
    }
  }
  return entity_of_account(journal.account_name(p), entities);
}

bool belongs_to(const Journal& journal, const Transaction& t, const Posting& p, const EntityIndex& entities,
                const Entity& e) {
  const Entity* owner = entity_of(journal, t, p, entities);
  return owner != nullptr && owner->id == e.id;
}

const Entity* entity_of_account(std::string_view account, const EntityIndex& entities) {
  // The second segment alone, without splitting the whole name: this runs
  // for every posting.
  const auto first = account.find(':');
  if (first == std::string_view::npos) return nullptr;
  const std::string_view rest = account.substr(first + 1);
  const std::string_view second = rest.substr(0, rest.find(':'));
  return entities.by_account(second);
}

std::size_t category_index(const std::vector<std::string_view>& segments, const EntityIndex& entities) {
  // The second segment names the owner, an entity or a pool shared by
  // several (`Expenses:Shared:Insurance`, assigned by a tag). Only a
  // two-segment account reached by a tag (`Expenses:Fuel`) has its category
  // second.
  const bool owner_named = segments.size() >= 3 || (segments.size() == 2 && entities.by_account(segments[1]) != nullptr);
  return owner_named ? 2 : 1;
}

namespace {

void leave_out(Books& books, const Journal& journal, const Transaction& t, const Posting& p, const Entity* entity) {
  const std::string& symbol = journal.commodity_of(p).symbol;
  auto it = std::ranges::find(books.left_out, symbol, &LeftOut::commodity);
  if (it == books.left_out.end()) {
    books.left_out.push_back({symbol, 0, {}, {}});
    it = books.left_out.end() - 1;
  }
  ++it->count;
  if (it->places.size() < LeftOut::k_places) it->places.push_back(journal.where(t, p));
  if (entity != nullptr) {
    const auto at = std::ranges::lower_bound(it->entities, entity->id);
    if (at == it->entities.end() || *at != entity->id) it->entities.insert(at, entity->id);
  }
}

}  // namespace

Books build_books(const Journal& journal, const Portfolio& portfolio) {
  return build_books(journal, EntityIndex(portfolio));
}

Books build_books(const Journal& journal, const EntityIndex& entities) {
  const Portfolio& portfolio = entities.portfolio();
  Books books;
  books.file = journal.file;

  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) {
      // Virtual postings `(…)` and `[…]` (budgets, earmarks, automated
      // tracking) are not money: the books count real postings only.
      if (p.kind != PostingKind::real) continue;
      const Entity* entity = entity_of(journal, t, p, entities);
      const auto amount = in_currency(journal, p, portfolio.currency);
      if (!amount) {
        leave_out(books, journal, t, p, entity);
        continue;
      }
      const std::string& account = journal.account_name(p);
      books.account_balances[account] += *amount;
      if (entity == nullptr) continue;
      const auto segments = split(account, ':');
      const std::size_t rest = category_index(segments, entities);
      EntityBooks& eb = books.by_entity[entity->id];
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
        const std::string category = segments.size() > rest ? std::string(segments[rest]) : "Uncategorised";
        eb.expenses_by_category[category][month] += *amount;
      } else if (top == "Assets" && segments.size() > rest &&
                 (starts_with_ci(segments[rest], "Cash") || starts_with_ci(segments[rest], "Checking") ||
                  starts_with_ci(segments[rest], "Savings"))) {
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
