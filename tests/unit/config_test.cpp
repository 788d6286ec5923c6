#include <gtest/gtest.h>

#include "test_support.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "config/portfolio_loader.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

// A portfolio directory under the system temp directory, removed at the end.
class TempPortfolio {
 public:
  TempPortfolio() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    dir_ = fs::temp_directory_path() /
           ("qd-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
            std::to_string(counter++));
    fs::create_directories(dir_ / "entities");
  }
  ~TempPortfolio() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TempPortfolio(const TempPortfolio&) = delete;
  TempPortfolio& operator=(const TempPortfolio&) = delete;

  void write(const std::string& relative, const std::string& content) const {
    const fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// Line numbers in the tests below refer to this text.
const std::string k_minimal_portfolio =
    "name = \"Test Portfolio\"\n"                  // 1
    "currency = \"USD\"\n"                         // 2
    "timezone = \"America/Los_Angeles\"\n"         // 3
    "entities = [\"alpha\"]\n"                     // 4
    "\n"                                           // 5
    "[recipients]\n"                               // 6
    "ceo = [\"ceo@example.com\"]\n"                // 7
    "\n"                                           // 8
    "[delivery]\n"                                 // 9
    "from = \"reports@example.com\"\n"             // 10
    "\n"                                           // 11
    "[[reports]]\n"                                // 12
    "id = \"weekly\"\n"                            // 13
    "persona = \"ceo\"\n"                          // 14
    "to = [\"ceo\"]\n";                            // 15

const std::string k_minimal_entity =
    "name = \"Alpha Services\"\n"
    "kind = \"service\"\n";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "test setup: `" << from << "` not in the text";
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}


LoadedPortfolio load(const TempPortfolio& p, const MapEnvironment& env) {
  return load_portfolio(p.dir(), env);
}

TEST(PortfolioLoader, MinimalPortfolioLoads) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  const Portfolio& pf = loaded.portfolio;
  EXPECT_EQ(pf.name, "Test Portfolio");
  EXPECT_EQ(pf.currency, "USD");
  EXPECT_EQ(pf.timezone, "America/Los_Angeles");
  ASSERT_EQ(pf.entities.size(), 1u);
  const Entity& e = pf.entities[0];
  EXPECT_EQ(e.id, "alpha");
  EXPECT_EQ(e.name, "Alpha Services");
  EXPECT_EQ(e.kind, "service");
  EXPECT_EQ(e.status, "operating");  // default
  EXPECT_EQ(e.account, "alpha");     // default: the id
  EXPECT_EQ(e.file, "entities/alpha.toml");
  EXPECT_EQ(pf.find_entity("alpha"), &e);
  EXPECT_EQ(pf.find_entity("beta"), nullptr);
  ASSERT_EQ(pf.recipients.count("ceo"), 1u);
  EXPECT_EQ(pf.recipients.at("ceo"), std::vector<std::string>{"ceo@example.com"});
  EXPECT_EQ(pf.delivery.transport, "outbox");
  EXPECT_EQ(pf.delivery.from, "reports@example.com");
  ASSERT_EQ(pf.reports.size(), 1u);
  const ReportDefinition& r = pf.reports[0];
  EXPECT_EQ(r.id, "weekly");
  EXPECT_EQ(r.persona, "ceo");
  EXPECT_TRUE(r.template_name.empty());
  EXPECT_EQ(r.to, std::vector<std::string>{"ceo"});
  EXPECT_EQ(r.formats, (std::vector<std::string>{"text", "html"}));  // default
  EXPECT_EQ(r.where.file, "portfolio.toml");
  EXPECT_EQ(r.where.line, 12);
}

