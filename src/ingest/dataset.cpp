#include "ingest/dataset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "ingest/bank_csv.hpp"
#include "util/strings.hpp"
#include "util/text_input.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

void check_entity(const Portfolio& p, const std::string& entity, const std::string& file, int line,
                  Diagnostics& d) {
  if (p.find_entity(entity) != nullptr) return;
  std::vector<std::string_view> ids;
  for (const auto& e : p.entities) ids.push_back(e.id);
  std::string hint;
  if (auto best = closest_match(entity, ids)) hint = fmt::format("did you mean `{}`?", *best);
  d.push_back({{file, line, 1}, "unknown entity", "an id listed in portfolio.toml `entities`",
               fmt::format("`{}`", entity), hint});
}

// The text of the data file `file` (relative to the portfolio), checked
// (regular file, size, UTF-8, byte-order mark skipped). nullopt when it is
// missing or not a regular file, which the config check reports at the key
// naming it, or when the read or the check failed, reported here.
std::optional<std::string> read_data_file(const Portfolio& p, const std::string& file, Diagnostics& d) {
  const fs::path path = fs::path(p.directory) / file;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return read_text_input(path, file, d);
}

template <typename Parse>
auto load_table(const Portfolio& p, const std::string& file, Diagnostics& d, Parse parse)
    -> std::optional<decltype(parse(std::string_view{}, file, d))> {
  if (file.empty()) return std::nullopt;
  auto text = read_data_file(p, file, d);
  if (!text) return std::nullopt;
  auto rows = parse(*text, file, d);
  for (const auto& row : rows) check_entity(p, row.entity, file, row.line, d);
  return rows;
}

}  // namespace

Dataset load_dataset(const Portfolio& p, Diagnostics& d) {
  Dataset data;
  const fs::path dir(p.directory);
  if (!p.data.journal.empty()) {
    data.journal = read_journal(dir / p.data.journal, p.data.journal, d, {p.data.strict_accounts});
  }
  if (std::error_code ec; !p.data.prices.empty() && fs::is_regular_file(dir / p.data.prices, ec)) {
    data.prices = read_journal(dir / p.data.prices, p.data.prices, d);
    // A price file holds prices: a transaction in it would be books kept
    // where no report reads them.
    for (const auto& t : data.prices->transactions) {
      d.push_back({{data.prices->files[t.file], static_cast<int>(t.line), 1}, "a transaction in a price file",
                   "`P DATE COMMODITY PRICE` lines", "a transaction",
                   fmt::format("move it to the journal ({})", p.data.journal.empty() ? "`[data] journal`"
                                                                                    : p.data.journal)});
    }
  }
  for (const auto& bank : p.data.banks) {
    auto csv = read_data_file(p, bank.file, d);
    auto rules = read_data_file(p, bank.rules, d);
    if (!csv || !rules) continue;
    const Entity* entity = p.find_entity(bank.entity);
    ConvertedJournal converted =
        convert_bank_csv(*csv, bank.file, *rules, bank.rules, entity ? entity->account : "", d);
    if (!data.journal) {
      data.journal = Journal{};
    }
    append_converted(*data.journal, std::move(converted.text), bank.file, converted.lines, d, {p.data.strict_accounts});
  }
  data.bookings_file = p.data.bookings;
  data.channels_file = p.data.channels;
  data.cloud_costs_file = p.data.cloud_costs;
  data.invoices_file = p.data.invoices;
  data.bookings = load_table(p, p.data.bookings, d, parse_bookings);
  data.channels = load_table(p, p.data.channels, d, parse_channels);
  data.cloud_costs = load_table(p, p.data.cloud_costs, d, parse_cloud_costs);
  data.invoices = load_table(p, p.data.invoices, d, parse_invoices);
  data.budget_file = p.data.budget;
  data.budget = load_table(p, p.data.budget, d, parse_budget_csv);

  if (!p.data.handoffs.empty()) {
    std::vector<fs::path> files;
    std::error_code ec;
    // Every `.md` entry is read, so one that is not a regular file (a
    // folder, a pipe, a link to a device) is reported, not passed over.
    for (const auto& entry : fs::directory_iterator(dir / p.data.handoffs, ec)) {
      if (entry.path().extension() == ".md") files.push_back(entry.path());
    }
    std::ranges::sort(files);
    std::vector<HandoffNote> notes;
    for (const auto& path : files) {
      const std::string display = (fs::path(p.data.handoffs) / path.filename()).generic_string();
      auto text = read_text_input(path, display, d);
      if (!text) continue;
      auto note = parse_handoff(*text, display, d);
      if (!note.entity.empty()) check_entity(p, note.entity, display, 1, d);
      notes.push_back(std::move(note));
    }
    data.handoffs = std::move(notes);
  }
  return data;
}

}  // namespace quarterdeck
