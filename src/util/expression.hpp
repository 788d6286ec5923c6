// Arithmetic and comparison expressions over named values, such as
// `runway_months < 6 && cash < 20000`, parsed and evaluated by muparser.
// Used for the rules a portfolio declares; values are doubles because the
// expression compares and scales figures, it never stores money.
#pragma once

#include <expected>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quarterdeck {

struct ExpressionError {
  int column = 0;  // 1-based, within the expression text
  std::string message;
  std::string token;  // the offending name or symbol, may be empty
};

class Expression {
 public:
  // Parses `text`; every name must be in `known` (else the error names it).
  static std::expected<Expression, ExpressionError> parse(std::string_view text, const std::vector<std::string>& known);

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

  const std::string& text() const;
  // The names the expression uses, sorted.
  const std::vector<std::string>& names() const;
  // Evaluates with `values` (every name in names() must be present).
  std::expected<double, ExpressionError> evaluate(const std::map<std::string, double>& values) const;

 private:
  struct Impl;
  explicit Expression(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quarterdeck
