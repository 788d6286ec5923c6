#!/usr/bin/python3
"""Delivery benchmark: 1,000 messages to the local SMTP sink (smtp-server)
by quarterdeck and by nodemailer's pooled SMTP transport, in one run, and
1,000 messages to the SES v2 emulator by quarterdeck. Rate limit off.

run.py QUARTERDECK WORK_DIR [RUNS]

quarterdeck's messages are one report to 49,999 people plus the audit copy,
split into 1,000 messages of 50 recipients; nodemailer sends 1,000 messages
of the same size to 50 recipients each. Both are measured again with one
recipient a message (max_recipients_per_message = 1). quarterdeck plans the run first
(`run --plan-only`, not timed) and the timed part is `send --resume`, the
whole process (start-up, reading the portfolio, sending); nodemailer's time
is its send loop only, and its whole process is shown too. Peak memory is
the whole process's maximum resident size. Memory flatness: quarterdeck is
also timed on 250 messages.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS = os.path.join(ROOT, "tests", "peers")


def start(cmd, pattern):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(50):
        line = proc.stdout.readline()
        m = re.search(pattern, line)
        if m:
            return proc, int(m.group(1))
    sys.exit(f"bench: {cmd[1]} did not start")


def portfolio(work, name, people, transport, per_message=50):
    pf = os.path.join(work, name)
    shutil.rmtree(pf, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "examples", "portfolio"), pf, ignore=shutil.ignore_patterns(".quarterdeck"))
    path = os.path.join(pf, "portfolio.toml")
    text = open(path, encoding="utf-8").read()
    everyone = ", ".join(f'"reader{i:05d}@example.com"' for i in range(people))
    text = text.replace("[recipients]\n", f"[recipients]\neveryone = [{everyone}]\n", 1)
    text = text.replace('transport = "outbox"', f'transport = "{transport}"\nsmtp_starttls = "optional"\n'
                        f'max_recipients_per_message = {per_message}', 1)
    text += '\n[[reports]]\nid = "all-hands"\npersona = "ceo"\ntitle = "All-hands digest"\nto = ["everyone"]\n'
    open(path, "w", encoding="utf-8").write(text)
    return pf


def timed(cmd, env):
    t0 = time.time()
    done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:3])} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    seconds, kb = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb), done.stdout, time.time() - t0


def quarterdeck_send(binary, work, people, transport, env, runs, per_message=50):
    results = []
    for i in range(runs):
        pf = portfolio(work, f"pf-{transport}-{people}-{per_message}-{i}", people, transport, per_message)
        subprocess.run([binary, "run", pf, "--only", "all-hands", "--plan-only", "--as-of", "2026-11-16"],
                       check=True, capture_output=True, env=env)
        seconds, kb, out, _ = timed([binary, "send", pf, "--resume", "--rate", "0"], env)
        sent = int(re.search(r"^(\d+) sent", out, re.M).group(1))
        results.append((sent / seconds, kb / 1024, seconds, sent))
    return results


def nodemailer(port, size, recipients, env, runs):
    results = []
    for _ in range(runs):
        seconds, kb, out, _ = timed(["node", os.path.join(PEERS, "nodemailer_bench.js"), "--port", str(port),
                                     "--count", "1000", "--size", str(size), "--recipients", str(recipients)], env)
        result = json.loads(out.strip().splitlines()[-1])
        results.append((result["messages_per_second"], kb / 1024, seconds, result["messages"]))
    return results


def main():
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    os.makedirs(work, exist_ok=True)
    rows = []
    sink, port = start(["node", os.path.join(PEERS, "smtp_sink.js"), "--port", "0", "--out", os.path.join(work, "sink")],
                       r"listening (\d+)")
    try:
        env = dict(os.environ, SMTP_URL=f"smtp://127.0.0.1:{port}")
        q = quarterdeck_send(binary, work, 49999, "smtp", env, runs)
        sizes = [json.loads(l)["size"] for l in open(os.path.join(work, "sink", "log.jsonl")) if '"accepted"' in l]
        size = int(statistics.mean(sizes))
        rows.append(("quarterdeck", "smtp", 1000, q))
        q250 = quarterdeck_send(binary, work, 12499, "smtp", env, runs)
        rows.append(("quarterdeck", "smtp", 250, q250))
        n = nodemailer(port, size, 50, env, runs)
        rows.append(("nodemailer (send loop)", "smtp", 1000, n))
        rows.append(("nodemailer (whole process)", "smtp", 1000, [(1000 / s, m, s, c) for _, m, s, c in n]))
        # One recipient a message: what the SMTP dialogue costs without 50 RCPTs each.
        rows.append(("quarterdeck, 1 recipient", "smtp", 1000, quarterdeck_send(binary, work, 999, "smtp", env, runs, 1)))
        n1 = nodemailer(port, size, 1, env, runs)
        rows.append(("nodemailer, 1 recipient", "smtp", 1000, n1))
    finally:
        sink.terminate()
        sink.wait()
    ses, ses_port = start([os.path.join(PEERS, "start_ses.sh"), "0"], r"running at http://[^:]+:(\d+)")
    try:
        env = dict(os.environ, SES_REGION="us-west-2", AWS_ACCESS_KEY_ID="AKIABENCH", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_ENDPOINT_URL_SESV2=f"http://127.0.0.1:{ses_port}")
        rows.append(("quarterdeck", "ses", 1000, quarterdeck_send(binary, work, 49999, "ses", env, runs)))
    finally:
        ses.terminate()
        ses.wait()
    print(f"message size about {size} bytes, 50 recipients each; medians of {runs} runs")
    print(f"{'sender':<28} {'to':<5} {'messages':>8} {'msg/s':>8} {'peak MB':>8} {'seconds':>8}")
    for name, to, count, results in rows:
        rate = statistics.median(r[0] for r in results)
        peak = statistics.median(r[1] for r in results)
        seconds = statistics.median(r[2] for r in results)
        print(f"{name:<28} {to:<5} {count:>8} {rate:>8.1f} {peak:>8.1f} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
