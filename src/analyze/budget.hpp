// Budgets against actuals.
//
// A budget comes from the journal's periodic transactions (`~ monthly`,
// hledger's convention: each posting is an amount every time the period
// falls) and from budget.csv (`[data] budget`, ingest/budget_csv.hpp). When
// both budget one account, budget.csv wins for that account: every `~` line
// of it is left out (the file is the one the owner keeps as the budget).
//
// A month's budget for a line is its amount times the number of times its
// period falls in the month (journal_periodic.hpp: the first day of each
// interval; a week's is its Monday). A monthly budget always covers whole
// months (hledger refuses a `from` date that is not a 1st); a weekly one
// that starts mid-month counts the Mondays from its start. The year to date
// runs from January, or from the first month of the year that has a budget
// for the row when it starts later, to the report's month: actuals before
// a budget began are not held against it.
//
// Actuals come from the books (analyze/books.hpp), in the portfolio
// currency: an expense row is an expense category (the account's segment
// after the entity's), the revenue row is the entity's whole income.
// Amounts are exact; a percentage is actual * 100 / budget rounded half away
// from zero.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "ingest/budget_csv.hpp"
#include "ingest/journal.hpp"
#include "model/money.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// One budget line: `amount` each time `period` falls.
struct BudgetLine {
  std::string account;  // the journal account
  std::string entity;   // the entity id it belongs to; empty for none
  Period period;
  Money amount;          // with the journal's sign: spending positive, income negative
  std::string source;    // "data/books.journal:12" or "data/budget.csv:3"
  bool from_file = false;  // budget.csv
};

struct BudgetLines {
  std::vector<BudgetLine> lines;
  // `~` postings not in the portfolio currency, or beyond 10^15 in the
  // smallest unit: file:line.
  std::vector<std::string> left_out;
};

// Every budget line of the journal's `~` transactions and of budget.csv
// (`rows` read from `file`), budget.csv winning per account; accounts are
// assigned to entities by their second segment (entity_of_account), and a
// budget.csv category to `Expenses:SEG:CATEGORY`.
BudgetLines collect_budget(const Journal* journal, const std::vector<BudgetRow>* rows, const std::string& file,
                           const EntityIndex& entities, std::string_view currency);

// The line's budget for dates in [from, to).
Money budget_between(const BudgetLine& line, Date from, Date to);

// actual * 100 / budget, rounded half away from zero; nullopt for a zero budget.
std::optional<std::int64_t> percent_used(std::int64_t actual, std::int64_t budget);

// One row of an entity's budget against actual: an expense category or the revenue.
struct BudgetComparison {
  std::string category;  // "Fuel"; "Revenue" for the income row
  bool income = false;
  std::vector<std::string> accounts;  // the budgeted accounts in it
  std::vector<std::string> sources;   // the budget lines' file:line
  Money budget_month, actual_month;
  Month ytd_from;  // the year to date starts here
  Money budget_ytd, actual_ytd;

  // Spending above its budget (income: below it), in the month or the year to date.
  bool over_month() const { return income ? actual_month < budget_month : actual_month > budget_month; }
  bool over_ytd() const { return income ? actual_ytd < budget_ytd : actual_ytd > budget_ytd; }
  // How far past the budget (positive when over), in the month and the year to date.
  Money over_by_month() const { return income ? budget_month - actual_month : actual_month - budget_month; }
  Money over_by_ytd() const { return income ? budget_ytd - actual_ytd : actual_ytd - budget_ytd; }
};

struct EntityBudget {
  std::string entity;
  Month month;  // the report's month (AnalysisContext::period)
  // Over-budget expense categories first (by the month's overspend, then
  // the year's), then revenue behind its budget, then the rest by name.
  std::vector<BudgetComparison> rows;
};

// The entity's budget against actual for the context's period month and
// year to date; nullopt when no budget line names the entity (or there are
// no books to compare with).
std::optional<EntityBudget> entity_budget(const AnalysisContext& ctx, const Entity& e);

// The portfolio's budget lines (the journal's and budget.csv), as
// entity_budget reads them.
BudgetLines portfolio_budget(const AnalysisContext& ctx);

// `quarterdeck ledger balance --budget`: hledger 1.25's `bal --budget` on a
// journal's `~` transactions. One row per budgeted account, sorted by name:
// its actual (the postings to it and its sub-accounts) and its budget (its
// own and its budgeted sub-accounts' lines), per column. Columns are the
// report period ([begin, end), by default the first to the last
// transaction's date), or its months with `monthly` (whole months).
struct BudgetReportOptions {
  std::optional<Date> begin, end;
  bool monthly = false;
};
struct BudgetReport {
  struct Column {
    Date from, to;  // [from, to)
    std::string label;  // "2026-01", or "2026-01-05..2026-03-10"
  };
  struct Cell {
    std::map<std::uint32_t, std::int64_t> actual;  // commodity -> quantity at its display precision
    std::map<std::uint32_t, std::int64_t> budget;
    bool budgeted = false;  // some budget line falls in the column
  };
  struct Row {
    std::string account;
    std::vector<Cell> cells;  // one per column
  };
  std::vector<Column> columns;
  std::vector<Row> rows;
  bool overflow = false;  // a budget too large for 64 bits (the cell is left incomplete)
};
BudgetReport budget_report(const Journal& journal, const BudgetReportOptions& options);

}  // namespace quarterdeck
