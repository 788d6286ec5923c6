// Subjects: what a finding is about within its entity ("secrets:jada-site",
// "endpoint:/api/bookings", "listing", "runway", "person:Morgan Tidewell"),
// and the one-finding-per-problem merge built on them. docs/reports.md
// ("Subjects", "Ranking") lists the subjects and the score.
//
// Everything said about one entity and subject (detectors, known issues in
// the entity files, the portfolio's rules, overdue handoff items, planned
// actions and open handoff items) becomes one finding with all the
// evidence and the strongest severity. A detector's finding is the primary
// (its title, recommendation, owner and category); the others add their
// evidence and their ids to `merged`. All functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"
#include "model/subject_names.hpp"  // endpoint_subject, repo_subject_name

namespace quarterdeck {

// A channel id in words: "google_business" -> "Google Business",
// "getmyboat" -> "GetMyBoat".
std::string channel_words(std::string_view channel);

// The entity's expected channels that `text` names ("GetMyBoat",
// "Google Business" or "google_business"), in expected_channels order.
std::vector<std::string> channels_named(const Entity& e, std::string_view text);

// The subject `text` (a title and detail) is about, from what it names: a
// declared endpoint's path ("endpoint:/api/bookings"), a declared
// repository ("secrets:REPO" when it speaks of keys, secrets, credentials
// or an env file; "repo:REPO" otherwise), an expected channel ("listing"
// when one it names is not listed, "channel:ID" otherwise), a WAF ("waf").
// Empty when it names none of these.
std::string infer_subject(const AnalysisContext& ctx, const Entity& e, std::string_view text);

// A known issue's subject: the one it declares, else the inferred one,
// else its own ("issue:" and a slug of its title).
std::string known_issue_subject(const AnalysisContext& ctx, const Entity& e,
                                const KnownIssue& issue);

// The subject a rule restates, from the metrics it names (the first in the
// table's order that has one): runway_months, monthly_burn and cash ->
// "runway"; secrets_found -> "secrets" (every "secrets:REPO" of the
// entity); net_month -> "profit"; cloud_cost_month -> "cloud-cost";
// channels_listed -> "listing"; leads, bookings and revenue -> "sales"; ...
// Empty when none of them has one.
std::string_view subject_of_metrics(const std::vector<std::string>& metrics);

// The ids under which an open handoff item and a planned action are folded
// into a finding (Finding::merged), for the timeline and the agenda to skip
// them where the finding is in the same report.
std::string handoff_item_id(const HandoffNote& note, const HandoffItem& item);
std::string action_item_id(const CapitalAction& action);

// Whether the item with `id` (handoff_item_id, action_item_id) was folded
// into one of `findings`.
bool folded_into(const std::vector<Finding>& findings, std::string_view id);

// The planned action ([[actions]]) that lists `entity` on `channel`, if
// any: its monthly_return is then the listing's expected value everywhere
// (the finding, the listing sequence, the capital table).
const CapitalAction* planned_listing(const Portfolio& p, const Entity& entity,
                                     std::string_view channel);

// The ranking score (docs/reports.md "Ranking"): severity first, then money
// at stake, then days to impact (sooner higher). Higher ranks first.
std::int64_t ranking_score(const Finding& f);

// Merges findings by entity and subject (the planned actions and open
// handoff items of ctx fold in where they share one), fills each finding's
// score and sorts by it; ties by entity id, subject and id.
std::vector<Finding> merge_and_rank(const AnalysisContext& ctx, std::vector<Finding> findings);

}  // namespace quarterdeck
