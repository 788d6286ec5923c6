// `budget`: budget against actual for the report's month and the year to
// date (analyze/budget.hpp). In a report on one entity, every budgeted
// category and the entity's total spending; in a report on several, only
// the categories over budget, then each entity's total and the whole
// scope's. The JSON carries the budgeted accounts and the budget lines
// (file:line) of each row. An entity without a budget is named in the note,
// with what to add; no figure is made up for it.
#pragma once

#include <vector>

#include "analyze/sections/catalogue.hpp"

namespace quarterdeck {

std::vector<Section> budget_section(const SectionInput& in);

}  // namespace quarterdeck
