#include "cli/common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "analyze/report_builder.hpp"
#include "scan/portfolio_scan.hpp"

namespace quarterdeck::cli {

Workspace load_workspace(const std::filesystem::path& directory, const std::string& as_of_text,
                         const Environment& env, const Clock& clock, const WorkspaceOptions& options) {
  Workspace ws;
  ws.directory = directory;
  ws.config = load_portfolio(directory, env);
  ws.problems = ws.config.diagnostics;
  check_report_definitions(ws.config.portfolio, ws.problems);  // section ids: the catalogue is analyze's
  if (!as_of_text.empty()) {
    if (auto d = Date::parse(as_of_text)) {
      ws.as_of = *d;
    } else {
      ws.problems.push_back({{"--as-of", 0, 0}, "invalid date", fmt::format("{} (YYYY-MM-DD)", Date::range_text()),
                             fmt::format("`{}`", as_of_text), ""});
    }
  } else if (auto today = date_in_zone(clock.now_unix(),
                                       ws.config.portfolio.timezone.empty() ? "UTC" : ws.config.portfolio.timezone)) {
    ws.as_of = *today;
  }
  if (std::filesystem::is_directory(directory)) {
    ws.data = load_dataset(ws.config.portfolio, ws.problems);
    if (options.scan_repositories) {
      scan::scan_portfolio(ws.config.portfolio, directory, {options.probe}, ws.data, ws.problems);
    }
    ws.templates = render::TemplateSet::load(directory, ws.problems);
  }
  return ws;
}

void print_problems(const Output& out, const Workspace& ws) {
  for (const auto& d : ws.problems) out.error("{}\n", d.to_string());
  out.error("quarterdeck: {} problem{} in {}; nothing was done.\n", ws.problems.size(),
            ws.problems.size() == 1 ? "" : "s", ws.directory.string());
}

Output output_for(const Environment& env) {
  Redactor redactor;
  redact_credentials(redactor, env);
  return Output(std::move(redactor));
}

std::filesystem::path store_path(const std::filesystem::path& directory, const std::string& store_option) {
  return store_option.empty() ? directory / ".quarterdeck" / "state.db" : std::filesystem::path(store_option);
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

}  // namespace quarterdeck::cli
