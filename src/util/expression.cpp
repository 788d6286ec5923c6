#include "util/expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <cctype>

namespace quarterdeck {

struct Expression::Impl {
  std::string text;
  mu::Parser parser;
  std::map<std::string, double> storage;  // node addresses are stable: muparser keeps pointers
  std::vector<std::string> names;
};

namespace {

// muparser asks for each name it has not seen; the factory gives it a slot.
mu::value_type* make_variable(const mu::char_type* name, void* user) {
  auto& storage = *static_cast<std::map<std::string, double>*>(user);
  return &storage[name];
}

// The column of `name` as a whole word in `text`, 1-based (0: not found).
int column_of(std::string_view text, std::string_view name) {
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    const bool start = at == 0 || !word(text[at - 1]);
    const bool end = at + name.size() == text.size() || !word(text[at + name.size()]);
    if (start && end) return static_cast<int>(at) + 1;
  }
  return 0;
}

}  // namespace

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::expected<Expression, ExpressionError> Expression::parse(std::string_view text,
                                                             const std::vector<std::string>& known) {
  auto impl = std::make_unique<Impl>();
  impl->text = std::string(text);
  try {
    impl->parser.SetVarFactory(make_variable, &impl->storage);
    impl->parser.SetExpr(impl->text);
    for (const auto& [name, _] : impl->parser.GetUsedVar()) impl->names.push_back(name);
  } catch (const mu::Parser::exception_type& e) {
    return std::unexpected(ExpressionError{e.GetPos() + 1, e.GetMsg(), e.GetToken()});
  }
  for (const auto& name : impl->names) {
    if (std::ranges::find(known, name) == known.end()) {
      return std::unexpected(ExpressionError{column_of(impl->text, name), "unknown name", name});
    }
  }
  return Expression(std::move(impl));
}

const std::string& Expression::text() const { return impl_->text; }
const std::vector<std::string>& Expression::names() const { return impl_->names; }

std::expected<double, ExpressionError> Expression::evaluate(const std::map<std::string, double>& values) const {
  for (const auto& name : impl_->names) {
    const auto it = values.find(name);
    if (it == values.end()) return std::unexpected(ExpressionError{column_of(impl_->text, name), "no value", name});
    impl_->storage[name] = it->second;
  }
  try {
    return impl_->parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    return std::unexpected(ExpressionError{e.GetPos() + 1, e.GetMsg(), e.GetToken()});
  }
}

}  // namespace quarterdeck
