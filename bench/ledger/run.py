#!/usr/bin/python3
"""Side-by-side benchmark: `balance --flat` by quarterdeck, ledger and hledger
on the same generated journals, in one run.

run.py QUARTERDECK WORK_DIR [SIZE:RUNS ...]     (default 100000:5 1000000:3)

Each size's journal is made by tests/ledger/gen_journal.py (seed 42) and
cached in WORK_DIR. Every tool runs RUNS times; the table gives the median
wall time, the median peak resident memory (from /usr/bin/time), and the
ratios against quarterdeck. Before timing, it checks that the three agree
(tests/ledger/compare.py), so a fast wrong answer cannot win.
"""
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def measure(cmd, runs):
    times, peaks = [], []
    for _ in range(runs):
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed:\n{done.stderr}")
        seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
        times.append(float(seconds))
        peaks.append(int(kilobytes))
    return statistics.median(times), statistics.median(peaks)


def main():
    binary, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    specs = sys.argv[3:] or ["100000:5", "1000000:3"]
    os.makedirs(work, exist_ok=True)
    print(f"{'transactions':>12}  {'tool':<12} {'median s':>9} {'peak MB':>9} {'time x':>8} {'memory x':>9}")
    for spec in specs:
        size, runs = (int(x) for x in spec.split(":"))
        journal_dir = os.path.join(work, f"journal-{size}")
        journal = os.path.join(journal_dir, "main.journal")
        if not os.path.exists(journal):
            subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests/ledger/gen_journal.py"), journal_dir,
                            str(size), "42"], check=True)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests/ledger/compare.py"), binary, journal],
                       check=True, stdout=subprocess.DEVNULL)
        tools = [("quarterdeck", [binary, "ledger", "balance", journal, "--flat"]),
                 ("ledger", ["ledger", "-f", journal, "bal", "--flat"]),
                 ("hledger", ["hledger", "-f", journal, "bal", "--flat"])]
        results = {name: measure(cmd, runs) for name, cmd in tools}
        base_time, base_mem = results["quarterdeck"]
        for name, (seconds, kb) in results.items():
            print(f"{size:>12,}  {name:<12} {seconds:>9.2f} {kb / 1024:>9.1f} {seconds / base_time:>8.1f} "
                  f"{kb / base_mem:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
