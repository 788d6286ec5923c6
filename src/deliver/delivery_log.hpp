// Where delivery states are kept, as the delivery engine sees it. The store
// implements it (SQLite now); every save is committed before it returns, so
// a crash after a save never loses the state it recorded.
//
// States: planned -> sending -> sent | failed (retryable, will be tried
// again) | rejected (permanent); `uncertain` marks a message that was
// `sending` when its process died: it may or may not have been accepted.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "util/diagnostic.hpp"

namespace quarterdeck::deliver {

struct DeliveryRecord {
  std::string run_id;
  std::string report_id;
  std::string idempotency_key;  // unique: one record per message
  std::vector<std::string> to, cc, bcc;
  std::string status;  // planned, sending, sent, failed, rejected, uncertain
  std::string message_id;  // "<...>"
  std::string provider_message_id;
  int attempts = 0;
  std::string last_error;
  std::string updated_at;
  std::string sent_at;  // RFC 3339, when accepted
  std::string mime;     // the exact message, so a resumed run sends the same bytes;
                        // empty in records read back by run_deliveries
  std::int64_t sequence = 0;  // order of planning; set by the log
  // A test send (`run --to`): addressed to one tester, never the real
  // delivery of its report, under a key of its own (test_idempotency_key).
  bool test = false;

  std::size_t recipient_count() const { return to.size() + cc.size() + bcc.size(); }
};

class DeliveryLog {
 public:
  virtual ~DeliveryLog() = default;
  // The delivery with this key, from any run.
  virtual std::expected<std::optional<DeliveryRecord>, Error> find_delivery(const std::string& key) = 0;
  // Inserts or replaces the delivery with this key, and commits.
  virtual std::expected<void, Error> save_delivery(const DeliveryRecord& delivery) = 0;
  // The deliveries of a run in planning order, without their MIME (a run
  // of thousands of messages must not hold them all in memory).
  virtual std::expected<std::vector<DeliveryRecord>, Error> run_deliveries(const std::string& run_id) = 0;
  // The MIME of one delivery, read when it is about to be sent.
  virtual std::expected<std::string, Error> message_of(const std::string& key) = 0;
  // Recipients (To+Cc+Bcc) of messages sent at or after `since` (RFC 3339).
  virtual std::expected<std::int64_t, Error> recipients_sent_since(const std::string& since) = 0;
};

}  // namespace quarterdeck::deliver
