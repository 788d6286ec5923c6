#include "analyze/budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ingest/journal_periodic.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

__extension__ typedef __int128 Int128;

// A budget line's amount is at most 10^15 in the smallest unit (ten
// trillion dollars): a year of daily occurrences of it still adds up
// within 64 bits. Larger ones are left out, as ones in another currency.
constexpr std::int64_t k_max_line = 1'000'000'000'000'000;

// Where a budget row of an entity sits: an expense category or the revenue.
struct RowKey {
  std::string category;
  bool income = false;
};
std::optional<RowKey> row_of(std::string_view account, const EntityIndex& entities) {
  const auto segments = split(account, ':');
  if (segments.empty()) return std::nullopt;
  if (segments[0] == "Income" || segments[0] == "Revenue") return RowKey{"Revenue", true};
  if (segments[0] != "Expenses") return std::nullopt;
  const std::size_t at = category_index(segments, entities);
  return RowKey{segments.size() > at ? std::string(segments[at]) : "Uncategorised", false};
}

}  // namespace

BudgetLines collect_budget(const Journal* journal, const std::vector<BudgetRow>* rows, const std::string& file,
                           const EntityIndex& entities, std::string_view currency) {
  BudgetLines out;
  std::set<std::string> in_file;
  if (rows != nullptr) {
    for (const BudgetRow& r : *rows) {
      BudgetLine line;
      const Entity* e = entities.by_id(r.entity);
      line.account = r.account.find(':') == std::string::npos && e != nullptr
                         ? fmt::format("Expenses:{}:{}", e->account, r.account)
                         : r.account;
      line.entity = r.entity;
      const bool income = line.account.starts_with("Income") || line.account.starts_with("Revenue");
      line.amount = income ? -r.amount : r.amount;
      line.source = fmt::format("{}:{}", file, r.line);
      line.from_file = true;
      in_file.insert(line.account);
      if (r.month) {
        line.period.begin = r.month->first_day();
        line.period.end = r.month->plus(1).first_day();
        out.lines.push_back(std::move(line));
        continue;
      }
      // `monthly`, except in the months the file budgets on their own rows.
      std::vector<Month> own;
      for (const BudgetRow& o : *rows) {
        if (o.month && o.entity == r.entity && o.account == r.account) own.push_back(*o.month);
      }
      std::ranges::sort(own);
      std::optional<Date> from;
      for (const Month m : own) {
        if (!from || *from < m.first_day()) {
          BudgetLine part = line;
          part.period.begin = from;
          part.period.end = m.first_day();
          out.lines.push_back(std::move(part));
        }
        from = m.plus(1).first_day();
      }
      line.period.begin = from;
      out.lines.push_back(std::move(line));
    }
  }
  if (journal != nullptr) {
    for (const PeriodicTransaction& pt : journal->periodic) {
      for (const Posting& p : journal->postings_of(pt)) {
        const std::string& account = journal->account_name(p);
        if (in_file.contains(account)) continue;
        const std::string source = fmt::format("{}:{}", journal->files[pt.file], p.line);
        const auto amount = in_currency(*journal, p, currency);
        if (!amount || amount->units() > k_max_line || amount->units() < -k_max_line) {
          out.left_out.push_back(source);
          continue;
        }
        const Entity* e = entity_of_account(account, entities);
        out.lines.push_back({account, e != nullptr ? e->id : "", pt.period, *amount, source, false});
      }
    }
  }
  return out;
}

Money budget_between(const BudgetLine& line, Date from, Date to) {
  const auto n = static_cast<std::int64_t>(period_occurrences(line.period, from, to).size());
  return line.amount.times(n);
}

std::optional<std::int64_t> percent_used(std::int64_t actual, std::int64_t budget) {
  if (budget == 0) return std::nullopt;
  const Int128 num = static_cast<Int128>(actual) * 100;
  const Int128 den = budget;
  const bool negative = (num < 0) != (den < 0);
  const Int128 a = num < 0 ? -num : num;
  const Int128 b = den < 0 ? -den : den;
  const Int128 q = (2 * a + b) / (2 * b);  // half away from zero
  return static_cast<std::int64_t>(negative ? -q : q);
}

