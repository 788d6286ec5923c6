// The integrations of portfolio.toml ([[webhooks]], [github], [[chat]];
// docs/config.md "Integrations"): read and checked like every other table,
// with located errors. Their URLs, secrets and tokens are secrets: they are
// registered with the Redactor, and no diagnostic quotes them.
#pragma once

#include <toml++/toml.h>

#include "config/environment.hpp"
#include "model/portfolio.hpp"
#include "util/diagnostic.hpp"
#include "util/redact.hpp"

namespace quarterdeck::config_detail {

// Reads the integration tables of `root` (portfolio.toml) into
// `p.integrations`; `p.reports` must be read already (chat digests name
// reports). GITHUB_API_URL comes from `env`.
void read_integrations(const toml::table& root, const Environment& env, Portfolio& p,
                       Diagnostics& diagnostics);

// The keys of portfolio.toml that read_integrations reads.
inline constexpr std::array<std::string_view, 3> k_integration_keys = {"webhooks", "github",
                                                                       "chat"};

// Registers every URL, secret and token of `settings` with `redactor`, as
// credentials: a value written in the file (not through ${VAR}) is as
// secret as one from the environment.
void redact_integrations(Redactor& redactor, const IntegrationSettings& settings);

// True for a URL the integrations may call: https, or http to this machine
// (127.0.0.1, ::1, localhost), for tests.
bool is_allowed_integration_url(std::string_view url);

}  // namespace quarterdeck::config_detail
