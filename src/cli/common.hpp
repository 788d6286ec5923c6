// What every subcommand shares: loading and validating a portfolio (config,
// data files, templates) and resolving the as-of date.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "config/environment.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "config/portfolio_loader.hpp"
#include "ingest/dataset.hpp"
#include "render/renderer.hpp"
#include "util/clock.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::cli {

struct Workspace {
  std::filesystem::path directory;
  LoadedPortfolio config;
  Dataset data;
  render::TemplateSet templates;
  render::RenderOptions render_options;  // the portfolio's [branding], the logo read
  Date as_of;
  Diagnostics problems;  // everything found, config and data
};

struct WorkspaceOptions {
  bool scan_repositories = true;  // audit the [stack] repositories (off where no report is built)
  bool probe = false;             // --probe: GET each declared endpoint without credentials
};

// Loads and checks everything under `directory`. `as_of_text` is the
// --as-of option (empty: today in the portfolio's time zone).
Workspace load_workspace(const std::filesystem::path& directory, const std::string& as_of_text,
                         const Environment& env, const Clock& clock, const WorkspaceOptions& options = {});

// Prints the problems to stderr, one per line, with a count.
void print_problems(const Output& out, const Workspace& ws);

// Where the workspace's output goes: through the portfolio's Redactor.
inline Output output_for(const Workspace& ws) { return Output(ws.config.redactor); }

// Output for commands that read no portfolio: the environment's credentials
// are redacted.
Output output_for(const Environment& env);

bool stderr_is_terminal();

// The store: `--store` when given, else DIR/.quarterdeck/state.db.
std::filesystem::path store_path(const std::filesystem::path& directory, const std::string& store_option);

}  // namespace quarterdeck::cli
