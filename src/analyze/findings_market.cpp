// Pipeline and marketing findings: empty forward pipelines, missing
// bookings, listing gaps on expected channels, traffic that yields no leads.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/findings.hpp"
#include "analyze/marketing.hpp"
#include "analyze/metrics.hpp"
#include "analyze/subjects.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

bool sells_bookings(const Entity& e) {
  return e.kind == "charter" || e.kind == "service" || e.kind == "rental" || e.kind == "client_book";
}

// "GetMyBoat, Boatsetter and Airbnb Experiences".
std::string list_names(const std::vector<std::string>& names) {
  std::vector<std::string> words;
  for (const auto& n : names) words.push_back(channel_words(n));
  if (words.size() <= 1) return words.empty() ? "" : words.front();
  const std::string last = words.back();
  words.pop_back();
  return fmt::format("{} and {}", join(words, ", "), last);
}

// A listing status in words.
std::string status_words(std::string_view status) {
  if (status == "not_listed") return "not listed";
  if (status == "pending") return "pending";
  if (status == "suspended") return "suspended";
  std::string out(status);
  std::ranges::replace(out, '_', ' ');
  return out;
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
                      first.effort_hours ? fmt::format(" for {} of work", plural(*first.effort_hours, "hour", "hours"))
                                         : "");
  }
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < options.size(); ++i) rest.push_back(options[i].channel);
  return fmt::format("List {} on {} first{}{}; the CMO report's listing sequence has the basis.", e.name,
                     channel_words(first.channel), why, rest.empty() ? "" : ", then " + list_names(rest));
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
      // Missing data, not missing sales: the pipeline cannot be measured.
      out.push_back(make_finding(
          ctx, "no-bookings-" + e.id, Severity::medium, "pipeline", e.id, "sales", "cmo",
          fmt::format("{}: no bookings recorded", e.name),
          {{file, fmt::format("no rows for {}", e.name)}},
          fmt::format("Record {} bookings in {} so its pipeline can be measured.", possessive(e.name), file)));
      continue;
    }
    if (forward > 0) continue;
    std::vector<Evidence> evidence{
        {file, fmt::format("none of {} {} has a service date on or after {} (cancelled ones left out)", possessive(e.name),
                           plural(rows, "booking", "bookings"), ctx.as_of.to_string())}};
    if (last_served != nullptr) {
      evidence.push_back({ctx.at(file, last_served->line),
                          fmt::format("last service date {} ({})", last_served->service_date.to_string(),
                                      last_served->customer)});
    } else if (last_row != nullptr) {
      evidence.push_back({ctx.at(file, last_row->line), "last row for the entity"});
    }
    const int idle_days = last_served ? last_served->service_date.days_until(ctx.as_of) : 0;
    // Nothing ahead: no revenue in the coming weeks while the costs go on
    // (within 30 days); nothing served for two months either puts the
    // business itself at risk now.
    Finding& f = out.emplace_back(make_finding(
        ctx, "empty-pipeline-" + e.id, idle_days > 60 ? Severity::critical : Severity::high, "pipeline", e.id,
        "sales", "cmo",
        last_served ? fmt::format("{}: no sales since {}, nothing booked ahead ({} days without a booking served)",
                                  e.name, last_served->service_date.to_string(), count_text(idle_days))
                    : fmt::format("{}: nothing booked ahead", e.name),
        std::move(evidence),
        fmt::format("Rebuild {} pipeline this week: contact past customers, reopen listings and quote "
                    "the next season's dates.",
                    possessive(e.name))));
    f.days_to_impact = 0;
    if (ctx.books) {
      if (const EntityBooks* eb = ctx.books->find(e.id); eb != nullptr && eb->expenses_in(ctx.period).units() > 0) {
        f.at_stake = eb->expenses_in(ctx.period);  // what keeps being spent with nothing ahead
      }
    }
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
        evidence.push_back({file, fmt::format("no row for {} on {}", e.name, channel_words(channel))});
      } else if (it->status != "listed") {
        missing.push_back(channel);
        evidence.push_back({ctx.at(file, it->line), fmt::format("{}: {}", channel_words(channel), status_words(it->status))});
      } else if (marketplace) {
        ++listed_marketplaces;
      }
    }
    if (!missing.empty()) {
      // Revenue left on the table: this month's (no marketplace at all) or
      // this quarter's.
      const bool none = marketplaces >= 2 && listed_marketplaces == 0;
      const Severity severity = none ? Severity::high
                                : missing.size() * 2 >= e.expected_channels.size() ? Severity::medium
                                                                                   : Severity::low;
      evidence.insert(evidence.begin(),
                      {ctx.entities.by_id(e.id)->file,
                       fmt::format("expected channels: {}", list_names(e.expected_channels))});
      // Where the first listing's expected value in the recommendation comes
      // from: the peers' channel rows and the [[marketplaces]] entry.
      const auto options = sequence_listings(ctx, e);
      if (!options.empty() && options.front().value_month) {
        for (const auto& ev : options.front().evidence) evidence.push_back(ev);
        evidence.push_back({"listing sequence", fmt::format("{}: {} a month expected; {}",
                                                            channel_words(options.front().channel),
                                                            options.front().value_month->to_display(ctx.symbol),
                                                            options.front().basis)});
      }
      Finding& f = out.emplace_back(make_finding(
          ctx, "listing-gap-" + e.id, severity, "marketing", e.id, "listing", "cmo",
          none ? fmt::format("{}: on no marketplace ({} of {} expected channels missing)", e.name,
                             count_text(static_cast<std::int64_t>(missing.size())),
                             count_text(static_cast<std::int64_t>(e.expected_channels.size())))
               : fmt::format("{}: not listed on {}", e.name, list_names(missing)),
          std::move(evidence),
          listing_advice(ctx, e, missing, options)));
      if (!options.empty() && options.front().value_month) f.at_stake = options.front().value_month;
    }
    for (const ChannelListing* row : ctx.channels_of(e.id)) {
      const ChannelListing& c = *row;
      if (c.status != "listed" || !c.monthly_views || !c.leads_30d) continue;
      if (*c.monthly_views >= 100 && *c.leads_30d == 0) {
        out.push_back(make_finding(
            ctx, fmt::format("broken-funnel-{}-{}", e.id, c.channel), Severity::high, "marketing", e.id,
            "channel:" + c.channel, "cmo",
            fmt::format("{}: {} on {} produced no leads", e.name, plural(*c.monthly_views, "view", "views"),
                        channel_words(c.channel)),
            {{ctx.at(file, c.line),
              fmt::format("{} a month and no leads in the last 30 days (updated {})",
                          plural(*c.monthly_views, "view", "views"), c.updated ? c.updated->to_string() : "unknown")}},
            fmt::format("Test {} enquiry path on {} end to end (button, form, inbox) and fix where it breaks.",
                        possessive(e.name), channel_words(c.channel))));
      }
    }
  }
}

}  // namespace quarterdeck::findings_detail
