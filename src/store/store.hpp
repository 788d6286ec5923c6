// The store: runs, the reports each run produced (with a content hash) and
// every delivery with its state. SQLite is the default backend; the
// interface is what the rest of the program sees, so PostgreSQL can follow.
//
// Delivery states: planned -> sending -> sent | failed | rejected. Each
// change is committed before the next step, so a crash leaves a state the
// next run can read.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "deliver/delivery_log.hpp"
#include "model/report.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::store {

struct RunRecord {
  std::string id;
  std::string portfolio;
  std::string as_of;
  std::string started_at;
  std::string finished_at;
  std::string status;  // running, done, failed
};

struct ReportRecord {
  std::string run_id;
  std::string report_id;
  std::string title;
  std::string content_hash;
};

using deliver::DeliveryRecord;

// The store is the delivery log too (deliver/delivery_log.hpp).
class Store : public deliver::DeliveryLog {
 public:
  virtual std::expected<void, Error> begin_run(const RunRecord& run) = 0;
  virtual std::expected<void, Error> finish_run(const std::string& run_id, const std::string& status,
                                                const std::string& finished_at) = 0;
  virtual std::expected<void, Error> record_report(const ReportRecord& report) = 0;
  // What a run's report said (KPI values, open findings), and the latest one
  // recorded for `report_id` with an as-of date before `before`.
  virtual std::expected<void, Error> record_snapshot(const std::string& run_id, const ReportSnapshot& snapshot) = 0;
  virtual std::expected<std::optional<ReportSnapshot>, Error> previous_snapshot(const std::string& report_id,
                                                                               const Date& before) = 0;
  // The most recent run, if any; and the most recent one not `done`.
  virtual std::expected<std::optional<RunRecord>, Error> latest_run(bool unfinished_only) = 0;
  virtual std::expected<std::optional<RunRecord>, Error> find_run(const std::string& run_id) = 0;
  // All deliveries, oldest first (without their MIME).
  virtual std::expected<std::vector<DeliveryRecord>, Error> deliveries() = 0;
  virtual int schema_version() const = 0;
};

// Opens (creating if needed) the SQLite store at `path` and applies any
// schema migrations it lacks.
std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::filesystem::path& path);

}  // namespace quarterdeck::store
