// Runs the repository audit over every repository named in the portfolio's
// [stack] tables, and the optional endpoint probe, and stores the results
// in the Dataset for analysis. Problems with the scan's own settings (a bad
// rules or baseline file) are diagnostics; a repository that is not there
// is recorded as such and becomes a "missing data" notice, not an error.
#pragma once

#include <filesystem>

#include "ingest/dataset.hpp"
#include "model/portfolio.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::scan {

struct PortfolioScanOptions {
  bool probe = false;  // GET each declared endpoint without credentials
};

void scan_portfolio(const Portfolio& portfolio, const std::filesystem::path& directory,
                    const PortfolioScanOptions& options, Dataset& data, Diagnostics& diagnostics);

}  // namespace quarterdeck::scan
