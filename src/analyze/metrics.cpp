#include "analyze/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <set>

#include "analyze/cloud.hpp"
#include "model/metric_names.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {


MetricValue missing(std::string what) { return MetricValue{std::nullopt, std::move(what), {}}; }

MetricValue from_books(std::string_view metric, const Entity& e, const AnalysisContext& ctx,
                       MetricPeriod period) {
  if (!ctx.books) return missing("a journal (`[data] journal`)");
  const EntityBooks* eb = ctx.books->find(e.id);
  if (eb == nullptr) {
    return missing(fmt::format("postings for account segment `{}` in {}", e.account, ctx.books->file));
  }
  std::vector<Evidence> evidence{{ctx.books->file, fmt::format("accounts *:{}:* in {}", e.account, period.month.name())}};
  // Amounts in another currency: the rate each was converted at.
  if (const auto rates = eb->rates_used.find(period.month); rates != eb->rates_used.end()) {
    for (const auto& line : rates->second) evidence.push_back({ctx.books->file, line});
  }
  if (metric == "revenue_month") {
    if (eb->income_postings == 0) {
      return missing(fmt::format("income postings (`Income:{}:*`) in {}", e.account, ctx.books->file));
    }
    return {Quantity::of_money(eb->revenue_in(period.month)), "", evidence};
  }
  if (metric == "expenses_month") return {Quantity::of_money(eb->expenses_in(period.month)), "", evidence};
  if (metric == "net_month") {
    if (eb->income_postings == 0) {
      return missing(fmt::format("income postings (`Income:{}:*`) in {}", e.account, ctx.books->file));
    }
    return {Quantity::of_money(eb->revenue_in(period.month) - eb->expenses_in(period.month)), "", evidence};
  }
  if (!eb->has_cash_accounts()) {
    return missing(fmt::format("a cash account (`Assets:{}:Checking`) in {}", e.account, ctx.books->file));
  }
  if (metric == "runway_months" && eb->cash_at(ctx.as_of).is_negative()) {
    // Overdrawn: no runway left, whatever the burn; never a negative runway.
    const Money cash = eb->cash_at(ctx.as_of);
    return {Quantity::ratio_of(0, 1, Quantity::Kind::months), "",
            {{ctx.books->file, fmt::format("overdrawn: cash {} at {}", cash.to_display(ctx.symbol),
                                           ctx.as_of.to_string())}}};
  }
  if (metric == "monthly_burn" || metric == "runway_months") {
    // Both as of the last complete month: cash three months earlier minus
    // cash at its end, over three (see monthly_burn).
    const Money burn = *monthly_burn(*eb, ctx);
    const Evidence how{ctx.books->file, fmt::format("cash {} at {} against {} at {}, over 3 months",
                                                    eb->cash_at(ctx.period.last_day()).to_display(ctx.symbol),
                                                    ctx.period.last_day().to_string(),
                                                    eb->cash_at(ctx.period.plus(-3).last_day()).to_display(ctx.symbol),
                                                    ctx.period.plus(-3).last_day().to_string())};
    if (metric == "monthly_burn") return {Quantity::of_money(burn), "", {how}};
    if (burn.units() <= 0) return missing("a cash burn: cash did not fall over the last three months");
    const Money cash = eb->cash_at(ctx.as_of);
    return {Quantity::ratio_of(cash.units(), burn.units(), Quantity::Kind::months), "",
            {how, {ctx.books->file, fmt::format("cash {} at {}", cash.to_display(ctx.symbol), ctx.as_of.to_string())}}};
  }
  // cash
  std::vector<Evidence> cash{
      {ctx.books->file, fmt::format("Assets:{}:Cash/Checking/Savings at {}", e.account, period.at.to_string())}};
  for (const auto& line : eb->cash_rates_at(period.at)) cash.push_back({ctx.books->file, line});
  return {Quantity::of_money(eb->cash_at(period.at)), "", std::move(cash)};
}

