// HTTP for the integrations, behind an interface so tests can answer
// without a network. The production client is libcurl (deliver/curl_easy),
// with a new connection for every call, so every attempt is counted. Used
// from one thread.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quarterdeck::integrate {

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<std::int64_t>
      retry_after_seconds;  // a Retry-After of seconds, when the server sent one
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // The server's answer, whatever its status; or, when there was none
  // (refused, dropped, timed out), why, in words that name no URL path.
  virtual std::expected<HttpResponse, std::string> send(const HttpRequest& request) = 0;
};

// libcurl: `timeout_seconds` for the whole exchange, 10 s to connect.
std::unique_ptr<HttpClient> curl_http_client(long timeout_seconds = 20);

}  // namespace quarterdeck::integrate
