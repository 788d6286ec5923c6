#include "analyze/deltas.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace quarterdeck {

ReportSnapshot snapshot_of(const ReportDocument& doc) {
  ReportSnapshot s{doc.report_id, doc.as_of, {}, {}, doc.digests};
  for (const auto& k : doc.kpis) {
    if (k.value) s.kpis.emplace_back(k.id, *k.value);
  }
  for (const auto& f : doc.findings) s.findings.push_back({f.id, f.severity, f.title});
  return s;
}

void apply_previous(ReportDocument& doc, const ReportSnapshot& previous) {
  doc.previous_as_of = previous.as_of;
  doc.previous_digests = previous.digests;
  // By id, the first of each, as a scan from the front would find them.
  std::unordered_map<std::string_view, const Quantity*> previous_kpis;
  for (const auto& [id, value] : previous.kpis) previous_kpis.emplace(id, &value);
  std::unordered_set<std::string_view> previous_findings;
  for (const auto& f : previous.findings) previous_findings.insert(f.id);
  for (auto& k : doc.kpis) {
    const auto it = previous_kpis.find(k.id);
    // A value of another kind (a KPI whose metric changed) is not comparable.
    if (it != previous_kpis.end() && (!k.value || k.value->kind == it->second->kind)) k.previous = *it->second;
  }
  std::unordered_set<std::string_view> current;
  for (auto& f : doc.findings) {
    f.since_previous = previous_findings.contains(f.id) ? "open" : "new";
    current.insert(f.id);
  }
  for (const auto& was : previous.findings) {
    if (!current.contains(was.id)) doc.resolved.push_back(was);
  }
}

}  // namespace quarterdeck
