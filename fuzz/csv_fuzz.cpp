// Fuzz target for the CSV readers (AFL++, built like journal_fuzz by
// `make fuzz`). The input's first line names the reader and the rest is its
// file: `bookings`, `channels`, `cloud_costs` or `invoices` (the record
// readers), or `bank` (a rules file, a line holding only `%%`, then the bank
// CSV, converted and appended to a journal as the portfolio reader does).
// Any other first line runs the four record readers on the rest. Each file
// is checked first as the portfolio reader checks it (byte-order mark,
// UTF-8). Any crash or sanitizer report is a bug; diagnostics are not.
#include <string>
#include <string_view>

#include "fuzz_main.hpp"
#include "ingest/bank_csv.hpp"
#include "ingest/journal.hpp"
#include "ingest/records.hpp"
#include "util/text_input.hpp"
#include "util/utf8.hpp"

namespace {

using namespace quarterdeck;

// The reports hold what the readers return: it must stay UTF-8.
void expect_utf8(const std::string& s) {
  if (find_invalid_utf8(s)) __builtin_trap();
}

void records(std::string_view text, std::string_view which, Diagnostics& d) {
  const bool all =
      which != "bookings" && which != "channels" && which != "cloud_costs" && which != "invoices";
  if (all || which == "bookings") {
    for (const auto& b : parse_bookings(text, "data/bookings.csv", d)) {
      expect_utf8(b.entity + b.id + b.customer + b.status + b.channel + b.amount.to_decimal() +
                  b.booked_on.to_string() + b.service_date.to_string());
    }
  }
  if (all || which == "channels") {
    for (const auto& c : parse_channels(text, "data/channels.csv", d)) {
      expect_utf8(c.entity + c.channel + c.status + (c.updated ? c.updated->to_string() : ""));
    }
  }
  if (all || which == "cloud_costs") {
    for (const auto& c : parse_cloud_costs(text, "data/cloud_costs.csv", d)) {
      expect_utf8(c.entity + c.provider + c.service + c.usage_type + c.resource + c.state +
                  c.cost.to_decimal() + c.month.first_day().to_string());
    }
  }
  if (all || which == "invoices") {
    for (const auto& i : parse_invoices(text, "data/invoices.csv", d)) {
      expect_utf8(i.entity + i.id + i.customer + i.amount.to_decimal() + i.issued.to_string() +
                  i.due.to_string() + (i.paid_on ? i.paid_on->to_string() : ""));
    }
  }
}

void bank(std::string_view input, Diagnostics& d) {
  const auto cut = input.find("\n%%\n");
  if (cut == std::string_view::npos) return;
  const auto rules = checked_text(input.substr(0, cut), "data/bank.rules", d);
  const auto csv = checked_text(input.substr(cut + 4), "data/bank.csv", d);
  if (!rules || !csv) return;
  ConvertedJournal converted =
      convert_bank_csv(*csv, "data/bank.csv", *rules, "data/bank.rules", "fuzz", d);
  if (converted.lines.size() != static_cast<std::size_t>(converted.rows) * 4) __builtin_trap();
  for (const auto& diagnostic : d) expect_utf8(diagnostic.to_string());
  // The journal reader's own messages are its fuzz target's business.
  Diagnostics journal_diagnostics;
  Journal journal;
  append_converted(journal, std::move(converted.text), "data/bank.csv", converted.lines,
                   journal_diagnostics);
  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) expect_utf8(std::string(journal.account_name(p)));
  }
}

void run(std::string_view input) {
  Diagnostics d;
  const auto newline = input.find('\n');
  const std::string_view which = input.substr(0, newline);
  const std::string_view rest =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  if (which == "bank") {
    bank(rest, d);
  } else if (const auto text = checked_text(which == "bookings" || which == "channels" ||
                                                    which == "cloud_costs" || which == "invoices"
                                                ? rest
                                                : input,
                                            "data/fuzz.csv", d)) {
    records(*text, which, d);
  }
  for (const auto& diagnostic : d) expect_utf8(diagnostic.to_string());
}

}  // namespace

int main(int argc, char** argv) {
  return quarterdeck::fuzz::run(argc, argv, run);
}
