#include "deliver/ses.hpp"

#include "deliver/curl_easy.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "util/redact.hpp"

namespace quarterdeck::deliver {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string base64(const std::string& data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// SES tag values allow letters, digits, `_`, `-` and `.`.
std::string tag_value(const std::string& value) {
  std::string out;
  for (const char c : value) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') ? c : '_';
  return out.substr(0, 256);
}

std::string provider_reason(long status, const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_discarded() && json.is_object()) {
    for (const char* key : {"message", "Message"}) {
      if (json.contains(key) && json[key].is_string()) {
        const std::string type = json.value("__type", json.value("code", std::string()));
        return fmt::format("HTTP {}{}: {}", status, type.empty() ? "" : " " + type, json[key].get<std::string>());
      }
    }
  }
  return fmt::format("HTTP {}: {}", status, body.substr(0, 200));
}

}  // namespace

struct SesTransport::Handle : detail::CurlEasy {};

SesTransport::SesTransport(SesSettings settings) : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
  endpoint_ = settings_.endpoint.empty() ? fmt::format("https://email.{}.amazonaws.com", settings_.region)
                                         : settings_.endpoint;
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
}

SesTransport::~SesTransport() = default;

std::vector<std::string> SesTransport::check() {
  std::vector<std::string> problems;
  if (settings_.region.empty()) problems.push_back("SES needs a region: SES_REGION or AWS_REGION");
  if (settings_.access_key_id.empty()) problems.push_back("SES needs AWS_ACCESS_KEY_ID");
  if (settings_.secret_access_key.empty()) problems.push_back("SES needs AWS_SECRET_ACCESS_KEY");
  if (!problems.empty()) return problems;
  if (auto why = detail::unreachable(endpoint_)) {
    problems.push_back(fmt::format("SES endpoint {} does not answer: {}", strip_url_userinfo(endpoint_), *why));
  }
  return problems;
}

std::expected<SendResult, SendError> SesTransport::send(const Envelope& envelope, const std::string& mime) {
  CURL* curl = handle_->fresh();
  nlohmann::ordered_json body;
  body["FromEmailAddress"] = envelope.from;
  nlohmann::ordered_json destination = nlohmann::ordered_json::object();
  if (!envelope.to.empty()) destination["ToAddresses"] = envelope.to;
  if (!envelope.cc.empty()) destination["CcAddresses"] = envelope.cc;
  if (!envelope.bcc.empty()) destination["BccAddresses"] = envelope.bcc;
  body["Destination"] = destination;
  body["Content"] = {{"Raw", {{"Data", base64(mime)}}}};
  if (!settings_.configuration_set.empty()) {
    body["ConfigurationSetName"] = settings_.configuration_set;
    body["EmailTags"] = nlohmann::ordered_json::array(
        {{{"Name", "quarterdeck_run"}, {"Value", tag_value(envelope.run_id)}},
         {{"Name", "quarterdeck_report"}, {"Value", tag_value(envelope.report_id)}}});
  }
  const std::string payload = body.dump();
  // SES refuses messages over 40 MB after encoding: say so without a call.
  if (body["Content"]["Raw"]["Data"].get_ref<const std::string&>().size() > 40u * 1024u * 1024u) {
    return std::unexpected(SendError{"message over SES's 40 MB limit after encoding", false});
  }
  const std::string url = endpoint_ + "/v2/email/outbound-emails";
  const std::string sigv4 = fmt::format("aws:amz:{}:ses", settings_.region);
  const std::string user = settings_.access_key_id + ":" + settings_.secret_access_key;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  if (!settings_.session_token.empty()) {
    headers = curl_slist_append(headers, ("X-Amz-Security-Token: " + settings_.session_token).c_str());
  }
  std::string response;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERPWD, user.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    // No answer (timeout, refused, dropped): the request may or may not have
    // been taken; the engine retries, and the Message-ID lets mailboxes
    // collapse a duplicate.
    return std::unexpected(SendError{
        strip_url_userinfo(fmt::format("SES request failed: {}", error[0] != 0 ? error : curl_easy_strerror(rc))), true});
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) {
    const auto json = nlohmann::json::parse(response, nullptr, false);
    std::string id = !json.is_discarded() && json.is_object() ? json.value("MessageId", std::string()) : std::string();
    return SendResult{id};
  }
  const bool retryable = status == 429 || status >= 500;
  return std::unexpected(SendError{provider_reason(status, response), retryable});
}

}  // namespace quarterdeck::deliver
