// The forward-looking tables: the CMO's listing sequence, local search
// roadmap and 30/60/90-day milestones, the rental's market position, the
// client book's aged receivables and collections plan, and the Accounting
// Officer's profitability roadmap. Each is computed from the data and says
// which data it lacks.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

#include "analyze/marketing.hpp"
#include "analyze/metrics.hpp"
#include "analyze/report_builder.hpp"
#include "util/strings.hpp"

namespace quarterdeck::report_detail {
namespace {

std::string phase_date(const AnalysisContext& ctx, int days) { return ctx.as_of.plus_days(days).to_string(); }

std::string hours(const std::optional<std::int64_t>& h) { return h ? fmt::format("{} h", *h) : "not declared"; }

// "+12.5%" or "-3.0%": how far `ours` is from `market`, in tenths of a percent.
std::string relative(std::int64_t ours, std::int64_t market) {
  if (market == 0) return "-";
  const Quantity q = Quantity::percent_of(ours - market, market);
  return (q.scaled >= 0 ? "+" : "") + q.to_display("");
}

}  // namespace

Section listing_sequence(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"listing-sequence",
            "Listing sequence",
            "",
            {"Entity", "#", "Channel", "Status", "Bookings a month", "Value a month", "Effort", "Value per hour", "Basis"},
            {}};
  if (!ctx.data.channels) {
    s.note = "Missing data: no channels file (`[data] channels`).";
    return s;
  }
  for (const Entity* e : scope) {
    const auto options = sequence_listings(ctx, *e);
    for (std::size_t i = 0; i < options.size(); ++i) {
      const ListingOption& o = options[i];
      const std::string per_hour = o.value_month && o.effort_hours
                                       ? o.value_month->divided_by(*o.effort_hours).to_display(ctx.symbol)
                                       : "-";
      s.rows.push_back({e->name, fmt::format("{}", i + 1), o.channel, o.status,
                        o.bookings_month ? o.bookings_month->to_display(ctx.symbol) : "-",
                        o.value_month ? o.value_month->to_display(ctx.symbol) : "-", hours(o.effort_hours), per_hour,
                        o.basis});
    }
  }
  s.note = s.rows.empty() ? "Every entity is listed on all its expected channels."
                          : "Best first: expected value a month per hour of effort. Expected bookings come from "
                            "entities of the same kind listed there, else from the portfolio's assumption.";
  return s;
}

Section local_seo_roadmap(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"local-seo", "Local search roadmap", "", {"Entity", "Step", "State", "Due"}, {}};
  for (const Entity* e : scope) {
    for (const auto& step : local_seo_plan(ctx, *e)) {
      s.rows.push_back({e->name, step.step, step.state, step.done ? "-" : phase_date(ctx, step.phase)});
    }
  }
  s.note = s.rows.empty() ? "No service business in this report: the roadmap covers entities of kind `service`."
                          : "For the service businesses; each step is checked against the channels, bookings and "
                            "declared features. Steps still to do are due in 30, 60 or 90 days.";
  return s;
}

