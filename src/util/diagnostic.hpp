// Diagnostics: what went wrong with a piece of input, and where.
//
// A Diagnostic names the file, line and column (1-based; 0 when not known),
// says what was expected and what was found, and may carry a hint such as
// "did you mean `timezone`?". Validation collects every Diagnostic it can
// before anything happens, so a person sees all the problems at once.
#pragma once

#include <string>
#include <vector>

namespace quarterdeck {

struct SourcePosition {
  std::string file;  // as the person wrote it, relative to the portfolio
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  SourcePosition where;
  std::string message;   // what is wrong, in a few words
  std::string expected;  // may be empty
  std::string found;     // may be empty
  std::string hint;      // may be empty

  // "FILE:LINE:COL: MESSAGE: expected X, found Y (HINT)"
  std::string to_string() const;
};

// An ordered list of diagnostics; the loaders append to it and go on.
using Diagnostics = std::vector<Diagnostic>;

// A failure that stops one operation (one file, one report, one send).
struct Error {
  std::string message;
  static Error from(const Diagnostic& d) { return Error{d.to_string()}; }
};

}  // namespace quarterdeck
