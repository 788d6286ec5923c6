#include "config/cron.hpp"

#include <gtest/gtest.h>

namespace quarterdeck {
namespace {

TEST(Cron, Valid) {
  for (const char* e : {"0 7 * * MON", "*/15 9-17 * * 1-5", "0 0 1 JAN *", "* * * * *",
                        "0,30 8,12,18 * * *", "59 23 31 12 7", "0 0 * * 0", "0 6 1-7 * mon",
                        "0 7 * JAN-MAR SUN", "  0 7 * * MON  ", "0 7  * * MON", "*/5 * * * *",
                        "0-30/10 * * * *"}) {
    EXPECT_EQ(check_cron(e), std::nullopt) << "expression: \"" << e << "\"";
  }
}

TEST(Cron, WrongFieldCount) {
  EXPECT_EQ(check_cron("0 7 * *"), "4 fields, expected five");
  EXPECT_EQ(check_cron(""), "0 fields, expected five");
  EXPECT_EQ(check_cron("0 7 * * MON extra"), "more than five fields");
}

TEST(Cron, OutOfRange) {
  EXPECT_EQ(check_cron("0 25 * * *"), "field 2 (hour): 25 is out of range 0-23");
  EXPECT_EQ(check_cron("60 * * * *"), "field 1 (minute): 60 is out of range 0-59");
  EXPECT_EQ(check_cron("0 0 0 * *"), "field 3 (day of month): 0 is out of range 1-31");
  EXPECT_EQ(check_cron("0 0 * 13 *"), "field 4 (month): 13 is out of range 1-12");
  EXPECT_EQ(check_cron("0 0 * * 8"), "field 5 (day of week): 8 is out of range 0-7");
  EXPECT_EQ(check_cron("0 9-24 * * *"), "field 2 (hour): 24 is out of range 0-23");
}

TEST(Cron, BadValues) {
  EXPECT_EQ(check_cron("0 7 * * MOON"), "field 5 (day of week): 'MOON' is not a value");
  EXPECT_EQ(check_cron("0 7 * * JAN"), "field 5 (day of week): 'JAN' is not a value");
  EXPECT_EQ(check_cron("0 7 * MON *"), "field 4 (month): 'MON' is not a value");
  EXPECT_EQ(check_cron("x 7 * * *"), "field 1 (minute): 'x' is not a value");
  EXPECT_EQ(check_cron("0 7,,8 * * *"), "field 2 (hour): '' is not a value");
  EXPECT_EQ(check_cron("*/0 * * * *"), "field 1 (minute): step '0' is not a positive number");
  EXPECT_EQ(check_cron("*/x * * * *"), "field 1 (minute): step 'x' is not a positive number");
}

}  // namespace
}  // namespace quarterdeck
