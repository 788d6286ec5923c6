// `quarterdeck preview DIR --report ID`: builds one report and writes its
// HTML (charts as data: URIs, so a browser opens it alone) and its PDF into
// a new temporary folder, printing each path it wrote, one a line. Nothing
// is recorded or sent. A format that cannot be rendered is reported on
// standard error and the exit status is 1; the other is still written.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/reports.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {
namespace {

// A new folder under $TMPDIR (or /tmp), only the caller's to read.
std::expected<std::filesystem::path, Error> new_temporary_folder() {
  const char* tmpdir = std::getenv("TMPDIR");
  const std::filesystem::path base = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
  std::string pattern = (base / "quarterdeck-preview-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return std::unexpected(Error{fmt::format("{}: cannot make a temporary folder: {}",
                                             base.string(), std::strerror(errno))});
  }
  return std::filesystem::path(pattern);
}

bool check_report(const Output& out, const Portfolio& p, const std::string& id) {
  std::vector<std::string_view> ids;
  std::vector<std::string> names;
  for (const auto& r : p.reports) {
    ids.push_back(r.id);
    names.push_back(r.id);
  }
  if (std::ranges::find(ids, id) != ids.end()) return true;
  const auto best = closest_match(id, ids);
  out.error("--report: unknown report `{}`{}\n", id,
            best ? fmt::format(" (did you mean `{}`?)", *best)
                 : fmt::format(" (the reports: {})", join(names, ", ")));
  return false;
}

}  // namespace

int preview_command(const PreviewOptions& options, const Environment& env, const Clock& clock) {
  const Workspace ws =
      load_workspace(options.common.directory, options.common.as_of, env, clock, {true, false});
  const Output out = output_for(ws);
  if (!ws.problems.empty()) {
    print_problems(out, ws);
    return k_exit_invalid;
  }
  if (!check_report(out, ws.config.portfolio, options.report)) return k_exit_invalid;
  // With a store, the report shows what changed since the last run, as it
  // would when sent.
  auto loaded = previous_snapshots(ws, options.store);
  if (!loaded) {
    out.error("{}\n", loaded.error().message);
    return k_exit_failed;
  }
  const std::map<std::string, ReportSnapshot> previous = std::move(*loaded);
  // The HTML is built on its own so that a PDF that cannot be drawn does
  // not cost the HTML.
  auto tasks = stored_tasks(ws, options.store);  // read only: preview changes no task
  if (!tasks) {
    out.error("{}\n", tasks.error().message);
    return k_exit_failed;
  }
  auto built = build_reports(ws, {options.report}, {"html"}, nullptr, previous, *tasks ? &**tasks : nullptr);
  if (built.size() != 1 || !built.front()) {
    out.error("error: {}\n", built.empty() ? "nothing was built" : built.front().error().message);
    return k_exit_failed;
  }
  const BuiltReport& report = *built.front();
  auto folder = new_temporary_folder();
  if (!folder) {
    out.error("{}\n", folder.error().message);
    return k_exit_failed;
  }
  int failures = 0;
  const auto write = [&](render::Format format, const std::string& content) {
    const auto path = *folder / fmt::format("{}.{}", options.report, render::extension(format));
    if (auto written = write_file_atomic(path, content); !written) {
      out.error("error: {}\n", written.error().message);
      ++failures;
      return;
    }
    out.print("{}\n", path.string());
  };
  write(render::Format::html,
        render::html_with_data_images(report.rendered.at("html"), report.images));
  // The PDF is drawn from the redacted document, as build_reports does.
  if (auto pdf =
          render::render(report.document, render::Format::pdf, ws.templates, ws.render_options);
      pdf) {
    write(render::Format::pdf, *pdf);
  } else {
    out.error("error: {}: pdf: {}\n", options.report, pdf.error().message);
    ++failures;
  }
  return failures == 0 ? k_exit_ok : k_exit_failed;
}

}  // namespace quarterdeck::cli
