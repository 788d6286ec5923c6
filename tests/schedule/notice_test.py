"""A run against an SMTP server that refuses everything: exactly one notice
to the owner, with the command that resumes the run.

    notice_test.py QUARTERDECK

The SMTP peer (tests/peers/smtp_sink.js, smtp-server on loopback with
STARTTLS and AUTH) answers every DATA with 550 and keeps what it refused.
`quarterdeck run` exits 1; the peer saw exactly one attempt addressed to the
owner role, a short text message whose body says what failed, why (the 550)
and `quarterdeck send DIR --resume RUN`; the notice is kept in exactly one
file in DIR/.quarterdeck/notices and printed on stderr. `send --resume`
failing the same run again notices nothing new; a second run's failure is a
new failure and gets its own one notice.
"""
import email
import email.policy
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "tests" / "peers"
AS_OF = "2026-11-16"
OWNER = "night-owner@example.com"  # apart from the CEO's address, so the notice is told from the reports
BIN = None
SCRUB = ("SES_FROM_ADDRESS", "RECIPIENT_EMAIL", "SES_REGION", "AWS_REGION", "AWS_ACCESS_KEY_ID",
         "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_SESV2", "SMTP_URL",
         "QUARTERDECK_CLOCK_FILE")
PASSWORD = "s3cret-Pa55"


def wait_for(condition, what, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class RefusingServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="qd-notice-")
        cls.tmp = Path(cls._tmp.name)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-days", "2", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", cls.tmp / "key.pem", "-out", cls.tmp / "cert.pem"],
                       check=True, capture_output=True)
        cls.sink = cls.tmp / "sink"
        cls.sink_out = open(cls.tmp / "sink.stdout", "w")
        cls.peer = subprocess.Popen(
            ["node", PEERS / "smtp_sink.js", "--port", "0", "--out", cls.sink,
             "--tls-key", cls.tmp / "key.pem", "--tls-cert", cls.tmp / "cert.pem", "--starttls-required",
             "--auth", f"qd-reports:{PASSWORD}", "--fail-every-nth", "1:550", "--keep-rejected"],
            stdout=cls.sink_out, stderr=subprocess.STDOUT)
        line = wait_for(lambda: re.search(r"^listening (\d+)$", (cls.tmp / "sink.stdout").read_text(), re.M),
                        "the SMTP peer to listen")
        cls.url = f"smtp://127.0.0.1:{line.group(1)}"
        cls.env = {k: v for k, v in os.environ.items() if k not in SCRUB}
        cls.env.update(SMTP_USERNAME="qd-reports", SMTP_PASSWORD=PASSWORD, SMTP_CA_FILE=str(cls.tmp / "cert.pem"))

        cls.pf = (cls.tmp / "pf").resolve()
        subprocess.run([ROOT / "tests" / "tools" / "copy-portfolio", ROOT / "examples" / "portfolio", cls.pf],
                       check=True)
        config = cls.pf / "portfolio.toml"
        text = config.read_text(encoding="utf-8")
        assert 'owner = ["${RECIPIENT_EMAIL}"]' in text
        config.write_text(text.replace('owner = ["${RECIPIENT_EMAIL}"]', f'owner = ["{OWNER}"]', 1),
                          encoding="utf-8")
        cls.first = cls.quarterdeck("run", cls.pf, "--as-of", AS_OF, "--transport", "smtp", "--smtp-url", cls.url)

    @classmethod
    def tearDownClass(cls):
        cls.peer.terminate()
        cls.peer.wait(timeout=30)
        cls.sink_out.close()
        cls._tmp.cleanup()

    @classmethod
    def quarterdeck(cls, *args):
        return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=cls.env, timeout=300)

    def attempts(self):
        log = self.sink / "log.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def to_owner(self):
        return [a for a in self.attempts() if OWNER in a["rcpt_to"]]

    def notices(self):
        return sorted((self.pf / ".quarterdeck" / "notices").glob("*.txt"))

    @staticmethod
    def run_id(result):
        found = re.search(r"^Run (\S+) ", result.stdout, re.M)
        assert found, result.stdout
        return found.group(1)

    def test_1_one_notice_to_the_owner_with_the_resume_command(self):
        first = self.first
        self.assertEqual(first.returncode, 1, first.stdout + first.stderr)
        run_id = self.run_id(first)
        resume = f"quarterdeck send {self.pf} --resume {run_id}"

        # The reports were all refused; then one attempt to the owner, and it alone.
        attempts = self.attempts()
        self.assertTrue(attempts and all(a["status"] == "rejected" and a["code"] == 550 for a in attempts))
        owner = self.to_owner()
        self.assertEqual(len(owner), 1, attempts)
        self.assertEqual(owner[0]["rcpt_to"], [OWNER])
        self.assertEqual(attempts[-1], owner[0], "the notice comes after the run")

        refused = self.sink / f"rejected-{owner[0]['attempt']:06d}.eml"
        message = email.message_from_bytes(refused.read_bytes(), policy=email.policy.default)
        self.assertEqual(message["To"], OWNER)
        self.assertIsNone(message["Cc"])
        self.assertTrue(message["Subject"].startswith("[Quarterdeck] Failed: "), message["Subject"])
        self.assertFalse(message.is_multipart(), "a notice is short text, no attachments")
        body = message.get_content().replace("\r\n", "\n")
        lines = body.rstrip("\n").split("\n")
        self.assertTrue(lines[0].startswith("What failed: "), body)
        self.assertRegex(lines[1], r"^Why: 550 .*Mailbox unavailable$")
        self.assertEqual(lines[2:], ["", "To resume, run:", resume])

        # Kept in one file and printed on stderr, saying it could not be sent.
        kept = self.notices()
        self.assertEqual(len(kept), 1, kept)
        text = kept[0].read_text(encoding="utf-8")
        self.assertIn(body, text)
        self.assertRegex(text, r"\nNot sent to the owner: 550 .*Mailbox unavailable\.\n$")
        self.assertIn("quarterdeck: failure notice\n", first.stderr)
        self.assertIn(resume + "\n", first.stderr)
        for output in (first.stdout, first.stderr, text):
            self.assertNotIn(PASSWORD, output)

    def test_2_resuming_the_same_failure_notices_nothing_new(self):
        run_id = self.run_id(self.first)
        again = self.quarterdeck("send", self.pf, "--resume", run_id, "--transport", "smtp", "--smtp-url", self.url)
        self.assertEqual(again.returncode, 1, again.stdout + again.stderr)
        self.assertNotIn("failure notice", again.stderr)
        self.assertEqual(len(self.to_owner()), 1)
        self.assertEqual(len(self.notices()), 1)

    def test_3_a_new_failure_is_noticed_once(self):
        second = self.quarterdeck("run", self.pf, "--as-of", AS_OF, "--transport", "smtp", "--smtp-url", self.url)
        self.assertEqual(second.returncode, 1, second.stdout + second.stderr)
        run_id = self.run_id(second)
        self.assertNotEqual(run_id, self.run_id(self.first))
        owner = self.to_owner()
        self.assertEqual(len(owner), 2)
        kept = self.notices()
        self.assertEqual(len(kept), 2)
        self.assertEqual(sum(f"--resume {run_id}\n" in k.read_text(encoding="utf-8") for k in kept), 1)


if __name__ == "__main__":
    BIN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
