// Hand-written: Debian has no C++ cron-expression library; this is only the
// syntax check for five fields.
#include "config/cron.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <vector>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  std::array<std::string_view, 12> names;  // names[i] means min + i
};

constexpr std::array<FieldSpec, 5> k_fields = {{
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day of month", 1, 31, {}},
    {"month", 1, 12, {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
    {"day of week", 0, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
}};

std::optional<int> value_of(std::string_view s, const FieldSpec& spec) {
  int v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc{} && ptr == s.data() + s.size()) return v;
  for (std::size_t i = 0; i < spec.names.size(); ++i) {
    if (!spec.names[i].empty() && to_lower(spec.names[i]) == to_lower(s)) {
      return spec.min + static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_field(std::string_view field, const FieldSpec& spec, int index) {
  const auto fail = [&](std::string why) {
    return fmt::format("field {} ({}): {}", index + 1, spec.name, why);
  };
  for (const auto part : split(field, ',')) {
    std::string_view range = part;
    if (const auto slash = part.find('/'); slash != std::string_view::npos) {
      range = part.substr(0, slash);
      const auto step = part.substr(slash + 1);
      int s = 0;
      const auto [ptr, ec] = std::from_chars(step.data(), step.data() + step.size(), s);
      if (ec != std::errc{} || ptr != step.data() + step.size() || s <= 0) {
        return fail(fmt::format("step '{}' is not a positive number", step));
      }
    }
    if (range == "*") continue;
    const auto dash = range.find('-');
    const auto first = range.substr(0, dash);
    std::vector<std::string_view> bounds{first};
    if (dash != std::string_view::npos) bounds.push_back(range.substr(dash + 1));
    for (const auto bound : bounds) {
      const auto v = value_of(bound, spec);
      if (!v) return fail(fmt::format("'{}' is not a value", bound));
      if (*v < spec.min || *v > spec.max) {
        return fail(fmt::format("{} is out of range {}-{}", *v, spec.min, spec.max));
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_cron(std::string_view expression) {
  std::array<std::string_view, 5> fields{};
  std::size_t count = 0;
  for (const auto word : split(trim(expression), ' ')) {
    if (word.empty()) continue;
    if (count == fields.size()) return "more than five fields";
    fields[count++] = word;
  }
  if (count != fields.size()) return fmt::format("{} fields, expected five", count);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (auto problem = check_field(fields[i], k_fields[i], static_cast<int>(i))) return problem;
  }
  return std::nullopt;
}

}  // namespace quarterdeck
