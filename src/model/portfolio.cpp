#include "model/portfolio.hpp"

#include <array>

namespace quarterdeck {
namespace {
constexpr std::array<std::string_view, 5> k_severity_names = {"critical", "high", "medium", "low",
                                                              "info"};
}

std::string_view to_string(Severity s) { return k_severity_names[static_cast<std::size_t>(s)]; }

std::optional<Severity> parse_severity(std::string_view s) {
  for (std::size_t i = 0; i < k_severity_names.size(); ++i) {
    if (k_severity_names[i] == s) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

int rank(Severity s) { return static_cast<int>(s); }

const Entity* Portfolio::find_entity(std::string_view id) const {
  for (const auto& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace quarterdeck
