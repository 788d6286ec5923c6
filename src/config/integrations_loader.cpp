#include "config/integrations_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "config/table_reader.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::config_detail {
namespace {

constexpr std::array<std::string_view, 2> k_chat_kinds = {"slack", "teams"};

std::string backticked(std::span<const std::string_view> options) {
  std::string out;
  for (const auto o : options) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", o);
  return out;
}

std::string did_you_mean(std::string_view value, std::span<const std::string_view> options) {
  if (auto best = closest_match(value, options)) return fmt::format("did you mean `{}`?", *best);
  return "";
}

// The host of `url` after its scheme, without user information or port.
std::string url_host(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return "";
  std::string_view authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  if (authority.starts_with('[')) return std::string(authority.substr(0, authority.find(']') + 1));
  return std::string(authority.substr(0, authority.find(':')));
}

// Checks a target's URL without ever quoting it: a webhook URL is itself
// the secret (a Slack incoming webhook's path is its key).
void check_url(TableReader& r, std::string_view key, const std::string& url,
               std::string_view what) {
  if (is_allowed_integration_url(url)) return;
  std::string found = "something that is not a URL";
  if (url.starts_with("http://")) {
    found = "an `http://` URL to another machine (the URL itself is not shown: it is a secret)";
  } else if (const auto sep = url.find("://"); sep != std::string::npos && sep < 10) {
    found = fmt::format("a `{}://` URL (the URL itself is not shown: it is a secret)",
                        url.substr(0, sep));
  }
  r.diagnostics().push_back({r.where(key), fmt::format("invalid {} `{}`", what, key),
                             "an `https://` URL (`http://` only to this machine, for tests)", found,
                             ""});
}

// The same URL twice would share one delivery state: each event would reach
// it once, not twice, and only one table would say so. An error instead.
template <typename UrlAt>
void check_duplicate(TableReader& r, const std::string& url, std::string_view what,
                     std::size_t number, UrlAt url_at) {
  if (url.empty()) return;
  for (std::size_t i = 0; const std::string* other = url_at(i); ++i) {
    if (*other != url) continue;
    r.diagnostics().push_back(
        {r.where("url"), fmt::format("duplicate {} `url`", what), fmt::format("each {} once", what),
         fmt::format("the same URL as {} {} (not shown: it is a secret)", what, i + 1),
         fmt::format("keep one table per URL; this is {} {}", what, number)});
    return;
  }
}

// `events = [...]`: each one an event type, located at its element.
std::vector<std::string> read_events(TableReader& r, const toml::table& t) {
  auto events = r.strings("events");
  const toml::array* array = t.get("events") != nullptr ? t.get("events")->as_array() : nullptr;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (std::ranges::find(k_event_types, events[i]) != k_event_types.end()) {
      out.push_back(events[i]);
      continue;
    }
    SourcePosition where = r.where("events");
    if (array != nullptr && i < array->size()) where = position_of((*array)[i].source(), r.file());
    r.diagnostics().push_back({where, "unknown event", "one of " + backticked(k_event_types),
                               fmt::format("`{}`", events[i]),
                               did_you_mean(events[i], k_event_types)});
  }
  return out;
}

void read_webhooks(TableReader& root, Portfolio& p, Diagnostics& diagnostics,
                   const Environment& env) {
  for (const toml::table* t : root.tables("webhooks")) {
    TableReader r(*t, root.file(), "[[webhooks]]", diagnostics, &env);
    WebhookTarget w;
    w.where = r.where_table();
    if (auto v = r.string("url", Need::required)) {
      w.url = *v;
      check_url(r, "url", w.url, "webhook");
    }
    if (auto v = r.string("secret", Need::required)) {
      w.secret = *v;
      const bool prefixed = w.secret.starts_with("whsec_");
      const auto key =
          prefixed ? base64_decode(std::string_view(w.secret).substr(6)) : std::nullopt;
      if (!key || key->size() < 24 || key->size() > 64) {
        diagnostics.push_back(
            {r.where("secret"), "invalid webhook `secret`",
             "a Standard Webhooks secret: `whsec_` and the Base64 of 24 to 64 random bytes",
             !prefixed ? "a value without the `whsec_` prefix (not shown: it is a secret)"
             : !key    ? "`whsec_` and text that is not Base64 (not shown: it is a secret)"
                       : fmt::format("`whsec_` and {} bytes", key->size()),
             ""});
      }
    }
    w.events = read_events(r, *t);
    r.finish();
    check_duplicate(r, w.url, "webhook", p.integrations.webhooks.size() + 1, [&](std::size_t i) {
      return i < p.integrations.webhooks.size() ? &p.integrations.webhooks[i].url : nullptr;
    });
    p.integrations.webhooks.push_back(std::move(w));
  }
}

