// The portfolio as configured: entities, recipients, delivery settings and
// report definitions. Plain values, filled by config/ and read by every
// later stage. Each item keeps the place it was declared, so findings can
// point at their evidence.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

enum class Severity { critical, high, medium, low, info };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);
int rank(Severity s);  // 0 = critical (most severe)

struct Asset {
  std::string name;
  std::string kind;
  std::string status = "active";
  std::optional<Money> value;
  SourcePosition where;
};

struct TeamMember {
  std::string name;
  std::string role;
  std::string email;
  std::optional<int> equity_percent;
  bool key_person = false;
  SourcePosition where;
};

struct Endpoint {
  std::string url;
  bool auth = false;
  bool is_public = false;  // meant to be reachable without auth
  std::string purpose;
  SourcePosition where;
};

struct Stack {
  std::vector<std::string> repos;
  std::string cloud;
  std::optional<bool> waf;
  std::optional<bool> ci;
  std::optional<bool> staging;
  std::optional<bool> rollback;
  std::vector<Endpoint> endpoints;
  SourcePosition where;  // the [stack] table; file only when absent
};

struct KpiDefinition {
  std::string id;
  std::string name;
  std::string metric;
  std::optional<double> target;  // a target as configured; compared, never summed as money
  std::string unit;
  SourcePosition where;
};

struct KnownIssue {
  std::string title;
  std::string subject;  // what it is about (see Finding::subject); empty: its own subject
  Severity severity = Severity::medium;
  std::string owner;
  std::string detail;
  std::string action;   // what to do about it, in words; empty: a default from its subject
  SourcePosition where;
};

// Comparable listings nearby ([market] in an entity file): the typical
// price per unit (a night, for a rental) and occupancy, and where the
// figures come from. The rental report places the entity against them.
struct MarketComparison {
  std::optional<Money> rate;                     // median price per unit of comparables
  std::optional<std::int64_t> occupancy_percent;  // their occupancy
  std::optional<std::int64_t> comparables;        // how many listings the figures cover
  std::string source;                             // required when [market] is declared
  bool declared = false;
  SourcePosition where;
};

struct Entity {
  std::string id;
  std::string name;
  std::string kind;  // charter, service, agency, rental, client_book, retail, subscription
  std::string status = "operating";
  std::string account;  // journal account segment
  std::string unit;
  std::string billing_model;
  std::vector<std::string> expected_channels;
  std::vector<std::string> features;
  std::vector<std::string> fixed_costs;  // expense categories that are fixed costs
  std::optional<Money> unit_cost;  // direct cost of one unit (a developer hour) kept outside its books
  std::vector<std::string> direct_costs;  // expense categories that belong to the units sold (client work)
  std::vector<Asset> assets;
  std::vector<TeamMember> team;
  Stack stack;
  std::vector<KpiDefinition> kpis;
  std::vector<KnownIssue> known_issues;
  MarketComparison market;
  std::vector<int> season;  // the months it operates (1-12); empty: all year
  SourcePosition season_where;
  std::string file;  // entities/ID.toml
  SourcePosition billing_model_where;
};

// How long a report may be (docs/reports.md "Length budget"). The report
// builder lists at most `findings` findings in full and says where the rest
// are; the JSON keeps them all.
struct ReportBudget {
  std::optional<std::int64_t> findings;   // findings listed in full; nullopt: all
  std::optional<std::int64_t> lines;      // lines of the text report; nullopt: no limit
  std::int64_t summary_sentences = 5;     // 1 to 5
  std::int64_t summary_items = 3;         // findings the summary names, 0 to 5
  std::optional<std::int64_t> timeline;  // timeline lines in text and HTML; 0: none (an agenda has them); nullopt: all
};

// Whose dated actions (handoff items, planned actions) a report's timeline
// shows: everyone's, or only those owned by the report's `role`.
enum class TimelineOwners { everyone, own_role };

