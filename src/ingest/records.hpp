// The tabular data files of a portfolio: bookings, channel listings and
// cloud costs. Each record keeps its file line, for evidence.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct Booking {
  std::string entity;
  std::string id;
  std::string customer;
  Date booked_on;
  Date service_date;
  Money amount;
  std::string status;  // quoted, confirmed, delivered, cancelled
  bool invoiced = false;
  std::string channel;
  std::int64_t units = 1;
  int line = 0;
};

struct ChannelListing {
  std::string entity;
  std::string channel;
  std::string status;  // listed, pending, not_listed, suspended
  std::optional<std::int64_t> monthly_views;
  std::optional<std::int64_t> leads_30d;
  std::optional<Date> updated;
  int line = 0;
};

struct CloudCost {
  std::string entity;
  Month month;
  std::string provider;
  std::string service;
  std::string usage_type;
  Money cost;
  std::string resource;  // may be empty
  std::string state;     // running, stopped, unattached, ...; may be empty
  std::optional<std::int64_t> utilization;  // average CPU percent, when the export has it
  int line = 0;
};

// An invoice sent to a customer (data/invoices.csv): open until paid_on.
struct Invoice {
  std::string entity;
  std::string id;
  std::string customer;
  Date issued;
  Date due;
  Money amount;
  std::optional<Date> paid_on;
  int line = 0;

  // Issued by `as_of` and not paid by then.
  bool open_at(Date as_of) const { return issued <= as_of && (!paid_on || *paid_on > as_of); }
};

// Each parses the CSV text of `file`; bad rows are reported and skipped.
std::vector<Booking> parse_bookings(std::string_view text, const std::string& file, Diagnostics& d);
std::vector<ChannelListing> parse_channels(std::string_view text, const std::string& file,
                                           Diagnostics& d);
std::vector<Invoice> parse_invoices(std::string_view text, const std::string& file, Diagnostics& d);
std::vector<CloudCost> parse_cloud_costs(std::string_view text, const std::string& file,
                                         Diagnostics& d);

}  // namespace quarterdeck
