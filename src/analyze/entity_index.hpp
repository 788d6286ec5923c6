// Lookups by entity, built once per analysis, so that work done for each
// entity reads that entity's rows and not every row of every file: the time
// to generate reports grows with the size of the data, not with its square.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/portfolio.hpp"

namespace quarterdeck {

// The portfolio's entities by id and by journal account segment. Keys point
// into the portfolio, which outlives the index and does not change.
class EntityIndex {
 public:
  explicit EntityIndex(const Portfolio& portfolio);

  const Portfolio& portfolio() const { return portfolio_; }
  // The first entity with this id (as Portfolio::find_entity); nullptr for none.
  const Entity* by_id(std::string_view id) const;
  // The first entity whose `account` is this segment; nullptr for none.
  const Entity* by_account(std::string_view segment) const;
  // The entity's place in portfolio order; -1 for no entity (an empty or
  // unknown id).
  int position(std::string_view id) const;

 private:
  const Portfolio& portfolio_;
  std::unordered_map<std::string_view, std::size_t> ids_;
  std::unordered_map<std::string_view, std::size_t> accounts_;
};

// Rows of one kind grouped by entity id, each group in file order.
template <typename Row>
class RowsByEntity {
 public:
  RowsByEntity() = default;
  explicit RowsByEntity(const std::vector<Row>& rows) {
    for (const auto& r : rows) groups_[r.entity].push_back(&r);
  }
  std::span<const Row* const> of(const std::string& entity) const {
    const auto it = groups_.find(entity);
    if (it == groups_.end()) return {};
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<const Row*>> groups_;
};

}  // namespace quarterdeck
