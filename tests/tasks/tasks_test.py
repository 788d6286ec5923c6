"""Action items as tracked tasks, the whole program (issue 14).

tasks_test.py QUARTERDECK

Three weekly runs of the reference portfolio on one store, with the clock
pinned by QUARTERDECK_CLOCK_FILE: the first makes the tasks (one per
problem, events in the store); between the first and the second the data
behind one finding is removed (Morgan Tidewell is no longer a key person),
so the second resolves its task and its reports say so; then a person marks
one task done and snoozes another with `quarterdeck tasks`, and the third
run's reports flag the done one whose problem is still found and leave the
snoozed one out. A test send (`run --to`) makes no task.
"""
import email
import email.policy
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))

from hostile import EXIT_INVALID, EXIT_OK, Case, main, run  # noqa: E402

KEY_PERSON = "Name and train a backup for Morgan Tidewell's role as captain."
RUNWAY = "Cut DangerousCentaur's monthly burn or raise revenue to keep at least 6 months of runway."
WORKER = "Decide whether the t3.xlarge worker stays"


def reports_in(outbox, before):
    """{first line of the text part: text} of the messages not in `before`."""
    out = {}
    for path in sorted(set(outbox.glob("new/*")) - before):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        text = msg.get_body(("plain",)).get_content()
        out[text.splitlines()[0]] = text
    return out


def section(text, title, *following):
    """The words of the section titled `title`, up to the first of the
    section titles `following` (whitespace joined: text wraps at 76)."""
    lines = text.splitlines()
    if title not in lines:
        return None
    start = lines.index(title)
    end = min((lines.index(t, start) for t in following if t in lines[start:]), default=len(lines))
    return " ".join(" ".join(lines[start:end]).split())


