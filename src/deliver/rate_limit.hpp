// A token bucket for messages per second, and a rolling 24-hour quota of
// recipients (every To, Cc and Bcc counts), as SES sandbox accounts have.
#pragma once

#include <cstdint>
#include <optional>

namespace quarterdeck::deliver {

class TokenBucket {
 public:
  // `per_second` <= 0 turns the limit off. The bucket starts full.
  TokenBucket(double per_second, double burst);
  // How long to wait (ms) before one message may go, at `now_ms`; 0 if it
  // may go now. Takes the token when it returns 0.
  std::int64_t acquire(std::int64_t now_ms);

 private:
  double rate_;
  double burst_;
  double tokens_;
  std::optional<std::int64_t> last_ms_;
};

}  // namespace quarterdeck::deliver
