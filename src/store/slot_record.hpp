// What the store keeps of schedule slots (cli/serve): one row per report and
// scheduled instant, and a short brief of each report a run made, so that a
// resumed run can tell the integrations what it sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quarterdeck::store {

// A schedule slot: `report_id` of `portfolio` due at `scheduled_at` (Unix
// seconds). Status: running (claimed by `owner`, a lease owner token),
// done, failed, skipped (unchanged since the last report sent) or missed
// (never run: catch-up policy or too old). `detail` says why, in words; a
// running slot's detail is "planned" once every message of its run is
// planned (a take-over then only delivers).
struct SlotRecord {
  std::string portfolio;
  std::string report_id;
  std::int64_t scheduled_at = 0;
  std::string status;
  std::string run_id{};
  std::string owner{};
  std::int64_t started_at = 0;
  std::int64_t finished_at = 0;
  std::string detail{};
};

// The answer to Store::claim_slot.
struct SlotClaim {
  SlotRecord slot;          // the row after the claim
  bool claimed = false;     // the caller now runs it (new, or taken over)
  bool taken_over = false;  // it was running under another owner, now the caller's
};

// What the run.completed event says of a report: its title, the summary's
// first sentence and up to three decisions. Redacted.
struct ReportBrief {
  std::string report_id;
  std::string title;
  std::string headline;
  std::vector<std::string> decisions;
};

}  // namespace quarterdeck::store