MetricValue from_bookings(std::string_view metric, const Entity& e, const AnalysisContext& ctx,
                          MetricPeriod period) {
  if (!ctx.data.bookings) return missing("a bookings file (`[data] bookings`)");
  std::int64_t count = 0;
  Money value;
  bool any = false;
  for (const Booking* row : ctx.bookings_of(e.id)) {
    const Booking& b = *row;
    any = true;
    if (metric == "bookings_month") {
      if (b.status != "cancelled" && b.booked_on <= period.at && period.month.contains(b.service_date)) ++count;
    } else if (is_forward_booking(b, period.at)) {
      ++count;
      value += b.amount;
    }
  }
  if (!any) return missing(fmt::format("rows for `{}` in {}", e.id, ctx.data.bookings_file));
  const Evidence evidence{ctx.data.bookings_file,
                          metric == "bookings_month"
                              ? fmt::format("service dates in {}", period.month.name())
                              : fmt::format("service dates on or after {}", period.at.to_string())};
  if (metric == "forward_bookings_value") return {Quantity::of_money(value), "", {evidence}};
  return {Quantity::of_count(count), "", {evidence}};
}

MetricValue from_channels(std::string_view metric, const Entity& e, const AnalysisContext& ctx) {
  if (!ctx.data.channels) return missing("a channels file (`[data] channels`)");
  std::int64_t listed = 0;
  std::int64_t leads = 0;
  bool any = false;
  bool any_leads = false;
  std::vector<std::string> without_figures;  // listed channels that report no leads
  for (const ChannelListing* row : ctx.channels_of(e.id)) {
    const ChannelListing& c = *row;
    any = true;
    if (c.status == "listed") ++listed;
    if (c.leads_30d) {
      any_leads = true;
      leads += *c.leads_30d;
    } else if (c.status == "listed") {
      without_figures.push_back(c.channel);
    }
  }
  if (!any) return missing(fmt::format("rows for `{}` in {}", e.id, ctx.data.channels_file));
  if (metric == "channels_listed") {
    return {Quantity::of_count(listed), "", {{ctx.data.channels_file, "rows with status `listed`"}}};
  }
  if (!any_leads) return missing(fmt::format("`leads_30d` figures for `{}` in {}", e.id, ctx.data.channels_file));
  // A sum over the channels that report leads: say which listed ones do not.
  return {Quantity::of_count(leads), "",
          {{ctx.data.channels_file,
            without_figures.empty()
                ? std::string("leads in the last 30 days, summed over the listed channels")
                : fmt::format("leads in the last 30 days, summed over the listed channels; {} of {} report none ({})",
                              without_figures.size(),
                              listed, join(without_figures, ", "))}}};
}

MetricValue from_cloud(const Entity& e, const AnalysisContext& ctx, MetricPeriod period) {
  if (!ctx.data.cloud_costs) return missing("a cloud cost file (`[data] cloud_costs`)");
  Money total;
  bool any = false;
  bool in_month = false;
  for (const CloudCost* row : ctx.cloud_costs_of(e.id)) {
    const CloudCost& c = *row;
    any = true;
    if (c.month == period.month) {
      in_month = true;
      total += c.cost;
    }
  }
  if (!any) return missing(fmt::format("rows for `{}` in {}", e.id, ctx.data.cloud_costs_file));
  if (!in_month) return missing(fmt::format("rows for {} in {}", period.month.to_string(), ctx.data.cloud_costs_file));
  return {Quantity::of_money(total), "", {{ctx.data.cloud_costs_file, fmt::format("month {}", period.month.to_string())}}};
}

MetricValue from_handoffs(const Entity& e, const AnalysisContext& ctx, MetricPeriod period) {
  if (!ctx.data.handoffs) return missing("handoff notes (`[data] handoffs`)");
  std::int64_t open = 0;
  bool any = false;
  std::vector<Evidence> evidence;
  for (const HandoffNote* row : ctx.handoffs_of(e.id)) {
    const HandoffNote& note = *row;
    any = true;
    const auto n = std::ranges::count_if(note.items, [](const HandoffItem& i) { return !i.done; });
    open += n;
    evidence.push_back({note.file, fmt::format("{} open items", n)});
  }
  (void)period;  // notes carry no history: the count is as of now
  if (!any) return missing(fmt::format("a handoff note with `entity: {}`", e.id));
  return {Quantity::of_count(open), "", std::move(evidence)};
}

