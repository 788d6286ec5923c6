// The Journal's accessors: amounts at their commodity's precision, and
// file:line references for evidence.
#include <fmt/format.h>

#include "ingest/journal.hpp"
#include "ingest/journal_amount.hpp"

namespace quarterdeck {

std::int64_t Journal::quantity_at_precision(const Posting& p) const {
  const int precision = commodities[p.commodity].precision;
  return p.scale >= precision ? p.quantity : p.quantity * journal_detail::pow10(precision - p.scale);
}

Money Journal::money(const Posting& p) const {
  return Money(quantity_at_precision(p), commodities[p.commodity].precision);
}

std::string Journal::where(const Transaction& t) const { return fmt::format("{}:{}", files[t.file], t.line); }

std::string Journal::where(const Transaction& t, const Posting& p) const {
  return fmt::format("{}:{}", files[t.file], p.line);
}

}  // namespace quarterdeck
