#include "ingest/csv_columns.hpp"

#include <fmt/format.h>

#include <charconv>

#include "util/strings.hpp"

namespace quarterdeck::ingest_detail {

Columns::Columns(const CsvTable& table, const std::string& file,
                 std::initializer_list<std::string_view> required, Diagnostics& diagnostics)
    : table_(table), file_(file), diagnostics_(diagnostics) {
  for (const auto name : required) {
    if (table.column(name) >= 0) continue;
    ok_ = false;
    std::string found;
    for (const auto& h : table.header) found += (found.empty() ? "" : ",") + h.text;
    diagnostics_.push_back({{file_, 1, 1}, fmt::format("missing column `{}`", name),
                            fmt::format("a header with `{}`", name),
                            found.empty() ? "an empty file" : fmt::format("`{}`", found), ""});
  }
}

const CsvField* Columns::field(const CsvRow& row, std::string_view name) const {
  const int i = table_.column(name);
  if (i < 0) return nullptr;
  return &row.fields[static_cast<std::size_t>(i)];
}

std::string Columns::text(const CsvRow& row, std::string_view name) const {
  const CsvField* f = field(row, name);
  return f == nullptr ? std::string() : std::string(trim(f->text));
}

void Columns::bad(const CsvField& f, std::string_view name, std::string expected) {
  diagnostics_.push_back({{file_, f.line, f.column}, fmt::format("invalid `{}`", name),
                          std::move(expected), f.text.empty() ? "an empty field" : fmt::format("`{}`", f.text),
                          ""});
}

std::optional<Date> Columns::date(const CsvRow& row, std::string_view name, Blank blank) {
  const CsvField* f = field(row, name);
  if (f == nullptr) return std::nullopt;
  if (trim(f->text).empty() && blank == Blank::allowed) return std::nullopt;
  auto d = Date::parse(trim(f->text));
  if (!d) bad(*f, name, fmt::format("{} (YYYY-MM-DD)", Date::range_text()));
  return d;
}

std::optional<Month> Columns::month(const CsvRow& row, std::string_view name) {
  const CsvField* f = field(row, name);
  if (f == nullptr) return std::nullopt;
  auto m = Month::parse(trim(f->text));
  if (!m) bad(*f, name, fmt::format("a month from {}-01 to {}-12 (YYYY-MM)", Date::k_first_year, Date::k_last_year));
  return m;
}

std::optional<Money> Columns::money(const CsvRow& row, std::string_view name) {
  const CsvField* f = field(row, name);
  if (f == nullptr) return std::nullopt;
  auto m = Money::parse_decimal(trim(f->text));
  if (!m) bad(*f, name, "a decimal amount such as 1250.00");
  return m;
}

std::optional<std::int64_t> Columns::count(const CsvRow& row, std::string_view name, Blank blank) {
  const CsvField* f = field(row, name);
  if (f == nullptr) return std::nullopt;
  const std::string_view t = trim(f->text);
  if (t.empty() && blank == Blank::allowed) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size() || v < 0) {
    bad(*f, name, "a whole number");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> Columns::one_of(const CsvRow& row, std::string_view name,
                                           std::initializer_list<std::string_view> options) {
  const CsvField* f = field(row, name);
  if (f == nullptr) return std::nullopt;
  const std::string value(trim(f->text));
  for (const auto o : options) {
    if (o == value) return value;
  }
  std::string list;
  for (const auto o : options) list += (list.empty() ? "" : ", ") + std::string(o);
  bad(*f, name, "one of " + list);
  return std::nullopt;
}

}  // namespace quarterdeck::ingest_detail
