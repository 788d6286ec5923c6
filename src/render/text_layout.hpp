// Plain-text layout for reports read in a fixed-width font (a terminal, the
// text part of an e-mail): prose wrapped at 76 columns with a hanging indent
// that keeps the structure, and tables no wider than 100 columns. Widths are
// display columns (util/strings display_width), not bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck::render {

inline constexpr std::size_t k_text_width = 76;
inline constexpr std::size_t k_table_width = 100;

// Marks a line laid out already (a table's): wrap_text leaves it as it is
// and removes the mark. Never part of what a reader sees.
inline constexpr char k_laid_out = '\x01';

// `line` (one line, no newline) broken into lines of at most `width` columns
// at spaces; lines after the first begin with `indent` spaces. A word longer
// than the room left is broken only when it fits no line on its own.
std::vector<std::string> wrap_line(std::string_view line, std::size_t width, std::size_t indent);

// Where a line's text begins, for its continuation lines: the leading
// spaces, then one of a list number and severity tags ("1. [HIGH] [NEW] "),
// tags alone ("[HIGH] "), a date and two spaces ("2026-11-20  "), or, on a
// line indented at least 3 (a detail under an item), a label of one word of
// up to 8 letters ("Evidence: ", "Do: "). An indented line with none of
// these (a summary sentence) continues 2 further in; a line at the margin
// continues at the margin. Never more than half the width: past that, the leading
// spaces and 2 more.
std::size_t hanging_indent(std::string_view line, std::size_t width);

// Every line of `text` longer than `width` wrapped with its hanging indent;
// lines marked k_laid_out are kept (without the mark).
std::string wrap_text(std::string_view text, std::size_t width = k_text_width);

// A table for a report: monospace columns (numbers align right) when that
// is at most `table_width` columns wide; otherwise one block per row: the
// first cell (with the second when the first column holds row numbers),
// then the other non-empty cells as "Column: value", joined by " · " on as
// few lines as fit in `text_width`, continuation lines indented 2. Every line is marked k_laid_out; the last
// ends with a newline.
std::string report_table(const std::vector<std::string>& columns,
                         const std::vector<std::vector<std::string>>& rows,
                         std::size_t table_width = k_table_width,
                         std::size_t text_width = k_text_width);

}  // namespace quarterdeck::render
