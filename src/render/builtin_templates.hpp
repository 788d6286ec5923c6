// The report templates compiled into the binary (from templates/*.mustache
// by cmake/embed_files.cmake).
#pragma once

#include <span>
#include <string_view>

namespace quarterdeck::render {

struct BuiltinTemplate {
  std::string_view name;  // file name, e.g. "report.txt.mustache"
  std::string_view text;
};

std::span<const BuiltinTemplate> builtin_templates();

}  // namespace quarterdeck::render