TEST(PortfolioLoader, EntityDetailsAreRead) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml",
          "name = \"Alpha\"\n"
          "kind = \"rental\"\n"
          "unit = \"night\"\n"
          "expected_channels = [\"airbnb\", \"vrbo\"]\n"
          "\n"
          "[[assets]]\n"
          "name = \"House\"\n"
          "kind = \"property\"\n"
          "value = \"650,000.00\"\n"
          "\n"
          "[[team]]\n"
          "name = \"Sam\"\n"
          "role = \"owner\"\n"
          "equity_percent = 100\n"
          "key_person = true\n"
          "\n"
          "[stack]\n"
          "waf = false\n"
          "\n"
          "[[stack.endpoints]]\n"
          "url = \"https://alpha.example.com/\"\n"
          "auth = false\n"
          "public = true\n"
          "\n"
          "[[kpis]]\n"
          "id = \"revenue\"\n"
          "name = \"Revenue\"\n"
          "metric = \"revenue_month\"\n"
          "target = 4500.5\n"
          "\n"
          "[[known_issues]]\n"
          "title = \"Roof\"\n"
          "severity = \"high\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  ASSERT_EQ(loaded.portfolio.entities.size(), 1u);
  const Entity& e = loaded.portfolio.entities[0];
  EXPECT_EQ(e.unit, "night");
  EXPECT_EQ(e.expected_channels, (std::vector<std::string>{"airbnb", "vrbo"}));
  ASSERT_EQ(e.assets.size(), 1u);
  ASSERT_TRUE(e.assets[0].value.has_value());
  EXPECT_EQ(e.assets[0].value->units(), 65000000);
  EXPECT_EQ(e.assets[0].status, "active");
  EXPECT_EQ(e.assets[0].where.line, 6);
  ASSERT_EQ(e.team.size(), 1u);
  EXPECT_EQ(e.team[0].equity_percent, 100);
  EXPECT_TRUE(e.team[0].key_person);
  EXPECT_EQ(e.stack.waf, false);
  EXPECT_EQ(e.stack.ci, std::nullopt);
  ASSERT_EQ(e.stack.endpoints.size(), 1u);
  EXPECT_FALSE(e.stack.endpoints[0].auth);
  EXPECT_TRUE(e.stack.endpoints[0].is_public);
  ASSERT_EQ(e.kpis.size(), 1u);
  EXPECT_EQ(e.kpis[0].target, 4500.5);
  EXPECT_EQ(e.kpis[0].where.line, 25);
  ASSERT_EQ(e.known_issues.size(), 1u);
  EXPECT_EQ(e.known_issues[0].severity, Severity::high);
}

TEST(PortfolioLoader, RuleWithAnUnknownMetricSaysWhereAndSuggests) {
  TempPortfolio p;
  p.write("portfolio.toml", std::string(k_minimal_portfolio) +
                                "\n[[rules]]\nid = \"floor\"\nwhen = \"cash < 100 || runwy_months < 6\"\n"
                                "title = \"t\"\nrecommendation = \"r\"\nentities = [\"nobody\"]\n"
                                "category = \"fun\"\n");
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  const std::string text = all(loaded.diagnostics);
  EXPECT_NE(text.find("portfolio.toml:19:23: unknown metric `runwy_months` in rule `floor`: expected a metric name (docs/config.md, "
                      "Metrics), found `runwy_months` (did you mean `runway_months`?)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("unknown entity: expected an id listed in `entities`, found `nobody`"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("invalid `category`"), std::string::npos) << text;
}

TEST(PortfolioLoader, UnknownKeySuggestsTheClosest) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "name = \"Test Portfolio\"\n",
                                    "name = \"Test Portfolio\"\ntimezon = \"UTC\"\n"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:2:1: unknown key `timezon` in portfolio.toml: expected one of actions, branding, campaigns, "
            "chat, cloud_savings, currency, data, delivery, entities, env_file, finance, forecast, github, marketplaces, name, "
            "recipients, reports, rules, scan, timezone, webhooks "
            "(did you mean "
            "`timezone`?)");
}

