// The repository scan: rules, the matcher on each family and its decoys,
// real git repositories (built here with the git command) with planted
// secrets in the tree, in deleted history and in a committed .env, the
// dev-cycle audit, the baseline, SARIF, and the endpoint probe.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "render/scan_output.hpp"
#include "scan/probe.hpp"
#include "scan/repo_audit.hpp"
#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "scan_test_support.hpp"
#include "test_support.hpp"

namespace quarterdeck::scan {
namespace {

namespace fs = std::filesystem;

const std::string k_stripe_live = cat({"sk_", "live_", "Zq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQe"});
const std::string k_aws_id = cat({"AKIA", "Q7RZ3M4N5P6T2VWX"});
const std::string k_aws_secret = cat({"Tz9K/qW3+", "mRx7LpV2bN8cY4hJd6FgA5sQeUo1iKj"});
const std::string k_github = cat({"ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"});
const std::string k_sendgrid = cat({"SG.", "aB3dE5fG7hJ9kL1mN3pQ5r", ".", "sT7uV9wX1yZ3aB5cD7eF9gH1iJ3kL5mN7oP9qR1sT3u"});

struct Temp {
  fs::path dir;
  Temp() {
    dir = fs::temp_directory_path() / fmt::format("qd-scan-{}-{}", ::getpid(), counter()++);
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Temp() { fs::remove_all(dir); }
  static int& counter() {
    static int n = 0;
    return n;
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel, std::ios::binary) << text;
  }
  // Runs git in the repository with fixed names and dates.
  void git(const std::string& args, const std::string& date = "2026-01-05T10:00:00") const {
    const std::string cmd = fmt::format(
        "cd '{}' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME='Pat Example' "
        "GIT_AUTHOR_EMAIL=pat@example.com GIT_COMMITTER_NAME='Pat Example' GIT_COMMITTER_EMAIL=pat@example.com "
        "GIT_AUTHOR_DATE='{}+0000' GIT_COMMITTER_DATE='{}+0000' git -c init.defaultBranch=main "
        "-c commit.gpgsign=false {} >/dev/null 2>&1",
        dir.string(), date, date, args);
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
};

std::vector<SecretFinding> scan_one(std::string_view text, const std::string& path = "app.js") {
  auto scanner = Scanner::create(builtin_rules());
  EXPECT_TRUE(scanner.has_value());
  ScanResult r;
  scanner->scan_text(text, path, r);
  return r.findings;
}

TEST(ScanRules, BuiltinRulesLoadAndCompile) {
  // A run trusts the built-in patterns (the build compiled them); here each
  // is compiled as a rules file's would be.
  const RuleSet rules = builtin_rules(PatternCheck::compile);
  EXPECT_GE(rules.content.size(), 15u);
  EXPECT_GE(rules.files.size(), 3u);
  EXPECT_TRUE(Scanner::create(rules).has_value());
}

TEST(ScanRules, BadRulesAreReportedWithTheirPlace) {
  RuleSet rules;
  Diagnostics d;
  load_rules("[[rule]]\nid = \"x\"\nfamily = \"y\"\nregex = '''(unclosed'''\nsevrity = \"high\"\n", "my-rules.toml",
             rules, d);
  EXPECT_EQ(all(d),
            "my-rules.toml:4:9: rule `x`: invalid regex: expected an RE2 pattern, found missing ): (unclosed\n"
            "my-rules.toml:5:1: unknown key `sevrity` in [[rule]]: expected one of check, description, examples, false_examples, family, id, "
            "keep, lines, min_entropy, min_length, prefilter, regex, secret_group, severity, stop_words (did you mean `severity`?)\n");
}

TEST(ScanRules, APortfolioRuleReplacesABuiltinOneById) {
  RuleSet rules = builtin_rules();
  const auto before = rules.content.size();
  Diagnostics d;
  load_rules("[[rule]]\nid = \"jwt\"\nfamily = \"jwt\"\nseverity = \"low\"\nregex = '''eyJ[A-Za-z0-9]{20}'''\n"
             "[[rule]]\nid = \"acme-token\"\nfamily = \"acme\"\nregex = '''\\b(acme_[a-z0-9]{24})\\b'''\nsecret_group = 1\n",
             "extra.toml", rules, d);
  ASSERT_TRUE(d.empty()) << all(d);
  EXPECT_EQ(rules.content.size(), before + 1);
  auto scanner = Scanner::create(rules);
  ASSERT_TRUE(scanner.has_value());
  ScanResult r;
  scanner->scan_text("token = acme_q7vb2ncy9hjd4fga8sqe3zrk\n", "x.py", r);
  EXPECT_EQ(rules_of(r.findings), "acme-token:1:9 ");
}

// A prefilter is what Hyperscan looks for; the rule's regex still decides.
TEST(ScanRules, APrefilterFindsCandidatesAndTheRegexDecides) {
  RuleSet rules;
  Diagnostics d;
  load_rules("[[rule]]\nid = \"acme-token\"\nfamily = \"acme\"\nregex = '''\\b(acme_[a-z0-9]{24})\\b'''\n"
             "prefilter = '''acme_'''\nsecret_group = 1\n",
             "extra.toml", rules, d);
  ASSERT_TRUE(d.empty()) << all(d);
  auto scanner = Scanner::create(rules);
  ASSERT_TRUE(scanner.has_value());
  ScanResult r;
  scanner->scan_text("a = acme_short\nb = acme_q7vb2ncy9hjd4fga8sqe3zrk\n", "x.py", r);
  EXPECT_EQ(rules_of(r.findings), "acme-token:2:5 ");
}

TEST(ScanMatcher, FindsEachFamily) {
  EXPECT_EQ(rules_of(scan_one("const k = \"" + k_stripe_live + "\";\n")), "stripe-live-secret-key:1:12 ");
  EXPECT_EQ(rules_of(scan_one("id: " + k_aws_id + "\n")), "aws-access-key-id:1:5 ");
  EXPECT_EQ(rules_of(scan_one("aws_secret_access_key = " + k_aws_secret + "\n")), "aws-secret-access-key:1:25 ");
  EXPECT_EQ(rules_of(scan_one("GITHUB_TOKEN=" + k_github + "\n")), "github-token:1:14 ");
  EXPECT_EQ(rules_of(scan_one("$sg = new SendGrid('" + k_sendgrid + "');\n")), "sendgrid-api-key:1:21 ");
  EXPECT_EQ(rules_of(scan_one("url = \"postgres://app:Vq8Zr4NwX2@db.example.com/app\"\n")), "database-url-password:1:23 ");
  EXPECT_EQ(rules_of(scan_one("password = \"Xk9#mP2$vL8qR4tZ\"\n")), "generic-secret-assignment:1:13 ");
  const std::string pem = cat({"-----BEGIN RSA ", "PRIVATE KEY-----\n",
                               "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n",
                               "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n",
                               "-----END RSA PRIVATE KEY-----\n"});
  EXPECT_EQ(rules_of(scan_one("x\n" + pem, "deploy/key.txt")), "private-key:2:1 ");
  const std::string jwt = cat({"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", ".",
                               "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"});
  EXPECT_EQ(rules_of(scan_one("Authorization: Bearer " + jwt + "\n")), "jwt:1:23 ");
}

// docs/scan.md: private key files, "but not certificates or public keys".
TEST(ScanFiles, APemOfCertificatesOnlyIsNotAKeyFile) {
  const std::string cert = cat({"-----BEGIN CERTIFICATE-----\n",
                                "MIIBszCCAVmgAwIBAgIUYx3uO9m3fN3J1Y5tq2lDg8vK2ZkwCgYIKoZIzj0EAwIw\n",
                                "-----END CERTIFICATE-----\n"});
  const std::string pub = cat({"-----BEGIN PUBLIC KEY-----\n",
                               "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEu1SU1LfVLPHCozMxH2Mo4lgOEePz\n",
                               "-----END PUBLIC KEY-----\n"});
  EXPECT_EQ(rules_of(scan_one(cert + cert, "deploy/server.pem")), "");
  EXPECT_EQ(rules_of(scan_one(cert + pub, "deploy/bundle.pem")), "");
  const std::string key = cat({"-----BEGIN RSA ", "PRIVATE KEY-----\n",
                               "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n",
                               "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n",
                               "-----END RSA PRIVATE KEY-----\n"});
  // A key is still found, alone or after the certificate it signs for.
  EXPECT_EQ(rules_of(scan_one(key, "deploy/server.pem")), "private-key:1:1 ");
  EXPECT_EQ(rules_of(scan_one(cert + key, "deploy/server.pem")), "private-key:4:1 ");
  // A block that is neither, or no block at all, leaves the file a finding.
  EXPECT_EQ(rules_of(scan_one(cat({"-----BEGIN EC ", "PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"}),
                              "deploy/server.pem")),
            "private-key-file:0:0 ");
  EXPECT_EQ(rules_of(scan_one("not a pem file\n", "deploy/server.pem")), "private-key-file:0:0 ");
  // Whatever the name: an `id_rsa` that holds only a certificate holds no key.
  EXPECT_EQ(rules_of(scan_one(cert, "deploy/id_rsa")), "");
}

TEST(ScanMatcher, IgnoresDecoys) {
  const std::string decoys = cat({
      "id = \"123e4567-e89b-12d3-a456-426614174000\"\n",                         // UUID
      "commit = \"9fba91c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7\"\n",                 // git hash
      "integrity: sha512-", "Zq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQeZq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQe==\n",
      "password = \"changeme\"\n",                                            // placeholder
      "api_key = \"${API_KEY}\"\n",                                            // reference
      "token: process.env.TOKEN\n",
      "secret = \"<your-secret-here>\"\n",
      "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",                              // AWS's documented example
      "publishable = \"pk_live_", "Zq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQe\"\n",     // not a secret
      "header = \"eyJhbGciOiJub25lIn0.not-a-token\"\n",
      "-----BEGIN PRIVATE KEY-----\n(not a key: see docs)\n-----END PRIVATE KEY-----\n",
      "const sk = \"", "sk_live_", "Zq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQe\"; // quarterdeck:allow documented test value\n",
      "className = \"css-1q2w3e4r5t6y7u8i9o0p\"\n",
  });
  auto scanner = Scanner::create(builtin_rules());
  ASSERT_TRUE(scanner.has_value());
  ScanResult r;
  scanner->scan_text(decoys, "decoys.txt", r);
  EXPECT_EQ(rules_of(r.findings), "");
  EXPECT_EQ(r.suppressed_inline, 1);
}

TEST(ScanMatcher, PrivateKeyBodiesInEveryLayout) {
  const std::string body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0IzW7yWR7Qkr";
  const std::string begin = cat({"-----BEGIN RSA ", "PRIVATE KEY-----"});
  const std::string end = "-----END RSA PRIVATE KEY-----";
  EXPECT_EQ(rules_of(scan_one(begin + "\r\n" + body + "\r\n" + end + "\r\n")), "private-key:1:1 ");
  EXPECT_EQ(rules_of(scan_one("{\"k\": \"" + begin + "\\r\\n" + body + "\\r\\n" + end + "\"}\n")), "private-key:1:8 ");
  EXPECT_EQ(rules_of(scan_one("KEY=\"" + begin + " " + body + " " + end + "\"\n")), "private-key:1:6 ");
  EXPECT_EQ(rules_of(scan_one(begin + "\n" + "(see the vault)\n" + end + "\n")), "");
}

TEST(ScanMatcher, GenericAndSpecificOnOneLineAreBothReported) {
  EXPECT_EQ(rules_of(scan_one("id=\"" + k_aws_id + "\"; db_password=\"Zq8Wm3Kp9Lr2Xt\"\n")),
            "aws-access-key-id:1:5 generic-secret-assignment:1:41 ");
  // Columns count characters, not bytes.
  EXPECT_EQ(rules_of(scan_one("é=1; k=\"" + k_aws_id + "\"\n")), "aws-access-key-id:1:9 ");
}

TEST(ScanMatcher, RedactionNeverShowsTheSecret) {
  const auto found = scan_one("k = \"" + k_stripe_live + "\"\naws_secret_access_key=" + k_aws_secret + "\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].redacted, "sk_live_… (40 chars)");
  EXPECT_EQ(found[1].redacted, "… (40 chars)");
  for (const auto& f : found) EXPECT_EQ(f.redacted.find(k_stripe_live.substr(8, 6)), std::string::npos);
}

// A JWT that a vendor rule explains (a Supabase service-role key) is one
// finding, the vendor's; any other JWT assigned to a name stays a JWT.
TEST(ScanMatcher, AVendorRuleExplainsItsJwtOnce) {
  const std::string key = cat({"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".",
                               "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHZ6a3BsdHJuYnhjbWRzZWZhIiwicm9sZSI6InNlcnZp",
                               "Y2Vfcm9sZSIsImlhdCI6MTcxNjIwMDAwMH0", ".", "Qm9Xb1d5Tk5kS3pQb3Z4TGJYcWZtR3VhU2VZcEh0Vw"});
  EXPECT_EQ(rules_of(scan_one("SUPABASE_SERVICE_ROLE_KEY=" + key + "\n")), "supabase-service-role-key:1:27 ");
  EXPECT_EQ(rules_of(scan_one("SESSION_TOKEN=" + key + "\n")), "jwt:1:15 ");
}

// Vendor findings show the vendor's fixed prefix at most, never the random part.
TEST(ScanMatcher, VendorFindingsShowOnlyTheFixedPrefix) {
  const auto redacted = [](const std::string& line) {
    const auto found = scan_one(line);
    return found.size() == 1 ? found[0].rule + " " + found[0].redacted : rules_of(found);
  };
  EXPECT_EQ(redacted("SLACK_APP_TOKEN=" + cat({"xapp-1-", "A07QZK3MN2P-7351946820135-",
                                                 "9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c3b6d0e9f2a5c8b1d4e7f0a3c6b9d2e5f"})),
            "slack-app-token xapp-1-… (97 chars)");
  EXPECT_EQ(redacted("export GITLAB_TOKEN=" + cat({"glpat-", "Xq7Lm2Vr9Kt4Np8Wz3Hs"})),
            "gitlab-personal-access-token glpat-… (26 chars)");
  EXPECT_EQ(redacted("HEROKU_API_KEY=" + cat({"5d2f8a41-9c3e-4b7a-", "8e16-0f4c7b2a9d53"})),
            "heroku-api-key … (36 chars)");
  EXPECT_EQ(redacted("url: " + cat({"https://discord.com/api/webhooks/", "1187342650918273645/",
                                         "Kq3Vx8Lm2Nr7Tz4Wp9Hs6Jd1Fg5Bc0Ya_Xe-8Uo3Ri7Ql2Mk6Vn9Cs4Dw1Zb5Ht0Gj3Py"})),
            "discord-webhook https://discord.com/api/webhooks/… (122 chars)");
}

// A repository with a live key in the tree, an AWS key in deleted history,
// a committed .env, an ignored .env.local, and decoys.
struct PlantedRepo : Temp {
  PlantedRepo() {
    write("src/pay.js", "const stripe = require('stripe')('" + k_stripe_live + "');\n");
    write("config/aws.json", "{\n  \"key\": \"" + k_aws_id + "\"\n}\n");
    write("docs/testing.md", "Use the test key sk_" "test_Zq8RkT2mW9xLp4Vb7NcY3hJd6FgA5sQe <!-- quarterdeck:allow -->\n"
                             "Build ids look like 123e4567-e89b-12d3-a456-426614174000.\n");
    write(".gitignore", ".env.local\nnode_modules/\n");
    git("init -q");
    git("add -A");
    git("commit -q -m first", "2026-01-05T10:00:00");
    write(".env", "SENDGRID_API_KEY=" + k_sendgrid + "\n");
    fs::remove(dir / "config/aws.json");
    git("add -A");
    git("commit -q -m second", "2026-02-10T10:00:00");
    write(".env.local", "GITHUB_TOKEN=" + k_github + "\n");  // ignored, never committed
    write("node_modules/lib/index.js", "k='" + k_stripe_live + "'\n");  // vendored
  }
};

std::string describe(const std::vector<SecretFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += fmt::format("{} {}:{} {}{}\n", f.rule, f.path, f.line, f.in_tree ? "tree" : "history",
                       f.commit.empty() ? "" : " commit");
  }
  return out;
}

TEST(ScanRepository, TreeOnly) {
  PlantedRepo repo;
  auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  ASSERT_TRUE(scanner->scan(repo.dir, "repo", {}, r).has_value());
  EXPECT_EQ(describe(r.findings),
            "committed-env-file repo/.env:0 tree\n"
            "sendgrid-api-key repo/.env:1 tree\n"
            "stripe-live-secret-key repo/src/pay.js:1 tree\n");
  EXPECT_EQ(r.suppressed_inline, 1);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].path, "repo/node_modules/");
}

TEST(ScanRepository, HistoryFindsDeletedSecretsOnce) {
  PlantedRepo repo;
  auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  ASSERT_TRUE(scanner->scan(repo.dir, "repo", {true, {}}, r).has_value());
  EXPECT_EQ(describe(r.findings),
            "committed-env-file repo/.env:0 tree commit\n"
            "sendgrid-api-key repo/.env:1 tree commit\n"
            "aws-access-key-id repo/config/aws.json:2 history commit\n"
            "stripe-live-secret-key repo/src/pay.js:1 tree commit\n");
  // Five blobs in the first commit, .env in the second; each scanned once.
  EXPECT_EQ(r.blobs, 5);
}

TEST(ScanRepository, ACommittedFileThatGitignoreListsStillCounts) {
  Temp repo;
  repo.write(".env", "STRIPE=" + k_stripe_live + "\n");
  repo.git("init -q");
  repo.git("add -A");
  repo.git("commit -q -m env");
  repo.write(".gitignore", ".env\n");
  repo.git("add .gitignore");
  repo.git("commit -q -m ignore");
  auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  ASSERT_TRUE(scanner->scan(repo.dir, "repo", {true, {}}, r).has_value());
  EXPECT_EQ(describe(r.findings),
            "committed-env-file repo/.env:0 tree commit\n"
            "stripe-live-secret-key repo/.env:1 tree commit\n");
}

TEST(ScanRepository, BaselineKeepsOnlyNewFindings) {
  PlantedRepo repo;
  auto scanner = Scanner::create(builtin_rules());
  ScanResult first;
  ASSERT_TRUE(scanner->scan(repo.dir, "repo", {}, first).has_value());
  auto baseline = parse_baseline(baseline_json(first.findings), "baseline.json");
  ASSERT_TRUE(baseline.has_value());
  repo.write("src/notify.py", "GH = '" + k_github + "'\n");
  ScanResult second;
  ASSERT_TRUE(scanner->scan(repo.dir, "elsewhere", {}, second).has_value());  // the root's name does not matter
  apply_baseline(second, *baseline);
  EXPECT_EQ(describe(second.findings), "github-token elsewhere/src/notify.py:1 tree\n");
  EXPECT_EQ(second.suppressed_baseline, 3);
  EXPECT_FALSE(parse_baseline("[1,2]", "b.json").has_value());
}

TEST(ScanRepository, PlainDirectoriesAndIgnores) {
  Temp dir;
  dir.write("app/.env", "X=1\n");
  dir.write("app/settings.py", "SECRET_KEY = 'p9Xr2LmQ7vZk4WnT8bYc'\n");
  dir.write("fixtures/fake.py", "SECRET_KEY = 'a8Xr2LmQ7vZk4WnT8bYc'\n");
  dir.write("image.png", std::string("\x89PNG\0\0\0", 7));
  auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  ASSERT_TRUE(scanner->scan(dir.dir, "site", {true, {"fixtures/*"}}, r).has_value());
  EXPECT_EQ(describe(r.findings),
            "committed-env-file site/app/.env:0 tree\n"
            "generic-secret-assignment site/app/settings.py:1 tree\n");
  EXPECT_EQ(r.notes, std::vector<std::string>{"site: not a git repository; history not scanned"});
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0].reason + " " + r.skipped[1].reason, "ignored binary");
}

