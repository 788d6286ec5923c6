#include "util/redact.hpp"

#include <gtest/gtest.h>

#include "config/environment.hpp"
#include "deliver/smtp.hpp"

namespace quarterdeck {
namespace {

TEST(Redactor, ReplacesEveryOccurrenceWithTheName) {
  Redactor r;
  r.add("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG", Sensitivity::credential);
  EXPECT_EQ(r.apply("key wJalrXUtnFEMI/K7MDENG and again wJalrXUtnFEMI/K7MDENG."),
            "key [redacted AWS_SECRET_ACCESS_KEY] and again [redacted AWS_SECRET_ACCESS_KEY].");
  EXPECT_EQ(r.apply("nothing here"), "nothing here");
}

TEST(Redactor, ShortValuesOnlyWhenCredentials) {
  Redactor r;
  r.add("DEBUG", "true", Sensitivity::value);
  r.add("CURRENCY", "USD", Sensitivity::value);
  r.add("REGION", "us-west-2", Sensitivity::value);
  r.add("SMTP_PASSWORD", "pw", Sensitivity::credential);
  EXPECT_EQ(r.apply("true USD us-west-2"), "true USD [redacted REGION]");
  EXPECT_EQ(r.apply("the pw"), "the [redacted SMTP_PASSWORD]");
  // Five characters is below the minimum, six is not.
  Redactor s;
  s.add("A", "12345", Sensitivity::value);
  s.add("B", "abcdef", Sensitivity::value);
  EXPECT_EQ(s.apply("12345 abcdef"), "12345 [redacted B]");
}

TEST(Redactor, LongestValueWinsAndOverlapsLeaveNothing) {
  Redactor r;
  r.add("SHORT", "secret-one", Sensitivity::credential);
  r.add("LONG", "secret-one-two", Sensitivity::credential);
  EXPECT_EQ(r.apply("[secret-one-two]"), "[[redacted LONG]]");
  r.add("TAIL", "two-three-four", Sensitivity::credential);
  // Two values overlapping in the text become one placeholder: no part of either survives.
  EXPECT_EQ(r.apply("secret-one-two-three-four!"), "[redacted LONG]!");
}

TEST(Redactor, AValueCutShortIsFoundByItsStart) {
  Redactor r;
  r.add("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        Sensitivity::credential);
  // A quote truncated to 40 columns keeps 18 of the 40 characters.
  EXPECT_EQ(r.apply("found `AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MD`"),
            "found `AWS_SECRET_ACCESS_KEY=[redacted AWS_SECRET_ACCESS_KEY]`");
  // Less than a third of it is not recognised (and says little).
  EXPECT_EQ(r.apply("wJalrXUtnFE"), "wJalrXUtnFE");
  // A value is matched as far as the text goes on matching it.
  r.add("HOOK", "https://hooks.example.com/services/T000/B000/XXXX", Sensitivity::value);
  EXPECT_EQ(r.apply("https://hooks.example.com/other https://example.org"),
            "[redacted HOOK]other https://example.org");
}

TEST(Redactor, PlaceholdersAreNotRewritten) {
  Redactor r;
  r.add("X", "redacted", Sensitivity::credential);
  r.add("Y", "abcdefgh", Sensitivity::credential);
  EXPECT_EQ(r.apply("abcdefgh"), "[redacted Y]");
  EXPECT_EQ(r.apply("redacted"), "[redacted X]");
}

TEST(Redactor, FindsTheHtmlAndJsonForms) {
  Redactor r;
  r.add("TOKEN", R"(a<b>"c'd&e\f)", Sensitivity::credential);
  EXPECT_EQ(r.apply("html a&lt;b&gt;&quot;c&apos;d&amp;e\\f"), "html [redacted TOKEN]");
  EXPECT_EQ(r.apply(R"(json "a<b>\"c'd&e\\f")"), R"(json "[redacted TOKEN]")");
}

TEST(Redactor, FindsTheSlugOfAValue) {
  Redactor r;
  r.add("ISSUE", "Leaky Pump 7b3e", Sensitivity::value);
  EXPECT_EQ(r.apply("known-issue-jada-leaky-pump-7b3e"), "known-issue-jada-[redacted ISSUE]");
}

TEST(Redactor, UrlUserInfoIsStrippedEverywhere) {
  EXPECT_EQ(strip_url_userinfo("SMTP server smtp://user:p4ss@mail.example.com:587 does not answer"),
            "SMTP server smtp://[redacted]@mail.example.com:587 does not answer");
  EXPECT_EQ(strip_url_userinfo("`https://tok@[::1]:8443/x?y=1`"),
            "`https://[redacted]@[::1]:8443/x?y=1`");
  EXPECT_EQ(strip_url_userinfo("a@b.example.com and https://example.com/a@b"),
            "a@b.example.com and https://example.com/a@b");
  EXPECT_EQ(strip_url_userinfo("two: smtp://a:b@h1 and http://c@h2/"),
            "two: smtp://[redacted]@h1 and http://[redacted]@h2/");
}

TEST(Redactor, UrlVariablesRegisterTheirUserInfo) {
  Redactor r;
  r.add_url("SMTP_URL", "smtp://qd-user:p%40ss-word@mail.example.com:587");
  // The password alone, decoded as a server or a library might print it.
  EXPECT_EQ(r.apply("AUTH p@ss-word for qd-user"),
            "AUTH [redacted SMTP_URL] for [redacted SMTP_URL]");
  // Without its scheme too.
  r.add_url("SMTP_URL", "bare-user:bare-password@mail.example.com:587");
  EXPECT_EQ(r.apply("found `bare-user:bare-password@mail.example.com:587`"),
            "found `[redacted SMTP_URL]@mail.example.com:587`");
  // The host stays: an error must be able to name the server.
  EXPECT_EQ(r.apply("mail.example.com:587"), "mail.example.com:587");
}

TEST(Redactor, AnAddressIsNotAUrl) {
  Redactor r;
  r.add("RECIPIENT_EMAIL", "owner@example.com", Sensitivity::value);
  EXPECT_EQ(r.apply(R"({"owner": "ceo"} owner@example.com)"), R"({"owner": "ceo"} [redacted RECIPIENT_EMAIL])");
}

TEST(Redactor, MergeKeepsBoth) {
  Redactor a;
  a.add("A", "value-of-a", Sensitivity::value);
  Redactor b;
  b.add("B", "value-of-b", Sensitivity::value);
  a.merge(b);
  EXPECT_EQ(a.apply("value-of-a value-of-b"), "[redacted A] [redacted B]");
}

TEST(Redactor, CredentialNames) {
  for (const auto* name :
       {"AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SMTP_PASSWORD", "db_passwd", "API_KEY", "PGPASS",
        "MY_CREDENTIALS", "BASIC_AUTH", "PRIVATE_PEM", "MYSQL_PWD"}) {
    EXPECT_TRUE(is_credential_name(name)) << name;
  }
  for (const auto* name :
       {"SES_REGION", "RECIPIENT_EMAIL", "SES_FROM_ADDRESS", "HOME", "PWD", "OLDPWD"}) {
    EXPECT_FALSE(is_credential_name(name)) << name;
  }
}

TEST(Redactor, VariablesByTheRule) {
  Redactor r;
  redact_variable(r, "SMTP_URL",
                  "smtp://u:secretpw@mail.example.com");  // server URL: user info only
  redact_variable(r, "SMTP_PASSWORD", "pw");              // credential: any length
  redact_variable(r, "REPORT_TOKEN", "t1");               // named like one
  redact_variable(r, "FLAG", "yes");                      // short value: kept
  redact_variable(r, "RECIPIENT_EMAIL", "owner@example.com");
  EXPECT_EQ(r.apply("smtp://mail.example.com secretpw pw t1 yes owner@example.com"),
            "smtp://mail.example.com [redacted SMTP_URL] [redacted SMTP_PASSWORD] [redacted "
            "REPORT_TOKEN] yes "
            "[redacted RECIPIENT_EMAIL]");
}

TEST(Redactor, CredentialsOfAnEnvironment) {
  const MapEnvironment env({{"AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY"},
                            {"SMTP_PASSWORD", "pw"},
                            {"SESSION_NAME", "plain-setting"},
                            {"CI_JOB_TOKEN", "job-token-value"},
                            {"FEATURE_AUTH", "1"},
                            {"AWS_ENDPOINT_URL_SESV2", "http://ak:sk-value@127.0.0.1:4566"}});
  Redactor r;
  redact_credentials(r, env);
  EXPECT_EQ(r.apply("AKIAEXAMPLEKEY plain-setting job-token-value sk-value 127.0.0.1:4566 pw 1"),
            "[redacted AWS_ACCESS_KEY_ID] plain-setting [redacted CI_JOB_TOKEN] [redacted "
            "AWS_ENDPOINT_URL_SESV2] "
            "127.0.0.1:4566 [redacted SMTP_PASSWORD] 1");
}

TEST(EscapeControls, TerminalControlsBecomeVisible) {
  EXPECT_EQ(escape_controls("name\x1b[31mred\x1b[0m"), "name\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(escape_controls("keep\ttab\nand newline"), "keep\ttab\nand newline");
  EXPECT_EQ(escape_controls("cr\rdel\x7f nul"), "cr\\x0ddel\\x7f nul");
  EXPECT_EQ(escape_controls(std::string("nul\0x", 5)), "nul\\x00x");
  EXPECT_EQ(escape_controls("c1 \xc2\x9b csi"), "c1 \\u{9b} csi");
  EXPECT_EQ(escape_controls("bidi \xe2\x80\xae evil"), "bidi \\u{202e} evil");
  EXPECT_EQ(escape_controls("Ren\xe9"
                            "e"),
            "Ren\\xe9e");
  EXPECT_EQ(escape_controls("Renée · € 😀"), "Renée · € 😀");
}

TEST(SmtpTls, LoopbackByAddressOrLocalhostOnly) {
  for (const auto* host : {"localhost", "127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(deliver::is_loopback_host(host)) << host;
  }
  for (const auto* host :
       {"mail.example.com", "192.0.2.2", "10.0.0.1", "::2", "localhost.example.com", "128.0.0.1"}) {
    EXPECT_FALSE(deliver::is_loopback_host(host)) << host;
  }
  EXPECT_EQ(deliver::url_host("smtp://u:p@[::1]:25"), "::1");
  EXPECT_EQ(deliver::url_host("smtp://Mail.Example.com:587/"), "mail.example.com");
  EXPECT_EQ(deliver::url_without_userinfo("smtp://u:p@h:25"), "smtp://h:25");
}

TEST(SmtpTls, CredentialsToAnotherMachineNeedTls) {
  deliver::SmtpSettings s;
  s.require_tls = false;  // smtp_starttls = "optional"
  s.url = "smtp://mail.example.com:587";
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::opportunistic);  // no credentials
  s.username = "reports";
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::required);
  s.url = "smtp://127.0.0.1:2525";
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::opportunistic);  // loopback
  s.username.clear();
  s.url = "smtp://user:pw@192.0.2.9:25";  // credentials in the URL count too
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::required);
  s.url = "smtps://user:pw@192.0.2.9:465";
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::implicit);
  s.url = "smtp://localhost:25";
  s.require_tls = true;
  EXPECT_EQ(deliver::smtp_tls(s), deliver::SmtpTls::required);
}

}  // namespace
}  // namespace quarterdeck
