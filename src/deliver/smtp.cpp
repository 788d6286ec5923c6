#include "deliver/smtp.hpp"

#include "deliver/curl_easy.hpp"

#include <fmt/format.h>

#include <cstring>

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

}  // namespace

struct SmtpTransport::Handle : detail::CurlEasy {};

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
}

SmtpTransport::~SmtpTransport() = default;

std::vector<std::string> SmtpTransport::check() {
  std::vector<std::string> problems;
  if (!settings_.url.starts_with("smtp://") && !settings_.url.starts_with("smtps://")) {
    problems.push_back(fmt::format("SMTP_URL must start with smtp:// or smtps://, found `{}`", settings_.url));
    return problems;
  }
  // Reach the server and finish the TLS handshake, without sending anything.
  if (auto why = detail::unreachable(settings_.url, settings_.ca_file)) {
    problems.push_back(fmt::format("SMTP server {} does not answer: {}", settings_.url, *why));
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
  if (settings_.require_tls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
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
  const std::string reason = !replies.refusal.empty() ? replies.refusal
                             : error[0] != 0                   ? std::string(error)
                                                               : std::string(curl_easy_strerror(rc));
  // A 4xx reply is the server asking to try later; 5xx is a refusal. With no
  // reply at all (a connection error, a timeout, a dropped TLS session) the
  // message may be tried again.
  const bool permanent = code >= 500 || rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED ||
                         rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL;
  if (rc == CURLE_LOGIN_DENIED || code == 535) {
    return std::unexpected(SendError{"SMTP authentication failed (check SMTP_USERNAME and SMTP_PASSWORD)", false});
  }
  return std::unexpected(SendError{reason, !permanent});
}

}  // namespace quarterdeck::deliver
