#include "analyze/sections/budget.hpp"

#include <fmt/format.h>

#include "analyze/budget.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

std::string percent_text(Money actual, Money budget) {
  const auto p = percent_used(actual.units(), budget.units());
  return p ? fmt::format("{}%", *p) : "no budget";
}

struct Totals {
  Money budget_month, actual_month, budget_ytd, actual_ytd;
  void add(const BudgetComparison& r) {
    budget_month += r.budget_month;
    actual_month += r.actual_month;
    budget_ytd += r.budget_ytd;
    actual_ytd += r.actual_ytd;
  }
};

}  // namespace

std::vector<Section> budget_section(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  Section s{"budget", fmt::format("Budget against actual, {}", ctx.period.name()), "", {}, {}};
  if (!ctx.books) {
    s.note = "Needs the journal (`[data] journal`) for the actuals, and a budget: `~ monthly` transactions in it "
             "or a budget file (`[data] budget`).";
    return {s};
  }
  const bool several = in.scope.size() > 1;
  const std::string& sym = ctx.symbol;
  // For the reader: "ACTUAL of BUDGET (USED)" for the month and the year;
  // the figures one by one, the accounts and the budget lines in the JSON.
  if (several) s.columns.push_back("Business");
  for (const std::string& c :
       {std::string("Category"), ctx.period.name(), std::string("Year to date"), std::string("budget"),
        std::string("actual"), std::string("difference"), std::string("used"), std::string("budget_ytd"),
        std::string("actual_ytd"), std::string("difference_ytd"), std::string("used_ytd"), std::string("accounts"),
        std::string("budget_lines")}) {
    s.columns.push_back(c);
  }
  s.json_only = {"budget", "actual", "difference", "used", "budget_ytd", "actual_ytd", "difference_ytd",
                 "used_ytd", "accounts", "budget_lines"};
  const auto of = [&](Money actual, Money budget) {
    return fmt::format("{} of {} ({})", actual.to_display(sym), budget.to_display(sym), percent_text(actual, budget));
  };
  const auto row_of = [&](const Entity& e, std::string label, Money bm, Money am, Money by, Money ay,
                          std::vector<std::string> accounts, std::vector<std::string> sources) {
    std::vector<std::string> row;
    if (several) row.push_back(e.name);
    row.push_back(std::move(label));
    row.push_back(of(am, bm));
    row.push_back(of(ay, by));
    row.push_back(bm.to_decimal());
    row.push_back(am.to_decimal());
    row.push_back((am - bm).to_decimal());
    row.push_back(percent_text(am, bm));
    row.push_back(by.to_decimal());
    row.push_back(ay.to_decimal());
    row.push_back((ay - by).to_decimal());
    row.push_back(percent_text(ay, by));
    row.push_back(join(accounts, ", "));
    row.push_back(join(sources, ", "));
    return row;
  };
  std::vector<std::string> without;
  std::vector<std::vector<std::string>> over_rows, total_rows;
  Totals all_spending, all_revenue;
  int with_budget = 0;
  bool any_over = false;
  for (const Entity* e : in.scope) {
    const auto eb = entity_budget(ctx, *e);
    if (!eb) {
      without.push_back(e->name);
      continue;
    }
    ++with_budget;
    Totals spending;
    std::vector<std::string> accounts, sources;
    for (const BudgetComparison& r : eb->rows) {
      if (r.income) {
        all_revenue.add(r);
      } else {
        spending.add(r);
        accounts.insert(accounts.end(), r.accounts.begin(), r.accounts.end());
        sources.insert(sources.end(), r.sources.begin(), r.sources.end());
      }
      const bool over = r.over_month() || r.over_ytd();
      if (over) any_over = true;
      // Revenue against its budget is in the entity's report and the consolidated row.
      if (several && (!over || r.income)) continue;
      std::string label = r.category;
      if (over) label += r.income ? " (behind)" : " (over)";
      over_rows.push_back(row_of(*e, std::move(label), r.budget_month, r.actual_month, r.budget_ytd, r.actual_ytd,
                                 r.accounts, r.sources));
    }
    all_spending.budget_month += spending.budget_month;
    all_spending.actual_month += spending.actual_month;
    all_spending.budget_ytd += spending.budget_ytd;
    all_spending.actual_ytd += spending.actual_ytd;
    if (!accounts.empty()) {
      total_rows.push_back(row_of(*e, "Total spending", spending.budget_month, spending.actual_month,
                                  spending.budget_ytd, spending.actual_ytd, accounts, sources));
    }
  }
  for (auto& r : over_rows) s.rows.push_back(std::move(r));
  // In a report of several budgeted businesses, each one's total spending
  // is in its own report: the over-budget rows and the consolidated ones
  // say enough on a phone.
  if (!several || with_budget == 1) {
    for (auto& r : total_rows) s.rows.push_back(std::move(r));
  }
  if (several && with_budget > 1) {
    const Entity& any = *in.scope.front();
    auto spending = row_of(any, "Total spending", all_spending.budget_month, all_spending.actual_month,
                           all_spending.budget_ytd, all_spending.actual_ytd, {}, {});
    spending[0] = "All businesses";
    s.rows.push_back(std::move(spending));
    if (!all_revenue.budget_ytd.is_zero() || !all_revenue.budget_month.is_zero()) {
      auto revenue = row_of(any, "Revenue", all_revenue.budget_month, all_revenue.actual_month,
                            all_revenue.budget_ytd, all_revenue.actual_ytd, {}, {});
      revenue[0] = "All businesses";
      s.rows.push_back(std::move(revenue));
    }
  }
  std::vector<std::string> notes;
  if (with_budget > 0) {
    notes.push_back(several && !any_over ? "Every budgeted category is within its budget."
                                         : "Actual of budget (share used); the year from January or the "
                                           "budget's first month.");
  }
  if (!without.empty()) {
    notes.push_back(fmt::format("No budget for {}: add `~ monthly` transactions to the journal or rows to "
                                "budget.csv (`[data] budget`).",
                                join(without, ", ")));
  }
  s.note = join(notes, " ");
  if (with_budget == 0) {
    s.columns.clear();
    s.json_only.clear();
  }
  return {s};
}

}  // namespace quarterdeck
