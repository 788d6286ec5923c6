// Rule expressions (muparser) and the [[rules]] table: names, errors with
// their column, evaluation.
#include <gtest/gtest.h>

#include "util/expression.hpp"

namespace quarterdeck {
namespace {

const std::vector<std::string> k_names = {"runway_months", "cash", "revenue_month", "cloud_cost_month"};

TEST(Expression, NamesAndEvaluation) {
  auto e = Expression::parse("cloud_cost_month > 0.05 * revenue_month && cash < 20000", k_names);
  ASSERT_TRUE(e.has_value()) << e.error().message;
  EXPECT_EQ(e->names(), (std::vector<std::string>{"cash", "cloud_cost_month", "revenue_month"}));
  EXPECT_EQ(e->evaluate({{"cash", 1000}, {"cloud_cost_month", 60}, {"revenue_month", 1000}}).value(), 1.0);
  EXPECT_EQ(e->evaluate({{"cash", 1000}, {"cloud_cost_month", 40}, {"revenue_month", 1000}}).value(), 0.0);
  const auto missing = e->evaluate({{"cash", 1}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().token, "cloud_cost_month");
}

TEST(Expression, UnknownNameHasItsColumn) {
  const auto e = Expression::parse("cash < 100 || runwy_months < 6", k_names);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().message, "unknown name");
  EXPECT_EQ(e.error().token, "runwy_months");
  EXPECT_EQ(e.error().column, 15);
}

TEST(Expression, SyntaxErrorHasItsColumn) {
  const auto e = Expression::parse("runway_months < < 6", k_names);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().column, 17);
  EXPECT_FALSE(e.error().message.empty());
}

}  // namespace
}  // namespace quarterdeck
