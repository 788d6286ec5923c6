// Helpers shared by the unit tests.
#pragma once

#include <string>

#include "util/diagnostic.hpp"

namespace quarterdeck {

// Every diagnostic, one a line: for failure messages.
inline std::string all(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.to_string() + "\n";
  return out;
}

}  // namespace quarterdeck
