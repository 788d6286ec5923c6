#include "render/pdf.hpp"

namespace quarterdeck::render {

std::expected<std::string, Error> render_pdf(const ReportDocument&, const RenderOptions&) {
  return std::unexpected(Error{"PDF is not rendered yet"});
}

}  // namespace quarterdeck::render
