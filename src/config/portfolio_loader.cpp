#include "config/portfolio_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>
#include <set>

#include "config/builtin_definitions.hpp"
#include "config/cron.hpp"
#include "config/slots.hpp"
#include "config/integrations_loader.hpp"
#include "config/season.hpp"
#include "config/table_reader.hpp"
#include "model/metric_names.hpp"
#include "model/subject_names.hpp"
#include "util/address.hpp"
#include "util/clock.hpp"
#include "util/expression.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"
#include "util/text_input.hpp"

namespace quarterdeck {
namespace {

using config_detail::Need;
using config_detail::position_of;
using config_detail::TableReader;
namespace fs = std::filesystem;

constexpr std::array<std::string_view, 5> k_personas = {"ceo", "cto", "cfo", "cmo", "accounting"};
constexpr std::array<std::string_view, 3> k_templates = {"rental", "service", "client_book"};
constexpr std::array<std::string_view, 7> k_entity_kinds = {"charter", "service", "agency", "rental",
                                                            "client_book", "retail", "subscription"};

// What one unit is for each kind when the entity declares no `unit`
// (docs/config.md, "Entity kinds and units").
std::string default_unit(std::string_view kind) {
  if (kind == "charter") return "charter";
  if (kind == "service") return "job";
  if (kind == "rental") return "night";
  if (kind == "agency" || kind == "client_book") return "hour";
  if (kind == "retail") return "sale";
  if (kind == "subscription") return "subscriber-month";
  return "";
}
constexpr std::array<std::string_view, 5> k_formats = {"text", "html", "json", "pdf", "markdown"};
constexpr std::array<std::string_view, 3> k_catch_up_policies = {"skip", "latest", "all"};
constexpr std::array<std::string_view, 3> k_transports = {"outbox", "smtp", "ses"};

// A non-negative decimal amount at `key` ("1000.00"); a bad one is reported
// with an example of a good one.
std::optional<Money> read_amount(TableReader& r, std::string_view key, Need need,
                                 std::string_view example) {
  const auto v = r.string(key, need);
  if (!v) return std::nullopt;
  auto m = Money::parse_decimal(*v);
  if (!m || m->units() < 0) {
    r.diagnostics().push_back({r.where(key), "invalid amount",
                               fmt::format("a decimal such as \"{}\"", example),
                               fmt::format("`{}`", *v), ""});
    return std::nullopt;
  }
  return m;
}

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& options) {
  return std::ranges::find(options, value) != options.end();
}

template <std::size_t N>
std::string list_of(const std::array<std::string_view, N>& options) {
  std::string out;
  for (const auto o : options) {
    if (!out.empty()) out += ", ";
    out += fmt::format("`{}`", o);
  }
  return out;
}

template <std::size_t N>
void check_enum(TableReader& r, std::string_view key, const std::string& value,
                const std::array<std::string_view, N>& options) {
  if (one_of(value, options)) return;
  std::string hint;
  const std::span<const std::string_view> candidates(options.data(), options.size());
  if (auto best = closest_match(value, candidates)) hint = fmt::format("did you mean `{}`?", *best);
  r.diagnostics().push_back({r.where(key), fmt::format("invalid `{}`", key),
                             "one of " + list_of(options), fmt::format("`{}`", value), hint});
}

// A known issue's `subject`: one of the fixed names, or a prefix and a
// thing the entity declares (docs/reports.md "Subjects").
void check_subject(TableReader& r, const std::string& value, const Entity& e) {
  if (one_of(value, k_subject_names)) return;
  std::vector<std::string> valid(k_subject_names.begin(), k_subject_names.end());
  for (const auto& ep : e.stack.endpoints) valid.push_back(endpoint_subject(ep.url));
  for (const auto& repo : e.stack.repos) {
    valid.push_back("secrets:" + repo_subject_name(repo));
    valid.push_back("repo:" + repo_subject_name(repo));
  }
  for (const auto& c : e.expected_channels) valid.push_back("channel:" + c);
  for (const auto& m : e.team) valid.push_back("person:" + m.name);
  if (std::ranges::find(valid, value) != valid.end()) return;
  if (value.starts_with("issue:") && value.size() > 6) return;
  std::vector<std::string_view> candidates(valid.begin(), valid.end());
  std::string hint;
  if (auto best = closest_match(value, candidates)) hint = fmt::format("did you mean `{}`?", *best);
  r.diagnostics().push_back(
      {r.where("subject"), "invalid `subject`",
       "a subject from docs/reports.md: one of " + list_of(k_subject_names) +
           ", or endpoint:PATH, secrets:REPO or repo:REPO of a declared endpoint or repository, channel:ID of an "
           "expected channel, person:NAME of a team member, issue:ANY",
       fmt::format("`{}`", value), hint});
}

bool is_valid_address(std::string_view address) {
  return normalize_address(address).has_value();
}

std::optional<toml::table> parse_toml(const fs::path& path, const std::string& display,
                                      Diagnostics& diagnostics) {
  auto text = read_text_input(path, display, diagnostics);
  if (!text) return std::nullopt;
  try {
    return toml::parse(*text, display);
  } catch (const toml::parse_error& e) {
    diagnostics.push_back({position_of(e.source(), display),
                           fmt::format("malformed TOML: {}", e.description()), "", "", ""});
    return std::nullopt;
  }
}

class Loader {
 public:
  Loader(fs::path directory, Diagnostics& diagnostics, const Environment& env)
      : dir_(std::move(directory)), diagnostics_(diagnostics), env_(env) {}

  void read_portfolio(const toml::table& root, Portfolio& p);
  void read_entity(const toml::table& root, Entity& e);
  void check_references(Portfolio& p, const std::map<std::string, SourcePosition>& role_refs);

 private:
  void read_data(TableReader& root, Portfolio& p);
  void read_recipients(TableReader& root, Portfolio& p);
  void read_delivery(TableReader& root, Portfolio& p);
  void read_branding(TableReader& root, Portfolio& p);
  void read_scan(TableReader& root, Portfolio& p);
  void read_cloud_savings(TableReader& root, Portfolio& p);
  void read_user_rules(TableReader& root, Portfolio& p);
  void read_finance(TableReader& root, Portfolio& p);
  void read_forecast(TableReader& root, Portfolio& p);
  void read_campaigns(TableReader& root, Portfolio& p);
  void read_marketplaces(TableReader& root, Portfolio& p);
  void read_market(TableReader& r, Entity& e);
  void read_season(TableReader& r, Entity& e);
  void read_reports(TableReader& root, Portfolio& p);
  void check_owner_role(TableReader& root, const Portfolio& p, const std::string& report,
                        const SourcePosition& schedule_where);
  void check_data_path(const std::string& value, SourcePosition where, bool directory);

 public:
  std::map<std::string, SourcePosition> role_refs;  // role -> first use, for missing-role errors
  std::vector<std::pair<std::string, SourcePosition>>
      bank_entities_;  // checked once entities are read
  std::vector<std::pair<std::string, SourcePosition>>
      entity_refs_;  // [[rules]], [[actions]], [[campaigns]]: likewise