// What the CMO should have done by day 30, 60 and 90: the listings in the
// order of the sequence (the first by day 30, the second by day 60, the
// rest by day 90) and the local search steps, with what each is expected to
// add a month.
Section marketing_milestones(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"milestones", "30/60/90-day milestones", "", {"By", "Entity", "Milestone", "Done when", "Expected a month"}, {}};
  struct Row {
    int phase;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  for (const Entity* e : scope) {
    if (ctx.data.channels) {
      const auto options = sequence_listings(ctx, *e);
      const std::size_t listed = std::ranges::count_if(*ctx.data.channels, [&](const ChannelListing& c) {
        return c.entity == e->id && c.status == "listed";
      });
      Money added;
      for (std::size_t i = 0; i < options.size(); ++i) {
        const ListingOption& o = options[i];
        const int phase = i == 0 ? 30 : i == 1 ? 60 : 90;
        if (o.value_month) added += *o.value_month;
        rows.push_back({phase,
                        {"", e->name, fmt::format("listed on {}", o.channel),
                         fmt::format("`{}` listed in {}: {} channels listed", o.channel, ctx.data.channels_file, listed + i + 1),
                         o.value_month ? fmt::format("{} (total {})", o.value_month->to_display(ctx.symbol),
                                                     added.to_display(ctx.symbol))
                                       : "unknown (see the listing sequence)"}});
      }
    }
    for (const auto& step : local_seo_plan(ctx, *e)) {
      if (step.done || step.id == "directories") continue;  // the listings above
      rows.push_back({step.phase, {"", e->name, step.step, step.state.substr(step.state.find(':') + 2), "-"}});
    }
  }
  std::ranges::stable_sort(rows, {}, &Row::phase);
  for (auto& r : rows) {
    r.cells[0] = fmt::format("day {} ({})", r.phase, phase_date(ctx, r.phase));
    s.rows.push_back(std::move(r.cells));
  }
  if (!ctx.data.channels) {
    s.note = "Missing data: no channels file (`[data] channels`): no listings to plan.";
  } else {
    s.note = s.rows.empty() ? "Nothing left to list or set up." : "Listings in the order of the listing sequence; "
                                                                   "expected values as in that table.";
  }
  return s;
}

// The rental against comparable listings ([market] in its entity file), over
// the last three complete months.
Section market_position(const AnalysisContext& ctx, const Entity& e) {
  Section s{"market-position", "Market position", "", {"Measure", "This listing", "Market", "Difference"}, {}};
  const MarketComparison& m = e.market;
  if (!m.declared) {
    s.note = fmt::format("Missing data: no comparable listings (`[market]` with `rate`, `occupancy_percent` and "
                         "`source` in {}).",
                         e.file);
    return s;
  }
  if (!ctx.data.bookings) {
    s.note = "Missing data: no bookings file (`[data] bookings`).";
    return s;
  }
  const Month first = ctx.period.plus(-2);
  std::int64_t nights = 0;
  std::int64_t available = 0;
  Money revenue;
  for (int i = 0; i < 3; ++i) available += first.plus(i).days();
  for (const auto& b : *ctx.data.bookings) {
    if (b.entity != e.id || b.status == "cancelled" || b.booked_on > ctx.as_of || b.service_date < first.first_day() ||
        b.service_date > ctx.period.last_day()) {
      continue;
    }
    nights += b.units;
    revenue += b.amount;
  }
  const std::string unit = e.unit.empty() ? "night" : e.unit;
  std::optional<Money> rate;
  if (nights > 0) rate = revenue.divided_by(nights);
  const Quantity occupancy = Quantity::percent_of(nights, available);
  if (m.rate) {
    s.rows.push_back({fmt::format("Average rate a {}", unit), rate ? rate->to_display(ctx.symbol) : "no stays",
                      m.rate->to_display(ctx.symbol), rate ? relative(rate->units(), m.rate->units()) : "-"});
  }
  if (m.occupancy_percent) {
    s.rows.push_back({"Occupancy", occupancy.to_display(ctx.symbol), fmt::format("{}%", *m.occupancy_percent),
                      fmt::format("{}{} points", occupancy.scaled >= *m.occupancy_percent * 10 ? "+" : "-",
                                  Quantity{Quantity::Kind::ratio, std::abs(occupancy.scaled - *m.occupancy_percent * 10), 1}
                                      .to_display(ctx.symbol))});
  }
  if (m.rate && m.occupancy_percent) {
    const Money ours = revenue.divided_by(available);
    const Money market = m.rate->times(*m.occupancy_percent).divided_by(100);
    s.rows.push_back({fmt::format("Revenue per available {}", unit), ours.to_display(ctx.symbol),
                      market.to_display(ctx.symbol), relative(ours.units(), market.units())});
  }
  const std::string period = fmt::format("{} to {}", first.name(), ctx.period.name());
  const std::string source = fmt::format("Market: {}{} ({}).", m.source,
                                         m.comparables ? fmt::format(", {} comparable listings", *m.comparables) : "",
                                         ctx.at(m.where.file, m.where.line));
  std::string reading;
  if (rate && m.rate && m.occupancy_percent) {
    const bool dearer = *rate >= *m.rate;
    const bool fuller = occupancy.scaled >= *m.occupancy_percent * 10;
    reading = dearer && fuller    ? "Ahead of the market on rate and occupancy."
              : dearer            ? "Priced at or above the market and filling less: test a lower rate on empty nights."
              : fuller            ? "As full as the market at a lower rate: raise the rate."
                                  : "Below the market on rate and occupancy: fix the listing (photos, reviews, "
                                    "calendar) before the price.";
  }
  s.note = fmt::format("{}, {} {}s booked of {}. {}{}", period, nights, unit, available, source,
                       reading.empty() ? "" : " " + reading);
  return s;
}

