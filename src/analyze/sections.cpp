// The tables of each report: asset inventory, stack matrix, P&L, channel
// matrix, chart of accounts, and the entity templates' tables. Each says
// what data is missing when it cannot be computed.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "analyze/capital.hpp"
#include "analyze/cloud.hpp"
#include "analyze/user_rules.hpp"
#include "analyze/finance.hpp"
#include "analyze/ledger_reports.hpp"
#include "analyze/marketing.hpp"
#include "analyze/metrics.hpp"
#include "analyze/report_builder.hpp"
#include "util/strings.hpp"

namespace quarterdeck::report_detail {
namespace {

// Whether an entity is in a scope, without a scan of the scope for each row.
class InScope {
 public:
  explicit InScope(const Scope& scope) : entities_(scope.begin(), scope.end()) {}
  bool operator()(const Entity* e) const { return entities_.contains(e); }

 private:
  std::unordered_set<const Entity*> entities_;
};

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "unknown"; }
std::string count_or_blank(const std::optional<std::int64_t>& n) { return n ? thousands(*n) : "-"; }

// Every rule the portfolio declares, for every entity in scope: holds,
// clear, or not evaluated for lack of data.
Section portfolio_rules(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"portfolio-rules", "Portfolio rules", "", {"Rule", "Entity", "Result", "Inputs", "Id", "When"}, {},
            {"Id", "When"}};  // the rule's id and expression: in the JSON only
  if (ctx.portfolio.rules.empty()) {
    s.note = "The portfolio declares no rules (`[[rules]]` in portfolio.toml).";
    return s;
  }
  const InScope in_scope(scope);
  for (const auto& o : evaluate_user_rules(ctx)) {
    if (!in_scope(o.entity)) continue;
    const char* result = o.state == RuleOutcome::State::triggered ? "broken"
                         : o.state == RuleOutcome::State::clear   ? "kept"
                                                                  : "not evaluated";
    s.rows.push_back({o.rule->title.empty() ? o.rule->id : o.rule->title, o.entity->name, result, o.inputs, o.rule->id,
                      o.rule->when});
  }
  s.note = "Each rule is a condition on the entity's figures ([[rules]] in portfolio.toml); it is broken where it "
           "holds.";
  return s;
}

// The capital deployment framework: the planned actions by tier.
Section capital_deployment(const AnalysisContext& ctx, const Scope& scope) {
  const auto& f = ctx.portfolio.finance;
  Section s{"capital-deployment",
            "Capital deployment",
            "",
            {"Tier", "Action", "Entity", "Cost", "Return a month", "12-month multiple", "Payback", "Rule", "Basis"},
            {}};
  const InScope in_scope(scope);
  for (const auto& r : assess_actions(ctx.portfolio)) {
    const CapitalAction& a = *r.action;
    const Entity* e = ctx.entities.by_id(a.entity);
    if (e != nullptr && !in_scope(e)) continue;
    s.rows.push_back({std::string(tier_name(r.tier)), a.title, e ? e->name : "portfolio", a.cost.to_display(ctx.symbol),
                      a.monthly_return.to_display(ctx.symbol), r.multiple ? r.multiple->to_display(ctx.symbol) + "×" : "free",
                      r.payback ? r.payback->to_display(ctx.symbol) : (a.cost.units() == 0 ? "now" : "never"),
                      r.meets_rule ? "meets" : fmt::format("below {}×", f.min_return_multiple), a.basis});
  }
  s.note = ctx.portfolio.actions.empty()
               ? "Missing data: no planned actions (`[[actions]]` in portfolio.toml) with their cost and return."
           : s.rows.empty()
               ? "No planned action concerns the entities of this report."
               : fmt::format("Zero-cost first, then low-cost (up to {}), then investments; the rule is {}× the "
                             "cost back within 12 months ([finance] min_return_multiple).",
                             f.low_cost_limit.to_display(ctx.symbol), f.min_return_multiple);
  return s;
}

Section asset_inventory(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"assets", "Asset inventory", "", {"Entity", "Asset", "Kind", "Status", "Value"}, {}};
  Money total;
  for (const Entity* e : scope) {
    for (const auto& a : e->assets) {
      s.rows.push_back({e->name, a.name, a.kind, a.status, a.value ? a.value->to_display(ctx.symbol) : "-"});
      if (a.value) total += *a.value;
    }
  }
  s.note = fmt::format("{}, {} of declared value.", plural(static_cast<std::int64_t>(s.rows.size()), "asset"),
                       total.to_display(ctx.symbol));
  return s;
}

Section team(const Scope& scope) {
  Section s{"team", "Team", "", {"Entity", "Name", "Role", "Equity", "Key person"}, {}};
  for (const Entity* e : scope) {
    for (const auto& m : e->team) {
      s.rows.push_back({e->name, m.name, m.role, m.equity_percent ? fmt::format("{}%", *m.equity_percent) : "-",
                        m.key_person ? "yes" : "no"});
    }
  }
  return s;
}

