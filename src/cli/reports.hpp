// Builds and renders the reports of a workspace: the part `generate` and
// `run` share.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "model/report.hpp"
#include "model/task.hpp"
#include "render/renderer.hpp"
#include "store/store.hpp"

namespace quarterdeck::cli {

struct BuiltReport {
  const ReportDefinition* definition = nullptr;
  ReportDocument document;
  std::map<std::string, std::string> rendered;  // format ("text", "html", "json", "pdf", "markdown") -> content
  std::vector<render::Image> images;            // the charts the HTML refers to (cid:NAME); with html only
  std::string content_hash;                     // over every rendered format
};

// Builds the reports (all, or only `only`), rendering `formats` plus, for
// e-mail, always text. A report with a snapshot in `previous` (by report id)
// shows what changed since. A report that fails to render is returned as an
// error in its slot so the others go on. Every rendered format has passed
// the portfolio's Redactor: what is returned may be written and sent as is.
// With `progress`, a line per report goes to its standard error. With
// `stored_tasks` (the store's tasks before this run), the `follow-up`
// section says which are overdue and which this run closes; without, it is
// left out.
std::vector<std::expected<BuiltReport, Error>> build_reports(const Workspace& ws, const std::vector<std::string>& only,
                                                             const std::vector<std::string>& formats_override,
                                                             const Output* progress,
                                                             const std::map<std::string, ReportSnapshot>& previous = {},
                                                             const std::vector<Task>* stored_tasks = nullptr);

// The latest snapshot before the workspace's as-of date of every report,
// from `db` (reports without one are left out).
std::expected<std::map<std::string, ReportSnapshot>, Error> previous_snapshots(const Workspace& ws, store::Store& db);

// The same from the store `--store` names, or the portfolio's own when it
// has one; none (an empty map) when neither exists.
std::expected<std::map<std::string, ReportSnapshot>, Error> previous_snapshots(const Workspace& ws,
                                                                               const std::string& store_option);

// The tasks of the workspace's portfolio in `db` (for build_reports).
std::expected<std::vector<Task>, Error> stored_tasks(const Workspace& ws, store::Store& db);
// The same from the store `--store` names, or the portfolio's own when it
// has one; none when neither exists.
std::expected<std::optional<std::vector<Task>>, Error> stored_tasks(const Workspace& ws,
                                                                    const std::string& store_option);

}  // namespace quarterdeck::cli