// The walk is shared between workers (a directory of many files is split
// into batches), so the same tree must give the same result with one worker
// or several: every file once, links not followed, output in path order.
TEST(ScanRepository, AWideDeepTreeGivesOneResultWhateverTheWorkers) {
  Temp dir;
  for (int i = 0; i < 300; ++i) {
    dir.write(fmt::format("wide/f{:03}.py", i), i % 50 == 7 ? "STRIPE = '" + k_stripe_live + "'\n" : "x = 1\n");
  }
  std::string deep = "deep";
  for (int level = 0; level < 70; ++level) {  // deeper than the walk keeps parents open
    deep += fmt::format("/d{}", level);
    dir.write(deep + "/notes.md", level == 69 ? "token " + k_github + "\n" : "nothing\n");
  }
  dir.write("node_modules/lib/index.js", "k='" + k_stripe_live + "'\n");
  fs::create_symlink(dir.dir / "wide" / "f007.py", dir.dir / "link.py");
  fs::create_directory_symlink(dir.dir / "wide", dir.dir / "wide-link");

  std::vector<std::string> described;
  for (const unsigned jobs : {1u, 2u, 5u}) {
    auto scanner = Scanner::create(builtin_rules());
    ASSERT_TRUE(scanner.has_value());
    scanner->set_jobs(jobs);
    ScanResult r;
    ASSERT_TRUE(scanner->scan(dir.dir, "site", {}, r).has_value());
    EXPECT_EQ(r.files, 300 + 70) << jobs << " workers";
    EXPECT_EQ(r.paths.size(), 370u);
    EXPECT_TRUE(std::ranges::is_sorted(r.paths));
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].path, "site/node_modules/");
    described.push_back(describe(r.findings));
  }
  std::string expected = "github-token site/" + deep + "/notes.md:1 tree\n";
  for (const int i : {7, 57, 107, 157, 207, 257}) {
    expected += fmt::format("stripe-live-secret-key site/wide/f{:03}.py:1 tree\n", i);
  }
  EXPECT_EQ(described[0], expected);
  EXPECT_EQ(described[1], expected);
  EXPECT_EQ(described[2], expected);
}

