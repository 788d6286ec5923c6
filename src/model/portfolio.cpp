#include "model/portfolio.hpp"

#include <array>
#include <functional>
#include <map>

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
  // Looked up for every data row: an index of the ids instead of a scan of
  // every entity, or the checks grow with rows x entities. One index per
  // thread, for the portfolio asked last, rebuilt when another portfolio is
  // asked or this one's entities move or change in number. A hit is checked
  // against the entity, and a miss (an unknown id: an error) confirmed by a
  // scan, so that an id edited in place is still answered right.
  struct Index {
    const Portfolio* owner = nullptr;
    const Entity* base = nullptr;
    std::size_t size = 0;
    std::map<std::string, std::size_t, std::less<>> position;
  };
  thread_local Index index;
  if (index.owner != this || index.base != entities.data() || index.size != entities.size()) {
    index.position.clear();
    for (std::size_t i = 0; i < entities.size(); ++i) index.position.try_emplace(entities[i].id, i);
    index.owner = this;
    index.base = entities.data();
    index.size = entities.size();
  }
  if (const auto it = index.position.find(id); it != index.position.end() && entities[it->second].id == id) {
    return &entities[it->second];
  }
  for (const auto& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace quarterdeck