Section snapshot(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"snapshot",
            fmt::format("Entities in {}", ctx.period.name()),
            "",
            {"Entity", "Kind", "Status", "Revenue", "Bookings", "Forward bookings"},
            {}};
  const auto show = [&](const Entity& e, std::string_view metric, MetricPeriod p) {
    const MetricValue v = compute_metric(metric, e, ctx, p);
    return v.value ? v.value->to_display(ctx.symbol) : std::string("missing");
  };
  for (const Entity* e : scope) {
    const bool books = takes_bookings(*e);  // a shop or a subscription has no bookings to count
    s.rows.push_back({e->name, e->kind, e->status, show(*e, "revenue_month", MetricPeriod::current(ctx)),
                      books ? show(*e, "bookings_month", MetricPeriod::current(ctx)) : "-",
                      books ? show(*e, "forward_bookings", MetricPeriod::current(ctx)) : "-"});
  }
  return s;
}

Section stack_matrix(const Scope& scope) {
  Section s{"stacks",
            "Stacks",
            "",
            {"Entity", "Cloud", "Repos", "Endpoints", "Without auth", "WAF", "CI", "Staging", "Rollback"},
            {}};
  for (const Entity* e : scope) {
    if (e->stack.repos.empty() && e->stack.endpoints.empty() && e->stack.cloud.empty()) continue;
    const auto open = std::ranges::count_if(e->stack.endpoints, [](const Endpoint& ep) { return !ep.auth && !ep.is_public; });
    s.rows.push_back({e->name, e->stack.cloud.empty() ? "-" : e->stack.cloud, thousands(e->stack.repos.size()),
                      thousands(e->stack.endpoints.size()), thousands(open), yes_no(e->stack.waf),
                      yes_no(e->stack.ci), yes_no(e->stack.staging), yes_no(e->stack.rollback)});
  }
  if (s.rows.empty()) s.note = "No entity declares a [stack].";
  return s;
}

std::string signal_cell(const RepoSignal& s, std::string_view declared) {
  if (!s.found) return "no";
  // "repos/jada-site/deploy.sh:3" -> "deploy.sh:3": the row names the repository.
  return std::string(s.evidence.substr(std::min(s.evidence.size(), declared.size() + 1)));
}

// The repository audit: dev-cycle facts with where they were seen, the
// secrets found, velocity and the files changed most.
std::vector<Section> repository_sections(const AnalysisContext& ctx, const Scope& scope) {
  Section audit{"repositories",
                "Repository audit",
                "",
                {"Repository", "CI", "Tests", "Deploy", "Staging", "Rollback", "Secrets", "Last commit", "Commits (12 wk)",
                 "Contributors"},
                {}};
  Section secrets{"secrets", "Secrets and exposed files", "", {"Where", "Finding", "Severity", "Value", "Commit"}, {}};
  Section hot{"hot-files", "Files changed most", "", {"Repository", "File", "Commits"}, {}};
  Section velocity{"commit-velocity", "Commits by week", "", {"Repository"}, {}};
  // Twelve weeks ending with the as-of date, oldest first.
  for (int w = 11; w >= 0; --w) velocity.columns.push_back(ctx.as_of.plus_days(-7 * w - 6).to_string().substr(5));
  if (!ctx.data.repos) {
    audit.note = "Missing data: the repositories were not scanned.";
    return {audit};
  }
  std::vector<std::string> missing;
  const Date window_start = ctx.as_of.plus_days(-83);  // twelve weeks ending with the as-of date
  for (const Entity* e : scope) {
    for (const RepoAudit* a_row : ctx.repos_of(e->id)) {
      const RepoAudit& a = *a_row;
      if (!a.exists || !a.problem.empty()) {
        missing.push_back(a.problem.empty() ? a.declared : a.problem);
        continue;
      }
      const auto recent = std::ranges::count_if(a.commits, [&](const RepoCommit& c) {
        return c.date >= window_start && c.date <= ctx.as_of;
      });
      std::vector<std::string> names;
      for (const auto& c : a.contributors) names.push_back(c.name);
      audit.rows.push_back(
          {a.declared, signal_cell(a.ci, a.declared), signal_cell(a.tests, a.declared),
           signal_cell(a.deploy, a.declared), signal_cell(a.staging, a.declared), signal_cell(a.rollback, a.declared),
           thousands(a.secrets.size()),
           a.commits.empty() ? (a.is_git ? "none" : "not a git repository") : a.commits.front().date.to_string(),
           a.is_git ? thousands(recent) : "-", a.is_git ? join(names, ", ") : "-"});
      for (const auto& f : a.secrets) {
        secrets.rows.push_back({f.line > 0 ? fmt::format("{}:{}", f.path, f.line) : f.path, f.description,
                                std::string(to_string(f.severity)), f.redacted.empty() ? "-" : f.redacted,
                                f.commit.empty() ? "-"
                                                 : fmt::format("{}{}", f.commit.substr(0, 12),
                                                               f.in_tree ? "" : " (deleted)")});
      }
      if (a.is_git) {
        std::vector<std::string> row{a.declared};
        for (int w = 11; w >= 0; --w) {
          const Date first = ctx.as_of.plus_days(-7 * w - 6), last = ctx.as_of.plus_days(-7 * w);
          row.push_back(thousands(std::ranges::count_if(a.commits, [&](const RepoCommit& c) {
                                      return c.date >= first && c.date <= last;
                                    })));
        }
        velocity.rows.push_back(std::move(row));
      }
      for (const auto& h : a.hot_files) {
        if (h.commits > 1) hot.rows.push_back({a.declared, h.path, thousands(h.commits)});
      }
    }
  }
  if (!missing.empty()) {
    audit.note = fmt::format("Missing data: cannot read {}.", join(missing, "; "));
  }
  if (audit.rows.empty() && missing.empty()) audit.note = "No entity in scope names a repository.";
  if (secrets.rows.empty()) secrets.note = audit.rows.empty() ? "No repository was scanned." : "None found.";
  if (hot.rows.empty()) hot.note = "No file has changed more than once.";
  velocity.note = velocity.rows.empty() ? "No git history to count."
                                        : "Each column is the week that starts on that day (MM-DD).";
  return {audit, secrets, velocity, hot};
}

