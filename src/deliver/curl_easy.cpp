#include "deliver/curl_easy.hpp"

namespace quarterdeck::deliver::detail {

std::optional<std::string> unreachable(const std::string& url, const std::string& ca_file, bool require_starttls) {
  CurlEasy easy;
  CURL* curl = easy.fresh();
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (!ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
  if (require_starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) return std::nullopt;
  return std::string(error[0] != 0 ? error : curl_easy_strerror(rc));
}

}  // namespace quarterdeck::deliver::detail
