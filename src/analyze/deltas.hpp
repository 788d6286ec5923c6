// Run-over-run change: a report compared with what the previous run of the
// same report recorded. KPIs get their previous value; findings are marked
// new or still open; findings that were open and are gone are listed as
// resolved. Pure: the snapshot comes from the store, read by the caller.
#pragma once

#include "model/report.hpp"

namespace quarterdeck {

ReportSnapshot snapshot_of(const ReportDocument& doc);
void apply_previous(ReportDocument& doc, const ReportSnapshot& previous);

}  // namespace quarterdeck