 private:
  fs::path dir_;
  Diagnostics& diagnostics_;
  const Environment& env_;
};

void Loader::check_data_path(const std::string& value, SourcePosition where, bool directory) {
  if (value.empty()) return;
  const fs::path path = dir_ / value;
  std::error_code ec;
  const bool exists = directory ? fs::is_directory(path, ec) : fs::is_regular_file(path, ec);
  if (!exists) {
    // Only regular files are read (docs/config.md "Input limits"): a link
    // to /dev/zero, a pipe or a folder is named for what it is.
    const auto status = fs::status(path, ec);
    const bool something = !ec && fs::exists(status);
    const char* found = !something                    ? "nothing at that path"
                        : fs::is_directory(status)    ? "a folder"
                        : fs::is_regular_file(status) ? "a file"
                                                      : "a device, pipe or socket";
    const char* message = !something  ? "data file not found"
                          : directory ? "data path is not a directory"
                                      : "data file is not a regular file";
    diagnostics_.push_back({where, message,
                            fmt::format("{} `{}`", directory ? "a directory" : "a file", value),
                            found, ""});
  }
}

void Loader::read_data(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("data");
  if (t == nullptr) return;
  TableReader r(*t, root.file(), "[data]", diagnostics_, &env_);
  const auto read = [&](std::string_view key, std::string& into, bool directory) {
    if (auto v = r.string(key)) {
      into = *v;
      check_data_path(into, r.where(key), directory);
    }
  };
  read("journal", p.data.journal, false);
  read("prices", p.data.prices, false);
  read("bookings", p.data.bookings, false);
  read("channels", p.data.channels, false);
  read("cloud_costs", p.data.cloud_costs, false);
  read("invoices", p.data.invoices, false);
  read("budget", p.data.budget, false);
  read("handoffs", p.data.handoffs, true);
  p.data.strict_accounts = r.boolean("strict_accounts").value_or(false);
  p.data.entity_tag = r.string("entity_tag").value_or("");
  for (const toml::table* bank_table : r.tables("bank")) {
    TableReader b(*bank_table, root.file(), "[[data.bank]]", diagnostics_, &env_);
    BankSource bank;
    bank.where = b.where_table();
    bank.file = b.string("file", Need::required).value_or("");
    check_data_path(bank.file, b.where("file"), false);
    bank.rules = b.string("rules", Need::required).value_or("");
    check_data_path(bank.rules, b.where("rules"), false);
    bank.entity = b.string("entity").value_or("");
    bank_entities_.emplace_back(bank.entity, b.where("entity"));
    b.finish();
    p.data.banks.push_back(std::move(bank));
  }
  r.finish();
}

void Loader::read_recipients(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("recipients");
  if (t == nullptr) {
    diagnostics_.push_back(
        {root.where_table(), "missing table `[recipients]`", "roles with their addresses", "", ""});
    return;
  }
  TableReader r(*t, root.file(), "[recipients]", diagnostics_, &env_);
  for (const auto& [key, value] : *t) {
    const std::string role(key.str());
    auto addresses = r.strings(role, Need::required);
    const auto* array = value.as_array();
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      if (!is_valid_address(addresses[i])) {
        SourcePosition where = r.where(role);
        if (array != nullptr && i < array->size())
          where = position_of((*array)[i].source(), root.file());
        diagnostics_.push_back({where, fmt::format("invalid address for role `{}`", role),
                                "an address like name@example.com",
                                fmt::format("`{}`", addresses[i]), ""});
      }
    }
    p.recipients[role] = std::move(addresses);
  }
  r.finish();
}

void Loader::read_branding(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("branding");
  if (t == nullptr) return;
  TableReader r(*t, root.file(), "[branding]", diagnostics_, &env_);
  if (auto v = r.string("logo")) {
    p.branding.logo = *v;
    p.branding.logo_where = r.where("logo");
    check_data_path(*v, r.where("logo"), false);
    if (!v->ends_with(".png") && !v->ends_with(".PNG")) {
      diagnostics_.push_back({r.where("logo"), "logo is not a PNG file", "a `.png` file",
                              fmt::format("`{}`", *v), ""});
    }
  }
  if (auto v = r.string("accent")) {
    p.branding.accent = *v;
    static const std::regex k_colour("^#[0-9a-fA-F]{6}$");
    if (!std::regex_match(*v, k_colour)) {
      diagnostics_.push_back({r.where("accent"), "invalid accent colour",
                              "a colour like `#0b5cad`", fmt::format("`{}`", *v), ""});
    }
  }
  r.finish();
}

void Loader::read_delivery(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("delivery");
  if (t == nullptr) {
    diagnostics_.push_back({root.where_table(), "missing table `[delivery]`",
                            "at least `from`, the sender address", "", ""});
    return;
  }
  TableReader r(*t, root.file(), "[delivery]", diagnostics_, &env_);
  if (auto v = r.string("transport")) {
    p.delivery.transport = *v;
    check_enum(r, "transport", *v, k_transports);
  }
  if (auto v = r.string("from", Need::required)) {
    p.delivery.from = *v;
    if (!is_valid_address(*v)) {
      diagnostics_.push_back({r.where("from"), "invalid sender address",
                              "an address like reports@example.com", fmt::format("`{}`", *v), ""});
    }
  }
  p.delivery.from_name = r.string("from_name").value_or("");
  p.delivery.audit_bcc = r.strings("audit_bcc");
  for (const auto& role : p.delivery.audit_bcc) role_refs.emplace(role, r.where("audit_bcc"));
  p.delivery.subject_prefix = r.string("subject_prefix").value_or("");
  if (auto v = r.string("reply_to")) {
    p.delivery.reply_to = *v;
    if (!is_valid_address(*v)) {
      diagnostics_.push_back({r.where("reply_to"), "invalid reply-to address",
                              "an address like owner@example.com", fmt::format("`{}`", *v), ""});
    }
  }
  if (const toml::node* waves = t->get("waves"); waves != nullptr) {
    r.allow("waves");
    const toml::array* array = waves->as_array();
    for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
      const auto* n = (*array)[i].as_integer();
      if (n == nullptr || n->get() < 1) {
        diagnostics_.push_back({position_of((*array)[i].source(), root.file()), "invalid wave size",
                                "a positive whole number of messages",
                                std::string(config_detail::type_name((*array)[i].type())), ""});
        continue;
      }
      p.delivery.waves.push_back(static_cast<int>(n->get()));
    }
    if (array == nullptr) {
      diagnostics_.push_back({r.where("waves"), "`waves` has the wrong type",
                              "an array of message counts such as [5, 3]",
                              std::string(config_detail::type_name(waves->type())), ""});
    }
  }
  p.delivery.messages_per_second = r.number("messages_per_second").value_or(0);
  p.delivery.recipients_per_day = r.integer("recipients_per_day").value_or(0);
  p.delivery.max_attempts = static_cast<int>(r.integer("max_attempts").value_or(5));
  if (p.delivery.max_attempts < 1) {
    diagnostics_.push_back({r.where("max_attempts"), "invalid `max_attempts`", "1 or more",
                            fmt::format("{}", p.delivery.max_attempts), ""});
  }
  if (auto v = r.string("smtp_starttls")) {
    static constexpr std::array<std::string_view, 2> k_starttls = {"required", "optional"};
    check_enum(r, "smtp_starttls", *v, k_starttls);
    p.delivery.smtp_starttls_required = *v != "optional";
  }
  p.delivery.configuration_set = r.string("configuration_set").value_or("");
  p.delivery.max_recipients_per_message =
      static_cast<int>(r.integer("max_recipients_per_message").value_or(50));
  if (p.delivery.max_recipients_per_message < 1 || p.delivery.max_recipients_per_message > 50) {
    diagnostics_.push_back({r.where("max_recipients_per_message"),
                            "invalid `max_recipients_per_message`",
                            "1 to 50 (SES takes at most 50 To+Cc+Bcc)",
                            fmt::format("{}", p.delivery.max_recipients_per_message), ""});
  }
  r.finish();

  // Credentials each transport needs. Only names are printed, never values.
  const auto require = [&](std::vector<std::string_view> any_of, std::string_view why) {
    for (const auto name : any_of) {
      if (auto v = env_.get(name); v && !v->empty()) return;
    }
    std::string names;
    for (const auto name : any_of) names += (names.empty() ? "" : " or ") + std::string(name);
    diagnostics_.push_back(
        {r.where("transport"),
         fmt::format("missing credential for transport `{}`", p.delivery.transport),
         fmt::format("{} ({}) in the environment or the env_file", names, why), "none of them set",
         ""});
  };
  if (p.delivery.transport == "ses") {
    require({"SES_REGION", "AWS_REGION"}, "the SES region");
    require({"AWS_ACCESS_KEY_ID"}, "the AWS access key id");
    require({"AWS_SECRET_ACCESS_KEY"}, "the AWS secret key");
  } else if (p.delivery.transport == "smtp") {
    require({"SMTP_URL"}, "the SMTP server, smtp://host:port");
  }
}

