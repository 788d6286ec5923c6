// `quarterdeck tasks list|show|done|snooze` and the tasks' reconciliation
// after a real run (src/tasks/tasks.hpp holds the logic).
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "cli/reports.hpp"
#include "config/environment.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"

namespace quarterdeck::cli {

// After a real run's reports are built and recorded: their action items
// become tasks (src/tasks). A failure is said on standard error and leaves
// the tasks for the next run to reconcile; it does not stop the delivery.
void reconcile_after_run(const Output& out, store::Store& db, const Workspace& ws,
                         const std::vector<std::expected<BuiltReport, Error>>& reports,
                         const Clock& clock);

}  // namespace quarterdeck::cli
