// The delivery lease as a process holds it: one process at a time plans and
// sends for a store. It is a row in the store (Store::try_acquire_lease and
// friends), so two processes on different machines sharing a PostgreSQL
// store obey it the same way as two on one machine sharing a SQLite file.
//
// A holder renews its lease (the heartbeat) from a thread of its own, on its
// own connection, every k_lease_heartbeat_seconds, and at every delivery
// state change through confirm(). A lease nobody renewed for
// k_lease_ttl_seconds has expired and may be taken by anyone; a lease whose
// holder ran on this host and whose process is gone (killed, crashed) is
// taken over at once. Every take-over is printed and recorded in the store.
//
// Times come from each process's Clock: processes on different machines
// sharing one store must have clocks that agree to well within the expiry.
//
// A holder that finds it has lost its lease (it stalled past the expiry and
// someone took over) or that its store was deleted stops: confirm() fails,
// and nothing more is sent.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "store/store.hpp"
#include "util/clock.hpp"

namespace quarterdeck::store {

// The lease that delivery takes.
inline constexpr const char* k_delivery_lease = "delivery";
// A lease not renewed for this long is free for anyone. Long enough that a
// busy machine does not lose it between heartbeats; short enough that a
// holder that hangs on another machine blocks delivery for a minute only.
inline constexpr std::int64_t k_lease_ttl_seconds = 60;
// The holder renews this often: four heartbeats in one expiry period, so
// three may be late before the lease can be taken.
inline constexpr std::int64_t k_lease_heartbeat_seconds = 15;
// A process waiting for the lease (--wait) asks again this often.
inline constexpr std::int64_t k_lease_poll_ms = 500;

// This process as a lease holder: a fresh random owner token, the host name
// and the pid (the times are set when the lease is taken).
LeaseHolder this_process(const std::string& run_id);

// How long to wait for a lease held by another process.
struct LeaseWait {
  bool wait = false;                          // false: give up at once
  std::optional<std::int64_t> limit_seconds;  // with wait: nullopt waits without a limit
};

// Someone else holds the lease (after waiting, if asked to wait).
struct LeaseBusy {
  LeaseHolder holder;
  std::int64_t waited_seconds = 0;
};
using LeaseProblem = std::variant<LeaseBusy, Error>;

// Opens another connection to the same store, for the heartbeat thread.
using StoreOpener = std::function<std::expected<std::unique_ptr<Store>, Error>()>;
// Where notices go (a take-over, waiting): one line each, without newline.
using NoticeFn = std::function<void(const std::string&)>;

// "2026-11-30 10:12:03 UTC".
std::string lease_time(std::int64_t unix_seconds);
// "pid 1234 on HOST (run RUN_ID)".
std::string describe_holder(const LeaseHolder& holder);

// A held lease; released when destroyed. Not copyable or movable (the
// heartbeat thread refers to it).
class HeldLease {
 public:
  // Takes lease `name` on `store` for `me`, taking it over when its holder is
  // dead or expired, or waits for it as `wait` says.
  static std::expected<std::unique_ptr<HeldLease>, LeaseProblem> acquire(
      Store& store, const StoreOpener& open, const std::string& name, LeaseHolder me,
      const LeaseWait& wait, const Clock& clock, const NoticeFn& notice);
  ~HeldLease();
  HeldLease(const HeldLease&) = delete;
  HeldLease& operator=(const HeldLease&) = delete;

  // Renews the lease now, on the caller's connection: an error when it was
  // lost or the store cannot record it. Call before every step that must not
  // happen without the lease.
  std::expected<void, Error> confirm();
  // Names the run the lease is held for (shown to whoever waits for it).
  void set_run(const std::string& run_id);
  const LeaseHolder& holder() const { return me_; }

 private:
  HeldLease(Store& store, std::unique_ptr<Store> heartbeat_store, std::string name, LeaseHolder me,
            const Clock& clock);
  void heartbeat_loop(const std::stop_token& stop);
  std::string run_id();
  Error lost_error(const std::string& why);

  Store& store_;
  std::unique_ptr<Store> heartbeat_store_;
  std::string name_;
  LeaseHolder me_;
  const Clock& clock_;
  std::mutex mutex_;  // guards run_id_, lost_
  std::condition_variable_any wake_;
  std::optional<Error> lost_;
  std::jthread heartbeat_;
};

}  // namespace quarterdeck::store
