// Finding detectors: each looks at one kind of problem across the entities
// and returns findings with their evidence. All are pure functions of the
// AnalysisContext. Ids are stable across runs (kind-entity[-detail]).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// Every detector's findings, one per problem (analyze/subjects: findings
// with the same entity and subject merged), ranked by score (highest first;
// ties by entity id, subject and id: never by the order of the config).
std::vector<Finding> detect_findings(const AnalysisContext& ctx);

namespace findings_detail {

// Due date from severity: critical a week, high two, medium thirty days,
// low sixty; info none. The severity follows the rubric in docs/reports.md:
// critical = money, customer data or continuity at risk within 7 days;
// high = within 30 days; medium = this quarter; low = hygiene.
std::optional<Date> due_for(Severity s, Date as_of);
Finding make_finding(const AnalysisContext& ctx, std::string id, Severity severity, std::string category,
                     std::string entity, std::string subject, std::string owner, std::string title,
                     std::vector<Evidence> evidence, std::string recommendation);

// Words for the reader: "1,200" (thousands separated), "1 booking" and
// "3 bookings", "an agency" and "a charter business".
std::string count_text(std::int64_t n);
std::string plural(std::int64_t n, std::string_view one, std::string_view many);
std::string with_article(std::string_view noun);
// "QuickDumpNow's", "JADA Yacht Charters'".
std::string possessive(std::string_view name);

void detect_pipeline(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_marketing(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_finance(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_budget(const AnalysisContext& ctx, std::vector<Finding>& out);  // analyze/findings_budget.cpp
void detect_receivables(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_accounting(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_engineering(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_operations(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_kpis(const AnalysisContext& ctx, std::vector<Finding>& out);
void detect_user_rules(const AnalysisContext& ctx, std::vector<Finding>& out);  // analyze/user_rules.cpp
void detect_capital(const AnalysisContext& ctx, std::vector<Finding>& out);     // analyze/capital.cpp
void detect_forecast(const AnalysisContext& ctx, std::vector<Finding>& out);    // analyze/findings_forecast.cpp

}  // namespace findings_detail
}  // namespace quarterdeck
