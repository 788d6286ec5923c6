// The forward-looking tables: the CMO's listing sequence, local search
// roadmap and 30/60/90-day milestones, the rental's market position, the
// client book's aged receivables and collections plan, and the Accounting
// Officer's profitability roadmap. Each is computed from the data and says
// which data it lacks.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "analyze/finance.hpp"
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
    s.note = k_no_channels_file;
    return s;
  }
  for (const Entity* e : scope) {
    const auto options = sequence_listings(ctx, *e);
    for (std::size_t i = 0; i < options.size(); ++i) {
      const ListingOption& o = options[i];
      const std::string per_hour = o.value_month && o.effort_hours
                                       ? o.value_month->divided_by(*o.effort_hours).to_display(ctx.symbol)
                                       : "-";
      s.rows.push_back({e->name, thousands(i + 1), o.channel, words_of(o.status),
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
      s.rows.push_back({e->name, step.step, step.state, step.done || step.unknown ? "-" : phase_date(ctx, step.phase)});
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
    const auto options = sequence_listings(ctx, *e);  // empty without a channels file
    if (ctx.data.channels) {
      const auto own = ctx.channels_of(e->id);
      const std::size_t listed = static_cast<std::size_t>(
          std::ranges::count_if(own, [](const ChannelListing* c) { return c->status == "listed"; }));
      Money added;
      for (std::size_t i = 0; i < options.size(); ++i) {
        const ListingOption& o = options[i];
        if (o.value_month) added += *o.value_month;
        rows.push_back({listing_phase(i),
                        {"", e->name, fmt::format("listed on {}", o.channel),
                         fmt::format("`{}` listed in {}: {} listed", o.channel, ctx.data.channels_file,
                                     plural(static_cast<std::int64_t>(listed + i + 1), "channel")),
                         o.value_month ? fmt::format("{} (total {})", o.value_month->to_display(ctx.symbol),
                                                     added.to_display(ctx.symbol))
                                       : "unknown (see the listing sequence)"}});
      }
    }
    const bool profile_listed = std::ranges::any_of(options, [](const ListingOption& o) {
      return o.channel == "google_business";
    });
    for (const auto& step : local_seo_plan(ctx, *e, options)) {
      // The listings above cover the directories, and the profile when the
      // sequence has it.
      if (step.done || step.unknown || step.id == "directories" || (step.id == "profile" && profile_listed)) continue;
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
    s.note = k_no_bookings_file;
    return s;
  }
  const Month first = ctx.period.plus(-2);
  std::int64_t nights = 0;
  std::int64_t available = 0;
  Money revenue;
  for (int i = 0; i < 3; ++i) available += first.plus(i).days();
  for (const Booking* row : ctx.bookings_of(e.id)) {
    const Booking& b = *row;
    if (b.status == "cancelled" || b.booked_on > ctx.as_of || b.service_date < first.first_day() ||
        b.service_date > ctx.period.last_day()) {
      continue;
    }
    if (b.units <= 0) continue;  // a stay without nights has no rate
    nights += b.units;
    revenue += b.amount;
  }
  const std::string unit = e.unit.empty() ? "night" : e.unit;
  std::optional<Money> rate;
  if (nights > 0) rate = revenue.divided_by(nights);
  const Quantity occupancy = Quantity::percent_of(nights, available);
  if (m.rate) {
    s.rows.push_back({fmt::format("Average rate {}", with_article(unit)), rate ? rate->to_display(ctx.symbol) : "no stays",
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
                                         m.comparables ? ", " + plural(*m.comparables, "comparable listing") : "",
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
  s.note = fmt::format("{}, {} booked of {}. {}{}", period, plural(nights, unit), thousands(available), source,
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
    for (const Invoice* inv_row : ctx.invoices_of(e.id)) {
      const Invoice& inv = *inv_row;
      if (!inv.open_at(ctx.as_of)) continue;
      const int late = inv.due.days_until(ctx.as_of);
      const std::size_t bucket = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
      for (Open* o : {&by_customer[inv.customer], &total}) {
        ++o->count;
        o->buckets[bucket] += inv.amount;
      }
    }
    const auto row = [&](const std::string& name, const Open& o) {
      std::vector<std::string> r{name, thousands(o.count)};
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
    for (const Invoice* inv_row : ctx.invoices_of(e.id)) {
      const Invoice& inv = *inv_row;
      if (!inv.open_at(ctx.as_of)) continue;
      const int late = inv.due.days_until(ctx.as_of);
      if (late <= 0) continue;
      items.push_back({late, inv.customer, fmt::format("chase invoice {}", inv.id),
                       fmt::format("{} past due ({})", plural(late, "day"), ctx.at(ctx.data.invoices_file, inv.line)),
                       inv.amount});
    }
  }
  if (ctx.data.bookings) {
    for (const Booking* b_row : ctx.bookings_of(e.id)) {
      const Booking& b = *b_row;
      if (b.status != "delivered" || b.invoiced || b.service_date > ctx.as_of) continue;
      const int age = b.service_date.days_until(ctx.as_of);
      items.push_back({age, b.customer, fmt::format("invoice {}", b.id),
                       fmt::format("delivered {}, not invoiced ({})",
                                   age == 0 ? std::string("today") : plural(age, "day") + " ago",
                                   ctx.at(ctx.data.bookings_file, b.line)),
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
    plan.rows.push_back({thousands(i + 1), day_of[it.customer].to_string(), it.customer, it.action,
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
  Section s{"profitability-roadmap", "Profitability roadmap", "", {"Entity", "By", "Milestone", "Done when", "Findings"},
            {}, {"Findings"}};  // the ids of the findings to close: in the JSON only
  if (!ctx.books) {
    s.note = "Missing data: no journal (`[data] journal`).";
    return s;
  }
  const Month first = ctx.period.plus(-2);
  const auto closed = [](const std::vector<std::string>& ids) {
    return fmt::format("the {} above closed", plural(static_cast<std::int64_t>(ids.size()), "accounting finding"));
  };
  for (const Entity* e : scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    if (eb == nullptr) {
      s.rows.push_back({e->name, phase_date(ctx, 30), "keep books", "postings for the entity in the journal"});
      continue;
    }
    Money revenue;
    Money net;
    for (int i = 0; i < 3; ++i) {
      revenue += eb->revenue_in(first.plus(i));
      net += eb->revenue_in(first.plus(i)) - eb->expenses_in(first.plus(i));
    }
    net = net.divided_by(3);
    std::vector<std::string> open;
    for (const auto& f : doc.findings) {
      if (f.entity == e->id && f.category == "accounting") open.push_back(f.id);
    }
    if (revenue.is_zero()) {
      // A loss made of expenses alone says nothing about profit when the
      // income never reached the books: the first milestone is to record it.
      s.rows.push_back({e->name, "now", "net unknown",
                        fmt::format("missing data: no income in the books from {} to {}", first.name(), ctx.period.name())});
      s.rows.push_back({e->name, phase_date(ctx, 30), "income recorded in the books",
                        open.empty() ? "income postings for the entity" : closed(open), join(open, ", ")});
      continue;
    }
    s.rows.push_back({e->name, "now", fmt::format("net {} a month", net.to_display(ctx.symbol)),
                      fmt::format("average of {} to {} in the books", first.name(), ctx.period.name())});
    if (!open.empty()) {
      s.rows.push_back({e->name, phase_date(ctx, 30), "books that can be trusted", closed(open), join(open, ", ")});
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
      // In units at the contribution each brings (price less variable cost,
      // as break-even computes it), else in bookings at the average booking.
      std::string units;
      const BreakEven b = e->unit.empty() ? BreakEven{} : break_even(*e, ctx);
      const Money contribution = b.price_per_unit - b.variable_per_unit;
      const auto average = average_booking(ctx, e->id);
      const auto ceil_div = [](std::int64_t num, std::int64_t den) { return (num + den - 1) / den; };
      if (!e->unit.empty() && b.missing.empty() && b.unreachable.empty() && contribution.units() > 0) {
        const std::int64_t n = ceil_div(gap.units(), contribution.units());
        units = fmt::format(": {} more {}{} a month at {} each after variable costs", n, e->unit, n == 1 ? "" : "s",
                            contribution.to_display(ctx.symbol));
      } else if (average && average->value.units() > 0) {
        const std::int64_t n = ceil_div(gap.units(), average->value.units());
        units = fmt::format(": {} more booking{} a month at the {} average", n, n == 1 ? "" : "s",
                            average->value.to_display(ctx.symbol));
      }
      s.rows.push_back({e->name, phase_date(ctx, 90), "break even",
                        fmt::format("revenue up {} a month{}", gap.to_display(ctx.symbol), units)});
    } else {
      s.rows.push_back({e->name, phase_date(ctx, 90), "stay profitable",
                        fmt::format("net {} a month or more", (net + saved).to_display(ctx.symbol))});
    }
  }
  for (auto& row : s.rows) row.resize(s.columns.size());
  s.note = "Net is revenue less expenses in the books; a loss is closed first by the identified savings, then by "
           "revenue, counted in units at what each brings after variable costs (the break-even table's price less "
           "variable cost), else in bookings at the entity's average.";
  return s;
}

}  // namespace quarterdeck::report_detail

namespace quarterdeck::report_detail {

// The CTO's ten engineering actions: the report's findings grouped by kind
// (the finding id without its entity: `no-ci`, `no-waf`; every secret the
// scan found is one kind, rotation), ranked by the most severe finding in
// the group, then by how many findings it closes, then by the earliest due
// date. Ids are `eng-KIND`, stable across runs.
Section engineering_actions(const ReportDocument& doc, const AnalysisContext& ctx) {
  std::set<std::string> secret_rules;
  if (ctx.data.repos) {
    for (const auto& repo : *ctx.data.repos) {
      for (const auto& s : repo.secrets) secret_rules.insert(s.rule);
    }
  }
  struct Group {
    std::string kind;
    int rank = 99;
    std::optional<Date> due;
    std::vector<const Finding*> findings;
    std::vector<std::string> entities;
    std::set<std::string> named;  // the entities already in `entities`
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> group_of;  // kind -> place in groups
  for (const auto& f : doc.findings) {
    if (f.severity == Severity::info) continue;
    std::string kind = f.id;
    if (!f.entity.empty()) {
      const auto at = f.id.find("-" + f.entity);
      if (at != std::string::npos) kind = f.id.substr(0, at);
    }
    if (secret_rules.contains(kind) || kind == "secrets") kind = "rotate-secrets";  // one finding per repository
    const auto [at, added] = group_of.try_emplace(kind, groups.size());
    if (added) groups.push_back({kind, 99, std::nullopt, {}, {}, {}});
    Group* g = &groups[at->second];
    g->rank = std::min(g->rank, rank(f.severity));
    if (f.due && (!g->due || *f.due < *g->due)) g->due = f.due;
    g->findings.push_back(&f);
    const Entity* e = ctx.entities.by_id(f.entity);
    const std::string name = e ? e->name : "portfolio";
    if (g->named.insert(name).second) g->entities.push_back(name);
  }
  std::ranges::stable_sort(groups, [](const Group& a, const Group& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.findings.size() != b.findings.size()) return a.findings.size() > b.findings.size();
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();  // undated last
    return a.due && *a.due < *b.due;
  });
  Section s{"engineering-actions",
            "Ten engineering actions",
            "",
            {"#", "Id", "Action", "Entities", "Severity", "Due", "Closes", "Findings"},
            {},
            {"Id", "Findings"}};  // the ids: in the JSON only
  for (std::size_t i = 0; i < groups.size() && i < 10; ++i) {
    const Group& g = groups[i];
    std::string action;
    if (g.kind == "rotate-secrets") {
      action = "Rotate every secret in the Secrets table, then load them from the environment or a secret store and "
               "purge them from history.";
    } else {
      action = g.findings.front()->recommendation;
      const bool same = std::ranges::all_of(g.findings, [&](const Finding* f) { return f->recommendation == action; });
      if (!same) action += fmt::format(" (and {} more like it)", g.findings.size() - 1);
    }
    std::vector<std::string> ids;
    for (const Finding* f : g.findings) ids.push_back(f->id);
    s.rows.push_back({thousands(i + 1), "eng-" + g.kind, action, join(g.entities, ", "),
                      std::string(to_string(static_cast<Severity>(g.rank))), g.due ? g.due->to_string() : "-",
                      plural(static_cast<std::int64_t>(g.findings.size()), "finding"), join(ids, ", ")});
  }
  s.note = groups.empty() ? "No engineering findings."
                          : fmt::format("{} kinds of finding, grouped across entities; the {} most severe (then the "
                                        "most widespread) first.",
                                        groups.size(), std::min<std::size_t>(groups.size(), 10));
  return s;
}

// Monthly revenue targets through the next two quarters: the revenue KPI's
// target, the break-even revenue, what the bookings already hold for the
// month, and what is still to sell.
Section revenue_plan(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"revenue-plan", "Revenue targets, the next two quarters", "",
            {"Entity", "Month", "Target", "Break-even revenue", "Booked so far", "Still to sell"}, {}};
  std::vector<std::string> without;
  for (const Entity* e : scope) {
    const std::optional<Money> target = revenue_target(*e);
    std::optional<Money> floor;
    if (ctx.books && !e->unit.empty()) {
      const BreakEven b = break_even(*e, ctx);
      // fixed a month x price / (price - variable) = fixed x revenue / (revenue - variable costs), rounded once.
      if (b.break_even_units) {
        floor = b.fixed_per_month.times(b.revenue.units()).divided_by((b.revenue - b.variable_costs).units());
      }
    }
    if (!target && !floor) {
      without.push_back(e->name);
      continue;
    }
    const Month first = Month::of(ctx.as_of);
    for (int i = 0; i < 6; ++i) {
      const Month m = first.plus(i);
      std::optional<Money> booked;
      if (ctx.data.bookings) {
        booked = Money();
        for (const Booking* b : ctx.bookings_of(e->id)) {
          if (b->status != "cancelled" && b->booked_on <= ctx.as_of && m.contains(b->service_date)) *booked += b->amount;
        }
      }
      if (!in_season(*e, m)) {  // closed that month: nothing to sell, no target
        s.rows.push_back({e->name, m.to_string(), "-", "-", booked ? booked->to_display(ctx.symbol) : "no bookings file",
                          "out of season"});
        continue;
      }
      const Money goal = target && floor ? std::max(*target, *floor) : target ? *target : *floor;
      std::string left = "-";
      if (booked) left = *booked >= goal ? "covered" : (goal - *booked).to_display(ctx.symbol);
      s.rows.push_back({e->name, m.to_string(), target ? target->to_display(ctx.symbol) : "-",
                        floor ? floor->to_display(ctx.symbol) : "-",
                        booked ? booked->to_display(ctx.symbol) : "no bookings file", left});
    }
  }
  s.note = "Targets are the `revenue_month` KPI's; break-even revenue is the break-even units at the current price. "
           "Still to sell is the higher of the two less what is booked for the month.";
  if (!without.empty()) {
    s.note += fmt::format(" Missing data: no revenue target or break-even for {}.", join(without, ", "));
  }
  return s;
}

// A service business's delivery chain over the last 90 days: bookings taken,
// how many were cancelled, are still quoted or confirmed, were delivered and
// invoiced. (Invoices carry no booking id, so there is no paid stage.)
Section delivery_chain(const AnalysisContext& ctx, const Entity& e) {
  Section s{"delivery-chain", "Delivery chain, last 90 days", "", {"Stage", "Count", "Value", "Of the bookings"}, {}};
  if (!ctx.data.bookings) {
    s.note = k_no_bookings_file;
    return s;
  }
  const Date from = ctx.as_of.plus_days(-90);
  struct Stage {
    std::int64_t n = 0;
    Money value;
    void add(const Booking& b) {
      ++n;
      value += b.amount;
    }
  } taken, cancelled, open, delivered, invoiced;
  for (const Booking* b_row : ctx.bookings_of(e.id)) {
    const Booking& b = *b_row;
    if (b.booked_on <= from || b.booked_on > ctx.as_of) continue;
    taken.add(b);
    if (b.status == "cancelled") cancelled.add(b);
    if (b.status == "quoted" || b.status == "confirmed") open.add(b);
    if (b.status == "delivered") delivered.add(b);
    if (b.status == "delivered" && b.invoiced) invoiced.add(b);
  }
  const auto row = [&](const char* name, const Stage& st) {
    s.rows.push_back({name, thousands(st.n), st.value.to_display(ctx.symbol),
                      taken.n ? Quantity::percent_of(st.n, taken.n).to_display(ctx.symbol) : "-"});
  };
  row("Booked", taken);
  row("Cancelled", cancelled);
  row("Quoted or confirmed, not yet delivered", open);
  row("Delivered", delivered);
  row("Delivered and invoiced", invoiced);
  s.note = fmt::format("Bookings taken from {} to {}, by where each stands now.", from.plus_days(1).to_string(),
                       ctx.as_of.to_string());
  return s;
}

// Where a service business's customers come from: bookings by channel over
// the last 12 months, new customers among them, and the leads each listed
// channel reports.
Section customer_acquisition(const AnalysisContext& ctx, const Entity& e) {
  Section s{"acquisition", "Customer acquisition, last 12 months", "",
            {"Channel", "Bookings", "New customers", "Value", "Average booking", "Leads, last 30 days"}, {}};
  if (!ctx.data.bookings) {
    s.note = k_no_bookings_file;
    return s;
  }
  const std::map<std::string, ChannelBookings> by_channel = bookings_by_channel(ctx, e);
  for (const auto& [name, c] : by_channel) {
    std::string leads = "-";
    if (ctx.data.channels) {
      const ChannelListing* it = ctx.channel_row(e.id, name);
      if (it != nullptr && it->leads_30d) leads = thousands(*it->leads_30d);
    }
    s.rows.push_back({name, thousands(c.bookings), thousands(c.fresh), c.value.to_display(ctx.symbol),
                      c.value.divided_by(c.bookings).to_display(ctx.symbol), leads});
  }
  s.note = s.rows.empty() ? "No bookings in the last 12 months."
                          : "A new customer is one with no earlier booking in the file; channels are the bookings' "
                            "`channel` column.";
  return s;
}

}  // namespace quarterdeck::report_detail

namespace quarterdeck::report_detail {

// Per-client profitability over 12 months: the effective rate per hour, and
// the margin after the costs declared to belong to the work: the entity's
// `unit_cost` for each unit and its expenses in the `direct_costs`
// categories, shared out by units. The rest of the entity's (or an
// agency's) costs are not the clients' to carry.
Section client_profitability(const AnalysisContext& ctx, const Entity& e) {
  const std::string unit = e.unit.empty() ? "unit" : e.unit;
  Section s{"client-profitability", "Client profitability, last 12 months", "",
            {"Client", unit == "hour" ? "Hours" : "Units", "Delivered", fmt::format("Rate / {}", unit),
             "Direct cost", "Margin", "Margin %"},
            {}};
  if (!ctx.data.bookings) {
    s.note = k_no_bookings_file;
    return s;
  }
  struct Client {
    std::int64_t hours = 0;
    Money delivered;
  };
  std::map<std::string, Client> by_client;
  std::int64_t hours = 0;
  for (const Booking* row : ctx.bookings_of(e.id)) {
    const Booking& b = *row;
    if (b.status != "delivered" || b.service_date > ctx.as_of || b.service_date.days_until(ctx.as_of) > 365) {
      continue;
    }
    by_client[b.customer].hours += b.units;
    by_client[b.customer].delivered += b.amount;
    hours += b.units;
  }
  const bool declared = e.unit_cost.has_value() || !e.direct_costs.empty();
  const EntityBooks* eb = ctx.books ? ctx.books->find(e.id) : nullptr;
  Money books_cost;  // expenses in the direct cost categories
  if (eb != nullptr) {
    for (const auto& category : e.direct_costs) {
      const auto it = eb->expenses_by_category.find(category);
      if (it == eb->expenses_by_category.end()) continue;
      for (int i = 11; i >= 0; --i) {
        const auto m = it->second.find(ctx.period.plus(-i));
        if (m != it->second.end()) books_cost += m->second;
      }
    }
  }
  const Money direct = e.unit_cost ? e.unit_cost->times(hours) : Money();
  const Money cost = books_cost + direct;
  // Highest rate per hour first: rate a vs rate b as delivered_a * hours_b > delivered_b * hours_a.
  std::vector<std::pair<std::string, Client>> order(by_client.begin(), by_client.end());
  std::ranges::stable_sort(order, [](const auto& a, const auto& b) {
    return a.second.delivered.units() * b.second.hours > b.second.delivered.units() * a.second.hours;
  });
  for (const auto& [name, c] : order) {
    const Money share = hours > 0 ? cost.times(c.hours).divided_by(hours) : Money();
    const Money margin = c.delivered - share;
    s.rows.push_back({name, thousands(c.hours), c.delivered.to_display(ctx.symbol),
                      c.hours > 0 ? c.delivered.divided_by(c.hours).to_display(ctx.symbol) : "-",
                      declared ? share.to_display(ctx.symbol) : "-", declared ? margin.to_display(ctx.symbol) : "-",
                      !declared || c.delivered.is_zero()
                          ? "-"
                          : Quantity::percent_of(margin.units(), c.delivered.units()).to_display(ctx.symbol)});
  }
  if (!declared) {
    s.note = fmt::format("Missing data: no cost declared for the work (`unit_cost` per {}, or the expense categories "
                         "in `direct_costs`, in {}), so no margin; the entity's other costs are not the clients' to "
                         "carry. Highest rate first.",
                         unit, e.file);
    return s;
  }
  std::vector<std::string> parts;
  if (e.unit_cost) {
    parts.push_back(fmt::format("the `unit_cost` of {} per {} ({})", e.unit_cost->to_display(ctx.symbol),
                                unit, direct.to_display(ctx.symbol)));
  }
  if (!e.direct_costs.empty()) {
    parts.push_back(fmt::format("{}'s expenses in {} from {} to {} ({})", e.name, join(e.direct_costs, ", "),
                                ctx.period.plus(-11).name(), ctx.period.name(), books_cost.to_display(ctx.symbol)));
  }
  s.note = fmt::format("Direct cost is {}, as declared in {}, shared out by {}s ({} in all); the entity's other costs "
                       "are left out. Highest rate first.",
                       join(parts, " and "), e.file, unit, thousands(hours));
  return s;
}

}  // namespace quarterdeck::report_detail
