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
  std::string message_id;  // without angle brackets: "qd.KEY@example.com"
  std::int64_t date_unix = 0;

  // Every recipient the transport must deliver to: To, Cc and Bcc.
  std::vector<std::string> envelope_recipients() const;
};

// The message as RFC 5322 text with CRLF line ends.
std::string build_mime(const OutgoingMessage& message);

}  // namespace quarterdeck::deliver
