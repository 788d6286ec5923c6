// Reads a portfolio directory's TOML files into a Portfolio, checking every
// key, type and reference. Problems are collected, not thrown: the caller
// gets the Portfolio (as far as it could be read) and every Diagnostic.
#pragma once

#include <filesystem>
#include <memory>

#include "config/environment.hpp"
#include "model/portfolio.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

struct LoadedPortfolio {
  Portfolio portfolio;
  // The process environment layered over the dotenv file; delivery reads
  // credentials from it. Never printed.
  std::unique_ptr<MapEnvironment> dotenv;
  std::unique_ptr<LayeredEnvironment> environment;
  // Every value that must not leave the program: the env file's values, the
  // ${VAR} expansions and the credentials in the environment. All output
  // about this portfolio passes through it (docs/config.md "Redaction").
  Redactor redactor;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// `process_env` must outlive the result.
LoadedPortfolio load_portfolio(const std::filesystem::path& directory,
                               const Environment& process_env);

}  // namespace quarterdeck
