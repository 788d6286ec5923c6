#include "store/lease.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <fstream>
#include <random>

#include "util/hash.hpp"

namespace quarterdeck::store {
namespace {

std::string host_name() {
  char buffer[HOST_NAME_MAX + 1] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown-host";
  return buffer;
}

// Whether process `pid` has exited but its parent has not reaped it yet
// (Linux: state Z in /proc/PID/stat). Elsewhere: false.
bool is_zombie(pid_t pid) {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text;
  if (!stat || !std::getline(stat, text)) return false;
  const auto paren = text.rfind(')');  // the command name may hold spaces and parentheses
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

// Whether `holder` ran on this host and its process is gone. Only a process
// on this host can be checked; one elsewhere is judged by its expiry alone.
// A holder with our own pid and another owner token is a process that died
// before this one was given its pid. (A dead holder whose pid another
// process has since been given looks alive: it is judged by its expiry.)
bool process_is_gone(const LeaseHolder& holder, const std::string& host) {
  if (holder.host != host || holder.pid <= 0 || holder.pid > INT_MAX) return false;
  const auto pid = static_cast<pid_t>(holder.pid);
  if (pid == getpid()) return true;
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  return is_zombie(pid);
}

// "the delivery lease", or "the lease slot:..." for the others (schedule slots).
std::string lease_words(const std::string& name) {
  return name == k_delivery_lease ? std::string("the delivery lease") : fmt::format("the lease {}", name);
}

std::string takeover_notice(const std::string& name, const LeaseHolder& previous, const std::string& why) {
  return fmt::format(
      "quarterdeck: took over {} from {}, held since {}, last heartbeat {}: {}", lease_words(name),
      describe_holder(previous), lease_time(previous.acquired_at),
      lease_time(previous.heartbeat_at), why);
}

}  // namespace

LeaseHolder this_process(const std::string& run_id) {
  LeaseHolder me;
  me.host = host_name();
  me.pid = getpid();
  me.run_id = run_id;
  std::random_device random;
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  me.owner = sha256_hex(fmt::format("{}|{}|{}|{}|{}", me.host, me.pid, now, random(), random()))
                 .substr(0, 32);
  return me;
}

std::string lease_time(std::int64_t unix_seconds) {
  std::string text = format_utc(unix_seconds);  // 2026-11-30T10:12:03Z
  if (text.size() == 20) text = text.substr(0, 10) + " " + text.substr(11, 8) + " UTC";
  return text;
}

std::string describe_holder(const LeaseHolder& holder) {
  std::string text = fmt::format("pid {} on {}", holder.pid, holder.host);
  if (!holder.run_id.empty()) text += fmt::format(" (run {})", holder.run_id);
  return text;
}

std::expected<std::unique_ptr<HeldLease>, LeaseProblem> HeldLease::acquire(
    Store& store, const StoreOpener& open, const std::string& name, LeaseHolder me,
    const LeaseWait& wait, const Clock& clock, const NoticeFn& notice) {
  const std::int64_t started_ms = clock.now_ms();
  bool announced = false;
  while (true) {
    const std::int64_t now = clock.now_unix();
    auto attempt = store.try_acquire_lease(name, me, now, k_lease_ttl_seconds);
    if (!attempt) return std::unexpected(LeaseProblem{attempt.error()});
    bool acquired = attempt->acquired;
    if (acquired && attempt->replaced && notice) {
      notice(takeover_notice(
          name, *attempt->replaced,
          fmt::format("its lease expired at {}", lease_time(attempt->replaced->expires_at))));
    }
    if (!acquired && process_is_gone(attempt->holder, me.host)) {
      auto taken = store.take_over_lease(name, me, attempt->holder, "process gone", now,
                                         k_lease_ttl_seconds);
      if (!taken) return std::unexpected(LeaseProblem{taken.error()});
      if (*taken) {
        acquired = true;
        if (notice) notice(takeover_notice(name, attempt->holder, "its process is gone"));
      }
      // else: someone else took it first; ask again.
    }
    if (acquired) {
      auto heartbeat_store = open();
      if (!heartbeat_store) {
        (void)store.release_lease(name, me.owner);
        return std::unexpected(LeaseProblem{heartbeat_store.error()});
      }
      me.acquired_at = now;
      return std::unique_ptr<HeldLease>(
          new HeldLease(store, std::move(*heartbeat_store), name, me, clock));
    }
    const std::int64_t waited_ms = clock.now_ms() - started_ms;
    const bool out_of_time =
        !wait.wait || (wait.limit_seconds && waited_ms >= *wait.limit_seconds * 1000);
    if (out_of_time)
      return std::unexpected(LeaseProblem{LeaseBusy{attempt->holder, waited_ms / 1000}});
    if (!announced && notice) {
      notice(fmt::format("quarterdeck: waiting for {}, delivering for this store since {}",
                         describe_holder(attempt->holder),
                         lease_time(attempt->holder.acquired_at)));
      announced = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(k_lease_poll_ms));
  }
}

HeldLease::HeldLease(Store& store, std::unique_ptr<Store> heartbeat_store, std::string name,
                     LeaseHolder me, const Clock& clock)
    : store_(store),
      heartbeat_store_(std::move(heartbeat_store)),
      name_(std::move(name)),
      me_(std::move(me)),
      clock_(clock),
      heartbeat_([this](const std::stop_token& stop) { heartbeat_loop(stop); }) {}

HeldLease::~HeldLease() {
  heartbeat_.request_stop();
  if (heartbeat_.joinable()) heartbeat_.join();
  (void)store_.release_lease(name_, me_.owner);
}

std::string HeldLease::run_id() {
  std::lock_guard lock(mutex_);
  return me_.run_id;
}

void HeldLease::set_run(const std::string& run_id) {
  {
    std::lock_guard lock(mutex_);
    me_.run_id = run_id;
  }
  (void)confirm();
}

Error HeldLease::lost_error(const std::string& why) {
  return Error{fmt::format(
      "quarterdeck: this process no longer holds {} ({}); it stops so that no message goes out twice",
      lease_words(name_), why)};
}

std::expected<void, Error> HeldLease::confirm() {
  {
    std::lock_guard lock(mutex_);
    if (lost_) return std::unexpected(*lost_);
  }
  auto renewed =
      store_.renew_lease(name_, me_.owner, run_id(), clock_.now_unix(), k_lease_ttl_seconds);
  std::optional<Error> lost;
  if (!renewed) {
    lost = renewed.error();
  } else if (!*renewed) {
    auto holder = store_.lease_holder(name_);
    lost = lost_error(holder && *holder
                          ? fmt::format("it expired and {} took it over", describe_holder(**holder))
                          : std::string("it expired"));
  }
  if (!lost) return {};
  std::lock_guard lock(mutex_);
  lost_ = *lost;
  return std::unexpected(*lost);
}

void HeldLease::heartbeat_loop(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, stop, std::chrono::seconds(k_lease_heartbeat_seconds),
                     [] { return false; });
      if (stop.stop_requested() || lost_) return;
    }
    auto renewed = heartbeat_store_->renew_lease(name_, me_.owner, run_id(), clock_.now_unix(),
                                                 k_lease_ttl_seconds);
    if (!renewed || !*renewed) {
      std::lock_guard lock(mutex_);
      lost_ = renewed ? lost_error("it expired and was taken over") : renewed.error();
      return;
    }
  }
}

}  // namespace quarterdeck::store
