#!/usr/bin/python3
"""Report-generation benchmark: the reference run, then reports per second on
many copies of the reference portfolio, one process per copy.

run.py QUARTERDECK WORK_DIR [--copies N] [--runs R] [--workers W] [--batch-runs B] [--repos link|copy]

  --copies N      portfolio copies for the batch (default 1000)
  --runs R        runs of the single reference generate (default 3)
  --workers W     parallel workers for the second batch (default 2)
  --batch-runs B  runs of each batch; the table gives the median (default 1)
  --repos MODE    link: each copy's repos/ is a symlink to the reference's
                  (default); copy: each copy gets its own copy of the git
                  repositories

Every generate is `QUARTERDECK generate PORTFOLIO --as-of 2026-11-16 --out DIR
--format text,html,json` (8 reports, 24 documents). First it builds the
example's fixture repositories (scripts/build-fixture-repos, idempotent) and
times the reference run R times (wall time and peak RSS from /usr/bin/time).

The copies live in WORK_DIR/copies-MODE/pNNNN and are cached: they are
reused when complete and rebuilt when the reference portfolio changed (a
stamp holds a hash of it). A copy is a real portfolio directory: its own
portfolio.toml, whose name is "<reference name> copy NNNN"; every other file
(data/, entities/, notes/, repos.env) a hard link to the reference's (the
program only reads them); repos/ a symlink or a copy. repo-fixtures/ is not
needed and left out.

Before timing, the first copy's 24 documents must equal the reference run's
except for lines that carry the portfolio name, so a fast wrong answer
cannot win. Then every copy is generated sequentially (one process after the
other) and with W workers (a thread pool, each thread running one process at
a time); each batch's wall time is measured around the whole batch, and each
process's user and system time and peak RSS come from /usr/bin/time.
Markdown tables for docs/benchmarks.md go to stdout, progress (with the load
average, since anything else running skews the figures) to stderr. Every run
uses a snapshot of QUARTERDECK copied into WORK_DIR, so a rebuild during the
run cannot fail a process half-way or mix two versions in one table.
"""
import argparse
import concurrent.futures
import hashlib
import html
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
REFERENCE = os.path.join(ROOT, "examples", "portfolio")
AS_OF = "2026-11-16"
FORMATS = "text,html,json"
LAYOUT = "1"  # bump when the copy layout changes, to invalidate the cache


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def generate_cmd(binary, portfolio, out):
    return ["/usr/bin/time", "-f", "%e %U %S %M", binary, "generate", portfolio, "--as-of", AS_OF,
            "--out", out, "--format", FORMATS]


def timed_generate(binary, portfolio, out):
    """One generate process; returns (wall s, user s, sys s, peak kB)."""
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(generate_cmd(binary, portfolio, out), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: generate {portfolio} failed:\n{done.stderr}")
    wall, user, system, kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), float(system), int(kb)


def count_output(out):
    """(reports, documents) in an output folder: distinct ids, files."""
    files = [f for f in os.listdir(out) if not f.startswith(".")]
    return len({os.path.splitext(f)[0] for f in files}), len(files)


def reference_name():
    text = open(os.path.join(REFERENCE, "portfolio.toml"), encoding="utf-8").read()
    m = re.search(r'^name = "(.*)"$', text, re.M)
    if not m:
        sys.exit("bench: no name line in examples/portfolio/portfolio.toml")
    return m.group(1)


def reference_digest(mode):
    """Hash of everything a copy is made from, so a changed reference rebuilds the cache."""
    h = hashlib.sha256(f"layout {LAYOUT} repos {mode}\0".encode())
    for root, dirs, files in os.walk(REFERENCE):
        rel_root = os.path.relpath(root, REFERENCE)
        if rel_root == ".":
            dirs[:] = [d for d in dirs if d not in ("repos", "repo-fixtures", ".quarterdeck")]
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            st = os.stat(path)
            h.update(f"{os.path.relpath(path, REFERENCE)}\0{st.st_ino}\0".encode())
            with open(path, "rb") as f:
                h.update(f.read() + b"\0")
    stamp = os.path.join(REFERENCE, "repos", ".fixtures-stamp")
    if os.path.exists(stamp):
        h.update(open(stamp, "rb").read())
    return h.hexdigest()


def link_or_copy(src, dst, how):
    try:
        os.link(src, dst)
        how["hard link"] = how.get("hard link", 0) + 1
    except OSError:  # another file system, or links not allowed: copy
        shutil.copy2(src, dst)
        how["copy"] = how.get("copy", 0) + 1


