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

struct DeliveryRecord {
  std::string run_id;
  std::string report_id;
  std::string idempotency_key;
  std::vector<std::string> to, cc, bcc;
  std::string status;  // planned, sending, sent, failed, rejected
  std::string message_id;
  std::string provider_message_id;
  int attempts = 0;
  std::string last_error;
  std::string updated_at;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::expected<void, Error> begin_run(const RunRecord& run) = 0;
  virtual std::expected<void, Error> finish_run(const std::string& run_id, const std::string& status,
                                                const std::string& finished_at) = 0;
  virtual std::expected<void, Error> record_report(const ReportRecord& report) = 0;
  // The delivery with this key, from any run.
  virtual std::expected<std::optional<DeliveryRecord>, Error> find_delivery(const std::string& key) = 0;
  // Inserts or replaces the delivery with this idempotency key.
  virtual std::expected<void, Error> save_delivery(const DeliveryRecord& delivery) = 0;
  // All deliveries, oldest first.
  virtual std::expected<std::vector<DeliveryRecord>, Error> deliveries() = 0;
  virtual int schema_version() const = 0;
};

// Opens (creating if needed) the SQLite store at `path` and applies any
// schema migrations it lacks.
std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::filesystem::path& path);

}  // namespace quarterdeck::store
