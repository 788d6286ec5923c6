// Action items as tracked tasks (issue 14): extraction from the reports, ids
// stable across reports and wording, reconciliation across runs with the
// store (created, updated, resolved), a person's done and snooze, and the
// follow-up section that reads them.
#include "tasks/tasks.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "analyze/context.hpp"
#include "analyze/sections/follow_up.hpp"
#include "delivery_fakes.hpp"
#include "ingest/dataset.hpp"
#include "util/redact.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;

Date day(const char* text) {
  return *Date::parse(text);
}

Finding finding(const std::string& id, const std::string& title, const std::string& owner,
                const char* due) {
  Finding f;
  f.id = id;
  f.severity = Severity::high;
  f.title = title;
  f.owner = owner;
  f.due = day(due);
  f.entity = "jada";
  f.evidence = {{"data/books.journal:12", "the evidence of " + id}};
  return f;
}

// A report as the builder makes it: each finding with its recommendation.
ReportDocument report(const std::string& id,
                      const std::vector<std::pair<Finding, std::string>>& found) {
  ReportDocument doc;
  doc.report_id = id;
  doc.as_of = day("2026-11-16");
  for (const auto& [f, text] : found) {
    doc.findings.push_back(f);
    doc.recommendations.push_back({"rec-" + f.id, text, f.owner, f.due, f.id});
  }
  return doc;
}

std::vector<std::string> keys_of(const std::vector<tasks::ActionItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.key);
  return out;
}

TEST(TaskExtraction, OneItemPerProblemFromRecommendationsHandoffItemsAndPlannedActions) {
  const Finding runway =
      finding("runway-dc", "DangerousCentaur: 5.6 months of runway", "cfo", "2026-11-23");
  const Finding secrets =
      finding("secrets-jada-site", "JADA: 4 secrets in jada-site", "cto", "2026-11-23");
  ReportDocument ceo = report("ceo", {{runway, "Cut the burn."}});
  // The timeline repeats the recommendation (same finding) and adds an open
  // handoff item and a planned action; one item has no owner.
  ceo.timeline = {
      {day("2026-11-23"), "Cut the burn.", "cfo", "runway-dc", "runway-dc"},
      {day("2026-11-20"), "List the boat on GetMyBoat", "cmo", "notes/jada.md:23",
       "handoff-jada-list-the-boat-on-getmyboat"},
      {day("2026-11-27"), "List JADA on GetMyBoat", "cmo", "action jada-getmyboat",
       "planned-jada-getmyboat"},
      {day("2026-11-28"), "Nobody's", "", "notes/jada.md:30", "handoff-jada-nobody-s"},
  };
  const ReportDocument cfo = report(
      "cfo",
      {{runway, "Cut DangerousCentaur's burn, in other words."}, {secrets, "Rotate the keys."}});
  const auto items = tasks::action_items({&ceo, &cfo});
  EXPECT_EQ(keys_of(items),
            (std::vector<std::string>{"runway-dc", "handoff-jada-list-the-boat-on-getmyboat",
                                      "planned-jada-getmyboat", "secrets-jada-site"}));
  // The first report that names it is its source, with its words.
  EXPECT_EQ(items[0].source_report, "ceo");
  EXPECT_EQ(items[0].title, "Cut the burn.");
  EXPECT_EQ(items[0].owner_role, "cfo");
  EXPECT_EQ(items[0].finding_id, "runway-dc");
  EXPECT_EQ(items[0].finding_title, "DangerousCentaur: 5.6 months of runway");
  EXPECT_FALSE(items[0].dated_by_plan);
  ASSERT_EQ(items[0].evidence.size(), 1u);
  EXPECT_EQ(items[0].evidence[0].source, "data/books.journal:12");
  EXPECT_EQ(items[1].title, "List the boat on GetMyBoat");
  EXPECT_TRUE(items[1].dated_by_plan);
  ASSERT_EQ(items[1].evidence.size(), 1u);
  EXPECT_EQ(items[1].evidence[0].source, "notes/jada.md:23");
  EXPECT_EQ(items[1].evidence[0].detail,
            "open handoff item due 2026-11-20: List the boat on GetMyBoat");
  EXPECT_EQ(items[2].evidence[0].source, "portfolio.toml");
  EXPECT_EQ(items[2].evidence[0].detail,
            "planned action jada-getmyboat due 2026-11-27: List JADA on GetMyBoat");
  EXPECT_EQ(items[3].source_report, "cfo");
}