// Open invoices by how long they are past due, per customer, and the plan:
// chase the most overdue and bill the oldest unbilled work first, one
// customer a day.
std::vector<Section> receivables_sections(const AnalysisContext& ctx, const Entity& e) {
  Section aged{"receivables",
               "Aged receivables",
               "",
               {"Customer", "Open invoices", "Not yet due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"},
               {}};
  Section plan{"collections-plan", "Collections plan", "", {"#", "By", "Customer", "Action", "Amount", "Why"}, {}};
  if (!ctx.data.invoices) {
    aged.note = "Missing data: no invoices file (`[data] invoices`) with issue, due and payment dates.";
  } else {
    struct Open {
      int count = 0;
      std::array<Money, 5> buckets;
    };
    std::map<std::string, Open> by_customer;
    Open total;
    for (const auto& inv : *ctx.data.invoices) {
      if (inv.entity != e.id || inv.issued > ctx.as_of || (inv.paid_on && *inv.paid_on <= ctx.as_of)) continue;
      const int late = inv.due.days_until(ctx.as_of);
      const std::size_t bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
      for (Open* o : {&by_customer[inv.customer], &total}) {
        ++o->count;
        o->buckets[bucket] += inv.amount;
      }
    }
    const auto row = [&](const std::string& name, const Open& o) {
      std::vector<std::string> r{name, fmt::format("{}", o.count)};
      for (const Money& m : o.buckets) r.push_back(m.to_display(ctx.symbol));
      return r;
    };
    for (const auto& [customer, o] : by_customer) aged.rows.push_back(row(customer, o));
    if (!by_customer.empty()) aged.rows.push_back(row("Total", total));
    aged.note = by_customer.empty() ? fmt::format("Every invoice issued by {} is paid.", ctx.as_of.to_string())
                                    : fmt::format("Days past the due date at {}; from {}.", ctx.as_of.to_string(),
                                                  ctx.data.invoices_file);
  }

  // The plan: overdue invoices and unbilled work, most days outstanding first.
  struct Item {
    int days;  // past due (invoices) or since delivery (unbilled work)
    std::string customer, action, why;
    Money amount;
  };
  std::vector<Item> items;
  if (ctx.data.invoices) {
    for (const auto& inv : *ctx.data.invoices) {
      if (inv.entity != e.id || inv.issued > ctx.as_of || (inv.paid_on && *inv.paid_on <= ctx.as_of)) continue;
      const int late = inv.due.days_until(ctx.as_of);
      if (late <= 0) continue;
      items.push_back({late, inv.customer, fmt::format("chase invoice {}", inv.id),
                       fmt::format("{} days past due ({})", late, ctx.at(ctx.data.invoices_file, inv.line)), inv.amount});
    }
  }
  if (ctx.data.bookings) {
    for (const auto& b : *ctx.data.bookings) {
      if (b.entity != e.id || b.status != "delivered" || b.invoiced || b.service_date > ctx.as_of) continue;
      const int age = b.service_date.days_until(ctx.as_of);
      items.push_back({age, b.customer, fmt::format("invoice {}", b.id),
                       fmt::format("delivered {} days ago, not invoiced ({})", age, ctx.at(ctx.data.bookings_file, b.line)),
                       b.amount});
    }
  }
  std::ranges::stable_sort(items, std::greater{}, &Item::days);
  std::map<std::string, Date> day_of;  // one customer a day: every item of a customer on its first day
  for (const auto& it : items) {
    if (!day_of.contains(it.customer)) day_of[it.customer] = ctx.as_of.plus_days(static_cast<int>(day_of.size()) + 1);
  }
  std::ranges::stable_sort(items, {}, [&](const Item& it) { return day_of[it.customer]; });
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    plan.rows.push_back({fmt::format("{}", i + 1), day_of[it.customer].to_string(), it.customer, it.action,
                         it.amount.to_display(ctx.symbol), it.why});
  }
  if (!ctx.data.bookings && !ctx.data.invoices) {
    plan.note = "Missing data: no bookings or invoices file.";
  } else if (items.empty()) {
    plan.note = "Nothing overdue and nothing left to invoice.";
  } else {
    plan.note = fmt::format("Most days outstanding first, one customer a day{}.",
                            ctx.data.invoices ? "" : "; without an invoices file only unbilled work is listed");
  }
  return {aged, plan};
}

