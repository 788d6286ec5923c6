#include "analyze/sections/brief.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "analyze/metrics.hpp"
#include "analyze/totals.hpp"
#include "model/decisions.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

constexpr std::int64_t k_runway_at_risk_months = 6;

// util's plural for the sizes of containers.
std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return quarterdeck::plural(static_cast<std::int64_t>(n), one, many);
}

std::string without_final_stop(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

const std::string& name_of(const SectionInput& in, const std::string& entity_id) {
  static const std::string k_none;
  const Entity* e = in.ctx.entities.by_id(entity_id);
  return e != nullptr ? e->name : k_none;
}

bool out_of_season(const Entity& e, Month m) {
  return !e.season.empty() && std::ranges::find(e.season, m.month()) == e.season.end();
}

std::string status_of(const EntityTotals& et, const Month period) {
  const Entity& e = *et.entity;
  if (!et.has_books) return "no books";
  if (et.has_cash && et.cash.is_negative()) return "overdrawn";
  if (out_of_season(e, period)) return "out of season";
  if (et.runway.state == Runway::State::months &&
      et.runway.months->scaled < k_runway_at_risk_months * 10) {  // months have one decimal
    return "at risk";
  }
  const auto target = revenue_target(e);
  if (target && !et.tracks_revenue) return "no income in books";
  if (et.tracks_revenue && et.revenue.units() <= 0) return "no sales";
  if (target && et.revenue < *target) return "behind";
  if (et.net.is_negative()) return "losing money";
  return "on track";
}

std::string money_or(const EntityTotals& et, const Money& m, const std::string& symbol) {
  return et.has_books ? m.to_display(symbol) : "-";
}

// The forward pipeline: the value and count of bookings served from the
// as-of date on, as the metric registry counts them.
std::string pipeline_cell(const SectionInput& in, const Entity& e) {
  if (!in.ctx.data.bookings) return "-";
  const MetricPeriod now = MetricPeriod::current(in.ctx);
  const MetricValue n = compute_metric("forward_bookings", e, in.ctx, now);
  if (!n.value) return "none";
  const MetricValue v = compute_metric("forward_bookings_value", e, in.ctx, now);
  if (n.value->scaled == 0) return "none";
  return fmt::format("{} ({})", v.value ? v.value->to_display(in.ctx.symbol) : "-",
                     counted(static_cast<std::size_t>(n.value->scaled), "booking", "bookings"));
}

// The first month of an entity's books: its earliest revenue, expense or
// cash movement.
std::optional<Month> first_month(const EntityBooks& eb) {
  std::optional<Month> first;
  const auto consider = [&](Month m) {
    if (!first || m < *first) first = m;
  };
  if (!eb.revenue.empty()) consider(eb.revenue.begin()->first);
  if (!eb.expenses.empty()) consider(eb.expenses.begin()->first);
  if (!eb.cash_changes.empty()) consider(Month::of(eb.cash_changes.front().first));
  return first;
}

std::string role_name(const std::string& owner) {
  if (owner.empty()) return "CEO";
  if (owner == "ceo" || owner == "cto" || owner == "cfo" || owner == "cmo") {
    std::string upper = owner;
    std::ranges::transform(upper, upper.begin(),
                           [](unsigned char c) { return static_cast<char>(c - 'a' + 'A'); });
    return upper;
  }
  if (owner == "accounting") return "Accounting";
  return owner;
}

// A finding as an action with its business named: "Queen of San Diego:
// rebuild the forward pipeline".
std::string decision_text(const SectionInput& in, const Finding& f) {
  std::string action = without_final_stop(f.recommendation.empty() ? f.title : f.recommendation);
  const std::string& name = name_of(in, f.entity);
  // Recommendations name their business ("Record Expert Yacht Delivery's
  // income ..."); only one that does not gets the name in front.
  if (name.empty() || action.find(name) != std::string::npos) return action;
  return fmt::format("{}: {}", name, action);
}

std::string digest_of(std::string_view what, const std::vector<const Entity*>& scope) {
  std::string text;
  const auto field = [&](std::string_view s) {
    text += s;
    text += '\x1f';
  };
  for (const Entity* e : scope) {
    if (what == "assets") {
      for (const auto& a : e->assets) {
        field(e->id), field(a.name), field(a.kind), field(a.status),
            field(a.value ? a.value->to_decimal() : "");
        text += '\n';
      }
    } else {
      for (const auto& m : e->team) {
        field(e->id), field(m.name), field(m.role), field(m.email);
        field(m.equity_percent ? fmt::format("{}", *m.equity_percent) : ""),
            field(m.key_person ? "key" : "");
        text += '\n';
      }
    }
  }
  return sha256_hex(text);
}

}  // namespace

