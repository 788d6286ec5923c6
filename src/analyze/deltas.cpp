#include "analyze/deltas.hpp"

#include <algorithm>

namespace quarterdeck {

ReportSnapshot snapshot_of(const ReportDocument& doc) {
  ReportSnapshot s{doc.report_id, doc.as_of, {}, {}};
  for (const auto& k : doc.kpis) {
    if (k.value) s.kpis.emplace_back(k.id, *k.value);
  }
  for (const auto& f : doc.findings) s.findings.push_back({f.id, f.severity, f.title});
  return s;
}

void apply_previous(ReportDocument& doc, const ReportSnapshot& previous) {
  doc.previous_as_of = previous.as_of;
  for (auto& k : doc.kpis) {
    const auto it = std::ranges::find(previous.kpis, k.id, &std::pair<std::string, Quantity>::first);
    // A value of another kind (a KPI whose metric changed) is not comparable.
    if (it != previous.kpis.end() && (!k.value || k.value->kind == it->second.kind)) k.previous = it->second;
  }
  for (auto& f : doc.findings) {
    const bool was_open = std::ranges::find(previous.findings, f.id, &FindingMark::id) != previous.findings.end();
    f.since_previous = was_open ? "open" : "new";
  }
  for (const auto& was : previous.findings) {
    if (std::ranges::find(doc.findings, was.id, &Finding::id) == doc.findings.end()) doc.resolved.push_back(was);
  }
}

}  // namespace quarterdeck
