#include "analyze/sections/cash_forecast.hpp"

#include <fmt/format.h>

#include <string>

#include "analyze/forecast.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

constexpr std::string_view k_id = "cash-forecast";
constexpr std::string_view k_title = "Cash forecast, 13 weeks";

std::string week_text(const CashForecast& fc, const EntityForecast& ef, int week) {
  return ef.weeks[static_cast<std::size_t>(week)].start.short_text(fc.as_of);
}

// "Lowest $1,200.00 in the week of 14 Dec; below the $0.00 floor from the
// week of 21 Dec." When no week closes below today's cash, says so instead
// of naming a "lowest" above it.
std::string outlook(const CashForecast& fc, const EntityForecast& ef, std::string_view symbol) {
  const ForecastWeek& low = ef.weeks[static_cast<std::size_t>(ef.lowest_week)];
  std::string out = low.closing < ef.opening
                        ? fmt::format("Lowest {} in the week of {}", low.closing.to_display(symbol),
                                      week_text(fc, ef, ef.lowest_week))
                        : fmt::format("No week closes below today's cash ({} after 13 weeks)",
                                      ef.weeks.back().closing.to_display(symbol));
  if (ef.below_floor) {
    out += fmt::format("; below the {} floor from the week of {}.", fc.floor.to_display(symbol),
                       week_text(fc, ef, *ef.below_floor));
  } else {
    out += fmt::format("; above the {} floor all 13 weeks.", fc.floor.to_display(symbol));
  }
  return out;
}

std::string downside_words(const ForecastSettings& s) {
  std::vector<std::string> parts;
  if (s.downside_bookings_percent != 0)
    parts.push_back(fmt::format("bookings {}% lower", s.downside_bookings_percent));
  if (s.downside_delay_days != 0) {
    parts.push_back(fmt::format("collections {} days slower", s.downside_delay_days));
  }
  return join(parts, ", ");
}

std::string downside_outlook(const CashForecast& fc, const EntityForecast& ef,
                             const ForecastSettings& s, std::string_view symbol) {
  std::size_t low = 0;
  for (std::size_t w = 1; w < ef.weeks.size(); ++w) {
    if (ef.weeks[w].downside_closing < ef.weeks[low].downside_closing) low = w;
  }
  std::string out =
      ef.weeks[low].downside_closing < ef.opening
          ? fmt::format("Downside ({}): lowest {} in the week of {}", downside_words(s),
                        ef.weeks[low].downside_closing.to_display(symbol),
                        week_text(fc, ef, static_cast<int>(low)))
          : fmt::format("Downside ({}): no week below today's cash ({} after 13 weeks)",
                        downside_words(s), ef.weeks.back().downside_closing.to_display(symbol));
  if (ef.downside_below_floor) {
    out += fmt::format(", below the floor from the week of {}.",
                       week_text(fc, ef, *ef.downside_below_floor));
  } else {
    out += ", above the floor.";
  }
  return out;
}

std::string where_from(const EntityForecast& ef, int week, Date as_of,
                       const std::vector<EntityForecast>& names, std::string_view symbol) {
  std::vector<std::string> parts;
  for (const ForecastLine& l : ef.lines) {
    if (forecast_week(as_of, l.date) != week) continue;
    std::string who;
    if (ef.entity.empty()) {
      who = "Portfolio: ";
      for (const auto& e : names) {
        if (e.entity == l.entity) who = e.name + ": ";
      }
    }
    parts.push_back(fmt::format("{} {} {}: {} ({})", l.date.to_string(), l.receipt ? "in" : "out",
                                l.amount.to_display(symbol), who + l.what, l.source));
  }
  return join(parts, "; ");
}

Section weekly_table(const CashForecast& fc, const EntityForecast& ef,
                     const std::vector<EntityForecast>& names, std::string_view symbol) {
  Section s{std::string(k_id),
            std::string(k_title),
            "",
            {"Week of", "Opening", "Receipts", "Payments", "Closing"},
            {}};
  if (fc.downside) s.columns.push_back("Downside");
  s.columns.push_back("Where from");
  s.json_only = {"Opening", "Where from"};
  for (int w = 0; w < k_forecast_weeks; ++w) {
    const ForecastWeek& week = ef.weeks[static_cast<std::size_t>(w)];
    std::vector<std::string> row = {
        week.start.short_text(fc.as_of), week.opening.to_display(symbol),
        week.receipts.to_display(symbol), week.payments.to_display(symbol),
        week.closing.to_display(symbol)};
    if (fc.downside) row.push_back(week.downside_closing.to_display(symbol));
    row.push_back(where_from(ef, w, fc.as_of, names, symbol));
    s.rows.push_back(std::move(row));
  }
  return s;
}