std::string entity_status(const SectionInput& in, const Entity& e) {
  return status_of(entity_totals(in.ctx, {&e}).front(), in.ctx.period);
}

std::vector<Section> portfolio_totals_section(const SectionInput& in) {
  const auto& ctx = in.ctx;
  Section s{"portfolio-totals", "Portfolio totals", "", {"Measure", "Total"}, {}};
  if (!ctx.books) {
    s.note = "Missing data: no journal (`[data] journal`), so no totals.";
    s.columns.clear();
    return {s};
  }
  const PortfolioTotals t = portfolio_totals(ctx, in.scope);
  s.rows = {
      {fmt::format("Cash at {}", ctx.as_of.short_text(ctx.as_of)), t.cash.to_display(ctx.symbol)},
      {fmt::format("Revenue in {}", ctx.period.name()), t.revenue.to_display(ctx.symbol)},
      {fmt::format("Expenses in {}", ctx.period.name()), t.expenses.to_display(ctx.symbol)},
      {fmt::format("Net in {}", ctx.period.name()), t.net.to_display(ctx.symbol)},
      {"Burn a month (last 3 months)", t.burn ? t.burn->to_display(ctx.symbol) : "-"},
      {"Runway", t.runway.to_display()},
  };
  std::vector<std::string> note;
  note.push_back(
      fmt::format("The {} as one business.", counted(in.scope.size(), "entity", "entities")));
  if (t.internal.transactions == 0) {
    note.push_back(fmt::format("No money moved between them in {}.", ctx.period.name()));
  } else {
    note.push_back(fmt::format(
        "Left out as internal in {}: {} of revenue and the same of expenses (one entity paying "
        "another), and {} "
        "moved between their own accounts, in {} ({}).",
        ctx.period.name(), t.internal.revenue.to_display(ctx.symbol),
        t.internal.moved.to_display(ctx.symbol),
        counted(static_cast<std::size_t>(t.internal.transactions), "transaction", "transactions"),
        fmt::join(t.internal.places, ", ")));
  }
  if (!t.without_books.empty()) {
    note.push_back(fmt::format("No books for {}.", fmt::join(t.without_books, ", ")));
  }
  note.push_back(
      "Burn is the fall in cash over the last three months, a month; a negative burn means cash "
      "grew.");
  s.note = fmt::format("{}", fmt::join(note, " "));
  return {s};
}

std::vector<Section> entity_overview(const SectionInput& in) {
  const auto& ctx = in.ctx;
  Section s{"entity-overview",
            "The businesses",
            "",
            {"Entity", "Cash", fmt::format("Revenue in {} (target)", ctx.period.name()), "Net",
             "Runway", "Forward bookings", "Status"},
            {}};
  if (!ctx.books) {
    s.note = "Missing data: no journal (`[data] journal`), so no cash, revenue or runway.";
    s.columns.clear();
    return {s};
  }
  for (const EntityTotals& et : entity_totals(ctx, in.scope)) {
    const Entity& e = *et.entity;
    std::string revenue = !et.has_books       ? "-"
                          : et.tracks_revenue ? et.revenue.to_display(ctx.symbol)
                                              : "not tracked";
    if (const auto target = revenue_target(e); target && et.has_books) {
      revenue += out_of_season(e, ctx.period)
                     ? " (out of season)"
                     : fmt::format(" ({})", target->to_display(ctx.symbol));
    }
    s.rows.push_back({e.name, et.has_cash ? et.cash.to_display(ctx.symbol) : "-", revenue,
                      money_or(et, et.net, ctx.symbol), et.has_books ? et.runway.to_display() : "-",
                      pipeline_cell(in, e), status_of(et, ctx.period)});
  }
  s.note =
      "Status, the first that holds: no books; overdrawn (cash below zero); out of season; at risk "
      "(under six "
      "months of runway); no income in books (a revenue target but no income postings); no sales "
      "in the month; "
      "behind (revenue under its target); losing money (net below zero); on track.";
  return {s};
}

