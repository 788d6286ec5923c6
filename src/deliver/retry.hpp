// When to try again: exponential backoff with full jitter (a random delay
// between zero and base * 2^attempt, capped), a bounded number of attempts
// and a bounded total time. Only retryable failures are retried.
#pragma once

#include <cstdint>
#include <optional>
#include <random>

namespace quarterdeck::deliver {

struct RetryPolicy {
  int max_attempts = 5;             // including the first
  std::int64_t base_delay_ms = 500;
  std::int64_t max_delay_ms = 30000;
  std::int64_t max_total_ms = 120000;  // give up when the next wait would pass this
};

class Backoff {
 public:
  Backoff(RetryPolicy policy, std::uint64_t seed) : policy_(policy), random_(seed) {}
  // The wait before attempt `attempt` + 1, after `attempt` attempts that took
  // `elapsed_ms` in all; nullopt when no further attempt is allowed.
  std::optional<std::int64_t> next_delay(int attempt, std::int64_t elapsed_ms);

 private:
  RetryPolicy policy_;
  std::mt19937_64 random_;
};

// Sleeping, behind an interface so tests do not wait.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep_ms(std::int64_t ms) = 0;
};

class RealSleeper final : public Sleeper {
 public:
  void sleep_ms(std::int64_t ms) override;
};

}  // namespace quarterdeck::deliver
