// Marketing plans computed from the data: which marketplace to list an
// entity on first (expected value over effort), and the local search
// roadmap of a service business. Both say where each figure comes from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyze/context.hpp"
#include "model/report.hpp"

namespace quarterdeck {

// The entity's average booking: bookings not cancelled with a service date
// in the 365 days to the as-of date. nullopt when there are none.
struct AverageBooking {
  Money value;
  std::int64_t count = 0;
};
std::optional<AverageBooking> average_booking(const AnalysisContext& ctx, const std::string& entity);

// The entity's bookings of the last 12 months (booked in the 365 days to
// the as-of date, cancelled ones excepted) by their `channel` ("unknown"
// when empty): how many, how many from new customers (no earlier booking in
// the file) and their value. The acquisition table and the channel chart.
struct ChannelBookings {
  std::int64_t bookings = 0;
  std::int64_t fresh = 0;
  Money value;
};
std::map<std::string, ChannelBookings> bookings_by_channel(const AnalysisContext& ctx, const Entity& e);

// One expected channel the entity is not listed on, and what listing there
// is expected to bring.
struct ListingOption {
  std::string channel;
  std::string status;  // not_listed, pending, suspended, or absent (no row)
  std::optional<Quantity> bookings_month;  // expected bookings a month
  std::optional<Money> value_month;        // expected revenue a month, after the marketplace's fee
  std::optional<std::int64_t> effort_hours;
  std::int64_t fee_percent = 0;
  std::string basis;  // where the expected bookings come from, or what is missing
  std::vector<Evidence> evidence;
};

// The entity's unlisted expected channels, best first: by expected value per
// hour of effort; then those with a value but no declared effort, by value;
// then those without a value, by effort. Ties keep `expected_channels` order.
// Empty without a channels file.
std::vector<ListingOption> sequence_listings(const AnalysisContext& ctx, const Entity& entity);

// The days by which the listing ranked `rank` (0 first) in the sequence is
// due: the first by day 30, the second by day 60, the rest by day 90.
int listing_phase(std::size_t rank);

// One step of a service business's local search roadmap.
struct SeoStep {
  std::string id;  // profile, enquiries, directories, reviews, form, analytics
  std::string step;
  bool done = false;
  std::string state;  // "done: ...", "to do: ...", "unknown: ...", in words with the figures
  int phase = 30;     // 30, 60 or 90: the days by which a step still to do is due
  std::vector<Evidence> evidence;
  bool unknown = false;  // the data to check it is missing
};

// The local search roadmap of a service business (kind `service`): Google
// Business profile, measured enquiries, local directories, reviews from
// recent customers, an enquiry form and analytics, each checked against the
// data. Empty for other kinds.
std::vector<SeoStep> local_seo_plan(const AnalysisContext& ctx, const Entity& entity);
// The same, with the entity's listing sequence already computed.
std::vector<SeoStep> local_seo_plan(const AnalysisContext& ctx, const Entity& entity,
                                    const std::vector<ListingOption>& options);

}  // namespace quarterdeck