// The road to profit per entity, from where the books stand: clean books by
// day 30 (the open accounting findings), the identified savings by day 60,
// and by day 90 the revenue that closes what is left of the monthly loss.
Section profitability_roadmap(const ReportDocument& doc, const AnalysisContext& ctx, const Scope& scope) {
  Section s{"profitability-roadmap", "Profitability roadmap", "", {"Entity", "By", "Milestone", "Done when"}, {}};
  if (!ctx.books) {
    s.note = "Missing data: no journal (`[data] journal`).";
    return s;
  }
  const Month first = ctx.period.plus(-2);
  for (const Entity* e : scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    if (eb == nullptr) {
      s.rows.push_back({e->name, phase_date(ctx, 30), "keep books", "postings for the entity in the journal"});
      continue;
    }
    Money net;
    for (int i = 0; i < 3; ++i) net += eb->revenue_in(first.plus(i)) - eb->expenses_in(first.plus(i));
    net = net.divided_by(3);
    s.rows.push_back({e->name, "now", fmt::format("net {} a month", net.to_display(ctx.symbol)),
                      fmt::format("average of {} to {} in the books", first.name(), ctx.period.name())});
    std::vector<std::string> open;
    for (const auto& f : doc.findings) {
      if (f.entity == e->id && f.category == "accounting") open.push_back(f.id);
    }
    if (!open.empty()) {
      s.rows.push_back({e->name, phase_date(ctx, 30), "books that can be trusted",
                        fmt::format("accounting findings closed: {}", join(open, ", "))});
    }
    const MetricValue savings = compute_metric("cloud_savings_month", *e, ctx, MetricPeriod::current(ctx));
    Money saved;
    if (savings.value && savings.value->scaled > 0) {
      saved = Money(savings.value->scaled, savings.value->scale);
      s.rows.push_back({e->name, phase_date(ctx, 60), fmt::format("costs down {} a month", saved.to_display(ctx.symbol)),
                        "the cloud savings in the CTO report made"});
    }
    const Money gap = -(net + saved);
    if (!gap.is_negative() && !gap.is_zero()) {
      const auto average = average_booking(ctx, e->id);
      std::string units;
      if (average && average->value.units() > 0) {
        const std::int64_t n = (gap.units() + average->value.units() - 1) / average->value.units();
        units = fmt::format(": {} more {}{} a month at the {} average", n, e->unit.empty() ? "booking" : e->unit,
                            n == 1 ? "" : "s", average->value.to_display(ctx.symbol));
      }
      s.rows.push_back({e->name, phase_date(ctx, 90), "break even",
                        fmt::format("revenue up {} a month{}", gap.to_display(ctx.symbol), units)});
    } else {
      s.rows.push_back({e->name, phase_date(ctx, 90), "stay profitable",
                        fmt::format("net {} a month or more", (net + saved).to_display(ctx.symbol))});
    }
  }
  s.note = "Net is revenue less expenses in the books; a loss is closed first by the identified savings, then by "
           "revenue, counted in bookings at the entity's average.";
  return s;
}

}  // namespace quarterdeck::report_detail
