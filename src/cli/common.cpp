#include "cli/common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "analyze/report_builder.hpp"
#include "scan/portfolio_scan.hpp"
#include "util/files.hpp"

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
    const Branding& branding = ws.config.portfolio.branding;
    ws.render_options.accent = branding.accent;
    if (!branding.logo.empty()) {
      // The loader has checked that it is a regular file; a PNG's signature
      // is checked here, where its bytes are read.
      auto logo = read_file(directory / branding.logo);
      static constexpr std::string_view k_png_signature = "\x89PNG\r\n\x1a\n";
      Diagnostic problem;
      problem.where = branding.logo_where;
      problem.expected = "a PNG image";
      if (!logo) {
        problem.message = "cannot read the logo";
        problem.found = logo.error().message;
        ws.problems.push_back(std::move(problem));
      } else if (!logo->starts_with(k_png_signature)) {
        problem.message = "logo is not a PNG image";
        problem.found = "a file that does not start with the PNG signature";
        ws.problems.push_back(std::move(problem));
      } else {
        ws.render_options.logo_png = std::move(*logo);
      }
    }
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