// The positions of the string elements of the array at `key` (as
// TableReader::strings reads them), for an error about one element.
std::vector<SourcePosition> element_positions(const toml::table& t, std::string_view key, const std::string& file) {
  std::vector<SourcePosition> out;
  const toml::array* array = t.get(key) != nullptr ? t.get(key)->as_array() : nullptr;
  if (array == nullptr) return out;
  for (const auto& element : *array) {
    if (element.is_string()) out.push_back(position_of(element.source(), file));
  }
  return out;
}

// `value` at `where` is one of `options`, or a located error with a "did you
// mean".
template <std::size_t N>
void check_listed(Diagnostics& diagnostics, const SourcePosition& where, std::string_view key,
                  const std::string& value, const std::array<std::string_view, N>& options) {
  if (one_of(value, options)) return;
  std::string hint;
  const std::span<const std::string_view> candidates(options.data(), options.size());
  if (auto best = closest_match(value, candidates)) hint = fmt::format("did you mean `{}`?", *best);
  diagnostics.push_back({where, fmt::format("invalid `{}`", key), "one of " + list_of(options),
                         fmt::format("`{}`", value), hint});
}

// A list key that may also be the word "all" (or "none", where `none_ok`):
// nullopt for "all", an empty list for "none".
std::optional<std::vector<std::string>> read_list_or_all(TableReader& r, const toml::table& t, std::string_view key,
                                                         bool none_ok, std::vector<SourcePosition>& where) {
  const toml::node* n = t.get(key);
  if (n != nullptr && n->is_string()) {
    const std::string word = r.string(key).value_or("");
    if (word == "all") return std::nullopt;
    if (none_ok && word == "none") return std::vector<std::string>{};
    r.diagnostics().push_back({r.where(key), fmt::format("invalid `{}`", key),
                               none_ok ? "\"all\", \"none\" or an array of names" : "\"all\" or an array of names",
                               fmt::format("`{}`", word), ""});
    return std::nullopt;
  }
  where = element_positions(t, key, r.file());
  return r.strings(key);
}

// The keys that say what a report is made of, in a built-in definition
// (personas/*.toml) or a [[reports]] table; each key present replaces the
// value before it.
void read_definition_keys(TableReader& r, const toml::table& t, ReportDefinition& def) {
  Diagnostics& diagnostics = r.diagnostics();
  if (auto title = r.string("title")) def.title = *title;
  if (auto role = r.string("role")) def.role = *role;
  if (auto timeline = r.string("timeline")) {
    constexpr std::array<std::string_view, 2> k_owners = {"everyone", "own"};
    check_enum(r, "timeline", *timeline, k_owners);
    def.timeline = *timeline == "own" ? TimelineOwners::own_role : TimelineOwners::everyone;
  }
  if (t.get("sections") != nullptr) {
    def.section_where = element_positions(t, "sections", r.file());
    def.sections = r.strings("sections");
    if (def.sections.empty() && t.get("sections")->is_array()) {
      diagnostics.push_back({r.where("sections"), fmt::format("report `{}` has no sections", def.id),
                             "at least one section id", "an empty list", ""});
    }
  }
  if (t.get("categories") != nullptr) {
    std::vector<SourcePosition> where;
    def.categories = read_list_or_all(r, t, "categories", false, where).value_or(std::vector<std::string>{});
    for (std::size_t i = 0; i < def.categories.size() && i < where.size(); ++i) {
      check_listed(diagnostics, where[i], "categories", def.categories[i], k_finding_categories);
    }
  }
  if (auto severity = r.string("min_severity")) {
    if (auto parsed = parse_severity(*severity)) {
      def.min_severity = *parsed;
    } else {
      constexpr std::array<std::string_view, 5> k_severities = {"critical", "high", "medium", "low", "info"};
      check_enum(r, "min_severity", *severity, k_severities);
    }
  }
  if (t.get("kpis") != nullptr) {
    std::vector<SourcePosition> where;
    def.kpis = read_list_or_all(r, t, "kpis", true, where);
    for (std::size_t i = 0; def.kpis && i < def.kpis->size() && i < where.size(); ++i) {
      check_listed(diagnostics, where[i], "kpis", (*def.kpis)[i], k_metric_names);
    }
  }
  if (t.get("charts") != nullptr) {
    // Checked against the chart catalogue by analyze (check_report_definitions).
    def.chart_where = element_positions(t, "charts", r.file());
    def.charts = r.strings("charts");
  }
  if (auto summary = r.string("summary")) {
    def.summary = *summary;  // checked against the summary styles by analyze (check_report_definitions)
    def.summary_where = r.where("summary");
  }
  if (const toml::table* b = r.table("budget")) {
    TableReader budget(*b, r.file(), "[budget]", diagnostics, nullptr);
    const auto read = [&](std::string_view key, std::int64_t low, std::int64_t high) -> std::optional<std::int64_t> {
      const auto v = budget.integer(key);
      if (v && (*v < low || *v > high)) {
        diagnostics.push_back({budget.where(key), fmt::format("invalid `{}`", key),
                               fmt::format("a whole number from {} to {}", low, high), fmt::format("{}", *v), ""});
        return std::nullopt;
      }
      return v;
    };
    if (auto v = read("findings", 0, 1000)) def.budget.findings = *v;
    if (auto v = read("lines", 1, 100000)) def.budget.lines = *v;
    if (auto v = read("summary_sentences", 1, 5)) def.budget.summary_sentences = *v;
    if (auto v = read("summary_items", 0, 5)) def.budget.summary_items = *v;
    if (auto v = read("timeline", 0, 1000)) def.budget.timeline = *v;
    budget.finish();
  }
}

