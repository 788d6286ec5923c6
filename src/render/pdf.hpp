// The PDF pack of a report, drawn with cairo's PDF surface and pango: a
// cover (portfolio, report, as-of date, headline; the portfolio's logo and
// accent colour), page numbers, the full report with its evidence, tables
// that break across pages with their headers repeated, charts as vectors,
// fonts from Debian packages embedded.
#pragma once

#include <expected>
#include <string>

#include "model/report.hpp"
#include "render/renderer.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::render {

// The PDF's bytes.
std::expected<std::string, Error> render_pdf(const ReportDocument& doc, const RenderOptions& options);

}  // namespace quarterdeck::render
