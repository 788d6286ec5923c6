// The built-in report definitions compiled into the binary (from
// personas/*.toml by cmake/embed_files.cmake): the personas (ceo, cto,
// cfo, cmo, accounting) and the entity templates (rental, service,
// client_book). A [[reports]] table names one with `persona` or `template`
// and overrides its keys (docs/reports.md "How to define a report").
#pragma once

#include <span>
#include <string_view>

namespace quarterdeck::config {

struct BuiltinDefinition {
  std::string_view name;  // the file name without .toml: "ceo", "rental"
  std::string_view text;  // the TOML
};

std::span<const BuiltinDefinition> builtin_definitions();

}  // namespace quarterdeck::config
