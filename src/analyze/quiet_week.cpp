#include "analyze/quiet_week.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "util/hash.hpp"

namespace quarterdeck {

std::string kpi_status_digest(const ReportDocument& doc) {
  std::string all;
  for (const auto& k : doc.kpis) {
    all += k.id;
    all += '\x1f';
    all += k.entity;
    all += '\x1f';
    all += k.status;
    all += '\x1e';
  }
  return sha256_hex(all);
}

bool unchanged_since(const ReportDocument& doc, const ReportSnapshot& previous) {
  const auto it = std::ranges::find(previous.digests, std::string(k_kpi_status_digest),
                                    &std::pair<std::string, std::string>::first);
  if (it == previous.digests.end() || it->second != kpi_status_digest(doc)) return false;
  std::set<std::pair<std::string, Severity>> now, before;
  for (const auto& f : doc.findings) now.emplace(f.id, f.severity);
  for (const auto& f : previous.findings) before.emplace(f.id, f.severity);
  return now == before;
}

}  // namespace quarterdeck