TEST(TaskExtraction, AnOverdueHandoffItemIsTheSameTaskAsTheOpenOne) {
  Finding late = finding("overdue-jada-list-the-boat-on-getmyboat",
                         "JADA: 3 days late: List the boat on GetMyBoat", "cmo", "2026-11-30");
  late.evidence = {
      {"notes/jada.md:23", "open handoff item due 2026-11-20: List the boat on GetMyBoat"}};
  const ReportDocument doc =
      report("ceo", {{late, "Finish or re-plan this item of JADA's handoff notes."}});
  const auto items = tasks::action_items({&doc});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].key, "handoff-jada-list-the-boat-on-getmyboat");
  EXPECT_EQ(items[0].title, "List the boat on GetMyBoat");
  EXPECT_EQ(items[0].finding_id, "overdue-jada-list-the-boat-on-getmyboat");
}

TEST(TaskIds, StableAcrossReportsAndWordingAndDistinctAcrossPortfolios) {
  EXPECT_EQ(tasks::task_id("Harbor", "runway-dc"), tasks::task_id("Harbor", "runway-dc"));
  EXPECT_NE(tasks::task_id("Harbor", "runway-dc"), tasks::task_id("Other", "runway-dc"));
  EXPECT_NE(tasks::task_id("Harbor", "runway-dc"), tasks::task_id("Harbor", "runway-qsd"));
  const std::string id = tasks::task_id("Harbor", "runway-dc");
  ASSERT_EQ(id.size(), 10u);
  EXPECT_TRUE(id.starts_with("t-"));
}

class TaskStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("qd-tasks-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = store::open_sqlite_store(dir_ / "state.db");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(*opened);
    portfolio_.name = "Harbor";
    portfolio_.recipients["cfo"] = {"cfo@example.com", "deputy@example.com"};
    portfolio_.recipients["cto"] = {"cto@example.com"};
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  tasks::Reconciled run(const std::vector<const ReportDocument*>& docs, const char* as_of) {
    clock_.ms += 7LL * 86'400'000;
    std::vector<Finding> all;
    for (const auto* d : docs) all.insert(all.end(), d->findings.begin(), d->findings.end());
    auto r = tasks::reconcile_tasks(*db_, portfolio_, docs, all, day(as_of), clock_, redactor_);
    EXPECT_TRUE(r.has_value()) << r.error().message;
    return r ? *r : tasks::Reconciled{};
  }

  Task task(const std::string& key) {
    auto all = db_->tasks("Harbor");
    EXPECT_TRUE(all.has_value());
    for (const auto& t : *all) {
      if (t.key == key) return t;
    }
    ADD_FAILURE() << "no task " << key;
    return {};
  }

  std::vector<store::Event> events() {
    auto e = db_->events_after(0, 100);
    EXPECT_TRUE(e.has_value());
    return e ? *e : std::vector<store::Event>{};
  }

  fs::path dir_;
  std::unique_ptr<store::Store> db_;
  Portfolio portfolio_;
  Redactor redactor_;
  testing::ManualClock clock_;
};

