#include "analyze/marketing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "analyze/subjects.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

const ChannelListing* find_channel(const AnalysisContext& ctx, const std::string& entity, const std::string& channel) {
  return ctx.channel_row(entity, channel);
}

// How many peers a listing option names, with their evidence; the rest are
// counted. Their totals count them all.
constexpr std::size_t k_named_peers = 5;

// How listing options compare: value per hour, then value, then effort.
bool better(const ListingOption& a, const ListingOption& b) {
  const auto tier = [](const ListingOption& o) { return o.value_month ? (o.effort_hours ? 0 : 1) : 2; };
  if (tier(a) != tier(b)) return tier(a) < tier(b);
  switch (tier(a)) {
    case 0:  // a.value / a.hours > b.value / b.hours, in integers
      return a.value_month->units() * *b.effort_hours > b.value_month->units() * *a.effort_hours;
    case 1: return *a.value_month > *b.value_month;
    default: return a.effort_hours.value_or(INT64_MAX) < b.effort_hours.value_or(INT64_MAX);
  }
}

}  // namespace

std::map<std::string, ChannelBookings> bookings_by_channel(const AnalysisContext& ctx, const Entity& e) {
  std::map<std::string, ChannelBookings> by_channel;
  std::set<std::string> seen;  // customers with an earlier booking
  std::vector<const Booking*> rows;
  for (const Booking* b : ctx.bookings_of(e.id)) {
    if (b->status != "cancelled" && b->booked_on <= ctx.as_of) rows.push_back(b);
  }
  std::ranges::stable_sort(rows, {}, &Booking::booked_on);
  const Date from = ctx.as_of.plus_days(-365);
  for (const Booking* b : rows) {
    const bool fresh = seen.insert(b->customer).second;
    if (b->booked_on <= from) continue;
    ChannelBookings& c = by_channel[b->channel.empty() ? "unknown" : b->channel];
    ++c.bookings;
    c.value += b->amount;
    if (fresh) ++c.fresh;
  }
  return by_channel;
}

std::optional<AverageBooking> average_booking(const AnalysisContext& ctx, const std::string& entity) {
  if (!ctx.data.bookings) return std::nullopt;
  AverageBooking avg;
  for (const Booking* row : ctx.bookings_of(entity)) {
    const Booking& b = *row;
    if (b.status == "cancelled" || b.service_date > ctx.as_of || b.service_date <= ctx.as_of.plus_days(-365)) {
      continue;
    }
    avg.value += b.amount;
    ++avg.count;
  }
  if (avg.count == 0) return std::nullopt;
  avg.value = avg.value.divided_by(avg.count);
  return avg;
}

