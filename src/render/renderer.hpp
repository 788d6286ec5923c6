// Renders a report document to text and HTML through Mustache templates,
// and to JSON. Templates are the built-in ones unless the portfolio's
// `templates/` folder overrides them: `templates/REPORT_ID.txt.mustache`
// for one report, or `templates/report.txt.mustache` for all (same for
// `.html.mustache`).
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <string>

#include "model/report.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::render {

enum class Format { text, html, json };

class TemplateSet {
 public:
  // Reads overrides from `portfolio_dir / "templates"` (absent is fine) and
  // checks that every template compiles; problems are appended to
  // `diagnostics`, with the file name.
  static TemplateSet load(const std::filesystem::path& portfolio_dir, Diagnostics& diagnostics);

  // The template text for a report in a format (override or built-in).
  const std::string& text_for(const std::string& report_id, Format format) const;

 private:
  std::map<std::string, std::string> by_name_;  // "report.txt.mustache" -> text
};

std::expected<std::string, Error> render(const ReportDocument& doc, Format format, const TemplateSet& templates);

// Lays out a table in monospace columns; numbers align right.
std::string text_table(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows);

}  // namespace quarterdeck::render
