#include "config/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <span>

#include "util/strings.hpp"

extern char** environ;  // POSIX: the process environment

namespace quarterdeck {

std::optional<std::string> ProcessEnvironment::get(std::string_view name) const {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::vector<std::string> ProcessEnvironment::names() const {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    out.emplace_back(entry.substr(0, entry.find('=')));
  }
  return out;
}

std::vector<std::string> MapEnvironment::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : values_) out.push_back(name);
  return out;
}

std::vector<std::string> LayeredEnvironment::names() const {
  std::vector<std::string> out = primary_.names();
  for (auto& name : fallback_.names()) out.push_back(std::move(name));
  return out;
}

std::optional<std::string> RecordingEnvironment::get(std::string_view name) const {
  auto value = inner_.get(name);
  if (value) found_[std::string(name)] = *value;
  return value;
}

void redact_variable(Redactor& redactor, std::string_view name, std::string_view value) {
  if (std::ranges::find(k_server_url_variables, name) != std::end(k_server_url_variables)) {
    redactor.add_url(name, value);
  } else if (std::ranges::find(k_credential_variables, name) != std::end(k_credential_variables) ||
             is_credential_name(name)) {
    redactor.add(name, value, Sensitivity::credential);
  } else {
    redactor.add(name, value, Sensitivity::value);
  }
}

void redact_credentials(Redactor& redactor, const Environment& env) {
  for (const auto list : {std::span<const std::string_view>(k_credential_variables),
                          std::span<const std::string_view>(k_server_url_variables)}) {
    for (const auto name : list) {
      if (const auto value = env.get(name)) redact_variable(redactor, name, *value);
    }
  }
  // Variables only named like credentials, which the program does not read
  // (a CI's FEATURE_AUTH=1 must not turn every "1" into a placeholder):
  // redacted like any other value, from k_min_value_length characters on.
  for (const auto& name : env.names()) {
    if (!is_credential_name(name)) continue;
    if (const auto value = env.get(name)) redactor.add(name, *value, Sensitivity::value);
  }
}

std::optional<std::string> MapEnvironment::get(std::string_view name) const {
  const auto it = values_.find(std::string(name));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> LayeredEnvironment::get(std::string_view name) const {
  if (auto v = primary_.get(name)) return v;
  return fallback_.get(name);
}

MapEnvironment parse_dotenv(std::string_view text, const std::string& file,
                            Diagnostics& diagnostics) {
  MapEnvironment env;
  int line_number = 0;
  for (const auto raw_line : split(text, '\n')) {
    ++line_number;
    std::string_view line = trim(raw_line);
    if (line.empty() || line.front() == '#') continue;
    const int indent = static_cast<int>(raw_line.find_first_not_of(" \t")) + 1;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    const auto eq = line.find('=');
    const std::string_view key = trim(line.substr(0, eq == std::string_view::npos ? 0 : eq));
    const bool key_ok = !key.empty() && std::ranges::all_of(key, [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (eq == std::string_view::npos || !key_ok) {
      diagnostics.push_back({{file, line_number, indent},
                             "malformed line",
                             "NAME=value",
                             eq == std::string_view::npos ? "no '='" : "an invalid variable name",
                             ""});
      continue;
    }
    std::string_view value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (const auto hash = value.find(" #"); hash != std::string_view::npos) {
      value = trim(value.substr(0, hash));
    }
    env.set(std::string(key), std::string(value));
  }
  return env;
}

}  // namespace quarterdeck
