"""Shared helpers for the integrations tests (tests/integrations/*_test.py).

Each test copies the example portfolio into a temporary folder, adds
[[webhooks]], [github] or [[chat]] pointing at a peer on loopback, runs
`quarterdeck run` once so the store exists, inserts events into the store's
log (as the run, the scheduler and the tasks append them) and runs
`quarterdeck push`.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "portfolio"
PEERS = ROOT / "tests" / "peers"
AS_OF = "2026-11-16"

# Credential variables that would leak into the cases from the caller's shell.
_SCRUB = ("SMTP_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GITHUB_API_URL",
          "GITHUB_TOKEN", "QUARTERDECK_CLOCK_FILE")

BIN = None  # set by main()


def main(module_main):
    global BIN
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} QUARTERDECK")
    BIN = os.path.abspath(sys.argv.pop(1))
    module_main()


class Result:
    def __init__(self, proc):
        self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def quarterdeck(*args, env=None, timeout=300):
    environment = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    environment.update(env or {})
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=environment, timeout=timeout)
    return Result(proc)


def make_portfolio(work, extra_toml):
    """The example portfolio in WORK/pf with `extra_toml` appended, run once
    (outbox) so that its store exists; returns (portfolio, store)."""
    pf = Path(work) / "pf"
    subprocess.run([str(ROOT / "tests" / "tools" / "copy-portfolio"), str(EXAMPLE), str(pf)], check=True)
    with open(pf / "portfolio.toml", "a", encoding="utf-8") as f:
        f.write("\n" + extra_toml)
    store = Path(work) / "state.db"
    return pf, store


def open_store(pf, store, env):
    """Creates the store as a run does, with a test run (`run --to`), which
    appends no events of its own: the tests add exactly the events they need."""
    r = quarterdeck("run", pf, "--as-of", AS_OF, "--store", store, "--only", "ceo", "--to", "tester@example.com",
                    env=env)
    if r.code != 0:
        raise AssertionError(f"quarterdeck run failed: {r!r}")


def event_id(type_, key):
    import hashlib
    return "evt_" + hashlib.sha256(f"{type_}|{key}".encode()).hexdigest()[:32]


def add_event(store, type_, key, payload, portfolio="Harbor & Hauling Portfolio", created_at=None):
    """Appends an event to the store's log as the producers do; returns its id."""
    eid = event_id(type_, key)
    db = sqlite3.connect(store)
    with db:
        db.execute("INSERT OR IGNORE INTO events(id, type, portfolio, created_at, payload) VALUES (?,?,?,?,?)",
                   (eid, type_, portfolio, int(created_at if created_at is not None else time.time()),
                    json.dumps(payload)))
    db.close()
    return eid


def deliveries(store):
    """{(event_id, target kind): (status, attempts, last_error, remote_id)}."""
    db = sqlite3.connect(store)
    rows = db.execute("SELECT event_id, target, status, attempts, last_error, remote_id FROM integration_deliveries")
    out = {(r[0], r[1].split(":")[0]): r[2:] for r in rows}
    db.close()
    return out


def task(task_id, title, **fields):
    t = {"id": task_id, "title": title, "owner_role": "cfo", "owner": "cfo@example.com", "due": "2026-11-27",
         "status": "open", "source_report": "cfo", "finding_id": "f-" + task_id, "finding_title": title,
         "evidence": [{"source": "data/journal.ledger", "detail": "Cloud costs rose 40% in October"}],
         "first_seen": "2026-11-09", "last_seen": "2026-11-16", "resolved_at": "", "url": ""}
    t.update(fields)
    return t


def run_completed(run_id, reports):
    return {"run_id": run_id, "portfolio": "Harbor & Hauling Portfolio", "as_of": AS_OF, "slot": "", "reports": reports,
            "sent": sum(1 for r in reports if r["status"] == "sent"),
            "not_sent": sum(1 for r in reports if r["status"] == "not sent")}


def run_failed(run_id):
    return {"run_id": run_id, "portfolio": "Harbor & Hauling Portfolio", "report": "cfo", "slot": "2026-11-16T15:00:00Z",
            "what": "The CFO report was not sent.",
            "why": "the SMTP server refused every message: 550 5.7.1 relaying denied <postmaster@example.org>",
            "resume": f"quarterdeck send --resume {run_id}"}


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wait_for(predicate, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
