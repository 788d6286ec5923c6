// Renders a report document to text, HTML and Markdown through Mustache
// templates, and to JSON. Templates are the built-in ones unless the
// portfolio's `templates/` folder overrides them:
// `templates/REPORT_ID.txt.mustache` for one report, or
// `templates/report.txt.mustache` for all (same for `.html.mustache` and
// `.md.mustache`). Text is wrapped at 76 columns (render/text_layout.hpp).
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <vector>
#include <string>

#include "model/report.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::render {

enum class Format { text, html, json, markdown, pdf };

// "text", "html", "json", "markdown", "pdf" (the `formats` of a report).
std::optional<Format> parse_format(std::string_view name);
// The file extension: "txt", "html", "json", "md", "pdf".
std::string_view extension(Format format);

// An image a rendered report refers to: a chart (chart-ID.png). HTML for
// e-mail refers to it as `cid:NAME`; html_with_data_images turns those into
// data: URIs for a file that stands alone.
struct Image {
  std::string name;  // "chart-revenue-vs-target.png"
  std::string content_type = "image/png";
  std::string data;
  std::string alt;
};

// What rendering needs besides the document: the portfolio's look.
struct RenderOptions {
  std::string accent;    // "#0b5cad"; empty: the built-in colour
  std::string logo_png;  // the logo's PNG bytes; empty: none
};

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

std::expected<std::string, Error> render(const ReportDocument& doc, Format format, const TemplateSet& templates,
                                         const RenderOptions& options = {});

// `html` with every `cid:NAME` of `images` replaced by a data: URI, for
// writing to a file that a browser opens on its own.
std::string html_with_data_images(std::string html, const std::vector<Image>& images);

// Lays out a table in monospace columns; numbers align right.
std::string text_table(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows);

}  // namespace quarterdeck::render
