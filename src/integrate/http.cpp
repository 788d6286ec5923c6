#include "integrate/http.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "deliver/curl_easy.hpp"

namespace quarterdeck::integrate {
namespace {

struct Exchange {
  std::string body;
  std::optional<std::int64_t> retry_after;
};

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Exchange*>(user)->body.append(data, size * count);
  return size * count;
}

// "Retry-After: 5" (seconds; an HTTP date is not read).
std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string_view line(data, size * count);
  constexpr std::string_view k_name = "retry-after:";
  if (line.size() > k_name.size()) {
    bool match = true;
    for (std::size_t i = 0; i < k_name.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(line[i])) == k_name[i];
    }
    if (match) {
      std::string_view value = line.substr(k_name.size());
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      std::int64_t seconds = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec == std::errc() && seconds >= 0) static_cast<Exchange*>(user)->retry_after = seconds;
    }
  }
  return size * count;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(long timeout_seconds) : timeout_seconds_(timeout_seconds) {}

  std::expected<HttpResponse, std::string> send(const HttpRequest& request) override {
    CURL* curl = easy_.fresh();
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, fmt::format("{}: {}", name, value).c_str());
    }
    // No "Expect: 100-continue" round trip.
    headers = curl_slist_append(headers, "Expect:");
    Exchange exchange;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method != "GET") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    } else {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "quarterdeck/0.1");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds_);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    // A new connection for every call: on a kept connection that the server
    // closed, libcurl sends the request again by itself, and a call the
    // receiver saw would go uncounted.
    curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
      // The connection may be broken: the next request connects anew.
      easy_.drop();
      return std::unexpected(std::string(error[0] != 0 ? error : curl_easy_strerror(rc)));
    }
    HttpResponse response;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.body = std::move(exchange.body);
    response.retry_after_seconds = exchange.retry_after;
    return response;
  }

 private:
  deliver::detail::CurlEasy easy_;
  long timeout_seconds_;
};

}  // namespace

std::unique_ptr<HttpClient> curl_http_client(long timeout_seconds) {
  return std::make_unique<CurlHttpClient>(timeout_seconds);
}

}  // namespace quarterdeck::integrate
