// An outgoing report e-mail, and its RFC 5322 / MIME form.
//
// The MIME is built with VMime: multipart/alternative text + HTML, files
// attached, RFC 2047 encoded words for non-ASCII subjects and names, and a
// Message-ID given by the caller (derived from the idempotency key, so a
// re-send is recognisable). Bcc recipients are part of the envelope only,
// never of the headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck::deliver {

struct Attachment {
  std::string filename;
  std::string content_type;  // "application/json"
  std::string data;
};

// An image shown in the HTML part; the HTML refers to it as `cid:NAME`.
struct InlineImage {
  std::string name;
  std::string content_type;  // "image/png"
  std::string data;
};

struct OutgoingMessage {
  std::string from;  // address
  std::string from_name;
  std::vector<std::string> to, cc, bcc;
  std::string subject;
  std::string text;
  std::string html;  // empty: text only
  std::vector<Attachment> attachments;
  std::vector<InlineImage> inline_images;  // need `html`
  std::string reply_to;  // empty: no Reply-To
  // The List-Id (RFC 2919) readers filter on: a phrase and the list's id,
  // "Harbor & Hauling Portfolio <harbor-hauling-portfolio.quarterdeck.example.com>";
  // empty: none. list_id_for makes it.
  std::string list_id;
  std::string message_id;  // without angle brackets: "qd.KEY@example.com"
  bool test = false;       // a test send (run --to): `X-Quarterdeck-Test: yes`
  std::int64_t date_unix = 0;

  // Every recipient the transport must deliver to: To, Cc and Bcc.
  std::vector<std::string> envelope_recipients() const;
};

// The List-Id of a portfolio's reports: its name as the phrase (ASCII
// names only; the id alone otherwise) and an id made of the name's letters
// and digits under `quarterdeck.` and the sender's domain.
std::string list_id_for(std::string_view portfolio_name, std::string_view from);

// The message as RFC 5322 text with CRLF line ends. Every message says it
// was sent by a program (Auto-Submitted: auto-generated, RFC 3834), so
// auto-responders stay quiet.
std::string build_mime(const OutgoingMessage& message);

}  // namespace quarterdeck::deliver