TEST(PortfolioLoader, UnknownKeyInANestedTable) {
  TempPortfolio p;
  p.write("portfolio.toml",
          replace(k_minimal_portfolio, "to = [\"ceo\"]\n", "to = [\"ceo\"]\n  shedule = \"0 7 * * MON\"\n"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  const Diagnostic& d = loaded.diagnostics[0];
  EXPECT_EQ(d.where.line, 16);
  EXPECT_EQ(d.where.column, 3);
  EXPECT_EQ(d.message, "unknown key `shedule` in [[reports]]");
  EXPECT_EQ(d.hint, "did you mean `schedule`?");
}

TEST(PortfolioLoader, WrongType) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "currency = \"USD\"", "currency = 840"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:2:12: `currency` has the wrong type: expected a string, found an integer");
}

TEST(PortfolioLoader, ReplyToIsAnAddress) {
  TempPortfolio p;
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "from = \"reports@example.com\"\n",
                                    "from = \"reports@example.com\"\nreply_to = \"owner@example.com\"\n"));
  auto loaded = load(p, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.portfolio.delivery.reply_to, "owner@example.com");
  p.write("portfolio.toml", replace(k_minimal_portfolio, "from = \"reports@example.com\"\n",
                                    "from = \"reports@example.com\"\nreply_to = \"the owner\"\n"));
  loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:11:12: invalid reply-to address: expected an address like owner@example.com, found "
            "`the owner`");
}

TEST(PortfolioLoader, WrongTypeInAnEntity) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", k_minimal_entity + "expected_channels = \"website\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "entities/alpha.toml:3:21: `expected_channels` has the wrong type: expected an array of "
            "strings, found a string");
}

TEST(PortfolioLoader, MissingRequiredKey) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "currency = \"USD\"\n", ""));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:1:1: missing required key `currency` in portfolio.toml: expected a string");
}

TEST(PortfolioLoader, MissingRequiredKeyInAnEntity) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", "name = \"Alpha\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].where.file, "entities/alpha.toml");
  EXPECT_EQ(loaded.diagnostics[0].message, "missing required key `kind` in entities/alpha.toml");
}

TEST(PortfolioLoader, UnsetVariableIsReportedAtTheReference) {
  TempPortfolio p;
  // Line 7: the second element's quote is at column 27, its `$` at 28.
  p.write("portfolio.toml", replace(k_minimal_portfolio, "ceo = [\"ceo@example.com\"]",
                                    "ceo = [\"cfo@example.com\", \"${RECIPIENT_EMAIL}\"]"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:7:28: variable `RECIPIENT_EMAIL` is not set: expected it in the "
            "environment or the env_file");
}

TEST(PortfolioLoader, VariableInTheMiddleOfAString) {
  TempPortfolio p;
  p.write("portfolio.toml",
          replace(k_minimal_portfolio, "from = \"reports@example.com\"", "from = \"reports@${MAIL_DOMAIN}\""));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_FALSE(loaded.diagnostics.empty());
  const Diagnostic& d = loaded.diagnostics[0];
  EXPECT_EQ(d.message, "variable `MAIL_DOMAIN` is not set");
  EXPECT_EQ(d.where.line, 10);
  EXPECT_EQ(d.where.column, 17);  // `from = "reports@` is 16 characters
}

TEST(PortfolioLoader, DotenvFileSatisfiesTheVariable) {
  TempPortfolio p;
  p.write("portfolio.toml",
          "env_file = \"repos.env\"\n" +
              replace(k_minimal_portfolio, "ceo = [\"ceo@example.com\"]", "ceo = [\"${RECIPIENT_EMAIL}\"]"));
  p.write("repos.env", "# settings\nRECIPIENT_EMAIL=owner@example.com\n");
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.portfolio.env_file, "repos.env");
  EXPECT_EQ(loaded.portfolio.recipients.at("ceo"), std::vector<std::string>{"owner@example.com"});
  EXPECT_EQ(loaded.environment->get("RECIPIENT_EMAIL"), "owner@example.com");
}

