#!/usr/bin/python3
"""`quarterdeck serve` with an injected clock (QUARTERDECK_CLOCK_FILE): two
serve processes on one copied portfolio and one store run every schedule slot
of a simulated week that crosses the autumn daylight-saving change exactly
once; one serve SIGKILLed mid-slot is taken over by the other, and the slot's
messages are not sent twice beyond the one in flight; each catch-up policy;
a quiet week is skipped and recorded; SIGTERM stops cleanly with the leases
released and nothing half-sent.

serve_test.py QUARTERDECK

No timed assertions: every step waits for a condition in the store, with a
generous deadline.
"""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
BINARY = None
LA = ZoneInfo("America/Los_Angeles")
DEADLINE = 240  # seconds, for any one condition


def utc(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def local(year, month, day, hour, minute=0, fold=0):
    return int(datetime(year, month, day, hour, minute, tzinfo=LA, fold=fold).timestamp())


def wait_for(what, condition, procs=()):
    deadline = time.time() + DEADLINE
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        for p in procs:
            if not p.stopped and p.poll() is not None:
                raise AssertionError(f"{what}: a serve exited ({p.returncode}) while waiting:\n{p.output()}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Serve:
    """A `quarterdeck serve` process with its output in a file."""

    def __init__(self, work, name, args, env):
        self.log = work / f"{name}.log"
        self.stopped = False
        self.handle = open(self.log, "w")
        self.proc = subprocess.Popen([BINARY, "serve", *args], stdout=self.handle, stderr=subprocess.STDOUT, env=env)

    def poll(self):
        return self.proc.poll()

    @property
    def returncode(self):
        return self.proc.returncode

    def output(self):
        if not self.handle.closed:
            self.handle.flush()
        return self.log.read_text()

    def stop(self, sig=signal.SIGTERM):
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(timeout=DEADLINE)
        self.handle.close()


class ServeCase(unittest.TestCase):
    def setUp(self):
        self.work = Path(tempfile.mkdtemp(prefix="qd-serve-"))
        self.pf = self.work / "pf"
        subprocess.run([str(ROOT / "tests" / "tools" / "copy-portfolio"), str(ROOT / "examples" / "portfolio"),
                        str(self.pf)], check=True)
        self.db_path = self.pf / ".quarterdeck" / "state.db"
        self.clock = self.work / "clock"
        self.env = dict(os.environ, QUARTERDECK_CLOCK_FILE=str(self.clock))
        self.serves = []

    def tearDown(self):
        for s in self.serves:
            if s.poll() is None:
                s.stop(signal.SIGKILL)
        shutil.rmtree(self.work, ignore_errors=True)

    # --- the portfolio ---
    def configure(self, schedules, extra="", report_keys=None):
        """Only the reports in `schedules` keep a schedule (id -> cron)."""
        path = self.pf / "portfolio.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace('schedule = "0 7 * * MON"\n', "")
        text += extra
        for report, cron in schedules.items():
            keys = f'schedule = "{cron}"\n' + (report_keys or {}).get(report, "")
            text, n = re.subn(rf'(\[\[reports\]\]\nid = "{report}"\n)', rf"\1{keys}", text, count=1)
            self.assertEqual(n, 1, report)
        path.write_text(text, encoding="utf-8")

    def add_all_hands(self, people, rate, schedule="0 7 * * MON"):
        """A report to `people` readers, sent at `rate` messages a second: a slow slot."""
        path = self.pf / "portfolio.toml"
        text = path.read_text(encoding="utf-8")
        everyone = ", ".join(f'"reader{i:04d}@example.com"' for i in range(people))
        text = text.replace("[recipients]\n", f"[recipients]\neveryone = [{everyone}]\n", 1)
        text = text.replace('transport = "outbox"\n', f'transport = "outbox"\nmessages_per_second = {rate}\n', 1)
        text += ('\n[[reports]]\nid = "all-hands"\npersona = "ceo"\ntitle = "All-hands digest"\nto = ["everyone"]\n'
                 'formats = ["text"]\n' + (f'schedule = "{schedule}"\n' if schedule else ""))
        path.write_text(text, encoding="utf-8")

    # --- the clock and the store ---
    def set_clock(self, unix):
        tmp = self.clock.with_suffix(".tmp")
        tmp.write_text(f"{unix}\n")
        os.replace(tmp, self.clock)

    def query(self, sql, *args):
        if not self.db_path.exists():
            return []
        try:
            with sqlite3.connect(self.db_path, timeout=30) as db:
                return db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):  # a serve is creating the store
                return []
            raise

    def slot(self, report, at):
        rows = self.query("SELECT status, run_id, owner, detail FROM slots WHERE report_id = ? AND scheduled_at = ?",
                          report, at)
        return rows[0] if rows else None

    def wait_slot(self, report, at, status="done"):
        return wait_for(f"slot {report} {at} {status}",
                        lambda: (s := self.slot(report, at)) and s[0] == status and s, self.serves)

    def outbox(self):
        new = self.pf / ".quarterdeck" / "outbox" / "new"
        return sorted(p.name for p in new.iterdir()) if new.exists() else []

    def serve(self, name, *args):
        s = Serve(self.work, name, [str(self.pf), *args], self.env)
        self.serves.append(s)
        return s

    def once(self, *args):
        return subprocess.run([BINARY, "serve", str(self.pf), "--once", *args], capture_output=True, text=True,
                              env=self.env, timeout=DEADLINE)

    def assert_sent_once(self, run_ids):
        """Every delivery of these runs is sent and in the outbox exactly once (no second copy)."""
        files = self.outbox()
        for run_id in run_ids:
            keys = self.query("SELECT idempotency_key, status FROM deliveries WHERE run_id = ?", run_id)
            self.assertTrue(keys, run_id)
            for key, status in keys:
                self.assertEqual(status, "sent", key)
                self.assertEqual([f for f in files if f.startswith(key)], [f"{key}.quarterdeck"], key)


class Week(ServeCase):
    def test_two_serves_run_every_slot_of_a_week_across_the_fall_change_once(self):
        # ceo daily at 01:30 (1 November repeats 01:30: it runs at the first),
        # cfo on weekdays at 07:00, from Wednesday 28 October noon to the next Wednesday noon.
        self.configure({"ceo": "30 1 * * *", "cfo": "0 7 * * MON-FRI"})
        start = local(2026, 10, 28, 12)
        self.set_clock(start)
        a, b = self.serve("a"), self.serve("b")
        slots = [("ceo", local(2026, 10, d, 1, 30)) for d in (29, 30, 31)]
        slots += [("ceo", local(2026, 11, d, 1, 30)) for d in (1, 2, 3, 4)]
        slots += [("cfo", local(2026, 10, d, 7)) for d in (29, 30)]
        slots += [("cfo", local(2026, 11, d, 7)) for d in (2, 3, 4)]
        slots.sort(key=lambda s: (s[1], s[0]))
        # 1 November 01:30 PDT is 08:30 UTC; the repeated 01:30 PST (09:30 UTC) is not a slot.
        self.assertIn(("ceo", utc("2026-11-01T08:30:00Z")), slots)
        for report, at in slots:
            self.set_clock(at)
            self.wait_slot(report, at)
        a.stop()
        b.stop()
        self.assertEqual((a.returncode, b.returncode), (0, 0), a.output() + b.output())
        rows = self.query("SELECT report_id, scheduled_at, status, run_id FROM slots ORDER BY scheduled_at, report_id")
        self.assertEqual([(r, at) for r, at, _, _ in rows], slots)
        self.assertEqual({status for _, _, status, _ in rows}, {"done"})
        run_ids = [run for _, _, _, run in rows]
        self.assertEqual(len(set(run_ids)), len(slots))
        # Each slot's run is its report alone, as of the slot's local date.
        for report, at, _, run_id in rows:
            as_of = datetime.fromtimestamp(at, LA).date().isoformat()
            self.assertEqual(self.query("SELECT as_of FROM runs WHERE id = ?", run_id), [(as_of,)])
            labels = {r for (r,) in self.query("SELECT report_id FROM deliveries WHERE run_id = ?", run_id)}
            self.assertEqual(labels, {report})
        self.assert_sent_once(run_ids)
        self.assertEqual(len(self.outbox()), len(slots))
        completed = [json.loads(p) for (p,) in self.query("SELECT payload FROM events WHERE type = 'run.completed'")]
        self.assertEqual(sorted(e["run_id"] for e in completed), sorted(run_ids))
        self.assertEqual({e["slot"] for e in completed},
                         {datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for _, at in slots})
        self.assertEqual(self.query("SELECT count(*) FROM leases"), [(0,)])
        # `schedule` tells the last outcome of each report.
        shown = subprocess.run([BINARY, "schedule", str(self.pf)], capture_output=True, text=True, env=self.env)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        lines = shown.stdout.splitlines()
        self.assertIn("  last: sent Wed 2026-11-04 01:30 PST", lines)
        self.assertIn("  last: sent Wed 2026-11-04 07:00 PST", lines)


class SpringWeek(ServeCase):
    def test_two_serves_run_a_week_across_the_spring_change_once_with_the_skipped_time_at_three(self):
        # ceo daily at 02:30, from Thursday 5 March noon to the next Thursday noon. On
        # Sunday 8 March 02:30 does not exist in Los Angeles (02:00 PST -> 03:00 PDT):
        # that day's slot is at 03:00 PDT, once.
        self.configure({"ceo": "30 2 * * *"})
        self.set_clock(local(2026, 3, 5, 12))
        a, b = self.serve("a"), self.serve("b")
        days = (6, 7, 8, 9, 10, 11, 12)
        slots = [local(2026, 3, d, 3, 0) if d == 8 else local(2026, 3, d, 2, 30) for d in days]
        self.assertEqual(slots[2], utc("2026-03-08T10:00:00Z"))  # 03:00 PDT
        for at in slots:
            self.set_clock(at)
            self.wait_slot("ceo", at)
        # Past the last slot by an hour: nothing more is due.
        self.set_clock(slots[-1] + 3600)
        a.stop()
        b.stop()
        self.assertEqual((a.returncode, b.returncode), (0, 0), a.output() + b.output())
        rows = self.query("SELECT scheduled_at, status, run_id FROM slots WHERE report_id = 'ceo' ORDER BY scheduled_at")
        self.assertEqual([(at, status) for at, status, _ in rows], [(at, "done") for at in slots])
        run_ids = [run for _, _, run in rows]
        self.assertEqual(len(set(run_ids)), len(slots))
        self.assertEqual(self.query("SELECT as_of FROM runs WHERE id = ?", run_ids[2]), [("2026-03-08",)])
        self.assert_sent_once(run_ids)
        self.assertEqual(len(self.outbox()), len(slots))


class TakeOver(ServeCase):
    def test_a_serve_killed_mid_slot_is_taken_over_and_nothing_is_sent_twice_beyond_the_one_in_flight(self):
        self.configure({})
        # 600 readers and the audit copy: 13 messages of at most 50, one a second.
        self.add_all_hands(600, 1)
        self.set_clock(local(2026, 11, 15, 12))
        a, b = self.serve("a"), self.serve("b")
        at = local(2026, 11, 16, 7)
        self.set_clock(at)
        wait_for("three messages out", lambda: len(self.outbox()) >= 3, self.serves)
        status, run_id, owner, detail = self.slot("all-hands", at)
        self.assertEqual((status, detail), ("running", "planned"))
        holder = self.query("SELECT pid FROM leases WHERE name LIKE 'slot:%'")[0][0]
        victim, survivor = (a, b) if a.proc.pid == holder else (b, a)
        self.assertEqual(victim.proc.pid, holder)
        victim.stop(signal.SIGKILL)
        status, run_after, owner_after, _ = self.wait_slot("all-hands", at)
        self.assertEqual(run_after, run_id)  # resumed, not run afresh
        self.assertNotEqual(owner_after, owner)
        takeovers = self.query("SELECT name, reason, previous_pid FROM lease_takeovers")
        self.assertIn((f"slot:Harbor & Hauling Portfolio:all-hands:2026-11-16T15:00:00Z", "process gone", holder),
                      takeovers)
        keys = self.query("SELECT idempotency_key, status FROM deliveries WHERE run_id = ?", run_id)
        self.assertEqual(len(keys), 13)
        self.assertEqual({s for _, s in keys}, {"sent"})
        files = self.outbox()
        copies = [f for f in files if not f.endswith(".quarterdeck") or f.count(".") > 1]
        for key, _ in keys:
            self.assertIn(f"{key}.quarterdeck", files)
        # At most the message in flight when the process died went out twice.
        self.assertLessEqual(len(files) - len(keys), 1, files)
        self.assertLessEqual(len(copies), 1, copies)
        self.assertEqual(self.query("SELECT count(*) FROM slots"), [(1,)])
        survivor.stop()
        self.assertEqual(survivor.returncode, 0)
        self.assertIn(f"all-hands Mon 2026-11-16 07:00 PST: taken over from a serve that stopped (run {run_id})",
                      survivor.output())


class CatchUp(ServeCase):
    def test_each_policy_after_two_weeks_down(self):
        monday = "0 7 * * MON"
        self.configure({"ceo": monday, "cfo": monday, "cto": monday, "cmo": monday}, report_keys={
            "ceo": 'catch_up = "skip"\ncatch_up_max_age = "10d"\n',
            "cfo": 'catch_up = "latest"\ncatch_up_max_age = "10d"\n',
            "cto": 'catch_up = "all"\ncatch_up_max_age = "10d"\n',
            # cmo: latest, the default maximum age of 24 hours.
        })
        first = local(2026, 11, 16, 7)
        self.set_clock(first + 5)
        done = self.once()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        for report in ("ceo", "cfo", "cto", "cmo"):
            self.assertEqual(self.slot(report, first)[0], "done")
        # Down until Tuesday 1 December 08:00: the slots of 23 and 30 November wait.
        nov23, nov30 = local(2026, 11, 23, 7), local(2026, 11, 30, 7)
        self.set_clock(local(2026, 12, 1, 8))
        done = self.once()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        status = lambda r, at: self.slot(r, at)[0]
        self.assertEqual([status("ceo", nov23), status("ceo", nov30)], ["missed", "missed"])
        self.assertEqual(self.slot("ceo", nov30)[3], 'not run: catch_up = "skip"')
        self.assertEqual([status("cfo", nov23), status("cfo", nov30)], ["missed", "done"])
        self.assertEqual([status("cto", nov23), status("cto", nov30)], ["done", "done"])
        self.assertEqual([status("cmo", nov23), status("cmo", nov30)], ["missed", "missed"])
        self.assertEqual(self.slot("cmo", nov30)[3], "older than catch_up_max_age (24 h) when serve found it")
        # cto's two runs, in order, each as of its own Monday.
        runs = [self.slot("cto", at)[1] for at in (nov23, nov30)]
        self.assertEqual([self.query("SELECT as_of FROM runs WHERE id = ?", r)[0][0] for r in runs],
                         ["2026-11-23", "2026-11-30"])
        self.assertLess(self.query("SELECT started_at FROM runs WHERE id = ?", runs[0])[0][0],
                        self.query("SELECT started_at FROM runs WHERE id = ?", runs[1])[0][0] + "~")
        # The owner hears once of cmo's missed slots.
        failed = [json.loads(p) for (p,) in self.query("SELECT payload FROM events WHERE type = 'run.failed'")]
        self.assertEqual(len(failed), 1, failed)
        self.assertEqual(failed[0]["report"], "cmo")
        self.assertEqual(failed[0]["slot"], "2026-11-30T15:00:00Z")
        self.assertEqual(failed[0]["run_id"], "")
        self.assertEqual(failed[0]["what"], "2 scheduled cmo reports were missed, from Mon 2026-11-23 07:00 PST to "
                                            "Mon 2026-11-30 07:00 PST: no quarterdeck serve was running to send "
                                            "them in time.")
        self.assertEqual(failed[0]["why"], "older than catch_up_max_age (24 h) when serve found them")
        self.assertEqual(failed[0]["resume"], f"quarterdeck run {self.pf} --only cmo --as-of 2026-11-30")
        self.assertEqual(sorted(failed[0]), ["portfolio", "report", "resume", "run_id", "slot", "what", "why"])
        # A second look changes nothing.
        again = self.once()
        self.assertEqual(again.returncode, 0)
        self.assertEqual(self.query("SELECT count(*) FROM slots"), [(12,)])


class QuietWeek(ServeCase):
    def test_a_report_with_nothing_new_is_skipped_and_recorded(self):
        self.configure({"cfo": "0 7 * * *"}, report_keys={"cfo": "skip_if_unchanged = true\n"})
        monday, tuesday = local(2026, 11, 16, 7), local(2026, 11, 17, 7)
        self.set_clock(monday + 1)
        self.assertEqual(self.once().returncode, 0)
        self.assertEqual(self.slot("cfo", monday)[0], "done")
        sent = len(self.outbox())
        self.set_clock(tuesday + 1)
        done = self.once()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        status, run_id, _, detail = self.slot("cfo", tuesday)
        self.assertEqual(status, "skipped")
        self.assertEqual(detail, "unchanged: no finding or KPI status changed since the report of 2026-11-16")
        self.assertEqual(len(self.outbox()), sent)
        self.assertEqual(self.query("SELECT count(*) FROM deliveries WHERE run_id = ?", run_id), [(0,)])
        event = json.loads(self.query("SELECT payload FROM events WHERE type = 'run.completed' AND payload LIKE ?",
                                      f'%{run_id}%')[0][0])
        self.assertEqual([r["status"] for r in event["reports"]], ["skipped (unchanged)"])
        self.assertEqual((event["sent"], event["not_sent"]), (0, 0))
        shown = subprocess.run([BINARY, "schedule", str(self.pf)], capture_output=True, text=True, env=self.env)
        self.assertIn("  last: skipped (unchanged) Tue 2026-11-17 07:00 PST", shown.stdout.splitlines())


class Terminate(ServeCase):
    def test_sigterm_finishes_the_message_in_flight_releases_the_leases_and_exits_zero(self):
        self.configure({})
        self.add_all_hands(600, 1)
        self.set_clock(local(2026, 11, 15, 12))
        s = self.serve("a")
        at = local(2026, 11, 16, 7)
        self.set_clock(at)
        wait_for("two messages out", lambda: len(self.outbox()) >= 2, self.serves)
        s.stop(signal.SIGTERM)
        self.assertEqual(s.returncode, 0, s.output())
        self.assertIn("quarterdeck serve: stopped", s.output())
        self.assertEqual(self.query("SELECT count(*) FROM leases"), [(0,)])
        states = dict(self.query("SELECT status, count(*) FROM deliveries GROUP BY status"))
        self.assertNotIn("sending", states)
        self.assertEqual(states.get("sent", 0), len(self.outbox()))
        self.assertGreater(states.get("planned", 0), 0, states)
        status, run_id, _, detail = self.slot("all-hands", at)
        self.assertEqual((status, detail), ("running", "planned"))
        # The next serve takes the slot over and sends the rest, each once.
        done = self.once()
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(self.slot("all-hands", at)[:2], ("done", run_id))
        self.assert_sent_once([run_id])


class Problems(ServeCase):
    def test_a_config_broken_while_serve_runs_fails_the_slot_with_a_located_error(self):
        self.configure({"cfo": "0 7 * * MON"})
        self.set_clock(local(2026, 11, 15, 12))
        s = self.serve("a")
        wait_for("the store", lambda: self.query("SELECT count(*) FROM slots") == [(0,)], self.serves)
        path = self.pf / "portfolio.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('from_name = "Quarterdeck Reports"', 'from_nam = "Quarterdeck Reports"', 1),
                        encoding="utf-8")
        line = next(i for i, l in enumerate(path.read_text().splitlines(), 1) if l.startswith("from_nam "))
        at = local(2026, 11, 16, 7)
        self.set_clock(at)
        status, run_id, _, detail = self.wait_slot("cfo", at, "failed")
        self.assertTrue(detail.startswith(f"the portfolio has problems: portfolio.toml:{line}:1: unknown key "
                                          "`from_nam`"), detail)
        self.assertIn("did you mean `from_name`?", detail)
        failed = [json.loads(p) for (p,) in self.query("SELECT payload FROM events WHERE type = 'run.failed'")]
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed[0]["what"], "The cfo report due Mon 2026-11-16 07:00 PST was not sent.")
        self.assertEqual(failed[0]["resume"], f"quarterdeck validate {self.pf}")
        self.assertEqual(self.outbox(), [])
        s.stop()
        self.assertEqual(s.returncode, 0)
        self.assertIn("unknown key `from_nam`", s.output())


