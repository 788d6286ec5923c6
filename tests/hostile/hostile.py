"""Shared helpers for the hostile-input tests (tests/hostile/test_*.py).

Each test file is a unittest module registered in CTest by tests/CMakeLists.txt
as `hostile_<name>`, run with the quarterdeck binary as its one argument:

    python3 tests/hostile/test_journal.py build-asan/quarterdeck

A case copies what it needs into a temporary folder (never the checkout's run
state: `.quarterdeck/`, outputs), breaks one thing, runs the binary and asserts
the exact outcome: exit status, the located message, or the correct figure.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "portfolio"
SECOND = ROOT / "tests" / "portfolios" / "second"
AS_OF = "2026-11-16"

# Exit statuses of the program (src/cli/commands.hpp).
EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_BUSY, EXIT_INTERNAL = 0, 1, 2, 75, 70

# Credential variables that would leak into the cases from the caller's shell.
_SCRUB = ("SES_FROM_ADDRESS", "RECIPIENT_EMAIL", "SES_REGION", "AWS_REGION", "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_SESV2", "SMTP_URL")

BIN = None  # set by main()


def run_state(name):
    """True for what a run leaves in a portfolio folder, never copied."""
    return name in (".quarterdeck", "out")


def copy_portfolio(dest, source=EXAMPLE):
    """Copies a portfolio into `dest` (a new folder) without run state."""
    shutil.copytree(source, dest, ignore=lambda _dir, names: [n for n in names if run_state(n)],
                    symlinks=True)
    return Path(dest)


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run(*args, cwd=None, env=None, timeout=300, stdin=None):
    """Runs the binary with `args`; returns a Result (code, out, err as text)."""
    environment = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    environment.update(env or {})
    proc = subprocess.run([BIN, *map(str, args)], cwd=cwd, env=environment, capture_output=True,
                          timeout=timeout, stdin=stdin if stdin is not None else subprocess.DEVNULL)
    proc.stdout = proc.stdout.decode("utf-8", "backslashreplace")
    proc.stderr = proc.stderr.decode("utf-8", "backslashreplace")
    return Result(proc)


class Case(unittest.TestCase):
    """A test case with a fresh temporary folder in self.tmp."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="qd-hostile-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def portfolio(self, source=EXAMPLE, name="pf"):
        return copy_portfolio(self.tmp / name, source)

    def assertExit(self, result, code):
        self.assertEqual(result.code, code, repr(result))
        self.assertNotEqual(result.code, EXIT_INTERNAL, repr(result))

    def assertLocated(self, result, text):
        """`text` (e.g. "data/books.journal:12:5: ...") appears on stderr."""
        self.assertIn(text, result.err, repr(result))


def main():
    global BIN
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} QUARTERDECK [unittest options]")
    BIN = os.path.realpath(sys.argv.pop(1))
    unittest.main(verbosity=2)
