// Run-over-run change: snapshots through the real SQLite store, and what a
// report shows against the previous one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "analyze/deltas.hpp"
#include "store/store.hpp"

namespace quarterdeck {
namespace {

Date day(const char* s) { return *Date::parse(s); }

ReportDocument report(Date as_of) {
  ReportDocument d;
  d.report_id = "ceo";
  d.as_of = as_of;
  Kpi cash;
  cash.id = "acme.cash";
  cash.value = Quantity::of_money(*Money::parse_decimal("1200.50"));
  Kpi leads;
  leads.id = "acme.leads";
  d.kpis = {cash, leads};
  Finding a;
  a.id = "no-ci-acme";
  a.severity = Severity::medium;
  a.title = "Acme: no CI";
  d.findings = {a};
  return d;
}

TEST(Deltas, KpisFindingsAndResolvedAgainstThePreviousRun) {
  ReportDocument before = report(day("2026-11-09"));
  Finding gone;
  gone.id = "secret-acme";
  gone.severity = Severity::critical;
  gone.title = "Acme: key in the code";
  before.findings.push_back(gone);
  before.kpis[0].value = Quantity::of_money(*Money::parse_decimal("1000.00"));

  ReportDocument now = report(day("2026-11-16"));
  Finding fresh;
  fresh.id = "stale-repo-acme";
  now.findings.push_back(fresh);
  apply_previous(now, snapshot_of(before));

  EXPECT_EQ(now.previous_as_of, day("2026-11-09"));
  ASSERT_TRUE(now.kpis[0].previous.has_value());
  EXPECT_EQ(now.kpis[0].previous->to_display(), "$1,000.00");
  EXPECT_FALSE(now.kpis[1].previous.has_value());  // no value then
  EXPECT_EQ(now.findings[0].since_previous, "open");
  EXPECT_EQ(now.findings[1].since_previous, "new");
  ASSERT_EQ(now.resolved.size(), 1u);
  EXPECT_EQ(now.resolved[0].id, "secret-acme");
  EXPECT_EQ(now.resolved[0].severity, Severity::critical);
}

TEST(Deltas, TheStoreKeepsSnapshotsAndFindsTheLatestEarlierOne) {
  const auto path = std::filesystem::temp_directory_path() / ("qd-deltas-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto opened = store::open_sqlite_store(path);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store::Store& db = **opened;
    for (const char* d : {"2026-11-02", "2026-11-09", "2026-11-16"}) {
      const std::string run = std::string("run-") + d;
      ASSERT_TRUE(db.begin_run({run, "P", d, "2026-11-20T00:00:00Z", "", "running"}).has_value());
      ReportDocument doc = report(day(d));
      doc.findings[0].title = std::string("as of ") + d;
      ASSERT_TRUE(db.record_snapshot(run, snapshot_of(doc)).has_value());
    }
    auto prev = db.previous_snapshot("ceo", day("2026-11-16"));
    ASSERT_TRUE(prev.has_value() && prev->has_value());
    EXPECT_EQ((*prev)->as_of, day("2026-11-09"));
    EXPECT_EQ((*prev)->findings.at(0).title, "as of 2026-11-09");
    ASSERT_EQ((*prev)->kpis.size(), 1u);
    EXPECT_EQ((*prev)->kpis[0].second.to_display(), "$1,200.50");
    auto none = db.previous_snapshot("ceo", day("2026-11-02"));
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->has_value());
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace quarterdeck
