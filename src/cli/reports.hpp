// Builds and renders the reports of a workspace: the part `generate` and
// `run` share.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "model/report.hpp"

namespace quarterdeck::cli {

struct BuiltReport {
  const ReportDefinition* definition = nullptr;
  ReportDocument document;
  std::map<std::string, std::string> rendered;  // format ("text", "html", "json") -> content
  std::string content_hash;                     // over every rendered format
};

// Builds the reports (all, or only `only`), rendering `formats` plus, for
// e-mail, always text. A report that fails to render is returned as an
// error in its slot so the others go on.
std::vector<std::expected<BuiltReport, Error>> build_reports(const Workspace& ws, const std::vector<std::string>& only,
                                                             const std::vector<std::string>& formats_override,
                                                             bool progress);

}  // namespace quarterdeck::cli
