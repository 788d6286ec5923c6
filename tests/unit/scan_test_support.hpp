// Helpers the secret-scan tests share.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/repo_scan.hpp"

namespace quarterdeck::scan {

// Fake secrets are assembled at run time, so no test file holds one whole.
inline std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const auto p : parts) out += p;
  return out;
}

// "rule:line:column " for each finding, in order.
inline std::string rules_of(const std::vector<SecretFinding>& findings) {
  std::string out;
  for (const auto& f : findings) out += fmt::format("{}:{}:{} ", f.rule, f.line, f.column);
  return out;
}

}  // namespace quarterdeck::scan
