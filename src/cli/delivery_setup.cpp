#include "cli/delivery_setup.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "deliver/outbox.hpp"
#include "deliver/ses.hpp"
#include "deliver/smtp.hpp"
#include "util/strings.hpp"

namespace quarterdeck::cli {
namespace {

std::string get(const Environment& env, std::string_view name) { return env.get(name).value_or(""); }

// The redaction boundary for what a transport says: its problems go to the
// terminal, its send errors into the store (last_error) and the summary.
class RedactingTransport final : public deliver::Transport {
 public:
  RedactingTransport(std::unique_ptr<deliver::Transport> inner, Redactor redactor)
      : inner_(std::move(inner)), redactor_(std::move(redactor)) {}
  std::string name() const override { return inner_->name(); }
  std::vector<std::string> check() override {
    auto problems = inner_->check();
    for (auto& p : problems) p = redactor_.apply(p);
    return problems;
  }
  std::expected<deliver::SendResult, deliver::SendError> send(const deliver::Envelope& envelope,
                                                              const std::string& mime) override {
    auto sent = inner_->send(envelope, mime);
    if (!sent) return std::unexpected(deliver::SendError{redactor_.apply(sent.error().reason), sent.error().retryable});
    sent->provider_message_id = redactor_.apply(sent->provider_message_id);
    return sent;
  }

 private:
  std::unique_ptr<deliver::Transport> inner_;
  Redactor redactor_;
};

}  // namespace

DeliverySetup setup_delivery(const Portfolio& p, const std::string& directory, const Environment& env,
                             const DeliveryOverrides& o, const Redactor& portfolio_redactor) {
  // The portfolio's secrets, and the credentials of the environment the
  // transport reads (the command line's --smtp-url among them).
  Redactor redactor = portfolio_redactor;
  redact_credentials(redactor, env);
  if (!o.smtp_url.empty()) redactor.add_url("--smtp-url", o.smtp_url);
  DeliverySetup setup;
  const std::string transport = o.transport.empty() ? p.delivery.transport : o.transport;
  if (transport == "outbox") {
    setup.transport = std::make_unique<deliver::OutboxTransport>(std::filesystem::path(directory) / ".quarterdeck" / "outbox");
  } else if (transport == "smtp") {
    deliver::SmtpSettings s;
    s.url = o.smtp_url.empty() ? get(env, "SMTP_URL") : o.smtp_url;
    s.username = get(env, "SMTP_USERNAME");
    s.password = get(env, "SMTP_PASSWORD");
    s.ca_file = get(env, "SMTP_CA_FILE");
    // Off means STARTTLS when offered; credentials to a server not on
    // loopback need TLS either way (deliver/smtp.hpp).
    s.require_tls = p.delivery.smtp_starttls_required && !s.url.starts_with("smtps://");
    if (s.url.empty()) setup.problems.push_back("transport smtp needs SMTP_URL (or --smtp-url), e.g. smtp://mail.example.com:587");
    if (!s.username.empty() && s.password.empty()) setup.problems.push_back("SMTP_USERNAME is set but SMTP_PASSWORD is not");
    setup.transport = std::make_unique<deliver::SmtpTransport>(s);
  } else if (transport == "ses") {
    deliver::SesSettings s;
    s.region = get(env, "SES_REGION");
    if (s.region.empty()) s.region = get(env, "AWS_REGION");
    s.access_key_id = get(env, "AWS_ACCESS_KEY_ID");
    s.secret_access_key = get(env, "AWS_SECRET_ACCESS_KEY");
    s.session_token = get(env, "AWS_SESSION_TOKEN");
    s.endpoint = get(env, "AWS_ENDPOINT_URL_SESV2");
    if (s.endpoint.empty()) s.endpoint = get(env, "AWS_ENDPOINT_URL");
    s.configuration_set = p.delivery.configuration_set;
    setup.transport = std::make_unique<deliver::SesTransport>(s);
  } else {
    setup.problems.push_back(fmt::format("--transport: expected outbox, smtp or ses, found `{}`", transport));
    return setup;
  }
  setup.transport = std::make_unique<RedactingTransport>(std::move(setup.transport), redactor);
  if (setup.problems.empty()) {
    for (auto& problem : setup.transport->check()) setup.problems.push_back(std::move(problem));
  }

  deliver::EngineSettings& e = setup.engine;
  e.from = p.delivery.from;
  e.retry.max_attempts = p.delivery.max_attempts;
  e.messages_per_second = o.rate >= 0 ? o.rate : p.delivery.messages_per_second;
  e.recipients_per_day = p.delivery.recipients_per_day;
  e.waves = p.delivery.waves;
  e.at_most_once = o.at_most_once;
  if (!o.waves.empty()) {
    e.waves.clear();
    for (const auto part : split(o.waves, ',')) {
      int n = 0;
      const auto t = trim(part);
      const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      if (ec != std::errc{} || ptr != t.data() + t.size() || n < 1) {
        setup.problems.push_back(fmt::format("--waves: expected message counts such as 5,3, found `{}`", o.waves));
        break;
      }
      e.waves.push_back(n);
    }
  }
  return setup;
}

}  // namespace quarterdeck::cli
