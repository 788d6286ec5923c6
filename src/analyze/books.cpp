#include "analyze/books.hpp"

#include <fmt/format.h>

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

namespace {

// A foreign cash balance at the end of day `d`, at the commodity's precision.
std::int64_t balance_at(const EntityBooks::ForeignCash& cash, Date d) {
  std::int64_t q = 0;
  for (const auto& [date, change] : cash.changes) {
    if (date > d) break;
    q += change;
  }
  return q;
}

}  // namespace

Money EntityBooks::cash_at(Date d) const {
  Money total;
  for (const auto& [date, amount] : cash_changes) {
    if (date > d) break;
    total += amount;
  }
  for (const auto& cash : foreign_cash) {
    const std::int64_t q = balance_at(cash, d);
    if (q == 0 || !rates) continue;
    // Every change had a rate on its own date, so the balance has one on d.
    const auto quote = rates->on(cash.commodity, currency, d);
    if (!quote) continue;
    if (const auto cents = convert(q, cash.precision, quote->rate, 2)) total += Money(*cents, 2);
  }
  return total;
}

std::vector<std::string> EntityBooks::cash_rates_at(Date d) const {
  std::vector<std::string> out;
  for (const auto& cash : foreign_cash) {
    if (balance_at(cash, d) == 0 || !rates) continue;
    if (const auto quote = rates->on(cash.commodity, currency, d)) {
      out.push_back(fmt::format("{} at {} {} on {} from {}", cash.commodity, quote->rate.to_string(), currency,
                                d.to_string(), quote->file));
    }
  }
  return out;
}

std::optional<Money> in_currency(const Journal& journal, const Posting& p, std::string_view currency) {
  const CommodityStyle& style = journal.commodity_of(p);
  // `$` is USD's symbol: in a EUR portfolio it is another currency.
  if (style.symbol != currency && style.symbol != currency_symbol(currency)) return std::nullopt;
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

void leave_out(Books& books, const Journal& journal, const Transaction& t, const Posting& p, const Entity* entity,
               std::string missing_rate = {}) {
  const std::string& symbol = journal.commodity_of(p).symbol;
  auto it = std::ranges::find(books.left_out, symbol, &LeftOut::commodity);
  if (it == books.left_out.end()) {
    books.left_out.push_back({symbol, 0, {}, {}, std::move(missing_rate)});
    it = books.left_out.end() - 1;
  }
  ++it->count;
  if (it->places.size() < LeftOut::k_places) it->places.push_back(journal.where(t, p));
  if (entity != nullptr) {
    const auto at = std::ranges::lower_bound(it->entities, entity->id);
    if (at == it->entities.end() || *at != entity->id) it->entities.insert(at, entity->id);
  }
}

bool is_profit_and_loss(std::string_view account) {
  return account.starts_with("Income:") || account.starts_with("Revenue:") || account.starts_with("Expenses:") ||
         account == "Income" || account == "Revenue" || account == "Expenses";
}

bool is_cash(const std::vector<std::string_view>& segments, std::size_t rest) {
  return segments[0] == "Assets" && segments.size() > rest &&
         (starts_with_ci(segments[rest], "Cash") || starts_with_ci(segments[rest], "Checking") ||
          starts_with_ci(segments[rest], "Savings"));
}

// A posting in another commodity than the portfolio's, in the portfolio's
// currency by the rule of fx.hpp: what it adds to its month's profit and
// loss or to a balance on its date, and the line that names the rate.
struct Converted {
  Money amount;
  std::string rate_line;  // profit and loss: the month's average
  std::string missing;    // why it could not be converted
};

class Converter {
 public:
  Converter(const RateTable& rates, std::string currency, std::string price_file)
      : rates_(rates), currency_(std::move(currency)), price_file_(std::move(price_file)) {}

  Converted convert_posting(const Journal& journal, const Posting& p, std::string_view account) {
    const std::string_view code = currency_code(journal.commodity_of(p).symbol);
    const auto on_date = rates_.on(code, currency_, p.date);
    if (!on_date) {
      return {{}, {},
              fmt::format("no {} to {} price on or before {}; add a `P` line to {}", code, currency_,
                          p.date.to_string(), price_file_.empty() ? "the journal or a price file (`[data] prices`)"
                                                                  : price_file_)};
    }
    const int precision = journal.commodity_of(p).precision;
    const std::int64_t q = journal.quantity_at_precision(p);
    if (!is_profit_and_loss(account)) {
      const auto cents = convert(q, precision, on_date->rate, 2);
      if (!cents) return {{}, {}, fmt::format("{} {} is too large to convert", q, code)};
      return {Money(*cents, 2), {}, {}};
    }
    const Month month = Month::of(p.date);
    auto [it, fresh] = averages_.try_emplace({std::string(code), month});
    if (fresh) it->second = rates_.month_average(code, currency_, month);
    const auto& average = it->second;  // there is one: the posting's own date has a rate
    const auto cents = average ? convert(q, precision, average->rate, 2) : std::nullopt;
    if (!cents) return {{}, {}, fmt::format("{} {} is too large to convert", q, code)};
    return {Money(*cents, 2),
            fmt::format("{} at {} {}, average of {} from {}{}", code, average->rate.to_string(), currency_,
                        month.name(), average->file, average->via.empty() ? "" : " through " + average->via),
            {}};
  }

 private:
  const RateTable& rates_;
  std::string currency_;
  std::string price_file_;
  std::map<std::pair<std::string, Month>, std::optional<RateQuote>> averages_;
};

}  // namespace

