#include "ingest/budget_csv.hpp"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "ingest/csv_columns.hpp"

namespace quarterdeck {

using ingest_detail::Columns;

std::vector<BudgetRow> parse_budget_csv(std::string_view text, const std::string& file, Diagnostics& d) {
  std::vector<BudgetRow> out;
  const CsvTable table = parse_csv(text, file, d);
  Columns c(table, file, {"entity", "account", "period", "amount"}, d);
  if (!c.ok()) return out;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const auto& row : table.rows) {
    const std::size_t before = d.size();
    const auto where = [&](std::string_view column) {
      const CsvField* f = c.field(row, column);
      return SourcePosition{file, row.line, f != nullptr ? f->column : 1};
    };
    BudgetRow r;
    r.line = row.line;
    r.entity = c.text(row, "entity");
    r.account = c.text(row, "account");
    const std::string period = c.text(row, "period");
    for (const char* column : {"entity", "account"}) {
      if (c.text(row, column).empty()) {
        d.push_back({where(column), fmt::format("invalid `{}`", column), "a value", "an empty field", ""});
      }
    }
    if (period != "monthly") {
      r.month = Month::parse(period);
      if (!r.month) {
        d.push_back({where("period"), "invalid `period`", "`monthly` or a month YYYY-MM",
                     period.empty() ? "an empty field"
                     : period.size() <= 20 ? fmt::format("`{}`", period)
                                           : fmt::format("{} characters that are not a period", period.size()),
                     ""});
      }
    }
    const auto amount = c.money(row, "amount");
    if (amount && amount->is_negative()) {
      d.push_back({where("amount"), "invalid `amount`",
                   "an amount of zero or more (the account says whether it is spent or earned)",
                   fmt::format("`{}`", amount->to_decimal()), ""});
    }
    if (d.size() != before || !amount) continue;
    if (!seen.insert({r.entity, r.account, period}).second) {
      d.push_back({where("account"), fmt::format("budget for `{}` of `{}` in `{}` given twice", r.account, r.entity, period),
                   "one row per entity, account and period", "a second row", ""});
      continue;
    }
    r.amount = *amount;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace quarterdeck