// The built-in definition `name` (personas/NAME.toml) read into `def`;
// false when there is none.
bool read_builtin_definition(std::string_view name, ReportDefinition& def, Diagnostics& diagnostics) {
  const auto all = config::builtin_definitions();
  const auto it = std::ranges::find(all, name, &config::BuiltinDefinition::name);
  if (it == all.end()) return false;
  const std::string file = fmt::format("personas/{}.toml (built in)", name);
  try {
    const toml::table t = toml::parse(it->text, file);
    TableReader r(t, file, "report definition", diagnostics, nullptr);
    read_definition_keys(r, t, def);
    r.finish();
  } catch (const toml::parse_error& e) {
    diagnostics.push_back({position_of(e.source(), file), fmt::format("malformed TOML: {}", e.description()), "", "",
                           ""});
  }
  return true;
}

void Loader::read_reports(TableReader& root, Portfolio& p) {
  std::set<std::string> ids;
  std::optional<std::pair<std::string, SourcePosition>> first_schedule;  // report id, where
  for (const toml::table* t : root.tables("reports")) {
    TableReader r(*t, root.file(), "[[reports]]", diagnostics_, &env_);
    ReportDefinition def;
    def.where = r.where_table();
    def.id = r.string("id", Need::required).value_or("");
    // ^[a-z0-9][a-z0-9-]*$, checked by hand: std::regex recurses once a
    // character and overflows the stack on a long enough id.
    const auto id_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    };
    if (!def.id.empty()) {
      if (def.id.front() == '-' || !std::ranges::all_of(def.id, id_char)) {
        diagnostics_.push_back({r.where("id"), "invalid report id",
                                "lower-case letters, digits and '-'", fmt::format("`{}`", def.id),
                                ""});
      } else if (!ids.insert(def.id).second) {
        diagnostics_.push_back({r.where("id"), "duplicate report id", "a unique id",
                                fmt::format("`{}` again", def.id), ""});
      }
    }
    // A built-in persona or entity template, overridden key by key below; or
    // a report of the portfolio's own, which names its sections.
    const auto persona = r.string("persona");
    const auto template_name = r.string("template");
    if (persona && template_name) {
      diagnostics_.push_back(
          {r.where_table(),
           fmt::format("report `{}` needs at most one of `persona` and `template`", def.id),
           "`persona` (ceo, cto, cfo, cmo, accounting), `template` (rental, service, "
           "client_book), or neither and `sections`",
           "both", ""});
    } else if (!persona && !template_name && t->get("sections") == nullptr) {
      diagnostics_.push_back(
          {r.where_table(), fmt::format("report `{}` needs `persona`, `template` or `sections`", def.id),
           "`persona` (ceo, cto, cfo, cmo, accounting), `template` (rental, service, client_book), or "
           "`sections` with ids from `quarterdeck sections`",
           "none of them", ""});
    }
    if (persona) {
      def.persona = *persona;
      check_enum(r, "persona", *persona, k_personas);
      if (one_of(*persona, k_personas)) read_builtin_definition(*persona, def, diagnostics_);
    } else if (template_name) {
      def.template_name = *template_name;
      check_enum(r, "template", *template_name, k_templates);
      if (one_of(*template_name, k_templates)) read_builtin_definition(*template_name, def, diagnostics_);
    }
    read_definition_keys(r, *t, def);
    def.scope = r.strings("scope");
    def.to = r.strings("to", Need::required);
    def.cc = r.strings("cc");
    def.bcc = r.strings("bcc");
    for (const auto& [key, list] :
         {std::pair{"to", &def.to}, std::pair{"cc", &def.cc}, std::pair{"bcc", &def.bcc}}) {
      for (const auto& role : *list) role_refs.emplace(role, r.where(key));
    }
    if (r.where("to").line > 0 && def.to.empty() && t->get("to") != nullptr) {
      diagnostics_.push_back({r.where("to"), fmt::format("report `{}` has no recipients", def.id),
                              "at least one role in `to`", "an empty list", ""});
    }
    def.formats = r.strings("formats");
    if (t->get("formats") == nullptr) def.formats = {"text", "html"};
    for (const auto& f : def.formats) check_enum(r, "formats", f, k_formats);
    if (auto schedule = r.string("schedule")) {
      def.schedule = *schedule;
      if (auto problem = check_cron(*schedule)) {
        diagnostics_.push_back({r.where("schedule"), "invalid cron expression",
                                "five fields: minute hour day-of-month month day-of-week",
                                fmt::format("`{}`: {}", *schedule, *problem), ""});
      } else if (!first_schedule) {
        first_schedule = {def.id, r.where("schedule")};
      }
    }
    // Issue 14, serve: catch-up after downtime and quiet weeks.
    if (auto catch_up = r.string("catch_up")) {
      def.catch_up = *catch_up;
      check_enum(r, "catch_up", *catch_up, k_catch_up_policies);
    }
    if (auto max_age = r.string("catch_up_max_age")) {
      if (auto seconds = parse_duration(*max_age)) {
        def.catch_up_max_age_seconds = *seconds;
      } else {
        const bool bare_number = !max_age->empty() && std::ranges::all_of(*max_age, [](char c) {
          return c >= '0' && c <= '9';
        });
        diagnostics_.push_back({r.where("catch_up_max_age"), "invalid `catch_up_max_age`",
                                "a whole number of hours or days, such as `36h` or `2d`",
                                fmt::format("`{}`", *max_age),
                                bare_number ? fmt::format("did you mean `{}h`?", *max_age) : ""});
      }
    }
    def.skip_if_unchanged = r.boolean("skip_if_unchanged").value_or(false);
    r.finish();
    p.reports.push_back(std::move(def));
  }
  if (p.reports.empty()) {
    diagnostics_.push_back(
        {root.where_table(), "no reports defined", "at least one [[reports]] table", "none", ""});
  }
  if (first_schedule) check_owner_role(root, p, first_schedule->first, first_schedule->second);
}

// A report that runs on its own needs someone to hear when it fails: the
// `owner` role (cli/notices.hpp). A role named almost so is pointed at.
void Loader::check_owner_role(TableReader& root, const Portfolio& p, const std::string& report,
                              const SourcePosition& schedule_where) {
  if (p.recipients.contains("owner")) return;
  const std::string message =
      fmt::format("report `{}` has a schedule but no one to tell when a run fails", report);
  const std::string expected = "an `owner` role in [recipients]: who hears when a scheduled run fails";
  std::vector<std::string_view> roles;
  for (const auto& [name, _] : p.recipients) roles.push_back(name);
  constexpr std::array<std::string_view, 1> k_owner = {"owner"};
  for (const auto& role : roles) {
    if (!closest_match(role, k_owner)) continue;
    SourcePosition where = schedule_where;
    if (const toml::table* t = root.table("recipients")) {
      if (const toml::node* node = t->get(role)) where = position_of(node->source(), root.file());
    }
    diagnostics_.push_back({where, message, expected, fmt::format("`{}`", role), "did you mean `owner`?"});
    return;
  }
  diagnostics_.push_back({schedule_where, message, expected, "no `owner` role", ""});
}