// From the repository audit: secrets found (tree and history), commits in
// the 12 weeks to the as-of date, days since the newest commit.
MetricValue from_repos(std::string_view metric, const Entity& e, const AnalysisContext& ctx) {
  if (e.stack.repos.empty()) return missing(fmt::format("`[stack] repos` in {}", e.file));
  if (!ctx.data.repos) return missing("a repository scan");
  const std::vector<const RepoAudit*> audits = ctx.readable_repos(e.id);
  if (audits.empty()) return missing(fmt::format("a readable repository among {}", join(e.stack.repos, ", ")));
  std::vector<Evidence> evidence;
  if (metric == "secrets_found") {
    std::int64_t n = 0;
    for (const auto* a : audits) {
      n += static_cast<std::int64_t>(a->secrets.size());
      evidence.push_back({a->declared, plural(static_cast<std::int64_t>(a->secrets.size()), "secret") + " found"});
    }
    return {Quantity::of_count(n), "", std::move(evidence)};
  }
  std::vector<const RepoAudit*> git;
  for (const auto* a : audits) {
    if (a->is_git && !a->commits.empty()) git.push_back(a);
  }
  if (git.empty()) return missing(fmt::format("git history in {}", join(e.stack.repos, ", ")));
  if (metric == "commits_12w") {
    std::int64_t n = 0;
    for (const auto* a : git) {
      const auto recent = std::ranges::count_if(a->commits, [&](const RepoCommit& c) {
        return c.date > ctx.as_of.plus_days(-84) && c.date <= ctx.as_of;
      });
      n += recent;
      evidence.push_back({a->declared, fmt::format("{} commits since {}", recent, ctx.as_of.plus_days(-84).to_string())});
    }
    return {Quantity::of_count(n), "", std::move(evidence)};
  }
  const RepoAudit* newest = *std::ranges::max_element(git, {}, [](const RepoAudit* a) { return a->commits.front().date; });
  return {Quantity::of_count(newest->commits.front().date.days_until(ctx.as_of)), "",
          {{newest->declared, fmt::format("last commit {} on {}", newest->commits.front().id.substr(0, 12),
                                          newest->commits.front().date.to_string())}}};
}

// Sales in a month from the journal, for a retail entity: their count and
// the average sale (revenue in the books over the count).
MetricValue from_sales(std::string_view metric, const Entity& e, const AnalysisContext& ctx, MetricPeriod period) {
  if (e.kind != "retail") {
    return missing(fmt::format("sales counted in the journal, which an entity of kind `retail` has ({} is `{}`)",
                               e.file, e.kind));
  }
  if (!ctx.books) return missing("a journal (`[data] journal`)");
  const EntityBooks* eb = ctx.books->find(e.id);
  if (eb == nullptr || eb->income_postings == 0) {
    return missing(fmt::format("income postings (`Income:{}:*`) in {}", e.account, ctx.books->file));
  }
  const RetailSales s = retail_sales(e, ctx, period.month, period.month);
  const Evidence evidence{ctx.books->file,
                          fmt::format("{} income postings of {} in {}, one sale each or the number in their `sales` tag",
                                      s.income_postings, e.account, period.month.name())};
  if (metric == "sales_month") return {Quantity::of_count(s.sales), "", {evidence}};
  if (s.sales == 0) return missing(fmt::format("sales in {} (income postings in {})", period.month.name(), ctx.books->file));
  return {Quantity::of_money(eb->revenue_in(period.month).divided_by(s.sales)), "", {evidence}};
}

