// budget.csv (`[data] budget`): an amount per entity, account and month.
//
//   entity,account,period,amount
//   jada,Expenses:JADA:Fuel,monthly,1200.00
//   jada,Fuel,2026-07,1800.00
//   jada,Income:JADA:Charters,monthly,25000.00
//
// `account` is a journal account, or a category of the entity's expenses
// (`Fuel` is `Expenses:SEG:Fuel` for the entity whose account segment is
// SEG). `period` is `monthly` (every month) or a month `YYYY-MM` (that month
// only, in place of `monthly` there). `amount` is positive, in the portfolio
// currency: what is expected to be spent, or earned for an Income account.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct BudgetRow {
  std::string entity;
  std::string account;       // as written
  std::optional<Month> month;  // nullopt: every month
  Money amount;
  int line = 0;
};

// Bad rows are reported at their field and skipped.
std::vector<BudgetRow> parse_budget_csv(std::string_view text, const std::string& file, Diagnostics& d);

}  // namespace quarterdeck