TEST_F(TaskStore, ThreeRunsCreateUpdateAndResolve) {
  const Finding runway =
      finding("runway-dc", "DangerousCentaur: 5.6 months of runway", "cfo", "2026-11-23");
  const Finding secrets =
      finding("secrets-jada-site", "JADA: 4 secrets in jada-site", "cto", "2026-11-23");
  ReportDocument ceo = report("ceo", {{runway, "Cut the burn."}, {secrets, "Rotate the keys."}});
  ceo.timeline = {{day("2026-11-27"), "List JADA on GetMyBoat", "cmo", "action jada-getmyboat",
                   "planned-jada-getmyboat"}};
  const ReportDocument cfo = report("cfo", {{runway, "Cut the burn, in the CFO's words."}});

  // Run 1: three tasks, one event each; the CEO's and CFO's runway is one.
  const auto first = run({&ceo, &cfo}, "2026-11-16");
  EXPECT_EQ(first.created, 3);
  EXPECT_EQ(first.updated, 0);
  EXPECT_EQ(first.resolved, 0);
  const Task t1 = task("runway-dc");
  EXPECT_EQ(t1.id, tasks::task_id("Harbor", "runway-dc"));
  EXPECT_EQ(t1.status, TaskStatus::open);
  EXPECT_EQ(t1.owner, "cfo@example.com");  // the role's first address
  EXPECT_EQ(t1.source_report, "ceo");
  EXPECT_EQ(t1.due, day("2026-11-23"));
  EXPECT_EQ(t1.first_seen, day("2026-11-16"));
  ASSERT_EQ(t1.history.size(), 1u);
  EXPECT_EQ(t1.history[0].at, "2026-11-16");
  EXPECT_EQ(t1.history[0].what, "created from the ceo report");
  EXPECT_EQ(task("planned-jada-getmyboat").owner, "");  // cmo has no address
  auto evs = events();
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[0].type, "task.created");
  EXPECT_EQ(evs[0].portfolio, "Harbor");
  EXPECT_EQ(evs[0].id, store::event_id("task.created", t1.id + "|created"));
  const auto payload = nlohmann::json::parse(evs[0].payload);
  EXPECT_EQ(payload.at("changes"), nlohmann::json::array());
  const auto& pt = payload.at("task");
  std::vector<std::string> keys;
  for (const auto& [k, v] : pt.items()) keys.push_back(k);
  std::ranges::sort(keys);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"due", "evidence", "finding_id", "finding_title",
                                      "first_seen", "id", "last_seen", "owner", "owner_role",
                                      "resolved_at", "source_report", "status", "title", "url"}));
  EXPECT_EQ(pt.at("id"), t1.id);
  EXPECT_EQ(pt.at("due"), "2026-11-23");
  EXPECT_EQ(pt.at("status"), "open");
  EXPECT_EQ(pt.at("resolved_at"), "");
  EXPECT_EQ(pt.at("evidence")[0].at("source"), "data/books.journal:12");

  // Run 2: reworded, the severity's date a week on (kept), the planned
  // action re-planned (moved), the owner of the secrets changed.
  Finding runway2 = runway;
  runway2.due = day("2026-11-30");
  Finding secrets2 = secrets;
  secrets2.owner = "cfo";
  ReportDocument ceo2 =
      report("ceo", {{runway2, "Cut the monthly burn now."}, {secrets2, "Rotate the keys."}});
  ceo2.timeline = {{day("2026-12-04"), "List JADA on GetMyBoat", "cmo", "action jada-getmyboat",
                    "planned-jada-getmyboat"}};
  const auto second = run({&ceo2}, "2026-11-23");
  EXPECT_EQ(second.created, 0);
  EXPECT_EQ(second.updated, 2);
  EXPECT_EQ(second.resolved, 0);
  const Task t2 = task("runway-dc");
  EXPECT_EQ(t2.id, t1.id);
  EXPECT_EQ(t2.due, day("2026-11-23"));
  EXPECT_EQ(t2.title, "Cut the monthly burn now.");
  EXPECT_EQ(t2.last_seen, day("2026-11-23"));
  EXPECT_EQ(t2.history.size(), 1u);  // a new wording is no change to report
  const Task planned = task("planned-jada-getmyboat");
  EXPECT_EQ(planned.due, day("2026-12-04"));
  ASSERT_EQ(planned.history.size(), 2u);
  EXPECT_EQ(planned.history[1].what, "due 2026-11-27 -> 2026-12-04");
  const Task keys_task = task("secrets-jada-site");
  EXPECT_EQ(keys_task.owner_role, "cfo");
  EXPECT_EQ(keys_task.owner, "cfo@example.com");
  EXPECT_EQ(keys_task.history.back().what, "owner cto -> cfo");
  evs = events();
  ASSERT_EQ(evs.size(), 5u);
  const auto updated = std::ranges::find_if(evs, [&](const store::Event& e) {
    return e.type == "task.updated" &&
           nlohmann::json::parse(e.payload).at("task").at("id") == planned.id;
  });
  ASSERT_NE(updated, evs.end());
  EXPECT_EQ(nlohmann::json::parse(updated->payload).at("changes"),
            nlohmann::json::array({"due 2026-11-27 -> 2026-12-04"}));

  // The same run again: nothing new, no event twice.
  const auto again = run({&ceo2}, "2026-11-23");
  EXPECT_EQ(again.created + again.updated + again.resolved, 0);
  EXPECT_EQ(events().size(), 5u);

  // Run 3: the secrets are gone (the finding disappeared).
  ReportDocument ceo3 = report("ceo", {{runway2, "Cut the monthly burn now."}});
  ceo3.timeline = ceo2.timeline;
  const auto third = run({&ceo3}, "2026-11-30");
  EXPECT_EQ(third.resolved, 1);
  const Task gone = task("secrets-jada-site");
  EXPECT_EQ(gone.status, TaskStatus::resolved);
  EXPECT_EQ(gone.resolved_at, day("2026-11-30"));
  EXPECT_EQ(gone.last_seen, day("2026-11-23"));
  EXPECT_EQ(gone.history.back().what, "resolved: no longer found");
  evs = events();
  ASSERT_EQ(evs.size(), 6u);
  EXPECT_EQ(evs.back().type, "task.resolved");
  EXPECT_EQ(evs.back().id, store::event_id("task.resolved", gone.id + "|2026-11-30"));
  EXPECT_EQ(nlohmann::json::parse(evs.back().payload).at("task").at("resolved_at"), "2026-11-30");
  EXPECT_EQ(task("runway-dc").status, TaskStatus::open);
}

