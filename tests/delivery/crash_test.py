#!/usr/bin/python3
"""Crash safety: a 200-message run is killed with SIGKILL at random points
(seeded, at least 20 times) and resumed each time. At the end every planned
message has been accepted by the SMTP sink at least once, the duplicates are
no more than the kills, and the audit log agrees with what the sink received.

crash_test.py QUARTERDECK [SEED]

The 200 messages are one report to 9,999 people plus the audit copy, split
into messages of 50 recipients.
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS = os.path.join(ROOT, "tests", "peers")
KILLS = 24
EXPECTED = 200


def start_sink(out):
    os.makedirs(out)
    proc = subprocess.Popen(["node", os.path.join(PEERS, "smtp_sink.js"), "--port", "0", "--out", out],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.match(r"listening (\d+)", line)
    if not match:
        sys.exit(f"crash: sink did not start: {line!r}")
    return proc, int(match.group(1))


def make_portfolio(work):
    pf = os.path.join(work, "pf")
    # Without the run state `make run` may have left in the checkout.
    subprocess.run([os.path.join(ROOT, "tests", "tools", "copy-portfolio"), os.path.join(ROOT, "examples", "portfolio"), pf],
                   check=True)
    path = os.path.join(pf, "portfolio.toml")
    text = open(path, encoding="utf-8").read()
    everyone = ", ".join(f'"reader{i:04d}@example.com"' for i in range(9999))
    text = text.replace("[recipients]\n", f"[recipients]\neveryone = [{everyone}]\n", 1)
    text = text.replace('transport = "outbox"', 'transport = "smtp"\nsmtp_starttls = "optional"', 1)
    text += '\n[[reports]]\nid = "all-hands"\npersona = "ceo"\ntitle = "All-hands digest"\nto = ["everyone"]\n'
    open(path, "w", encoding="utf-8").write(text)
    return pf


def main():
    binary = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261122
    rng = random.Random(seed)
    work = tempfile.mkdtemp()
    sink = None
    try:
        sink, port = start_sink(os.path.join(work, "sink"))
        pf = make_portfolio(work)
        env = dict(os.environ, SMTP_URL=f"smtp://127.0.0.1:{port}")
        log_path = os.path.join(work, "sink", "log.jsonl")

        def accepted_lines():
            if not os.path.exists(log_path):
                return []
            return [json.loads(l) for l in open(log_path) if l.strip()]

        # 20 messages a second: the 200 take about 10 s, so the kills land mid-run.
        common = ["--as-of", "2026-11-16", "--rate", "20"]
        # The first run plans all 200 messages before it sends one; it is killed
        # once the sink has seen its first message.
        proc = subprocess.Popen([binary, "run", pf, "--only", "all-hands", *common],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.time() + 120
        while not accepted_lines() and proc.poll() is None and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        kills = 0
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        # Then resume, killing each resume at a random point, until the kills are done.
        rounds = 0
        while kills < KILLS and rounds < 200:
            rounds += 1
            proc = subprocess.Popen([binary, "send", pf, "--resume", *common[2:]],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            time.sleep(rng.uniform(0.05, 1.2))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            elif proc.returncode == 0:
                break  # it finished the run before the kill: nothing is left to cut short
            proc.wait()
        # The last resume runs to the end.
        done = subprocess.run([binary, "send", pf, "--resume", *common[2:]], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"crash: the final resume failed:\n{done.stdout}{done.stderr}")
        audit = json.loads(subprocess.run([binary, "audit", pf, "--format", "json"], capture_output=True, text=True,
                                          check=True).stdout)
        planned = [d for d in audit if d["report_id"].startswith("all-hands")]
        received = [e for e in accepted_lines() if e["status"] == "accepted"]
        ids = [e["message_id"] for e in received]
        unique = set(ids)
        duplicates = len(ids) - len(unique)
        problems = []
        if kills < 20:
            problems.append(f"only {kills} kills landed")
        if len(planned) != EXPECTED:
            problems.append(f"{len(planned)} messages planned, expected {EXPECTED}")
        not_sent = [d["report_id"] for d in planned if d["status"] != "sent"]
        if not_sent:
            problems.append(f"not sent in the audit log: {not_sent[:5]}")
        missing = {d["message_id"] for d in planned} - unique
        if missing:
            problems.append(f"{len(missing)} planned messages never reached the sink")
        extra = unique - {d["message_id"] for d in planned}
        if extra:
            problems.append(f"the sink got {len(extra)} messages the audit log does not know")
        if duplicates > kills:
            problems.append(f"{duplicates} duplicates for {kills} kills")
        for d in planned:
            got = [e for e in received if e["message_id"] == d["message_id"]]
            if got and sorted(got[0]["rcpt_to"]) != sorted(d["to"] + d["cc"] + d["bcc"]):
                problems.append(f"{d['report_id']}: the sink's recipients differ from the audit log")
                break
        if problems:
            print("crash: " + "; ".join(problems))
            sys.exit(1)
        print(f"crash: {kills} SIGKILLs (seed {seed}), {len(planned)} messages all sent, "
              f"{len(ids)} accepted by the sink, {duplicates} duplicates (at most one per kill); audit agrees")
    finally:
        if sink is not None:
            sink.terminate()
            sink.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