std::vector<Section> cloud_sections(const AnalysisContext& ctx, const Scope& scope) {
  Section by_month{"cloud-costs", "Cloud cost by month", "", {"Entity"}, {}};
  Section top{"cloud-services", fmt::format("Top cloud services in {}", ctx.period.name()), "",
              {"Entity", "Service", "Cost", "Share"}, {}};
  if (!ctx.data.cloud_costs) {
    by_month.note = "Missing data: no cloud cost file (`[data] cloud_costs`).";
    return {by_month};
  }
  for (int i = 2; i >= 0; --i) by_month.columns.push_back(ctx.period.plus(-i).to_string());
  by_month.columns.push_back("Change");
  by_month.columns.push_back(fmt::format("Baseline ({} to {})", cloud_baseline_first(ctx.period).to_string(),
                                         cloud_baseline_last(ctx.period).to_string()));
  Section savings{"cloud-savings", "Cloud savings", "", {"Entity", "Resource", "Rule", "Cost", "Saving a month", "Why"}, {}};
  Money saving_total;
  for (const Entity* e : scope) {
    for (const auto& s : cloud_savings(ctx, e->id)) {
      saving_total += s.saving;
      savings.rows.push_back({e->name, s.what, s.rule, s.cost.to_display(ctx.symbol), s.saving.to_display(ctx.symbol), s.why});
    }
  }
  savings.note = savings.rows.empty() ? "No savings rule applies to this month's costs."
                                      : fmt::format("{} a month in all, from the rules in docs/config.md "
                                                    "(`[[cloud_savings]]`).",
                                                    saving_total.to_display(ctx.symbol));
  for (const Entity* e : scope) {
    const std::map<Month, Money> months = cloud_bill_by_month(ctx, e->id);
    const std::map<std::string, Money> services = cloud_cost_by_service(ctx, e->id, ctx.period);
    if (months.empty()) continue;
    std::vector<std::string> row{e->name};
    for (int i = 2; i >= 0; --i) {
      const auto it = months.find(ctx.period.plus(-i));
      row.push_back(it == months.end() ? "-" : it->second.to_display(ctx.symbol));
    }
    const auto cur = months.find(ctx.period);
    const auto prev = months.find(ctx.period.plus(-1));
    row.push_back(cur == months.end() || prev == months.end() || prev->second.units() <= 0
                      ? "-"
                      : Quantity::percent_of((cur->second - prev->second).units(), prev->second.units()).to_display(ctx.symbol));
    const auto baseline = cloud_baseline(months, ctx.period);
    row.push_back(baseline ? baseline->to_display(ctx.symbol) : "-");
    by_month.rows.push_back(std::move(row));
    Money total;
    for (const auto& [_, cost] : services) total += cost;
    std::vector<std::pair<std::string, Money>> sorted(services.begin(), services.end());
    std::ranges::stable_sort(sorted, [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < sorted.size() && i < 3; ++i) {
      top.rows.push_back({e->name, sorted[i].first, sorted[i].second.to_display(ctx.symbol),
                          Quantity::percent_of(sorted[i].second.units(), total.units()).to_display(ctx.symbol)});
    }
  }
  if (by_month.rows.empty()) by_month.note = "No cloud costs for these entities.";
  return {by_month, top, savings};
}

std::vector<Section> finance_sections(const AnalysisContext& ctx, const Scope& scope) {
  Section pnl{"pnl", "Profit and loss by month", "", {"Entity", "Month", "Revenue", "Expenses", "Net"}, {}};
  Section cash{"runway", fmt::format("Cash and runway at {}", ctx.as_of.to_string()), "",
               {"Entity", "Cash", "Burn / month", "Runway"}, {}};
  if (!ctx.books) {
    pnl.note = "Missing data: no journal (`[data] journal`).";
    return {pnl};
  }
  std::vector<std::string> without_books;
  for (const Entity* e : scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    if (eb == nullptr) {
      without_books.push_back(e->name);
      continue;
    }
    for (int i = 2; i >= 0; --i) {
      const Month m = ctx.period.plus(-i);
      const Money revenue = eb->revenue_in(m);
      const Money expenses = eb->expenses_in(m);
      pnl.rows.push_back({e->name, m.to_string(), eb->income_postings ? revenue.to_display(ctx.symbol) : "not tracked",
                          expenses.to_display(ctx.symbol), (revenue - expenses).to_display(ctx.symbol)});
    }
    if (eb->has_cash_accounts()) {
      const auto burn = monthly_burn(*eb, ctx);
      const Money c = eb->cash_at(ctx.as_of);
      std::string runway = "not burning";
      if (c.is_negative()) {
        runway = "overdrawn";
      } else if (burn && burn->units() > 0) {
        runway = Quantity::ratio_of(c.units(), burn->units(), Quantity::Kind::months).to_display(ctx.symbol);
      }
      cash.rows.push_back({e->name, c.to_display(ctx.symbol), burn ? burn->to_display(ctx.symbol) : "-", runway});
    }
  }
  if (!without_books.empty()) pnl.note = fmt::format("No books for {}.", join(without_books, ", "));
  cash.note = "Burn is the trailing three-month average fall in cash; a negative burn means cash grew.";
  Section units{"break-even",
                fmt::format("Break-even, {} to {}", ctx.period.plus(-2).name(), ctx.period.name()),
                "Break-even units a month = fixed costs a month / (price per unit - variable cost per unit). Fixed "
                "costs are the expense categories in `fixed_costs` (default: insurance, dockage, mortgage, rent, "
                "software, cloud, payroll, vehicle loan, property tax, utilities, bank fees, marketing); variable "
                "costs are the other expenses plus the entity's `unit_cost` for each unit, where declared.",
                {"Entity", "Unit", "Units / month", "Price / unit", "Variable / unit", "Fixed / month",
                 "Break-even / month"},
                {}};
  for (const Entity* e : scope) {
    if (e->unit.empty()) continue;
    const BreakEven b = break_even(*e, ctx);
    const bool priced = b.missing.empty() && b.out_of_season.empty();
    units.rows.push_back({e->name, e->unit, b.actual_units_per_month ? b.actual_units_per_month->to_display(ctx.symbol) : "-",
                          priced ? b.price_per_unit.to_display(ctx.symbol) : "-",
                          priced ? b.variable_per_unit.to_display(ctx.symbol) : "-",
                          b.out_of_season.empty() ? b.fixed_per_month.to_display(ctx.symbol) : "-",
                          b.break_even_units       ? b.break_even_units->to_display(ctx.symbol)
                          : !b.out_of_season.empty() ? b.out_of_season
                          : !b.unreachable.empty()   ? b.unreachable
                                                   : "missing: " + b.missing});
  }
  Section targets{"revenue-targets", "Revenue against the monthly target, last three months",
                  "The target is the `revenue_month` KPI's; revenue is income in the books.",
                  {"Entity", "Month", "Revenue", "Target", "Gap", "Met"}, {}};
  std::vector<std::string> without_income;
  for (const Entity* e : scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    const std::optional<Money> monthly_target = revenue_target(*e);
    if (!monthly_target) continue;
    if (eb == nullptr || eb->income_postings == 0) {
      without_income.push_back(e->name);
      continue;
    }
    const Money target = *monthly_target;
    for (int i = 2; i >= 0; --i) {
      const Month m = ctx.period.plus(-i);
      const Money revenue = eb->revenue_in(m);
      const Money gap = revenue - target;
      if (!in_season(*e, m)) {  // closed that month: no target to meet
        targets.rows.push_back({e->name, m.to_string(), revenue.to_display(ctx.symbol), "-", "-", "out of season"});
        continue;
      }
      targets.rows.push_back({e->name, m.to_string(), revenue.to_display(ctx.symbol), target.to_display(ctx.symbol), gap.to_display(ctx.symbol),
                              gap.is_negative() ? "no" : "yes"});
    }
  }
  if (!without_income.empty()) {
    targets.note = fmt::format("Missing data: no income in the books for {}, which {} a revenue target.",
                               join(without_income, ", "), without_income.size() == 1 ? "has" : "have");
  } else if (targets.rows.empty()) {
    targets.note = "No entity in scope declares a `revenue_month` KPI with a target.";
  }
  return {pnl, cash, units, targets};
}

// The modelled value of each campaign: list x open rate x booking rate x
// the entity's average booking value over the last twelve months, as a
// range from the low rates to the high ones, with every assumption shown.
Section campaign_value(const AnalysisContext& ctx, const Scope& scope) {
  Section s{"campaign-value",
            "Campaign value",
            "",
            {"Campaign", "Entity", "Bookings", "Revenue", "Cost", "Assumptions"},
            {}};
  std::vector<std::string> without_bookings;
  const InScope in_scope(scope);
  for (const auto& c : ctx.portfolio.campaigns) {
    const Entity* e = ctx.entities.by_id(c.entity);
    if (e == nullptr || !in_scope(e)) continue;
    const auto avg = average_booking(ctx, e->id);
    if (!avg) {
      without_bookings.push_back(c.title);
      continue;
    }
    const Money average = avg->value;
    const std::int64_t n = avg->count;
    // Bookings and revenue in exact integers: percent x percent = 1/10,000.
    const std::int64_t low_x = c.list_size * c.open_low * c.convert_low;
    const std::int64_t high_x = c.list_size * c.open_high * c.convert_high;
    const Quantity low_bookings = Quantity::ratio_of(low_x, 10000);
    const Quantity high_bookings = Quantity::ratio_of(high_x, 10000);
    const Money low_revenue = average.times(low_x).divided_by(10000);
    const Money high_revenue = average.times(high_x).divided_by(10000);
    s.rows.push_back({c.title, e->name,
                      fmt::format("{} to {}", low_bookings.to_display(ctx.symbol), high_bookings.to_display(ctx.symbol)),
                      fmt::format("{} to {}", low_revenue.to_display(ctx.symbol), high_revenue.to_display(ctx.symbol)),
                      c.cost.to_display(ctx.symbol),
                      fmt::format("{} × {}–{}% open × {}–{}% book × {} average booking ({} in "
                                  "the last 12 months, {})",
                                  plural(c.list_size, "contact"), c.open_low, c.open_high, c.convert_low,
                                  c.convert_high, average.to_display(ctx.symbol), plural(n, "booking"),
                                  ctx.data.bookings_file)});
  }
  if (ctx.portfolio.campaigns.empty()) {
    s.note = "Missing data: no campaigns (`[[campaigns]]` in portfolio.toml) with a list size and rates.";
  } else if (!without_bookings.empty()) {
    s.note = fmt::format("Missing data: no bookings in the last 12 months to value a booking for {}.",
                         join(without_bookings, ", "));
  } else if (s.rows.empty()) {
    s.note = "No campaign concerns the entities of this report.";
  } else {
    s.note = "A range from the low rates to the high ones; the rates are the portfolio's assumptions.";
  }
  return s;
}

std::vector<Section> marketing_sections(const AnalysisContext& ctx, const Scope& scope) {
  Section matrix{"channels", "Channel visibility", "", {"Entity", "Channel", "Status", "Views / month", "Leads / 30 days"}, {}};
  Section pipeline{"pipeline", fmt::format("Pipeline at {}", ctx.as_of.to_string()), "",
                   {"Entity", "Forward bookings", "Forward value", "Last service date"}, {}};
  if (!ctx.data.channels) {
    matrix.note = k_no_channels_file;
  } else {
    for (const Entity* e : scope) {
      std::set<std::string> seen;
      for (const ChannelListing* c_row : ctx.channels_of(e->id)) {
        const ChannelListing& c = *c_row;
        seen.insert(c.channel);
        matrix.rows.push_back(
            {e->name, c.channel, words_of(c.status), count_or_blank(c.monthly_views), count_or_blank(c.leads_30d)});
      }
      for (const auto& expected : e->expected_channels) {
        if (!seen.contains(expected)) matrix.rows.push_back({e->name, expected, "absent", "-", "-"});
      }
    }
  }
  if (!ctx.data.bookings) {
    pipeline.note = k_no_bookings_file;
    return {matrix, pipeline};
  }
  for (const Entity* e : scope) {
    if (!takes_bookings(*e)) continue;
    const MetricValue n = compute_metric("forward_bookings", *e, ctx, MetricPeriod::current(ctx));
    if (!n.value) continue;
    const MetricValue v = compute_metric("forward_bookings_value", *e, ctx, MetricPeriod::current(ctx));
    std::optional<Date> last;
    for (const Booking* b : ctx.bookings_of(e->id)) {
      if (b->status == "delivered" && b->service_date < ctx.as_of && (!last || b->service_date > *last)) {
        last = b->service_date;
      }
    }
    pipeline.rows.push_back({e->name, n.value->to_display(ctx.symbol), v.value ? v.value->to_display(ctx.symbol) : "-",
                             last ? last->to_string() : "-"});
  }
  return {matrix, pipeline};
}

// The accounts a business of each kind should keep (SEGMENT is the
// entity's account segment), for the entities whose books are missing or
// messy (no income postings, or postings to an Unknown account), compared
// with the accounts the journal has.
Section recommended_chart(const AnalysisContext& ctx, const Scope& scope) {
  static const std::map<std::string, std::vector<std::string>> k_chart = {
      {"charter",
       {"Assets:SEGMENT:Checking", "Liabilities:SEGMENT:Customer Deposits", "Income:SEGMENT:Charters",
        "Expenses:SEGMENT:Fuel", "Expenses:SEGMENT:Marina", "Expenses:SEGMENT:Crew", "Expenses:SEGMENT:Maintenance",
        "Expenses:SEGMENT:Insurance", "Expenses:SEGMENT:Marketing"}},
      {"service",
       {"Assets:SEGMENT:Checking", "Income:SEGMENT:Jobs", "Expenses:SEGMENT:Labor", "Expenses:SEGMENT:Fuel",
        "Expenses:SEGMENT:Travel", "Expenses:SEGMENT:Insurance", "Expenses:SEGMENT:Marketing"}},
      {"rental",
       {"Assets:SEGMENT:Checking", "Income:SEGMENT:Rent", "Expenses:SEGMENT:Mortgage Interest",
        "Expenses:SEGMENT:Utilities", "Expenses:SEGMENT:Repairs", "Expenses:SEGMENT:Cleaning",
        "Expenses:SEGMENT:Insurance", "Expenses:SEGMENT:Property Tax"}},
      {"agency",
       {"Assets:SEGMENT:Checking", "Assets:SEGMENT:Receivable", "Income:SEGMENT:Projects",
        "Expenses:SEGMENT:Salaries", "Expenses:SEGMENT:Contractors", "Expenses:SEGMENT:Cloud",
        "Expenses:SEGMENT:Software"}},
      {"client_book", {"Assets:SEGMENT:Receivable", "Income:SEGMENT:Client Work"}},
  };
  Section s{"recommended-chart", "Recommended chart of accounts", "", {"Entity", "Account", "In the books"}, {}};
  std::vector<std::string> why;
  // Accounts no posting uses (declared only) have no owner but the one their
  // name says; the others belong to whoever their postings belong to.
  std::vector<bool> used;
  if (ctx.data.journal) {
    used.assign(ctx.data.journal->accounts.size(), false);
    for (const auto& t : ctx.data.journal->transactions) {
      for (const auto& p : ctx.data.journal->postings_of(t)) used[p.account] = true;
    }
  }
  for (const Entity* e : scope) {
    const auto it = k_chart.find(e->kind);
    if (it == k_chart.end() || e->account.empty()) continue;
    const EntityBooks* eb = ctx.books ? ctx.books->find(e->id) : nullptr;
    std::set<std::uint32_t> own;  // accounts of the entity's postings, and declared ones its segment names
    bool unknown = false;
    if (ctx.data.journal) {
      const Journal& journal = *ctx.data.journal;
      for (const auto& [t, p] : ctx.postings_of(e->id)) {
        own.insert(p->account);
        if (journal.account_name(*p).ends_with(":Unknown")) unknown = true;
      }
      for (const std::uint32_t a : ctx.accounts_named(e->id)) {
        if (!used[a]) own.insert(a);
      }
    }
    if (eb != nullptr && eb->income_postings > 0 && !unknown) continue;  // the books are in order
    why.push_back(fmt::format("{} ({})", e->name, eb == nullptr ? "no books"
                                                  : eb->income_postings == 0 ? "no income postings"
                                                                             : "postings to an Unknown account"));
    // The entity's accounts without the owner segment (`Expenses:Insurance`
    // for `Expenses:JADA:Insurance`, and for `Expenses:Group:Insurance`
    // tagged to the entity), to compare with the chart's the same way.
    std::set<std::string> kept;
    for (const std::uint32_t a : own) {
      const auto segments = split(ctx.data.journal->accounts[a], ':');
      std::string k(segments[0]);
      for (std::size_t i = category_index(segments, ctx.entities); i < segments.size(); ++i) {
        k += ':';
        k += segments[i];
      }
      kept.insert(std::move(k));
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& pattern : it->second) {
      std::string account = pattern;
      account.replace(account.find("SEGMENT"), 7, e->account);
      std::string wanted = pattern;
      wanted.erase(wanted.find("SEGMENT:"), 8);
      const bool present = std::ranges::any_of(kept, [&](const std::string& k) {
        return k == wanted || k.starts_with(wanted + ":");
      });
      rows.push_back({e->name, account, present ? "yes" : "no"});
    }
    for (auto& r : rows) s.rows.push_back(std::move(r));
  }
  s.note = why.empty() ? "Every entity's books have income and no Unknown postings; no new chart is needed."
                       : fmt::format("For the books that are missing or messy: {}. The accounts a business of its "
                                     "kind should keep, and whether the journal has them.",
                                     join(why, "; "));
  return s;
}

std::vector<Section> accounting_sections(const AnalysisContext& ctx, const Scope& scope) {
  Section chart{"accounts", fmt::format("Chart of accounts with balances at {}", ctx.as_of.to_string()), "",
                {"Account", "Balance"}, {}};
  Section expenses{"expenses", fmt::format("Expenses by category in {}", ctx.period.name()), "",
                   {"Entity", "Category", "Amount", "Share", "Previous month", "Change"}, {}};
  if (!ctx.books) {
    chart.note = "Missing data: no journal (`[data] journal`). Recommended chart: Assets:ENTITY:Checking, "
                 "Liabilities:ENTITY:Customer Deposits, Income:ENTITY:<service>, Expenses:ENTITY:<category>.";
    return {chart};
  }
  // The chart as ledger shows it: a tree, each account with its total at
  // the as-of date. A report on some of the entities sums only their
  // postings, top rows included; the whole portfolio's shows every posting,
  // those of no entity too ("Equity:Opening Balances").
  const Journal& journal = *ctx.data.journal;
  BalanceOptions tree;
  tree.end = ctx.as_of.plus_days(1);
  tree.real_only = true;  // virtual postings are not money (docs/config.md, Journal)
  std::set<std::string_view> scope_ids;
  for (const Entity* e : scope) scope_ids.insert(e->id);
  if (scope.size() != ctx.portfolio.entities.size()) {
    tree.include = [&](const Transaction& t, const Posting& p) {
      const Entity* e = entity_of(journal, t, p, ctx.entities);
      return e != nullptr && scope_ids.contains(e->id);
    };
  }
  const BalanceReport report = balance_report(journal, tree);
  for (const auto& row : report.rows) {
    std::string amounts;
    for (const auto& a : row.amounts) {
      if (!amounts.empty()) amounts += ", ";
      amounts += format_amount(a.quantity, journal.commodities[a.commodity]);
    }
    chart.rows.push_back({std::string(static_cast<std::size_t>(row.indent) * 2, ' ') + row.account, amounts});
  }
  for (const Entity* e : scope) {
    const EntityBooks* eb = ctx.books->find(e->id);
    if (eb == nullptr) continue;
    const Money total = eb->expenses_in(ctx.period);
    for (const auto& [category, months] : eb->expenses_by_category) {
      const auto now = months.find(ctx.period);
      const auto before = months.find(ctx.period.plus(-1));
      if (now == months.end() && before == months.end()) continue;
      const Money amount = now == months.end() ? Money() : now->second;
      std::string change = "new";
      if (before != months.end() && before->second.units() != 0) {
        const Quantity pct = Quantity::percent_of((amount - before->second).units(), before->second.units());
        change = (pct.scaled > 0 ? "+" : "") + pct.to_display(ctx.symbol);
      }
      expenses.rows.push_back({e->name, category, amount.to_display(ctx.symbol),
                               Quantity::percent_of(amount.units(), total.units()).to_display(ctx.symbol),
                               before == months.end() ? "-" : before->second.to_display(ctx.symbol), change});
    }
  }
  return {chart, expenses};
}

Section rental_occupancy(const AnalysisContext& ctx, const Entity& e) {
  Section s{"occupancy", "Occupancy and revenue per available night", "",
            {"Month", "Nights booked", "Nights available", "Occupancy", "Stay revenue", "Revenue per available night"}, {}};
  if (!ctx.data.bookings) {
    s.note = k_no_bookings_file;
    return s;
  }
  for (int i = 2; i >= -1; --i) {
    const Month m = ctx.period.plus(-i);
    std::int64_t nights = 0;
    Money revenue;
    for (const Booking* b_row : ctx.bookings_of(e.id)) {
      const Booking& b = *b_row;
      if (b.status == "cancelled" || !m.contains(b.service_date) || b.booked_on > ctx.as_of) continue;
      nights += b.units;
      revenue += b.amount;
    }
    const int available = m.days();
    s.rows.push_back({m.to_string() + (i < 0 ? " (booked so far)" : ""), thousands(nights),
                      thousands(available), Quantity::percent_of(nights, available).to_display(ctx.symbol),
                      revenue.to_display(ctx.symbol), revenue.divided_by(available).to_display(ctx.symbol)});
  }
  s.note = "Nights are the `units` of each stay by its start date; revenue is the stays' booked value.";
  return s;
}

Section service_jobs(const AnalysisContext& ctx, const Entity& e) {
  Section s{"jobs", "Jobs and margin per job", "", {"Month", "Jobs delivered", "Booked value", "Value per job",
                                                    "Expenses (books)", "Margin per job"}, {}};
  if (!ctx.data.bookings) {
    s.note = k_no_bookings_file;
    return s;
  }
  const EntityBooks* eb = ctx.books ? ctx.books->find(e.id) : nullptr;
  for (int i = 2; i >= 0; --i) {
    const Month m = ctx.period.plus(-i);
    std::int64_t jobs = 0;
    Money value;
    for (const Booking* b_row : ctx.bookings_of(e.id)) {
      const Booking& b = *b_row;
      if (b.status != "delivered" || !m.contains(b.service_date)) continue;
      ++jobs;
      value += b.amount;
    }
    const std::string expenses = eb ? eb->expenses_in(m).to_display(ctx.symbol) : "no books";
    const std::string margin = eb && jobs > 0 ? (value - eb->expenses_in(m)).divided_by(jobs).to_display(ctx.symbol) : "-";
    s.rows.push_back({m.to_string(), thousands(jobs), value.to_display(ctx.symbol),
                      jobs > 0 ? value.divided_by(jobs).to_display(ctx.symbol) : "-", expenses, margin});
  }
  s.note = "Booked value comes from the bookings; expenses from the journal.";
  return s;
}

std::vector<Section> client_book(const AnalysisContext& ctx, const Entity& e) {
  Section clients{"clients", "Clients: delivered and billed, last 12 months", "",
                  {"Client", "Engagements", "Hours", "Delivered", "Invoiced", "Not invoiced"}, {}};
  if (!ctx.data.bookings) {
    clients.note = k_no_bookings_file;
    return {clients};
  }
  struct Totals {
    int engagements = 0;
    std::int64_t hours = 0;
    Money delivered, invoiced, open;
  };
  std::map<std::string, Totals> by_client;
  for (const Booking* row : ctx.bookings_of(e.id)) {
    const Booking& b = *row;
    if (b.status != "delivered" || b.service_date > ctx.as_of || b.service_date.days_until(ctx.as_of) > 365) {
      continue;
    }
    Totals& t = by_client[b.customer];
    ++t.engagements;
    t.hours += b.units;
    t.delivered += b.amount;
    (b.invoiced ? t.invoiced : t.open) += b.amount;
  }
  Totals sum;
  for (const auto& [client, t] : by_client) {
    clients.rows.push_back({client, thousands(t.engagements), thousands(t.hours), t.delivered.to_display(ctx.symbol),
                            t.invoiced.to_display(ctx.symbol), t.open.to_display(ctx.symbol)});
    sum.engagements += t.engagements;
    sum.hours += t.hours;
    sum.delivered += t.delivered;
    sum.invoiced += t.invoiced;
    sum.open += t.open;
  }
  clients.rows.push_back({"Total", thousands(sum.engagements), thousands(sum.hours), sum.delivered.to_display(ctx.symbol),
                          sum.invoiced.to_display(ctx.symbol), sum.open.to_display(ctx.symbol)});

  // Work delivered and not invoiced, by how long ago it was delivered.
  Section unbilled{"unbilled-by-age",
                   "Unbilled work by age",
                   "",
                   {"Client", "0-30 days", "31-60 days", "61-90 days", "Over 90 days", "Oldest"},
                   {}};
  struct Aging {
    std::array<Money, 4> buckets;
    Date oldest;
    bool any = false;
  };
  std::map<std::string, Aging> aging;
  for (const Booking* b_row : ctx.bookings_of(e.id)) {
    const Booking& b = *b_row;
    if (b.status != "delivered" || b.invoiced || b.service_date > ctx.as_of) continue;
    const int age = b.service_date.days_until(ctx.as_of);
    Aging& a = aging[b.customer];
    a.buckets[age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3] += b.amount;
    if (!a.any || b.service_date < a.oldest) a.oldest = b.service_date;
    a.any = true;
  }
  for (const auto& [client, a] : aging) {
    unbilled.rows.push_back({client, a.buckets[0].to_display(ctx.symbol), a.buckets[1].to_display(ctx.symbol),
                             a.buckets[2].to_display(ctx.symbol), a.buckets[3].to_display(ctx.symbol),
                             a.oldest.to_string()});
  }
  unbilled.note = aging.empty() ? "All delivered work is invoiced." : "Ages count from the service date.";
  return {clients, unbilled};
}

}  // namespace

