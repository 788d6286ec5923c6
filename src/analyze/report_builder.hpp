// Builds the report document for one report definition: the findings,
// KPIs, sections, summary, recommendations and timeline its reader needs,
// all computed from the AnalysisContext.
#pragma once

#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// `findings` is detect_findings(ctx), computed once for all reports.
ReportDocument build_report(const ReportDefinition& def, const AnalysisContext& ctx,
                            const std::vector<Finding>& findings);

// The entities a report covers, in portfolio order.
std::vector<const Entity*> scope_of(const ReportDefinition& def, const Portfolio& portfolio);

namespace report_detail {
using Scope = std::vector<const Entity*>;

// The notes of the sections that cannot be computed without these files.
inline constexpr std::string_view k_no_bookings_file = "Missing data: no bookings file (`[data] bookings`).";
inline constexpr std::string_view k_no_channels_file = "Missing data: no channels file (`[data] channels`).";

// Tables for each persona and entity template (sections.cpp).
std::vector<Section> sections_for(const ReportDefinition& def, const AnalysisContext& ctx, const Scope& scope);

// The forward-looking tables (plans.cpp).
Section listing_sequence(const AnalysisContext& ctx, const Scope& scope);
Section local_seo_roadmap(const AnalysisContext& ctx, const Scope& scope);
Section marketing_milestones(const AnalysisContext& ctx, const Scope& scope);
Section market_position(const AnalysisContext& ctx, const Entity& entity);
Section revenue_plan(const AnalysisContext& ctx, const Scope& scope);
Section delivery_chain(const AnalysisContext& ctx, const Entity& entity);
Section customer_acquisition(const AnalysisContext& ctx, const Entity& entity);
Section client_profitability(const AnalysisContext& ctx, const Entity& entity);
std::vector<Section> receivables_sections(const AnalysisContext& ctx, const Entity& entity);
// Needs the report's findings (the open accounting ones), so it is built
// after them.
Section profitability_roadmap(const ReportDocument& doc, const AnalysisContext& ctx, const Scope& scope);
Section engineering_actions(const ReportDocument& doc, const AnalysisContext& ctx);
}  // namespace report_detail

}  // namespace quarterdeck