class LeaseNeverCame(ServeCase):
    def test_a_slot_that_cannot_get_the_delivery_lease_in_its_time_fails_and_says_so(self):
        # A slow `run` by hand holds the delivery lease (on the real clock, so
        # its lease stays live whatever the injected clock says).
        self.configure({"cfo": "0 7 * * MON"})
        self.add_all_hands(600, 0.5, schedule=None)  # 13 messages: about 26 s
        by_hand = subprocess.Popen([BINARY, "run", str(self.pf), "--only", "all-hands", "--as-of", "2026-11-30"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for("the run's lease", lambda: self.query("SELECT count(*) FROM leases WHERE name = 'delivery'")
                     == [(1,)])
            at = local(2026, 11, 16, 7)
            self.set_clock(at + 1)
            s = self.serve("a")
            wait_for("the slot waiting", lambda: (r := self.slot("cfo", at)) and r[3] == "building", self.serves)
            # A day and an hour later, past the slot's maximum age of 24 hours.
            self.set_clock(at + 25 * 3600)
            status, run_id, _, detail = self.wait_slot("cfo", at, "failed")
            self.assertTrue(detail.startswith("another quarterdeck was delivering for this store until the slot's "
                                              f"time was up (pid {by_hand.pid} on "), detail)
            failed = [json.loads(p) for (p,) in self.query("SELECT payload FROM events WHERE type = 'run.failed'")]
            self.assertEqual([(e["report"], e["run_id"]) for e in failed], [("cfo", run_id)])
            self.assertEqual(failed[0]["resume"], f"quarterdeck run {self.pf} --only cfo --as-of 2026-11-16")
            s.stop()
            self.assertEqual(s.returncode, 0)
        finally:
            by_hand.wait(timeout=DEADLINE)
        self.assertEqual(by_hand.returncode, 0)


class RunEvents(ServeCase):
    def test_a_real_run_appends_run_completed_and_a_test_run_nothing(self):
        env = dict(os.environ)
        test = subprocess.run([BINARY, "run", str(self.pf), "--as-of", "2026-11-16", "--only", "cto",
                               "--to", "tester@example.com"], capture_output=True, text=True, env=env)
        self.assertEqual(test.returncode, 0, test.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM events"), [(0,)])
        real = subprocess.run([BINARY, "run", str(self.pf), "--as-of", "2026-11-16", "--only", "cto,cfo"],
                              capture_output=True, text=True, env=env)
        self.assertEqual(real.returncode, 0, real.stderr)
        run_id = re.search(r"^Run (\S+) ", real.stdout, re.M).group(1)
        # The run's action items became tasks first (task.created each), then the run's completion.
        rows = self.query("SELECT type, payload FROM events WHERE type LIKE 'run.%'")
        self.assertEqual([t for t, _ in rows], ["run.completed"])
        types = [t for (t,) in self.query("SELECT type FROM events ORDER BY seq")]
        self.assertEqual(types[-1], "run.completed")
        self.assertEqual(set(types[:-1]), {"task.created"})
        event = json.loads(rows[0][1])
        self.assertEqual(sorted(event), ["as_of", "not_sent", "portfolio", "reports", "run_id", "sent", "slot"])
        self.assertEqual((event["run_id"], event["as_of"], event["slot"]), (run_id, "2026-11-16", ""))
        self.assertEqual((event["sent"], event["not_sent"]), (2, 0))
        self.assertEqual([r["id"] for r in event["reports"]], ["cto", "cfo"])
        for r in event["reports"]:
            self.assertEqual(sorted(r), ["decisions", "headline", "id", "message_id", "status", "title"])
            self.assertEqual(r["status"], "sent")
            self.assertTrue(r["headline"] and r["message_id"].startswith("<qd."))
            self.assertTrue(1 <= len(r["decisions"]) <= 3)
        self.assertEqual(event["reports"][0]["title"], "CTO weekly report")
        # The same run again: already sent, and its own event.
        again = subprocess.run([BINARY, "run", str(self.pf), "--as-of", "2026-11-16", "--only", "cto"],
                               capture_output=True, text=True, env=env)
        self.assertEqual(again.returncode, 0, again.stderr)
        last = json.loads(self.query("SELECT payload FROM events ORDER BY seq DESC LIMIT 1")[0][0])
        self.assertEqual([r["status"] for r in last["reports"]], ["already sent"])


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
