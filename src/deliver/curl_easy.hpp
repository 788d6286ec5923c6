// Shared by the libcurl transports (smtp.cpp, ses.cpp); internal, never
// included from a public header.
#pragma once

#include <curl/curl.h>

#include <optional>
#include <string>

namespace quarterdeck::deliver::detail {

// One easy handle per transport, created on first use; keeping it keeps
// its connection open for the next message.
class CurlEasy {
 public:
  CurlEasy() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlEasy() { drop(); }
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  // The handle with its options cleared and its connection kept.
  CURL* fresh() {
    if (curl_ == nullptr) curl_ = curl_easy_init();
    curl_easy_reset(curl_);
    return curl_;
  }
  // Forgets the handle and its connection: the next message connects anew.
  void drop() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
    curl_ = nullptr;
  }

 private:
  CURL* curl_ = nullptr;
};

// Connects to `url` (and finishes its TLS handshake: with `require_starttls`
// an smtp:// server must upgrade) without sending a message and without
// credentials; nullopt when it answers, else curl's reason.
std::optional<std::string> unreachable(const std::string& url, const std::string& ca_file = {},
                                       bool require_starttls = false);

}  // namespace quarterdeck::deliver::detail
