// Fuzz target for the journal reader (AFL++, built with afl-g++ and
// ASan+UBSan by `make fuzz`). Reads one input from the file named on the
// command line, or from stdin, and parses it as a journal, under AFL's fork
// server (afl-g++ instrumentation: the GCC plugin of Debian's AFL++ does
// not load into this GCC, and clang 14 cannot compile std::expected). Any
// crash or sanitizer report is a bug.
#include <string>
#include <string_view>

#include "fuzz_main.hpp"

#include "ingest/journal.hpp"

namespace {

void parse(std::string_view input) {
  quarterdeck::Diagnostics diagnostics;
  // Includes resolve against a directory that holds nothing, so the reader
  // only ever sees the fuzzer's bytes.
  const auto journal = quarterdeck::parse_journal(input, "fuzz.journal", diagnostics, {}, "/nonexistent-fuzz-dir");
  // Touch what the reports read, so a bad index or view shows up here.
  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) {
      (void)journal.account_name(p).size();
      (void)quarterdeck::format_amount(journal.quantity_at_precision(p), journal.commodity_of(p));
      if (const auto* cost = journal.cost_of(p)) (void)journal.commodities.at(cost->commodity);
    }
  }
  // Issue 15's grammar: prices, and the periodic transactions budgets read.
  for (const auto& price : journal.prices) {
    (void)journal.commodities.at(price.commodity);
    (void)journal.commodities.at(price.in_commodity);
  }
  for (const auto& periodic : journal.periodic) {
    for (const auto& p : journal.postings_of(periodic)) (void)journal.account_name(p).size();
  }
  for (const auto& d : diagnostics) (void)d.to_string();
}

}  // namespace

int main(int argc, char** argv) { return quarterdeck::fuzz::run(argc, argv, parse); }
