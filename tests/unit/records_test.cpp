#include "ingest/records.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace quarterdeck {
namespace {


const char* const k_header =
    "entity,id,customer,booked_on,service_date,amount,status,invoiced,channel,units\n";

TEST(Bookings, Parse) {
  Diagnostics diags;
  const auto rows = parse_bookings(
      std::string(k_header) +
          "jada,J-1001,\"Hartwell, Oakley\",2025-04-09,2025-05-04,\"1,375.00\",delivered,yes,website,\n"
          "rental-51st,R-7,Guest,2025/05/01,2025-05-10,950,confirmed,no,airbnb,3\n",
      "data/bookings.csv", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(rows.size(), 2u);
  const Booking& a = rows[0];
  EXPECT_EQ(a.entity, "jada");
  EXPECT_EQ(a.id, "J-1001");
  EXPECT_EQ(a.customer, "Hartwell, Oakley");
  EXPECT_EQ(a.booked_on.to_string(), "2025-04-09");
  EXPECT_EQ(a.service_date.to_string(), "2025-05-04");
  EXPECT_EQ(a.amount.units(), 137500);
  EXPECT_EQ(a.status, "delivered");
  EXPECT_TRUE(a.invoiced);
  EXPECT_EQ(a.channel, "website");
  EXPECT_EQ(a.units, 1);  // empty means 1
  EXPECT_EQ(a.line, 2);
  const Booking& b = rows[1];
  EXPECT_EQ(b.booked_on.to_string(), "2025-05-01");
  EXPECT_EQ(b.amount.units(), 95000);
  EXPECT_FALSE(b.invoiced);
  EXPECT_EQ(b.units, 3);
  EXPECT_EQ(b.line, 3);
}

TEST(Bookings, ChannelAndUnitsColumnsAreOptional) {
  Diagnostics diags;
  const auto rows = parse_bookings(
      "entity,id,customer,booked_on,service_date,amount,status,invoiced\n"
      "jada,J-1,C,2025-04-09,2025-05-04,10.00,quoted,no\n",
      "b.csv", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "");
  EXPECT_EQ(rows[0].units, 1);
}

TEST(Bookings, BadDateIsReportedAtTheField) {
  Diagnostics diags;
  const auto rows = parse_bookings(
      std::string(k_header) +
          "jada,J-1,Ann,2025-04-09,2025-05-04,100.00,delivered,yes,website,\n"
          "jada,J-2,Bob,2025-02-30,2025-05-04,100.00,delivered,yes,website,\n"
          "jada,J-3,Cy,2025-04-10,2025-05-05,100.00,delivered,yes,website,\n",
      "data/bookings.csv", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/bookings.csv:3:14: invalid `booked_on`: expected a date from 1900-01-01 to 2999-12-31 (YYYY-MM-DD), found `2025-02-30`");
  // The bad row is skipped; the others are kept.
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, "J-1");
  EXPECT_EQ(rows[1].id, "J-3");
}

TEST(Bookings, EveryBadFieldOfARowIsReported) {
  Diagnostics diags;
  const auto rows = parse_bookings(
      std::string(k_header) + "jada,J-1,Ann,2025-04-09,,12.345,booked,maybe,website,-2\n",
      "data/bookings.csv", diags);
  ASSERT_EQ(diags.size(), 5u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/bookings.csv:2:25: invalid `service_date`: expected a date from 1900-01-01 to 2999-12-31 (YYYY-MM-DD), found an empty field");
  EXPECT_EQ(diags[1].to_string(),
            "data/bookings.csv:2:26: invalid `amount`: expected a decimal amount such as 1250.00, found `12.345`");
  EXPECT_EQ(diags[2].to_string(),
            "data/bookings.csv:2:33: invalid `status`: expected one of quoted, confirmed, delivered, "
            "cancelled, found `booked`");
  EXPECT_EQ(diags[3].where.column, 40);
  EXPECT_EQ(diags[3].message, "invalid `invoiced`");
  EXPECT_EQ(diags[4].where.column, 54);
  EXPECT_EQ(diags[4].message, "invalid `units`");
  EXPECT_TRUE(rows.empty());
}

TEST(Bookings, MissingColumnIsReported) {
  Diagnostics diags;
  const auto rows = parse_bookings(
      "entity,id,customer,booked_on,service_date,amount,status\n"
      "jada,J-1,Ann,2025-04-09,2025-05-04,100.00,delivered\n",
      "data/bookings.csv", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/bookings.csv:1:1: missing column `invoiced`: expected a header with `invoiced`, found "
            "`entity,id,customer,booked_on,service_date,amount,status`");
  EXPECT_TRUE(rows.empty());
}

TEST(Bookings, EmptyFile) {
  Diagnostics diags;
  const auto rows = parse_bookings("", "data/bookings.csv", diags);
  EXPECT_TRUE(rows.empty());
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].found, "an empty file");
}

TEST(Channels, Parse) {
  Diagnostics diags;
  const auto rows = parse_channels(
      "entity,channel,status,monthly_views,leads_30d,updated\n"
      "jada,google_business,listed,1200,0,2026-11-10\n"
      "queenofsandiego,getmyboat,not_listed,,,2026-11-10\n"
      "jada,yelp,gone,,,\n",
      "data/channels.csv", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/channels.csv:4:11: invalid `status`: expected one of listed, pending, not_listed, "
            "suspended, found `gone`");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].monthly_views, 1200);
  EXPECT_EQ(rows[0].leads_30d, 0);
  ASSERT_TRUE(rows[0].updated.has_value());
  EXPECT_EQ(rows[0].updated->to_string(), "2026-11-10");
  EXPECT_EQ(rows[1].monthly_views, std::nullopt);
  EXPECT_EQ(rows[1].leads_30d, std::nullopt);
  EXPECT_EQ(rows[1].status, "not_listed");
}

TEST(CloudCosts, Parse) {
  Diagnostics diags;
  const auto rows = parse_cloud_costs(
      "entity,month,provider,service,usage_type,cost\n"
      "dc,2025-05,aws,Amazon EC2,USW2-BoxUsage:t3.large,123.80\n"
      "dc,2025-13,aws,Amazon EC2,USW2-BoxUsage:t3.large,1.00\n",
      "data/cloud_costs.csv", diags);
  ASSERT_EQ(diags.size(), 1u) << all(diags);
  EXPECT_EQ(diags[0].to_string(),
            "data/cloud_costs.csv:3:4: invalid `month`: expected a month from 1900-01 to 2999-12 (YYYY-MM), found `2025-13`");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].month, Month(2025, 5));
  EXPECT_EQ(rows[0].service, "Amazon EC2");
  EXPECT_EQ(rows[0].cost.units(), 12380);
  EXPECT_EQ(rows[0].line, 2);
}

}  // namespace
}  // namespace quarterdeck