void Loader::read_scan(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("scan");
  if (t == nullptr) return;
  TableReader r(*t, root.file(), "[scan]", diagnostics_, &env_);
  p.scan.where = r.where_table();
  if (auto v = r.string("rules")) {
    p.scan.rules = *v;
    check_data_path(p.scan.rules, r.where("rules"), false);
  }
  if (auto v = r.string("baseline")) {
    p.scan.baseline = *v;
    check_data_path(p.scan.baseline, r.where("baseline"), false);
  }
  p.scan.ignore = r.strings("ignore");
  p.scan.history = r.boolean("history").value_or(true);
  r.finish();
}

void Loader::read_cloud_savings(TableReader& root, Portfolio& p) {
  for (const toml::table* t : root.tables("cloud_savings")) {
    TableReader r(*t, root.file(), "[[cloud_savings]]", diagnostics_, &env_);
    CloudSavingsRule rule;
    rule.where = r.where_table();
    rule.id = r.string("id", Need::required).value_or("");
    rule.usage = r.string("usage").value_or("");
    rule.state = r.string("state").value_or("");
    rule.utilization_at_most = r.integer("utilization_at_most");
    rule.utilization_above = r.integer("utilization_above");
    rule.min_share_percent = r.integer("min_share_percent").value_or(0);
    rule.min_growth_percent = r.integer("min_growth_percent").value_or(0);
    rule.saving_percent = r.integer("saving_percent", Need::required).value_or(0);
    if (rule.saving_percent < 0 || rule.saving_percent > 100) {
      diagnostics_.push_back({r.where("saving_percent"), "saving_percent out of range", "0 to 100",
                              fmt::format("{}", rule.saving_percent), ""});
    }
    rule.advice = r.string("advice", Need::required).value_or("");
    r.finish();
    p.cloud_savings.push_back(std::move(rule));
  }
}

void Loader::read_user_rules(TableReader& root, Portfolio& p) {
  std::vector<std::string> metrics(k_metric_names.begin(), k_metric_names.end());
  for (const toml::table* t : root.tables("rules")) {
    TableReader r(*t, root.file(), "[[rules]]", diagnostics_, &env_);
    UserRule rule;
    rule.id = r.string("id", Need::required).value_or("");
    if (auto v = r.string("when", Need::required)) {
      rule.when = *v;
      rule.where = r.where("when");
      if (auto parsed = Expression::parse(*v, metrics); !parsed) {
        const auto& e = parsed.error();
        // The value's column points at its opening quote; the expression starts after it.
        SourcePosition at = rule.where;
        if (at.column > 0 && e.column > 0) at.column += e.column;
        if (e.message == "unknown name") {
          const auto hint = closest_match(e.token, k_metric_names);
          diagnostics_.push_back(
              {at, fmt::format("unknown metric `{}` in rule `{}`", e.token, rule.id),
               "a metric name (docs/config.md, Metrics)", fmt::format("`{}`", e.token),
               hint ? fmt::format("did you mean `{}`?", *hint) : ""});
        } else {
          diagnostics_.push_back({at, fmt::format("invalid expression in rule `{}`", rule.id),
                                  "an expression such as `runway_months < 6`", e.message, ""});
        }
      }
    }
    if (auto v = r.string("severity")) {
      if (auto sev = parse_severity(*v)) {
        rule.severity = *sev;
      } else {
        diagnostics_.push_back({r.where("severity"), "unknown severity",
                                "critical, high, medium, low or info", fmt::format("`{}`", *v),
                                ""});
      }
    }
    rule.title = r.string("title", Need::required).value_or("");
    rule.recommendation = r.string("recommendation", Need::required).value_or("");
    rule.owner = r.string("owner").value_or("ceo");
    if (auto v = r.string("category")) {
      rule.category = *v;
      check_enum(r, "category", *v, k_finding_categories);
    }
    rule.entities = r.strings("entities");
    for (const auto& id : rule.entities) entity_refs_.emplace_back(id, r.where("entities"));
    r.finish();
    p.rules.push_back(std::move(rule));
  }
}

void Loader::read_finance(TableReader& root, Portfolio& p) {
  if (const toml::table* t = root.table("finance")) {
    TableReader r(*t, root.file(), "[finance]", diagnostics_, &env_);
    p.finance.where = r.where_table();
    if (auto m = read_amount(r, "low_cost_limit", Need::optional, "1000.00"))
      p.finance.low_cost_limit = *m;
    if (auto v = r.integer("min_return_multiple")) {
      if (*v >= 0) {
        p.finance.min_return_multiple = *v;
      } else {
        diagnostics_.push_back({r.where("min_return_multiple"), "negative multiple", "0 or more",
                                fmt::format("{}", *v), ""});
      }
    }
    r.finish();
  }
  for (const toml::table* t : root.tables("actions")) {
    TableReader r(*t, root.file(), "[[actions]]", diagnostics_, &env_);
    CapitalAction a;
    a.where = r.where_table();
    a.id = r.string("id", Need::required).value_or("");
    a.title = r.string("title", Need::required).value_or("");
    a.entity = r.string("entity").value_or("");
    if (!a.entity.empty()) entity_refs_.emplace_back(a.entity, r.where("entity"));
    a.cost = read_amount(r, "cost", Need::required, "250.00").value_or(Money());
    a.monthly_return = read_amount(r, "monthly_return", Need::required, "400.00").value_or(Money());
    a.basis = r.string("basis", Need::required).value_or("");
    a.owner = r.string("owner").value_or("ceo");
    if (auto v = r.string("due")) {
      a.due = Date::parse(*v);
      if (!a.due) {
        diagnostics_.push_back({r.where("due"), "invalid date",
                                fmt::format("{} (YYYY-MM-DD)", Date::range_text()),
                                fmt::format("`{}`", *v), ""});
      }
    }
    r.finish();
    p.actions.push_back(std::move(a));
  }
}