// The tables above, for the section catalogue (analyze/sections/catalogue.cpp).
Section portfolio_rules_section(const AnalysisContext& ctx, const Scope& scope) { return portfolio_rules(ctx, scope); }
Section capital_deployment_section(const AnalysisContext& ctx, const Scope& scope) {
  return capital_deployment(ctx, scope);
}
Section asset_inventory_section(const AnalysisContext& ctx, const Scope& scope) { return asset_inventory(ctx, scope); }
Section team_section(const Scope& scope) { return team(scope); }
Section snapshot_section(const AnalysisContext& ctx, const Scope& scope) { return snapshot(ctx, scope); }
Section stack_matrix_section(const Scope& scope) { return stack_matrix(scope); }
std::vector<Section> repository_tables(const AnalysisContext& ctx, const Scope& scope) {
  return repository_sections(ctx, scope);
}
std::vector<Section> cloud_tables(const AnalysisContext& ctx, const Scope& scope) { return cloud_sections(ctx, scope); }
std::vector<Section> finance_tables(const AnalysisContext& ctx, const Scope& scope) {
  return finance_sections(ctx, scope);
}
Section campaign_value_section(const AnalysisContext& ctx, const Scope& scope) { return campaign_value(ctx, scope); }
std::vector<Section> marketing_tables(const AnalysisContext& ctx, const Scope& scope) {
  return marketing_sections(ctx, scope);
}
Section recommended_chart_section(const AnalysisContext& ctx, const Scope& scope) {
  return recommended_chart(ctx, scope);
}
std::vector<Section> accounting_tables(const AnalysisContext& ctx, const Scope& scope) {
  return accounting_sections(ctx, scope);
}
Section rental_occupancy_section(const AnalysisContext& ctx, const Entity& e) { return rental_occupancy(ctx, e); }
Section service_jobs_section(const AnalysisContext& ctx, const Entity& e) { return service_jobs(ctx, e); }
std::vector<Section> client_book_tables(const AnalysisContext& ctx, const Entity& e) { return client_book(ctx, e); }

}  // namespace quarterdeck::report_detail