std::vector<Section> entities_side_by_side(const SectionInput& in) {
  const auto& ctx = in.ctx;
  const Month year_ago = ctx.period.plus(-12);
  Section s{"entities-side-by-side",
            "The businesses side by side",
            "",
            {"Entity", fmt::format("Revenue in {}", ctx.period.name()), "Net", "Margin",
             "Revenue per unit", fmt::format("Revenue in {}", year_ago.name()), "Growth"},
            {}};
  if (!ctx.books) {
    s.note = "Missing data: no journal (`[data] journal`).";
    s.columns.clear();
    return {s};
  }
  for (const EntityTotals& et : entity_totals(ctx, in.scope)) {
    const Entity& e = *et.entity;
    if (!et.has_books) {
      s.rows.push_back({e.name, "no books", "-", "-", "-", "-", "-"});
      continue;
    }
    const EntityBooks& eb = *ctx.books->find(e.id);
    const std::string revenue =
        et.tracks_revenue ? et.revenue.to_display(ctx.symbol) : "not tracked";
    const std::string margin =
        et.revenue.units() > 0
            ? Quantity::percent_of(et.net.units(), et.revenue.units()).to_display(ctx.symbol)
            : "-";
    // Units as break-even counts them: delivered bookings served in the
    // month, their `units` summed.
    std::string per_unit = "-";
    if (!e.unit.empty() && ctx.data.bookings && et.tracks_revenue) {
      std::int64_t units = 0;
      for (const Booking* b : ctx.bookings_of(e.id)) {
        if (b->status == "delivered" && ctx.period.contains(b->service_date)) units += b->units;
      }
      per_unit = units == 0
                     ? fmt::format("no {}s delivered", e.unit)
                     : fmt::format("{} per {}", et.revenue.divided_by(units).to_display(ctx.symbol),
                                   e.unit);
    }
    const auto first = first_month(eb);
    std::string before = "-";
    std::string growth = "no books a year back";
    if (!et.tracks_revenue) {
      growth = "not tracked";
    } else if (first && *first <= year_ago) {
      const Money then = eb.revenue_in(year_ago);
      before = then.to_display(ctx.symbol);
      if (then.units() > 0) {
        const Quantity pct = Quantity::percent_of((et.revenue - then).units(), then.units());
        growth = (pct.scaled > 0 ? "+" : "") + pct.to_display(ctx.symbol);
      } else {
        growth = "no revenue a year back";
      }
    }
    s.rows.push_back(
        {e.name, revenue, et.net.to_display(ctx.symbol), margin, per_unit, before, growth});
  }
  s.note = fmt::format(
      "From the books. Margin is net over revenue; revenue per unit is the month's revenue over "
      "the units "
      "delivered in it (bookings); growth is against {}, where the books reach back that far.",
      year_ago.name());
  return {s};
}

std::vector<Section> decisions(const SectionInput& in) {
  const Date as_of = in.doc.as_of;
  Section s{"decisions", "Decisions this week", "", {"#", "Decision", "Owner", "By"}, {}};
  const std::vector<const Finding*> chosen = decision_findings(in.doc);
  for (const Finding* f : chosen) {
    std::string by =
        f->due ? f->due->short_text(as_of) : as_of.plus_days(k_decision_days).short_text(as_of);
    if (f->due && *f->due < as_of) by = fmt::format("overdue ({})", by);
    s.rows.push_back(
        {fmt::format("{}", s.rows.size() + 1), decision_text(in, *f), role_name(f->owner), by});
  }
  const auto serious = static_cast<std::size_t>(std::ranges::count_if(in.doc.findings, is_serious));
  if (chosen.empty()) {
    s.note = "No critical or high problem needs a decision this week.";
    s.columns.clear();
  } else if (serious > chosen.size()) {
    s.note = fmt::format(
        "The {} most important of {} critical or high problems.",
        chosen.size(), serious);
  }
  return {s};
}

