#include "deliver/smtp.hpp"

#include "deliver/curl_easy.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>

#include "util/redact.hpp"
#include "util/strings.hpp"

namespace quarterdeck::deliver {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data->size() - upload->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// The server's replies worth keeping: the last one, and the last refusal
// (4xx/5xx), which is the reason of a failure even after curl's QUIT.
struct Replies {
  std::string last;
  std::string refusal;
};

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type == CURLINFO_HEADER_IN) {
    std::string line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) return 0;
    auto* replies = static_cast<Replies*>(user);
    replies->last = line;
    if (line.front() == '4' || line.front() == '5') replies->refusal = line;
  }
  return 0;
}

std::string angle(const std::string& address) { return "<" + address + ">"; }

// The authority of a URL ("user:pw@host:port") and where it starts.
std::pair<std::size_t, std::string_view> authority_of(std::string_view url) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return {0, {}};
  const std::size_t begin = sep + 3;
  const std::size_t end = url.find_first_of("/?#", begin);
  return {begin, url.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin)};
}

std::string refusal_in_clear(const SmtpSettings& s) {
  return fmt::format(
      "SMTP server {} offers no STARTTLS: credentials are sent only over TLS to a server that is not on "
      "loopback, and smtp_starttls = \"optional\" does not change that (use smtps://, or a server that "
      "offers STARTTLS)",
      url_without_userinfo(s.url));
}

}  // namespace

std::string url_host(std::string_view url) {
  std::string_view authority = authority_of(url).second;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  if (host.starts_with('[')) {
    host = host.substr(1, host.find(']') == std::string_view::npos ? std::string_view::npos : host.find(']') - 1);
  } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return to_lower(host);
}

std::string url_without_userinfo(std::string_view url) {
  const auto [begin, authority] = authority_of(url);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, begin)) + std::string(url.substr(begin + at + 1));
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "localhost.") return true;
  const std::string h(host);
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

bool has_credentials(const SmtpSettings& s) {
  return !s.username.empty() || authority_of(s.url).second.find('@') != std::string_view::npos;
}

SmtpTls smtp_tls(const SmtpSettings& s) {
  if (s.url.starts_with("smtps://")) return SmtpTls::implicit;
  if (s.require_tls) return SmtpTls::required;
  if (has_credentials(s) && !is_loopback_host(url_host(s.url))) return SmtpTls::required;
  return SmtpTls::opportunistic;
}

struct SmtpTransport::Handle : detail::CurlEasy {};

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
}

SmtpTransport::~SmtpTransport() = default;

std::vector<std::string> SmtpTransport::check() {
  std::vector<std::string> problems;
  const std::string shown = url_without_userinfo(settings_.url);
  if (!settings_.url.starts_with("smtp://") && !settings_.url.starts_with("smtps://")) {
    problems.push_back(fmt::format("SMTP_URL must start with smtp:// or smtps://, found `{}`", strip_url_userinfo(settings_.url)));
    return problems;
  }
  // Reach the server and finish the TLS handshake (STARTTLS where the send
  // will need it), without credentials and without sending anything.
  const SmtpTls tls = smtp_tls(settings_);
  if (auto why = detail::unreachable(shown, settings_.ca_file, tls == SmtpTls::required)) {
    const bool forced = tls == SmtpTls::required && !settings_.require_tls;
    if (forced && why->find("STARTTLS") != std::string::npos) {
      problems.push_back(refusal_in_clear(settings_));
    } else {
      problems.push_back(fmt::format("SMTP server {} does not answer: {}", shown, *why));
    }
  }
  return problems;
}

std::expected<SendResult, SendError> SmtpTransport::send(const Envelope& envelope, const std::string& mime) {
  CURL* curl = handle_->fresh();  // keeps the open connection for the next message
  char error[CURL_ERROR_SIZE] = {0};
  Replies replies;
  Upload upload{&mime};
  curl_slist* recipients = nullptr;
  for (const auto& r : envelope.recipients()) recipients = curl_slist_append(recipients, angle(r).c_str());
  const std::string from = angle(envelope.from);
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // feeds on_debug; nothing is printed
  const SmtpTls tls = smtp_tls(settings_);
  if (tls == SmtpTls::required) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (tls == SmtpTls::opportunistic) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK) return SendResult{replies.last};
  // After a failure the server may have closed the connection (421 does);
  // start the next message on a fresh one rather than a dead one.
  handle_->drop();
  const std::string reason = strip_url_userinfo(!replies.refusal.empty() ? replies.refusal
                                                : error[0] != 0            ? std::string(error)
                                                                           : std::string(curl_easy_strerror(rc)));
  // A 4xx reply is the server asking to try later; 5xx is a refusal. With no
  // reply at all (a connection error, a timeout, a dropped TLS session) the
  // message may be tried again.
  const bool permanent = code >= 500 || rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED ||
                         rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL;
  if (rc == CURLE_USE_SSL_FAILED && tls == SmtpTls::required && !settings_.require_tls) {
    return std::unexpected(SendError{refusal_in_clear(settings_), false});
  }
  if (rc == CURLE_LOGIN_DENIED || code == 535) {
    return std::unexpected(SendError{"SMTP authentication failed (check SMTP_USERNAME and SMTP_PASSWORD)", false});
  }
  return std::unexpected(SendError{reason, !permanent});
}

}  // namespace quarterdeck::deliver
