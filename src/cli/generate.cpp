#include <fmt/format.h>

#include <algorithm>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/reports.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

// Checks --only ids against the portfolio's reports; prints and returns false on an unknown one.
bool check_only(const Output& out, const Portfolio& p, const std::vector<std::string>& only) {
  std::vector<std::string_view> ids;
  for (const auto& r : p.reports) ids.push_back(r.id);
  bool ok = true;
  for (const auto& id : only) {
    if (std::ranges::find(ids, id) != ids.end()) continue;
    const auto best = closest_match(id, ids);
    out.error("--only: unknown report `{}`{}\n", id, best ? fmt::format(" (did you mean `{}`?)", *best) : "");
    ok = false;
  }
  return ok;
}

int generate_command(const GenerateOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws = load_workspace(options.common.directory, options.common.as_of, env, clock, {true, options.common.probe});
  const Output out = output_for(ws);
  if (!ws.problems.empty()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  if (!check_only(out, ws.config.portfolio, options.only)) return k_exit_invalid;
  const std::filesystem::path out_dir(options.out);
  // With a store (--store, or the portfolio's own when it has one), the
  // reports show what changed since the last run before this as-of date.
  auto loaded = previous_snapshots(ws, options.store);
  if (!loaded) {
    out.error("{}\n", loaded.error().message);
    return k_exit_failed;
  }
  const std::map<std::string, ReportSnapshot> previous = std::move(*loaded);
  auto tasks = stored_tasks(ws, options.store);  // read only: generate changes no task
  if (!tasks) {
    out.error("{}\n", tasks.error().message);
    return k_exit_failed;
  }
  int failures = 0;
  for (auto& built : build_reports(ws, options.only, options.formats, stderr_is_terminal() ? &out : nullptr, previous,
                                   *tasks ? &**tasks : nullptr)) {
    if (!built) {
      out.error("error: {}\n", built.error().message);
      ++failures;
      continue;
    }
    const std::vector<std::string>& wanted = options.formats.empty() ? built->definition->formats : options.formats;
    for (const auto& format : wanted) {
      const auto path = out_dir / fmt::format("{}.{}", built->definition->id,
                                              render::extension(render::parse_format(format).value_or(render::Format::text)));
      // A file stands alone: its charts are data: URIs, not parts of a message.
      const std::string& content = built->rendered.at(format);
      if (auto written = write_file_atomic(path, format == "html" ? render::html_with_data_images(content, built->images)
                                                                  : content);
          !written) {
        out.error("error: {}\n", written.error().message);
        ++failures;
        continue;
      }
      out.print("{}\n", path.string());
    }
  }
  return failures == 0 ? k_exit_ok : k_exit_failed;
}

}  // namespace quarterdeck::cli
