"""Every e-mail of the reference run, as the reader's mail client gets it.

    html_email_test.py QUARTERDECK

`run` delivers the reference portfolio into its outbox; each message parses
with Python's `email` package without defects; its text and HTML parts are
quoted-printable and decode to exactly what `generate` writes (the HTML with
each `cid:` image put back as the data: URI `generate` uses); the HTML part
is under 100 KB as encoded on the wire; every `cid:` it refers to is an
inline image of the message (the portfolio's logo, and the charts); and it
carries the attachments its definition's formats ask for, JSON only where
asked. Prints each message's HTML size on the wire.
"""
import base64
import email
import email.policy
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tools"))

from mail_checks import (HTML_LIMIT, cids_in, expected_attachments, formats_by_report,  # noqa: E402
                         html_part, html_part_problems, logo_of, related_images)

AS_OF = "2026-11-16"
BIN = None
# Credentials from the caller's shell would change where mail goes.
SCRUB = ("SES_FROM_ADDRESS", "RECIPIENT_EMAIL", "SMTP_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


def quarterdeck(*args):
    env = {k: v for k, v in os.environ.items() if k not in SCRUB}
    done = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"quarterdeck {args[0]}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def lf(text):
    return text.replace("\r\n", "\n")


class ReferenceRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="qd-html-email-")
        tmp = Path(cls._tmp.name)
        cls.pf = tmp / "portfolio"
        subprocess.run([str(ROOT / "tests" / "tools" / "copy-portfolio"), str(ROOT / "examples" / "portfolio"),
                        str(cls.pf)], check=True)
        quarterdeck("run", cls.pf, "--as-of", AS_OF)
        cls.generated = tmp / "generated"
        quarterdeck("generate", cls.pf, "--as-of", AS_OF, "--out", cls.generated, "--store", tmp / "none.db",
                    "--format", "text,html")
        cls.messages = {}  # outbox file name -> parsed message
        new = cls.pf / ".quarterdeck" / "outbox" / "new"
        for path in sorted(new.iterdir()):
            raw = path.read_bytes()
            cls.messages[path.name] = email.message_from_bytes(raw, policy=email.policy.default)
        cls.formats = formats_by_report(cls.pf)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def report_of(self, msg):
        """The report a message carries: the generated text it equals."""
        text = lf(msg.get_body(preferencelist=("plain",)).get_content())
        for txt in self.generated.glob("*.txt"):
            if lf(txt.read_text(encoding="utf-8")) == text:
                return txt.stem
        self.fail(f"{msg['Subject']}: its text part is none of the generated reports")

    def test_eight_messages(self):
        self.assertEqual(len(self.messages), 8)
        self.assertEqual(sorted(self.report_of(m) for m in self.messages.values()), sorted(self.formats))

    def test_html_under_the_limit_quoted_printable_every_cid_a_part(self):
        sizes = {}
        for name, msg in self.messages.items():
            problems, size = html_part_problems(msg)
            self.assertEqual(problems, [], name)
            sizes[self.report_of(msg)] = size
        for report, size in sorted(sizes.items()):
            print(f"{report}: HTML part {size} bytes on the wire")
        self.assertTrue(all(0 < s < HTML_LIMIT for s in sizes.values()), sizes)

    def test_parts_decode_to_what_generate_writes(self):
        for name, msg in self.messages.items():
            report = self.report_of(msg)
            html = html_part(msg).get_content()
            images = related_images(msg)
            for cid in set(cids_in(html)):
                part = images[cid]
                data = base64.b64encode(part.get_payload(decode=True)).decode("ascii")
                html = html.replace(f"cid:{cid}", f"data:{part.get_content_type()};base64,{data}")
            expected = (self.generated / f"{report}.html").read_text(encoding="utf-8")
            self.assertEqual(lf(html), lf(expected), name)

    def test_the_logo_is_inline_in_every_message(self):
        logo = logo_of(self.pf).read_bytes()
        for name, msg in self.messages.items():
            images = [p.get_payload(decode=True) for p in related_images(msg).values()]
            self.assertIn(logo, images, name)

    def test_attachments_follow_the_formats(self):
        for name, msg in self.messages.items():
            report = self.report_of(msg)
            attached = sorted(p.get_filename() for p in msg.iter_attachments() if p.get_filename())
            self.assertEqual(attached, expected_attachments(self.formats[report], report), name)
            # The reference portfolio asks for no JSON: people do not read it.
            self.assertNotIn("json", self.formats[report])
            self.assertFalse(any(p.get_content_type() == "application/json" for p in msg.walk()), name)

    def test_html_lines_are_quoted_printable_short(self):
        for name, msg in self.messages.items():
            encoded = html_part(msg).get_payload(decode=False)
            self.assertLessEqual(max(len(line) for line in encoded.splitlines()), 76, name)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: html_email_test.py QUARTERDECK [TEST...]")
    BIN = str(Path(sys.argv[1]).resolve())
    unittest.main(argv=[sys.argv[0], *sys.argv[2:]], verbosity=2)
