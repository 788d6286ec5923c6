// The run pipeline that `run`, `send --resume` and `serve` share: with the
// delivery lease held, build the reports, plan every message (saved with
// its MIME, state `planned`), deliver them, finish the run and append its
// events (run.completed, run.failed; none for a test run). It prints
// nothing but progress; the caller prints the summary (print_run_summary)
// or records a schedule slot from the structured result.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "cli/delivery_setup.hpp"
#include "deliver/engine.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"

namespace quarterdeck::cli {

// One message of a run (or a report that made none), as the summary lists it.
struct MessageLine {
  std::string label;  // "ceo", "ceo (2/3)"; empty for a report that failed to render
  std::size_t recipients = 0;
  std::string status;  // sent, already sent, failed, rejected, error, skipped (unchanged), ...
  std::string message_id;
  std::string detail;
  std::string report_id{};  // the definition's id
};

// One report of a run, as the run.completed event tells it.
struct ReportOutcome {
  std::string report_id;
  std::string title;
  std::string headline;                // the summary's first sentence
  std::vector<std::string> decisions;  // up to 3
  std::string status;                  // sent, already sent, not sent, skipped (unchanged)
  std::vector<std::string> message_ids;
  std::string detail;  // why, when not sent or skipped
};

struct RunResult {
  std::string run_id;
  int exit_status = 0;     // k_exit_ok, k_exit_failed, ...
  bool planned = false;    // every message was planned (or the run was resumed)
  bool delivered = false;  // delivery ran to its end (every message has a final state, or a
                           // checkpoint stopped it)
  std::vector<MessageLine> lines;
  std::optional<deliver::RunOutcome> delivery;
  std::vector<ReportOutcome> reports;
  int sent = 0, already_sent = 0, not_sent = 0, skipped = 0;  // reports
  std::string resume_command;  // the command that finishes the run; empty when nothing is left
  std::string error;     // why it stopped before its end (a lost lease, the store), empty otherwise
  bool summary = false;  // the lines make a summary to print (delivery ran)
};

enum class RunStart {
  fresh,  // begin the run (unless it exists: a slot taken over), build, plan what it lacks, deliver
  resume,  // deliver what the run planned and did not send
};

struct PipelineRequest {
  RunStart start = RunStart::fresh;
  std::string run_id;
  std::vector<std::string> only;
  bool force = false;
  bool plan_only = false;
  std::string test_to;             // a test send (`run --to`): no snapshot, no events
  bool skip_if_unchanged = false;  // a slot of a quiet-week report
  std::string slot{};          // the slot's instant (RFC 3339) for the events; empty outside serve
  std::string directory;       // as typed, for the resume command
  std::string store_option{};  // --store as typed, for the resume command
  std::function<bool()> stopping{};    // serve's SIGTERM: no new message is started once true
  std::function<void()> on_planned{};  // every message is planned (a slot records it)
  const Output* progress = nullptr;
};

RunResult run_pipeline(const Workspace& ws, store::Store& db, store::HeldLease& lease,
                       DeliverySetup& delivery, const PipelineRequest& request, const Clock& clock);

// The summary `run` and `send` print; returns their exit status.
int print_run_summary(const Output& out, const RunResult& result, const Portfolio& p,
                      const std::string& transport, const std::string& directory,
                      const std::string& test_to);

// A fresh run id: UTC stamp and a short hash.
std::string new_run_id(const Clock& clock, const Portfolio& p);

// Appends a run.failed event for something that failed before a run could
// plan (a slot whose config is invalid, whose lease never came, that was
// missed). `key` is the run id or the slot key. Strings pass `redactor`.
std::expected<void, Error> append_run_failed(store::Store& db, const Redactor& redactor,
                                             const Clock& clock, const std::string& key,
                                             const std::string& run_id,
                                             const std::string& portfolio,
                                             const std::string& report, const std::string& slot,
                                             const std::string& what, const std::string& why,
                                             const std::string& resume);

// `word` as one shell word: as it is when it holds only safe characters,
// else in single quotes (a path with a space, say), so a printed command
// can be pasted as it is.
std::string shell_word(const std::string& word);

// "quarterdeck send DIR --resume RUN [--store PATH]".
std::string resume_command_for(const std::string& directory, const std::string& store_option,
                               const std::string& run_id);

}  // namespace quarterdeck::cli
