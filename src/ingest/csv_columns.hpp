// Typed access to the columns of a CSV data file, by name, with errors that
// point at the field. Shared by the bookings, channels and cloud-cost readers.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "model/money.hpp"
#include "util/csv.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::ingest_detail {

class Columns {
 public:
  // Checks that every name in `required` is in the header; a missing one is
  // reported at the header line. ok() is false after that.
  Columns(const CsvTable& table, const std::string& file, std::initializer_list<std::string_view> required,
          Diagnostics& diagnostics);
  bool ok() const { return ok_; }

  // Field of `row` in column `name` ("" when the column is absent).
  const CsvField* field(const CsvRow& row, std::string_view name) const;
  std::string text(const CsvRow& row, std::string_view name) const;
  // Each reports a bad value at the field and returns nullopt; `optional`
  // means an empty field is fine (nullopt, no report).
  enum class Blank { error, allowed };
  std::optional<Date> date(const CsvRow& row, std::string_view name, Blank blank = Blank::error);
  std::optional<Month> month(const CsvRow& row, std::string_view name);
  std::optional<Money> money(const CsvRow& row, std::string_view name);
  std::optional<std::int64_t> count(const CsvRow& row, std::string_view name, Blank blank);
  std::optional<std::string> one_of(const CsvRow& row, std::string_view name,
                                    std::initializer_list<std::string_view> options);

 private:
  void bad(const CsvField& f, std::string_view name, std::string expected);
  const CsvTable& table_;
  std::string file_;
  Diagnostics& diagnostics_;
  bool ok_ = true;
};

}  // namespace quarterdeck::ingest_detail