// Recurring revenue for a subscription entity from its monthly charges in
// the bookings file (see subscription_month).
MetricValue from_subscriptions(std::string_view metric, const Entity& e, const AnalysisContext& ctx,
                               MetricPeriod period) {
  if (e.kind != "subscription") {
    return missing(fmt::format("monthly charges per subscriber, which an entity of kind `subscription` keeps in the "
                               "bookings file ({} is `{}`)",
                               e.file, e.kind));
  }
  if (!ctx.data.bookings) return missing("a bookings file (`[data] bookings`) with one row a subscriber a month");
  if (ctx.bookings_of(e.id).empty()) {
    return missing(fmt::format("monthly charges (rows for `{}`, one a subscriber a month) in {}", e.id,
                               ctx.data.bookings_file));
  }
  const SubscriptionMonth now = subscription_month(e, ctx, period.month, period.at);
  const std::string file = ctx.data.bookings_file;
  if (metric == "mrr") {
    return {Quantity::of_money(now.mrr), "",
            {{file, fmt::format("{} charges to {} subscribers in {}", now.charges, now.customers.size(),
                                period.month.name())}}};
  }
  if (metric == "subscribers") {
    return {Quantity::of_count(static_cast<std::int64_t>(now.customers.size())), "",
            {{file, fmt::format("subscribers charged in {}", period.month.name())}}};
  }
  // churn_month: the share of last month's subscribers not charged this month.
  const Month before = period.month.plus(-1);
  const SubscriptionMonth prev = subscription_month(e, ctx, before, period.at);
  if (prev.customers.empty()) {
    return missing(fmt::format("subscribers charged in {} (rows for `{}` in {}), to measure who left",
                               before.name(), e.id, file));
  }
  std::vector<std::string> gone;
  std::ranges::set_difference(prev.customers, now.customers, std::back_inserter(gone));
  const std::size_t left = gone.size();
  if (gone.size() > 5) {  // the first few by name; the report is no list of customers
    gone.resize(5);
    gone.push_back(fmt::format("and {} more", left - 5));
  }
  return {Quantity::percent_of(static_cast<std::int64_t>(left), static_cast<std::int64_t>(prev.customers.size())),
          "",
          {{file, fmt::format("{} of {} subscribers charged in {} were not charged in {}{}", left,
                              prev.customers.size(), before.name(), period.month.name(),
                              gone.empty() ? "" : fmt::format(" ({})", join(gone, ", ")))}}};
}

MetricValue from_savings(const Entity& e, const AnalysisContext& ctx) {
  if (!ctx.data.cloud_costs) return missing("a cloud cost file (`[data] cloud_costs`)");
  Money total;
  std::vector<Evidence> evidence;
  for (const auto& s : cloud_savings(ctx, e.id)) {
    total += s.saving;
    evidence.push_back({ctx.at(ctx.data.cloud_costs_file, s.line), fmt::format("{}: {}", s.rule, s.saving.to_display(ctx.symbol))});
  }
  if (evidence.empty()) evidence.push_back({ctx.data.cloud_costs_file, "no savings rule applies"});
  return {Quantity::of_money(total), "", std::move(evidence)};
}

}  // namespace

bool is_known_metric(std::string_view metric) {
  return metric_info(metric) != nullptr;
}

MetricValue compute_metric(std::string_view metric, const Entity& entity, const AnalysisContext& ctx,
                           MetricPeriod period) {
  if (metric == "revenue_month" || metric == "expenses_month" || metric == "net_month" || metric == "cash" ||
      metric == "monthly_burn" || metric == "runway_months") {
    return from_books(metric, entity, ctx, period);
  }
  if (metric == "bookings_month" || metric == "forward_bookings" || metric == "forward_bookings_value") {
    return from_bookings(metric, entity, ctx, period);
  }
  if (metric == "sales_month" || metric == "average_sale") return from_sales(metric, entity, ctx, period);
  if (metric == "mrr" || metric == "subscribers" || metric == "churn_month") {
    return from_subscriptions(metric, entity, ctx, period);
  }
  if (metric == "channels_listed" || metric == "leads_30d") return from_channels(metric, entity, ctx);
  if (metric == "cloud_cost_month") return from_cloud(entity, ctx, period);
  if (metric == "open_items") return from_handoffs(entity, ctx, period);
  if (metric == "cloud_savings_month") return from_savings(entity, ctx);
  if (metric == "secrets_found" || metric == "commits_12w" || metric == "days_since_commit") {
    return from_repos(metric, entity, ctx);
  }
  return missing(fmt::format("a metric named `{}` (unknown)", metric));
}

bool is_forward_booking(const Booking& b, Date at) {
  return b.status != "cancelled" && b.booked_on <= at && b.service_date >= at;
}

bool takes_bookings(const Entity& e) { return e.kind != "retail" && e.kind != "subscription"; }

std::optional<Money> revenue_target(const Entity& e) {
  const auto kpi = std::ranges::find(e.kpis, std::string("revenue_month"), &KpiDefinition::metric);
  if (kpi == e.kpis.end() || !kpi->target) return std::nullopt;
  return Money(static_cast<std::int64_t>(std::llround(*kpi->target * 100.0)));
}