BudgetLines portfolio_budget(const AnalysisContext& ctx) {
  const Journal* journal = ctx.data.journal ? &*ctx.data.journal : nullptr;
  const std::vector<BudgetRow>* rows = ctx.data.budget ? &*ctx.data.budget : nullptr;
  return collect_budget(journal, rows, ctx.data.budget_file, ctx.entities, ctx.portfolio.currency);
}

std::optional<EntityBudget> entity_budget(const AnalysisContext& ctx, const Entity& e) {
  if (!ctx.books) return std::nullopt;
  const BudgetLines all = portfolio_budget(ctx);
  std::map<std::string, BudgetComparison> rows;
  std::map<std::string, std::vector<const BudgetLine*>> lines_of;
  for (const BudgetLine& line : all.lines) {
    if (line.entity != e.id) continue;
    const auto key = row_of(line.account, ctx.entities);
    if (!key) continue;
    BudgetComparison& row = rows[key->category];
    row.category = key->category;
    row.income = key->income;
    if (std::ranges::find(row.accounts, line.account) == row.accounts.end()) row.accounts.push_back(line.account);
    row.sources.push_back(line.source);
    lines_of[key->category].push_back(&line);
  }
  if (rows.empty()) return std::nullopt;
  EntityBudget out;
  out.entity = e.id;
  out.month = ctx.period;
  const EntityBooks* eb = ctx.books->find(e.id);
  const Month january(ctx.period.year(), 1);
  for (auto& [category, row] : rows) {
    const auto budget_in = [&](Month m) {
      Money sum;
      for (const BudgetLine* line : lines_of[category]) sum += budget_between(*line, m.first_day(), m.plus(1).first_day());
      // Income lines carry the journal's sign; the row shows revenue positive.
      return row.income ? -sum : sum;
    };
    const auto actual_in = [&](Month m) {
      if (eb == nullptr) return Money();
      if (row.income) return eb->revenue_in(m);
      const auto it = eb->expenses_by_category.find(category);
      if (it == eb->expenses_by_category.end()) return Money();
      const auto at = it->second.find(m);
      return at == it->second.end() ? Money() : at->second;
    };
    row.ytd_from = ctx.period;
    for (Month m = january; m <= ctx.period; m = m.plus(1)) {
      if (!budget_in(m).is_zero()) {
        row.ytd_from = m;
        break;
      }
    }
    row.budget_month = budget_in(ctx.period);
    row.actual_month = actual_in(ctx.period);
    for (Month m = row.ytd_from; m <= ctx.period; m = m.plus(1)) {
      row.budget_ytd += budget_in(m);
      row.actual_ytd += actual_in(m);
    }
    std::ranges::sort(row.sources);
    row.sources.erase(std::unique(row.sources.begin(), row.sources.end()), row.sources.end());
    out.rows.push_back(std::move(row));
  }
  const auto rank = [](const BudgetComparison& r) {
    if (!r.income && r.over_month()) return 0;
    if (!r.income && r.over_ytd()) return 1;
    if (r.income && (r.over_month() || r.over_ytd())) return 2;
    return 3;
  };
  std::ranges::stable_sort(out.rows, [&](const BudgetComparison& a, const BudgetComparison& b) {
    const int ra = rank(a);
    const int rb = rank(b);
    if (ra != rb) return ra < rb;
    if (ra == 0 && a.over_by_month() != b.over_by_month()) return a.over_by_month() > b.over_by_month();
    if (ra <= 1 && a.over_by_ytd() != b.over_by_ytd()) return a.over_by_ytd() > b.over_by_ytd();
    if (a.income != b.income) return b.income;
    return a.category < b.category;
  });
  return out;
}

