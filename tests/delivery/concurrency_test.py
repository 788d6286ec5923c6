#!/usr/bin/python3
"""One sender at a time: two quarterdecks delivering for the same store never
send a report twice. Against the loopback SMTP sink (tests/peers/smtp_sink.js):

1. Held: the sink holds its first reply, so a run is certainly mid-delivery;
   a second `run` and a `send --resume` exit 75 naming it (pid, host, run, since);
   `run --wait` and `send --resume --wait` wait for it, then find everything
   already sent. The sink gets each of the 8 reports exactly once.
2. Ten rounds of two simultaneous `run`s on a fresh copy (the sink slows each
   reply so that they overlap): every round the sink gets 8 messages, 8
   distinct; the loser exits 75 naming the winner or, with --wait, reports
   "already sent".
3. A run killed with SIGKILL mid-delivery leaves its lease; `send --resume`
   takes it over (printed, and recorded in the store) and finishes the run.
4. The store deleted, or replaced, mid-run: the run stops with exit 1 and says
   so; it never prints a summary of sends it could not record.

concurrency_test.py QUARTERDECK
"""
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS = os.path.join(ROOT, "tests", "peers")
BINARY = None
AS_OF = "2026-11-16"
REPORTS = 8
EX_TEMPFAIL = 75
# A guard against a hung test, never an assertion about speed.
GUARD_SECONDS = 300

BUSY = re.compile(r"^quarterdeck: another quarterdeck is delivering for this store: pid (\d+) on (\S+) "
                  r"\(run (\S+)\), since (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC; nothing was sent\. "
                  r"Wait for it with --wait, or try again later\.$", re.M)
TOOK_OVER = re.compile(r"^quarterdeck: took over the delivery lease from pid (\d+) on (\S+) \(run (\S+)\), "
                       r"held since .* UTC, last heartbeat .* UTC: its process is gone$", re.M)


