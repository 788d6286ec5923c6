#include "util/csv.hpp"

#include <fmt/format.h>

namespace quarterdeck {
namespace {

// The whole UTF-8 character starting at text[i], for quoting in a message
// (one byte of a multi-byte character would make the message invalid).
std::string_view character_at(std::string_view text, std::size_t i) {
  std::size_t n = 1;
  while (i + n < text.size() && n < 4 && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
  return text.substr(i, n);
}

// Columns count characters (UTF-8 code points), as the UTF-8 check and the
// scan do: a continuation byte does not start one.
bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].text == name) return static_cast<int>(i);
  }
  return -1;
}

CsvTable parse_csv(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  CsvTable table;
  std::size_t i = 0;
  int line = 1;
  int column = 1;
  bool have_header = false;

  while (i < text.size()) {
    CsvRow row;
    row.line = line;
    bool row_ok = true;
    bool end_of_row = false;
    while (!end_of_row) {
      CsvField field{"", line, column};
      if (i < text.size() && text[i] == '"') {
        ++i;
        ++column;
        bool closed = false;
        while (i < text.size()) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.text += '"';
              i += 2;
              column += 2;
              continue;
            }
            ++i;
            ++column;
            closed = true;
            break;
          }
          field.text += c;
          ++i;
          if (c == '\n') {
            ++line;
            column = 1;
          } else if (starts_character(c)) {
            ++column;
          }
        }
        if (!closed) {
          diagnostics.push_back({{file, field.line, field.column},
                                 "unterminated quoted field",
                                 "a closing '\"'",
                                 "end of file",
                                 ""});
          row_ok = false;
        } else if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          // Text after the closing quote: report it and skip to the end of
          // the field, so the row is dropped but later lines keep their numbers.
          diagnostics.push_back({{file, line, column},
                                 "text after a closing quote",
                                 "',' or the end of the line",
                                 fmt::format("'{}'", character_at(text, i)),
                                 "a '\"' inside a quoted field is written '\"\"'"});
          row_ok = false;
          while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
            if (starts_character(text[i])) ++column;
            ++i;
          }
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          field.text += text[i];
          if (starts_character(text[i])) ++column;
          ++i;
        }
      }
      if (i < text.size() && text[i] == ',') {
        ++i;
        ++column;
      } else {
        if (i < text.size() && text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        column = 1;
        end_of_row = true;
      }
      row.fields.push_back(std::move(field));
    }
    if (row.fields.size() == 1 && row.fields[0].text.empty()) continue;  // blank line
    if (!row_ok) continue;
    if (!have_header) {
      table.header = std::move(row.fields);
      have_header = true;
      continue;
    }
    if (row.fields.size() != table.header.size()) {
      diagnostics.push_back({{file, row.line, 1},
                             "wrong number of fields",
                             fmt::format("{} fields as in the header", table.header.size()),
                             fmt::format("{}", row.fields.size()),
                             ""});
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace quarterdeck
