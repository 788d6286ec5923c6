#include "util/utf8.hpp"

#include <gtest/gtest.h>

using quarterdeck::find_invalid_utf8;
using quarterdeck::strip_bom;

TEST(Utf8, ValidTextHasNoProblem) {
  EXPECT_FALSE(find_invalid_utf8("Ren\xC3\xA9" "e, 3028 51st St \xE2\x82\xAC 12 \xF0\x9F\x9A\xA4"));
  EXPECT_FALSE(find_invalid_utf8(""));
}

TEST(Utf8, Latin1ByteIsLocatedByLineAndColumn) {
  const auto p = find_invalid_utf8("date,customer\n2026-11-02,Ren\xE9" "e\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->line, 2);
  EXPECT_EQ(p->column, 15);
  EXPECT_EQ(p->byte, 0xE9);
  EXPECT_EQ(p->offset, 28U);  // 14 + 11 + "Ren"
}

TEST(Utf8, ColumnsCountCharactersNotBytes) {
  const auto p = find_invalid_utf8("\xC3\xA9\xC3\xA9\xFF");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->column, 3);
}

TEST(Utf8, OverlongSurrogateAndOutOfRangeFormsAreInvalid) {
  EXPECT_TRUE(find_invalid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_TRUE(find_invalid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_TRUE(find_invalid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_TRUE(find_invalid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(find_invalid_utf8("\xE2\x82"));          // cut short
  EXPECT_TRUE(find_invalid_utf8("\x80"));              // lone continuation
}

TEST(Utf8, ByteOrderMarkIsStripped) {
  EXPECT_EQ(strip_bom("\xEF\xBB\xBF" "date,amount"), "date,amount");
  EXPECT_EQ(strip_bom("date,amount"), "date,amount");
}
