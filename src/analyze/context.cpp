#include "analyze/context.hpp"

#include <fmt/format.h>

namespace quarterdeck {

AnalysisContext::AnalysisContext(const Portfolio& p, const Dataset& d, Date as_of_date)
    : portfolio(p),
      data(d),
      as_of(as_of_date),
      period(Month::of(as_of_date).plus(-1)),
      symbol(currency_symbol(p.currency)) {
  if (d.journal) books = build_books(*d.journal, p);
}

std::string AnalysisContext::at(const std::string& file, int line) const {
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

std::vector<const RepoAudit*> AnalysisContext::readable_repos(const std::string& entity) const {
  std::vector<const RepoAudit*> out;
  if (!data.repos) return out;
  for (const auto& a : *data.repos) {
    if (a.entity == entity && a.exists && a.problem.empty()) out.push_back(&a);
  }
  return out;
}

}  // namespace quarterdeck
