#include "deliver/retry.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace quarterdeck::deliver {

std::optional<std::int64_t> Backoff::next_delay(int attempt, std::int64_t elapsed_ms) {
  if (attempt >= policy_.max_attempts) return std::nullopt;
  const int exponent = std::min(attempt - 1, 30);
  const std::int64_t ceiling = std::min(policy_.max_delay_ms, policy_.base_delay_ms << std::max(exponent, 0));
  std::uniform_int_distribution<std::int64_t> jitter(0, std::max<std::int64_t>(ceiling, 0));
  const std::int64_t delay = jitter(random_);
  if (elapsed_ms + delay > policy_.max_total_ms) return std::nullopt;
  return delay;
}

void RealSleeper::sleep_ms(std::int64_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace quarterdeck::deliver
