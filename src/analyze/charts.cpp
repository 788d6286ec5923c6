// The chart builders: the figures of the sections, month by month or
// item by item, as Chart data. Every value is an integer (cents, counts);
// the alt text states the key numbers in words.
#include "analyze/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "analyze/cloud.hpp"
#include "analyze/forecast.hpp"
#include "analyze/marketing.hpp"
#include "analyze/metrics.hpp"
#include "analyze/totals.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

constexpr std::array<std::string_view, 12> k_month_abbrev = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 12> k_month_name = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::string_view k_no_journal =
    "No journal (`[data] journal`): this chart is drawn from its postings.";
constexpr std::size_t k_most_items = 8;  // bars of a horizontal chart; the rest are "Other"

std::string abbrev(Month m) {
  return std::string(k_month_abbrev[static_cast<std::size_t>(m.month() - 1)]);
}
std::string month_word(Month m) {
  return std::string(k_month_name[static_cast<std::size_t>(m.month() - 1)]);
}

// "Jan–Oct 2026", "Dec 2025–Nov 2026".
std::string month_range(Month first, Month last) {
  if (first.year() == last.year())
    return fmt::format("{}–{} {}", abbrev(first), abbrev(last), last.year());
  return fmt::format("{} {}–{} {}", abbrev(first), first.year(), abbrev(last), last.year());
}

std::vector<Month> months_between(Month first, Month last) {
  std::vector<Month> out;
  for (Month m = first; m <= last; m = m.plus(1)) out.push_back(m);
  return out;
}

std::vector<std::string> abbrevs(const std::vector<Month>& months) {
  std::vector<std::string> out;
  for (const Month m : months) out.push_back(abbrev(m));
  return out;
}

// An amount in whole units for a sentence: "$36,082".
std::string whole(Money m, std::string_view symbol) {
  std::int64_t divisor = 1;
  for (int i = 0; i < m.precision(); ++i) divisor *= 10;
  return Money(m.divided_by(divisor).units(), 0).to_display(symbol);
}

// The first of `candidates` the report shows, so the chart stands before
// it; none: after the summary.
std::string section_for(const ReportDefinition& def,
                        std::initializer_list<std::string_view> candidates) {
  for (const auto c : candidates) {
    if (std::ranges::find(def.sections, c) != def.sections.end()) return std::string(c);
  }
  return "";
}

Chart money_chart(const SectionInput& in, std::string id, Chart::Kind kind, std::string title) {
  Chart c;
  c.id = std::move(id);
  c.kind = kind;
  c.title = std::move(title);
  c.unit = Quantity::Kind::money;
  c.scale = Money().precision();
  c.symbol = in.ctx.symbol;
  return c;
}

// "JADA Yacht Charters: " in a report on several entities.
std::string whose(const SectionInput& in, const Entity& e) {
  return in.scope.size() > 1 ? e.name + ": " : "";
}

