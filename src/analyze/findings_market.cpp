// Pipeline and marketing findings: empty forward pipelines, missing
// bookings, listing gaps on expected channels, traffic that yields no leads.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"
#include "analyze/marketing.hpp"
#include "analyze/metrics.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

bool sells_bookings(const Entity& e) {
  return e.kind == "charter" || e.kind == "service" || e.kind == "rental" || e.kind == "client_book";
}

std::string list_names(const std::vector<std::string>& names) {
  return join(names, ", ");
}

// "List JADA on getmyboat first ($2,792.18 a month expected for 6 h of
// work), then boatsetter, airbnb_experiences": the order of the listing
// sequence (analyze/marketing.hpp).
std::string listing_advice(const AnalysisContext& ctx, const Entity& e, const std::vector<std::string>& missing,
                           const std::vector<ListingOption>& options) {
  if (options.empty()) return fmt::format("List {} on {}.", e.name, list_names(missing));
  const ListingOption& first = options.front();
  std::string why;
  if (first.value_month) {
    why = fmt::format(" ({} a month expected{})", first.value_month->to_display(ctx.symbol),
                      first.effort_hours ? fmt::format(" for {} h of work", *first.effort_hours) : "");
  }
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < options.size(); ++i) rest.push_back(options[i].channel);
  return fmt::format("List {} on {} first{}{}; the CMO report's listing sequence has the basis.", e.name,
                     first.channel, why, rest.empty() ? "" : ", then " + list_names(rest));
}

}  // namespace

void detect_pipeline(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.data.bookings) return;
  const std::string& file = ctx.data.bookings_file;
  for (const auto& e : ctx.portfolio.entities) {
    if (!sells_bookings(e) || !in_season(e, Month::of(ctx.as_of))) continue;  // closed: no pipeline expected
    int rows = 0;
    int forward = 0;
    const Booking* last_served = nullptr;
    const Booking* last_row = nullptr;
    for (const Booking* row : ctx.bookings_of(e.id)) {
      const Booking& b = *row;
      ++rows;
      last_row = &b;
      if (b.status == "cancelled" || b.booked_on > ctx.as_of) continue;
      if (b.service_date >= ctx.as_of) {
        ++forward;
      } else if (last_served == nullptr || b.service_date > last_served->service_date) {
        last_served = &b;
      }
    }
    if (rows == 0) {
      out.push_back(make_finding(
          ctx, "no-bookings-" + e.id, Severity::high, "pipeline", e.id, "cmo",
          fmt::format("{}: no bookings recorded", e.name),
          {{file, fmt::format("no rows with entity `{}`", e.id)}},
          fmt::format("Record {}'s bookings in {} so its pipeline can be measured.", e.name, file)));
      continue;
    }
    if (forward > 0) continue;
    std::vector<Evidence> evidence{
        {file, fmt::format("0 of {} bookings for `{}` have a service date on or after {} (cancelled excluded)",
                           rows, e.id, ctx.as_of.to_string())}};
    if (last_served != nullptr) {
      evidence.push_back({ctx.at(file, last_served->line),
                          fmt::format("last service date {} ({})", last_served->service_date.to_string(),
                                      last_served->customer)});
    } else if (last_row != nullptr) {
      evidence.push_back({ctx.at(file, last_row->line), "last row for the entity"});
    }
    const int idle_days = last_served ? last_served->service_date.days_until(ctx.as_of) : 0;
    out.push_back(make_finding(
        ctx, "empty-pipeline-" + e.id, Severity::critical, "pipeline", e.id, "cmo",
        last_served ? fmt::format("{}: empty forward pipeline, nothing booked after {} ({} days ago)", e.name,
                                  last_served->service_date.to_string(), idle_days)
                    : fmt::format("{}: empty forward pipeline", e.name),
        std::move(evidence),
        fmt::format("Rebuild {}'s pipeline this week: contact past customers, reopen listings and quote "
                    "the next season's dates.",
                    e.name)));
  }
}

void detect_marketing(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.data.channels) return;
  const std::string& file = ctx.data.channels_file;
  for (const auto& e : ctx.portfolio.entities) {
    std::vector<std::string> missing;
    std::vector<Evidence> evidence;
    int listed_marketplaces = 0;
    int marketplaces = 0;
    for (const auto& channel : e.expected_channels) {
      const bool marketplace = channel != "website";
      if (marketplace) ++marketplaces;
      const auto rows = ctx.channels_of(e.id);
      const auto found = std::ranges::find_if(rows, [&](const ChannelListing* c) { return c->channel == channel; });
      const ChannelListing* it = found == rows.end() ? nullptr : *found;
      if (it == nullptr) {
        missing.push_back(channel);
        evidence.push_back({file, fmt::format("no row for `{}` on `{}`", e.id, channel)});
      } else if (it->status != "listed") {
        missing.push_back(channel);
        evidence.push_back({ctx.at(file, it->line), fmt::format("`{}` is {}", channel, it->status)});
      } else if (marketplace) {
        ++listed_marketplaces;
      }
    }
    if (!missing.empty()) {
      const bool none = marketplaces >= 2 && listed_marketplaces == 0;
      const Severity severity = none ? Severity::critical
                                : missing.size() * 2 >= e.expected_channels.size() ? Severity::high
                                                                                   : Severity::medium;
      evidence.insert(evidence.begin(),
                      {ctx.entities.by_id(e.id)->file,
                       fmt::format("expected_channels: {}", list_names(e.expected_channels))});
      // Where the first listing's expected value in the recommendation comes
      // from: the peers' channel rows and the [[marketplaces]] entry.
      const auto options = sequence_listings(ctx, e);
      if (!options.empty() && options.front().value_month) {
        for (const auto& ev : options.front().evidence) evidence.push_back(ev);
        evidence.push_back({"listing sequence", fmt::format("{}: {} a month expected; {}", options.front().channel,
                                                            options.front().value_month->to_display(ctx.symbol),
                                                            options.front().basis)});
      }
      out.push_back(make_finding(
          ctx, "listing-gap-" + e.id, severity, "marketing", e.id, "cmo",
          none ? fmt::format("{}: zero marketplace listings ({} of {} expected channels missing)", e.name,
                             missing.size(), e.expected_channels.size())
               : fmt::format("{}: not listed on {}", e.name, list_names(missing)),
          std::move(evidence),
          listing_advice(ctx, e, missing, options)));
    }
    for (const ChannelListing* row : ctx.channels_of(e.id)) {
      const ChannelListing& c = *row;
      if (c.status != "listed" || !c.monthly_views || !c.leads_30d) continue;
      if (*c.monthly_views >= 100 && *c.leads_30d == 0) {
        out.push_back(make_finding(
            ctx, fmt::format("broken-funnel-{}-{}", e.id, c.channel), Severity::high, "marketing", e.id, "cmo",
            fmt::format("{}: {} views on {} produced no leads", e.name, *c.monthly_views, c.channel),
            {{ctx.at(file, c.line),
              fmt::format("monthly_views {}, leads_30d 0 (updated {})", *c.monthly_views,
                          c.updated ? c.updated->to_string() : "unknown")}},
            fmt::format("Test the enquiry path on {} end to end (button, form, inbox) and fix where it breaks.",
                        c.channel)));
      }
    }
  }
}

}  // namespace quarterdeck::findings_detail
