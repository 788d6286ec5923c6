// Builds the report document for one report definition: the findings,
// KPIs, sections, summary, recommendations and timeline its reader needs,
// all computed from the AnalysisContext.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "analyze/sections/catalogue.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// `findings` is detect_findings(ctx), computed once for all reports.
// `previous`: the last run's snapshot of this report, when there is one:
// what is new, resolved and changed since (apply_previous).
// `tasks`: the store's tasks and this run's action items, for the
// `follow-up` section; none without a store (the section is left out).
ReportDocument build_report(const ReportDefinition& def, const AnalysisContext& ctx,
                            const std::vector<Finding>& findings, const ReportSnapshot* previous = nullptr,
                            const TaskState* tasks = nullptr);

// Checks what the config layer cannot: every section id a definition names
// is in the section catalogue, every chart id in the chart catalogue
// (analyze/charts), and its summary style exists. Each problem is
// located at the id as written, with a "did you mean".
void check_report_definitions(const Portfolio& portfolio, Diagnostics& out);

// The entities a report covers, in portfolio order.
std::vector<const Entity*> scope_of(const ReportDefinition& def, const Portfolio& portfolio);

namespace report_detail {
using Scope = std::vector<const Entity*>;

// The notes of the sections that cannot be computed without these files.
inline constexpr std::string_view k_no_bookings_file = "Missing data: no bookings file (`[data] bookings`).";
inline constexpr std::string_view k_no_channels_file = "Missing data: no channels file (`[data] channels`).";

// The tables of sections.cpp, which the section catalogue
// (analyze/sections/catalogue.cpp) registers by id.
Section portfolio_rules_section(const AnalysisContext& ctx, const Scope& scope);
Section capital_deployment_section(const AnalysisContext& ctx, const Scope& scope);
Section asset_inventory_section(const AnalysisContext& ctx, const Scope& scope);
Section team_section(const Scope& scope);
Section snapshot_section(const AnalysisContext& ctx, const Scope& scope);
Section stack_matrix_section(const Scope& scope);
std::vector<Section> repository_tables(const AnalysisContext& ctx, const Scope& scope);  // repositories, secrets, ...
std::vector<Section> cloud_tables(const AnalysisContext& ctx, const Scope& scope);       // cloud-costs, ...
std::vector<Section> finance_tables(const AnalysisContext& ctx, const Scope& scope);     // pnl, runway, ...
Section campaign_value_section(const AnalysisContext& ctx, const Scope& scope);
std::vector<Section> marketing_tables(const AnalysisContext& ctx, const Scope& scope);  // channels, pipeline
Section recommended_chart_section(const AnalysisContext& ctx, const Scope& scope);
std::vector<Section> accounting_tables(const AnalysisContext& ctx, const Scope& scope);  // accounts, expenses
Section rental_occupancy_section(const AnalysisContext& ctx, const Entity& e);
Section service_jobs_section(const AnalysisContext& ctx, const Entity& e);
std::vector<Section> client_book_tables(const AnalysisContext& ctx, const Entity& e);  // clients, unbilled-by-age

// The dated actions and the agenda (report_builder.cpp). The CEO's 30-day
// agenda reads the document's findings and timeline.
// `after_decisions`: the report shows the week's decisions above it, so
// the agenda leaves them out.
Section agenda(const ReportDocument& doc, const AnalysisContext& ctx, bool after_decisions = false);
// What the reader has to do between `after` (exclusive; none: overdue ones
// included) and `until`.
std::vector<TimelineItem> dated_items(const ReportDocument& doc, const AnalysisContext& ctx, const ReportDefinition& def,
                                      const std::set<std::string>& in_scope, std::optional<Date> after, Date until);
// Days 31 to 90, by owner.
Section later_by_owner(std::vector<TimelineItem> items, const AnalysisContext& ctx);

// Whether the report reads the finding (its categories, minimum severity
// and scope). `in_scope`: the ids of the entities in the report's scope.
bool reads(const ReportDefinition& def, const std::set<std::string>& in_scope, const Finding& f);

// How a summary is written: `summary = "findings"` in a definition.
using SummaryWriter = std::vector<std::string> (*)(const SectionInput& in);
SummaryWriter find_summary_writer(std::string_view name);
std::vector<std::string_view> summary_writer_names();

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
