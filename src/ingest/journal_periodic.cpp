#include "ingest/journal_periodic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace quarterdeck {
namespace {

struct Word {
  std::string text;  // lower case
  std::string_view raw;
  int column = 0;
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    Word w;
    w.raw = text.substr(start, i - start);
    w.column = static_cast<int>(start);
    for (const char c : w.raw) w.text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(std::move(w));
  }
  return out;
}

// A word is quoted only when it is short and plain (it may be anything).
std::string quoted(const Word& w) {
  const bool plain = w.raw.size() <= 24 && std::ranges::all_of(w.raw, [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '/' || c == '.';
                     });
  return plain ? fmt::format("`{}`", w.raw) : fmt::format("a word of {} characters", w.raw.size());
}

std::optional<PeriodUnit> unit_word(std::string_view w, bool plural) {
  const std::string_view stem = plural && w.size() > 1 && w.back() == 's' ? w.substr(0, w.size() - 1) : w;
  if (stem == "day") return PeriodUnit::day;
  if (stem == "week") return PeriodUnit::week;
  if (stem == "month") return PeriodUnit::month;
  if (stem == "quarter") return PeriodUnit::quarter;
  if (stem == "year") return PeriodUnit::year;
  return std::nullopt;
}

// YYYY-MM-DD, YYYY/MM/DD, YYYY-MM or YYYY; with the unit it names (the
// span `in` covers).
struct ParsedDate {
  Date date;
  PeriodUnit span = PeriodUnit::day;
};
std::optional<ParsedDate> parse_period_date(std::string_view s) {
  if (auto d = Date::parse(s)) return ParsedDate{*d, PeriodUnit::day};
  const auto all_digits = [](std::string_view t) {
    return !t.empty() && std::ranges::all_of(t, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 4 && all_digits(s)) {
    if (auto d = Date::from_ymd(std::stoi(std::string(s)), 1, 1)) return ParsedDate{*d, PeriodUnit::year};
    return std::nullopt;
  }
  if (s.size() == 7 && (s[4] == '-' || s[4] == '/') && all_digits(s.substr(0, 4)) && all_digits(s.substr(5))) {
    if (auto d = Date::from_ymd(std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5))), 1))
      return ParsedDate{*d, PeriodUnit::month};
  }
  return std::nullopt;
}

Date add_units(PeriodUnit unit, Date d, int n) {
  switch (unit) {
    case PeriodUnit::day:
      return d.plus_days(n);
    case PeriodUnit::week:
      return d.plus_days(7 * n);
    case PeriodUnit::month:
      return Month::of(d).plus(n).first_day();
    case PeriodUnit::quarter:
      return Month::of(d).plus(3 * n).first_day();
    case PeriodUnit::year:
      return Month::of(d).plus(12 * n).first_day();
  }
  return d;
}

std::string_view unit_name(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::day:
      return "day";
    case PeriodUnit::week:
      return "week (a Monday)";
    case PeriodUnit::month:
      return "month (the 1st)";
    case PeriodUnit::quarter:
      return "quarter (1 January, April, July or October)";
    case PeriodUnit::year:
      return "year (1 January)";
  }
  return "";
}

constexpr std::string_view k_expected_interval =
    "`daily`, `weekly`, `biweekly`, `monthly`, `bimonthly`, `quarterly`, `yearly` or `every N days|weeks|"
    "months|quarters|years`";
constexpr std::string_view k_expected_date = "YYYY-MM-DD, YYYY-MM or YYYY";

}  // namespace

Date start_of_unit(PeriodUnit unit, Date d) {
  switch (unit) {
    case PeriodUnit::day:
      return d;
    case PeriodUnit::week:
      return d.plus_days(-((d.weekday() + 6) % 7));  // back to Monday
    case PeriodUnit::month:
      return Month::of(d).first_day();
    case PeriodUnit::quarter:
      return Month(d.year(), (d.month() - 1) / 3 * 3 + 1).first_day();
    case PeriodUnit::year:
      return Month(d.year(), 1).first_day();
  }
  return d;
}