TEST(PortfolioLoader, ProcessEnvironmentWinsOverDotenv) {
  TempPortfolio p;
  p.write("portfolio.toml",
          "env_file = \"repos.env\"\n" +
              replace(k_minimal_portfolio, "ceo = [\"ceo@example.com\"]", "ceo = [\"${RECIPIENT_EMAIL}\"]"));
  p.write("repos.env", "RECIPIENT_EMAIL=owner@example.com\n");
  p.write("entities/alpha.toml", k_minimal_entity);
  MapEnvironment env;
  env.set("RECIPIENT_EMAIL", "override@example.com");
  const auto loaded = load(p, env);
  ASSERT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.portfolio.recipients.at("ceo"), std::vector<std::string>{"override@example.com"});
}

TEST(PortfolioLoader, MissingEnvFile) {
  TempPortfolio p;
  p.write("portfolio.toml", "env_file = \"nope.env\"\n" + k_minimal_portfolio);
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:1:12: env file not found: expected a dotenv file `nope.env`, found nothing "
            "at that path");
}

TEST(PortfolioLoader, UnknownRoleInReport) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "to = [\"ceo\"]", "to = [\"ceoo\"]"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  const Diagnostic& d = loaded.diagnostics[0];
  EXPECT_EQ(d.message, "unknown role `ceoo`");
  EXPECT_EQ(d.hint, "did you mean `ceo`?");
  EXPECT_EQ(d.where.file, "portfolio.toml");
  EXPECT_EQ(d.to_string(),
            "portfolio.toml:15:6: unknown role `ceoo`: expected a role listed in [recipients], found "
            "`ceoo` (did you mean `ceo`?)");
}

TEST(PortfolioLoader, NamedDataFileMissing) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "\n[recipients]",
                                    "\n[data]\njournal = \"data/books.journal\"\nbookings = "
                                    "\"data/bookings.csv\"\n\n[recipients]"));
  p.write("data/books.journal", "");
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:8:12: data file not found: expected a file `data/bookings.csv`, found "
            "nothing at that path");
  EXPECT_EQ(loaded.portfolio.data.journal, "data/books.journal");
}

TEST(PortfolioLoader, MalformedToml) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "currency = \"USD\"", "currency = \"USD"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  const Diagnostic& d = loaded.diagnostics[0];
  // The message carries the TOML parser's own description after the prefix.
  EXPECT_TRUE(d.message.starts_with("malformed TOML: ")) << d.message;
  EXPECT_GT(d.message.size(), std::string("malformed TOML: ").size());
  EXPECT_EQ(d.where.file, "portfolio.toml");
  EXPECT_EQ(d.where.line, 2);
  EXPECT_TRUE(d.to_string().starts_with("portfolio.toml:2:")) << d.to_string();
  // Nothing else is read from a file that does not parse.
  EXPECT_TRUE(loaded.portfolio.entities.empty());
}

TEST(PortfolioLoader, MalformedEntityToml) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", "name = \"Alpha\"\nkind = \"service\"\n[[assets]\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_TRUE(loaded.diagnostics[0].message.starts_with("malformed TOML: ")) << loaded.diagnostics[0].message;
  EXPECT_EQ(loaded.diagnostics[0].where.file, "entities/alpha.toml");
  EXPECT_EQ(loaded.diagnostics[0].where.line, 3);
  EXPECT_TRUE(loaded.portfolio.entities.empty());
}

TEST(PortfolioLoader, InvalidEntityKindSuggestsTheClosest) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", "name = \"Alpha\"\nkind = \"rentl\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "entities/alpha.toml:2:8: invalid `kind`: expected one of `charter`, `service`, `agency`, "
            "`rental`, `client_book`, `retail`, `subscription`, found `rentl` (did you mean `rental`?)");
}

