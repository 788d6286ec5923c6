// Where settings and credentials come from: the process environment, then a
// dotenv file named in portfolio.toml. Values are looked up by name; callers
// print names, never values, and every value that could be a secret is also
// handed to the Redactor (util/redact.hpp) that all output passes through.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"
#include "util/redact.hpp"

namespace quarterdeck {

// Read-only view of variables. The production default reads the process
// environment; tests pass a map.
class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(std::string_view name) const = 0;
  // Every variable name it holds (for finding credentials by name).
  virtual std::vector<std::string> names() const { return {}; }
};

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(std::string_view name) const override;
  std::vector<std::string> names() const override;
};

class MapEnvironment final : public Environment {
 public:
  explicit MapEnvironment(std::map<std::string, std::string> values = {})
      : values_(std::move(values)) {}
  std::optional<std::string> get(std::string_view name) const override;
  std::vector<std::string> names() const override;
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// `primary` first, then `fallback` (the dotenv file).
class LayeredEnvironment final : public Environment {
 public:
  LayeredEnvironment(const Environment& primary, const Environment& fallback)
      : primary_(primary), fallback_(fallback) {}
  std::optional<std::string> get(std::string_view name) const override;
  std::vector<std::string> names() const override;

 private:
  const Environment& primary_;
  const Environment& fallback_;
};

// Forwards to `inner` and remembers every variable it found, by name: the
// portfolio loader reads ${VAR} through it so that each expansion can be
// redacted. Not thread-safe (get() records, behind a const interface).
class RecordingEnvironment final : public Environment {
 public:
  explicit RecordingEnvironment(const Environment& inner) : inner_(inner) {}
  std::optional<std::string> get(std::string_view name) const override;
  std::vector<std::string> names() const override { return inner_.names(); }
  const std::map<std::string, std::string>& found() const { return found_; }

 private:
  const Environment& inner_;
  mutable std::map<std::string, std::string> found_;
};

// Variables the transports read as credentials (docs/config.md), and those
// that name a server by URL, whose user name and password are credentials.
inline constexpr std::string_view k_credential_variables[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                                              "AWS_SESSION_TOKEN", "SMTP_USERNAME", "SMTP_PASSWORD"};
inline constexpr std::string_view k_server_url_variables[] = {"SMTP_URL", "AWS_ENDPOINT_URL_SESV2",
                                                              "AWS_ENDPOINT_URL", "GITHUB_API_URL"};

// Registers one variable's value with `redactor` by the rule of
// docs/config.md "Redaction": a server URL by its user information, a
// credential (listed above, or named like one) whatever its length, any
// other value from k_min_value_length characters on.
void redact_variable(Redactor& redactor, std::string_view name, std::string_view value);

// Registers the credentials `env` holds: the variables listed above (by
// redact_variable), and every other variable whose name says it is a
// credential (is_credential_name) as a value, from k_min_value_length on.
void redact_credentials(Redactor& redactor, const Environment& env);

// Parses dotenv text: `KEY=value`, optional `export `, single or double
// quotes, `#` comments and blank lines. Malformed lines become diagnostics
// (the value is never quoted in them).
MapEnvironment parse_dotenv(std::string_view text, const std::string& file,
                            Diagnostics& diagnostics);

}  // namespace quarterdeck