class Tasks(Case):
    def setUp(self):
        super().setUp()
        self.pf = self.portfolio()
        self.store = self.tmp / "state.db"
        self.clock = self.tmp / "clock"
        self.outbox = self.pf / ".quarterdeck" / "outbox"

    def at(self, instant):
        self.clock.write_text(instant + "\n", encoding="utf-8")

    def qd(self, *args):
        return run(*args, env={"QUARTERDECK_CLOCK_FILE": str(self.clock)})

    def run_week(self, as_of):
        self.at(f"{as_of}T15:00:00Z")
        before = set(self.outbox.glob("new/*")) if self.outbox.exists() else set()
        result = self.qd("run", self.pf, "--as-of", as_of, "--store", self.store)
        self.assertExit(result, EXIT_OK)
        return reports_in(self.outbox, before)

    def tasks(self, *extra):
        result = self.qd("tasks", "list", self.pf, "--store", self.store, "--format", "json", *extra)
        self.assertExit(result, EXIT_OK)
        return json.loads(result.out)

    def by_title(self, tasks, title):
        found = [t for t in tasks if t["title"] == title]
        self.assertEqual(len(found), 1, f"{title}: {[t['title'] for t in tasks]}")
        return found[0]

    def events(self, kind):
        with sqlite3.connect(self.store) as db:
            return [json.loads(p) for (p,) in db.execute("SELECT payload FROM events WHERE type = ? ORDER BY seq",
                                                          (kind,))]

    def test_three_runs_follow_the_actions_up(self):
        # Week 1: every action item is a task, each once.
        first = self.run_week("2026-11-16")
        self.assertNotIn("Follow-up: overdue actions", first["CEO weekly report"])  # nothing to follow up yet
        week1 = self.tasks()
        ids = [t["id"] for t in week1]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreater(len(week1), 20)
        runway = self.by_title(week1, RUNWAY)  # named by the CEO and the CFO reports: one task
        self.assertEqual(runway["source_report"], "ceo")
        self.assertEqual(runway["owner_role"], "cfo")
        self.assertEqual(runway["owner"], "cfo@example.com")
        self.assertEqual(runway["due"], "2026-11-23")
        self.assertEqual(runway["finding_id"], "runway-dangerouscentaur")
        self.assertEqual(runway["status"], "open")
        key_person = self.by_title(week1, KEY_PERSON)
        self.assertEqual(key_person["owner_role"], "ceo")
        self.assertEqual(key_person["evidence"][0]["source"], "entities/jada.toml:38")
        created = self.events("task.created")
        self.assertEqual(sorted(e["task"]["id"] for e in created), sorted(ids))
        self.assertTrue(all(e["changes"] == [] and e["task"]["url"] == "" for e in created))
        # A test send makes no task and no event.
        self.at("2026-11-16T16:00:00Z")
        test = self.qd("run", self.pf, "--as-of", "2026-11-16", "--store", self.store, "--to", "me@example.com",
                       "--force")
        self.assertExit(test, EXIT_OK)
        self.assertEqual(len(self.events("task.created")), len(ids))

        # Between the weeks the key person gets a relief: the finding goes.
        toml = self.pf / "entities" / "jada.toml"
        lines = toml.read_text(encoding="utf-8").splitlines(keepends=True)
        self.assertEqual(lines[41], "key_person = true\n")
        lines[41] = "key_person = false\n"
        toml.write_text("".join(lines), encoding="utf-8")

        second = self.run_week("2026-11-23")
        week2 = {t["id"]: t for t in self.tasks("--all")}
        gone = week2[key_person["id"]]
        self.assertEqual(gone["status"], "resolved")
        self.assertEqual(gone["resolved_at"], "2026-11-23")
        self.assertEqual(gone["last_seen"], "2026-11-16")
        self.assertEqual(week2[runway["id"]]["status"], "open")
        self.assertEqual(week2[runway["id"]]["due"], "2026-11-23")  # the severity's date does not slide
        self.assertEqual(week2[runway["id"]]["last_seen"], "2026-11-23")
        self.assertNotIn(key_person["id"], [t["id"] for t in self.tasks()])  # open ones by default
        resolved = self.events("task.resolved")
        self.assertIn(key_person["id"], [e["task"]["id"] for e in resolved])
        # The CEO report says it was closed, in words, without ids.
        ceo = second["CEO weekly report"]
        closed = section(ceo, "Closed since the last report", "The businesses")
        self.assertIsNotNone(closed, ceo)
        self.assertEqual(closed, "Closed since the last report 1 action closed: the problem behind it is no longer "
                                 "found. Action Owner How ------------------------------------------------------------ "
                                 "----- --------------- JADA Yacht Charters: Morgan Tidewell (captain) has no backup "
                                 "CEO no longer found")
        self.assertNotIn(key_person["id"], ceo)

        # The same date again: the reports read the tasks as the first run
        # of the date did, so they are the same bytes and nothing is sent.
        self.at("2026-11-23T16:00:00Z")
        again = self.qd("run", self.pf, "--as-of", "2026-11-23", "--store", self.store)
        self.assertExit(again, EXIT_OK)
        self.assertIn("0 sent, 8 already sent, 0 not sent.", again.out)

        shown = self.qd("tasks", "show", self.pf, gone["id"], "--store", self.store)
        self.assertExit(shown, EXIT_OK)
        self.assertIn(f"{gone['id']} · resolved 2026-11-23", shown.out)
        self.assertIn("Evidence:\n  entities/jada.toml:38: ", shown.out)
        self.assertIn("History:\n  2026-11-16  created from the ceo report\n  2026-11-23  resolved: no longer found\n",
                      shown.out)

        # A person marks the runway done (the finding is still there) and
        # snoozes the worker decision; a typo is refused with the closest id.
        self.at("2026-11-25T09:00:00Z")
        done = self.qd("tasks", "done", self.pf, runway["id"], "--note", "cut the contractor", "--store", self.store)
        self.assertExit(done, EXIT_OK)
        self.assertIn(f"{runway['id']} marked done", done.out)
        worker = self.by_title(self.tasks(), WORKER)
        snooze = self.qd("tasks", "snooze", self.pf, worker["id"], "--until", "2026-12-14", "--store", self.store)
        self.assertExit(snooze, EXIT_OK)
        self.assertEqual(snooze.out, f"{worker['id']} snoozed until 2026-12-14: no report shows it overdue before "
                                     "then.\n")
        typo = runway["id"][:-1] + ("0" if runway["id"][-1] != "0" else "1")
        unknown = self.qd("tasks", "done", self.pf, typo, "--store", self.store)
        self.assertExit(unknown, EXIT_INVALID)
        self.assertIn(f"no task `{typo}`; the closest: `{runway['id']}`", unknown.err)
        bad_date = self.qd("tasks", "snooze", self.pf, worker["id"], "--until", "next week", "--store", self.store)
        self.assertExit(bad_date, EXIT_INVALID)
        self.assertIn("--until: expected a date", bad_date.err)
        listed = {t["id"]: t for t in self.tasks()}
        self.assertEqual(listed[runway["id"]]["status"], "done")
        self.assertEqual(listed[runway["id"]]["done_note"], "cut the contractor")
        self.assertEqual(listed[runway["id"]]["done_at"], "2026-11-25T09:00:00Z")
        self.assertEqual(listed[worker["id"]]["status"], "snoozed")
        self.assertEqual(listed[worker["id"]]["snoozed_until"], "2026-12-14")
        updates = [e for e in self.events("task.updated") if e["task"]["id"] == runway["id"]]
        self.assertEqual(updates[-1]["changes"], ["marked done: cut the contractor"])
        self.assertEqual(updates[-1]["task"]["status"], "done")

        # Week 3: the done one is flagged, the snoozed one is not overdue.
        third = self.run_week("2026-11-30")
        cfo = section(third["CFO weekly report"], "Follow-up: overdue actions", "Closed since the last report",
                      "Portfolio totals")
        self.assertIsNotNone(cfo, third["CFO weekly report"])
        self.assertEqual(cfo, "Follow-up: overdue actions 1 action marked done but still found. DangerousCentaur: "
                              "5.6 months of runway at the current burn · Owner: CFO Late: 7 days; marked done, still "
                              "present")
        ceo = section(third["CEO weekly report"], "Follow-up: overdue actions", "Closed since the last report",
                      "The businesses")
        self.assertIsNotNone(ceo)
        self.assertNotIn(WORKER, ceo)
        self.assertIn("Reconcile Square payouts against the job list for October Owner: Accounting · Late: 12 "
                      "days", ceo)
        self.assertNotIn(worker["id"], third["CEO weekly report"])
        week3 = {t["id"]: t for t in self.tasks("--all")}
        self.assertEqual(week3[runway["id"]]["status"], "done")  # still done, still reported
        self.assertEqual(week3[worker["id"]]["status"], "snoozed")

    def test_without_a_store_there_is_no_follow_up(self):
        result = run("generate", self.pf, "--as-of", "2026-11-16", "--out", self.tmp / "out", "--format", "text")
        self.assertExit(result, EXIT_OK)
        self.assertNotIn("Follow-up", (self.tmp / "out" / "ceo.txt").read_text(encoding="utf-8"))
        missing = run("tasks", "list", self.pf)
        self.assertExit(missing, EXIT_INVALID)
        self.assertIn("no store here yet", missing.err)


if __name__ == "__main__":
    main()