TEST(PortfolioLoader, SeasonAndTheUnitByKind) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", "name = \"Alpha\"\nkind = \"retail\"\nseason = \"Nov-Feb\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_TRUE(loaded.diagnostics.empty()) << all(loaded.diagnostics);
  const Entity& e = loaded.portfolio.entities.at(0);
  EXPECT_EQ(e.season, (std::vector<int>{1, 2, 11, 12}));
  EXPECT_EQ(e.season_where.line, 3);
  EXPECT_EQ(e.unit, "sale");  // no `unit`: a retail entity's unit is a sale
}

TEST(PortfolioLoader, InvalidSeasonIsLocatedInsideTheString) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio);
  p.write("entities/alpha.toml", "name = \"Alpha\"\nkind = \"service\"\nseason = \"Apr-Okt\"\n");
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "entities/alpha.toml:3:15: invalid `season`: expected a month such as `Apr` or `April` after `-` (a "
            "season is written like \"Apr-Oct\" or \"Nov-Feb, Jun\"), found `Okt`");
  p.write("entities/alpha.toml", "name = \"Alpha\"\nkind = \"service\"\nseason = [4, 10]\n");
  const auto wrong_type = load(p, env);
  ASSERT_EQ(wrong_type.diagnostics.size(), 1u) << all(wrong_type.diagnostics);
  EXPECT_EQ(wrong_type.diagnostics[0].where.line, 3);
  EXPECT_EQ(wrong_type.diagnostics[0].where.column, 10);
}

TEST(PortfolioLoader, MissingEntityFile) {
  TempPortfolio p;
  p.write("portfolio.toml", replace(k_minimal_portfolio, "entities = [\"alpha\"]", "entities = [\"alpha\", \"beta\"]"));
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:4:22: entity file not found for `beta`: expected a file "
            "`entities/beta.toml`, found nothing at that path");
  EXPECT_EQ(loaded.portfolio.entities.size(), 1u);
}

TEST(PortfolioLoader, InvalidCronSchedule) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio + "schedule = \"0 25 * * MON\"\n");
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:16:12: invalid cron expression: expected five fields: minute hour "
            "day-of-month month day-of-week, found `0 25 * * MON`: field 2 (hour): 25 is out of range 0-23");
}

TEST(PortfolioLoader, NotADirectory) {
  const MapEnvironment env;
  const auto loaded = load_portfolio(fs::temp_directory_path() / "qd-config-test-does-not-exist", env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].message, "not a portfolio directory");
}

TEST(PortfolioLoader, ReferencePortfolioLoadsCleanly) {
  const MapEnvironment env;
  const auto loaded = load_portfolio(QD_SOURCE_DIR "/examples/portfolio", env);
  EXPECT_TRUE(loaded.ok()) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.portfolio.entities.size(), 7u);
  EXPECT_EQ(loaded.portfolio.reports.size(), 8u);
  EXPECT_EQ(loaded.portfolio.name, "Harbor & Hauling Portfolio");
  // Resolved from repos.env through ${RECIPIENT_EMAIL} and ${SES_FROM_ADDRESS}.
  EXPECT_EQ(loaded.portfolio.recipients.at("ceo"), std::vector<std::string>{"owner@example.com"});
  EXPECT_EQ(loaded.portfolio.delivery.from, "reports@example.com");
}

}  // namespace
}  // namespace quarterdeck