void read_github(TableReader& root, Portfolio& p, Diagnostics& diagnostics,
                 const Environment& env) {
  const toml::table* t = root.table("github");
  if (t == nullptr) return;
  TableReader r(*t, root.file(), "[github]", diagnostics, &env);
  GithubTarget g;
  g.where = r.where_table();
  if (auto v = r.string("repository", Need::required)) {
    g.repository = *v;
    static const std::regex k_repository("^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$");
    if (!std::regex_match(g.repository, k_repository)) {
      diagnostics.push_back({r.where("repository"), "invalid GitHub `repository`",
                             "OWNER/NAME, such as `example/operations`",
                             fmt::format("`{}`", g.repository), ""});
    }
  }
  if (auto v = r.string("token", Need::required)) {
    g.token = *v;
    if (g.token.empty()) {
      diagnostics.push_back({r.where("token"), "empty GitHub `token`",
                             "a token that may read and write the repository's issues",
                             "an empty string", ""});
    }
  }
  if (t->get("labels") != nullptr) {
    g.labels = r.strings("labels");
  } else {
    g.labels = {"quarterdeck"};
  }
  g.owners = r.strings("owners");
  if (const toml::array* array = t->get("owners") != nullptr ? t->get("owners")->as_array() : nullptr) {
    std::vector<std::string_view> roles;
    for (const auto& [role, addresses] : p.recipients) roles.push_back(role);
    for (std::size_t i = 0; i < g.owners.size(); ++i) {
      if (std::ranges::find(roles, g.owners[i]) != roles.end()) continue;
      diagnostics.push_back({i < array->size() ? position_of((*array)[i].source(), r.file()) : r.where("owners"),
                             "unknown role in `owners`", "a role of [recipients]",
                             fmt::format("`{}`", g.owners[i]), did_you_mean(g.owners[i], roles)});
    }
  }
  if (auto api = env.get("GITHUB_API_URL"); api && !api->empty()) {
    g.api_url = *api;
    while (g.api_url.ends_with('/')) g.api_url.pop_back();
    if (!is_allowed_integration_url(g.api_url)) {
      diagnostics.push_back({g.where, "invalid GITHUB_API_URL",
                             "an `https://` URL (`http://` only to this machine, for tests)",
                             fmt::format("a URL to `{}` that is not https", url_host(g.api_url)),
                             ""});
    }
  }
  r.finish();
  p.integrations.github = std::move(g);
}

void read_chat(TableReader& root, Portfolio& p, Diagnostics& diagnostics, const Environment& env) {
  std::vector<std::string_view> report_ids;
  for (const auto& def : p.reports) report_ids.push_back(def.id);
  for (const toml::table* t : root.tables("chat")) {
    TableReader r(*t, root.file(), "[[chat]]", diagnostics, &env);
    ChatTarget c;
    c.where = r.where_table();
    if (auto v = r.string("kind", Need::required)) {
      c.kind = *v;
      if (std::ranges::find(k_chat_kinds, c.kind) == k_chat_kinds.end()) {
        diagnostics.push_back({r.where("kind"), "invalid chat `kind`",
                               "one of " + backticked(k_chat_kinds), fmt::format("`{}`", c.kind),
                               did_you_mean(c.kind, k_chat_kinds)});
      }
    }
    if (auto v = r.string("url", Need::required)) {
      c.url = *v;
      check_url(r, "url", c.url, "chat");
    }
    c.reports = r.strings("reports");
    const toml::array* array =
        t->get("reports") != nullptr ? t->get("reports")->as_array() : nullptr;
    for (std::size_t i = 0; i < c.reports.size(); ++i) {
      if (std::ranges::find(report_ids, c.reports[i]) != report_ids.end()) continue;
      SourcePosition where = r.where("reports");
      if (array != nullptr && i < array->size())
        where = position_of((*array)[i].source(), r.file());
      diagnostics.push_back({where, "unknown report in `reports`", "a report id of this portfolio",
                             fmt::format("`{}`", c.reports[i]),
                             did_you_mean(c.reports[i], report_ids)});
    }
    c.failures = r.boolean("failures").value_or(true);
    r.finish();
    check_duplicate(r, c.url, "chat", p.integrations.chat.size() + 1, [&](std::size_t i) {
      return i < p.integrations.chat.size() ? &p.integrations.chat[i].url : nullptr;
    });
    p.integrations.chat.push_back(std::move(c));
  }
}

}  // namespace

bool is_allowed_integration_url(std::string_view url) {
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  const bool https = url.starts_with("https://");
  const bool http = url.starts_with("http://");
  if (!https && !http) return false;
  const std::string host = url_host(url);
  if (host.empty()) return false;
  if (https) return true;
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

void read_integrations(const toml::table& root, const Environment& env, Portfolio& p,
                       Diagnostics& diagnostics) {
  TableReader r(root, "portfolio.toml", "portfolio.toml", diagnostics, &env);
  read_webhooks(r, p, diagnostics, env);
  read_github(r, p, diagnostics, env);
  read_chat(r, p, diagnostics, env);
  // Unknown keys of portfolio.toml are reported by the portfolio's own reader.
}

void redact_integrations(Redactor& redactor, const IntegrationSettings& settings) {
  for (const auto& w : settings.webhooks) {
    redactor.add("webhook url", w.url, Sensitivity::credential);
    redactor.add("webhook secret", w.secret, Sensitivity::credential);
    if (w.secret.starts_with("whsec_"))
      redactor.add("webhook secret", w.secret.substr(6), Sensitivity::credential);
  }
  if (settings.github) {
    redactor.add("github token", settings.github->token, Sensitivity::credential);
    redactor.add_url("GITHUB_API_URL", settings.github->api_url);
  }
  for (const auto& c : settings.chat)
    redactor.add(fmt::format("{} url", c.kind), c.url, Sensitivity::credential);
}

}  // namespace quarterdeck::config_detail