TEST_F(TaskStore, ATaskStaysOpenWhileItsFindingPersistsInNoReportBuilt) {
  const Finding runway = finding("runway-dc", "runway", "cfo", "2026-11-23");
  const ReportDocument cfo = report("cfo", {{runway, "Cut the burn."}});
  run({&cfo}, "2026-11-16");
  // This week the CFO report does not show it, but the run still finds it.
  const ReportDocument empty = report("cfo", {});
  const auto r = tasks::reconcile_tasks(*db_, portfolio_, {&empty}, {runway}, day("2026-11-23"),
                                        clock_, redactor_);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->resolved, 0);
  EXPECT_EQ(task("runway-dc").status, TaskStatus::open);
  // A run that built other reports only does not close the CFO's task.
  const ReportDocument cto = report("cto", {});
  const auto other =
      tasks::reconcile_tasks(*db_, portfolio_, {&cto}, {}, day("2026-11-23"), clock_, redactor_);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->resolved, 0);
}

TEST_F(TaskStore, DoneIsRespectedAndFlaggedWhileTheProblemIsStillFound) {
  const Finding runway = finding("runway-dc", "runway", "cfo", "2026-11-23");
  const ReportDocument cfo = report("cfo", {{runway, "Cut the burn."}});
  run({&cfo}, "2026-11-16");
  const std::string id = task("runway-dc").id;
  auto done = tasks::mark_task_done(*db_, id, "cut the contractor", 1'790'100'000);
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->status, TaskStatus::done);
  EXPECT_EQ(done->done_note, "cut the contractor");
  EXPECT_EQ(done->done_at, format_utc(1'790'100'000));
  EXPECT_EQ(done->history.back().what, "marked done: cut the contractor");
  EXPECT_EQ(events().back().type, "task.updated");
  // Done twice is done once.
  const auto before = events().size();
  ASSERT_TRUE(tasks::mark_task_done(*db_, id, "again", 1'790'200'000).has_value());
  EXPECT_EQ(events().size(), before);
  EXPECT_EQ(task("runway-dc").done_note, "cut the contractor");

  // Still found: it stays done, and the run says so.
  const auto still = run({&cfo}, "2026-11-23");
  EXPECT_EQ(still.done_still_present, std::vector<std::string>{id});
  EXPECT_EQ(task("runway-dc").status, TaskStatus::done);
  // Gone: resolved, and the history says it had been marked done.
  const ReportDocument none = report("cfo", {});
  const auto gone = run({&none}, "2026-11-30");
  EXPECT_EQ(gone.resolved, 1);
  EXPECT_EQ(task("runway-dc").status, TaskStatus::resolved);
  EXPECT_EQ(task("runway-dc").history.back().what, "resolved: marked done, and no longer found");
  // Found again: the same task opens again.
  run({&cfo}, "2026-12-07");
  const Task back = task("runway-dc");
  EXPECT_EQ(back.id, id);
  EXPECT_EQ(back.status, TaskStatus::open);
  EXPECT_EQ(back.history.back().what, "found again");
}

TEST_F(TaskStore, SnoozeLastsUntilItsDate) {
  const Finding runway = finding("runway-dc", "runway", "cfo", "2026-11-23");
  const ReportDocument cfo = report("cfo", {{runway, "Cut the burn."}});
  run({&cfo}, "2026-11-16");
  const std::string id = task("runway-dc").id;
  auto snoozed = tasks::snooze_task(*db_, id, day("2026-12-07"), 1'790'100'000);
  ASSERT_TRUE(snoozed.has_value()) << snoozed.error().message;
  EXPECT_EQ(snoozed->status, TaskStatus::snoozed);
  EXPECT_EQ(snoozed->history.back().what, "snoozed until 2026-12-07");
  run({&cfo}, "2026-11-30");
  EXPECT_EQ(task("runway-dc").status, TaskStatus::snoozed);
  run({&cfo}, "2026-12-07");
  const Task woke = task("runway-dc");
  EXPECT_EQ(woke.status, TaskStatus::open);
  EXPECT_FALSE(woke.snoozed_until.has_value());
  EXPECT_EQ(woke.history.back().what, "snooze ended 2026-12-07");
}

TEST_F(TaskStore, ASecretInAFindingsIdReachesTheStoreAndTheEventsRedacted) {
  // A known issue's title from a ${VAR} becomes its finding's id as a slug.
  redactor_.add("ISSUE_TITLE", "QD_ISSUE_0123456789ab", Sensitivity::value);
  const Finding issue = finding("known-issue-jada-qd-issue-0123456789ab",
                                "JADA: [redacted ISSUE_TITLE]", "cfo", "2026-11-23");
  const ReportDocument cfo = report("cfo", {{issue, "Fix it."}});
  run({&cfo}, "2026-11-16");
  auto all = db_->tasks("Harbor");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().key, "known-issue-jada-[redacted ISSUE_TITLE]");
  EXPECT_EQ(all->front().finding_id, "known-issue-jada-[redacted ISSUE_TITLE]");
  for (const auto& e : events())
    EXPECT_EQ(e.payload.find("0123456789ab"), std::string::npos) << e.payload;
  // The next run finds the same task under the same redacted key.
  const auto again = run({&cfo}, "2026-11-23");
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.resolved, 0);
}

TEST_F(TaskStore, AnUnknownIdIsAnErrorNamingTheClosest) {
  const Finding runway = finding("runway-dc", "runway", "cfo", "2026-11-23");
  const ReportDocument cfo = report("cfo", {{runway, "Cut the burn."}});
  run({&cfo}, "2026-11-16");
  const std::string id = task("runway-dc").id;
  std::string typo = id;
  typo.back() = typo.back() == '0' ? '1' : '0';
  const auto r = tasks::mark_task_done(*db_, typo, "", 1'790'100'000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            fmt::format(
                "no task `{}`; the closest: `{}` (`quarterdeck tasks list --all` lists every one)",
                typo, id));
}

// A re-run of a date reads the tasks as the first run of that date did: the
// same follow-up, so the same bytes and nothing sent twice.
TEST_F(TaskStore, AReRunOfTheSameDateShowsTheSameFollowUp) {
  Finding runway =
      finding("runway-dc", "DangerousCentaur: 5.6 months of runway", "cfo", "2026-11-20");
  Finding secrets = finding("secrets-jada-site", "JADA: 4 secrets", "cfo", "2026-11-18");
  ReportDocument cfo = report("cfo", {{runway, "Cut the burn."}, {secrets, "Rotate."}});
  cfo.timeline = {{day("2026-11-19"), "List JADA on GetMyBoat", "cfo", "action jada-getmyboat",
                   "planned-jada-getmyboat"}};
  run({&cfo}, "2026-11-16");
  // A week on: the runway is worse (new words, a stronger owner), the
  // secrets are gone, the planned action re-planned.
  runway.title = "DangerousCentaur: 4.9 months of runway";
  runway.owner = "ceo";
  ReportDocument cfo2 = report("cfo", {{runway, "Cut the burn now."}});
  cfo2.timeline = {{day("2026-12-04"), "List JADA on GetMyBoat", "cfo", "action jada-getmyboat",
                    "planned-jada-getmyboat"}};
  cfo2.as_of = day("2026-11-23");
  cfo2.previous_as_of = day("2026-11-16");
  Portfolio& portfolio = portfolio_;
  Dataset data;
  ReportDefinition def;
  const std::vector<const Entity*> scope;
  const auto follow_up = [&] {
    auto stored = db_->tasks("Harbor");
    EXPECT_TRUE(stored.has_value());
    const TaskState state = tasks::task_state(*stored, {&cfo2}, cfo2.findings, redactor_);
    const AnalysisContext ctx(portfolio, data, cfo2.as_of);
    return follow_up_section(SectionInput{ctx, def, scope, cfo2, &state});
  };
  const auto first = follow_up();
  const auto reconciled = run({&cfo2}, "2026-11-23");
  EXPECT_EQ(reconciled.updated, 2);
  EXPECT_EQ(reconciled.resolved, 1);
  const auto again = follow_up();
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(again.size(), 2u);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(again[i].note, first[i].note);
    EXPECT_EQ(again[i].rows, first[i].rows);
  }
  ASSERT_EQ(first[0].rows.size(), 2u);
  EXPECT_EQ(first[0].rows[0][0],
            "List JADA on GetMyBoat");  // due 2026-11-19 before the run moved it
  EXPECT_EQ(first[0].rows[0][2], "4 days");
  EXPECT_EQ(first[0].rows[1][0], "DangerousCentaur: 4.9 months of runway");  // this run's words
  EXPECT_EQ(first[0].rows[1][1], "CFO");
  EXPECT_EQ(first[1].rows[0][0], "JADA: 4 secrets");
  // A run of the next date sees what this one did.
  cfo2.as_of = day("2026-11-30");
  cfo2.previous_as_of = day("2026-11-23");
  const auto next = follow_up();
  ASSERT_EQ(next.size(), 1u);
  ASSERT_EQ(next[0].rows.size(), 1u);
  EXPECT_EQ(next[0].rows[0][1], "CEO");
  EXPECT_EQ(next[0].rows[0][2], "10 days");
}

// The follow-up section, on the store's tasks as the previous run left them.
struct FollowUpFixture {
  Portfolio portfolio;
  Dataset data;
  ReportDefinition def;
  std::vector<const Entity*> scope;
  ReportDocument doc;

  FollowUpFixture() {
    doc.as_of = day("2026-11-30");
    doc.previous_as_of = day("2026-11-23");
    def.role = "cfo";
    def.timeline = TimelineOwners::own_role;
    portfolio.recipients["cfo"] = {"cfo@example.com"};
  }

  std::vector<Section> build(const TaskState& state) {
    const AnalysisContext ctx(portfolio, data, doc.as_of);
    const SectionInput in{ctx, def, scope, doc, &state};
    return follow_up_section(in);
  }
};

Task stored(const std::string& key, const std::string& role, const char* due, TaskStatus status) {
  Task t;
  t.key = key;
  t.id = tasks::task_id("Harbor", key);
  t.title = "Do " + key;
  t.finding_title = "Problem " + key;
  t.owner_role = role;
  t.owner = role + "@example.com";
  t.due = day(due);
  t.status = status;
  return t;
}

TEST(FollowUpSection, OverdueDoneButPresentAndClosedForTheReportsRole) {
  FollowUpFixture f;
  Task snoozed = stored("snoozed", "cfo", "2026-11-16", TaskStatus::snoozed);
  snoozed.snoozed_until = day("2026-12-07");
  Task woke = stored("woke", "cfo", "2026-11-20", TaskStatus::snoozed);
  woke.snoozed_until = day("2026-11-30");
  Task earlier = stored("earlier", "cfo", "2026-11-01", TaskStatus::resolved);
  earlier.resolved_at = day("2026-11-16");  // closed before the previous report
  Task lately = stored("lately", "cfo", "2026-11-01", TaskStatus::resolved);
  lately.resolved_at = day("2026-11-30");  // by an earlier run of this date
  const TaskState state{{stored("late", "cfo", "2026-11-23", TaskStatus::open),
                         stored("later", "cfo", "2026-11-16", TaskStatus::open),
                         stored("not-yet", "cfo", "2026-12-01", TaskStatus::open),
                         stored("done", "cfo", "2026-12-14", TaskStatus::done), snoozed, woke,
                         stored("cto-late", "cto", "2026-11-16", TaskStatus::open),
                         stored("gone", "cfo", "2026-11-16", TaskStatus::open), earlier, lately},
                        {"late", "later", "not-yet", "done", "snoozed", "woke", "cto-late"},
                        {}};
  const auto sections = f.build(state);
  ASSERT_EQ(sections.size(), 2u);
  const Section& overdue = sections[0];
  EXPECT_EQ(overdue.id, "follow-up");
  EXPECT_EQ(overdue.columns,
            (std::vector<std::string>{"Action", "Owner", "Late", "Due", "Task", "Address"}));
  EXPECT_EQ(overdue.json_only, (std::vector<std::string>{"Due", "Task", "Address"}));
  EXPECT_EQ(overdue.note,
            "3 actions past their due date and still found; 1 action marked done but still found; "
            "the first 3 shown, "
            "`quarterdeck tasks list` has the other 1.");
  ASSERT_EQ(overdue.rows.size(), 3u);
  EXPECT_EQ(overdue.rows[0],
            (std::vector<std::string>{"Problem later", "CFO", "14 days", "2026-11-16",
                                      tasks::task_id("Harbor", "later"), "cfo@example.com"}));
  EXPECT_EQ(overdue.rows[1][0], "Problem woke");
  EXPECT_EQ(overdue.rows[1][2], "10 days");
  EXPECT_EQ(overdue.rows[2][0], "Problem late");
  EXPECT_EQ(overdue.rows[2][2], "7 days");
  const Section& closed = sections[1];
  EXPECT_EQ(closed.id, "follow-up-closed");
  EXPECT_EQ(closed.title, "Closed since the last report");
  EXPECT_EQ(closed.note, "2 actions closed: the problem behind each is no longer found.");
  ASSERT_EQ(closed.rows.size(), 2u);
  EXPECT_EQ(closed.rows[0][0], "Problem gone");
  EXPECT_EQ(closed.rows[0][2], "no longer found");
  EXPECT_EQ(closed.rows[1][0], "Problem lately");

  // The CEO's (everyone's timeline) shows every owner's, 5 lines at most.
  f.def.timeline = TimelineOwners::everyone;
  const auto ceo = f.build(state);
  ASSERT_EQ(ceo.size(), 2u);
  ASSERT_EQ(ceo[0].rows.size(), 5u);
  EXPECT_EQ(ceo[0].rows[0][0], "Problem cto-late");
  EXPECT_EQ(ceo[0].rows[0][1], "CTO");
  EXPECT_EQ(ceo[0].rows[4][0], "Problem done");
  EXPECT_EQ(ceo[0].rows[4][2], "marked done, still present");
}

TEST(FollowUpSection, SaysNothingWithoutAStoreAndOneLineWhenAllIsWell) {
  FollowUpFixture f;
  const AnalysisContext ctx(f.portfolio, f.data, f.doc.as_of);
  const SectionInput no_store{ctx, f.def, f.scope, f.doc};
  EXPECT_TRUE(follow_up_section(no_store).empty());
  EXPECT_TRUE(f.build(TaskState{}).empty());  // no task yet: the first run
  const auto quiet =
      f.build(TaskState{{stored("fine", "cfo", "2026-12-14", TaskStatus::open)}, {"fine"}, {}});
  ASSERT_EQ(quiet.size(), 1u);
  EXPECT_TRUE(quiet[0].rows.empty());
  EXPECT_EQ(quiet[0].note, "Nothing overdue, and nothing closed since the last report.");
}

}  // namespace
}  // namespace quarterdeck
