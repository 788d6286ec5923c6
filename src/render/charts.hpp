// Charts drawn with cairo, text laid out with pango: the same drawing as a
// PNG for e-mail (at 2x, for sharp phone screens) and as vectors on any
// cairo surface (the PDF). A chart with nothing to draw says what data is
// missing instead of drawing an empty axis.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "model/report.hpp"
#include "render/renderer.hpp"

namespace quarterdeck::render {

// The width charts are drawn at in the e-mail, in CSS pixels, and the
// height a chart needs at `width` (taller for more rows of a horizontal
// chart or more sparklines; short for a chart that only says what is
// missing). The PDF may use the same proportions.
inline constexpr int k_chart_width = 560;
int chart_height(const Chart& chart, int width = k_chart_width);

// Draws `chart` into the rectangle (x, y, width, height), in the surface's
// units (points on a PDF, CSS pixels times the scale on an image).
void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height,
                const RenderOptions& options);

// The chart as a PNG, `width` x `height` CSS pixels drawn at `scale`.
std::string chart_png(const Chart& chart, int width, int height, double scale,
                      const RenderOptions& options);

// Every chart of `doc` as an image named chart-ID.png, for the HTML: each
// k_chart_width x chart_height CSS pixels at 2x, with the chart's alt text.
std::vector<Image> chart_images(const ReportDocument& doc, const RenderOptions& options);

}  // namespace quarterdeck::render
