// Where settings and credentials come from: the process environment, then a
// dotenv file named in portfolio.toml. Values are looked up by name; callers
// print names, never values, so secrets stay out of output and logs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/diagnostic.hpp"

namespace quarterdeck {

// Read-only view of variables. The production default reads the process
// environment; tests pass a map.
class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(std::string_view name) const = 0;
};

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(std::string_view name) const override;
};

class MapEnvironment final : public Environment {
 public:
  explicit MapEnvironment(std::map<std::string, std::string> values = {})
      : values_(std::move(values)) {}
  std::optional<std::string> get(std::string_view name) const override;
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string> values_;
};

// `primary` first, then `fallback` (the dotenv file).
class LayeredEnvironment final : public Environment {
 public:
  LayeredEnvironment(const Environment& primary, const Environment& fallback)
      : primary_(primary), fallback_(fallback) {}
  std::optional<std::string> get(std::string_view name) const override;

 private:
  const Environment& primary_;
  const Environment& fallback_;
};

// Parses dotenv text: `KEY=value`, optional `export `, single or double
// quotes, `#` comments and blank lines. Malformed lines become diagnostics
// (the value is never quoted in them).
MapEnvironment parse_dotenv(std::string_view text, const std::string& file,
                            Diagnostics& diagnostics);

}  // namespace quarterdeck