std::expected<Period, PeriodError> parse_period_expression(std::string_view text) {
  const std::vector<Word> words = words_of(text);
  const auto fail = [&](int column, std::string message, std::string_view expected, std::string found) {
    return std::unexpected(PeriodError{column, std::move(message), std::string(expected), std::move(found)});
  };
  if (words.empty()) return fail(0, "periodic transaction without a period", k_expected_interval, "nothing");
  Period p;
  std::size_t i = 0;
  const std::string& w = words[0].text;
  if (w == "daily") {
    p.unit = PeriodUnit::day;
  } else if (w == "weekly") {
    p.unit = PeriodUnit::week;
  } else if (w == "biweekly" || w == "fortnightly") {
    p.unit = PeriodUnit::week;
    p.every = 2;
  } else if (w == "monthly") {
    p.unit = PeriodUnit::month;
  } else if (w == "bimonthly") {
    p.unit = PeriodUnit::month;
    p.every = 2;
  } else if (w == "quarterly") {
    p.unit = PeriodUnit::quarter;
  } else if (w == "yearly" || w == "annually") {
    p.unit = PeriodUnit::year;
  } else if (w == "every") {
    if (words.size() < 2) return fail(static_cast<int>(text.size()), "incomplete period", k_expected_interval, "nothing after `every`");
    const Word& n = words[1];
    if (auto unit = unit_word(n.text, false)) {
      p.unit = *unit;
      i = 1;
    } else if (!n.text.empty() && std::ranges::all_of(n.text, [](char c) { return c >= '0' && c <= '9'; })) {
      if (n.text.size() > 3 || std::stoi(n.text) < 1) {
        return fail(n.column, "interval out of range", "a count from 1 to 999", quoted(n));
      }
      p.every = std::stoi(n.text);
      if (words.size() < 3) return fail(static_cast<int>(text.size()), "incomplete period", "a unit after the count", "nothing");
      const auto plural = unit_word(words[2].text, true);
      if (!plural) return fail(words[2].column, "unsupported period", "days, weeks, months, quarters or years", quoted(words[2]));
      p.unit = *plural;
      i = 2;
    } else {
      return fail(n.column, "unsupported period", "`every` followed by a unit or a count and a unit",
                  quoted(n));
    }
  } else {
    return fail(words[0].column, "unsupported period", k_expected_interval, quoted(words[0]));
  }
  ++i;
  const auto read_date = [&](std::size_t k) -> std::expected<ParsedDate, PeriodError> {
    if (k >= words.size()) {
      return std::unexpected(PeriodError{static_cast<int>(text.size()), "incomplete period",
                                         std::string(k_expected_date), "nothing"});
    }
    if (auto d = parse_period_date(words[k].raw)) return *d;
    return std::unexpected(PeriodError{words[k].column, "invalid date in period", std::string(k_expected_date),
                                       quoted(words[k])});
  };
  while (i < words.size()) {
    const Word& kw = words[i];
    if (kw.text == "from" || kw.text == "since" || kw.text == "to" || kw.text == "until") {
      const bool begins = kw.text == "from" || kw.text == "since";
      if (begins ? p.begin.has_value() : p.end.has_value()) {
        return fail(kw.column, "period bound given twice", "one `from` and one `to`", quoted(kw));
      }
      auto d = read_date(i + 1);
      if (!d) return std::unexpected(d.error());
      if (begins) {
        if (start_of_unit(p.unit, d->date) != d->date) {
          return fail(words[i + 1].column, "period start not at the start of an interval",
                      fmt::format("the first day of a {}", unit_name(p.unit)), quoted(words[i + 1]));
        }
        p.begin = d->date;
      } else {
        p.end = d->date;
      }
      i += 2;
    } else if (kw.text == "in") {
      if (p.begin || p.end) return fail(kw.column, "period bound given twice", "`in` or `from`/`to`", quoted(kw));
      auto d = read_date(i + 1);
      if (!d) return std::unexpected(d.error());
      if (d->span == PeriodUnit::day) {
        return fail(words[i + 1].column, "invalid period after `in`", "YYYY or YYYY-MM", quoted(words[i + 1]));
      }
      if (start_of_unit(p.unit, d->date) != d->date) {
        return fail(words[i + 1].column, "period start not at the start of an interval",
                    fmt::format("the first day of a {}", unit_name(p.unit)), quoted(words[i + 1]));
      }
      p.begin = d->date;
      p.end = add_units(d->span, d->date, 1);
      i += 2;
    } else {
      return fail(kw.column, "unsupported period", "`from DATE`, `to DATE` or `in YEAR` after the interval",
                  quoted(kw));
    }
  }
  if (p.begin && p.end && *p.end <= *p.begin) {
    return fail(0, "empty period", "an end after the start",
                fmt::format("{} to {}", p.begin->to_string(), p.end->to_string()));
  }
  return p;
}

std::vector<Date> period_occurrences(const Period& period, Date from, Date to) {
  std::vector<Date> out;
  if (period.begin && *period.begin > from) from = *period.begin;
  if (period.end && *period.end < to) to = *period.end;
  if (!(from < to)) return out;
  // The interval grid: from the period's own start, else from the unit
  // holding `from` (quarters and years are calendar ones either way).
  Date anchor = period.begin ? *period.begin : start_of_unit(period.unit, from);
  if (period.every == 1) anchor = start_of_unit(period.unit, anchor);
  // Straight to the first interval at or after `from`, without walking
  // from a start years before it.
  int k = 0;
  if (anchor < from) {
    const bool by_days = period.unit == PeriodUnit::day || period.unit == PeriodUnit::week;
    const int step = by_days ? period.every * (period.unit == PeriodUnit::week ? 7 : 1)
                             : period.every * (period.unit == PeriodUnit::month ? 1
                                               : period.unit == PeriodUnit::quarter ? 3
                                                                                    : 12);
    const Month a = Month::of(anchor);
    const Month f = Month::of(from);
    const int gap = by_days ? anchor.days_until(from) : (f.year() - a.year()) * 12 + (f.month() - a.month());
    k = std::max(0, gap / step - 1);  // whole intervals before `from`, less one
  }
  Date d = add_units(period.unit, anchor, period.every * k);
  while (d < from) d = add_units(period.unit, anchor, period.every * ++k);
  while (d < to) {
    out.push_back(d);
    d = add_units(period.unit, anchor, period.every * ++k);
  }
  return out;
}

}  // namespace quarterdeck
