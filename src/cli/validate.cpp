#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace quarterdeck::cli {

int validate_command(const CommonOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws = load_workspace(options.directory, options.as_of, env, clock);
  const Output out = output_for(ws);
  if (!ws.problems.empty()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  const Portfolio& p = ws.config.portfolio;
  out.print("{}: valid. {} entities, {} reports, transport {}, as of {}.\n", p.name, p.entities.size(),
             p.reports.size(), p.delivery.transport, ws.as_of.to_string());
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