Books build_books(const Journal& journal, const Portfolio& portfolio, const Journal* price_file) {
  return build_books(journal, EntityIndex(portfolio), price_file);
}

Books build_books(const Journal& journal, const EntityIndex& entities, const Journal* price_file) {
  const Portfolio& portfolio = entities.portfolio();
  Books books;
  books.file = journal.file;
  auto rates = std::make_shared<RateTable>(CommodityNames::currency_codes);
  rates->add(journal);
  if (price_file != nullptr) rates->add(*price_file);
  books.rates = rates;
  books.currency = currency_code(portfolio.currency);
  Converter converter(*rates, std::string(currency_code(portfolio.currency)),
                      price_file != nullptr ? price_file->file : std::string());

  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) {
      // Virtual postings `(…)` and `[…]` (budgets, earmarks, automated
      // tracking) are not money: the books count real postings only.
      if (p.kind != PostingKind::real) continue;
      const Entity* entity = entity_of(journal, t, p, entities);
      const std::string& account = journal.account_name(p);
      std::optional<Money> amount = in_currency(journal, p, portfolio.currency);
      std::string rate_line;
      const bool home = amount.has_value() || currency_code(journal.commodity_of(p).symbol) ==
                                                  currency_code(portfolio.currency);
      if (!home && !journal.commodity_of(p).symbol.empty()) {
        Converted c = converter.convert_posting(journal, p, account);
        if (!c.missing.empty()) {
          leave_out(books, journal, t, p, entity, std::move(c.missing));
          continue;
        }
        amount = c.amount;
        rate_line = std::move(c.rate_line);
      }
      if (!amount) {
        leave_out(books, journal, t, p, entity);
        continue;
      }
      books.account_balances[account] += *amount;
      if (entity == nullptr) continue;
      const auto segments = split(account, ':');
      const std::size_t rest = category_index(segments, entities);
      EntityBooks& eb = books.by_entity[entity->id];
      if (eb.first_line == 0) eb.first_line = static_cast<int>(t.line);
      if (!eb.rates) {
        eb.rates = rates;
        eb.currency = currency_code(portfolio.currency);
      }
      ++eb.postings;
      eb.account_balances[account] += *amount;
      const std::string_view top = segments[0];
      const Month month = Month::of(p.date);
      if (!rate_line.empty()) {
        auto& lines = eb.rates_used[month];
        if (std::ranges::find(lines, rate_line) == lines.end()) lines.push_back(rate_line);
      }
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
      } else if (is_cash(segments, rest)) {
        if (home) {
          eb.cash_changes.emplace_back(p.date, *amount);
        } else {
          // Held in its own commodity, valued at the rate of the balance's date.
          const std::string code(currency_code(journal.commodity_of(p).symbol));
          auto cash = std::ranges::find(eb.foreign_cash, code, &EntityBooks::ForeignCash::commodity);
          if (cash == eb.foreign_cash.end()) {
            eb.foreign_cash.push_back({code, journal.commodity_of(p).precision, {}});
            cash = eb.foreign_cash.end() - 1;
          }
          cash->changes.emplace_back(p.date, journal.quantity_at_precision(p));
        }
      }
    }
  }
  for (auto& [_, eb] : books.by_entity) {
    std::ranges::stable_sort(eb.cash_changes, {}, &std::pair<Date, Money>::first);
    for (auto& cash : eb.foreign_cash) std::ranges::stable_sort(cash.changes, {}, &std::pair<Date, std::int64_t>::first);
  }
  return books;
}

std::optional<Money> Books::amount_of(const Journal& journal, const Posting& p) const {
  const CommodityStyle& style = journal.commodity_of(p);
  const std::string_view code = currency_code(style.symbol);
  if (code == currency || style.symbol == currency_symbol(currency)) return in_currency(journal, p, currency);
  if (!rates || style.symbol.empty() || !rates->on(code, currency, p.date)) return std::nullopt;
  const auto quote = is_profit_and_loss(journal.account_name(p)) ? rates->month_average(code, currency, Month::of(p.date))
                                     : rates->on(code, currency, p.date);
  if (!quote) return std::nullopt;
  const auto cents = convert(journal.quantity_at_precision(p), style.precision, quote->rate, 2);
  if (!cents) return std::nullopt;
  return Money(*cents, 2);
}

}  // namespace quarterdeck
