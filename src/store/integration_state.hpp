// What the store keeps of the integrations (src/integrate/): each event's
// delivery to each target, how far each target has read the event log, and
// the GitHub issue made for each task. Plain values; see store/store.hpp.
#pragma once

#include <cstdint>
#include <string>

namespace quarterdeck::store {

// One event's delivery to one target ("webhook:...", "github:owner/name",
// "slack:...", "teams:..."). Status: pending (not tried yet), sending (the
// call is under way: a crash leaves it so, and the next push sends it again
// under the same webhook-id), failed (a retryable failure: tried again at
// the next push), sent, rejected (refused for good: a 4xx), skipped (nothing
// to do for this target, with the reason in last_error).
struct IntegrationDelivery {
  std::string event_id;
  std::string target;
  std::int64_t event_seq = 0;
  std::string status = "pending";
  int attempts = 0;
  std::int64_t next_attempt_at = 0;  // Unix seconds; 0: at once (set from a Retry-After)
  std::string last_error;            // redacted
  std::string remote_id;             // what the target calls it (a GitHub issue number)
  std::int64_t updated_at = 0;
};

// The GitHub issue of a task, in one repository. State: open, closed.
struct GithubIssue {
  std::string repository;
  std::string task_id;
  std::int64_t number = 0;
  std::string state = "open";
  bool closed_here = false;  // closed by quarterdeck (the task resolved), not by someone on GitHub
};

}  // namespace quarterdeck::store
