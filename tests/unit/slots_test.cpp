// Schedule slots (config/slots.hpp): which slots are due, what each catch-up
// policy does with them, the maximum age, and daylight-saving days; and the
// report keys that set them (catch_up, catch_up_max_age, skip_if_unchanged).
#include "config/slots.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analyze/quiet_week.hpp"
#include "config/portfolio_loader.hpp"
#include "util/clock.hpp"

namespace quarterdeck {
namespace {

using Slots = std::vector<std::int64_t>;

std::int64_t at(const char* utc) {
  return parse_utc(utc).value();
}

Slots due(const char* cron, const char* zone_name, const char* after, const char* now) {
  cctz::time_zone zone;
  EXPECT_TRUE(cctz::load_time_zone(zone_name, &zone));
  return due_slots(parse_cron(cron).value(), zone, at(after), at(now));
}

TEST(Slots, MondaysAtSevenInLosAngelesOverTwoWeeks) {
  // From Sunday noon to the Monday after next, 08:00 PST: three Mondays, 07:00 PST = 15:00 UTC.
  EXPECT_EQ(
      due("0 7 * * MON", "America/Los_Angeles", "2026-11-15T20:00:00Z", "2026-11-30T16:00:00Z"),
      (Slots{at("2026-11-16T15:00:00Z"), at("2026-11-23T15:00:00Z"), at("2026-11-30T15:00:00Z")}));
}

TEST(Slots, TheBoundsAreAfterAndAtOrBefore) {
  // A slot at `after` is not due again; a slot at `now` is due.
  EXPECT_EQ(
      due("0 7 * * MON", "America/Los_Angeles", "2026-11-16T15:00:00Z", "2026-11-23T15:00:00Z"),
      (Slots{at("2026-11-23T15:00:00Z")}));
  EXPECT_EQ(
      due("0 7 * * MON", "America/Los_Angeles", "2026-11-16T15:00:00Z", "2026-11-23T14:59:59Z"),
      Slots{});
}

TEST(Slots, ASkippedTimeOnTheSpringChangeRunsOnceAtThree) {
  // 8 March 2026: 02:00 PST becomes 03:00 PDT. The 02:30 job runs once, at 03:00 PDT (10:00 UTC).
  EXPECT_EQ(
      due("30 2 * * *", "America/Los_Angeles", "2026-03-07T00:00:00Z", "2026-03-09T20:00:00Z"),
      (Slots{at("2026-03-07T10:30:00Z"), at("2026-03-08T10:00:00Z"), at("2026-03-09T09:30:00Z")}));
}

TEST(Slots, ARepeatedTimeOnTheFallChangeRunsOnce) {
  // 1 November 2026: 02:00 PDT becomes 01:00 PST. 01:30 happens twice and runs
  // at the first (08:30 UTC); 02:30 happens once (PST, 10:30 UTC).
  EXPECT_EQ(
      due("30 1 * * *", "America/Los_Angeles", "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"),
      (Slots{at("2026-11-01T08:30:00Z"), at("2026-11-02T09:30:00Z")}));
  EXPECT_EQ(
      due("30 2 * * *", "America/Los_Angeles", "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"),
      (Slots{at("2026-11-01T10:30:00Z"), at("2026-11-02T10:30:00Z")}));
}

TEST(Slots, ALimitKeepsTheMostRecent) {
  cctz::time_zone zone;
  ASSERT_TRUE(cctz::load_time_zone("UTC", &zone));
  EXPECT_EQ(due_slots(parse_cron("@hourly").value(), zone, at("2026-11-16T00:30:00Z"),
                      at("2026-11-16T05:00:00Z"), 2),
            (Slots{at("2026-11-16T04:00:00Z"), at("2026-11-16T05:00:00Z")}));
}

std::string decisions(const Slots& slots, const char* now, CatchUp policy, std::int64_t max_age) {
  std::string out;
  for (const auto& d : decide_slots(slots, at(now), policy, max_age)) {
    if (!out.empty()) out += " ";
    out += format_utc(d.at).substr(5, 11) + (d.run ? "=run" : d.too_old ? "=too-old" : "=missed");
  }
  return out;
}

// Serve was down from Monday 16 November to Tuesday 24 November, 08:00 PST:
// two Monday slots wait, one 8 days old and one a day (and an hour) old.
const Slots k_waiting{at("2026-11-16T15:00:00Z"), at("2026-11-23T15:00:00Z")};

TEST(Slots, LatestRunsTheMostRecentWithinTheMaximumAge) {
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::latest, 36 * 3600),
            "11-16T15:00=too-old 11-23T15:00=run");
  // Within a 10-day age both wait; only the most recent runs.
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::latest, 10 * 86400),
            "11-16T15:00=missed 11-23T15:00=run");
  // The default of 24 hours: the most recent is 25 hours old, so nothing runs.
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::latest, 24 * 3600),
            "11-16T15:00=too-old 11-23T15:00=too-old");
}