def make_copy(dest, index, name, mode, how):
    tmp = dest + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for entry in sorted(os.listdir(REFERENCE)):
        src, dst = os.path.join(REFERENCE, entry), os.path.join(tmp, entry)
        if entry in ("repo-fixtures", ".quarterdeck"):
            continue
        if entry == "portfolio.toml":
            text = open(src, encoding="utf-8").read()
            text, n = re.subn(r'^name = ".*"$', f'name = "{name} copy {index:04d}"', text, count=1, flags=re.M)
            if n != 1:
                sys.exit("bench: could not rename the copy's portfolio")
            open(dst, "w", encoding="utf-8").write(text)
        elif entry == "repos":
            if mode == "link":
                os.symlink(src, dst)
            else:
                shutil.copytree(src, dst, symlinks=True)
        elif os.path.isdir(src):
            for root, dirs, files in os.walk(src):
                target = os.path.join(dst, os.path.relpath(root, src))
                os.makedirs(target, exist_ok=True)
                for f in files:
                    link_or_copy(os.path.join(root, f), os.path.join(target, f), how)
        else:
            link_or_copy(src, dst, how)
    open(os.path.join(tmp, ".bench-complete"), "w").close()
    os.rename(tmp, dest)


def make_copies(work, count, mode):
    base = os.path.join(work, f"copies-{mode}")
    stamp_path = os.path.join(base, ".stamp")
    digest = reference_digest(mode)
    if not os.path.exists(stamp_path) or open(stamp_path).read() != digest:
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(base)
        open(stamp_path, "w").write(digest)
    name = reference_name()
    how, made = {}, 0
    t0 = time.perf_counter()
    copies = []
    for i in range(1, count + 1):
        dest = os.path.join(base, f"p{i:04d}")
        if not os.path.exists(os.path.join(dest, ".bench-complete")):
            shutil.rmtree(dest, ignore_errors=True)
            make_copy(dest, i, name, mode, how)
            made += 1
        copies.append(dest)
    seconds = time.perf_counter() - t0
    # Only the copies in use (the cache may hold more); hard links count once.
    du = subprocess.run(["du", "-skc", *copies], capture_output=True, text=True).stdout.split()[-2]
    log(f"copies: {made} made, {count - made} reused, {seconds:.1f} s, {int(du) / 1024:.1f} MB on disk "
        f"(files: {how or 'all reused'})")
    return copies, made, seconds, int(du)


def name_forms(name):
    return {name, html.escape(name), html.escape(name, quote=False), json.dumps(name)[1:-1]}


def check_copy(ref_out, copy_out, ref_name, marker):
    """Every document of the copy equals the reference's except on lines with the portfolio name."""
    ref_forms = name_forms(ref_name)
    ref_files = sorted(os.listdir(ref_out))
    if sorted(os.listdir(copy_out)) != ref_files:
        sys.exit(f"bench: {copy_out} holds other files than {ref_out}")
    renamed = {}
    for f in ref_files:
        a = open(os.path.join(ref_out, f), encoding="utf-8").read().splitlines()
        b = open(os.path.join(copy_out, f), encoding="utf-8").read().splitlines()
        if len(a) != len(b):
            sys.exit(f"bench: {f}: {len(b)} lines in the copy, {len(a)} in the reference")
        differing = 0
        for n, (x, y) in enumerate(zip(a, b), 1):
            if x == y:
                continue
            if marker not in y or not any(form in x for form in ref_forms):
                sys.exit(f"bench: {f}:{n} differs beyond the portfolio name:\n  reference: {x}\n  copy:      {y}")
            differing += 1
        renamed[f] = differing
    if renamed.get("ceo.json", 0) == 0:
        sys.exit("bench: ceo.json of the copy does not show the copy's name")
    return len(ref_files), renamed


