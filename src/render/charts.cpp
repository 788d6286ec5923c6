#include "render/charts.hpp"

namespace quarterdeck::render {

void draw_chart(cairo_t*, const Chart&, double, double, double, double, const RenderOptions&) {}

std::string chart_png(const Chart&, int, int, double, const RenderOptions&) { return {}; }

std::vector<Image> chart_images(const ReportDocument&, const RenderOptions&) { return {}; }

}  // namespace quarterdeck::render