// [forecast]: the 13-week cash forecast's floor, downside and commitments
// (docs/config.md).
void Loader::read_forecast(TableReader& root, Portfolio& p) {
  const toml::table* t = root.table("forecast");
  if (t == nullptr) return;
  TableReader r(*t, root.file(), "[forecast]", diagnostics_, &env_);
  ForecastSettings& f = p.forecast;
  f.where = r.where_table();
  f.floor = read_amount(r, "floor", Need::optional, "5000.00");
  const auto bounded = [&](std::string_view key, std::int64_t most,
                           std::string_view expected) -> std::int64_t {
    const auto v = r.integer(key);
    if (!v) return 0;
    if (*v < 0 || *v > most) {
      diagnostics_.push_back({r.where(key), fmt::format("`{}` out of range", key),
                              std::string(expected), fmt::format("{}", *v), ""});
      return 0;
    }
    return *v;
  };
  f.downside_bookings_percent =
      bounded("downside_bookings_percent", 100, "a percentage from 0 to 100");
  f.downside_delay_days = bounded("downside_delay_days", 365, "a number of days from 0 to 365");
  for (const toml::table* ct : r.tables("commitments")) {
    TableReader c(*ct, root.file(), "[[forecast.commitments]]", diagnostics_, &env_);
    ForecastCommitment fc;
    fc.where = c.where_table();
    fc.title = c.string("title", Need::required).value_or("");
    fc.entity = c.string("entity").value_or("");
    if (!fc.entity.empty()) entity_refs_.emplace_back(fc.entity, c.where("entity"));
    fc.amount = read_amount(c, "amount", Need::required, "1200.00").value_or(Money());
    if (auto v = c.string("first", Need::required)) {
      if (auto d = Date::parse(*v)) {
        fc.first = *d;
      } else {
        diagnostics_.push_back({c.where("first"), "invalid date",
                                fmt::format("{} (YYYY-MM-DD)", Date::range_text()),
                                fmt::format("`{}`", *v), ""});
      }
    }
    if (auto v = c.string("every")) {
      static constexpr std::array<std::string_view, 3> k_every = {"week", "month", "quarter"};
      if (one_of(*v, k_every)) {
        fc.every = *v;
      } else {
        diagnostics_.push_back({c.where("every"), "unknown `every`",
                                "week, month or quarter (leave it out for once)",
                                fmt::format("`{}`", *v), ""});
      }
    }
    c.finish();
    f.commitments.push_back(std::move(fc));
  }
  r.finish();
}

void Loader::read_campaigns(TableReader& root, Portfolio& p) {
  for (const toml::table* t : root.tables("campaigns")) {
    TableReader r(*t, root.file(), "[[campaigns]]", diagnostics_, &env_);
    Campaign c;
    c.where = r.where_table();
    c.id = r.string("id", Need::required).value_or("");
    c.title = r.string("title", Need::required).value_or("");
    c.entity = r.string("entity", Need::required).value_or("");
    entity_refs_.emplace_back(c.entity, r.where("entity"));
    c.list_size = r.integer("list_size", Need::required).value_or(0);
    const auto percent = [&](std::string_view key, std::int64_t& into) {
      const auto v = r.integer(key, Need::required);
      if (v && (*v < 0 || *v > 100)) {
        diagnostics_.push_back({r.where(key), fmt::format("`{}` out of range", key),
                                "a percentage from 0 to 100", fmt::format("{}", *v), ""});
      }
      into = v.value_or(0);
    };
    percent("open_low", c.open_low);
    percent("open_high", c.open_high);
    percent("convert_low", c.convert_low);
    percent("convert_high", c.convert_high);
    if (c.open_low > c.open_high || c.convert_low > c.convert_high) {
      diagnostics_.push_back({c.where,
                              fmt::format("campaign `{}`: a low rate above its high", c.id),
                              "open_low <= open_high and convert_low <= convert_high", "", ""});
    }
    c.cost = read_amount(r, "cost", Need::optional, "150.00").value_or(Money());
    r.finish();
    p.campaigns.push_back(std::move(c));
  }
}

void Loader::read_marketplaces(TableReader& root, Portfolio& p) {
  std::set<std::string> seen;
  for (const toml::table* t : root.tables("marketplaces")) {
    TableReader r(*t, root.file(), "[[marketplaces]]", diagnostics_, &env_);
    Marketplace m;
    m.where = r.where_table();
    m.channel = r.string("channel", Need::required).value_or("");
    if (!m.channel.empty() && !seen.insert(m.channel).second) {
      diagnostics_.push_back({r.where("channel"), "duplicate marketplace",
                              "one [[marketplaces]] per channel",
                              fmt::format("`{}` again", m.channel), ""});
    }
    m.effort_hours = r.integer("effort_hours");
    if (m.effort_hours && *m.effort_hours <= 0) {
      diagnostics_.push_back({r.where("effort_hours"), "`effort_hours` out of range",
                              "1 or more hours", fmt::format("{}", *m.effort_hours), ""});
      m.effort_hours.reset();
    }
    m.fee_percent = r.integer("fee_percent").value_or(0);
    if (m.fee_percent < 0 || m.fee_percent >= 100) {
      diagnostics_.push_back({r.where("fee_percent"), "`fee_percent` out of range",
                              "a percentage from 0 to 99", fmt::format("{}", m.fee_percent), ""});
    }
    if (auto v = r.number("bookings_month")) {
      if (*v < 0 || *v > 10000) {
        diagnostics_.push_back({r.where("bookings_month"), "`bookings_month` out of range",
                                "bookings a month, 0 to 10000", fmt::format("{}", *v), ""});
      } else if (std::abs(*v * 10 - std::round(*v * 10)) > 1e-6) {
        diagnostics_.push_back(
            {r.where("bookings_month"), "`bookings_month` with more than one decimal",
             "bookings a month with at most one decimal, such as 1.5", fmt::format("{}", *v), ""});
      } else {
        // An assumption with one decimal (1.5 bookings a month), kept exact from here on.
        m.bookings_month_tenths = std::llround(*v * 10);
      }
    }
    m.basis = r.string("basis").value_or("");
    if (m.bookings_month_tenths && m.basis.empty()) {
      diagnostics_.push_back(
          {r.where_table(),
           fmt::format("marketplace `{}`: `bookings_month` without `basis`", m.channel),
           "a `basis` saying where the assumed bookings come from", "", ""});
    }
    r.finish();
    p.marketplaces.push_back(std::move(m));
  }
}

void Loader::read_portfolio(const toml::table& root, Portfolio& p) {
  TableReader r(root, "portfolio.toml", "portfolio.toml", diagnostics_, &env_);
  p.name = r.string("name", Need::required).value_or("");
  if (auto v = r.string("currency", Need::required)) {
    p.currency = *v;
    static const std::regex k_code("^[A-Z]{3}$");
    if (!std::regex_match(*v, k_code)) {
      diagnostics_.push_back({r.where("currency"), "invalid currency",
                              "an ISO 4217 code such as `USD`", fmt::format("`{}`", *v), ""});
    }
  }
  if (auto v = r.string("timezone", Need::required)) {
    p.timezone = *v;
    if (!is_known_time_zone(*v)) {
      diagnostics_.push_back({r.where("timezone"), "unknown time zone",
                              "an IANA zone such as `America/Los_Angeles`", fmt::format("`{}`", *v),
                              ""});
    }
  }
  r.allow("env_file");  // read first, by load_portfolio
  r.allow("entities");  // read by load_portfolio
  read_data(r, p);
  read_recipients(r, p);
  read_delivery(r, p);
  read_branding(r, p);
  read_scan(r, p);
  read_cloud_savings(r, p);
  read_user_rules(r, p);
  read_finance(r, p);
  read_forecast(r, p);
  read_campaigns(r, p);
  read_marketplaces(r, p);
  read_reports(r, p);
  // [[webhooks]], [github], [[chat]] (issue 14): after the reports, which chat digests name.
  for (const auto key : config_detail::k_integration_keys) r.allow(key);
  config_detail::read_integrations(root, env_, p, diagnostics_);
  r.finish();
}

