// The decoders behind the URL, command-line and JWT rules (scan/tokens.hpp):
// base64 in both alphabets, the forms of a compact JWT, a JWT wrapped in
// base64, HTTP Basic credentials, and the plausibility of a password or a
// header's token. Tokens are assembled at run time (no whole one here) from
// base64url of the JSON written beside them.
#include <gtest/gtest.h>

#include <string>

#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "scan/tokens.hpp"
#include "scan_test_support.hpp"

namespace quarterdeck::scan {
namespace {

// base64url without padding, as JOSE writes it.
std::string b64url(std::string_view bytes) {
  static constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(k_alphabet[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(k_alphabet[(bits << (6 - count)) & 63]);
  return out;
}

// Standard base64 with padding, as `base64` and Kubernetes write it.
std::string b64std(std::string_view bytes) {
  std::string out = b64url(bytes);
  for (char& c : out) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

// 43 characters, the length of an HMAC-SHA256 signature.
const std::string k_signature = cat({"vSjbZEQHOzEDRMzsb1NX", "wloKlYCM2KPrFqv-hc_jxGw"});

std::string jws(std::string_view header, std::string_view payload, std::string_view signature = k_signature) {
  return cat({b64url(header), ".", b64url(payload), ".", signature});
}

TEST(ScanTokens, DecodesBase64InBothAlphabetsWithOrWithoutPadding) {
  EXPECT_EQ(decode_base64("dXNlcjpwYXNz"), "user:pass");
  EXPECT_EQ(decode_base64("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), "Aladdin:open sesame");
  EXPECT_EQ(decode_base64("QWxhZGRpbjpvcGVuIHNlc2FtZQ"), "Aladdin:open sesame");
  EXPECT_EQ(decode_base64("-_8"), "\xfb\xff");  // URL-safe
  EXPECT_EQ(decode_base64("+/8="), "\xfb\xff");  // standard
  EXPECT_EQ(decode_base64(""), "");
}

TEST(ScanTokens, RejectsWhatIsNotBase64) {
  EXPECT_FALSE(decode_base64("abcde").has_value());     // one character left over
  EXPECT_FALSE(decode_base64("ab$d").has_value());      // outside both alphabets
  EXPECT_FALSE(decode_base64("YWJj===").has_value());   // three pads
  EXPECT_FALSE(decode_base64("YWI=YWI=").has_value());  // padding inside
  EXPECT_FALSE(decode_base64("YWJjZA=").has_value());   // padding to a wrong length
}

TEST(ScanTokens, ASignedTokenIsUsableWhereverItsAlgIs) {
  EXPECT_EQ(jwt_form(jws(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"42"})")), JwtForm::signed_);
  EXPECT_EQ(jwt_form(jws(R"({"typ":"JWT","kid":"k1","alg":"RS256"})", R"({"sub":"42"})")), JwtForm::signed_);
  // Spaced and pretty-printed headers, as hand-built tokens have them.
  EXPECT_EQ(jwt_form(jws(R"({ "alg": "ES256" })", R"({"a":1})")), JwtForm::signed_);
  EXPECT_EQ(jwt_form(jws("{\n  \"alg\": \"HS512\"\n}", "{}")), JwtForm::signed_);
  EXPECT_EQ(jwt_form(jws("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}", R"({"iss":"joe"})")), JwtForm::signed_);
  EXPECT_TRUE(usable_jwt(jws(R"({"alg":"HS256"})", R"({"sub":"42"})")));
}

TEST(ScanTokens, AnUnsignedTokenIsNotUsable) {
  EXPECT_EQ(jwt_form(jws(R"({"alg":"none"})", R"({"sub":"42"})", "")), JwtForm::unsigned_);
  EXPECT_EQ(jwt_form(jws(R"({"alg":"HS256"})", R"({"sub":"42"})", "")), JwtForm::unsigned_);
  EXPECT_EQ(jwt_form(jws(R"({"alg":"None"})", R"({"sub":"42"})")), JwtForm::unsigned_);
  EXPECT_FALSE(usable_jwt(jws(R"({"alg":"none"})", R"({"sub":"42"})", "")));
}

TEST(ScanTokens, WhatOnlyLooksLikeATokenIsNotOne) {
  EXPECT_EQ(jwt_form(jws(R"({"typ":"JWT"})", R"({"sub":"42"})")), JwtForm::not_a_token);  // no alg
  EXPECT_EQ(jwt_form(jws(R"({"alg":"HS256"})", "not json")), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(jws(R"({"alg":"HS256"})", R"({"sub":"42"})", "signature")), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(jws("[\"alg\"]", R"({"sub":"42"})")), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(cat({"eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiI0MiJ9"})), JwtForm::not_a_token);  // two segments
  EXPECT_EQ(jwt_form(cat({"eyAbCdEfGhIjKlMnOpQrSt", ".", "eyUvWxYz0123456789ab", ".", k_signature})), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(jws("{\"alg\":\"HS256\x01\"}", R"({"sub":"42"})")), JwtForm::not_a_token);  // control byte
}

TEST(ScanTokens, AnEncryptedTokenHasFiveSegmentsAndEnc) {
  const std::string iv = "NuL1EmVGPSZOS6jY";
  const std::string tag = cat({"Yyl0u3Fv2XTf", "DXv5w2oS8w"});
  const std::string ciphertext = cat({"JwwJLaEqLB3BvsVO7BN1", "gpdW9XPH2HY69bCC6tKr"});
  const std::string dir = b64url(R"({"alg":"dir","enc":"A256GCM"})");
  EXPECT_EQ(jwt_form(cat({dir, "..", iv, ".", ciphertext, ".", tag})), JwtForm::encrypted);
  EXPECT_EQ(jwt_form(cat({b64url(R"({"alg":"RSA-OAEP","enc":"A128GCM"})"), ".", ciphertext, ".", iv, ".", ciphertext, ".",
                          tag})),
            JwtForm::encrypted);
  EXPECT_EQ(jwt_form(cat({b64url(R"({"alg":"dir"})"), "..", iv, ".", ciphertext, ".", tag})), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(cat({dir, "..", "short", ".", ciphertext, ".", tag})), JwtForm::not_a_token);
  EXPECT_EQ(jwt_form(cat({dir, "..", iv, ".", ciphertext, ".", "tag"})), JwtForm::not_a_token);
  EXPECT_TRUE(usable_jwt(cat({dir, "..", iv, ".", ciphertext, ".", tag})));
}

TEST(ScanTokens, AWrappedTokenIsDecodedAndChecked) {
  const std::string token = jws(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"svc"})");
  EXPECT_TRUE(wrapped_jwt(b64std(token)));
  EXPECT_TRUE(wrapped_jwt(b64std(token + "\n")));  // echo TOKEN | base64
  EXPECT_TRUE(wrapped_jwt(b64url(token)));
  EXPECT_FALSE(wrapped_jwt(b64std(jws(R"({"alg":"none"})", R"({"sub":"svc"})", ""))));
  EXPECT_FALSE(wrapped_jwt(b64std(jws(R"({"alg":"HS256"})", R"({"sub":"1"})", "signature"))));
  EXPECT_FALSE(wrapped_jwt(b64std("Bearer " + token)));
  EXPECT_FALSE(wrapped_jwt("ZXlK$notbase64"));
}

TEST(ScanTokens, BasicCredentialsAreUserColonPassword) {
  const auto c = decode_basic_credentials(b64std("release-bot:Xb7p:L2qK9vRt"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->user, "release-bot");
  EXPECT_EQ(c->password, "Xb7p:L2qK9vRt");  // the first colon splits
  const auto with_newline = decode_basic_credentials(b64std("ci:Wd7kP3xQ9mLt\n"));
  ASSERT_TRUE(with_newline.has_value());
  EXPECT_EQ(with_newline->password, "Wd7kP3xQ9mLt");
  EXPECT_FALSE(decode_basic_credentials(b64std("no colon here")).has_value());
  EXPECT_FALSE(decode_basic_credentials(b64std("user:\x01\x02pass")).has_value());
  EXPECT_FALSE(decode_basic_credentials("authentication").has_value());  // a word decodes to bytes, not text
}

TEST(ScanTokens, APlausiblePasswordIsALiteral) {
  EXPECT_TRUE(plausible_password("Tq9vX2mLp7Rz", "deploy"));
  EXPECT_TRUE(plausible_password("hunter2", "pat"));
  EXPECT_TRUE(plausible_password("correcthorsebatterystaple", "pat"));  // long, one kind
  EXPECT_FALSE(plausible_password("8080", "localhost"));                // a port
  EXPECT_FALSE(plausible_password("pass", "user"));
  EXPECT_FALSE(plausible_password("password", "user"));
  EXPECT_FALSE(plausible_password("P@ssw0rd", "user"));
  EXPECT_FALSE(plausible_password("********", "user"));
  EXPECT_FALSE(plausible_password("xxxxxxxx", "user"));
  EXPECT_FALSE(plausible_password("${DB_PASSWORD}", "app"));
  EXPECT_FALSE(plausible_password("$(cat /run/secrets/pw)", "app"));
  EXPECT_FALSE(plausible_password("{{ db_password }}", "app"));
  EXPECT_FALSE(plausible_password("%(password)s", "app"));
  EXPECT_FALSE(plausible_password("www-data", "www-data"));  // the user again
  EXPECT_FALSE(plausible_password("Guest1", "guest1"));
  EXPECT_FALSE(plausible_password("SMTP_PASS", "mailer"));  // a variable's name
  EXPECT_FALSE(plausible_password("mysecret", "app"));
  EXPECT_FALSE(plausible_password("nogroup", "nobody"));  // a word
  EXPECT_FALSE(plausible_password("p4ssw0rd", "someusername"));  // read as "password"
  EXPECT_FALSE(plausible_password("S3cr3t!99", "app"));          // read as "secret"
  EXPECT_FALSE(plausible_password("Tq9vX2mLp7Rz", "user"));     // a documentation user
  EXPECT_FALSE(plausible_password("Tq9vX2mLp7Rz", "your_username"));
  EXPECT_FALSE(plausible_password("x-oauth-basic", "$GH_TOKEN"));
  EXPECT_FALSE(plausible_password("Escape(fnamemodify(zipfile,", ".s"));  // code
  EXPECT_TRUE(plausible_password("Xq(9vL2)mRt", "ops"));  // GitHub's fixed password: the user is the token
}

TEST(ScanTokens, TheUserIsWhatPrecedesThePasswordsColon) {
  const std::string url = "https://deploy:Tq9vX2mLp7Rz@git.example.com";
  const std::string_view match(url);
  EXPECT_EQ(user_before(match, match.substr(url.find("Tq9"), 12)), "deploy");
  const std::string curl = "-u 'reports:Wd7kP3xQ9mLt'";
  EXPECT_EQ(user_before(curl, std::string_view(curl).substr(curl.find("Wd7"), 12)), "reports");
  const std::string long_form = "--user=alice:S3cr3tVal";
  EXPECT_EQ(user_before(long_form, std::string_view(long_form).substr(13)), "alice");
  const std::string empty_user = "redis://:Hq4vN8sLp2Tz@cache";
  EXPECT_EQ(user_before(empty_user, std::string_view(empty_user).substr(9, 12)), "");
  const std::string other = "Tq9vX2mLp7Rz";
  EXPECT_EQ(user_before(match, other), "");  // not a view into the match
}

TEST(ScanTokens, AHeaderTokenIsALiteralOfMixedCharacters) {
  EXPECT_TRUE(plausible_header_token(cat({"AwHHq05b1os9sg", "xptprcRoi7DXARGcby"})));
  EXPECT_TRUE(plausible_header_token(cat({"9944b09199c62bcf9418", "ad846dd0e4bbdfc6ee4b"})));
  EXPECT_FALSE(plausible_header_token("YOUR_TOKEN"));
  EXPECT_FALSE(plausible_header_token("ACCESS_TOKEN"));
  EXPECT_FALSE(plausible_header_token("accessToken"));
  EXPECT_FALSE(plausible_header_token("session.accessToken"));
  EXPECT_FALSE(plausible_header_token("abcdefghijklmnop"));
  EXPECT_FALSE(plausible_header_token("$TOKEN"));
  EXPECT_FALSE(plausible_header_token(jws(R"({"alg":"HS256"})", R"({"sub":"42"})")));  // the jwt rule's
}

std::string findings_in(std::string_view text, const std::string& path = "deploy.sh") {
  auto scanner = Scanner::create(builtin_rules());
  EXPECT_TRUE(scanner.has_value());
  ScanResult r;
  scanner->scan_text(text, path, r);
  std::string out;
  for (const auto& f : r.findings) out += f.rule + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.redacted + "\n";
  return out;
}

// The more specific rule reports a secret; the URL, header and generic
// rules do not report it again.
TEST(ScanTokensInFiles, ASecretInAHeaderOrURLIsReportedOnceByTheMostSpecificRule) {
  const std::string github = cat({"ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"});
  EXPECT_EQ(findings_in("curl -H \"Authorization: token " + github + "\" https://api.github.com/user\n"),
            "github-token:1:31 ghp_… (40 chars)\n");
  const std::string token = jws(R"({"alg":"HS256"})", R"({"sub":"42"})");
  EXPECT_EQ(findings_in("curl -H 'Authorization: Bearer " + token + "' https://api.example.com/\n"),
            "jwt:1:32 eyJ… (" + std::to_string(token.size()) + " chars)\n");
  // X-Auth-Token is also a `token: value` assignment: the header rule reports it.
  const std::string opaque = cat({"1f0bf620a594e344233c", "5818f512fb5b574a4f2d"});
  EXPECT_EQ(findings_in("X-Auth-Token: " + opaque + "\n", "sync.http"), "api-key-header:1:15 … (40 chars)\n");
  // A database URL is database-url-password's, not also url-password's.
  const std::string db = cat({"postgres://shop:", "Vq8Zr4NwX2kLm", "@db.example.com/shop"});
  EXPECT_EQ(findings_in("DATABASE_URL=" + db + "\n", "app.yaml"), "database-url-password:1:30 … (13 chars)\n");
}

// The password is the secret, at its own column, and no part of it is shown.
TEST(ScanTokensInFiles, AURLPasswordIsReportedAtThePasswordAndShowsNothing) {
  const std::string line = cat({"git clone https://deploy:", "Tq9vX2mLp7Rz", "@git.example.com/shop.git\n"});
  EXPECT_EQ(findings_in(line), "url-password:1:26 … (12 chars)\n");
  EXPECT_EQ(findings_in("  -u 'reports:" + cat({"Wd7kP3x", "Q9mLt"}) + "' \\\n"), "curl-user-password:1:15 … (12 chars)\n");
}

// A wrapped token is reported where the base64 value starts.
TEST(ScanTokensInFiles, AWrappedTokenIsReportedAtTheWrappedValue) {
  const std::string token = jws(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"svc"})");
  const std::string wrapped = b64std(token + "\n");
  EXPECT_EQ(findings_in("data:\n  token: " + wrapped + "\n", "secret.yaml"),
            "jwt-base64:2:10 ZXlK… (" + std::to_string(wrapped.size()) + " chars)\n");
  const std::string basic = b64std("ci-bot:" + token);
  EXPECT_EQ(findings_in("Authorization: Basic " + basic + "\n", "api.http"),
            "basic-auth:1:22 … (" + std::to_string(basic.size()) + " chars)\n");
}

}  // namespace
}  // namespace quarterdeck::scan
