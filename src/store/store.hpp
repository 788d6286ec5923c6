// The store: runs, the reports each run produced (with a content hash) and
// every delivery with its state. SQLite is the default backend; the
// interface is what the rest of the program sees, so PostgreSQL can follow.
//
// Delivery states: planned -> sending -> sent | failed | rejected. Each
// change is committed before the next step, so a crash leaves a state the
// next run can read.
//
// Leases: one process at a time delivers for a store. The lease is a row in
// the store itself (not a lock file), so the rule holds the same way when
// the store is PostgreSQL and the processes run on different machines; see
// store/lease.hpp for who takes it and how it is kept alive.
//
// A store whose file is deleted or replaced while it is open refuses every
// write from then on (and the write that finds it out) with an error: it
// never reports a success it could not record.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deliver/delivery_log.hpp"
#include "model/report.hpp"
#include "model/task.hpp"
#include "store/integration_state.hpp"
#include "store/slot_record.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::store {

struct RunRecord {
  std::string id;
  std::string portfolio;
  std::string as_of;
  std::string started_at;
  std::string finished_at;
  std::string status;  // running, done, failed
  std::string test_to{};  // a test run (`run --to`): the one address it sent to; empty: a real run
};

struct ReportRecord {
  std::string run_id;
  std::string report_id;
  std::string title;
  std::string content_hash;
};

using deliver::DeliveryRecord;

// Who holds a lease. Times are Unix seconds from the caller's clock.
struct LeaseHolder {
  std::string owner;  // unique per process (a random token): the holder's identity
  std::string host;   // the holder's host name, for messages and the liveness check
  std::int64_t pid = 0;
  std::string run_id;  // what it is doing; may be empty
  std::int64_t acquired_at = 0;
  std::int64_t heartbeat_at = 0;
  std::int64_t expires_at = 0;  // free for anyone from this second on
};

// The answer to try_acquire_lease.
struct LeaseAttempt {
  bool acquired = false;
  LeaseHolder holder;  // the holder after the attempt: the caller when acquired
  // When the caller took the lease over from another owner whose lease had
  // expired: that owner (the take-over is also recorded in the store).
  std::optional<LeaseHolder> replaced;
};

// A lease taken over from another owner, as the store recorded it.
struct LeaseTakeover {
  std::string name;
  std::int64_t taken_at = 0;
  LeaseHolder previous;
  std::string new_owner;
  std::string reason;  // "expired", "process gone"
};

// Something that happened, for the integrations to push (webhooks, GitHub
// Issues, chat): appended once per id by whoever makes it happen (a run, a
// schedule slot, a task change) and read in order by whoever delivers it.
// Types: run.completed, run.failed, task.created, task.updated,
// task.resolved. The payload is JSON, already redacted.
struct Event {
  std::int64_t seq = 0;  // the order events were appended in; set by the store
  std::string id;        // stable and unique: the webhook-id, so a repeat is the same event
  std::string type;
  std::string portfolio;
  std::int64_t created_at = 0;  // Unix seconds
  std::string payload;          // JSON object
};