TEST(Slots, AllRunsEveryOneWithinTheMaximumAgeInOrder) {
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::all, 10 * 86400),
            "11-16T15:00=run 11-23T15:00=run");
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::all, 2 * 86400),
            "11-16T15:00=too-old 11-23T15:00=run");
}

TEST(Slots, SkipRunsOnlyASlotThatIsOnTime) {
  EXPECT_EQ(decisions(k_waiting, "2026-11-24T16:00:00Z", CatchUp::skip, 10 * 86400),
            "11-16T15:00=missed 11-23T15:00=missed");
  // Ten minutes late is on time; a second more is not.
  EXPECT_EQ(decisions(k_waiting, "2026-11-23T15:10:00Z", CatchUp::skip, 10 * 86400),
            "11-16T15:00=missed 11-23T15:00=run");
  EXPECT_EQ(decisions(k_waiting, "2026-11-23T15:10:01Z", CatchUp::skip, 10 * 86400),
            "11-16T15:00=missed 11-23T15:00=missed");
}

TEST(Slots, AnOnTimeSlotRunsUnderEveryPolicy) {
  const Slots one{at("2026-11-16T15:00:00Z")};
  for (const auto policy : {CatchUp::skip, CatchUp::latest, CatchUp::all}) {
    EXPECT_EQ(decisions(one, "2026-11-16T15:00:01Z", policy, 3600), "11-16T15:00=run")
        << to_string(policy);
  }
}

TEST(Slots, DurationsAndPolicies) {
  EXPECT_EQ(parse_duration("36h"), 36 * 3600);
  EXPECT_EQ(parse_duration("2d"), 2 * 86400);
  for (const char* bad : {"", "h", "36", "0h", "-1h", "1.5h", "36 h", "36m", "2w"}) {
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_catch_up("skip"), CatchUp::skip);
  EXPECT_EQ(parse_catch_up("latest"), CatchUp::latest);
  EXPECT_EQ(parse_catch_up("all"), CatchUp::all);
  EXPECT_EQ(parse_catch_up("Latest"), std::nullopt);
  EXPECT_EQ(slot_instant(at("2026-11-16T15:00:00Z")), "2026-11-16T15:00:00Z");
}