// A report as data: the built-in personas (personas/*.toml, compiled in) and
// entity templates, overridden field by field by a portfolio's [[reports]],
// or a report of the portfolio's own made from the section catalogue.
struct ReportDefinition {
  std::string id;
  std::string persona;   // the built-in persona it starts from (ceo, cto, ...); empty otherwise
  std::string template_name;  // the built-in entity template (rental, ...); empty otherwise
  std::string title;
  std::vector<std::string> scope;  // entity ids; empty = all
  std::vector<std::string> to, cc, bcc;  // roles
  // What is made and, by e-mail, sent: text and html are the message's
  // body; json, pdf and markdown are attached (docs/reports.md "Formats").
  std::vector<std::string> formats;      // text, html, json, pdf, markdown
  std::string schedule;
  // `quarterdeck serve` (docs/operations.md "Running serve"): what to do
  // with slots missed while no scheduler ran (skip, latest, all), how old a
  // slot may be and still run, and whether a week with no change is sent.
  std::string catch_up = "latest";
  std::int64_t catch_up_max_age_seconds = 24 * 3600;
  bool skip_if_unchanged = false;
  // What it is made of, in order: section ids from analyze/sections/catalogue.
  std::vector<std::string> sections;
  std::vector<SourcePosition> section_where;  // where each id is written
  std::vector<std::string> categories;        // finding categories it reads; empty: all
  Severity min_severity = Severity::info;     // the least severe finding it reads
  std::optional<std::vector<std::string>> kpis;  // KPI metrics it shows; nullopt: all
  std::string role;  // the reader's role (owner of "its own" actions)
  TimelineOwners timeline = TimelineOwners::everyone;
  std::string summary = "findings";  // how the summary is written (analyze/report_builder)
  SourcePosition summary_where;
  // The charts it carries, in order: chart ids from analyze/charts.
  std::vector<std::string> charts;
  std::vector<SourcePosition> chart_where;  // where each id is written
  ReportBudget budget;
  SourcePosition where;
};

// How the portfolio's reports look: a logo on the PDF cover and the
// e-mail header, and an accent colour for headings and rules.
struct Branding {
  std::string logo;    // PNG file, relative to the portfolio; empty: none
  SourcePosition logo_where;
  std::string accent;  // "#0b5cad"; empty: the built-in colour
};

struct DeliverySettings {
  std::string transport = "outbox";
  std::string from;  // address, variables resolved
  std::string from_name;
  std::vector<std::string> audit_bcc;  // roles
  std::string subject_prefix;
  std::string reply_to;  // address for replies (Reply-To); empty: replies go to `from`
  std::vector<int> waves;           // message counts per wave; empty: one wave
  double messages_per_second = 0;   // 0: no limit
  std::int64_t recipients_per_day = 0;  // 0: no quota
  int max_attempts = 5;
  bool smtp_starttls_required = true;
  std::string configuration_set;    // SES configuration set, may be empty
  int max_recipients_per_message = 50;  // a message with more is split (SES allows 50)
};

// A bank export read through a rules file (see ingest/bank_csv.hpp).
struct BankSource {
  std::string file;
  std::string rules;
  std::string entity;  // entity id, may be empty
  SourcePosition where;
};

struct DataFiles {
  std::string journal, bookings, channels, cloud_costs, invoices, handoffs;  // relative paths; empty = none
  bool strict_accounts = false;  // every journal account must be declared
  std::string entity_tag;        // tag naming a posting's entity; empty: account segment only
  std::string prices;  // a price file (`P DATE COMMODITY PRICE` lines); empty = the journal's only
  std::string budget;  // budget.csv (entity, account, period, amount); empty = the journal's `~` only
  std::vector<BankSource> banks;
};

// A cloud savings rule: which cost lines it applies to, and what share of
// their cost acting on it saves. Built-in rules (analyze/cloud.cpp) can be
// replaced by id or extended with [[cloud_savings]] in portfolio.toml.
struct CloudSavingsRule {
  std::string id;
  std::string usage;  // substring of usage_type; empty = any
  std::string state;  // exact state; empty = any
  std::optional<std::int64_t> utilization_at_most;
  std::optional<std::int64_t> utilization_above;
  std::int64_t min_share_percent = 0;   // of the entity's monthly bill, over lines matching `usage`
  std::int64_t min_growth_percent = 0;  // over the previous month
  std::int64_t saving_percent = 0;      // of the line's cost (growth rules: of the increase)
  std::string advice;
  SourcePosition where;
};

// A portfolio's own rule ([[rules]]): a finding for each entity where an
// expression over metrics holds, e.g. `runway_months < 6`.
struct UserRule {
  std::string id;
  std::string when;  // the expression; names are metric names (model/metric_names.hpp)
  Severity severity = Severity::high;
  std::string title;           // after the entity's name: "JADA: runway under six months"
  std::string recommendation;
  std::string owner = "ceo";   // a role
  std::string category = "finance";  // which persona reads it (finance: the CFO)
  std::vector<std::string> entities;  // empty: every entity
  SourcePosition where;        // the `when` value
};

// A planned use of money or time ([[actions]]): what it costs once, what it
// is expected to bring in a month, and why that figure (the basis).
struct CapitalAction {
  std::string id;
  std::string entity;  // may be empty: portfolio-wide
  std::string title;
  Money cost;            // one-off, in the portfolio currency; zero for time only
  Money monthly_return;  // expected extra revenue (or saving) a month
  std::string basis;     // where the expected return comes from
  std::string owner = "ceo";
  std::optional<Date> due;
  SourcePosition where;
};

