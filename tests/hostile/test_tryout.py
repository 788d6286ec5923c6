"""Try before sending: `run --to ADDRESS` (a test send) and `preview`.

A test send goes to the one address only, marked as a test, recorded as a
test and never as the real delivery: the real run that follows still sends
every report to its real recipients, and nothing is sent twice on resume.
`preview` writes one report's HTML and PDF into a new temporary folder and
prints their paths.
"""
import email
import email.policy
import json
import os
import sqlite3
from pathlib import Path

import hostile
from hostile import AS_OF, EXIT_INVALID, EXIT_OK, Case, run

TESTER = "tester@example.com"
REPORTS = 8  # in the reference portfolio


def outbox(pf):
    """The messages in the outbox, by file name: {name: parsed message}."""
    new = pf / ".quarterdeck" / "outbox" / "new"
    if not new.exists():
        return {}
    return {f.name: email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
            for f in sorted(new.iterdir())}


def addresses(msg, header):
    value = msg[header]
    return [] if value is None else sorted(a.addr_spec for a in value.addresses)


def audit(pf):
    result = run("audit", pf, "--format", "json")
    assert result.code == EXIT_OK, repr(result)
    return json.loads(result.out)


class TestSend(Case):
    def test_a_test_send_goes_to_the_tester_only_and_the_real_run_still_sends(self):
        pf = self.portfolio()
        test = run("run", pf, "--as-of", AS_OF, "--to", TESTER)
        self.assertExit(test, EXIT_OK)
        self.assertIn(f"every message to {TESTER} only, marked [Test]", test.out)
        self.assertIn(f"{REPORTS} sent, 0 already sent, 0 not sent.", test.out)
        self.assertIn("A test: the reports' real delivery for this date is still to be done.", test.out)
        tests = outbox(pf)
        self.assertEqual(len(tests), REPORTS)
        for name, msg in tests.items():
            self.assertEqual(addresses(msg, "To"), [TESTER], name)
            self.assertIsNone(msg["Cc"], name)
            self.assertIsNone(msg["Bcc"], name)
            self.assertTrue(msg["Subject"].startswith("[Test] [Quarterdeck] "), msg["Subject"])
            self.assertEqual(msg["X-Quarterdeck-Test"], "yes", name)
            self.assertEqual(msg.defects, [], name)
        log = audit(pf)
        self.assertEqual(len(log), REPORTS)
        for d in log:
            # The envelope too: no Cc, no Bcc, no audit copy.
            self.assertEqual((d["to"], d["cc"], d["bcc"], d["status"], d["test"]), ([TESTER], [], [], "sent", True))

        # The real run is not "already sent": every report goes to its real
        # recipients, with the audit copy, unmarked.
        real = run("run", pf, "--as-of", AS_OF)
        self.assertExit(real, EXIT_OK)
        self.assertIn(f"{REPORTS} sent, 0 already sent, 0 not sent.", real.out)
        self.assertNotIn("Test run", real.out)
        now = outbox(pf)
        self.assertEqual(len(now), 2 * REPORTS)
        real_messages = {n: m for n, m in now.items() if n not in tests}
        self.assertEqual(len(real_messages), REPORTS)
        for name, msg in real_messages.items():
            self.assertNotIn(TESTER, addresses(msg, "To") + addresses(msg, "Cc"), name)
            self.assertFalse(msg["Subject"].startswith("[Test]"), msg["Subject"])
            self.assertIsNone(msg["X-Quarterdeck-Test"], name)
        self.assertIn(["cfo@example.com", "controller@example.com"],
                      [addresses(m, "To") for m in real_messages.values()])
        log = audit(pf)
        self.assertEqual(len(log), 2 * REPORTS)
        real_log = [d for d in log if not d["test"]]
        self.assertEqual(len(real_log), REPORTS)
        for d in real_log:
            self.assertEqual(d["status"], "sent")
            self.assertEqual(d["bcc"], ["audit@example.com"])
        # Different keys: different Message-IDs.
        self.assertEqual(len({d["message_id"] for d in log}), 2 * REPORTS)

        # The table marks test sends where it names the report.
        table = run("audit", pf)
        self.assertExit(table, EXIT_OK)
        rows = [line for line in table.out.splitlines() if " sent " in line]
        self.assertEqual(len(rows), 2 * REPORTS)
        self.assertEqual(sum("(test)" in line for line in rows), REPORTS)
        self.assertTrue(all(TESTER in line for line in rows if "(test)" in line))

        # Both again: each was sent; nothing goes out twice.
        for args in (["--to", TESTER], []):
            again = run("run", pf, "--as-of", AS_OF, *args)
            self.assertExit(again, EXIT_OK)
            self.assertIn(f"0 sent, {REPORTS} already sent, 0 not sent.", again.out)
        self.assertEqual(len(outbox(pf)), 2 * REPORTS)

    def test_a_test_run_is_not_what_the_next_run_compares_with(self):
        pf = self.portfolio()
        self.assertExit(run("run", pf, "--as-of", AS_OF, "--to", TESTER), EXIT_OK)
        db = sqlite3.connect(pf / ".quarterdeck" / "state.db")
        try:
            self.assertEqual(db.execute("SELECT test_to FROM runs").fetchall(), [(TESTER,)])
            self.assertEqual(db.execute("SELECT COUNT(*) FROM snapshots").fetchone(), (0,))
        finally:
            db.close()

    def test_a_planned_test_resumes_as_a_test_and_once(self):
        pf = self.portfolio()
        planned = run("run", pf, "--as-of", AS_OF, "--to", "Tester@Example.com", "--plan-only")
        self.assertExit(planned, EXIT_OK)
        self.assertEqual(outbox(pf), {})
        resumed = run("send", pf, "--resume")
        self.assertExit(resumed, EXIT_OK)
        self.assertIn("every message to Tester@Example.com only, marked [Test]", resumed.out)
        self.assertIn(f"{REPORTS} sent, 0 already sent, 0 not sent.", resumed.out)
        sent = outbox(pf)
        self.assertEqual(len(sent), REPORTS)
        for msg in sent.values():
            self.assertEqual(addresses(msg, "To"), ["Tester@Example.com"])
            self.assertEqual(msg["X-Quarterdeck-Test"], "yes")
        again = run("send", pf, "--resume")
        self.assertExit(again, EXIT_OK)
        self.assertIn("Nothing to resume: every run is done.", again.out)
        self.assertEqual(len(outbox(pf)), REPORTS)
        self.assertTrue(all(d["test"] for d in audit(pf)))

    def test_an_address_that_is_not_one_stops_before_anything_is_sent(self):
        for address, why in (("tester", "expected local@domain"), ("", "expected local@domain"),
                             ("tester@", "no domain"), ("tester@localhost", "the domain is not a host name"),
                             ("tëster@example.com", "the local part must be ASCII")):
            with self.subTest(address=address):
                pf = self.portfolio(name=f"pf{len(address)}")
                result = run("run", pf, "--as-of", AS_OF, "--to", address)
                self.assertExit(result, EXIT_INVALID)
                self.assertLocated(result, f"--to: expected an e-mail address (name@example.com), found `{address}`: {why}")
                self.assertFalse((pf / ".quarterdeck").exists(), "nothing may be recorded or sent")


