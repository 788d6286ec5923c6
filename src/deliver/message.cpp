#include "deliver/message.hpp"

#include <vmime/platforms/posix/posixHandler.hpp>
#include <vmime/vmime.hpp>

#include <cctype>
#include <mutex>
#include <string>

namespace quarterdeck::deliver {
namespace {

void ensure_platform() {
  static std::once_flag once;
  std::call_once(once, [] { vmime::platform::setHandler<vmime::platforms::posix::posixHandler>(); });
}

vmime::addressList address_list(const std::vector<std::string>& addresses) {
  vmime::addressList list;
  for (const auto& a : addresses) list.appendAddress(vmime::make_shared<vmime::mailbox>(vmime::emailAddress(a)));
  return list;
}

// Text bodies go out with CRLF line ends, as RFC 5322 requires; VMime's
// quoted-printable encoder keeps line ends as it finds them.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// Text and HTML go out quoted-printable: VMime picks base64 for a body
// with many non-ASCII characters, a third larger on the wire than the
// HTML's mostly-ASCII markup needs (Gmail clips a body past ~102 KB).
void quoted_printable_text(const vmime::shared_ptr<vmime::bodyPart>& part) {
  const auto body = part->getBody();
  if (body->getPartCount() == 0) {
    if (body->getContentType().getType() == vmime::mediaTypes::TEXT) {
      body->setEncoding(vmime::encoding(vmime::encodingTypes::QUOTED_PRINTABLE));
    }
    return;
  }
  for (const auto& child : body->getPartList()) quoted_printable_text(child);
}

}  // namespace

std::vector<std::string> OutgoingMessage::envelope_recipients() const {
  std::vector<std::string> all = to;
  all.insert(all.end(), cc.begin(), cc.end());
  all.insert(all.end(), bcc.begin(), bcc.end());
  return all;
}

std::string list_id_for(std::string_view portfolio_name, std::string_view from) {
  std::string label;
  bool ascii = true;
  for (const char c : portfolio_name) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) ascii = false;
    if (std::isalnum(u) != 0 && u < 0x80) {
      label += static_cast<char>(std::tolower(u));
    } else if (!label.empty() && label.back() != '-') {
      label += '-';
    }
  }
  while (!label.empty() && label.back() == '-') label.pop_back();
  if (label.empty()) label = "portfolio";
  const auto at = from.rfind('@');
  const std::string_view domain = at == std::string_view::npos ? std::string_view("localhost") : from.substr(at + 1);
  const std::string id = "<" + label + ".quarterdeck." + std::string(domain) + ">";
  // A phrase is quoted, with its quotes and backslashes escaped; one that
  // is not ASCII would need an encoded word, so the id stands alone.
  if (!ascii || portfolio_name.empty()) return id;
  std::string phrase = "\"";
  for (const char c : portfolio_name) {
    if (c == '"' || c == '\\') phrase += '\\';
    if (c != '\r' && c != '\n') phrase += c;
  }
  return phrase + "\" " + id;
}

std::string build_mime(const OutgoingMessage& m) {
  ensure_platform();
  vmime::messageBuilder builder;
  builder.setExpeditor(vmime::mailbox(vmime::text(m.from_name, vmime::charsets::UTF_8), vmime::emailAddress(m.from)));
  if (m.to.empty() && m.cc.empty()) {
    // Only Bcc recipients (the last part of a split message can be just the
    // audit copy): the headers name nobody, as RFC 5322 allows with an
    // empty group.
    vmime::addressList undisclosed;
    undisclosed.appendAddress(vmime::make_shared<vmime::mailboxGroup>(vmime::text("undisclosed-recipients")));
    builder.setRecipients(undisclosed);
  } else {
    builder.setRecipients(address_list(m.to));
  }
  if (!m.cc.empty()) builder.setCopyRecipients(address_list(m.cc));
  // One word: VMime encodes it whole into encoded-words, and the space
  // between encoded-words is dropped on decoding. Split into words, a long
  // subject was folded after a space it kept ("2 decisions  —").
  builder.setSubject(vmime::text(vmime::word(m.subject, vmime::charsets::UTF_8)));

  if (m.html.empty()) {
    builder.getTextPart()->setCharset(vmime::charsets::UTF_8);
    builder.getTextPart()->setText(vmime::make_shared<vmime::stringContentHandler>(crlf(m.text)));
  } else {
    builder.constructTextPart(vmime::mediaType(vmime::mediaTypes::TEXT, vmime::mediaTypes::TEXT_HTML));
    auto part = vmime::dynamicCast<vmime::htmlTextPart>(builder.getTextPart());
    part->setCharset(vmime::charsets::UTF_8);
    // Inline images go in a multipart/related with the HTML; VMime gives
    // each a Content-ID, and `cid:NAME` in the HTML is pointed at it.
    std::string html = crlf(m.html);
    for (const auto& image : m.inline_images) {
      const auto object = part->addObject(vmime::make_shared<vmime::stringContentHandler>(image.data),
                                          vmime::encoding(vmime::encodingTypes::BASE64),
                                          vmime::mediaType(image.content_type));
      const std::string from = "cid:" + image.name;
      for (auto at = html.find(from); at != std::string::npos; at = html.find(from, at)) {
        html.replace(at, from.size(), object->getReferenceId());
        at += object->getReferenceId().size();
      }
    }
    part->setText(vmime::make_shared<vmime::stringContentHandler>(html));
    part->setPlainText(vmime::make_shared<vmime::stringContentHandler>(crlf(m.text)));
  }
  for (const auto& a : m.attachments) {
    builder.appendAttachment(vmime::make_shared<vmime::defaultAttachment>(
        vmime::make_shared<vmime::stringContentHandler>(a.data), vmime::mediaType(a.content_type),
        vmime::text(a.filename), vmime::word(a.filename)));
  }

  auto message = builder.construct();
  quoted_printable_text(message);
  auto header = message->getHeader();
  header->MessageId()->setValue(vmime::messageId(m.message_id));
  header->Date()->setValue(vmime::datetime(static_cast<time_t>(m.date_unix), vmime::datetime::GMT));
  const auto field = [&](const std::string& name, const std::string& value) {
    header->appendField(vmime::headerFieldFactory::getInstance()->create(name, value));
  };
  field("Auto-Submitted", "auto-generated");
  if (!m.reply_to.empty()) header->ReplyTo()->setValue(vmime::mailbox(vmime::emailAddress(m.reply_to)));
  if (!m.list_id.empty()) field("List-Id", m.list_id);
  if (m.test) field("X-Quarterdeck-Test", "yes");

  vmime::generationContext context;
  context.setMaxLineLength(78);
  std::ostringstream raw;
  vmime::utility::outputStreamAdapter out(raw);
  message->generate(context, out);
  return raw.str();
}

}  // namespace quarterdeck::deliver
