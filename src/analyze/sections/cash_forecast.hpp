// `cash-forecast`: the 13-week cash forecast (analyze/forecast.hpp) for the
// report's entities. A short note (cash today, the lowest week, the week it
// would fall below the floor, the downside), then one line a week with
// receipts, payments and closing cash (the entities together when the
// report has several); then, with several, one line an entity. Where each
// figure comes from is in the JSON (the `Opening` and `Where from` columns).
// An entity without cash accounts is named in the note with what to add;
// nothing is invented for it.
#pragma once

#include <vector>

#include "analyze/sections/catalogue.hpp"

namespace quarterdeck {

std::vector<Section> cash_forecast_section(const SectionInput& in);

}  // namespace quarterdeck
