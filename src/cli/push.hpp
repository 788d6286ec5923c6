// Pushing the integrations' events from the other subcommands: `run`,
// `send` and `serve` call push_after_delivery once their messages are
// delivered, under the delivery lease they hold.
#pragma once

#include "cli/common.hpp"
#include "store/lease.hpp"
#include "store/store.hpp"

namespace quarterdeck::cli {

// Delivers the portfolio's pending events to its integrations and says in
// one line on standard error what happened (what is left goes at the next
// push). Never fails the command: e-mail delivery is what it reports on.
void push_after_delivery(const Output& out, const Workspace& ws, store::Store& db,
                         store::HeldLease& lease, const Clock& clock);
// The same from the portfolio's config alone (serve, between slots).
void push_after_delivery(const Output& out, const LoadedPortfolio& config, const std::filesystem::path& directory,
                         store::Store& db, store::HeldLease& lease, const Clock& clock);

}  // namespace quarterdeck::cli
