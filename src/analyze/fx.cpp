#include "analyze/fx.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace quarterdeck {
namespace {

FxInt abs128(FxInt v) {
  return v < 0 ? -v : v;
}

FxInt gcd128(FxInt a, FxInt b) {
  a = abs128(a);
  b = abs128(b);
  while (b != 0) {
    const FxInt t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::optional<FxInt> mul(FxInt a, FxInt b) {
  FxInt out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<FxInt> pow10(int n) {
  FxInt out = 1;
  for (int i = 0; i < n; ++i) {
    const auto next = mul(out, 10);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

// n / d rounded half away from zero; d > 0.
FxInt divide_rounded(FxInt n, FxInt d) {
  FxInt q = n / d;
  const FxInt r = abs128(n % d);
  if (r >= d - r) q += n < 0 ? -1 : 1;
  return q;
}

Rate reduced(FxInt num, FxInt den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const FxInt g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {num, den};
}

std::optional<Rate> times(const Rate& a, const Rate& b) {
  // Cross-reduce first so that products of exact decimals stay small.
  const FxInt g1 = std::max<FxInt>(gcd128(a.num, b.den), 1);
  const FxInt g2 = std::max<FxInt>(gcd128(b.num, a.den), 1);
  const auto num = mul(a.num / g1, b.num / g2);
  const auto den = mul(a.den / g2, b.den / g1);
  if (!num || !den) return std::nullopt;
  return reduced(*num, *den);
}

std::string digits(FxInt v) {
  if (v == 0) return "0";
  std::string out;
  for (; v > 0; v /= 10) out.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
  std::ranges::reverse(out);
  return out;
}

}  // namespace

Rate Rate::decimal(std::int64_t units, int scale) {
  return reduced(units, pow10(std::clamp(scale, 0, 36)).value_or(1));
}

std::string Rate::to_string() const {
  const bool negative = (num < 0) != (den < 0) && num != 0;
  const FxInt n = abs128(num);
  const FxInt d = abs128(den);
  // Six significant digits after the point, counted from the first that is
  // not zero when the rate is below one.
  int decimals = 6;
  if (n < d) {
    FxInt probe = n;
    int zeros = 0;
    while (probe != 0 && probe <= (d - 1) / 10 && zeros < 30) {  // probe * 10 < d, without overflow
      probe *= 10;
      ++zeros;
    }
    decimals = zeros + 6;
  }
  std::optional<FxInt> scaled;
  for (; decimals > 0; --decimals) {
    const auto p = pow10(decimals);
    if (p && (scaled = mul(n, *p))) break;
  }
  if (!scaled) scaled = n;
  const FxInt value = divide_rounded(*scaled, d);
  std::string text = digits(value);
  if (decimals > 0) {
    const auto places = static_cast<std::size_t>(decimals);
    if (text.size() <= places) text = std::string(places + 1 - text.size(), '0') + text;
    // Built by concatenation: GCC 12 at -O2 sees a false overlap
    // (-Wrestrict) in std::string::insert of a literal here.
    const std::size_t point = text.size() - places;
    text = text.substr(0, point) + '.' + text.substr(point);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return negative ? "-" + text : text;
}

std::string_view currency_code(std::string_view symbol) {
  if (symbol == "$") return "USD";
  if (symbol == "€") return "EUR";
  if (symbol == "£") return "GBP";
  if (symbol == "¥") return "JPY";
  return symbol;
}

std::string RateTable::name(std::string_view commodity) const {
  return std::string(names_ == CommodityNames::currency_codes ? currency_code(commodity)
                                                              : commodity);
}

void RateTable::add(const Journal& journal) {
  for (const Price& p : journal.prices) {
    const std::string& file = p.file < journal.files.size() ? journal.files[p.file] : journal.file;
    add(journal.commodities[p.commodity].symbol, journal.commodities[p.in_commodity].symbol, p.date,
        p.quantity, p.scale, file);
  }
}

void RateTable::add(std::string_view commodity, std::string_view in_commodity, Date date,
                    std::int64_t units, int scale, std::string_view file) {
  std::string from = name(commodity);
  std::string to = name(in_commodity);
  if (from == to || units <= 0)
    return;  // no information: a commodity is 1 in itself; a price is positive
  auto& points = pairs_[{from, to}];
  Point point{date, Rate::decimal(units, scale), std::string(file)};
  // By date; of two on one date the later read replaces the earlier, as ledger.
  const auto at = std::ranges::upper_bound(points, date, {}, &Point::date);
  if (at != points.begin() && std::prev(at)->date == date) {
    *std::prev(at) = std::move(point);
  } else {
    points.insert(at, std::move(point));
  }
  for (const auto& [a, b] : {std::pair{from, to}, std::pair{to, from}}) {
    auto& list = neighbours_[a];
    if (std::ranges::find(list, b) == list.end()) list.insert(std::ranges::upper_bound(list, b), b);
  }
}

const RateTable::Point* RateTable::latest(const std::string& from, const std::string& to,
                                          Date date) const {
  const auto it = pairs_.find({from, to});
  if (it == pairs_.end()) return nullptr;
  const auto& points = it->second;
  const auto after = std::ranges::upper_bound(points, date, {}, &Point::date);
  return after == points.begin() ? nullptr : &*std::prev(after);
}

std::optional<RateQuote> RateTable::direct_or_inverse(const std::string& from,
                                                      const std::string& to, Date date) const {
  if (const Point* p = latest(from, to, date))
    return RateQuote{p->rate, p->date, p->file, "", false, 0};
  if (const Point* p = latest(to, from, date)) {
    return RateQuote{reduced(p->rate.den, p->rate.num), p->date, p->file, "", true, 0};
  }
  return std::nullopt;
}

std::optional<RateQuote> RateTable::on(std::string_view from_name, std::string_view to_name,
                                       Date date) const {
  const std::string from = name(from_name);
  const std::string to = name(to_name);
  if (from == to) return RateQuote{Rate{1, 1}, date, "", "", false, 0};
  if (auto q = direct_or_inverse(from, to, date)) return q;
  const auto it = neighbours_.find(from);
  if (it == neighbours_.end()) return std::nullopt;
  std::optional<RateQuote> best;
  for (const std::string& via : it->second) {
    if (via == to) continue;
    const auto first = direct_or_inverse(from, via, date);
    if (!first) continue;
    const auto second = direct_or_inverse(via, to, date);
    if (!second) continue;
    const auto rate = times(first->rate, second->rate);
    if (!rate) continue;
    const Date older = std::min(first->date, second->date);
    if (best && older <= best->date) continue;  // neighbours are by name: the first wins a tie
    best = RateQuote{*rate, older, first->date <= second->date ? first->file : second->file,
                     via,   false, 0};
  }
  return best;
}

std::optional<RateQuote> RateTable::month_average(std::string_view from, std::string_view to,
                                                  Month month) const {
  constexpr int k_work_scale = 12;
  FxInt sum = 0;
  int days = 0;
  std::optional<RateQuote> last;
  for (Date d = month.first_day(); d <= month.last_day(); d = d.plus_days(1)) {
    const auto q = on(from, to, d);
    if (!q) continue;
    const auto scaled = convert(1, 0, q->rate, k_work_scale);
    if (!scaled) return std::nullopt;  // a rate beyond 9 million: no average
    sum += *scaled;
    ++days;
    last = q;
  }
  if (!last) return std::nullopt;
  // The sum at 12 places over the days, to 10 places: / (days * 100).
  const FxInt average = divide_rounded(sum, static_cast<FxInt>(days) * 100);
  last->rate = reduced(average, *pow10(10));
  last->days = days;
  return last;
}

std::optional<std::string> RateTable::price_commodity(std::string_view commodity, Date date) const {
  const std::string from = name(commodity);
  std::optional<std::string> best;
  Date best_date;
  for (auto it = pairs_.lower_bound({from, ""}); it != pairs_.end() && it->first.first == from;
       ++it) {
    const Point* p = latest(from, it->first.second, date);
    if (p != nullptr && (!best || p->date >= best_date)) {
      best = it->first.second;
      best_date = p->date;
    }
  }
  return best;
}

bool RateTable::is_price_commodity(std::string_view commodity) const {
  const std::string to = name(commodity);
  return std::ranges::any_of(pairs_, [&](const auto& entry) { return entry.first.second == to; });
}

std::optional<Date> RateTable::last_date() const {
  std::optional<Date> out;
  for (const auto& [_, points] : pairs_) {
    if (!points.empty() && (!out || points.back().date > *out)) out = points.back().date;
  }
  return out;
}

std::optional<std::int64_t> convert(std::int64_t units, int scale, const Rate& rate, int to_scale) {
  if (rate.den <= 0 || scale < 0 || to_scale < 0) return std::nullopt;
  // units * num * 10^to_scale / (den * 10^scale), each product checked.
  const auto up = pow10(to_scale);
  const auto down = pow10(scale);
  if (!up || !down) return std::nullopt;
  const auto a = mul(units, rate.num);
  if (!a) return std::nullopt;
  const auto n = mul(*a, *up);
  const auto d = mul(rate.den, *down);
  if (!n || !d) return std::nullopt;
  const FxInt q = divide_rounded(*n, *d);
  if (q > INT64_MAX || q < -INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(q);
}

}  // namespace quarterdeck
