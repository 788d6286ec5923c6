#include "ingest/dataset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "ingest/bank_csv.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

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

template <typename Parse>
auto load_table(const Portfolio& p, const std::string& file, Diagnostics& d, Parse parse)
    -> std::optional<decltype(parse(std::string_view{}, file, d))> {
  if (file.empty()) return std::nullopt;
  auto text = read_file(fs::path(p.directory) / file);
  if (!text) return std::nullopt;  // the config check already reported the missing file
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
  for (const auto& bank : p.data.banks) {
    auto csv = read_file(dir / bank.file);
    auto rules = read_file(dir / bank.rules);
    if (!csv || !rules) continue;  // the config check reported the missing file
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

  if (!p.data.handoffs.empty()) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / p.data.handoffs, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
    }
    std::ranges::sort(files);
    std::vector<HandoffNote> notes;
    for (const auto& path : files) {
      const std::string display = (fs::path(p.data.handoffs) / path.filename()).generic_string();
      auto text = read_file(path);
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