def run_batch(binary, copies, out_base, workers):
    shutil.rmtree(out_base, ignore_errors=True)
    os.makedirs(out_base)
    jobs = [(c, os.path.join(out_base, os.path.basename(c))) for c in copies]
    t0 = time.perf_counter()
    if workers == 1:
        results = [timed_generate(binary, c, o) for c, o in jobs]
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda job: timed_generate(binary, *job), jobs))
    wall = time.perf_counter() - t0
    reports = documents = 0
    for _, o in jobs:  # not timed: every copy wrote every document
        r, d = count_output(o)
        reports += r
        documents += d
    return wall, results, reports, documents


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("work")
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-runs", type=int, default=1)
    ap.add_argument("--repos", choices=["link", "copy"], default="link")
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    # A snapshot of the binary: a rebuild during the run (minutes) must not
    # fail a process half-way or mix two versions in one table.
    binary = os.path.join(work, "quarterdeck-under-test")
    shutil.copy2(os.path.abspath(args.binary), binary + ".tmp")
    os.replace(binary + ".tmp", binary)

    subprocess.run([os.path.join(ROOT, "scripts", "build-fixture-repos"),
                    os.path.join(REFERENCE, "repo-fixtures"), os.path.join(REFERENCE, "repos")], check=True)

    # 1. The reference run.
    ref_out = os.path.join(work, "reference-out")
    timed_generate(binary, REFERENCE, ref_out)  # warm the page cache; not counted
    ref_runs = [timed_generate(binary, REFERENCE, ref_out) for _ in range(args.runs)]
    ref_reports, ref_docs = count_output(ref_out)
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (anything else running skews the figures)")
    log(f"reference: {ref_reports} reports, {ref_docs} documents, runs {[r[0] for r in ref_runs]}")

    # 2. The copies, and the check that the first one gives the reference's answer.
    copies, made, copy_seconds, copy_kb = make_copies(work, args.copies, args.repos)
    check_out = os.path.join(work, "check-out")
    timed_generate(binary, copies[0], check_out)
    checked, renamed = check_copy(ref_out, check_out, reference_name(), "copy 0001")
    log(f"check: the first copy's {checked} documents equal the reference's except "
        f"{sum(renamed.values())} name lines (ceo.json: {renamed['ceo.json']})")

    # 3. The batches.
    batches = []
    for workers in (1, args.workers):
        runs = []
        for r in range(args.batch_runs):
            log(f"batch: {args.copies} copies, {workers} worker(s), run {r + 1}/{args.batch_runs} ...")
            wall, results, reports, documents = run_batch(binary, copies, os.path.join(work, "batch-out"), workers)
            if reports != ref_reports * len(copies) or documents != ref_docs * len(copies):
                sys.exit(f"bench: the batch wrote {reports} reports and {documents} documents, "
                         f"expected {ref_reports * len(copies)} and {ref_docs * len(copies)}")
            log(f"  {wall:.1f} s, {reports / wall:.1f} reports/s; load average after: "
                f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            runs.append((wall, results, reports, documents))
        runs.sort(key=lambda run: run[0])
        batches.append((workers, runs[len(runs) // 2]))
    shutil.rmtree(os.path.join(work, "batch-out"), ignore_errors=True)

    # 4. The tables.
    mb = lambda kb: f"{kb / 1024:,.1f} MB"
    print(f"Reference run: `generate examples/portfolio --as-of {AS_OF} --format {FORMATS}`, "
          f"{ref_reports} reports, {ref_docs} documents:\n")
    print("| run | wall time | user | sys | peak RSS |\n| --- | ---: | ---: | ---: | ---: |")
    for n, (wall, user, system, kb) in enumerate(ref_runs, 1):
        print(f"| {n} | {wall:.2f} s | {user:.2f} s | {system:.2f} s | {mb(kb)} |")
    med_wall = statistics.median(r[0] for r in ref_runs)
    print(f"\nMedian {med_wall:.2f} s, {mb(statistics.median(r[3] for r in ref_runs))}: "
          f"{ref_reports / med_wall:.0f} reports/s, {ref_docs / med_wall:.0f} documents/s.\n")

    how = "a symlink to the reference's" if args.repos == "link" else "a copy of the reference's"
    print(f"{len(copies):,} copies of the reference portfolio (data files hard links, repos/ {how}; "
          f"{mb(copy_kb)} on disk), each generated by its own process; the first copy's {checked} documents "
          f"checked against the reference run"
          + (f"; median of {args.batch_runs} runs" if args.batch_runs > 1 else "") + ":\n")
    print("| workers | wall time | reports/s | documents/s | per copy | CPU user | CPU sys | peak RSS per process |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for workers, (wall, results, reports, documents) in batches:
        user = sum(r[1] for r in results)
        system = sum(r[2] for r in results)
        print(f"| {workers} | {wall:,.1f} s | {reports / wall:,.1f} | {documents / wall:,.1f} | "
              f"{wall / len(copies) * 1000:.0f} ms | {user:,.1f} s | {system:,.1f} s | "
              f"{mb(max(r[3] for r in results))} |")
    seq_wall, par_wall = batches[0][1][0], batches[1][1][0]
    print(f"\nSpeed-up with {args.workers} workers: {seq_wall / par_wall:.2f}x. CPU per copy "
          f"(user + sys, sequential batch): {sum(r[1] + r[2] for r in batches[0][1][1]) / len(copies) * 1000:.0f} ms; "
          f"median per-process wall time {statistics.median(r[0] for r in batches[0][1][1]) * 1000:.0f} ms "
          f"sequential, {statistics.median(r[0] for r in batches[1][1][1]) * 1000:.0f} ms with {args.workers} workers.")


if __name__ == "__main__":
    main()
