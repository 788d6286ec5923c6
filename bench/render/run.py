#!/usr/bin/python3
"""Rendering benchmark: what each format costs, per report, on the reference
portfolio; and the whole pack (all eight reports, text + HTML with charts +
PDF) in one run.

run.py QUARTERDECK WORK_DIR [--runs N]

  --runs N   timed runs of every measurement; the table gives the median
             (default 5; one untimed warm-up run comes first)

Per format, all reports: `generate PF --as-of 2026-11-16 --format text,F --out
DIR`; and per report and format: `generate ... --only ID --format F`, for F
in text, html, json, markdown, pdf. Every generate renders
the text part (e-mail always carries it), so `--format text` is the baseline:
the cost of loading the portfolio, analysing it, building the report and
rendering its text. The cost of another format is its median minus the
baseline's median, in CPU time (user + system: the process's own rusage,
from wait4, to the microsecond), which other processes on the machine
disturb far less than wall time. Differences within the baseline's range
(printed with it) are noise. A format the
program cannot render yet (its generate fails) is shown as "fails" with the
first line of its error, and left out of the pack.

The pack: `generate PF --as-of 2026-11-16 --format text,html,pdf` (every
report), median wall time, CPU time and peak RSS; and how many chart
images the HTML files carry, so a fast run without charts cannot pass for the
real thing.

The portfolio is a fresh copy of examples/portfolio (tests/tools/copy-portfolio:
no store, so no comparison with earlier runs) under WORK_DIR, with its fixture
repositories built first (scripts/build-fixture-repos, idempotent); the binary
is a snapshot copied into WORK_DIR, so a rebuild during the run cannot mix two
versions. Markdown tables for docs/benchmarks.md go to stdout; progress and
the load average (anything else running skews the figures) to stderr.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(ROOT, "examples", "portfolio")
AS_OF = "2026-11-16"
FORMATS = ["text", "html", "json", "markdown", "pdf"]
EXTENSION = {"text": "txt", "html": "html", "json": "json", "markdown": "md", "pdf": "pdf"}
PACK = ["text", "html", "pdf"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Failed(Exception):
    pass


def timed(binary, portfolio, out, formats, only=None):
    """One generate; returns (wall s, cpu s, peak kB). Raises Failed with the first error line.

    The process's own rusage (wait4): CPU time to the microsecond, where
    /usr/bin/time rounds to 10 ms, more than rendering a text format costs."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [binary, "generate", portfolio, "--as-of", AS_OF, "--out", out, "--format", ",".join(formats)]
    if only:
        cmd += ["--only", only]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").splitlines()
            raise Failed(lines[0] if lines else f"exit {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


class Measure:
    """Medians of `runs` timed generates (after one warm-up), and the CPU range."""

    def __init__(self, runs, binary, portfolio, out, formats, only=None):
        timed(binary, portfolio, out, formats, only)  # warm-up: page cache, git objects
        samples = [timed(binary, portfolio, out, formats, only) for _ in range(runs)]
        self.wall = statistics.median(s[0] for s in samples)
        self.cpu = statistics.median(s[1] for s in samples)
        self.kb = statistics.median(s[2] for s in samples)
        self.cpu_low = min(s[1] for s in samples)
        self.cpu_high = max(s[1] for s in samples)


def report_ids(binary, portfolio, out):
    timed(binary, portfolio, out, ["text"])
    ids = sorted(os.path.splitext(f)[0] for f in os.listdir(out) if f.endswith(".txt"))
    if not ids:
        sys.exit("bench: generate wrote no reports")
    return ids


def chart_images(out):
    count = 0
    for f in os.listdir(out):
        if f.endswith(".html"):
            count += len(re.findall(r"data:image/png;base64,", open(os.path.join(out, f), encoding="utf-8").read()))
    return count


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def ms_added(seconds):
    text = f"{seconds * 1000:+.0f}"
    return "0" if text in ("+0", "-0") else text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("work")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.runs < 1:
        sys.exit("bench: --runs must be at least 1")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    binary = os.path.join(work, "quarterdeck")
    shutil.copy2(os.path.abspath(args.binary), binary + ".tmp")
    os.replace(binary + ".tmp", binary)
    subprocess.run([os.path.join(ROOT, "scripts", "build-fixture-repos"), os.path.join(REFERENCE, "repo-fixtures"),
                    os.path.join(REFERENCE, "repos")], check=True, stdout=subprocess.DEVNULL)
    portfolio = os.path.join(work, "pf")
    shutil.rmtree(portfolio, ignore_errors=True)
    subprocess.run([os.path.join(ROOT, "tests", "tools", "copy-portfolio"), REFERENCE, portfolio], check=True)
    out = os.path.join(work, "out")
    log(f"load average before: {load()}")

    ids = report_ids(binary, portfolio, out)
    failed = {}   # format -> first error line

    def measure(formats, only=None):
        try:
            m = Measure(args.runs, binary, portfolio, out, formats, only)
        except Failed as e:
            failed[formats[-1]] = str(e)
            log(f"{formats[-1]}: fails ({e}); left out")
            return None
        log(f"{only or 'all'} {','.join(formats)}: {ms(m.cpu)} ms CPU (load {load()})")
        return m

    # Every report at once first: eight times the signal, so a format's cost
    # stands out of the noise better than one report's does.
    whole = {}
    for fmt in FORMATS:
        if fmt not in failed:
            whole[fmt] = measure(["text"] if fmt == "text" else ["text", fmt])
    cost = {}     # (id, format) -> Measure
    for report in ids:
        for fmt in FORMATS:
            if fmt not in failed:
                cost[(report, fmt)] = measure([fmt], report)

    def added(m, base):
        return "fails" if m is None else ms_added(m.cpu - base.cpu)

    print(f"### What each format adds, CPU ms (median of {args.runs})\n")
    print("The baseline is `--format text`: load the portfolio, analyse it, build the report and render its")
    print("text, which every generate does; each other column is what rendering that format adds to it.")
    print("The baseline's range (fastest to slowest run) shows how much of a difference is noise.\n")
    print("| Reports | text (baseline) | " + " | ".join(f"+{f}" for f in FORMATS[1:]) + " |")
    print("|---|" + "---:|" * len(FORMATS))
    rows = [(f"all {len(ids)}", whole)] + [(r, {f: cost.get((r, f)) for f in FORMATS}) for r in ids]
    for name, by_format in rows:
        base = by_format["text"]
        cells = [f"{ms(base.cpu)} ({ms(base.cpu_low)}–{ms(base.cpu_high)})"]
        cells += [added(by_format.get(fmt), base) for fmt in FORMATS[1:]]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for fmt, error in failed.items():
        print(f"\n`{fmt}` fails: {error}")

    pack = [f for f in PACK if f not in failed]
    m = Measure(args.runs, binary, portfolio, out, pack)
    documents = len([f for f in os.listdir(out) if not f.startswith(".")])
    charts = chart_images(out)
    print(f"\n### All {len(ids)} reports in one run: `generate --format {','.join(pack)}` (median of {args.runs})\n")
    print("| Documents | Chart images in the HTML | Wall | CPU | Peak RSS | Under a second (wall) |")
    print("|---:|---:|---:|---:|---:|---|")
    print(f"| {documents} | {charts} | {ms(m.wall)} ms | {ms(m.cpu)} ms | {m.kb / 1024:.1f} MB | "
          f"{'yes' if m.wall < 1.0 else 'no'} |")
    if pack != PACK:
        print(f"\nWithout {', '.join(f for f in PACK if f not in pack)}: it fails (above).")
    log(f"load average after: {load()}")


if __name__ == "__main__":
    main()
