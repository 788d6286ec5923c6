// An RFC 4180 CSV reader that keeps each field's line and column.
//
// Written here rather than taken from a library because every error message
// must point at the line and column of the field at fault, and the C CSV
// libraries in Debian (libcsv) report neither. Quoted fields may contain the
// separator, doubled quotes and newlines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"

namespace quarterdeck {

struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

struct CsvRow {
  int line = 0;  // line where the row starts
  std::vector<CsvField> fields;
};

struct CsvTable {
  std::vector<CsvField> header;
  std::vector<CsvRow> rows;
  // Index of a header column, or -1.
  int column(std::string_view name) const;
};

// Parses `text` (the content of `file`). Problems (an unterminated quote, a
// row whose field count differs from the header) are appended to
// `diagnostics` and the offending row is skipped. Blank lines are ignored.
CsvTable parse_csv(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace quarterdeck