// A campaign to a contact list ([[campaigns]]): its value is modelled as a
// range from the list size, open and booking rates (percent, low and high)
// and the entity's average booking value in the bookings data.
struct Campaign {
  std::string id;
  std::string entity;
  std::string title;
  std::int64_t list_size = 0;
  std::int64_t open_low = 0, open_high = 0;        // percent of the list that opens
  std::int64_t convert_low = 0, convert_high = 0;  // percent of openers who book
  Money cost;
  SourcePosition where;
};

// A channel an entity can be listed on ([[marketplaces]]): the hours it
// takes to list and the share of each booking it keeps. Expected bookings
// come from the data (entities of the same kind already listed there);
// `bookings_month` is the portfolio's assumption where none is.
struct Marketplace {
  std::string channel;
  std::optional<std::int64_t> effort_hours;
  std::int64_t fee_percent = 0;
  std::optional<std::int64_t> bookings_month_tenths;  // 1.5 bookings a month = 15
  std::string basis;  // why `bookings_month`; required with it
  SourcePosition where;
};

// The portfolio's money rules ([finance]).
struct FinanceSettings {
  Money low_cost_limit = Money(100000, 2);  // 1,000.00: above it an action is an investment
  std::int64_t min_return_multiple = 3;     // 12 months of return over the cost, at least
  SourcePosition where;
};

// A payment the owner has committed to ([[forecast.commitments]]): it goes
// into the 13-week cash forecast as written.
struct ForecastCommitment {
  std::string entity;  // may be empty: portfolio-wide
  std::string title;
  Money amount;  // paid out (positive), in the portfolio currency
  Date first;    // the first payment
  std::string every;  // "" (once), "week", "month", "quarter"
  SourcePosition where;
};

// The 13-week cash forecast's settings ([forecast] in portfolio.toml).
struct ForecastSettings {
  std::optional<Money> floor;  // cash below this is a finding; none: zero
  std::vector<ForecastCommitment> commitments;
  // The downside scenario: bookings down by this percent, collections
  // slower by this many days.
  std::int64_t downside_bookings_percent = 0;
  std::int64_t downside_delay_days = 0;
  SourcePosition where;
};

// The repository scan's settings ([scan] in portfolio.toml).
struct ScanSettings {
  std::string rules;     // extra rules file, relative to the portfolio; empty = built-in only
  std::string baseline;  // fingerprints of accepted findings; empty = none
  std::vector<std::string> ignore;  // globs on paths inside each repository
  bool history = true;   // scan every blob in git history
  SourcePosition where;
};

// Where events are pushed besides e-mail ([[webhooks]], [github], [[chat]]
// in portfolio.toml; docs/config.md "Integrations"). URLs, secrets and
// tokens are secrets: the loader registers them with the Redactor, and no
// message about a target ever names its URL.
// The events a target can ask for (store/store.hpp Event).
inline constexpr std::array<std::string_view, 5> k_event_types = {"run.completed", "run.failed", "task.created",
                                                                  "task.updated", "task.resolved"};

struct WebhookTarget {
  std::string url;     // https, or http to a loopback host
  std::string secret;  // "whsec_" + base64 of the key (Standard Webhooks)
  std::vector<std::string> events;  // event types; empty: all
  SourcePosition where;
};

struct GithubTarget {
  std::string repository;  // "owner/name"
  std::string token;
  std::vector<std::string> labels;
  std::string api_url = "https://api.github.com";  // GITHUB_API_URL
  SourcePosition where;
  // Roles whose tasks become issues (the CTO's, say: GitHub is where the
  // developers work); empty: every task.
  std::vector<std::string> owners;
};

struct ChatTarget {
  std::string kind;  // slack, teams
  std::string url;
  std::vector<std::string> reports;  // report ids whose digests it gets; empty: all
  bool failures = true;              // failed runs too
  SourcePosition where;
};

struct IntegrationSettings {
  std::vector<WebhookTarget> webhooks;
  std::optional<GithubTarget> github;
  std::vector<ChatTarget> chat;
  bool empty() const { return webhooks.empty() && !github && chat.empty(); }
};

struct Portfolio {
  std::string directory;  // as given on the command line
  std::string name;
  std::string currency = "USD";
  std::string timezone;
  std::string env_file;
  std::vector<Entity> entities;
  DataFiles data;
  ScanSettings scan;
  std::vector<CloudSavingsRule> cloud_savings;  // portfolio additions to the built-in rules
  std::vector<UserRule> rules;
  FinanceSettings finance;
  ForecastSettings forecast;
  std::vector<CapitalAction> actions;
  std::vector<Campaign> campaigns;
  std::vector<Marketplace> marketplaces;
  std::map<std::string, std::vector<std::string>> recipients;  // role -> addresses
  DeliverySettings delivery;
  Branding branding;
  std::vector<ReportDefinition> reports;
  IntegrationSettings integrations;

  const Entity* find_entity(std::string_view id) const;
};

}  // namespace quarterdeck