// What the walk does not read: a file over the size limit (a key file
// among them is still reported, by its name), and anything that is not a
// regular file or a directory: a named pipe, a link to nowhere.
TEST(ScanRepository, FilesOverTheLimitAndSpecialFilesAreNotRead) {
  Temp dir;
  dir.write("small.py", "STRIPE = '" + k_stripe_live + "'\n");
  dir.write("logs/big.txt", std::string(200, 'a') + "\n");
  dir.write("deploy/id_rsa", std::string(200, 'k') + "\n");
  ASSERT_EQ(::mkfifo((dir.dir / "pipe").c_str(), 0600), 0);
  fs::create_symlink(dir.dir / "missing.py", dir.dir / "dangling.py");
  RuleSet rules = builtin_rules();
  rules.max_file_bytes = 100;
  auto scanner = Scanner::create(rules);
  ScanResult r;
  ASSERT_TRUE(scanner->scan(dir.dir, "site", {}, r).has_value());  // a reader of the pipe would wait here
  EXPECT_EQ(describe(r.findings),
            "private-key-file site/deploy/id_rsa:0 tree\n"
            "stripe-live-secret-key site/small.py:1 tree\n");
  EXPECT_EQ(r.files, 1);
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0].path + " " + r.skipped[0].reason, "site/deploy/id_rsa too-large");
  EXPECT_EQ(r.skipped[1].path + " " + r.skipped[1].reason, "site/logs/big.txt too-large");
}

