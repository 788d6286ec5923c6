// Failure notices: when a run or a schedule slot fails (a run.failed event
// in the store, store/store.hpp), the portfolio's `owner` role gets one
// short e-mail, read on a phone: what failed, why, and the exact command to
// resume. Nothing else.
//
// Once per event: a notice is claimed in the store before it is sent, so
// any number of calls, by any number of processes on the same store,
// notice an event once. One attempt per notice, with the delivery engine's
// retries for a retryable error and none for a permanent one: when the
// transport is itself what failed (the SMTP server refuses everything), the
// notice fails too and is not tried again, so failures never turn into a
// storm of notices. Failed or not, every notice is also written to
// DIR/.quarterdeck/notices/<time>-<event id>.txt and printed on standard
// error, where a journal (serve under systemd) keeps it.
//
// A crash between the claim and the send loses that one e-mail (it is at
// most once); the file, written before the send, still has it.
//
// Everything a notice says passes the portfolio's Redactor. Not
// thread-safe: one call at a time per Store object.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "cli/delivery_setup.hpp"
#include "cli/output.hpp"
#include "deliver/engine.hpp"
#include "deliver/retry.hpp"
#include "deliver/transport.hpp"
#include "model/portfolio.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"
#include "util/redact.hpp"

namespace quarterdeck::cli {

// The notice of one run.failed event, as it is sent.
struct Notice {
  std::string event_id;
  std::vector<std::string> to;  // the owner role's addresses; empty when there is none
  std::string subject;
  std::string text;
};

// From a run.failed event's payload ("what", "why", "resume"; store/store.hpp):
// "[prefix] Failed: WHAT" and three short parts. The payload's text and the
// prefix pass `redactor`.
Notice notice_for(const store::Event& event, const Portfolio& portfolio, const Redactor& redactor);

// What became of one notice.
struct NoticeOutcome {
  std::string event_id;
  bool sent = false;
  std::string detail;          // why it was not sent; empty when it was
  std::filesystem::path file;  // where it was written; empty when that failed too
};

// Where notices go. `transport` null: there is no usable transport and
// `problem` says why (the notice is still written and printed).
struct NoticeChannel {
  deliver::Transport* transport = nullptr;
  std::string problem;
  deliver::EngineSettings engine;
  deliver::Sleeper* sleeper = nullptr;  // waits between retries; null: the real one
};

// Notices every run.failed event of `portfolio` in `db` not noticed before,
// oldest first, through `channel`. `directory` is the portfolio's (the
// notices folder is under it). A store error is printed and ends the pass.
std::vector<NoticeOutcome> send_failure_notices(const Portfolio& portfolio,
                                                const std::filesystem::path& directory,
                                                const Redactor& redactor, store::Store& db,
                                                NoticeChannel& channel, const Clock& clock,
                                                const Output& out);

// As above through the portfolio's own transport, as `run` and `send` set
// it up (cli/delivery_setup.hpp, with the command line's `overrides`).
// Called by run, send and serve after they record a run.failed event.
std::vector<NoticeOutcome> send_failure_notices(const Portfolio& portfolio,
                                                const std::filesystem::path& directory,
                                                const Environment& env, const Redactor& redactor,
                                                store::Store& db,
                                                const DeliveryOverrides& overrides,
                                                const Clock& clock, const Output& out);
std::vector<NoticeOutcome> send_failure_notices(const Workspace& ws, store::Store& db,
                                                const DeliveryOverrides& overrides,
                                                const Clock& clock, const Output& out);

}  // namespace quarterdeck::cli