std::vector<ListingOption> sequence_listings(const AnalysisContext& ctx, const Entity& e) {
  std::vector<ListingOption> out;
  if (!ctx.data.channels) return out;
  const auto average = average_booking(ctx, e.id);
  for (const auto& channel : e.expected_channels) {
    const ChannelListing* row = find_channel(ctx, e.id, channel);
    if (row != nullptr && row->status == "listed") continue;
    ListingOption o;
    o.channel = channel;
    o.status = row ? row->status : "absent";
    const auto m = std::ranges::find(ctx.portfolio.marketplaces, channel, &Marketplace::channel);
    const Marketplace* market = m == ctx.portfolio.marketplaces.end() ? nullptr : &*m;
    if (market != nullptr) {
      o.effort_hours = market->effort_hours;
      o.fee_percent = market->fee_percent;
      o.evidence.push_back({ctx.at(market->where.file, market->where.line),
                            fmt::format("{}: {} to list, {}% fee", channel_words(channel),
                                        market->effort_hours ? fmt::format("{} hour{}", *market->effort_hours,
                                                                           *market->effort_hours == 1 ? "" : "s")
                                                             : "effort not declared",
                                        market->fee_percent)});
    }
    // Expected bookings, from the data first: entities of the same kind
    // listed there take a share of their bookings through the channel (last
    // 90 days); at that share, the entity's own volume (a month, over the
    // last 12 months) would gain volume x share / (1 - share).
    // The entity itself is not among them: it is not listed there. Their
    // totals are summed once for the whole portfolio (AnalysisContext).
    const ListedPeers& listed_peers = ctx.listed_peers(e.kind, channel);
    const std::int64_t via = listed_peers.via;
    const std::int64_t peer_total = listed_peers.all;
    std::vector<std::string> peers;
    for (const auto& peer : listed_peers.peers) {
      if (peers.size() == k_named_peers) {
        const std::size_t more = listed_peers.peers.size() - k_named_peers;
        peers.back() += fmt::format(" and {} other{}", more, more == 1 ? "" : "s");
        o.evidence.push_back({ctx.data.channels_file, fmt::format("and {} more {} entit{} listed on {}", more, e.kind,
                                                                  more == 1 ? "y" : "ies", channel_words(channel))});
        break;
      }
      peers.push_back(peer.entity->name);
      o.evidence.push_back({ctx.at(ctx.data.channels_file, peer.row->line),
                            fmt::format("{} is listed on {}: {} of its {} in the 90 days to {} came through it ({})",
                                        peer.entity->name, channel_words(channel), thousands(peer.via),
                                        plural(peer.all, "booking"), ctx.as_of.to_string(),
                                        ctx.data.bookings_file)});
    }
    const std::int64_t own_year = average ? average->count : 0;
    std::int64_t numerator = 0;  // expected bookings a month = numerator / denominator
    std::int64_t denominator = 1;
    // Fewer bookings than this at the peers measure no share worth applying;
    // and a channel that brings the peers more than half their bookings says
    // more about them than about this entity (volume x share / (1 - share)
    // grows without bound as the share nears 1).
    constexpr std::int64_t k_min_peer_bookings = 10;
    if (!peers.empty() && peer_total >= k_min_peer_bookings && via * 2 <= peer_total) {
      numerator = own_year * via;
      denominator = 12 * (peer_total - via);
      o.basis = fmt::format("{} took {} of {} through `{}` in 90 days; at that share, {} a month over the last "
                            "12 months would gain this",
                            join(peers, " and "), thousands(via), plural(peer_total, "booking"), channel,
                            Quantity::ratio_of(own_year, 12).to_display(ctx.symbol));
    } else if (market != nullptr && market->bookings_month_tenths) {
      numerator = *market->bookings_month_tenths;
      denominator = 10;
      o.basis = fmt::format("assumed: {} ({})", market->basis, ctx.at(market->where.file, market->where.line));
    } else {
      o.basis = peers.empty()
                    ? fmt::format("missing data: no {} entity is listed on `{}` and [[marketplaces]] gives no "
                                  "`bookings_month` for it",
                                  e.kind, channel)
                    : fmt::format("missing data: {} took {} of {} through `{}` in 90 days (a share is "
                                  "applied from {} bookings and up to half of them), and [[marketplaces]] gives no "
                                  "`bookings_month` for it",
                                  join(peers, " and "), thousands(via), plural(peer_total, "booking"), channel,
                                  k_min_peer_bookings);
      out.push_back(std::move(o));
      continue;
    }
    o.bookings_month = Quantity::ratio_of(numerator, denominator);
    if (!average) {
      o.basis += fmt::format("; missing data: {} has no bookings in the last 12 months to value one", e.name);
    } else {
      o.value_month = average->value.times(numerator * (100 - o.fee_percent)).divided_by(denominator * 100);
      o.basis += fmt::format("; × {} average booking{}", average->value.to_display(ctx.symbol),
                             o.fee_percent > 0 ? fmt::format(" less the {}% fee", o.fee_percent) : "");
    }
    out.push_back(std::move(o));
  }
  // One figure everywhere: where a planned action ([[actions]]) lists the
  // entity on the channel, its expected return is the listing's value (the
  // capital table shows the same), with its basis.
  for (auto& o : out) {
    const CapitalAction* a = planned_listing(ctx.portfolio, e, o.channel);
    if (a == nullptr) continue;
    o.value_month = a->monthly_return;
    o.basis = fmt::format("the planned action \"{}\" ({}): {}", a->title, ctx.at("portfolio.toml", a->where.line),
                          a->basis);
  }
  std::ranges::stable_sort(out, better);
  return out;
}

int listing_phase(std::size_t rank) { return rank == 0 ? 30 : rank == 1 ? 60 : 90; }

std::vector<SeoStep> local_seo_plan(const AnalysisContext& ctx, const Entity& e) {
  if (e.kind != "service") return {};
  return local_seo_plan(ctx, e, sequence_listings(ctx, e));
}

