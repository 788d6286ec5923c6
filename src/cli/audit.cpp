#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "render/renderer.hpp"
#include "store/store.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

int audit_command(const AuditOptions& options, const Environment& env) {
  // The store's rows were redacted when they were written, all but the
  // addresses, which delivery and this audit need (docs/config.md
  // "Redaction"); the environment's credentials are redacted here too.
  const Output out = output_for(env);
  const std::filesystem::path path = store_path(options.directory, options.store);
  if (!std::filesystem::exists(path)) {
    out.error("{}: no store here yet (nothing has been run)\n", path.string());
    return k_exit_invalid;
  }
  auto store = store::open_sqlite_store(path);
  if (!store) {
    out.error("{}\n", store.error().message);
    return k_exit_failed;
  }
  auto deliveries = (*store)->deliveries();
  if (!deliveries) {
    out.error("{}\n", deliveries.error().message);
    return k_exit_failed;
  }
  if (options.format == "json") {
    auto json = nlohmann::ordered_json::array();
    for (const auto& d : *deliveries) {
      json.push_back({{"run_id", d.run_id},
                      {"report_id", d.report_id},
                      {"to", d.to},
                      {"cc", d.cc},
                      {"bcc", d.bcc},
                      {"status", d.status},
                      {"message_id", d.message_id},
                      {"provider_message_id", d.provider_message_id},
                      {"attempts", d.attempts},
                      {"updated_at", d.updated_at},
                      {"last_error", d.last_error},
                      {"test", d.test}});
    }
    out.data(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    return k_exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : *deliveries) {
    // A test send (`run --to`) says so where the report is named.
    rows.push_back({d.run_id, d.test ? d.report_id + " (test)" : d.report_id, join(d.to, ","),
                    fmt::format("{}", d.cc.size() + d.bcc.size()), d.status,
                    fmt::format("{}", d.attempts), d.message_id, d.updated_at, d.last_error});
  }
  out.print("{}", render::text_table({"Run", "Report", "To", "Cc+Bcc", "Status", "Attempts",
                                      "Message-ID", "Updated", "Last error"},
                                     rows));
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
