#include "cli/reports.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analyze/context.hpp"
#include "analyze/deltas.hpp"
#include "analyze/findings.hpp"
#include "analyze/report_builder.hpp"
#include "render/charts.hpp"
#include "tasks/tasks.hpp"
#include "util/hash.hpp"

namespace quarterdeck::cli {

std::vector<std::expected<BuiltReport, Error>> build_reports(const Workspace& ws, const std::vector<std::string>& only,
                                                             const std::vector<std::string>& formats_override,
                                                             const Output* progress,
                                                             const std::map<std::string, ReportSnapshot>& previous,
                                                             const std::vector<Task>* stored_tasks) {
  const Portfolio& p = ws.config.portfolio;
  const AnalysisContext ctx(p, ws.data, ws.as_of);
  const std::vector<Finding> findings = detect_findings(ctx);
  // Which tasks this run still names is known from every report's action
  // items, so with tasks the reports are first built once without them.
  std::optional<TaskState> task_state;
  if (stored_tasks != nullptr) {
    std::vector<ReportDocument> first;
    for (const auto& def : p.reports) {
      const auto it = previous.find(def.id);
      first.push_back(build_report(def, ctx, findings, it != previous.end() ? &it->second : nullptr));
      redact(first.back(), ws.config.redactor);
    }
    std::vector<const ReportDocument*> docs;
    for (const auto& d : first) docs.push_back(&d);
    task_state = tasks::task_state(*stored_tasks, docs, findings, ws.config.redactor);
  }
  std::vector<std::expected<BuiltReport, Error>> out;
  std::size_t index = 0;
  std::size_t total = 0;
  for (const auto& def : p.reports) {
    if (only.empty() || std::ranges::find(only, def.id) != only.end()) ++total;
  }
  for (const auto& def : p.reports) {
    if (!only.empty() && std::ranges::find(only, def.id) == only.end()) continue;
    ++index;
    if (progress != nullptr) progress->error("[{}/{}] {}: analysing and rendering\n", index, total, def.id);
    BuiltReport built;
    built.definition = &def;
    const auto it = previous.find(def.id);
    built.document = build_report(def, ctx, findings, it != previous.end() ? &it->second : nullptr,
                                  task_state ? &*task_state : nullptr);
    // The redaction boundary for reports, on the document (PDF bytes and
    // chart images cannot be redacted once drawn) and again on each
    // rendered text below.
    redact(built.document, ws.config.redactor);
    std::vector<std::string> formats = formats_override.empty() ? def.formats : formats_override;
    if (std::ranges::find(formats, "text") == formats.end()) formats.insert(formats.begin(), "text");
    std::string all;
    bool failed = false;
    for (const auto& f : formats) {
      const render::Format format = render::parse_format(f).value_or(render::Format::text);
      auto content = render::render(built.document, format, ws.templates, ws.render_options);
      if (!content) {
        out.push_back(std::unexpected(Error{fmt::format("{}: {}", def.id, content.error().message)}));
        failed = true;
        break;
      }
      // Binary formats were drawn from the redacted document; text formats
      // pass the boundary again, after their templates.
      std::string redacted = format == render::Format::pdf ? std::move(*content) : ws.config.redactor.apply(*content);
      all += redacted;
      built.rendered[f] = std::move(redacted);
    }
    if (failed) continue;
    if (built.rendered.contains("html")) {
      built.images = render::chart_images(built.document, ws.render_options);
      // The HTML's header shows the portfolio's logo as `cid:logo.png`.
      if (!ws.render_options.logo_png.empty()) {
        built.images.push_back(
            {"logo.png", "image/png", ws.render_options.logo_png, built.document.portfolio});
      }
      // Only what the HTML shows travels with it: a chart with no data is
      // a sentence there, not an image.
      const std::string& html = built.rendered.at("html");
      std::erase_if(built.images, [&](const render::Image& image) {
        return html.find("cid:" + image.name) == std::string::npos;
      });
      for (const auto& image : built.images) all += image.data;
    }
    built.content_hash = sha256_hex(all);
    out.push_back(std::move(built));
  }
  return out;
}

std::expected<std::map<std::string, ReportSnapshot>, Error> previous_snapshots(const Workspace& ws, store::Store& db) {
  std::map<std::string, ReportSnapshot> out;
  for (const auto& def : ws.config.portfolio.reports) {
    auto snap = db.previous_snapshot(def.id, ws.as_of);
    if (!snap) return std::unexpected(snap.error());
    if (*snap) out.emplace(def.id, std::move(**snap));
  }
  return out;
}

std::expected<std::vector<Task>, Error> stored_tasks(const Workspace& ws, store::Store& db) {
  return db.tasks(ws.config.redactor.apply(ws.config.portfolio.name));
}

std::expected<std::optional<std::vector<Task>>, Error> stored_tasks(const Workspace& ws,
                                                                    const std::string& store_option) {
  const std::filesystem::path store_file = store_path(ws.directory, store_option);
  if (!std::filesystem::exists(store_file)) return std::optional<std::vector<Task>>{};
  auto opened = store::open_sqlite_store(store_file);
  if (!opened) return std::unexpected(opened.error());
  auto tasks = stored_tasks(ws, **opened);
  if (!tasks) return std::unexpected(tasks.error());
  return std::optional<std::vector<Task>>{std::move(*tasks)};
}

std::expected<std::map<std::string, ReportSnapshot>, Error> previous_snapshots(const Workspace& ws,
                                                                               const std::string& store_option) {
  const std::filesystem::path store_file = store_path(ws.directory, store_option);
  if (store_option.empty() && !std::filesystem::exists(store_file)) return std::map<std::string, ReportSnapshot>{};
  auto opened = store::open_sqlite_store(store_file);
  if (!opened) return std::unexpected(opened.error());
  return previous_snapshots(ws, **opened);
}

}  // namespace quarterdeck::cli
