#include "ingest/records.hpp"

#include <fmt/format.h>

#include <set>

#include "ingest/csv_columns.hpp"
#include "util/csv.hpp"

namespace quarterdeck {

using ingest_detail::Columns;

std::vector<Booking> parse_bookings(std::string_view text, const std::string& file, Diagnostics& d) {
  std::vector<Booking> out;
  const CsvTable table = parse_csv(text, file, d);
  Columns c(table, file,
            {"entity", "id", "customer", "booked_on", "service_date", "amount", "status", "invoiced"}, d);
  if (!c.ok()) return out;
  for (const auto& row : table.rows) {
    const std::size_t before = d.size();
    Booking b;
    b.line = row.line;
    b.entity = c.text(row, "entity");
    b.id = c.text(row, "id");
    b.customer = c.text(row, "customer");
    const auto booked_on = c.date(row, "booked_on");
    const auto service_date = c.date(row, "service_date");
    const auto amount = c.money(row, "amount");
    const auto status = c.one_of(row, "status", {"quoted", "confirmed", "delivered", "cancelled"});
    const auto invoiced = c.one_of(row, "invoiced", {"yes", "no"});
    b.channel = c.text(row, "channel");
    const auto units = c.count(row, "units", Columns::Blank::allowed);
    if (d.size() != before) continue;
    b.booked_on = *booked_on;
    b.service_date = *service_date;
    b.amount = *amount;
    b.status = *status;
    b.invoiced = *invoiced == "yes";
    b.units = units.value_or(1);
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<ChannelListing> parse_channels(std::string_view text, const std::string& file,
                                           Diagnostics& d) {
  std::vector<ChannelListing> out;
  const CsvTable table = parse_csv(text, file, d);
  Columns c(table, file, {"entity", "channel", "status"}, d);
  if (!c.ok()) return out;
  for (const auto& row : table.rows) {
    const std::size_t before = d.size();
    ChannelListing l;
    l.line = row.line;
    l.entity = c.text(row, "entity");
    l.channel = c.text(row, "channel");
    const auto status = c.one_of(row, "status", {"listed", "pending", "not_listed", "suspended"});
    l.monthly_views = c.count(row, "monthly_views", Columns::Blank::allowed);
    l.leads_30d = c.count(row, "leads_30d", Columns::Blank::allowed);
    l.updated = c.date(row, "updated", Columns::Blank::allowed);
    if (d.size() != before) continue;
    l.status = *status;
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<Invoice> parse_invoices(std::string_view text, const std::string& file, Diagnostics& d) {
  std::vector<Invoice> out;
  const CsvTable table = parse_csv(text, file, d);
  Columns c(table, file, {"entity", "invoice", "customer", "issued", "due", "amount"}, d);
  if (!c.ok()) return out;
  std::set<std::pair<std::string, std::string>> seen;  // (entity, invoice)
  for (const auto& row : table.rows) {
    const std::size_t before = d.size();
    Invoice inv;
    inv.line = row.line;
    inv.entity = c.text(row, "entity");
    inv.id = c.text(row, "invoice");
    inv.customer = c.text(row, "customer");
    const auto where = [&](std::string_view column) {
      const CsvField* f = c.field(row, column);
      return SourcePosition{file, row.line, f != nullptr ? f->column : 1};
    };
    for (const char* column : {"invoice", "customer"}) {
      if (c.text(row, column).empty()) {
        d.push_back({where(column), fmt::format("invalid `{}`", column), "a value", "an empty field", ""});
      }
    }
    const auto issued = c.date(row, "issued");
    const auto due = c.date(row, "due");
    const auto amount = c.money(row, "amount");
    inv.paid_on = c.date(row, "paid_on", Columns::Blank::allowed);
    if (amount && (amount->is_negative() || amount->is_zero())) {
      d.push_back({where("amount"), "invalid `amount`", "an amount above zero (a credit note is not an invoice)",
                   fmt::format("`{}`", amount->to_decimal()), ""});
    }
    if (!inv.id.empty() && !seen.insert({inv.entity, inv.id}).second) {
      d.push_back({where("invoice"), fmt::format("invoice `{}` of `{}` listed twice", inv.id, inv.entity),
                   "one row per invoice", "a second row", ""});
    }
    if (d.size() != before) continue;
    inv.issued = *issued;
    inv.due = *due;
    inv.amount = *amount;
    if (inv.due < inv.issued) {
      d.push_back({where("due"), fmt::format("invoice `{}` due before it was issued", inv.id),
                   fmt::format("a due date on or after {}", inv.issued.to_string()), inv.due.to_string(), ""});
      continue;
    }
    if (inv.paid_on && *inv.paid_on < inv.issued) {
      d.push_back({where("paid_on"), fmt::format("invoice `{}` paid before it was issued", inv.id),
                   fmt::format("a paid_on date on or after {}", inv.issued.to_string()), inv.paid_on->to_string(), ""});
      continue;
    }
    out.push_back(std::move(inv));
  }
  return out;
}

std::vector<CloudCost> parse_cloud_costs(std::string_view text, const std::string& file,
                                         Diagnostics& d) {
  std::vector<CloudCost> out;
  const CsvTable table = parse_csv(text, file, d);
  Columns c(table, file, {"entity", "month", "service", "cost"}, d);
  if (!c.ok()) return out;
  for (const auto& row : table.rows) {
    const std::size_t before = d.size();
    CloudCost cost;
    cost.line = row.line;
    cost.entity = c.text(row, "entity");
    const auto month = c.month(row, "month");
    cost.provider = c.text(row, "provider");
    cost.service = c.text(row, "service");
    cost.usage_type = c.text(row, "usage_type");
    cost.resource = c.text(row, "resource");
    cost.state = c.text(row, "state");
    if (c.field(row, "utilization") != nullptr) cost.utilization = c.count(row, "utilization", Columns::Blank::allowed);
    const auto amount = c.money(row, "cost");
    if (d.size() != before) continue;
    cost.month = *month;
    cost.cost = *amount;
    out.push_back(std::move(cost));
  }
  return out;
}

}  // namespace quarterdeck
