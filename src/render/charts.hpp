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

// Draws `chart` into the rectangle (x, y, width, height), in the surface's
// units (points on a PDF, CSS pixels times the scale on an image).
void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height,
                const RenderOptions& options);

// The chart as a PNG, `width` x `height` CSS pixels drawn at `scale`.
std::string chart_png(const Chart& chart, int width, int height, double scale, const RenderOptions& options);

// Every chart of `doc` as an image named chart-ID.png, for the HTML.
std::vector<Image> chart_images(const ReportDocument& doc, const RenderOptions& options);

}  // namespace quarterdeck::render
