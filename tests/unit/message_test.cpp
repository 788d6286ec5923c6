#include "deliver/message.hpp"

#include <gtest/gtest.h>

#include "deliver/plan.hpp"
#include "util/address.hpp"

namespace quarterdeck {
namespace {

deliver::OutgoingMessage sample() {
  deliver::OutgoingMessage m;
  m.from = "reports@example.com";
  m.from_name = "Relatórios Quarterdeck";
  m.to = {"owner@example.com"};
  m.cc = {"cfo@example.com"};
  m.bcc = {"audit@example.com"};
  m.subject = "Café report — Q4 résumé";
  m.text = "Hello\nworld\n";
  m.html = "<p>Hello <img src=\"cid:chart\"></p>\n";
  m.inline_images = {{"chart", "image/png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x')}};
  m.attachments = {{"ceo.json", "application/json", "{\"a\": 1}\n"}};
  m.message_id = "qd.0123456789abcdef@example.com";
  m.date_unix = 1'790'000'000;
  return m;
}

TEST(Mime, HeadersEncodeNonAsciiAndKeepBccOutOfTheHeaders) {
  const std::string mime = deliver::build_mime(sample());
  EXPECT_NE(mime.find("Subject: =?utf-8?"), std::string::npos) << mime.substr(0, 600);
  EXPECT_NE(mime.find("From: =?utf-8?"), std::string::npos);
  EXPECT_NE(mime.find("Message-Id: <qd.0123456789abcdef@example.com>"), std::string::npos);  // header names are case-insensitive
  EXPECT_NE(mime.find("To: owner@example.com"), std::string::npos);
  EXPECT_NE(mime.find("Cc: cfo@example.com"), std::string::npos);
  EXPECT_EQ(mime.find("audit@example.com"), std::string::npos);  // Bcc is the envelope's business
  EXPECT_EQ(mime.find("Bcc:"), std::string::npos);
  for (std::size_t start = 0, end; (end = mime.find("\r\n", start)) != std::string::npos; start = end + 2) {
    ASSERT_LE(end - start, 998u) << "a line longer than 998 octets";
  }
  EXPECT_EQ(mime.find("\r\n\r\n") != std::string::npos, true);
}

TEST(Mime, HeadersForAutomatedMail) {
  deliver::OutgoingMessage m = sample();
  std::string mime = deliver::build_mime(m);
  EXPECT_NE(mime.find("\r\nAuto-Submitted: auto-generated\r\n"), std::string::npos) << mime.substr(0, 800);
  EXPECT_EQ(mime.find("Reply-To:"), std::string::npos);  // none asked for
  EXPECT_EQ(mime.find("List-Id:"), std::string::npos);
  EXPECT_EQ(mime.find("X-Quarterdeck-Test:"), std::string::npos);  // a real send
  m.test = true;
  EXPECT_NE(deliver::build_mime(m).find("\r\nX-Quarterdeck-Test: yes\r\n"), std::string::npos);
  m.test = false;
  m.reply_to = "owner@example.com";
  m.list_id = deliver::list_id_for("Harbor & Hauling Portfolio", m.from);
  mime = deliver::build_mime(m);
  // Long header lines are folded (RFC 5322 2.2.3); unfolded, they read whole.
  for (std::size_t at; (at = mime.find("\r\n ")) != std::string::npos;) mime.replace(at, 3, " ");
  EXPECT_NE(mime.find("\r\nReply-To: owner@example.com\r\n"), std::string::npos) << mime.substr(0, 800);
  EXPECT_NE(mime.find("\r\nList-Id: \"Harbor & Hauling Portfolio\" "
                      "<harbor-hauling-portfolio.quarterdeck.example.com>\r\n"),
            std::string::npos)
      << mime.substr(0, 800);
}

TEST(Mime, ListIdOfAnyPortfolioName) {
  EXPECT_EQ(deliver::list_id_for("Deichblick Gastro", "reports@example.com"),
            "\"Deichblick Gastro\" <deichblick-gastro.quarterdeck.example.com>");
  // Not ASCII: the id alone, made of the ASCII letters and digits.
  EXPECT_EQ(deliver::list_id_for("Café Hafenkante", "r@mail.example.com"),
            "<caf-hafenkante.quarterdeck.mail.example.com>");
  EXPECT_EQ(deliver::list_id_for("\"Quoted\" \\ name", "r@example.com"),
            "\"\\\"Quoted\\\" \\\\ name\" <quoted-name.quarterdeck.example.com>");
  EXPECT_EQ(deliver::list_id_for("ÉÉ", "r@example.com"), "<portfolio.quarterdeck.example.com>");
}

TEST(Mime, AlternativeRelatedAndAttachmentParts) {
  const std::string mime = deliver::build_mime(sample());
  EXPECT_NE(mime.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(mime.find("multipart/related"), std::string::npos);
  EXPECT_NE(mime.find("Content-Type: image/png"), std::string::npos);
  EXPECT_NE(mime.find("Content-Id: <"), std::string::npos);
  EXPECT_EQ(mime.find("cid:chart"), std::string::npos);  // pointed at the generated Content-ID
  EXPECT_NE(mime.find("cid:"), std::string::npos);
  EXPECT_NE(mime.find("filename=ceo.json"), std::string::npos);
}

// The part headed `content_type` up to the next boundary.
std::string part_of(const std::string& mime, const std::string& content_type) {
  const auto start = mime.find("Content-Type: " + content_type);
  if (start == std::string::npos) return {};
  return mime.substr(start, mime.find("\r\n--", start) - start);
}

TEST(Mime, TextAndHtmlGoQuotedPrintable) {
  deliver::OutgoingMessage m = sample();
  // Mostly non-ASCII: VMime on its own chose base64 for such a body.
  m.text = "Résumé — ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ ÉÉÉÉÉÉÉÉÉ\n";
  m.html =
      "<p style=\"color:#1d2733\">Résumé — ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ <img "
      "src=\"cid:chart\"></p>\n";
  const std::string mime = deliver::build_mime(m);
  const std::string text = part_of(mime, "text/plain");
  const std::string html = part_of(mime, "text/html");
  EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos)
      << text;
  EXPECT_NE(html.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos)
      << html;
  EXPECT_NE(text.find("R=C3=A9sum=C3=A9 =E2=80=94 "), std::string::npos) << text;
  EXPECT_NE(html.find("<p style=3D\"color:#1d2733\">R=C3=A9sum=C3=A9"), std::string::npos) << html;
  for (std::size_t start = 0, end; (end = html.find("\r\n", start)) != std::string::npos;
       start = end + 2) {
    EXPECT_LE(end - start, 76u) << "a quoted-printable line longer than 76";
  }
  // The inline image and the attachment stay base64.
  EXPECT_NE(part_of(mime, "image/png").find("Content-Transfer-Encoding: base64"),
            std::string::npos);
}

TEST(Mime, BccOnlyPartNamesUndisclosedRecipients) {
  deliver::OutgoingMessage m = sample();
  m.to.clear();
  m.cc.clear();
  const std::string mime = deliver::build_mime(m);
  EXPECT_NE(mime.find("To: undisclosed-recipients:;"), std::string::npos);
  EXPECT_EQ(mime.find("audit@example.com"), std::string::npos);
}

TEST(Addresses, InternationalDomainsBecomePunycodeAndLocalPartsMustBeAscii) {
  EXPECT_EQ(normalize_address("ops@bücher.example").value(), "ops@xn--bcher-kva.example");
  EXPECT_EQ(normalize_address("ops@example.com").value(), "ops@example.com");
  EXPECT_FALSE(normalize_address("jürgen@example.com").has_value());
  EXPECT_FALSE(normalize_address("no-at-sign").has_value());
  EXPECT_FALSE(normalize_address("a@localhost").has_value());
}

TEST(Split, FiftyRecipientsAMessageToFirstThenCcThenBcc) {
  deliver::Addressing a;
  for (int i = 0; i < 60; ++i) a.to.push_back("t" + std::to_string(i) + "@example.com");
  for (int i = 0; i < 30; ++i) a.cc.push_back("c" + std::to_string(i) + "@example.com");
  a.bcc = {"audit@example.com"};
  const auto parts = deliver::split_recipients(a);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].to.size(), 50u);
  EXPECT_TRUE(parts[0].cc.empty());
  EXPECT_EQ(parts[1].to.size(), 10u);
  EXPECT_EQ(parts[1].cc.size(), 30u);
  EXPECT_EQ(parts[1].bcc.size(), 1u);
  EXPECT_EQ(deliver::split_recipients(a, 100).size(), 1u);
}

}  // namespace
}  // namespace quarterdeck
