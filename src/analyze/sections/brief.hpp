// The portfolio at a glance: the consolidated totals, one row per entity,
// the entities side by side, the decisions of the week, and the CEO brief's
// summary sentences. Each section is a SectionBuilder (catalogue.hpp); the
// figures come from analyze/totals and the metric registry, so a figure
// shown here is the one the other sections show.
//
// Sections that appear only when they changed (the asset inventory and the
// team in the CEO report) are gated by shown_if_changed: the report's
// snapshot in the store keeps a digest of each (change_digests), and the
// next run compares.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/sections/catalogue.hpp"

namespace quarterdeck {

// `portfolio-totals`: cash, revenue, expenses, net, burn and runway of the
// report's scope as one business, internal transfers left out (the note
// says how much). Needs the journal.
std::vector<Section> portfolio_totals_section(const SectionInput& in);

// `entity-overview`: one row per entity: cash, revenue against its
// `revenue_month` target, net, runway, forward bookings and a status word
// (the rule is entity_status below). Needs the journal; the bookings file
// for the pipeline.
std::vector<Section> entity_overview(const SectionInput& in);

// `entities-side-by-side`: revenue, net, margin, revenue per unit and growth
// against the same month a year earlier, where the books reach back. Needs
// the journal; the bookings file for the units.
std::vector<Section> entities_side_by_side(const SectionInput& in);

// `decisions`: at most five decisions for this week from the report's
// findings (merged and ranked): critical and high ones due within seven
// days first, then the other critical and high ones, in rank order; one
// line each with the business, the owner and the date.
std::vector<Section> decisions(const SectionInput& in);

// The CEO brief: at most five sentences: the totals and the burn, what
// changed since the last report (or that this is the first), the one or two
// problems that matter most, and how many decisions wait below. Reads the
// document's findings, KPIs and previous run, so it is written after them.
std::vector<std::string> brief_summary(const SectionInput& in);

// The status word of an entity in the overview, the first that holds:
//   "no books"      no postings of the entity in the journal;
//   "overdrawn"     cash below zero;
//   "out of season" the period month is outside its declared season;
//   "at risk"       burning cash with under six months of runway;
//   "no income in books" a revenue target is declared but the books have
//                   no income postings of the entity;
//   "no sales"      income is tracked and the period month has none;
//   "behind"        revenue below the `revenue_month` target;
//   "losing money"  net below zero;
//   "on track"      otherwise.
std::string entity_status(const SectionInput& in, const Entity& e);

// Digests of what the CEO report shows only when it changed: "assets" and
// "team" of the scope, each a SHA-256 over the declared rows. The report
// document carries them (ReportDocument::digests) so the run's snapshot
// keeps them for the next run.
std::vector<std::pair<std::string, std::string>> change_digests(
    const std::vector<const Entity*>& scope);

// Whether `what` ("assets" or "team") is shown this time: in the first
// report (no previous run), the first report of a month, when the previous
// run kept no digest for it, or when its digest changed. `reason` says why,
// in words, either way.
struct ChangeGate {
  bool show = true;
  std::string reason;
};
ChangeGate change_gate(std::string_view what, const SectionInput& in);

// `full`'s sections when change_gate(what) shows them (the reason added to
// the note); otherwise the same sections with no columns and no rows and
// the reason as the note, so the JSON says why they are left out.
std::vector<Section> shown_if_changed(std::string_view what, const SectionInput& in,
                                      SectionBuilder full);

}  // namespace quarterdeck
