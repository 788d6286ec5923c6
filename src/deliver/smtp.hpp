// The SMTP transport, on libcurl: `smtp://` with STARTTLS required unless
// told otherwise, or `smtps://`; AUTH when a user name is given; one
// connection reused for every message of a run.
//
// Credentials never travel in clear to another machine: with a user name
// (SMTP_USERNAME, or one in the URL) and a server that is not on loopback,
// `smtp://` must upgrade with STARTTLS even when `require_tls` is off, and a
// server that offers no STARTTLS is refused with the reason.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "deliver/transport.hpp"

namespace quarterdeck::deliver {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string username;  // empty: no AUTH
  std::string password;
  bool require_tls = true;  // STARTTLS must succeed (smtp://); off: used when offered
  std::string ca_file;      // extra CA bundle (self-signed test servers)
  long timeout_seconds = 60;
};

// How a session gets TLS.
enum class SmtpTls {
  implicit,       // smtps://: TLS from the first byte
  required,       // smtp:// and STARTTLS must succeed
  opportunistic,  // smtp:// and STARTTLS when the server offers it
};

// The host of a URL, lower-case, without brackets: "smtp://u:p@[::1]:25" -> "::1".
std::string url_host(std::string_view url);
// The URL without its user name and password.
std::string url_without_userinfo(std::string_view url);
// True for `localhost`, 127.0.0.0/8 and ::1 (also as ::ffff:127.x.x.x). A
// name is never resolved: only these literal forms count.
bool is_loopback_host(std::string_view host);
// Whether the session would authenticate: a user name set or in the URL.
bool has_credentials(const SmtpSettings& settings);
// The TLS a session uses: `required` whenever credentials would go to a
// server not on loopback, whatever `require_tls` says.
SmtpTls smtp_tls(const SmtpSettings& settings);

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;
  std::string name() const override { return "smtp"; }
  std::vector<std::string> check() override;
  std::expected<SendResult, SendError> send(const Envelope& envelope, const std::string& mime) override;

 private:
  struct Handle;
  SmtpSettings settings_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace quarterdeck::deliver