Section entity_table(const CashForecast& fc, std::string_view symbol) {
  Section s{"cash-forecast-entities",
            "Cash forecast by entity",
            "",
            {"Entity", "Today", "Lowest", "Below floor", "Week 13"},
            {}};
  s.json_only = {"Week 13"};
  // Only the entities whose cash dips: a row that says "lowest today" tells
  // the reader nothing the note does not.
  int steady = 0;
  for (const EntityForecast& ef : fc.entities) {
    if (!ef.computed()) continue;
    const ForecastWeek& low = ef.weeks[static_cast<std::size_t>(ef.lowest_week)];
    if (!(low.closing < ef.opening) && !ef.below_floor) {
      ++steady;
      continue;
    }
    s.rows.push_back({ef.name, ef.opening.to_display(symbol),
                      low.closing < ef.opening
                          ? fmt::format("{} ({})", low.closing.to_display(symbol),
                                        week_text(fc, ef, ef.lowest_week))
                          : fmt::format("{} (today)", ef.opening.to_display(symbol)),
                      ef.below_floor ? week_text(fc, ef, *ef.below_floor) : "-",
                      ef.weeks.back().closing.to_display(symbol)});
  }
  if (steady > 0) {
    s.note = s.rows.empty() ? "No entity closes a week below its cash today."
                            : fmt::format("The other {} never close a week below their cash today.", steady);
  }
  return s;
}

}  // namespace

std::vector<Section> cash_forecast_section(const SectionInput& in) {
  const AnalysisContext& ctx = in.ctx;
  const std::string_view symbol = ctx.symbol;
  const CashForecast fc = cash_forecast(ctx, in.scope);
  const EntityForecast* shown =
      fc.total ? &*fc.total : (fc.entities.empty() ? nullptr : &fc.entities.front());
  std::vector<std::string> note;
  if (shown != nullptr && shown->computed()) {
    note.push_back(fmt::format("Cash today {}{}.", shown->opening.to_display(symbol),
                               fc.total ? " across the entities with cash accounts" : ""));
    note.push_back(outlook(fc, *shown, symbol));
    if (fc.downside) note.push_back(downside_outlook(fc, *shown, ctx.portfolio.forecast, symbol));
    // Together the entities may stay above the floor while one alone does not.
    std::vector<std::string> alone;
    for (const EntityForecast& ef : fc.entities) {
      if (fc.total && ef.computed() && ef.below_floor) {
        alone.push_back(
            fmt::format("{} from the week of {}", ef.name, week_text(fc, ef, *ef.below_floor)));
      }
    }
    if (!alone.empty())
      note.push_back(fmt::format("Below the floor on its own: {}.", join(alone, "; ")));
  }
  for (const EntityForecast& ef : fc.entities) {
    if (!ef.computed()) note.push_back(fmt::format("Not forecast: {}.", ef.missing));
  }
  if (fc.total && !fc.total->computed())
    note.push_back(fmt::format("Not forecast: {}.", fc.total->missing));
  if (shown != nullptr && !shown->left_out.empty()) {
    note.push_back(fmt::format("Left out as doubtful (more than {} days past due): {}.",
                               k_doubtful_days, join(shown->left_out, "; ")));
  }
  for (const std::string& gap : fc.gaps) note.push_back(fmt::format("Missing data: {}.", gap));
  std::vector<Section> out;
  if (shown == nullptr || !shown->computed()) {
    out.push_back({std::string(k_id), std::string(k_title), join(note, " "), {}, {}});
    return out;
  }
  Section weekly = weekly_table(fc, *shown, fc.entities, symbol);
  weekly.note = join(note, " ");
  out.push_back(std::move(weekly));
  if (fc.total) out.push_back(entity_table(fc, symbol));
  return out;
}

}  // namespace quarterdeck