void Loader::read_entity(const toml::table& root, Entity& e) {
  TableReader r(root, e.file, e.file, diagnostics_, &env_);
  e.name = r.string("name", Need::required).value_or(e.id);
  if (auto v = r.string("kind", Need::required)) {
    e.kind = *v;
    check_enum(r, "kind", *v, k_entity_kinds);
  }
  e.status = r.string("status").value_or("operating");
  e.account = r.string("account").value_or(e.id);
  e.unit = r.string("unit").value_or(default_unit(e.kind));
  e.billing_model = r.string("billing_model").value_or("");
  e.billing_model_where = r.where("billing_model");
  e.expected_channels = r.strings("expected_channels");
  e.features = r.strings("features");
  e.fixed_costs = r.strings("fixed_costs");
  e.unit_cost = read_amount(r, "unit_cost", Need::optional, "95.00");
  e.direct_costs = r.strings("direct_costs");
  read_season(r, e);

  for (const toml::table* t : r.tables("assets")) {
    TableReader a(*t, e.file, "[[assets]]", diagnostics_, &env_);
    Asset asset;
    asset.where = a.where_table();
    asset.name = a.string("name", Need::required).value_or("");
    asset.kind = a.string("kind", Need::required).value_or("");
    asset.status = a.string("status").value_or("active");
    if (auto v = a.string("value")) {
      asset.value = Money::parse_decimal(*v);
      if (!asset.value) {
        diagnostics_.push_back({a.where("value"), "invalid amount",
                                "a decimal such as \"185000.00\"", fmt::format("`{}`", *v), ""});
      }
    }
    a.finish();
    e.assets.push_back(std::move(asset));
  }
  for (const toml::table* t : r.tables("team")) {
    TableReader m(*t, e.file, "[[team]]", diagnostics_, &env_);
    TeamMember member;
    member.where = m.where_table();
    member.name = m.string("name", Need::required).value_or("");
    member.role = m.string("role", Need::required).value_or("");
    member.email = m.string("email").value_or("");
    if (auto v = m.integer("equity_percent")) {
      if (*v < 0 || *v > 100) {
        diagnostics_.push_back({m.where("equity_percent"), "equity out of range", "0 to 100",
                                fmt::format("{}", *v), ""});
      }
      member.equity_percent = static_cast<int>(*v);
    }
    member.key_person = m.boolean("key_person").value_or(false);
    m.finish();
    e.team.push_back(std::move(member));
  }
  e.stack.where = {e.file, 0, 0};
  if (const toml::table* t = r.table("stack")) {
    TableReader s(*t, e.file, "[stack]", diagnostics_, &env_);
    e.stack.where = s.where_table();
    e.stack.repos = s.strings("repos");
    e.stack.cloud = s.string("cloud").value_or("");
    e.stack.waf = s.boolean("waf");
    e.stack.ci = s.boolean("ci");
    e.stack.staging = s.boolean("staging");
    e.stack.rollback = s.boolean("rollback");
    for (const toml::table* et : s.tables("endpoints")) {
      TableReader ep(*et, e.file, "[[stack.endpoints]]", diagnostics_, &env_);
      Endpoint endpoint;
      endpoint.where = ep.where_table();
      endpoint.url = ep.string("url", Need::required).value_or("");
      endpoint.auth = ep.boolean("auth", Need::required).value_or(true);
      endpoint.is_public = ep.boolean("public").value_or(false);
      endpoint.purpose = ep.string("purpose").value_or("");
      ep.finish();
      e.stack.endpoints.push_back(std::move(endpoint));
    }
    s.finish();
  }
  std::set<std::string> kpi_ids;
  for (const toml::table* t : r.tables("kpis")) {
    TableReader k(*t, e.file, "[[kpis]]", diagnostics_, &env_);
    KpiDefinition kpi;
    kpi.where = k.where_table();
    kpi.id = k.string("id", Need::required).value_or("");
    if (!kpi.id.empty() && !kpi_ids.insert(kpi.id).second) {
      diagnostics_.push_back({k.where("id"), "duplicate KPI id", "a unique id within the entity",
                              fmt::format("`{}` again", kpi.id), ""});
    }
    kpi.name = k.string("name", Need::required).value_or(kpi.id);
    if (auto v = k.string("metric", Need::required)) {
      kpi.metric = *v;
      check_enum(k, "metric", *v, k_metric_names);
    }
    kpi.target = k.number("target");
    kpi.unit = k.string("unit").value_or("");
    k.finish();
    e.kpis.push_back(std::move(kpi));
  }
  for (const toml::table* t : r.tables("known_issues")) {
    TableReader k(*t, e.file, "[[known_issues]]", diagnostics_, &env_);
    KnownIssue issue;
    issue.where = k.where_table();
    issue.title = k.string("title", Need::required).value_or("");
    if (auto v = k.string("severity", Need::required)) {
      if (auto s = parse_severity(*v)) {
        issue.severity = *s;
      } else {
        diagnostics_.push_back({k.where("severity"), "invalid `severity`",
                                "one of `critical`, `high`, `medium`, `low`, `info`",
                                fmt::format("`{}`", *v), ""});
      }
    }
    issue.owner = k.string("owner").value_or("");
    issue.detail = k.string("detail").value_or("");
    issue.action = k.string("action").value_or("");
    if (auto v = k.string("subject")) {
      issue.subject = *v;
      check_subject(k, *v, e);
    }
    k.finish();
    e.known_issues.push_back(std::move(issue));
  }
  read_market(r, e);
  r.finish();
}

// `season = "Apr-Oct"`: the months the entity operates (config/season.hpp).
void Loader::read_season(TableReader& r, Entity& e) {
  const auto text = r.string("season");
  if (!text) return;
  e.season_where = r.where("season");
  auto months = parse_season(*text);
  if (!months) {
    // The column of the problem inside the string: after the opening quote.
    SourcePosition where = e.season_where;
    if (where.column > 0) where.column += 1 + static_cast<int>(months.error().offset);
    diagnostics_.push_back({where, "invalid `season`",
                            months.error().expected + " (a season is written like \"Apr-Oct\" or \"Nov-Feb, Jun\")",
                            months.error().found, ""});
    return;
  }
  e.season = std::move(*months);
}

void Loader::read_market(TableReader& r, Entity& e) {
  const toml::table* t = r.table("market");
  if (t == nullptr) return;
  TableReader m(*t, e.file, "[market]", diagnostics_, &env_);
  MarketComparison& c = e.market;
  c.declared = true;
  c.where = m.where_table();
  c.rate = read_amount(m, "rate", Need::optional, "265.00");
  c.occupancy_percent = m.integer("occupancy_percent");
  if (c.occupancy_percent && (*c.occupancy_percent < 0 || *c.occupancy_percent > 100)) {
    diagnostics_.push_back({m.where("occupancy_percent"), "`occupancy_percent` out of range",
                            "a percentage from 0 to 100", fmt::format("{}", *c.occupancy_percent),
                            ""});
  }
  c.comparables = m.integer("comparables");
  if (c.comparables && *c.comparables < 1) {
    diagnostics_.push_back({m.where("comparables"), "`comparables` out of range",
                            "1 or more listings", fmt::format("{}", *c.comparables), ""});
  }
  if (e.kind != "rental") {
    diagnostics_.push_back(
        {c.where, "[market] in an entity that is not a rental",
         "[market] only in entities of kind `rental` (the rental report uses it)",
         fmt::format("kind `{}`", e.kind), ""});
  }
  c.source = m.string("source", Need::required).value_or("");
  if (!c.rate && !c.occupancy_percent) {
    diagnostics_.push_back(
        {c.where, "[market] without figures", "`rate`, `occupancy_percent` or both", "", ""});
  }
  m.finish();
}