class Sink:
    """The SMTP sink on loopback; `hold` is a file whose existence holds DATA replies."""

    def __init__(self, work, delay_ms):
        self.out = os.path.join(work, "sink")
        self.hold = os.path.join(work, "hold")
        os.makedirs(self.out)
        self.proc = subprocess.Popen(["node", os.path.join(PEERS, "smtp_sink.js"), "--port", "0", "--out", self.out,
                                      "--delay", str(delay_ms), "--hold", self.hold],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        match = re.match(r"listening (\d+)", line)
        if not match:
            raise RuntimeError(f"the SMTP sink did not start: {line!r}")
        self.port = int(match.group(1))

    def accepted(self):
        path = os.path.join(self.out, "log.jsonl")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return [e for e in (json.loads(l) for l in f if l.strip()) if e["status"] == "accepted"]

    def hold_replies(self):
        open(self.hold, "w").close()
        if os.path.exists(self.hold + ".held"):
            os.remove(self.hold + ".held")

    def wait_until_holding(self, proc):
        """Until the sink holds a reply to `proc` (which must still be running)."""
        deadline = time.time() + GUARD_SECONDS
        while not os.path.exists(self.hold + ".held"):
            if proc.poll() is not None:
                raise AssertionError(f"the run ended before the sink saw its first message:\n{proc.communicate()}")
            if time.time() > deadline:
                raise AssertionError("the run never reached the sink")
            time.sleep(0.02)

    def release(self):
        os.remove(self.hold)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Concurrency(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        cls.sink = Sink(cls.work, delay_ms=40)
        cls.env = dict(os.environ, SMTP_URL=f"smtp://127.0.0.1:{cls.sink.port}")
        cls.copies = 0

    @classmethod
    def tearDownClass(cls):
        cls.sink.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    def portfolio(self):
        """A fresh copy of the example portfolio, without its run state, delivering by SMTP."""
        type(self).copies += 1
        pf = os.path.join(self.work, f"pf{self.copies}")
        shutil.copytree(os.path.join(ROOT, "examples", "portfolio"), pf, ignore=shutil.ignore_patterns(".quarterdeck"))
        path = os.path.join(pf, "portfolio.toml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('transport = "outbox"', text)
        text = text.replace('transport = "outbox"', 'transport = "smtp"\nsmtp_starttls = "optional"', 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return pf

    def start(self, *args):
        return subprocess.Popen([BINARY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env)

    def finish(self, proc):
        out, err = proc.communicate(timeout=GUARD_SECONDS)
        return proc.returncode, out, err

    def run_qd(self, *args):
        return self.finish(self.start(*args))

    def audit(self, pf):
        code, out, err = self.run_qd("audit", pf, "--format", "json")
        self.assertEqual(code, 0, err)
        return json.loads(out)

    def assert_exactly_once(self, pf, new_lines):
        """The sink accepted each of the portfolio's 8 sent messages exactly once."""
        sent = {d["message_id"] for d in self.audit(pf) if d["status"] == "sent"}
        self.assertEqual(len(sent), REPORTS)
        ids = [e["message_id"] for e in new_lines]
        self.assertEqual(sorted(ids), sorted(sent), "every report arrives exactly once")

    def assert_busy(self, err, holder_pid, holder_run=None):
        match = BUSY.search(err)
        self.assertIsNotNone(match, err)
        self.assertEqual(int(match.group(1)), holder_pid, err)
        self.assertEqual(match.group(2), socket.gethostname(), err)
        if holder_run is not None:
            self.assertEqual(match.group(3), holder_run, err)

    @staticmethod
    def run_id_of(out):
        match = re.search(r"^Run (\S+) · ", out, re.M)
        return match.group(1) if match else None

    def test_1_a_second_sender_during_a_delivery_waits_or_exits_75(self):
        pf = self.portfolio()
        before = len(self.sink.accepted())
        self.sink.hold_replies()
        first = self.start("run", pf, "--as-of", AS_OF)
        try:
            self.sink.wait_until_holding(first)
            code, out, err = self.run_qd("run", pf, "--as-of", AS_OF)
            self.assertEqual(code, EX_TEMPFAIL, out + err)
            self.assert_busy(err, first.pid)
            self.assertEqual(out, "")
            code, out, err = self.run_qd("send", pf, "--resume")
            self.assertEqual(code, EX_TEMPFAIL, out + err)
            self.assert_busy(err, first.pid)
            self.assertEqual(out, "")
            # A limited wait that runs out says so, and still sends nothing.
            code, out, err = self.run_qd("run", pf, "--as-of", AS_OF, "--wait=0")
            self.assertEqual(code, EX_TEMPFAIL, out + err)
            self.assertIn("still delivering for this store after 0 s of waiting: pid", err)
            waiting_run = self.start("run", pf, "--as-of", AS_OF, "--wait")
            waiting_send = self.start("send", pf, "--resume", "--wait")
        finally:
            self.sink.release()
        code, out, err = self.finish(first)
        self.assertEqual(code, 0, out + err)
        self.assertRegex(out, r"(?m)^8 sent, 0 already sent, 0 not sent\.$")
        first_run = self.run_id_of(out)
        code, out, err = self.finish(waiting_run)
        self.assertEqual(code, 0, out + err)
        self.assertRegex(out, r"(?m)^0 sent, 8 already sent, 0 not sent\.$")
        self.assertIn(f"in run {first_run}", out)
        code, out, err = self.finish(waiting_send)
        self.assertEqual(code, 0, out + err)
        self.assertIn("Nothing to resume: every run is done.", out)
        self.assert_exactly_once(pf, self.sink.accepted()[before:])

    def test_2_ten_rounds_of_two_simultaneous_runs(self):
        refused = 0
        for round_number in range(10):
            with self.subTest(round=round_number):
                wait = ["--wait"] if round_number % 2 else []
                pf = self.portfolio()
                before = len(self.sink.accepted())
                procs = [self.start("run", pf, "--as-of", AS_OF, *wait) for _ in range(2)]
                results = [self.finish(p) for p in procs]
                codes = sorted(r[0] for r in results)
                self.assert_exactly_once(pf, self.sink.accepted()[before:])
                winners = [r for r in results if re.search(r"(?m)^8 sent, 0 already sent, 0 not sent\.$", r[1])]
                self.assertEqual(len(winners), 1, results)
                if codes == [0, EX_TEMPFAIL]:
                    refused += 1
                    self.assertFalse(wait, "with --wait nobody gives up")
                    loser = next(i for i, r in enumerate(results) if r[0] == EX_TEMPFAIL)
                    self.assert_busy(results[loser][2], procs[1 - loser].pid, self.run_id_of(winners[0][1]))
                else:
                    # The other ran after the winner (it waited, or started late): it saw the deliveries.
                    self.assertEqual(codes, [0, 0], results)
                    loser = next(r for r in results if r is not winners[0])
                    self.assertRegex(loser[1], r"(?m)^0 sent, 8 already sent, 0 not sent\.$")
        print(f"concurrency: 10 rounds, 80 reports each sent once; {refused} of 5 losers without --wait exited 75")

    def test_3_a_lease_left_by_a_killed_run_is_taken_over(self):
        pf = self.portfolio()
        before = len(self.sink.accepted())
        self.sink.hold_replies()
        killed = self.start("run", pf, "--as-of", AS_OF)
        try:
            self.sink.wait_until_holding(killed)
            killed.send_signal(signal.SIGKILL)
            killed.communicate()
        finally:
            self.sink.release()
        code, out, err = self.run_qd("send", pf, "--resume")
        self.assertEqual(code, 0, out + err)
        match = TOOK_OVER.search(err)
        self.assertIsNotNone(match, err)
        self.assertEqual(int(match.group(1)), killed.pid)
        self.assertEqual(match.group(2), socket.gethostname())
        db = sqlite3.connect(os.path.join(pf, ".quarterdeck", "state.db"))
        try:
            rows = db.execute("SELECT previous_pid, reason FROM lease_takeovers").fetchall()
            left = db.execute("SELECT COUNT(*) FROM leases").fetchone()[0]
        finally:
            db.close()
        self.assertEqual(rows, [(killed.pid, "process gone")])
        self.assertEqual(left, 0, "the lease is released at the end")
        audit = self.audit(pf)
        self.assertEqual([d["status"] for d in audit], ["sent"] * REPORTS)
        # At least once each; the message in flight at the kill may have arrived twice.
        ids = [e["message_id"] for e in self.sink.accepted()[before:]]
        self.assertEqual(set(ids), {d["message_id"] for d in audit})
        self.assertLessEqual(len(ids), REPORTS + 1)

    def store_lost_mid_run(self, lose):
        pf = self.portfolio()
        self.sink.hold_replies()
        proc = self.start("run", pf, "--as-of", AS_OF)
        try:
            self.sink.wait_until_holding(proc)
            lose(os.path.join(pf, ".quarterdeck", "state.db"))
        finally:
            self.sink.release()
        code, out, err = self.finish(proc)
        self.assertEqual(code, 1, out + err)
        self.assertNotRegex(out, r"sent, \d+ already sent", "no summary of sends that could not be recorded")
        return err

    def test_4_a_store_deleted_mid_run_stops_the_run(self):
        err = self.store_lost_mid_run(os.remove)
        self.assertRegex(err, r"state\.db: the store was deleted while this process was using it; what it does from "
                              r"now on could not be recorded, so it stops here")

    def test_5_a_store_replaced_mid_run_stops_the_run(self):
        def replace(path):
            shutil.copyfile(path, path + ".copy")
            os.replace(path + ".copy", path)
        err = self.store_lost_mid_run(replace)
        self.assertIn("state.db: the store was replaced by another file while this process was using it", err)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
