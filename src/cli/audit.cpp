#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "render/renderer.hpp"
#include "store/store.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {

int audit_command(const AuditOptions& options) {
  const std::filesystem::path path = store_path(options.directory, options.store);
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "{}: no store here yet (nothing has been run)\n", path.string());
    return k_exit_invalid;
  }
  auto store = store::open_sqlite_store(path);
  if (!store) {
    fmt::print(stderr, "{}\n", store.error().message);
    return k_exit_failed;
  }
  auto deliveries = (*store)->deliveries();
  if (!deliveries) {
    fmt::print(stderr, "{}\n", deliveries.error().message);
    return k_exit_failed;
  }
  if (options.format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& d : *deliveries) {
      out.push_back({{"run_id", d.run_id},
                     {"report_id", d.report_id},
                     {"to", d.to},
                     {"cc", d.cc},
                     {"bcc", d.bcc},
                     {"status", d.status},
                     {"message_id", d.message_id},
                     {"provider_message_id", d.provider_message_id},
                     {"attempts", d.attempts},
                     {"updated_at", d.updated_at},
                     {"last_error", d.last_error}});
    }
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return k_exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : *deliveries) {
    rows.push_back({d.run_id, d.report_id, join(d.to, ","), fmt::format("{}", d.cc.size() + d.bcc.size()), d.status,
                    fmt::format("{}", d.attempts), d.message_id, d.updated_at, d.last_error});
  }
  fmt::print("{}", render::text_table({"Run", "Report", "To", "Cc+Bcc", "Status", "Attempts", "Message-ID", "Updated", "Last error"},
                                      rows));
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
