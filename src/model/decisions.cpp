#include "model/decisions.hpp"

namespace quarterdeck {

bool is_serious(const Finding& f) { return rank(f.severity) <= rank(Severity::high); }

bool due_this_week(const Finding& f, Date as_of) {
  const Date horizon = as_of.plus_days(k_decision_days);
  return (f.due && *f.due <= horizon) || (f.days_to_impact && *f.days_to_impact <= k_decision_days);
}

std::vector<const Finding*> decision_findings(const ReportDocument& doc) {
  std::vector<const Finding*> out;
  for (const bool this_week : {true, false}) {
    for (const auto& f : doc.findings) {
      if (out.size() == k_max_decisions) return out;
      if (is_serious(f) && due_this_week(f, doc.as_of) == this_week) out.push_back(&f);
    }
  }
  return out;
}

}  // namespace quarterdeck