class TestPreview(Case):
    def preview(self, pf, *args):
        return run("preview", pf, "--as-of", AS_OF, *args, env={"TMPDIR": str(self.tmp / "t")})

    def setUp(self):
        super().setUp()
        (self.tmp / "t").mkdir()

    def test_preview_writes_the_html_and_the_pdf_into_a_new_folder(self):
        pf = self.portfolio()
        result = self.preview(pf, "--report", "cfo")
        paths = [Path(line) for line in result.out.splitlines()]
        folders = list((self.tmp / "t").iterdir())
        self.assertEqual(len(folders), 1, repr(result))
        self.assertTrue(folders[0].name.startswith("quarterdeck-preview-"))
        html = folders[0] / "cfo.html"
        self.assertEqual(paths[0], html)
        page = html.read_text(encoding="utf-8")
        self.assertIn("<html", page)
        self.assertNotIn("cid:", page)  # the charts are data: URIs: the file stands alone
        self.assertExit(result, EXIT_OK)
        self.assertEqual(paths, [html, folders[0] / "cfo.pdf"])
        self.assertTrue(paths[1].read_bytes().startswith(b"%PDF-"))
        self.assertEqual(sorted(p.name for p in folders[0].iterdir()), sorted(p.name for p in paths))
        self.assertFalse((pf / ".quarterdeck").exists(), "preview records and sends nothing")

    def test_each_preview_has_its_own_folder(self):
        pf = self.portfolio()
        first = self.preview(pf, "--report", "ceo")
        second = self.preview(pf, "--report", "ceo")
        self.assertNotEqual(first.out.splitlines()[0], second.out.splitlines()[0])
        self.assertEqual(len(list((self.tmp / "t").iterdir())), 2)

    def test_an_unknown_report_is_an_error_with_the_nearest_id(self):
        pf = self.portfolio()
        result = self.preview(pf, "--report", "cfoo")
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, "--report: unknown report `cfoo` (did you mean `cfo`?)")
        self.assertEqual(result.out, "")
        self.assertEqual(list((self.tmp / "t").iterdir()), [])

    def test_the_report_is_required(self):
        result = self.preview(self.portfolio())
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("--report is required", result.err)


if __name__ == "__main__":
    hostile.main()
