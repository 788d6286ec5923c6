// Plain text at 76 columns: words kept whole, hanging indents that keep the
// structure, widths in display columns, tables of at most 100 columns or
// blocks.
#include "render/text_layout.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/strings.hpp"

namespace quarterdeck::render {
namespace {

using Lines = std::vector<std::string>;

Lines lines_of(std::string_view text) {
  Lines out;
  for (const auto l : split(text, '\n')) out.emplace_back(l);
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("—·€↑"), 4u);
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("日本"), 4u);       // East Asian wide: two each
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e and a combining acute
  EXPECT_EQ(display_width("\xFF"
                          "a"),
            2u);  // a stray byte is one column
  EXPECT_EQ(pad_right("€", 3), "€  ");
}

TEST(WrapLine, BreaksAtSpacesWithTheIndent) {
  EXPECT_EQ(wrap_line("one two three four", 9, 2), (Lines{"one two", "  three", "  four"}));
  EXPECT_EQ(wrap_line("short", 9, 2), (Lines{"short"}));
  // The spaces inside a line are kept; those at a break go.
  EXPECT_EQ(wrap_line("2026-11-20  cto: rotate", 18, 12),
            (Lines{"2026-11-20  cto:", "            rotate"}));
}

TEST(WrapLine, WidthIsInColumns) {
  // "€€€€ €€€€" is 9 columns (27 bytes): it fits 9.
  EXPECT_EQ(wrap_line("€€€€ €€€€", 9, 0), (Lines{"€€€€ €€€€"}));
  EXPECT_EQ(wrap_line("€€€€ €€€€ ↑", 9, 0), (Lines{"€€€€ €€€€", "↑"}));
}

TEST(WrapLine, BreaksAWordOnlyWhenItFitsNoLine) {
  // The URL goes to a line of its own first; only there is it broken.
  EXPECT_EQ(wrap_line("see https://example.com/abcdefgh", 12, 2),
            (Lines{"see", "  https://ex", "  ample.com/", "  abcdefgh"}));
  // Broken between code points, never inside one.
  EXPECT_EQ(wrap_line("€€€€€€", 4, 0), (Lines{"€€€€", "€€"}));
}

TEST(HangingIndent, KeepsTheStructure) {
  EXPECT_EQ(hanging_indent("1. [HIGH] Title", 76), 10u);
  EXPECT_EQ(hanging_indent("12. [HIGH] [NEW] Title", 76), 17u);
  EXPECT_EQ(hanging_indent("  [LOW] Resolved", 76), 8u);
  EXPECT_EQ(hanging_indent("   Evidence: data/books.journal:12: x", 76), 13u);
  EXPECT_EQ(hanging_indent("   Do: rotate", 76), 7u);
  EXPECT_EQ(hanging_indent("  2026-11-20  cto: rotate", 76), 14u);
  // A sentence continues two further in, so it is not read as the next.
  EXPECT_EQ(hanging_indent("  A sentence: with a colon later", 76), 4u);
  EXPECT_EQ(hanging_indent("  QuickDumpNow: an entity is no label", 76), 4u);
  EXPECT_EQ(hanging_indent("  Next: not a detail line", 76), 4u);
  EXPECT_EQ(hanging_indent("Plain", 76), 0u);
  // Past half the width: the leading spaces and two.
  EXPECT_EQ(hanging_indent("   Evidence: x", 20), 5u);
}

TEST(WrapText, EveryProseLineWithinTheWidthTablesKept) {
  const std::string finding =
      "1. [HIGH] [NEW] Rotate JADA Yacht Charters' secrets from jada-site this week, then remove "
      "them from the repository and its history";
  const std::string table = std::string(1, k_laid_out) + std::string(90, '-');
  const std::string text = finding + "\n   Owner: cto · due 2026-11-23\n" + table + "\n\n";
  const Lines out = lines_of(wrap_text(text));
  EXPECT_EQ(out,
            (Lines{"1. [HIGH] [NEW] Rotate JADA Yacht Charters' secrets from jada-site this",
                   "                week, then remove them from the repository and its history",
                   "   Owner: cto · due 2026-11-23", std::string(90, '-'), ""}));
  EXPECT_TRUE(wrap_text(text).ends_with("\n\n"));
}

TEST(ReportTable, ColumnsWhenTheyFit) {
  const std::string t =
      report_table({"Entity", "Cash"}, {{"Jada", "$1,000.00"}, {"Queen", "$20.00"}});
  EXPECT_EQ(wrap_text(t),
            "Entity  Cash\n------  ---------\nJada    $1,000.00\nQueen      $20.00\n");
}

TEST(ReportTable, BlocksWhenWiderThanTheTableWidth) {
  const std::string t =
      report_table({"#", "Decision", "Owner", "By"},
                   {{"1",
                     "Rotate the keys of jada-site this week and remove them from the history "
                     "of the repository, then load them from the host's store",
                     "CTO", "23 Nov"},
                    {"2", "Cut the burn", "", "30 Nov"}});
  EXPECT_EQ(
      lines_of(wrap_text(t)),
      (Lines{"1. Rotate the keys of jada-site this week and remove them from the history",
             "  of the repository, then load them from the host's store", "  Owner: CTO · By: 23 Nov",
             "2. Cut the burn · By: 30 Nov"}));
  for (const auto& line : lines_of(wrap_text(t)))
    EXPECT_LE(display_width(line), k_text_width) << line;
}

TEST(ReportTable, BlockCellsArePackedOntoFewLines) {
  const std::string wide(90, 'x');
  const std::string t = report_table({"Entity", "Cash", "Revenue", "Note"},
                                     {{"JADA Yacht Charters", "$175,582.71", "$10,112.50", wide}});
  EXPECT_EQ(lines_of(wrap_text(t)),
            (Lines{"JADA Yacht Charters · Cash: $175,582.71 · Revenue: $10,112.50",
                   "  Note:", "    " + std::string(72, 'x'), "    " + std::string(18, 'x')}));
}

TEST(ReportTable, WidthCountsColumnsNotBytes) {
  // 45 + 2 + 45 + 2 + 6 = 100 columns, many more bytes: still a table.
  const std::string wide(45, 'a');
  std::string euros;
  for (int i = 0; i < 45; ++i) euros += "€";
  const std::string t = report_table({"A", "B", "C"}, {{wide, euros, "↑ 1.0%"}});
  const Lines out = lines_of(wrap_text(t));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(display_width(out[2]), 100u);
}

}  // namespace
}  // namespace quarterdeck::render
