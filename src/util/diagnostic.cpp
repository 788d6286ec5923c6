#include "util/diagnostic.hpp"

#include <fmt/format.h>

namespace quarterdeck {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += fmt::format(":{}", where.line);
      if (where.column > 0) out += fmt::format(":{}", where.column);
    }
    out += ": ";
  }
  out += message;
  if (!expected.empty() || !found.empty()) {
    out += ": ";
    if (!expected.empty()) out += "expected " + expected;
    if (!expected.empty() && !found.empty()) out += ", ";
    if (!found.empty()) out += "found " + found;
  }
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

}  // namespace quarterdeck
