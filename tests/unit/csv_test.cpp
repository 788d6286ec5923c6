#include "util/csv.hpp"

#include <gtest/gtest.h>

namespace quarterdeck {
namespace {

TEST(Csv, HeaderAndRows) {
  Diagnostics diags;
  const CsvTable t = parse_csv("a,b,c\n1,2,3\n4,5,6\n", "t.csv", diags);
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(t.header.size(), 3u);
  EXPECT_EQ(t.header[2].text, "c");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].line, 3);
  EXPECT_EQ(t.rows[1].fields[0].text, "4");
  EXPECT_EQ(t.column("b"), 1);
  EXPECT_EQ(t.column("missing"), -1);
}

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  Diagnostics diags;
  const CsvTable t = parse_csv(
      "name,note,amount\n"
      "\"Smith, Jo\",\"said \"\"hi\"\"\",10\n"
      "\"Multi\nline\",\"x\",20\n"
      "plain,\"\",30\n",
      "t.csv", diags);
  ASSERT_TRUE(diags.empty()) << diags.front().to_string();
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[0].text, "Smith, Jo");
  EXPECT_EQ(t.rows[0].fields[1].text, "said \"hi\"");
  EXPECT_EQ(t.rows[0].fields[2].text, "10");
  EXPECT_EQ(t.rows[1].fields[0].text, "Multi\nline");
  EXPECT_EQ(t.rows[1].line, 3);
  // The row after a quoted newline starts on line 5.
  EXPECT_EQ(t.rows[2].line, 5);
  EXPECT_EQ(t.rows[2].fields[1].text, "");
  EXPECT_EQ(t.rows[2].fields[2].text, "30");
}

// Columns count characters, as the UTF-8 check does: "Renée" is five.
TEST(Csv, ColumnsCountCharactersNotBytes) {
  Diagnostics diags;
  const CsvTable t = parse_csv("customer,date\nRen\xC3\xA9" "e,2026-11-16\n\"\xE2\x82\xAC\",x\n", "t.csv", diags);
  ASSERT_TRUE(diags.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1].column, 7);
  EXPECT_EQ(t.rows[1].fields[1].column, 5);
}

TEST(Csv, FieldLineAndColumn) {
  Diagnostics diags;
  const CsvTable t = parse_csv("id,date,amount\nJ-1,2026-11-16,12.50\n\"Q\nR\",x,\"y\"\n", "t.csv", diags);
  ASSERT_TRUE(diags.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  const auto& r = t.rows[0].fields;
  EXPECT_EQ(r[0].line, 2);
  EXPECT_EQ(r[0].column, 1);
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[1].column, 5);
  EXPECT_EQ(r[2].column, 16);
  const auto& q = t.rows[1].fields;
  EXPECT_EQ(q[0].line, 3);
  EXPECT_EQ(q[0].column, 1);
  // After the quoted newline: `R",x` is line 4, x at column 4.
  EXPECT_EQ(q[1].line, 4);
  EXPECT_EQ(q[1].column, 4);
  EXPECT_EQ(q[2].line, 4);
  EXPECT_EQ(q[2].column, 6);
  EXPECT_EQ(t.header[1].line, 1);
  EXPECT_EQ(t.header[1].column, 4);
}

TEST(Csv, CrLfLineEndingsAndBlankLines) {
  Diagnostics diags;
  const CsvTable t = parse_csv("a,b\r\n1,2\r\n\r\n\n3,4", "t.csv", diags);
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[1].text, "2");
  EXPECT_EQ(t.rows[1].line, 5);
  EXPECT_EQ(t.rows[1].fields[1].text, "4");
}

TEST(Csv, WrongFieldCountIsReportedAndRowSkipped) {
  Diagnostics diags;
  const CsvTable t = parse_csv("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", "data/x.csv", diags);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].to_string(),
            "data/x.csv:3:1: wrong number of fields: expected 3 fields as in the header, found 2");
  EXPECT_EQ(diags[1].where.line, 4);
  EXPECT_EQ(diags[1].found, "4");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[0].text, "1");
  EXPECT_EQ(t.rows[1].fields[0].text, "10");
  EXPECT_EQ(t.rows[1].line, 5);
}

TEST(Csv, UnterminatedQuote) {
  Diagnostics diags;
  const CsvTable t = parse_csv("a,b\n1,2\n3,\"never closed\n4,5\n", "x.csv", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "x.csv:3:3: unterminated quoted field: expected a closing '\"', found end of file");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields[0].text, "1");
}

TEST(Csv, TextAfterAClosingQuoteIsReportedAndLaterLinesKeepTheirNumbers) {
  Diagnostics diags;
  const CsvTable t = parse_csv("a,b\n\"x\"y,2\n3,4\n", "x.csv", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "x.csv:2:4: text after a closing quote: expected ',' or the end of the line, found 'y' "
            "(a '\"' inside a quoted field is written '\"\"')");
  // No phantom row from the text after the quote; the next row is line 3.
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[0].fields[0].text, "3");
  EXPECT_EQ(t.rows[0].fields[0].line, 3);
}

TEST(Csv, EmptyInput) {
  Diagnostics diags;
  const CsvTable t = parse_csv("", "x.csv", diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_TRUE(t.header.empty());
  EXPECT_TRUE(t.rows.empty());
}

}  // namespace
}  // namespace quarterdeck