TEST(ScanRepository, ADirectoryThatCannotBeReadIsANote) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  Temp dir;
  dir.write("open/a.py", "x = 1\n");
  dir.write("closed/b.py", "STRIPE = '" + k_stripe_live + "'\n");
  fs::permissions(dir.dir / "closed", fs::perms::none);
  auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  const auto done = scanner->scan(dir.dir, "site", {}, r);
  fs::permissions(dir.dir / "closed", fs::perms::owner_all);
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(r.files, 1);
  EXPECT_EQ(r.notes, (std::vector<std::string>{"site/closed: Permission denied",
                                               "site: not a git repository; history not scanned"}));
}

TEST(ScanRepository, SarifNamesRulesAndLocations) {
  PlantedRepo repo;
  const RuleSet rules = builtin_rules();
  auto scanner = Scanner::create(rules);
  ScanResult r;
  ASSERT_TRUE(scanner->scan(repo.dir, "repo", {}, r).has_value());
  const auto doc = nlohmann::json::parse(render::scan_sarif(r, rules, "0.1.0"));
  EXPECT_EQ(doc["version"], "2.1.0");
  const auto& results = doc["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[2]["ruleId"], "stripe-live-secret-key");
  EXPECT_EQ(results[2]["level"], "error");
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  const auto index = results[2]["ruleIndex"].get<std::size_t>();
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"][index]["id"], "stripe-live-secret-key");
  EXPECT_FALSE(results[0]["locations"][0]["physicalLocation"].contains("region"));  // a whole-file finding
  EXPECT_EQ(render::scan_json(r).find(k_stripe_live), std::string::npos);
  EXPECT_EQ(render::scan_text(r).find(k_stripe_live), std::string::npos);
}

TEST(RepoAudit, DevCycleSignalsAndHistory) {
  Temp repo;
  repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  deploy-staging:\n    environment: staging\n");
  repo.write("tests/test_app.py", "def test_ok():\n    assert True\n");
  repo.write("deploy.sh", "#!/bin/sh\nrsync -a . host:/srv\n");
  repo.write("docs/RUNBOOK.md", "# Runbook\n\nTo roll back, redeploy the previous tag.\n");
  repo.git("init -q");
  repo.git("add -A");
  repo.git("commit -q -m one", "2026-10-01T10:00:00");
  repo.write("deploy.sh", "#!/bin/sh\nrsync -az . host:/srv\n");
  repo.git("commit -q -am two", "2026-11-02T10:00:00");
  auto scanner = Scanner::create(builtin_rules());
  const RepoAudit a = audit_repository(*scanner, repo.dir, "repos/app", "acme", {});
  EXPECT_TRUE(a.exists);
  EXPECT_TRUE(a.is_git);
  EXPECT_EQ(a.ci.evidence, "repos/app/.github/workflows/ci.yml");
  EXPECT_EQ(a.tests.evidence, "repos/app/tests/test_app.py");
  EXPECT_EQ(a.deploy.evidence, "repos/app/deploy.sh");
  EXPECT_EQ(a.staging.evidence, "repos/app/.github/workflows/ci.yml:3");
  EXPECT_EQ(a.rollback.evidence, "repos/app/docs/RUNBOOK.md:3");
  ASSERT_EQ(a.commits.size(), 2u);
  EXPECT_EQ(a.commits[0].date.to_string(), "2026-11-02");
  ASSERT_FALSE(a.hot_files.empty());
  EXPECT_EQ(a.hot_files[0].path, "deploy.sh");
  EXPECT_EQ(a.hot_files[0].commits, 2);
  ASSERT_EQ(a.contributors.size(), 1u);
  EXPECT_EQ(a.contributors[0].commits, 2);

  Temp bare;
  bare.write("index.html", "<h1>hi</h1>\n");
  const RepoAudit b = audit_repository(*scanner, bare.dir, "repos/site", "acme", {});
  EXPECT_FALSE(b.is_git);
  EXPECT_FALSE(b.ci.found);
  EXPECT_FALSE(b.rollback.found);
  const RepoAudit c = audit_repository(*scanner, bare.dir / "nope", "repos/nope", "acme", {});
  EXPECT_FALSE(c.exists);
  EXPECT_EQ(c.problem, "repos/nope: no such directory");
}

TEST(EndpointProbe, RecordsWhatAnswersWithoutCredentials) {
  httplib::Server server;
  server.Get("/open", [](const httplib::Request&, httplib::Response& res) { res.set_content("[]", "application/json"); });
  server.Get("/locked", [](const httplib::Request&, httplib::Response& res) { res.status = 401; });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread t([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto base = fmt::format("http://127.0.0.1:{}", port);
  const auto open = probe_endpoint("acme", base + "/open");
  const auto locked = probe_endpoint("acme", base + "/locked");
  server.stop();
  t.join();
  EXPECT_TRUE(open.answers_without_credentials());
  EXPECT_EQ(locked.http_status, 401);
  EXPECT_FALSE(locked.answers_without_credentials());
  const auto down = probe_endpoint("acme", base + "/open", std::chrono::milliseconds(500));
  EXPECT_FALSE(down.http_status.has_value());
  EXPECT_FALSE(down.error.empty());
}

}  // namespace
}  // namespace quarterdeck::scan