// Revenue against the `revenue_month` target, month by month from January
// of the period's year to the period (the last complete month), one chart
// per entity with a target.
std::vector<Chart> revenue_vs_target(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::vector<Month> months = months_between(Month(ctx.period.year(), 1), ctx.period);
  const std::string range = month_range(months.front(), months.back());
  const std::string section = section_for(in.def, {"revenue-targets", "entity-overview", "pnl"});
  std::vector<Chart> out;
  for (const Entity* e : in.scope) {
    const std::optional<Money> target = revenue_target(*e);
    if (!target) continue;
    Chart c = money_chart(in, "revenue-vs-target-" + e->id, Chart::Kind::bars,
                          fmt::format("{}Revenue against target, {}", whose(in, *e), range));
    c.section = section;
    c.labels = abbrevs(months);
    ChartSeries revenue{"Revenue", {}};
    ChartSeries goal{"Target", {}};
    const EntityBooks* eb = ctx.books ? ctx.books->find(e->id) : nullptr;
    bool any = false;
    int below = 0;
    int measured = 0;
    for (const Month m : months) {
      const Money r = eb != nullptr ? eb->revenue_in(m) : Money();
      if (!r.is_zero()) any = true;
      revenue.values.push_back(r.units());
      const bool applies = in_season(*e, m);
      goal.values.push_back(applies ? std::optional(target->units()) : std::nullopt);
      if (applies) {
        ++measured;
        if (r < *target) ++below;
      }
    }
    if (!ctx.books) {
      c.empty_note = std::string(k_no_journal);
    } else if (eb == nullptr || eb->income_postings == 0 || !any) {
      c.empty_note = fmt::format(
          "No revenue recorded for {} in {} yet: needs income postings (`Income:{}:...`) "
          "in the journal.",
          e->name, range, e->account.empty() ? "ENTITY" : e->account);
    }
    if (!c.empty_note.empty()) {
      revenue.values.assign(months.size(), std::nullopt);
      c.series = {std::move(revenue)};
      c.target = std::move(goal);
      c.alt = c.title + ": " + c.empty_note;
      out.push_back(std::move(c));
      continue;
    }
    const Money last = eb->revenue_in(months.back());
    c.alt = fmt::format(
        "{}Revenue against target, {}: {} in {} against a {} target{}; {} of {} below target.",
        whose(in, *e), range, whole(last, ctx.symbol), month_word(months.back()),
        whole(*target, ctx.symbol), in_season(*e, months.back()) ? "" : " (out of season)", below,
        plural(measured, "month in season", "months in season"));
    c.series = {std::move(revenue)};
    c.target = std::move(goal);
    out.push_back(std::move(c));
  }
  if (out.empty()) {
    Chart c = money_chart(in, "revenue-vs-target", Chart::Kind::bars,
                          fmt::format("Revenue against target, {}", range));
    c.section = section;
    c.empty_note = "No entity in this report declares a `revenue_month` KPI with a target.";
    c.alt = c.title + ": " + c.empty_note;
    out.push_back(std::move(c));
  }
  return out;
}

