// What every analyzer reads: the portfolio, its data, the books built from
// the journal, and the as-of date. Analysis is a pure function of these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/books.hpp"
#include "ingest/dataset.hpp"
#include "model/portfolio.hpp"
#include "util/date.hpp"

namespace quarterdeck {

struct AnalysisContext {
  const Portfolio& portfolio;
  const Dataset& data;
  std::optional<Books> books;  // nullopt when there is no journal
  Date as_of;
  Month period;  // the last complete calendar month before as_of
  std::string symbol;  // the portfolio currency's symbol, for amounts in words and tables

  AnalysisContext(const Portfolio& p, const Dataset& d, Date as_of_date);
  // "data/bookings.csv:12"
  std::string at(const std::string& file, int line) const;
  // The audits of the entity's repositories that could be read (none when
  // the repositories were not scanned).
  std::vector<const RepoAudit*> readable_repos(const std::string& entity) const;
};

}  // namespace quarterdeck
