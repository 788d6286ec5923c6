// Everything a portfolio's data files hold, read and checked against the
// configuration (entity ids must exist). Built once per run; analysis reads it.
#pragma once

#include <vector>

#include "ingest/budget_csv.hpp"
#include "ingest/handoffs.hpp"
#include "ingest/journal.hpp"
#include "ingest/records.hpp"
#include "model/portfolio.hpp"
#include "model/repo_scan.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct Dataset {
  std::optional<Journal> journal;  // nullopt: no journal configured
  std::optional<Journal> prices;   // the price file (`[data] prices`): `P` lines only; nullopt: none
  std::optional<std::vector<Booking>> bookings;
  std::optional<std::vector<ChannelListing>> channels;
  std::optional<std::vector<CloudCost>> cloud_costs;
  std::optional<std::vector<Invoice>> invoices;
  std::optional<std::vector<HandoffNote>> handoffs;
  std::string bookings_file, channels_file, cloud_costs_file, invoices_file;
  std::optional<std::vector<BudgetRow>> budget;  // budget.csv (`[data] budget`); nullopt: none
  std::string budget_file;
  // Filled by the repository scan (scan/portfolio_scan.hpp), not by load_dataset.
  std::optional<std::vector<RepoAudit>> repos;  // nullopt: not scanned
  std::vector<EndpointProbe> probes;            // empty: not probed
};

// Reads the data files named in `portfolio.data`, relative to the portfolio
// directory. Problems are appended to `diagnostics`.
Dataset load_dataset(const Portfolio& portfolio, Diagnostics& diagnostics);

}  // namespace quarterdeck