namespace quarterdeck {
namespace {

TEST(PortfolioLoader, MarketplacesAndMarketAreReadAndChecked) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio +
                                "\n"                                    // 16
                                "[[marketplaces]]\n"                    // 17
                                "channel = \"yelp\"\n"                  // 18
                                "effort_hours = 2\n"                    // 19
                                "bookings_month = 1.5\n"                // 20
                                "basis = \"two months live in 2025\"\n"  // 21
                                "\n"                                    // 22
                                "[[marketplaces]]\n"                    // 23
                                "channel = \"angi\"\n"                  // 24
                                "fee_percent = 100\n"                   // 25
                                "bookings_month = 3\n"                 // 26
                                "\n"                                    // 27
                                "[[marketplaces]]\n"                    // 28
                                "channel = \"vrbo\"\n"                  // 29
                                "bookings_month = 0.25\n"              // 30
                                "basis = \"a guess\"\n");              // 31
  p.write("entities/alpha.toml", k_minimal_entity +
                                     "[market]\n"             // 3
                                     "rate = \"cheap\"\n"     // 4
                                     "occupancy_percent = 140\n");  // 5
  const MapEnvironment env;
  const auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 7u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:25:15: `fee_percent` out of range: expected a percentage from 0 to 99, found 100");
  EXPECT_EQ(loaded.diagnostics[1].to_string(),
            "portfolio.toml:23:1: marketplace `angi`: `bookings_month` without `basis`: expected a `basis` saying "
            "where the assumed bookings come from");
  EXPECT_EQ(loaded.diagnostics[2].to_string(),
            "portfolio.toml:30:18: `bookings_month` with more than one decimal: expected bookings a month with at most "
            "one decimal, such as 1.5, found 0.25");
  EXPECT_EQ(loaded.diagnostics[3].to_string(),
            "entities/alpha.toml:4:8: invalid amount: expected a decimal such as \"265.00\", found `cheap`");
  EXPECT_EQ(loaded.diagnostics[4].to_string(),
            "entities/alpha.toml:5:21: `occupancy_percent` out of range: expected a percentage from 0 to 100, found 140");
  EXPECT_EQ(loaded.diagnostics[6].to_string(),
            "entities/alpha.toml:3:1: missing required key `source` in [market]: expected a string");
  EXPECT_EQ(loaded.diagnostics[5].to_string(),
            "entities/alpha.toml:3:1: [market] in an entity that is not a rental: expected [market] only in entities "
            "of kind `rental` (the rental report uses it), found kind `service`");
  const auto& m = loaded.portfolio.marketplaces;
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].channel, "yelp");
  EXPECT_EQ(m[0].effort_hours, 2);
  EXPECT_EQ(m[0].bookings_month_tenths, 15);
  EXPECT_EQ(m[0].fee_percent, 0);
  EXPECT_FALSE(m[1].effort_hours.has_value());
}

// A report with a schedule needs an `owner` role: who hears when it fails.
TEST(PortfolioLoader, AScheduleNeedsAnOwnerRole) {
  TempPortfolio p;
  p.write("portfolio.toml", k_minimal_portfolio + "schedule = \"0 7 * * MON\"\n");
  p.write("entities/alpha.toml", k_minimal_entity);
  const MapEnvironment env;
  auto loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:16:12: report `weekly` has a schedule but no one to tell when a run fails: expected "
            "an `owner` role in [recipients]: who hears when a scheduled run fails, found no `owner` role");

  // A role named almost so is pointed at.
  p.write("portfolio.toml", replace(k_minimal_portfolio, "ceo = [\"ceo@example.com\"]\n",
                                    "ceo = [\"ceo@example.com\"]\nowners = [\"ceo@example.com\"]\n") +
                                "schedule = \"0 7 * * MON\"\n");
  loaded = load(p, env);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all(loaded.diagnostics);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            "portfolio.toml:8:10: report `weekly` has a schedule but no one to tell when a run fails: expected "
            "an `owner` role in [recipients]: who hears when a scheduled run fails, found `owners` (did you mean "
            "`owner`?)");

  // With the owner, or without a schedule, all is well.
  p.write("portfolio.toml", replace(k_minimal_portfolio, "ceo = [\"ceo@example.com\"]\n",
                                    "ceo = [\"ceo@example.com\"]\nowner = [\"ceo@example.com\"]\n") +
                                "schedule = \"0 7 * * MON\"\n");
  EXPECT_TRUE(load(p, env).diagnostics.empty()) << all(load(p, env).diagnostics);
  p.write("portfolio.toml", k_minimal_portfolio);
  EXPECT_TRUE(load(p, env).diagnostics.empty()) << all(load(p, env).diagnostics);
}

}  // namespace
}  // namespace quarterdeck
