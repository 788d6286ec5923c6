// Finding detectors: each looks at one kind of problem across the entities
// and returns findings with their evidence. All are pure functions of the
// AnalysisContext. Ids are stable across runs (kind-entity[-detail]).
#pragma once

#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// Every detector's findings, most severe first (then by entity and id).
std::vector<Finding> detect_findings(const AnalysisContext& ctx);

namespace findings_detail {

// Due date from severity: critical a week, high two, medium thirty days,
// low sixty; info none.
std::optional<Date> due_for(Severity s, Date as_of);
Finding make_finding(const AnalysisContext& ctx, std::string id, Severity severity, std::string category,
                     std::string entity, std::string owner, std::string title, std::vector<Evidence> evidence,
                     std::string recommendation);

void detect_pipeline(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_marketing(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_finance(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_receivables(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_accounting(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_engineering(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_operations(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_kpis(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_user_rules(const AnalysisContext& ctx, std::vector<Finding>& out);  // analyze/user_rules.cpp
void detect_capital(const AnalysisContext& ctx, std::vector<Finding>& out);     // analyze/capital.cpp

}  // namespace findings_detail
}  // namespace quarterdeck
