// The section catalogue: each id a report definition can name, with its
// title, the data it reads, and the function that builds it. The tables are
// still computed in sections.cpp, plans.cpp and report_builder.cpp; the
// builders here adapt them to SectionInput (the split into one file a
// section follows).
#include "analyze/sections/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

#include "analyze/report_builder.hpp"
#include "analyze/sections/brief.hpp"
#include "analyze/sections/budget.hpp"
#include "analyze/sections/cash_forecast.hpp"
#include "analyze/sections/follow_up.hpp"

namespace quarterdeck {
namespace {

namespace rd = report_detail;

// The table with id `id` of a function that computes several at once
// (finance_tables gives pnl, runway, break-even and revenue-targets);
// nothing when the data for it is missing (the first table then says what
// is missing).
std::vector<Section> pick(std::vector<Section> tables, std::string_view id) {
  for (auto& s : tables) {
    if (s.id == id) return {std::move(s)};
  }
  return {};
}

// A section about one entity, for each entity in scope of the kind it
// serves (any kind when `kind` is empty). In a report on several entities
// each table's title names its entity; with none of the kind, one table
// says so.
template <typename Build>
std::vector<Section> per_entity(const SectionInput& in, std::string_view id, std::string_view title,
                                std::string_view kind, Build build) {
  std::vector<const Entity*> entities;
  for (const Entity* e : in.scope) {
    if (kind.empty() || e->kind == kind) entities.push_back(e);
  }
  std::vector<Section> out;
  if (entities.empty()) {
    out.push_back({std::string(id),
                   std::string(title),
                   fmt::format("No entity of kind `{}` in this report.", kind),
                   {},
                   {}});
    return out;
  }
  for (const Entity* e : entities) {
    for (auto& s : build(*e)) {
      if (in.scope.size() > 1) s.title = fmt::format("{}: {}", e->name, s.title);
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<Section> one(Section s) {
  return {std::move(s)};
}

std::set<std::string> ids_of(const std::vector<const Entity*>& scope) {
  std::set<std::string> out;
  for (const Entity* e : scope) out.insert(e->id);
  return out;
}

// The agenda and what follows it.
std::vector<Section> agenda(const SectionInput& in) {
  const bool after_decisions = std::ranges::find(in.def.sections, "decisions") != in.def.sections.end();
  return one(rd::agenda(in.doc, in.ctx, after_decisions));
}
std::vector<Section> agenda_later(const SectionInput& in) {
  const Date horizon = in.ctx.as_of.plus_days(30);
  return one(rd::later_by_owner(rd::dated_items(in.doc, in.ctx, in.def, ids_of(in.scope), horizon,
                                                in.ctx.as_of.plus_days(90)),
                                in.ctx));
}
std::vector<Section> engineering_actions(const SectionInput& in) {
  return one(rd::engineering_actions(in.doc, in.ctx));
}
std::vector<Section> profitability_roadmap(const SectionInput& in) {
  return one(rd::profitability_roadmap(in.doc, in.ctx, in.scope));
}

// The portfolio.
std::vector<Section> snapshot(const SectionInput& in) {
  return one(rd::snapshot_section(in.ctx, in.scope));
}
std::vector<Section> capital_deployment(const SectionInput& in) {
  return one(rd::capital_deployment_section(in.ctx, in.scope));
}
std::vector<Section> all_assets(const SectionInput& in) {
  return one(rd::asset_inventory_section(in.ctx, in.scope));
}
std::vector<Section> whole_team(const SectionInput& in) {
  return one(rd::team_section(in.scope));
}
// Shown when they changed since the last report, and in the first report of
// a month (brief.hpp).
std::vector<Section> assets(const SectionInput& in) {
  return shown_if_changed("assets", in, all_assets);
}
std::vector<Section> team(const SectionInput& in) {
  return shown_if_changed("team", in, whole_team);
}
std::vector<Section> portfolio_rules(const SectionInput& in) {
  return one(rd::portfolio_rules_section(in.ctx, in.scope));
}

// Technology.
std::vector<Section> stacks(const SectionInput& in) {
  return one(rd::stack_matrix_section(in.scope));
}
std::vector<Section> repositories(const SectionInput& in) {
  return pick(rd::repository_tables(in.ctx, in.scope), "repositories");
}
std::vector<Section> secrets(const SectionInput& in) {
  return pick(rd::repository_tables(in.ctx, in.scope), "secrets");
}
std::vector<Section> commit_velocity(const SectionInput& in) {
  return pick(rd::repository_tables(in.ctx, in.scope), "commit-velocity");
}
std::vector<Section> hot_files(const SectionInput& in) {
  return pick(rd::repository_tables(in.ctx, in.scope), "hot-files");
}
std::vector<Section> cloud_costs(const SectionInput& in) {
  return pick(rd::cloud_tables(in.ctx, in.scope), "cloud-costs");
}
std::vector<Section> cloud_services(const SectionInput& in) {
  return pick(rd::cloud_tables(in.ctx, in.scope), "cloud-services");
}
std::vector<Section> cloud_savings(const SectionInput& in) {
  return pick(rd::cloud_tables(in.ctx, in.scope), "cloud-savings");
}

// Money.
std::vector<Section> pnl(const SectionInput& in) {
  return pick(rd::finance_tables(in.ctx, in.scope), "pnl");
}
std::vector<Section> runway(const SectionInput& in) {
  return pick(rd::finance_tables(in.ctx, in.scope), "runway");
}
std::vector<Section> break_even(const SectionInput& in) {
  return pick(rd::finance_tables(in.ctx, in.scope), "break-even");
}
std::vector<Section> revenue_targets(const SectionInput& in) {
  return pick(rd::finance_tables(in.ctx, in.scope), "revenue-targets");
}
std::vector<Section> revenue_plan(const SectionInput& in) {
  return one(rd::revenue_plan(in.ctx, in.scope));
}

// Marketing.
std::vector<Section> channels(const SectionInput& in) {
  return pick(rd::marketing_tables(in.ctx, in.scope), "channels");
}
std::vector<Section> pipeline(const SectionInput& in) {
  return pick(rd::marketing_tables(in.ctx, in.scope), "pipeline");
}
std::vector<Section> listing_sequence(const SectionInput& in) {
  return one(rd::listing_sequence(in.ctx, in.scope));
}
std::vector<Section> campaign_value(const SectionInput& in) {
  return one(rd::campaign_value_section(in.ctx, in.scope));
}
std::vector<Section> local_seo(const SectionInput& in) {
  return one(rd::local_seo_roadmap(in.ctx, in.scope));
}
std::vector<Section> milestones(const SectionInput& in) {
  return one(rd::marketing_milestones(in.ctx, in.scope));
}

// Accounting.
std::vector<Section> accounts(const SectionInput& in) {
  return pick(rd::accounting_tables(in.ctx, in.scope), "accounts");
}
std::vector<Section> expenses(const SectionInput& in) {
  return pick(rd::accounting_tables(in.ctx, in.scope), "expenses");
}
std::vector<Section> recommended_chart(const SectionInput& in) {
  return one(rd::recommended_chart_section(in.ctx, in.scope));
}

// One entity at a time.
std::vector<Section> occupancy(const SectionInput& in) {
  return per_entity(in, "occupancy", "Occupancy and revenue per available night", "rental",
                    [&](const Entity& e) { return one(rd::rental_occupancy_section(in.ctx, e)); });
}
std::vector<Section> market_position(const SectionInput& in) {
  return per_entity(in, "market-position", "Market position", "rental",
                    [&](const Entity& e) { return one(rd::market_position(in.ctx, e)); });
}
std::vector<Section> delivery_chain(const SectionInput& in) {
  return per_entity(in, "delivery-chain", "Delivery chain, last 90 days", "",
                    [&](const Entity& e) { return one(rd::delivery_chain(in.ctx, e)); });
}
std::vector<Section> jobs(const SectionInput& in) {
  return per_entity(in, "jobs", "Jobs and margin per job", "",
                    [&](const Entity& e) { return one(rd::service_jobs_section(in.ctx, e)); });
}
std::vector<Section> acquisition(const SectionInput& in) {
  return per_entity(in, "acquisition", "Customer acquisition, last 12 months", "",
                    [&](const Entity& e) { return one(rd::customer_acquisition(in.ctx, e)); });
}
std::vector<Section> clients(const SectionInput& in) {
  return per_entity(
      in, "clients", "Clients: delivered and billed, last 12 months", "client_book",
      [&](const Entity& e) { return pick(rd::client_book_tables(in.ctx, e), "clients"); });
}
std::vector<Section> unbilled_by_age(const SectionInput& in) {
  return per_entity(
      in, "unbilled-by-age", "Unbilled work by age", "client_book",
      [&](const Entity& e) { return pick(rd::client_book_tables(in.ctx, e), "unbilled-by-age"); });
}
std::vector<Section> client_profitability(const SectionInput& in) {
  return per_entity(in, "client-profitability", "Client profitability, last 12 months",
                    "client_book",
                    [&](const Entity& e) { return one(rd::client_profitability(in.ctx, e)); });
}
std::vector<Section> receivables(const SectionInput& in) {
  return per_entity(in, "receivables", "Aged receivables", "client_book", [&](const Entity& e) {
    return pick(rd::receivables_sections(in.ctx, e), "receivables");
  });
}
std::vector<Section> collections_plan(const SectionInput& in) {
  return per_entity(in, "collections-plan", "Collections plan", "client_book",
                    [&](const Entity& e) {
                      return pick(rd::receivables_sections(in.ctx, e), "collections-plan");
                    });
}

constexpr std::string_view k_journal = "the journal (`[data] journal`)";
constexpr std::string_view k_bookings = "the bookings file (`[data] bookings`)";

}  // namespace

const std::vector<SectionInfo>& section_catalogue() {
  static const std::vector<SectionInfo> k_catalogue = {
      // What to do, from the report's findings, recommendations and timeline.
      {"agenda", "30-day agenda",
       "the report's findings and timeline: recommendations, open handoff items and "
       "planned actions due in 30 days",
       agenda},
      {"agenda-later", "Days 31 to 90, by owner",
       "the report's recommendations, open handoff items and planned "
       "actions (`[[actions]]`) due in days 31 to 90",
       agenda_later},
      {"follow-up", "Follow-up: overdue actions",
       "the store's tasks (the actions earlier reports named) and this run's: overdue ones by owner, "
       "those marked done but still found, and those closed since the last report",
       follow_up_section},
      {"engineering-actions", "Ten engineering actions", "the report's findings, grouped by kind",
       engineering_actions},
      {"profitability-roadmap", "Profitability roadmap",
       "the journal, the report's accounting findings and the "
       "cloud savings",
       profitability_roadmap},
      // The portfolio at a glance.
      {"decisions", "Decisions this week",
       "the report's findings, merged and ranked: critical and high ones due within seven days first",
       decisions},
      {"portfolio-totals", "Portfolio totals", k_journal, portfolio_totals_section},
      {"entity-overview", "The businesses",
       "the journal, each entity's `revenue_month` KPI target, and the bookings file for the pipeline",
       entity_overview},
      {"entities-side-by-side", "The businesses side by side", "the journal, and the bookings file for the units",
       entities_side_by_side},
      // The portfolio.
      {"snapshot", "Entities in the month", "the journal and the bookings file", snapshot},
      {"capital-deployment", "Capital deployment",
       "planned actions (`[[actions]]`) and `[finance]`", capital_deployment},
      {"assets", "Asset inventory", "the entities' `[[assets]]`", assets},
      {"team", "Team", "the entities' `[[team]]`", team},
      {"portfolio-rules", "Portfolio rules",
       "the portfolio's `[[rules]]` and the metrics they name", portfolio_rules},
      // Technology.
      {"stacks", "Stacks", "the entities' `[stack]`", stacks},
      {"repositories", "Repository audit", "the repositories in `[stack] repos`", repositories},
      {"secrets", "Secrets and exposed files", "the repository scan", secrets},
      {"commit-velocity", "Commits by week", "the repositories' git history", commit_velocity},
      {"hot-files", "Files changed most", "the repositories' git history", hot_files},
      {"cloud-costs", "Cloud cost by month", "the cloud cost file (`[data] cloud_costs`)",
       cloud_costs},
      {"cloud-services", "Top cloud services in the month",
       "the cloud cost file (`[data] cloud_costs`)", cloud_services},
      {"cloud-savings", "Cloud savings",
       "the cloud cost file and the savings rules (`[[cloud_savings]]`)", cloud_savings},
      // Money.
      {"pnl", "Profit and loss by month", k_journal, pnl},
      {"runway", "Cash and runway", k_journal, runway},
      {"break-even", "Break-even",
       "the journal and the entities' `unit`, `fixed_costs` and `unit_cost`", break_even},
      {"revenue-targets", "Revenue against the monthly target, last three months",
       "the journal and each entity's `revenue_month` KPI target", revenue_targets},
      {"budget", "Budget against actual",
       "the journal and a budget: its `~` periodic transactions or the budget file (`[data] budget`)",
       budget_section},
      {"revenue-plan", "Revenue targets, the next two quarters",
       "the journal, the bookings file and the "
       "`revenue_month` KPI targets",
       revenue_plan},
      {"cash-forecast", "Cash forecast, 13 weeks",
       "the journal's cash accounts and recurring expenses, the bookings and invoices files, planned "
       "actions (`[[actions]]`) and `[forecast]`",
       cash_forecast_section},
      // Marketing.
      {"channels", "Channel visibility",
       "the channels file (`[data] channels`) and `expected_channels`", channels},
      {"pipeline", "Pipeline", k_bookings, pipeline},
      {"listing-sequence", "Listing sequence",
       "the channels and bookings files and `[[marketplaces]]`", listing_sequence},
      {"campaign-value", "Campaign value", "campaigns (`[[campaigns]]`) and the bookings file",
       campaign_value},
      {"local-seo", "Local search roadmap", "service entities' channels, bookings and features",
       local_seo},
      {"milestones", "30/60/90-day milestones", "the listing sequence and the local search roadmap",
       milestones},
      // Accounting.
      {"accounts", "Chart of accounts with balances", k_journal, accounts},
      {"expenses", "Expenses by category in the month", k_journal, expenses},
      {"recommended-chart", "Recommended chart of accounts", "the journal and the entities' kinds",
       recommended_chart},
      // One entity at a time.
      {"occupancy", "Occupancy and revenue per available night", "a rental's bookings", occupancy},
      {"market-position", "Market position", "a rental's bookings and its `[market]`",
       market_position},
      {"delivery-chain", "Delivery chain, last 90 days", "the entity's bookings", delivery_chain},
      {"jobs", "Jobs and margin per job", "the entity's bookings and journal", jobs},
      {"acquisition", "Customer acquisition, last 12 months", "the entity's bookings and channels",
       acquisition},
      {"clients", "Clients: delivered and billed, last 12 months", "a client book's bookings",
       clients},
      {"unbilled-by-age", "Unbilled work by age", "a client book's bookings", unbilled_by_age},
      {"client-profitability", "Client profitability, last 12 months",
       "a client book's bookings and journal", client_profitability},
      {"receivables", "Aged receivables", "a client book's invoices file (`[data] invoices`)",
       receivables},
      {"collections-plan", "Collections plan", "a client book's invoices and bookings",
       collections_plan},
  };
  return k_catalogue;
}

const SectionInfo* find_section(std::string_view id) {
  const auto& catalogue = section_catalogue();
  const auto it = std::ranges::find(catalogue, id, &SectionInfo::id);
  return it == catalogue.end() ? nullptr : &*it;
}

}  // namespace quarterdeck
