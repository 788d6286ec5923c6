// `quarterdeck ledger balance --budget` output: the budget report
// (analyze/budget.hpp) as text, one line per budgeted account with each
// column's "ACTUAL [P% of BUDGET]", or as CSV laid out as hledger 1.25's
// `bal --budget -O csv` ("Account", then each column's actual and budget).
#pragma once

#include <string>

#include "analyze/budget.hpp"
#include "ingest/journal.hpp"

namespace quarterdeck::render {

std::string budget_text(const Journal& journal, const BudgetReport& report);
std::string budget_csv(const Journal& journal, const BudgetReport& report);

}  // namespace quarterdeck::render