std::vector<std::string> brief_summary(const SectionInput& in) {
  const auto& ctx = in.ctx;
  const ReportDocument& doc = in.doc;
  std::vector<std::string> out;
  const std::string businesses = in.scope.size() == 1
                                     ? in.scope.front()->name
                                     : fmt::format("The {} businesses", in.scope.size());
  // 1. The totals.
  if (!ctx.books) {
    out.push_back(fmt::format("No journal, so no totals for {}.",
                              in.scope.size() == 1 ? businesses : "the businesses"));
  } else {
    const PortfolioTotals t = portfolio_totals(ctx, in.scope);
    std::string burn;
    switch (t.runway.state) {
      case Runway::State::months:
        burn = fmt::format("burning {} a month, {} of runway", t.burn->to_display(ctx.symbol),
                           t.runway.to_display());
        break;
      case Runway::State::not_burning:
        burn = "cash is not falling";
        break;
      case Runway::State::overdrawn:
        burn = fmt::format("overdrawn by {}", (-t.cash).to_display(ctx.symbol));
        break;
      case Runway::State::unknown:
        burn = "no cash account to measure the burn";
        break;
    }
    out.push_back(fmt::format("{}: {} in cash at {}, {} revenue {} and {} {}; {}.", businesses,
                              t.cash.to_display(ctx.symbol), ctx.as_of.short_text(ctx.as_of),
                              ctx.period.name(), t.revenue.to_display(ctx.symbol),
                              t.net.is_negative() ? "a loss of" : "net",
                              (t.net.is_negative() ? -t.net : t.net).to_display(ctx.symbol), burn));
  }
  // 2. What changed since the last report.
  if (!doc.previous_as_of) {
    out.push_back("First report: nothing to compare with yet.");
  } else {
    const auto fresh_count = std::ranges::count_if(
        doc.findings, [](const Finding& f) { return f.since_previous == "new"; });
    const auto fresh = static_cast<std::size_t>(fresh_count);
    const auto moved = static_cast<std::size_t>(std::ranges::count_if(doc.kpis, [](const Kpi& k) {
      return k.value && k.previous && k.value->scaled != k.previous->scaled;
    }));
    const std::string since = doc.previous_as_of->short_text(ctx.as_of);
    if (fresh == 0 && doc.resolved.empty()) {
      out.push_back(fmt::format("Nothing new since {}: the same {} open{}.", since,
                                counted(doc.findings.size(), "problem", "problems"),
                                doc.kpis.empty() ? "" : fmt::format(", {} of {} changed", moved,
                                                                    counted(doc.kpis.size(), "KPI", "KPIs"))));
    } else {
      // The most important new problem by name: new findings arrive ranked.
      const auto first_new = std::ranges::find(doc.findings, std::string("new"), &Finding::since_previous);
      std::string news = fmt::format("{} new {}", fresh, fresh == 1 ? "problem" : "problems");
      if (first_new != doc.findings.end()) news += fmt::format(" ({})", without_final_stop(first_new->title));
      out.push_back(fmt::format("Since {}: {}, {} resolved{}.", since, news, doc.resolved.size(),
                                doc.kpis.empty() ? "" : fmt::format(", {} of {} changed", moved,
                                                                    counted(doc.kpis.size(), "KPI", "KPIs"))));
    }
  }
  // 3-4. The one or two problems that matter most.
  std::size_t told = 0;
  for (const auto& f : doc.findings) {
    if (told == 2 || !is_serious(f)) break;
    out.push_back(fmt::format(
        "{}{}.", told == 0 ? "Most important: " : "Next: ", without_final_stop(f.title)));
    ++told;
  }
  if (told == 0) out.push_back("No critical or high problems.");
  // 5. The decisions below.
  const std::size_t n = decision_findings(doc).size();
  if (n > 0)
    out.push_back(fmt::format("{} for this week below.", counted(n, "decision", "decisions")));
  return out;
}

std::vector<std::pair<std::string, std::string>> change_digests(
    const std::vector<const Entity*>& scope) {
  return {{"assets", digest_of("assets", scope)}, {"team", digest_of("team", scope)}};
}

ChangeGate change_gate(std::string_view what, const SectionInput& in) {
  const ReportDocument& doc = in.doc;
  if (!doc.previous_as_of) return {true, "Shown in the first report."};
  const std::string when = doc.previous_as_of->short_text(doc.as_of);
  if (Month::of(*doc.previous_as_of) != Month::of(doc.as_of)) {
    return {true, fmt::format("Shown in the first report of {}.", Month::of(doc.as_of).name())};
  }
  const auto it =
      std::ranges::find(doc.previous_digests, what, &std::pair<std::string, std::string>::first);
  if (it == doc.previous_digests.end())
    return {true, fmt::format("Shown: the report of {} kept no record of it.", when)};
  if (it->second != digest_of(what, in.scope))
    return {true, fmt::format("Changed since the report of {}.", when)};
  return {false,
          fmt::format(
              "Unchanged since the report of {}; shown when it changes and in the first report of "
              "each month.",
              when)};
}

std::vector<Section> shown_if_changed(std::string_view what, const SectionInput& in,
                                      SectionBuilder full) {
  const ChangeGate gate = change_gate(what, in);
  std::vector<Section> out = full(in);
  for (auto& s : out) {
    if (gate.show) {
      s.note = s.note.empty() ? gate.reason : fmt::format("{} {}", s.note, gate.reason);
    } else {
      s.note = gate.reason;
      s.columns.clear();
      s.rows.clear();
    }
  }
  return out;
}

}  // namespace quarterdeck