// The report keys, read by the loader.
class Portfolio {
 public:
  explicit Portfolio(const std::string& report_keys) {
    dir_ = std::filesystem::temp_directory_path() /
           ("qd-slots-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_ / "entities");
    std::ofstream(dir_ / "portfolio.toml") << "name = \"Test Portfolio\"\n"
                                              "currency = \"USD\"\n"
                                              "timezone = \"America/Los_Angeles\"\n"
                                              "entities = [\"alpha\"]\n"
                                              "[recipients]\n"
                                              "ceo = [\"ceo@example.com\"]\n"
                                              "[delivery]\n"
                                              "from = \"reports@example.com\"\n"
                                              "[[reports]]\n"
                                              "id = \"weekly\"\n"
                                              "persona = \"ceo\"\n"
                                              "to = [\"ceo\"]\n"
                                           << report_keys;  // from line 13
    std::ofstream(dir_ / "entities" / "alpha.toml")
        << "name = \"Alpha Services\"\nkind = \"service\"\n";
  }
  ~Portfolio() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  LoadedPortfolio load() const { return load_portfolio(dir_, env_); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  MapEnvironment env_;
};

TEST(SlotKeys, DefaultsAreLatestTwentyFourHoursAndAlwaysSend) {
  const auto loaded = Portfolio("").load();
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
  const ReportDefinition& def = loaded.portfolio.reports.front();
  EXPECT_EQ(def.catch_up, "latest");
  EXPECT_EQ(def.catch_up_max_age_seconds, 24 * 3600);
  EXPECT_FALSE(def.skip_if_unchanged);
}

TEST(SlotKeys, AreRead) {
  const auto loaded =
      Portfolio("catch_up = \"all\"\ncatch_up_max_age = \"3d\"\nskip_if_unchanged = true\n").load();
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
  const ReportDefinition& def = loaded.portfolio.reports.front();
  EXPECT_EQ(def.catch_up, "all");
  EXPECT_EQ(def.catch_up_max_age_seconds, 3 * 86400);
  EXPECT_TRUE(def.skip_if_unchanged);
}

TEST(SlotKeys, BadValuesAreLocatedWithASuggestion) {
  const auto loaded = Portfolio("catch_up = \"lastest\"\ncatch_up_max_age = \"36\"\n").load();
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(loaded.diagnostics[0].where.line, 13);
  EXPECT_EQ(loaded.diagnostics[0].message, "invalid `catch_up`");
  EXPECT_EQ(loaded.diagnostics[0].expected, "one of `skip`, `latest`, `all`");
  EXPECT_EQ(loaded.diagnostics[0].found, "`lastest`");
  EXPECT_EQ(loaded.diagnostics[0].hint, "did you mean `latest`?");
  EXPECT_EQ(loaded.diagnostics[1].where.line, 14);
  EXPECT_EQ(loaded.diagnostics[1].message, "invalid `catch_up_max_age`");
  EXPECT_EQ(loaded.diagnostics[1].expected,
            "a whole number of hours or days, such as `36h` or `2d`");
  EXPECT_EQ(loaded.diagnostics[1].hint, "did you mean `36h`?");
  const auto typed = Portfolio("skip_if_unchanged = \"yes\"\n").load();
  ASSERT_EQ(typed.diagnostics.size(), 1u);
  EXPECT_EQ(typed.diagnostics[0].where.line, 13);
}

TEST(QuietWeek, UnchangedMeansTheSameFindingsAndKpiStatuses) {
  ReportDocument doc;
  doc.kpis.push_back({"revenue",
                      "Revenue",
                      "alpha",
                      std::nullopt,
                      std::nullopt,
                      "",
                      true,
                      "on_track",
                      "",
                      "",
                      {},
                      {}});
  doc.findings.push_back({"runway-alpha",
                          Severity::high,
                          "Runway is short",
                          {},
                          "",
                          "",
                          "",
                          {},
                          "",
                          "",
                          "",
                          {},
                          {},
                          0,
                          {}});
  ReportSnapshot previous;
  previous.findings.push_back({"runway-alpha", Severity::high, "Runway was short"});
  // Without the KPI digest (a snapshot from before it was kept): changed.
  EXPECT_FALSE(unchanged_since(doc, previous));
  previous.digests.emplace_back(k_kpi_status_digest, kpi_status_digest(doc));
  EXPECT_TRUE(unchanged_since(doc, previous));
  ReportDocument worse = doc;
  worse.findings.front().severity = Severity::critical;
  EXPECT_FALSE(unchanged_since(worse, previous));
  ReportDocument off_track = doc;
  off_track.kpis.front().status = "below_target";
  EXPECT_FALSE(unchanged_since(off_track, previous));
  ReportDocument more = doc;
  more.findings.push_back(
      {"cash-alpha", Severity::low, "Cash", {}, "", "", "", {}, "", "", "", {}, {}, 0, {}});
  EXPECT_FALSE(unchanged_since(more, previous));
}

}  // namespace
}  // namespace quarterdeck
