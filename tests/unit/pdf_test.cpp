// The PDF pack's bytes (render/pdf): the same document gives the same bytes,
// the dates in the metadata are the as-of date's, and a logo cairo cannot
// read is an error. What the pages show is checked with poppler in
// tests/pdf/pdf_test.py.
#include "render/pdf.hpp"

#include <gtest/gtest.h>

#include <string>

#include "render/cells.hpp"

namespace quarterdeck::render {
namespace {

ReportDocument small_report(std::string_view as_of) {
  ReportDocument doc;
  doc.report_id = "ceo";
  doc.title = "CEO weekly report";
  doc.portfolio = "Example Portfolio";
  doc.as_of = *Date::parse(as_of);
  doc.period = "October 2026";
  doc.summary = {"Cash is not falling."};
  Section s;
  s.id = "assets";
  s.title = "Assets";
  s.columns = {"Name", "Value"};
  s.rows = {{"Boat", "$1,000.00"}};
  doc.sections = {s};
  return doc;
}

TEST(Pdf, SameDocumentSameBytes) {
  const auto first = render_pdf(small_report("2026-11-16"), {});
  const auto second = render_pdf(small_report("2026-11-16"), {});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(first->starts_with("%PDF-1.5\n"));
  EXPECT_TRUE(first->ends_with("%%EOF\n"));
  EXPECT_EQ(*first, *second);
}

TEST(Pdf, DatesAreTheAsOfDate) {
  const auto pdf = render_pdf(small_report("2027-02-15"), {});
  ASSERT_TRUE(pdf.has_value());
  EXPECT_NE(pdf->find("/CreationDate (20270215000000Z)"), std::string::npos);
  EXPECT_NE(pdf->find("/ModDate (20270215000000Z)"), std::string::npos);
  EXPECT_NE(pdf->find("/Author (Quarterdeck)"), std::string::npos);
}

TEST(Pdf, UnreadableLogoIsAnError) {
  RenderOptions options;
  options.logo_png = std::string("\x89PNG\r\n\x1a\n", 8) + "not a PNG's chunks";
  const auto pdf = render_pdf(small_report("2026-11-16"), options);
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().message, "the logo ([branding] logo) is not a PNG image cairo can read");
}

TEST(Cells, LooksNumeric) {
  EXPECT_TRUE(looks_numeric("$1,250.00"));
  EXPECT_TRUE(looks_numeric("-12.5%"));
  EXPECT_TRUE(looks_numeric("4.2 months"));
  EXPECT_FALSE(looks_numeric("2026-11-16"));
  EXPECT_FALSE(looks_numeric("Boat"));
  EXPECT_FALSE(looks_numeric(std::string(65, '1')));
}

}  // namespace
}  // namespace quarterdeck::render