void Loader::check_references(Portfolio& p, const std::map<std::string, SourcePosition>& refs) {
  for (const auto& [entity, where] : bank_entities_) {
    if (!entity.empty() && p.find_entity(entity) == nullptr) {
      diagnostics_.push_back({where, "unknown entity in [[data.bank]]",
                              "an id listed in `entities`", fmt::format("`{}`", entity), ""});
    }
  }
  for (const auto& [entity, where] : entity_refs_) {
    if (p.find_entity(entity) == nullptr) {
      diagnostics_.push_back(
          {where, "unknown entity", "an id listed in `entities`", fmt::format("`{}`", entity), ""});
    }
  }
  for (const auto& [role, where] : refs) {
    if (p.recipients.contains(role)) continue;
    std::vector<std::string_view> roles;
    for (const auto& [name, _] : p.recipients) roles.push_back(name);
    std::string hint;
    if (auto best = closest_match(role, roles)) hint = fmt::format("did you mean `{}`?", *best);
    diagnostics_.push_back({where, fmt::format("unknown role `{}`", role),
                            "a role listed in [recipients]", fmt::format("`{}`", role), hint});
  }
  for (auto& def : p.reports) {
    for (const auto& id : def.scope) {
      if (p.find_entity(id) == nullptr) {
        diagnostics_.push_back({def.where,
                                fmt::format("report `{}` names an unknown entity", def.id),
                                "an id listed in `entities`", fmt::format("`{}`", id), ""});
      }
    }
    if (!def.template_name.empty()) {
      if (def.scope.size() != 1) {
        diagnostics_.push_back({def.where,
                                fmt::format("entity report `{}` needs one entity", def.id),
                                "`scope` with exactly one entity id",
                                fmt::format("{} entities", def.scope.size()), ""});
      } else if (const Entity* e = p.find_entity(def.scope.front());
                 e != nullptr && def.template_name == "rental" && e->kind != "rental") {
        diagnostics_.push_back(
            {def.where, fmt::format("report `{}` uses the rental template", def.id),
             "an entity of kind `rental`", fmt::format("kind `{}`", e->kind), ""});
      } else if (e != nullptr && def.template_name == "client_book" && e->kind != "client_book") {
        diagnostics_.push_back(
            {def.where, fmt::format("report `{}` uses the client_book template", def.id),
             "an entity of kind `client_book`", fmt::format("kind `{}`", e->kind), ""});
      }
    }
  }
}

}  // namespace

LoadedPortfolio load_portfolio(const fs::path& directory, const Environment& process_env) {
  LoadedPortfolio result;
  result.dotenv = std::make_unique<MapEnvironment>();
  result.environment = std::make_unique<LayeredEnvironment>(process_env, *result.dotenv);
  Portfolio& p = result.portfolio;
  p.directory = directory.string();
  Diagnostics& diagnostics = result.diagnostics;
  redact_credentials(result.redactor, process_env);

  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    diagnostics.push_back({{directory.string(), 0, 0},
                           "not a portfolio directory",
                           "a directory with portfolio.toml",
                           "no such directory",
                           ""});
    return result;
  }
  const auto root = parse_toml(directory / "portfolio.toml", "portfolio.toml", diagnostics);
  if (!root) return result;

  // The env file first: other values may refer to its variables.
  if (const auto* env_file = root->get("env_file")) {
    if (const auto* s = env_file->as_string()) {
      p.env_file = s->get();
      if (fs::exists(directory / p.env_file, ec)) {
        if (auto text = read_text_input(directory / p.env_file, p.env_file, diagnostics)) {
          *result.dotenv = parse_dotenv(*text, p.env_file, diagnostics);
          for (const auto& [name, value] : result.dotenv->values())
            redact_variable(result.redactor, name, value);
        }
      } else {
        diagnostics.push_back({position_of(env_file->source(), "portfolio.toml"),
                               "env file not found", fmt::format("a dotenv file `{}`", p.env_file),
                               "nothing at that path", ""});
      }
    } else {
      diagnostics.push_back({position_of(env_file->source(), "portfolio.toml"),
                             "`env_file` has the wrong type", "a string",
                             std::string(config_detail::type_name(env_file->type())), ""});
    }
  }

  // Every ${VAR} the files expand is recorded, to be redacted.
  const RecordingEnvironment expansions(*result.environment);
  Loader loader(directory, diagnostics, expansions);
  loader.read_portfolio(*root, p);

  std::set<std::string> seen;
  if (const auto* entities = root->get("entities"); entities == nullptr) {
    diagnostics.push_back({{"portfolio.toml", 1, 1},
                           "missing required key `entities` in portfolio.toml",
                           "an array of entity ids",
                           "",
                           ""});
  } else if (const auto* array = entities->as_array(); array == nullptr) {
    diagnostics.push_back({position_of(entities->source(), "portfolio.toml"),
                           "`entities` has the wrong type", "an array of entity ids",
                           std::string(config_detail::type_name(entities->type())), ""});
  } else {
    for (const auto& element : *array) {
      const SourcePosition where = position_of(element.source(), "portfolio.toml");
      const auto* id = element.as_string();
      if (id == nullptr) {
        diagnostics.push_back({where, "invalid entity id", "a string",
                               std::string(config_detail::type_name(element.type())), ""});
        continue;
      }
      if (!seen.insert(id->get()).second) {
        diagnostics.push_back({where, "duplicate entity", "each entity once",
                               fmt::format("`{}` again", id->get()), ""});
        continue;
      }
      Entity e;
      e.id = id->get();
      e.file = fmt::format("entities/{}.toml", e.id);
      // Anything at the path is read, so a folder or device there is named
      // for what it is (util/text_input.hpp).
      if (!fs::exists(directory / e.file, ec)) {
        diagnostics.push_back({where, fmt::format("entity file not found for `{}`", e.id),
                               fmt::format("a file `{}`", e.file), "nothing at that path", ""});
        continue;
      }
      if (const auto entity_root = parse_toml(directory / e.file, e.file, diagnostics)) {
        loader.read_entity(*entity_root, e);
        p.entities.push_back(std::move(e));
      }
    }
  }
  loader.check_references(p, loader.role_refs);
  for (const auto& [name, value] : expansions.found())
    redact_variable(result.redactor, name, value);
  config_detail::redact_integrations(result.redactor, p.integrations);
  return result;
}

}  // namespace quarterdeck
