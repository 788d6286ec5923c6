// Typed, checked access to one TOML table. Every key the code asks for is
// an allowed key; finish() reports the rest as unknown, with the closest
// allowed key as a "did you mean". String values have ${NAME} variables
// resolved from an Environment.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/environment.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::config_detail {

enum class Need { required, optional };

SourcePosition position_of(const toml::source_region& region, const std::string& file);
std::string_view type_name(toml::node_type type);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string context,
              Diagnostics& diagnostics, const Environment* env);

  std::optional<std::string> string(std::string_view key, Need need = Need::optional);
  std::vector<std::string> strings(std::string_view key, Need need = Need::optional);
  std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
  std::optional<std::int64_t> integer(std::string_view key, Need need = Need::optional);
  std::optional<double> number(std::string_view key, Need need = Need::optional);
  const toml::table* table(std::string_view key);
  std::vector<const toml::table*> tables(std::string_view key);  // array of tables
  // Marks `key` as allowed without reading it (for tables read elsewhere).
  void allow(std::string_view key) { allowed_.insert(std::string(key)); }

  SourcePosition where(std::string_view key) const;  // the value's position, or the table's
  SourcePosition where_table() const;
  const std::string& file() const { return file_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Reports keys present but never asked for.
  void finish();

 private:
  const toml::node* node(std::string_view key, Need need, std::string_view expected);
  void wrong_type(std::string_view key, const toml::node& n, std::string_view expected);
  std::optional<std::string> resolve(const std::string& value, const toml::node& n);

  const toml::table& table_;
  std::string file_;
  std::string context_;
  Diagnostics& diagnostics_;
  const Environment* env_;
  std::set<std::string> allowed_;
};

}  // namespace quarterdeck::config_detail
