// The one way the subcommands print: every line for standard output or
// standard error passes through a Redactor (util/redact.hpp), so no secret
// of the portfolio or the environment reaches a terminal or a log; text for
// a person also has its control characters escaped, so a name in a file
// cannot drive the terminal (an ESC sequence prints as `\x1b`).
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "util/redact.hpp"

namespace quarterdeck::cli {

class Output {
 public:
  explicit Output(Redactor redactor = {}, std::FILE* out = stdout, std::FILE* err = stderr)
      : redactor_(std::move(redactor)), out_(out), err_(err) {}

  // A line (or lines) for a person on standard output / standard error.
  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) const {
    write(out_, clean(fmt::format(format, std::forward<Args>(args)...)));
  }
  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) const {
    write(err_, clean(fmt::format(format, std::forward<Args>(args)...)));
  }
  // Machine-readable text (JSON, CSV, SARIF) for standard output: redacted,
  // not escaped (JSON escapes control characters itself).
  void data(std::string_view text) const { write(out_, redactor_.apply(text)); }

  // `text` redacted and escaped, as print() writes it.
  std::string clean(std::string_view text) const { return escape_controls(redactor_.apply(text)); }
  const Redactor& redactor() const { return redactor_; }

 private:
  static void write(std::FILE* to, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), to);
  }

  Redactor redactor_;
  std::FILE* out_;
  std::FILE* err_;
};

}  // namespace quarterdeck::cli