// The scope's cash at the end of each of the last eleven complete months
// and at the as-of date, with the burn and the runway of the totals.
std::vector<Chart> cash_runway(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::vector<Month> months = months_between(ctx.period.plus(-10), ctx.period);
  Chart c = money_chart(in, "cash-runway", Chart::Kind::line, "Cash by month");
  c.section = section_for(in.def, {"runway", "portfolio-totals"});
  c.labels = abbrevs(months);
  c.labels.push_back(ctx.as_of.short_text(ctx.as_of));
  if (!ctx.books) {
    c.empty_note = std::string(k_no_journal);
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  const PortfolioTotals t = portfolio_totals(ctx, in.scope);
  ChartSeries cash{"Cash", {}};
  std::vector<const EntityBooks*> with_cash;
  for (const EntityTotals& et : t.entities) {
    if (!et.has_cash) continue;
    with_cash.push_back(ctx.books->find(et.entity->id));
  }
  if (with_cash.empty()) {
    c.empty_note =
        "No cash account in the books: needs postings to `Assets:ENTITY:Checking` (or `Cash`, "
        "`Savings`) in the journal.";
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  for (const Month m : months) {
    Money sum;
    for (const EntityBooks* eb : with_cash) sum += eb->cash_at(m.last_day());
    cash.values.push_back(sum.units());
  }
  cash.values.push_back(t.cash.units());
  c.series = {std::move(cash)};
  // The runway as the totals say it: "burning $2,100 a month: runway 5.6 months", "not burning".
  const bool burning = t.runway.state == Runway::State::months && t.burn;
  const std::string runway = burning
                                 ? fmt::format("burning {} a month: runway {}",
                                               whole(*t.burn, ctx.symbol), t.runway.to_display())
                                 : t.runway.to_display();
  c.title = burning ? fmt::format("Cash by month; runway {}", t.runway.to_display())
                    : fmt::format("Cash by month; {}", t.runway.to_display());
  const Money start = Money(*c.series.front().values.front());
  c.alt = fmt::format("Cash, {} {} to {}: {} on {}, from {} at the end of {} {}; {}.",
                      abbrev(months.front()), months.front().year(), ctx.as_of.to_string(),
                      whole(t.cash, ctx.symbol), ctx.as_of.to_string(), whole(start, ctx.symbol),
                      month_word(months.front()), months.front().year(), runway);
  return {std::move(c)};
}

// The 13-week cash forecast (analyze/forecast.hpp): each week's closing
// cash (the entities together with several in scope), the downside's when
// declared, and the floor as a dashed line.
std::vector<Chart> cash_forecast_chart(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  Chart c = money_chart(in, "cash-forecast", Chart::Kind::line, "Cash forecast, 13 weeks");
  c.section = section_for(in.def, {"cash-forecast"});
  const CashForecast fc = cash_forecast(ctx, in.scope);
  const EntityForecast* shown =
      fc.total ? &*fc.total : (fc.entities.empty() ? nullptr : &fc.entities.front());
  for (int w = 0; w < k_forecast_weeks; ++w)
    c.labels.push_back(forecast_week_start(ctx.as_of, w).short_text(ctx.as_of));
  if (shown == nullptr || !shown->computed()) {
    c.empty_note = shown == nullptr ? "No entity in this report."
                                    : fmt::format("Not forecast: {}.", shown->missing);
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  ChartSeries closing{"Closing", {}};
  ChartSeries downside{"Downside", {}};
  ChartSeries floor{"Floor", {}};
  for (const ForecastWeek& w : shown->weeks) {
    closing.values.push_back(w.closing.units());
    downside.values.push_back(w.downside_closing.units());
    floor.values.push_back(fc.floor.units());
  }
  c.series.push_back(std::move(closing));
  if (fc.downside) c.series.push_back(std::move(downside));
  c.target = std::move(floor);
  const ForecastWeek& low = shown->weeks[static_cast<std::size_t>(shown->lowest_week)];
  c.alt = fmt::format(
      "Cash forecast, 13 weeks: {} today; {}; {}.", whole(shown->opening, ctx.symbol),
      low.closing < shown->opening
          ? fmt::format("lowest {} in the week of {}", whole(low.closing, ctx.symbol),
                        low.start.short_text(ctx.as_of))
          : fmt::format("never below that, {} after 13 weeks",
                        whole(shown->weeks.back().closing, ctx.symbol)),
      shown->below_floor
          ? fmt::format("below the {} floor from the week of {}", whole(fc.floor, ctx.symbol),
                        forecast_week_start(ctx.as_of, *shown->below_floor).short_text(ctx.as_of))
          : fmt::format("above the {} floor throughout", whole(fc.floor, ctx.symbol)));
  return {std::move(c)};
}

// Expenses of the last six complete months by category, stacked: the
// largest categories over the six months, the rest as "Other".
std::vector<Chart> expense_mix(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::vector<Month> months = months_between(ctx.period.plus(-5), ctx.period);
  const std::string range = month_range(months.front(), months.back());
  Chart c = money_chart(in, "expense-mix", Chart::Kind::stacked,
                        fmt::format("Expenses by category, {}", range));
  c.section = section_for(in.def, {"expenses", "pnl"});
  c.labels = abbrevs(months);
  if (!ctx.books) {
    c.empty_note = std::string(k_no_journal);
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  std::map<std::string, std::vector<Money>> by_category;
  for (const Entity* e : in.scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    if (eb == nullptr) continue;
    for (const auto& [category, amounts] : eb->expenses_by_category) {
      for (std::size_t i = 0; i < months.size(); ++i) {
        const auto it = amounts.find(months[i]);
        if (it == amounts.end()) continue;
        auto& row = by_category[category];
        row.resize(months.size());
        row[i] += it->second;
      }
    }
  }
  struct Category {
    std::string name;
    std::vector<Money> amounts;
    Money total;
  };
  std::vector<Category> categories;
  for (auto& [name, amounts] : by_category) {
    Money total;
    for (const Money m : amounts) total += m;
    if (total.is_zero()) continue;
    categories.push_back({name, std::move(amounts), total});
  }
  if (categories.empty()) {
    c.empty_note = fmt::format(
        "No expenses recorded in {}: needs expense postings (`Expenses:ENTITY:CATEGORY`) in "
        "the journal.",
        range);
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  std::ranges::stable_sort(categories,
                           [](const Category& a, const Category& b) { return a.total > b.total; });
  constexpr std::size_t k_stacked = 5;
  if (categories.size() > k_stacked + 1) {
    Category other{"Other", std::vector<Money>(months.size()), Money()};
    for (std::size_t i = k_stacked; i < categories.size(); ++i) {
      for (std::size_t m = 0; m < months.size(); ++m) other.amounts[m] += categories[i].amounts[m];
      other.total += categories[i].total;
    }
    categories.resize(k_stacked);
    categories.push_back(std::move(other));
  }
  Money last_total;
  for (const auto& cat : categories) last_total += cat.amounts.back();
  std::vector<std::string> parts;
  for (const auto& cat : categories) {
    ChartSeries s{cat.name, {}};
    for (const Money m : cat.amounts) s.values.push_back(m.units());
    c.series.push_back(std::move(s));
  }
  std::vector<const Category*> in_last;
  for (const auto& cat : categories) in_last.push_back(&cat);
  std::ranges::stable_sort(in_last, [](const Category* a, const Category* b) {
    return a->amounts.back() > b->amounts.back();
  });
  for (std::size_t i = 0; i < in_last.size() && i < 3; ++i) {
    if (in_last[i]->amounts.back().is_zero()) break;
    parts.push_back(
        fmt::format("{} {} ({})", in_last[i]->name, whole(in_last[i]->amounts.back(), ctx.symbol),
                    Quantity::percent_of(in_last[i]->amounts.back().units(), last_total.units())
                        .to_display(ctx.symbol)));
  }
  c.alt =
      fmt::format("Expenses by category, {}: {} in {}{}{}.", range, whole(last_total, ctx.symbol),
                  month_word(months.back()), parts.empty() ? "" : ", the most ", join(parts, ", "));
  return {std::move(c)};
}

// The forward bookings (metrics.hpp is_forward_booking) by the month of
// their service, from the as-of month on for six months, stacked by entity.
std::vector<Chart> pipeline_by_month(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const Month first = Month::of(ctx.as_of);
  const std::vector<Month> months = months_between(first, first.plus(5));
  Chart c = money_chart(in, "pipeline-by-month", Chart::Kind::stacked,
                        fmt::format("Forward bookings by month of service, {}",
                                    month_range(months.front(), months.back())));
  c.section = section_for(in.def, {"pipeline", "entity-overview"});
  c.labels = abbrevs(months);
  if (!ctx.data.bookings) {
    c.empty_note = "No bookings file (`[data] bookings`): the pipeline is drawn from it.";
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  Money total;
  Money later;
  std::vector<Money> by_month(months.size());
  for (const Entity* e : in.scope) {
    if (!takes_bookings(*e)) continue;
    ChartSeries s{e->name, std::vector<std::optional<std::int64_t>>(months.size(), 0)};
    bool any = false;
    for (const Booking* b : ctx.bookings_of(e->id)) {
      if (!is_forward_booking(*b, ctx.as_of)) continue;
      total += b->amount;
      const Month m = Month::of(b->service_date);
      if (m > months.back()) {
        later += b->amount;
        continue;
      }
      const auto i =
          static_cast<std::size_t>(std::distance(months.begin(), std::ranges::find(months, m)));
      *s.values[i] += b->amount.units();
      by_month[i] += b->amount;
      any = true;
    }
    if (any) c.series.push_back(std::move(s));
  }
  if (c.series.empty()) {
    c.empty_note = fmt::format(
        "No bookings with a service date from {} on: needs future bookings in the bookings "
        "file (`[data] bookings`).",
        ctx.as_of.to_string());
    if (!later.is_zero()) {
      c.empty_note = fmt::format("No bookings with a service date from {} to {}; {} later.",
                                 ctx.as_of.to_string(), months.back().last_day().to_string(),
                                 whole(later, ctx.symbol));
    }
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  if (c.series.size() == 1) c.kind = Chart::Kind::bars;
  const auto most = std::ranges::max_element(by_month);
  const auto i = static_cast<std::size_t>(std::distance(by_month.begin(), most));
  c.alt = fmt::format(
      "Forward bookings at {}: {} in all, the most in {} ({}){}.", ctx.as_of.to_string(),
      whole(total, ctx.symbol), month_word(months[i]), whole(*most, ctx.symbol),
      later.is_zero()
          ? ""
          : fmt::format("; {} after {}", whole(later, ctx.symbol), month_word(months.back())));
  return {std::move(c)};
}

// Booked value of the last 12 months by channel (marketing.hpp
// bookings_by_channel), the scope's entities together, largest first;
// channels listed in the channels file that brought nothing show as zero.
std::vector<Chart> channel_matrix(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  Chart c = money_chart(in, "channel-matrix", Chart::Kind::horizontal,
                        "Booked value by channel, last 12 months");
  c.section = section_for(in.def, {"channels", "acquisition", "pipeline"});
  if (!ctx.data.bookings) {
    c.empty_note = "No bookings file (`[data] bookings`): the value by channel is drawn from it.";
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  std::map<std::string, Money> value;
  for (const Entity* e : in.scope) {
    for (const auto& [channel, b] : bookings_by_channel(ctx, *e)) value[channel] += b.value;
    for (const ChannelListing* row : ctx.channels_of(e->id)) {
      if (row->status == "listed") value.try_emplace(row->channel);
    }
  }
  std::vector<std::pair<std::string, Money>> rows(value.begin(), value.end());
  std::ranges::stable_sort(rows, [](const auto& a, const auto& b) { return a.second > b.second; });
  Money total;
  for (const auto& [_, v] : rows) total += v;
  if (total.is_zero()) {
    c.empty_note = fmt::format(
        "No bookings from {} to {}: the value by channel needs bookings with a `channel` in "
        "the bookings file.",
        ctx.as_of.plus_days(-364).to_string(), ctx.as_of.to_string());
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  if (rows.size() > k_most_items) {
    Money other;
    for (std::size_t i = k_most_items - 1; i < rows.size(); ++i) other += rows[i].second;
    rows.resize(k_most_items - 1);
    rows.emplace_back("Other", other);
  }
  ChartSeries s{"Booked value", {}};
  std::vector<std::string> parts;
  for (const auto& [channel, v] : rows) {
    c.labels.push_back(channel);
    s.values.push_back(v.units());
    if (parts.size() < 3 && !v.is_zero()) {
      parts.push_back(
          fmt::format("{} {} ({})", channel, whole(v, ctx.symbol),
                      Quantity::percent_of(v.units(), total.units()).to_display(ctx.symbol)));
    }
  }
  const auto idle = std::ranges::count_if(rows, [](const auto& r) { return r.second.is_zero(); });
  c.series = {std::move(s)};
  c.alt = fmt::format(
      "Booked value by channel, last 12 months: {} in all; {}{}. Spend by channel is not in the "
      "data.",
      whole(total, ctx.symbol), join(parts, ", "),
      idle == 0 ? "" : fmt::format("; {} listed with no booking", plural(idle, "channel")));
  return {std::move(c)};
}

// The period's cloud bill by service (cloud.hpp cloud_cost_by_service), one
// chart per entity with cloud costs, largest first.
std::vector<Chart> cloud_cost_by_service_charts(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::string section = section_for(in.def, {"cloud-services", "cloud-costs"});
  std::vector<Chart> out;
  const auto none = [&](std::string note) {
    Chart c = money_chart(in, "cloud-cost-by-service", Chart::Kind::horizontal,
                          fmt::format("Cloud cost by service, {}", ctx.period.name()));
    c.section = section;
    c.empty_note = std::move(note);
    c.alt = c.title + ": " + c.empty_note;
    return std::vector<Chart>{std::move(c)};
  };
  if (!ctx.data.cloud_costs)
    return none("No cloud cost file (`[data] cloud_costs`): this chart is drawn from it.");
  for (const Entity* e : in.scope) {
    if (ctx.cloud_costs_of(e->id).empty()) continue;
    Chart c =
        money_chart(in, "cloud-cost-by-service-" + e->id, Chart::Kind::horizontal,
                    fmt::format("{}Cloud cost by service, {}", whose(in, *e), ctx.period.name()));
    c.section = section;
    const auto services = cloud_cost_by_service(ctx, e->id, ctx.period);
    std::vector<std::pair<std::string, Money>> rows(services.begin(), services.end());
    std::ranges::stable_sort(rows,
                             [](const auto& a, const auto& b) { return a.second > b.second; });
    Money total;
    for (const auto& [_, v] : rows) total += v;
    if (rows.empty()) {
      c.empty_note =
          fmt::format("No cloud costs for {} in {}: needs its rows for {} in the cloud cost file.",
                      e->name, ctx.period.name(), ctx.period.to_string());
      c.alt = c.title + ": " + c.empty_note;
      out.push_back(std::move(c));
      continue;
    }
    if (rows.size() > k_most_items) {
      Money other;
      for (std::size_t i = k_most_items - 1; i < rows.size(); ++i) other += rows[i].second;
      rows.resize(k_most_items - 1);
      rows.emplace_back("Other", other);
    }
    ChartSeries s{"Cost", {}};
    std::vector<std::string> parts;
    for (const auto& [service, v] : rows) {
      c.labels.push_back(service);
      s.values.push_back(v.units());
      if (parts.size() < 3) {
        parts.push_back(
            fmt::format("{} {} ({})", service, whole(v, ctx.symbol),
                        Quantity::percent_of(v.units(), total.units()).to_display(ctx.symbol)));
      }
    }
    c.series = {std::move(s)};
    c.alt = fmt::format("{}Cloud cost by service, {}: {} in all; {}.", whose(in, *e),
                        ctx.period.name(), whole(total, ctx.symbol), join(parts, ", "));
    out.push_back(std::move(c));
  }
  if (out.empty())
    return none("No cloud costs for the entities of this report in the cloud cost file.");
  return out;
}

// One sparkline per entity: its revenue in the books over the last twelve
// complete months.
std::vector<Chart> entity_sparklines(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::vector<Month> months = months_between(ctx.period.plus(-11), ctx.period);
  Chart c =
      money_chart(in, "entity-sparklines", Chart::Kind::sparklines,
                  fmt::format("Revenue by month, {}", month_range(months.front(), months.back())));
  c.section = section_for(
      in.def, {"entity-overview", "entities-side-by-side", "portfolio-totals", "snapshot"});
  c.labels = abbrevs(months);
  if (!ctx.books) {
    c.empty_note = std::string(k_no_journal);
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  std::vector<std::string> parts;
  for (const Entity* e : in.scope) {
    ChartSeries s{e->name, {}};
    const EntityBooks* eb = ctx.books->find(e->id);
    const bool tracked = eb != nullptr && eb->income_postings > 0;
    for (const Month m : months) {
      s.values.push_back(tracked ? std::optional(eb->revenue_in(m).units()) : std::nullopt);
    }
    if (tracked) {
      const Money last = eb->revenue_in(months.back());
      const Money before = eb->revenue_in(months[months.size() - 2]);
      if (last == before) {
        parts.push_back(fmt::format("{} {} (unchanged)", e->name, whole(last, ctx.symbol)));
      } else {
        parts.push_back(fmt::format("{} {} ({} {})", e->name, whole(last, ctx.symbol),
                                    last > before ? "up from" : "down from", whole(before, ctx.symbol)));
      }
    } else {
      parts.push_back(fmt::format("{} no revenue in the books", e->name));
    }
    c.series.push_back(std::move(s));
  }
  if (c.empty()) {
    c.empty_note =
        "No entity of this report has income postings in the journal (`Income:ENTITY:...`).";
    c.alt = c.title + ": " + c.empty_note;
    return {std::move(c)};
  }
  c.alt = fmt::format("Revenue by month, {}; in {} against {}: {}.",
                      month_range(months.front(), months.back()), month_word(months.back()),
                      month_word(months[months.size() - 2]), join(parts, "; "));
  return {std::move(c)};
}

}  // namespace

const std::vector<ChartInfo>& chart_catalogue() {
  static const std::vector<ChartInfo> k_catalogue = {
      {"entity-sparklines", "Revenue by month, one line per entity",
       "the journal's income postings, last twelve months", entity_sparklines},
      {"revenue-vs-target", "Revenue against target by month, one chart per entity",
       "the journal and each entity's `revenue_month` KPI target", revenue_vs_target},
      {"cash-runway", "Cash by month, with the runway", "the journal's cash accounts", cash_runway},
      {"cash-forecast", "Cash forecast, 13 weeks: closing cash a week, the downside and the floor",
       "the cash forecast's data (the journal, bookings, invoices, `[[actions]]`, `[forecast]`)",
       cash_forecast_chart},
      {"expense-mix", "Expenses by category, last six months", "the journal's expense postings",
       expense_mix},
      {"pipeline-by-month", "Forward bookings by month of service",
       "the bookings file (`[data] bookings`)", pipeline_by_month},
      {"channel-matrix", "Booked value by channel, last 12 months",
       "the bookings file's `channel` column and the channels file", channel_matrix},
      {"cloud-cost-by-service", "Cloud cost by service in the month, one chart per entity",
       "the cloud cost file (`[data] cloud_costs`)", cloud_cost_by_service_charts},
  };
  return k_catalogue;
}

const ChartInfo* find_chart(std::string_view id) {
  const auto& catalogue = chart_catalogue();
  const auto it = std::ranges::find(catalogue, id, &ChartInfo::id);
  return it == catalogue.end() ? nullptr : &*it;
}

std::vector<Chart> build_charts(const SectionInput& in) {
  std::vector<Chart> out;
  for (const auto& id : in.def.charts) {
    const ChartInfo* info = find_chart(id);
    if (info == nullptr) continue;
    for (auto& c : info->build(in)) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace quarterdeck
