#include "deliver/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace quarterdeck::deliver {

TokenBucket::TokenBucket(double per_second, double burst)
    : rate_(per_second), burst_(std::max(1.0, burst)), tokens_(std::max(1.0, burst)) {}

std::int64_t TokenBucket::acquire(std::int64_t now_ms) {
  if (rate_ <= 0) return 0;
  if (last_ms_) tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ms - *last_ms_) * rate_ / 1000.0);
  last_ms_ = now_ms;
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return 0;
  }
  return static_cast<std::int64_t>(std::ceil((1.0 - tokens_) * 1000.0 / rate_));
}

}  // namespace quarterdeck::deliver
