#include "config/table_reader.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace quarterdeck::config_detail {

SourcePosition position_of(const toml::source_region& region, const std::string& file) {
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: return "nothing";
  }
  return "a value";
}

TableReader::TableReader(const toml::table& table, std::string file, std::string context,
                         Diagnostics& diagnostics, const Environment* env)
    : table_(table),
      file_(std::move(file)),
      context_(std::move(context)),
      diagnostics_(diagnostics),
      env_(env) {}

SourcePosition TableReader::where_table() const {
  auto p = position_of(table_.source(), file_);
  if (p.line == 0) p = {file_, 1, 1};
  return p;
}

SourcePosition TableReader::where(std::string_view key) const {
  if (const auto* n = table_.get(key)) return position_of(n->source(), file_);
  return where_table();
}

const toml::node* TableReader::node(std::string_view key, Need need, std::string_view expected) {
  allowed_.insert(std::string(key));
  const toml::node* n = table_.get(key);
  if (n == nullptr && need == Need::required) {
    diagnostics_.push_back({where_table(),
                            fmt::format("missing required key `{}` in {}", key, context_),
                            std::string(expected), "", ""});
  }
  return n;
}

void TableReader::wrong_type(std::string_view key, const toml::node& n, std::string_view expected) {
  diagnostics_.push_back({position_of(n.source(), file_),
                          fmt::format("`{}` has the wrong type", key), std::string(expected),
                          std::string(type_name(n.type())), ""});
}

std::optional<std::string> TableReader::resolve(const std::string& value, const toml::node& n) {
  if (env_ == nullptr || value.find("${") == std::string::npos) return value;
  std::string out;
  std::size_t i = 0;
  bool ok = true;
  while (i < value.size()) {
    const auto start = value.find("${", i);
    if (start == std::string::npos) {
      out += value.substr(i);
      break;
    }
    out += value.substr(i, start - i);
    const auto end = value.find('}', start);
    auto pos = position_of(n.source(), file_);
    pos.column += static_cast<int>(start) + 1;  // +1 for the opening quote
    if (end == std::string::npos) {
      diagnostics_.push_back({pos, "unterminated variable reference", "`${NAME}`",
                              fmt::format("`{}`", value.substr(start)), ""});
      return std::nullopt;
    }
    const std::string name = value.substr(start + 2, end - start - 2);
    if (const auto v = env_->get(name); v && !v->empty()) {
      out += *v;
    } else {
      diagnostics_.push_back({pos, fmt::format("variable `{}` is not set", name),
                              "it in the environment or the env_file", "", ""});
      ok = false;
    }
    i = end + 1;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
  const toml::node* n = node(key, need, "a string");
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) {
    wrong_type(key, *n, "a string");
    return std::nullopt;
  }
  return resolve(n->as_string()->get(), *n);
}

std::vector<std::string> TableReader::strings(std::string_view key, Need need) {
  std::vector<std::string> out;
  const toml::node* n = node(key, need, "an array of strings");
  if (n == nullptr) return out;
  const toml::array* array = n->as_array();
  if (array == nullptr) {
    wrong_type(key, *n, "an array of strings");
    return out;
  }
  for (const auto& element : *array) {
    if (!element.is_string()) {
      wrong_type(key, element, "a string");
      continue;
    }
    if (auto v = resolve(element.as_string()->get(), element)) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
  const toml::node* n = node(key, need, "a boolean");
  if (n == nullptr) return std::nullopt;
  if (!n->is_boolean()) {
    wrong_type(key, *n, "a boolean (true or false)");
    return std::nullopt;
  }
  return n->as_boolean()->get();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need) {
  const toml::node* n = node(key, need, "an integer");
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) {
    wrong_type(key, *n, "an integer");
    return std::nullopt;
  }
  return n->as_integer()->get();
}

std::optional<double> TableReader::number(std::string_view key, Need need) {
  const toml::node* n = node(key, need, "a number");
  if (n == nullptr) return std::nullopt;
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  if (n->is_floating_point()) return n->as_floating_point()->get();
  wrong_type(key, *n, "a number");
  return std::nullopt;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* n = node(key, Need::optional, "a table");
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    wrong_type(key, *n, "a table");
    return nullptr;
  }
  return n->as_table();
}

std::vector<const toml::table*> TableReader::tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* n = node(key, Need::optional, "an array of tables");
  if (n == nullptr) return out;
  const toml::array* array = n->as_array();
  if (array == nullptr) {
    wrong_type(key, *n, fmt::format("an array of tables ([[{}]])", key));
    return out;
  }
  for (const auto& element : *array) {
    if (const auto* t = element.as_table()) {
      out.push_back(t);
    } else {
      wrong_type(key, element, "a table");
    }
  }
  return out;
}

void TableReader::finish() {
  std::vector<std::string_view> candidates(allowed_.begin(), allowed_.end());
  for (const auto& [key, value] : table_) {
    if (allowed_.contains(std::string(key.str()))) continue;
    std::string hint;
    if (auto best = closest_match(key.str(), candidates)) {
      hint = fmt::format("did you mean `{}`?", *best);
    }
    diagnostics_.push_back({position_of(key.source(), file_),
                            fmt::format("unknown key `{}` in {}", key.str(), context_),
                            "one of " + [&] {
                              std::string list;
                              for (const auto c : candidates) {
                                if (!list.empty()) list += ", ";
                                list += c;
                              }
                              return list;
                            }(),
                            "", hint});
  }
}

}  // namespace quarterdeck::config_detail