// An event's id from its type and what makes it unique ("evt_" and 32 hex
// digits): the same type and key give the same id, so an event appended
// twice (a re-run, a take-over) is stored and delivered once.
std::string event_id(std::string_view type, std::string_view key);

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

  // Events: appends `event` unless one with its id exists (false then:
  // nothing changed); and the events after `seq`, oldest first, at most `limit`.
  virtual std::expected<bool, Error> append_event(const Event& event) = 0;
  virtual std::expected<std::vector<Event>, Error> events_after(std::int64_t seq, std::size_t limit) = 0;

  // Leases, by name ("delivery"). Each operation is one transaction, so two
  // processes racing for a free lease cannot both get it.
  //
  // Takes lease `name` for `claim.owner` until now + ttl_seconds when it is
  // free, expired (expires_at <= now) or already the caller's; otherwise
  // leaves it and answers with its holder.
  virtual std::expected<LeaseAttempt, Error> try_acquire_lease(const std::string& name, const LeaseHolder& claim,
                                                               std::int64_t now, std::int64_t ttl_seconds) = 0;
  // Takes lease `name` from `previous` (whom the caller found dead) when
  // `previous.owner` still holds it; false when someone else got there
  // first. The take-over is recorded with `reason`.
  virtual std::expected<bool, Error> take_over_lease(const std::string& name, const LeaseHolder& claim,
                                                     const LeaseHolder& previous, const std::string& reason,
                                                     std::int64_t now, std::int64_t ttl_seconds) = 0;
  // The heartbeat: pushes the expiry to now + ttl_seconds and records
  // `run_id`; false when `owner` no longer holds the lease (it expired and
  // was taken over).
  virtual std::expected<bool, Error> renew_lease(const std::string& name, const std::string& owner,
                                                 const std::string& run_id, std::int64_t now,
                                                 std::int64_t ttl_seconds) = 0;
  // Gives the lease up if `owner` holds it.
  virtual std::expected<void, Error> release_lease(const std::string& name, const std::string& owner) = 0;
  virtual std::expected<std::optional<LeaseHolder>, Error> lease_holder(const std::string& name) = 0;
  // Take-overs of lease `name`, oldest first.
  virtual std::expected<std::vector<LeaseTakeover>, Error> lease_takeovers(const std::string& name) = 0;

  // --- schedule slots (issue 14) ---
  // Slots (store/slot_record.hpp). Each call is one transaction.
  //
  // Claims `claim` (status running, owner set) for its owner: inserts it
  // when the slot has no row; takes it over when it is running under
  // another owner (the caller must hold the slot's lease, which proves that
  // owner gone); otherwise leaves the row as it is (done, failed, ...).
  virtual std::expected<SlotClaim, Error> claim_slot(const SlotRecord& claim) = 0;
  // Rewrites the slot's row (status, run, times, detail) if `slot.owner` holds it.
  virtual std::expected<void, Error> update_slot(const SlotRecord& slot) = 0;
  // Records a slot that will not run (missed) unless it has a row already;
  // false then.
  virtual std::expected<bool, Error> record_missed_slot(const SlotRecord& slot) = 0;
  // The latest slot of a report (by scheduled instant), any status; with
  // `finished_only`, the latest that is not running.
  virtual std::expected<std::optional<SlotRecord>, Error> last_slot(const std::string& portfolio,
                                                                   const std::string& report_id,
                                                                   bool finished_only) = 0;
  // The slots of `portfolio` still running (their owner may be gone).
  virtual std::expected<std::vector<SlotRecord>, Error> running_slots(const std::string& portfolio) = 0;
  // The brief of each report of a run, for run.completed after a resume.
  virtual std::expected<void, Error> record_report_brief(const std::string& run_id, const ReportBrief& brief) = 0;
  virtual std::expected<std::vector<ReportBrief>, Error> report_briefs(const std::string& run_id) = 0;

  // --- tasks (issue 14) ---
  // The tasks of `portfolio` (model/task.hpp; every portfolio's when it is
  // empty), each with its history, by id.
  virtual std::expected<std::vector<Task>, Error> tasks(const std::string& portfolio) = 0;
  // Reads the tasks of `portfolio` (every portfolio's when empty), hands
  // them to `change`, and saves what it returns: whole tasks (history
  // entries already stored are kept, new ones appended) and events (as
  // append_event). All in one write transaction, so a task and its event
  // are kept together and a person marking a task done while a run
  // reconciles is not lost. An error from `change` saves nothing.
  struct TaskUpdate {
    std::vector<Task> changed;
    std::vector<Event> events;
  };
  using TaskUpdater = std::function<std::expected<TaskUpdate, Error>(const std::vector<Task>&)>;
  virtual std::expected<void, Error> update_tasks(const std::string& portfolio, const TaskUpdater& change) = 0;

  // --- integrations' delivery state (issue 14) ---

  // --- failure notices (issue 14) ---
  // One notice per run.failed event (cli/notices.hpp). claim_notice records
  // that the notice of `event_id` is being sent, at `now` (Unix seconds), and
  // answers false when it was claimed before, by this process or another:
  // a notice is attempted once, never retried into a storm. finish_notice
  // records how it went ("sent", or "not sent: " and why).
  virtual std::expected<bool, Error> claim_notice(const std::string& event_id, std::int64_t now) = 0;
  virtual std::expected<void, Error> finish_notice(const std::string& event_id, const std::string& outcome) = 0;
  // How far `target` has read the event log (the last seq it considered);
  // nullopt for a target never pushed to.
  virtual std::expected<std::optional<std::int64_t>, Error> integration_cursor(const std::string& target) = 0;
  virtual std::expected<void, Error> set_integration_cursor(const std::string& target, std::int64_t seq) = 0;
  // The seq of the first event created at or after `unix_seconds` (or the
  // next seq to come when there is none yet) minus one: where a new target
  // starts reading.
  virtual std::expected<std::int64_t, Error> event_seq_before(std::int64_t unix_seconds) = 0;
  // `target`'s deliveries not yet done (pending, sending, failed), in event
  // order, each with its event.
  virtual std::expected<std::vector<std::pair<IntegrationDelivery, Event>>, Error> unfinished_integration_deliveries(
      const std::string& target) = 0;
  // Every delivery to any target, in event order (for tests and audits).
  virtual std::expected<std::vector<IntegrationDelivery>, Error> integration_deliveries() = 0;
  // Adds the row of (event_id, target) unless there is one (false then).
  virtual std::expected<bool, Error> add_integration_delivery(const IntegrationDelivery& delivery) = 0;
  // Inserts or replaces the row of (event_id, target).
  virtual std::expected<void, Error> save_integration_delivery(const IntegrationDelivery& delivery) = 0;
  virtual std::expected<std::optional<GithubIssue>, Error> github_issue(const std::string& repository,
                                                                       const std::string& task_id) = 0;
  // The issues of `repository` in state `state` ("open", "closed").
  virtual std::expected<std::vector<GithubIssue>, Error> github_issues(const std::string& repository,
                                                                      const std::string& state) = 0;
  virtual std::expected<void, Error> save_github_issue(const GithubIssue& issue) = 0;
};

// Opens (creating if needed) the SQLite store at `path` and applies any
// schema migrations it lacks.
std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::filesystem::path& path);

}  // namespace quarterdeck::store
