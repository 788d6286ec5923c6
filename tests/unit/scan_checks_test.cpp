// The checks that decide whether a rule's match is a secret, each on its
// own (src/scan/checks.cpp, src/scan/placeholder.cpp), and the generic
// detector's multi-line shapes through the scanner.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "scan/checks.hpp"
#include "scan/placeholder.hpp"
#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "scan_test_support.hpp"

namespace quarterdeck::scan {
namespace {

std::string scan(const std::string& text, const std::string& path = "example.txt") {
  static auto scanner = Scanner::create(builtin_rules());
  ScanResult r;
  scanner->scan_text(text, path, r);
  return rules_of(r.findings);
}

TEST(ScanChecks, FewDistinctCharacters) {
  EXPECT_TRUE(few_distinct("0000-0000-0000"));
  EXPECT_TRUE(few_distinct("abababababab"));
  EXPECT_FALSE(few_distinct("abab"));  // too short to tell
  EXPECT_FALSE(few_distinct(cat({"Zq8RkT2m", "W9xLp4Vb"})));
}

TEST(ScanChecks, SequentialRuns) {
  EXPECT_TRUE(sequential_run("AIzaSyabcdefghijklmnop"));
  EXPECT_TRUE(sequential_run("key-0123456789"));
  EXPECT_TRUE(sequential_run("ZYXWVU-tail"));
  EXPECT_TRUE(sequential_run("xx987654"));
  EXPECT_FALSE(sequential_run("abcde1234"));     // runs of five are chance
  EXPECT_FALSE(sequential_run("789:;<=>"));      // punctuation is no sequence
  EXPECT_FALSE(sequential_run("yzABCD"));        // a run stays in one class
  EXPECT_FALSE(sequential_run(cat({"Zq8RkT2m", "W9xLp4Vb7NcY3hJd"})));
}

TEST(ScanChecks, RepeatedRuns) {
  EXPECT_TRUE(repeated_run("github_pat_xxxx_1"));
  EXPECT_TRUE(repeated_run("XXXX-1"));
  EXPECT_TRUE(repeated_run("xoxp-572-###"));
  EXPECT_TRUE(repeated_run("sk_live_***"));
  EXPECT_TRUE(repeated_run("token..."));
  EXPECT_TRUE(repeated_run("xoxp-572\xE2\x80\xA6-1"));  // an ellipsis: shown redacted
  EXPECT_TRUE(repeated_run("a00000b"));
  EXPECT_TRUE(repeated_run("Q7kkkkkk"));
  EXPECT_FALSE(repeated_run("xxx-0000-kkkkk"));
  EXPECT_FALSE(repeated_run(cat({"Zq8RkT2m", "W9xLp4Vb"})));
}

TEST(ScanChecks, ExampleWords) {
  EXPECT_TRUE(example_word("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_TRUE(example_word("AKIAIOSFODNN7SECRETS"));
  EXPECT_TRUE(example_word("sk_live_SAMPLE_1"));
  EXPECT_FALSE(example_word("FLWSECK_TEST-7a69285889134cb4e53ba7a8ed26c9e0-X"));  // a vendor's test key
  EXPECT_TRUE(example_word("my-fake-key-1"));
  EXPECT_TRUE(example_word("Sample_Key_1"));
  EXPECT_FALSE(example_word("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));  // Stripe's test mode is real
  EXPECT_FALSE(example_word("AKIAQ7TESTZ3M4N5"));                 // inside a run of capitals
  EXPECT_FALSE(example_word("unfakeable1"));                      // inside a word
}

TEST(ScanChecks, TemplateText) {
  EXPECT_TRUE(template_text("<your-api-key>"));
  EXPECT_TRUE(template_text("{{ .Values.token }}"));
  EXPECT_TRUE(template_text("%(password)s"));
  EXPECT_TRUE(template_text("your_api_key_here"));
  EXPECT_TRUE(template_text("YOUR-TOKEN"));
  EXPECT_TRUE(template_text("please_changeme"));
  EXPECT_TRUE(template_text("access_token$production$<merchant"));  // cut at its space
  EXPECT_FALSE(template_text("yourselfQ7z"));
  EXPECT_FALSE(template_text(cat({"Zq8RkT2m", "W9xLp4Vb"})));
}

TEST(ScanChecks, References) {
  EXPECT_TRUE(reference("${API_TOKEN}"));
  EXPECT_TRUE(reference("$API_TOKEN"));
  EXPECT_TRUE(reference("$(cat /run/secrets/token)"));
  EXPECT_TRUE(reference("process.env.STRIPE_KEY"));
  EXPECT_TRUE(reference("os.environ['KEY']"));
  EXPECT_TRUE(reference("os.getenv('KEY')"));
  EXPECT_TRUE(reference("ENV['KEY']"));
  EXPECT_TRUE(reference("System.getenv(\"KEY\")"));
  EXPECT_TRUE(reference("config.stripeSecret"));
  EXPECT_TRUE(reference("secrets.DEPLOY_TOKEN"));
  EXPECT_FALSE(reference("$2b$12$Zq8RkT2mW9xLp4Vb"));  // a bcrypt hash is not a variable
  EXPECT_FALSE(reference("Xk9#mP2$vL8q"));
}

TEST(ScanChecks, EchoedNames) {
  EXPECT_TRUE(echoes_name("access_token", "ACCESS_TOKEN"));
  EXPECT_TRUE(echoes_name("self.access_token", "access_token"));
  EXPECT_TRUE(echoes_name("GITHUB_ACCESS_TOKEN", "accessToken"));
  EXPECT_TRUE(echoes_name("api_key", "settings.API_KEY"));
  EXPECT_FALSE(echoes_name("api_key", "Zq8RkT2mW9"));
  EXPECT_FALSE(echoes_name("", "key"));
}

TEST(ScanChecks, AssignedName) {
  const std::string line = "        self.access_token = access_token";
  EXPECT_EQ(assigned_name(line, std::string_view(line).substr(line.rfind(' ') + 1)), "self.access_token");
  const std::string call = "System.setProperty(\"MAILER_TOKEN\", \"v\");";
  EXPECT_EQ(assigned_name(call, std::string_view(call).substr(call.find("\"v") + 1, 1)), "MAILER_TOKEN");
  const std::string other = "other";
  EXPECT_EQ(assigned_name(line, other), "");  // not inside the line
}

TEST(ScanChecks, NamesOfWhatIsNotTheSecret) {
  EXPECT_TRUE(names_a_non_secret("secret_hash"));
  EXPECT_TRUE(names_a_non_secret("private_key_id"));
  EXPECT_TRUE(names_a_non_secret("TOKEN_HEADER"));
  EXPECT_TRUE(names_a_non_secret("passwordLength"));
  EXPECT_TRUE(names_a_non_secret("api-key.file"));
  EXPECT_FALSE(names_a_non_secret("client_secret"));
  EXPECT_FALSE(names_a_non_secret("apiToken"));
  EXPECT_FALSE(names_a_non_secret("paid_token"));
  EXPECT_FALSE(names_a_non_secret(""));
}

TEST(ScanChecks, WordsOnly) {
  EXPECT_TRUE(words_only("Authorization"));
  EXPECT_TRUE(words_only("BearerToken"));
  EXPECT_TRUE(words_only("user_password_input"));
  EXPECT_TRUE(words_only("X-Auth-Token"));
  EXPECT_FALSE(words_only("aBcDeFgHjKmN"));
  EXPECT_FALSE(words_only("Summer2023"));
  EXPECT_FALSE(words_only(""));
}

TEST(ScanChecks, PlausibleAssignment) {
  EXPECT_TRUE(plausible_assignment(cat({"Xk9#mP2$", "vL8qR4tZ"})));
  EXPECT_TRUE(plausible_assignment(cat({"Zq8RkT2m", "W9xLp4Vb"})));
  EXPECT_FALSE(plausible_assignment("Authorization"));
  EXPECT_FALSE(plausible_assignment("jjwt-api:0.11.5"));
  EXPECT_FALSE(plausible_assignment("deploy-key.pem"));
  EXPECT_FALSE(plausible_assignment("function(T"));
  EXPECT_FALSE(plausible_assignment("https://vault.example.com/v1"));
  EXPECT_FALSE(plausible_assignment("v1.2.3-rc4"));
  EXPECT_TRUE(plausible_assignment(cat({"V85mMTTE", "m20GKpoNBeKY"})));  // starts like a version, has no dots
}

TEST(ScanChecks, KubernetesSecretValuesAreDecoded) {
  const std::string manifest = "apiVersion: v1\nkind: Secret\ndata:\n  password: Y2hhbmdlbWU=\n";
  EXPECT_EQ(kubernetes_secret_value(manifest, "Y2hhbmdlbWU="), "changeme");
  EXPECT_EQ(kubernetes_secret_value("kind: ConfigMap\n", "Y2hhbmdlbWU="), "");  // not a Secret
  EXPECT_EQ(kubernetes_secret_value(manifest, "Y2hhbmdlbW"), "");             // not base64 (length)
  EXPECT_EQ(kubernetes_secret_value(manifest, "AAECAwQFBgcI"), "");           // binary: tested as it is
}

// A value on the line after its key is reported at its own line and column.
TEST(ScanChecks, TheNextLineShapeReportsTheValuesLine) {
  const std::string plist = cat({"<dict>\n  <key>apiToken</key>\n    <string>", "Rk8Zq3Wx", "7Mt2Vn9P", "</string>\n</dict>\n"});
  EXPECT_EQ(scan(plist, "Info.plist"), "generic-secret-next-line:3:13 ");
  const std::string entry = cat({"<entry key=\"webhook.secret\">\n", "Hv3Kq8Zx", "2Wm7Rt4N\n", "</entry>\n"});
  EXPECT_EQ(scan(entry, "app.xml"), "generic-secret-next-line:2:1 ");
}

TEST(ScanChecks, KubernetesSecretsAreTestedDecoded) {
  const std::string head = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n";
  // "Vq7#Kz2mXw9Rtp4" encoded: a finding at the value.
  EXPECT_EQ(scan(head + cat({"  password: ", "VnE3I0t6", "Mm1YdzlSdHA0\n"}), "secret.yaml"),
            "generic-secret-assignment:6:13 ");
  // "changeme" encoded: nothing, though the encoded text looks random.
  EXPECT_EQ(scan(head + "  password: Y2hhbmdlbWU=\n", "secret.yaml"), "");
  EXPECT_EQ(scan("password: Y2hhbmdlbWU=\n", "config.yaml"), "generic-secret-assignment:1:11 ");
}

// A Dockerfile's ENV with a space or an equals sign.
TEST(ScanChecks, DockerfileEnvInBothShapes) {
  EXPECT_EQ(scan(cat({"ENV API_TOKEN ", "Qx7Zk2Wm", "9Rt4Vn8P\n"}), "Dockerfile"), "generic-secret-line:1:15 ");
  EXPECT_EQ(scan(cat({"ENV API_TOKEN=", "Qx7Zk2Wm", "9Rt4Vn8P\n"}), "Dockerfile"), "generic-secret-assignment:1:15 ");
}

// Placeholder recognition is shared: a vendor rule drops the same look-alikes.
TEST(ScanChecks, VendorRulesDropPlaceholders) {
  EXPECT_EQ(scan(cat({"AWS_ACCESS_KEY_ID=", "AKIAIOSFODNN7", "SECRETS\n"})), "");
  EXPECT_EQ(scan(cat({"GITHUB_TOKEN=", "ghp_", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"})), "");
  EXPECT_EQ(scan(cat({"key = \"", "AIza", "Syabcdefghijklmnopqrstuvwxyz0123456\"\n"})), "");
  EXPECT_EQ(scan(cat({"GITHUB_TOKEN=", "ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\n"})), "github-token:1:14 ");
}

}  // namespace
}  // namespace quarterdeck::scan
