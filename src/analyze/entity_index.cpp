#include "analyze/entity_index.hpp"

namespace quarterdeck {

EntityIndex::EntityIndex(const Portfolio& portfolio) : portfolio_(portfolio) {
  ids_.reserve(portfolio.entities.size());
  accounts_.reserve(portfolio.entities.size());
  for (std::size_t i = 0; i < portfolio.entities.size(); ++i) {
    const Entity& e = portfolio.entities[i];
    // emplace keeps the first: lookups answer as a scan from the front would.
    ids_.emplace(e.id, i);
    accounts_.emplace(e.account, i);
  }
}

const Entity* EntityIndex::by_id(std::string_view id) const {
  const auto it = ids_.find(id);
  return it == ids_.end() ? nullptr : &portfolio_.entities[it->second];
}

const Entity* EntityIndex::by_account(std::string_view segment) const {
  const auto it = accounts_.find(segment);
  return it == accounts_.end() ? nullptr : &portfolio_.entities[it->second];
}

int EntityIndex::position(std::string_view id) const {
  const auto it = ids_.find(id);
  return it == ids_.end() ? -1 : static_cast<int>(it->second);
}

}  // namespace quarterdeck