BudgetReport budget_report(const Journal& journal, const BudgetReportOptions& options) {
  BudgetReport report;
  std::optional<Date> first, last;
  for (const Transaction& t : journal.transactions) {
    for (const Posting& p : journal.postings_of(t)) {
      if (!first || p.date < *first) first = p.date;
      if (!last || p.date > *last) last = p.date;
    }
  }
  Date from = options.begin ? *options.begin : first.value_or(Date{});
  Date to = options.end ? *options.end : (last ? last->plus_days(1) : Date{});
  if ((!options.begin && !first) || (!options.end && !last) || !(from < to)) return report;
  if (options.monthly) {
    for (Month m = Month::of(from); m.first_day() < to; m = m.plus(1)) {
      report.columns.push_back({m.first_day(), m.plus(1).first_day(), m.to_string()});
    }
  } else {
    // A whole year, quarter or month is named as hledger names it.
    std::string label = fmt::format("{}..{}", from.to_string(), to.plus_days(-1).to_string());
    const Month m = Month::of(from);
    if (from == m.first_day()) {
      if (m.month() == 1 && to == m.plus(12).first_day()) {
        label = fmt::format("{}", m.year());
      } else if ((m.month() - 1) % 3 == 0 && to == m.plus(3).first_day()) {
        label = fmt::format("{}Q{}", m.year(), (m.month() - 1) / 3 + 1);
      } else if (to == m.plus(1).first_day()) {
        label = m.to_string();
      }
    }
    report.columns.push_back({from, to, std::move(label)});
  }
  // The budgeted accounts, in name order.
  std::set<std::string> accounts;
  for (const PeriodicTransaction& pt : journal.periodic) {
    for (const Posting& p : journal.postings_of(pt)) accounts.insert(journal.account_name(p));
  }
  std::map<std::string, std::size_t> index;
  for (const std::string& a : accounts) {
    index.emplace(a, report.rows.size());
    report.rows.push_back({a, std::vector<BudgetReport::Cell>(report.columns.size())});
  }
  const auto column_of = [&](Date d) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < report.columns.size(); ++c) {
      if (report.columns[c].from <= d && d < report.columns[c].to) return c;
    }
    return std::nullopt;
  };
  // Each posting counts for every budgeted account it is under.
  const auto rows_over = [&](std::string_view account, auto&& add) {
    std::string_view name = account;
    while (true) {
      if (const auto it = index.find(std::string(name)); it != index.end()) add(report.rows[it->second]);
      const auto colon = name.rfind(':');
      if (colon == std::string_view::npos) break;
      name = name.substr(0, colon);
    }
  };
  for (const Transaction& t : journal.transactions) {
    for (const Posting& p : journal.postings_of(t)) {
      const auto c = column_of(p.date);
      if (!c) continue;
      const std::int64_t q = journal.quantity_at_precision(p);
      rows_over(journal.account_name(p), [&](BudgetReport::Row& row) { row.cells[*c].actual[p.commodity] += q; });
    }
  }
  for (const PeriodicTransaction& pt : journal.periodic) {
    for (const Posting& p : journal.postings_of(pt)) {
      const std::int64_t q = journal.quantity_at_precision(p);
      // Intervals of several units count from the report's start, as hledger's do.
      Period period = pt.period;
      if (period.every > 1 && !period.begin) period.begin = start_of_unit(period.unit, report.columns.front().from);
      for (std::size_t c = 0; c < report.columns.size(); ++c) {
        const auto m = static_cast<std::int64_t>(
            period_occurrences(period, report.columns[c].from, report.columns[c].to).size());
        if (m == 0) continue;
        std::int64_t total = 0;
        if (__builtin_mul_overflow(q, m, &total)) {
          report.overflow = true;
          continue;
        }
        rows_over(journal.account_name(p), [&](BudgetReport::Row& row) {
          std::int64_t& cell = row.cells[c].budget[p.commodity];
          if (__builtin_add_overflow(cell, total, &cell)) report.overflow = true;
          row.cells[c].budgeted = true;
        });
      }
    }
  }
  return report;
}

}  // namespace quarterdeck
