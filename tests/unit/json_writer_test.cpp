// The JSON writer never throws on a string (issue 11): input is checked to
// be UTF-8 when it is read, and should invalid bytes reach a report anyway
// they are written as U+FFFD instead of stopping `generate` with exit 70.
#include <gtest/gtest.h>

#include "model/report.hpp"
#include "render/renderer.hpp"

namespace quarterdeck {
namespace {

TEST(JsonWriter, InvalidUtf8IsReplacedNotThrown) {
  ReportDocument doc;
  doc.report_id = "ceo";
  doc.title = "Ren\xE9" "e";
  doc.summary.push_back("cut \xC3");
  const render::TemplateSet templates;
  std::expected<std::string, Error> out;
  ASSERT_NO_THROW(out = render::render(doc, render::Format::json, templates));
  ASSERT_TRUE(out.has_value());
  EXPECT_NE(out->find("\"title\": \"Ren\xEF\xBF\xBD" "e\""), std::string::npos) << *out;
  EXPECT_NE(out->find("cut \xEF\xBF\xBD"), std::string::npos) << *out;
}

}  // namespace
}  // namespace quarterdeck
