#include "scan/probe.hpp"

#include <curl/curl.h>

#include <memory>

namespace quarterdeck::scan {
namespace {

std::size_t discard(char* /*data*/, std::size_t size, std::size_t count, void* /*user*/) { return size * count; }

}  // namespace

EndpointProbe probe_endpoint(const std::string& entity, const std::string& url, std::chrono::milliseconds timeout) {
  EndpointProbe probe{entity, url, std::nullopt, ""};
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    probe.error = "cannot start libcurl";
    return probe;
  }
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h, CURLOPT_USERAGENT, "quarterdeck-probe/0.1");
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    probe.error = curl_easy_strerror(rc);
    return probe;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  probe.http_status = static_cast<int>(status);
  return probe;
}

}  // namespace quarterdeck::scan