bool in_season(const Entity& e, Month m) {
  return e.season.empty() || std::ranges::find(e.season, m.month()) != e.season.end();
}

std::string describe_season(const Entity& e) {
  if (e.season.empty() || e.season.size() >= 12) return "all year";
  static constexpr std::array<std::string_view, 12> k_names = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const auto in = [&](int m) { return std::ranges::find(e.season, (m + 11) % 12 + 1) != e.season.end(); };
  // Start after a closed month, so a run over the new year reads as one.
  int start = 1;
  while (in(start)) ++start;  // some month is closed: the season is not all year
  std::vector<std::string> runs;
  for (int i = 0; i < 12; ++i) {
    const int m = (start + i - 1) % 12 + 1;
    if (!in(m) || in(m - 1 == 0 ? 12 : m - 1)) continue;
    int last = m;
    while (in(last % 12 + 1)) last = last % 12 + 1;
    runs.push_back(last == m ? std::string(k_names[static_cast<std::size_t>(m - 1)])
                             : fmt::format("{} to {}", k_names[static_cast<std::size_t>(m - 1)],
                                           k_names[static_cast<std::size_t>(last - 1)]));
  }
  return join(runs, ", ");
}

bool out_of_season(std::string_view metric, const Entity& e, MetricPeriod period) {
  const MetricInfo* info = metric_info(metric);
  if (info == nullptr || e.season.empty()) return false;
  switch (info->season) {
    case SeasonTarget::all_year: return false;
    case SeasonTarget::period: return !in_season(e, period.month);
    case SeasonTarget::as_of_date: return !in_season(e, Month::of(period.at));
  }
  return false;
}

RetailSales retail_sales(const Entity& e, const AnalysisContext& ctx, Month first, Month last) {
  RetailSales out;
  if (!ctx.data.journal) return out;
  const Journal& journal = *ctx.data.journal;
  for (const auto& [t, p] : ctx.postings_of(e.id)) {
    const Month m = Month::of(p->date);
    if (m < first || m > last || !journal.account_name(*p).starts_with("Income:")) continue;
    const auto amount = ctx.books->amount_of(journal, *p);
    if (!amount || !amount->is_negative()) continue;
    ++out.income_postings;
    std::int64_t n = 1;
    if (const auto tag = tag_value(journal, *t, *p, "sales")) {
      const std::string_view text = trim(*tag);
      std::int64_t parsed = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (ec == std::errc() && end == text.data() + text.size() && parsed > 0) n = parsed;
    }
    out.sales += n;
  }
  return out;
}

SubscriptionMonth subscription_month(const Entity& e, const AnalysisContext& ctx, Month m, Date at) {
  SubscriptionMonth out;
  for (const Booking* b : ctx.bookings_of(e.id)) {
    if (b->status == "cancelled" || b->booked_on > at || !m.contains(b->service_date)) continue;
    out.mrr += b->amount;
    ++out.charges;
    out.customers.push_back(b->customer);
  }
  std::ranges::sort(out.customers);
  const auto [first, last] = std::ranges::unique(out.customers);
  out.customers.erase(first, last);
  return out;
}

PostingGaps months_without_postings(const Entity& e, const AnalysisContext& ctx) {
  PostingGaps out;
  std::set<Month> seen;
  for (const PostingRef& ref : ctx.postings_of(e.id)) {
    const Date d = ref.p->date;
    if (d > ctx.as_of) continue;
    seen.insert(Month::of(d));
    if (!out.first || d < out.first->p->date) out.first = ref;
    if (!out.last || d > out.last->p->date) out.last = ref;
  }
  if (seen.size() < 2) return out;
  for (Month m = seen.begin()->plus(1); m < *seen.rbegin(); m = m.plus(1)) {
    if (!seen.contains(m) && in_season(e, m)) out.months.push_back(m);
  }
  return out;
}

std::optional<Money> monthly_burn(const EntityBooks& books, const AnalysisContext& ctx) {
  if (!books.has_cash_accounts()) return std::nullopt;
  // Cash at the end of the last complete month, against three months earlier.
  const Date end = ctx.period.last_day();
  const Date start = ctx.period.plus(-3).last_day();
  const Money out = books.cash_at(start) - books.cash_at(end);
  return out.divided_by(3);
}

}  // namespace quarterdeck