std::vector<SeoStep> local_seo_plan(const AnalysisContext& ctx, const Entity& e, const std::vector<ListingOption>& options) {
  std::vector<SeoStep> out;
  if (e.kind != "service") return out;
  const std::string& channels = ctx.data.channels_file;
  const bool has_channels = ctx.data.channels.has_value();
  const auto row_of = [&](const std::string& channel) {
    return has_channels ? find_channel(ctx, e.id, channel) : nullptr;
  };
  const auto evidence_of = [&](const ChannelListing* row, const std::string& channel) -> Evidence {
    if (!has_channels) return {"portfolio.toml", "no channels file (`[data] channels`)"};
    if (row == nullptr) return {channels, fmt::format("no row for `{}` on `{}`", e.id, channel)};
    return {ctx.at(channels, row->line), fmt::format("`{}` is {}", channel, words_of(row->status))};
  };

  // 1. The Google Business profile: where local search starts.
  const ChannelListing* gbp = row_of("google_business");
  SeoStep profile{"profile", "Google Business profile claimed and listed", false, "", 30, {evidence_of(gbp, "google_business")}};
  if (gbp != nullptr && gbp->status == "listed") {
    profile.done = true;
    profile.state = gbp->monthly_views ? fmt::format("done: listed, {} a month", plural(*gbp->monthly_views, "view"))
                                       : "done: listed";
  } else {
    profile.state = gbp != nullptr && gbp->status == "pending" ? "to do: pending verification; finish it"
                                                                : "to do: claim the profile and fill it in";
  }
  out.push_back(std::move(profile));

  // 2. Enquiries from the profile measured, and arriving.
  SeoStep measured{"enquiries", "Enquiries from local search counted", false, "", 30, {evidence_of(gbp, "google_business")}};
  if (gbp == nullptr || gbp->status != "listed") {
    measured.state = "to do: after the profile is listed";
  } else if (!gbp->leads_30d) {
    measured.state = "to do: `leads_30d` is blank for google_business; count the calls and forms it sends";
  } else if (gbp->monthly_views && *gbp->monthly_views >= 100 && *gbp->leads_30d == 0) {
    measured.state =
        fmt::format("to do: {} and no leads; fix the call and quote buttons", plural(*gbp->monthly_views, "view"));
  } else {
    measured.done = true;
    measured.state = fmt::format("done: {} in 30 days", plural(*gbp->leads_30d, "lead"));
  }
  out.push_back(std::move(measured));

  // 3. Local directories: the expected channels other than the profile and
  // the website, in the order of the listing sequence.
  std::vector<std::string> directories;
  std::vector<std::string> unlisted;
  std::vector<Evidence> dir_evidence;
  for (const auto& c : e.expected_channels) {
    if (c == "google_business" || c == "website") continue;
    directories.push_back(c);
    const ChannelListing* row = row_of(c);
    dir_evidence.push_back(evidence_of(row, c));
  }
  // Due when the listing sequence lists the last of them.
  int phase = listing_phase(0);
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (std::ranges::find(directories, options[i].channel) == directories.end()) continue;
    unlisted.push_back(options[i].channel);
    phase = listing_phase(i);
  }
  if (!directories.empty()) {
    SeoStep dirs{"directories", "Listed in the local directories", unlisted.empty(), "", phase, std::move(dir_evidence)};
    dirs.state = unlisted.empty()
                     ? fmt::format("done: {} of {} listed", thousands(directories.size()), thousands(directories.size()))
                     : fmt::format("to do: {} of {} listed; next {}", thousands(directories.size() - unlisted.size()),
                                   thousands(directories.size()), join(unlisted, ", then "));
    out.push_back(std::move(dirs));
  }

  // 4. Reviews: the customers served in the last 90 days are who to ask.
  if (ctx.data.bookings) {
    std::set<std::string> customers;
    const Date from = ctx.as_of.plus_days(-90);
    for (const Booking* b : ctx.bookings_of(e.id)) {
      if (b->status == "delivered" && b->service_date > from && b->service_date <= ctx.as_of) customers.insert(b->customer);
    }
    SeoStep reviews{"reviews", "Reviews asked of recent customers", false, "", 30,
                    {{ctx.data.bookings_file,
                      fmt::format("{} with a delivered booking from {}",
                                  plural(static_cast<std::int64_t>(customers.size()), "customer"),
                                  from.plus_days(1).to_string())}}};
    reviews.state = customers.empty()
                        ? "to do: no customer served in the last 90 days to ask"
                        : fmt::format("to do: ask the {} served from {}, then every customer after the job",
                                      plural(static_cast<std::int64_t>(customers.size()), "customer"),
                                      from.plus_days(1).to_string());
    out.push_back(std::move(reviews));
  }

  // 5. The website takes an enquiry without a phone call.
  const ChannelListing* site = row_of("website");
  const bool online = std::ranges::find(e.features, "online_booking") != e.features.end() ||
                      std::ranges::find(e.features, "quote_form") != e.features.end();
  SeoStep form{"form", "The website takes quotes or bookings", false, "", 60,
               {evidence_of(site, "website"), {e.file, fmt::format("features: {}", e.features.empty() ? "none" : join(e.features, ", "))}}};
  if (site == nullptr || site->status != "listed") {
    form.state = "to do: no website listed";
  } else if (!online) {
    form.state = "to do: add a quote or booking form (no `online_booking` or `quote_form` in features)";
  } else {
    form.done = true;
    form.state = "done: the site takes enquiries online";
  }
  out.push_back(std::move(form));

  // 6. Analytics, so local search traffic can be told from the rest.
  const bool analytics = std::ranges::find(e.features, "analytics") != e.features.end();
  out.push_back({"analytics", "Analytics on the website", analytics,
                 analytics ? "done: `analytics` declared" : "to do: no `analytics` in features; site traffic cannot be measured",
                 90, {{e.file, fmt::format("features: {}", e.features.empty() ? "none" : join(e.features, ", "))}}});
  // Without a channels file the listings cannot be checked: say so rather
  // than call them done or to do.
  if (!has_channels) {
    for (auto& step : out) {
      if (step.id == "reviews" || step.id == "analytics") continue;
      step.done = false;
      step.unknown = true;
      step.state = "unknown: no channels file (`[data] channels`)";
    }
  }
  return out;
}

}  // namespace quarterdeck
