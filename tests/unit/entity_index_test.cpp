// Entity lookups by index (generation linear in the entity count) answer as
// the scans they replaced: the first entity with the id or segment, and the
// portfolio as it is now, not as it was when the index was built.
#include "analyze/entity_index.hpp"

#include <gtest/gtest.h>

#include "analyze/context.hpp"
#include "model/portfolio.hpp"

namespace quarterdeck {
namespace {

Entity entity(std::string id, std::string account) {
  Entity e;
  e.id = std::move(id);
  e.account = std::move(account);
  return e;
}

TEST(PortfolioFindEntity, FollowsEntitiesAddedMovedAndRenamed) {
  Portfolio p;
  p.entities = {entity("alpha", "Alpha"), entity("beta", "Beta")};
  EXPECT_EQ(p.find_entity("beta"), &p.entities[1]);
  EXPECT_EQ(p.find_entity("gamma"), nullptr);
  for (int i = 0; i < 100; ++i)
    p.entities.push_back(entity("e" + std::to_string(i), "E"));  // moves them
  EXPECT_EQ(p.find_entity("beta"), &p.entities[1]);
  EXPECT_EQ(p.find_entity("e99"), &p.entities[101]);
  p.entities[1].id = "gamma";  // edited in place: same storage, same size
  EXPECT_EQ(p.find_entity("beta"), nullptr);
  EXPECT_EQ(p.find_entity("gamma"), &p.entities[1]);
}

TEST(PortfolioFindEntity, TwoPortfoliosInTurn) {
  Portfolio a;
  a.entities = {entity("alpha", "Alpha")};
  Portfolio b;
  b.entities = {entity("beta", "Beta")};
  EXPECT_EQ(a.find_entity("alpha"), &a.entities[0]);
  EXPECT_EQ(b.find_entity("alpha"), nullptr);
  EXPECT_EQ(b.find_entity("beta"), &b.entities[0]);
  EXPECT_EQ(a.find_entity("beta"), nullptr);
  const Portfolio copy = a;
  EXPECT_EQ(copy.find_entity("alpha"), &copy.entities[0]);
}

TEST(EntityIndex, FirstMatchByIdAndSegmentAndPortfolioOrder) {
  Portfolio p;
  p.entities = {entity("alpha", "Shared"), entity("beta", "Shared"), entity("gamma", "Gamma")};
  const EntityIndex index(p);
  EXPECT_EQ(index.by_id("beta"), &p.entities[1]);
  EXPECT_EQ(index.by_id("delta"), nullptr);
  EXPECT_EQ(index.by_account("Shared"), &p.entities[0]);  // the first, as entity_of_account's scan
  EXPECT_EQ(index.by_account("Gamma"), &p.entities[2]);
  EXPECT_EQ(index.by_account("gamma"), nullptr);  // segments compare exactly
  EXPECT_EQ(index.position("gamma"), 2);
  EXPECT_EQ(index.position(""), -1);
}

TEST(AnalysisContext, RowsByEntityInFileOrder) {
  Portfolio p;
  p.entities = {entity("alpha", "Alpha"), entity("beta", "Beta")};
  Dataset d;
  d.bookings = std::vector<Booking>(4);
  (*d.bookings)[0].entity = "alpha";
  (*d.bookings)[1].entity = "beta";
  (*d.bookings)[2].entity = "alpha";
  (*d.bookings)[3].entity = "unknown";
  for (int i = 0; i < 4; ++i) (*d.bookings)[static_cast<std::size_t>(i)].line = i + 2;
  const AnalysisContext ctx(p, d, *Date::parse("2026-11-16"));
  const auto alpha = ctx.bookings_of("alpha");
  ASSERT_EQ(alpha.size(), 2u);
  EXPECT_EQ(alpha[0]->line, 2);
  EXPECT_EQ(alpha[1]->line, 4);
  EXPECT_EQ(ctx.bookings_of("beta").size(), 1u);
  EXPECT_TRUE(ctx.bookings_of("gamma").empty());
  EXPECT_TRUE(ctx.channels_of("alpha").empty());  // no channels file
}

}  // namespace
}  // namespace quarterdeck
