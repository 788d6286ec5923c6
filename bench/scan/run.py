#!/usr/bin/python3
"""Secret-scanner benchmark: `quarterdeck scan` against secretlint (with its
recommended preset), on the same generated corpora, in one run.

run.py QUARTERDECK WORK_DIR [--size-mb N] [--runs R] [--secretlint-runs R]
                            [--seed S] [--details] [--only detection|throughput]

Corpora are made by bench/scan/gen_corpus.py and cached in WORK_DIR, keyed by
the parameters and by a hash of the generator. node_modules here is
installed with `npm ci` when it is missing or older than package-lock.json.

Detection: both tools scan the detection corpus once. A planted secret counts
as found when the tool reports any finding at the same relative path and
line (quarterdeck's line-0 file-level findings, such as env-file, do not
count for recall). Every distinct path:line a tool reports inside clean/ is
a false positive, line 0 included. Prints one Markdown row per family.

Throughput: the ~N MiB tree is read once to warm the page cache, then each
tool scans it R times (secretlint: --secretlint-runs, default R, but only one
run when its first run takes over 60 s); the table gives the median wall time,
the median peak resident memory (from /usr/bin/time), MB/s (MB = 2^20 bytes)
and ratios against quarterdeck. quarterdeck is also run under `taskset -c 0`
("one core"). secretlint writes `--format unix` here (its JSON formatter
repeats every file's content), quarterdeck `--format json`.

Everything goes to stdout as Markdown, ready for docs/benchmarks.md; progress
goes to stderr, and the misses and false positives with their corpus lines go
to WORK_DIR/scan-details.md (and to stdout with --details). Exits 1 when a
tool fails outright: a crash, an unexpected exit status, unparseable output.
"""
import argparse
import hashlib
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
GEN = os.path.join(HERE, "gen_corpus.py")
SECRETLINT = os.path.join(HERE, "node_modules", ".bin", "secretlint")
SECRETLINTRC = os.path.join(HERE, ".secretlintrc.json")
FAMILIES = ["aws", "stripe", "github", "slack", "google", "twilio", "sendgrid", "private-key", "jwt", "database-url",
            "generic"]
MIB = 1024 * 1024
SLOW_SECONDS = 60


class ToolFailure(Exception):
    pass


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- setup

def corpus(work, kind, seed, size_mb=None):
    """Returns (tree, manifest) of a cached corpus, making it when needed."""
    with open(GEN, "rb") as f:
        gen_hash = hashlib.sha256(f.read()).hexdigest()[:10]
    stem = f"{kind}-{size_mb}mb-seed{seed}" if size_mb else f"{kind}-seed{seed}"
    out = os.path.join(work, f"{stem}-{gen_hash}")
    manifest_path = os.path.join(out, "manifest.json")
    if not os.path.exists(manifest_path):
        for old in os.listdir(work):  # the same corpus from an older generator
            if old.startswith(stem + "-") and old != os.path.basename(out):
                shutil.rmtree(os.path.join(work, old), ignore_errors=True)
        log(f"generating {kind} corpus in {out}")
        cmd = [sys.executable, GEN, kind, out, "--seed", str(seed)]
        if size_mb:
            cmd += ["--size-mb", str(size_mb)]
        subprocess.run(cmd, check=True)
    with open(manifest_path, encoding="utf-8") as f:
        return os.path.join(out, "corpus"), json.load(f)


def npm_ci():
    lock = os.path.join(HERE, "package-lock.json")
    stamp = os.path.join(HERE, "node_modules", ".package-lock.json")
    if os.path.exists(stamp) and os.path.exists(SECRETLINT) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return
    log("npm ci in bench/scan")
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: npm ci failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def version(cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (done.stdout.strip() or done.stderr.strip()).splitlines()[0] if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return None


def has_scan(binary):
    """True when `QUARTERDECK scan --help` shows the scan subcommand's own help
    (an unknown subcommand gets the top-level help, with status 0)."""
    try:
        done = subprocess.run([binary, "scan", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and re.search(r"^Usage:.*\bscan\b", done.stdout, re.M) is not None


# ---------------------------------------------------------------- the tools

def quarterdeck_cmd(binary, tree):
    return [binary, "scan", tree, "--format", "json", "--fail-on", "none"], None


def secretlint_cmd(tree, fmt):
    # Run from inside the tree: secretlint reads .gitignore files from its
    # working directory down, and the repository's own .gitignore lists build/.
    return [SECRETLINT, "**/*", "--format", fmt, "--secretlintrc", SECRETLINTRC, "--no-color"], tree


def relative(path, cwd, tree):
    full = os.path.normpath(os.path.join(cwd or os.getcwd(), path))
    rel = os.path.relpath(full, tree)
    return rel.replace(os.sep, "/")


def parse_quarterdeck(out, cwd, tree):
    """{(path, line): [(rule, family)]} and the 'scanned' block, from `scan --format json`."""
    try:
        doc = json.loads(out)
        findings = {}
        for f in doc["findings"]:
            key = (relative(f["path"], cwd, tree), int(f["line"]))
            findings.setdefault(key, []).append((str(f.get("rule")), str(f.get("family"))))
        scanned = doc.get("scanned", {})
        if not isinstance(scanned, dict):
            raise TypeError("scanned is not an object")
        return findings, scanned
    except (ValueError, KeyError, TypeError) as e:
        raise ToolFailure(f"quarterdeck: unparseable JSON output ({e}): {out[:300]!r}")


def parse_secretlint_json(out, cwd, tree):
    try:
        findings = {}
        for result in json.loads(out):
            for m in result["messages"]:
                key = (relative(result["filePath"], cwd, tree), int(m["loc"]["start"]["line"]))
                rule = m.get("ruleId", "").rsplit("/", 1)[-1].replace("secretlint-rule-", "")
                findings.setdefault(key, []).append((f"{rule}:{m.get('messageId')}", rule))
        return findings, {}
    except (ValueError, KeyError, TypeError) as e:
        raise ToolFailure(f"secretlint: unparseable JSON output ({e}): {out[:300]!r}")


UNIX_LINE = re.compile(r"^(.+?):(\d+):(\d+): \[([^\]]*)\] .* \[\w+/(.+)\]$")


def parse_secretlint_unix(out, cwd, tree):
    findings = {}
    for line in out.splitlines():
        m = UNIX_LINE.match(line)
        if m:
            rule = m.group(5).rsplit("/", 1)[-1].replace("secretlint-rule-", "")
            findings.setdefault((relative(m.group(1), cwd, tree), int(m.group(2))), []).append(
                (f"{rule}:{m.group(4)}", rule))
        elif line.strip() and not re.match(r"^\s*\d+ problems?", line) and not line.startswith("✖"):
            raise ToolFailure(f"secretlint: unexpected output line: {line[:300]!r}")
    return findings, {}


def run_once(name, cmd, cwd, ok_codes, timeout, stdout_path=None):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak_kb, stdout). The wall
    time is taken here, as /usr/bin/time's %e has only 10 ms resolution."""
    t0 = time.perf_counter()
    try:
        if stdout_path:
            with open(stdout_path, "w", encoding="utf-8") as out:
                done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], cwd=cwd, stdout=out,
                                      stderr=subprocess.PIPE, text=True, timeout=timeout)
            with open(stdout_path, encoding="utf-8", errors="replace") as f:
                stdout = f.read()
        else:
            done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], cwd=cwd, capture_output=True, text=True,
                                  timeout=timeout)
            stdout = done.stdout
        seconds = time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        raise ToolFailure(f"{name}: timed out after {timeout} s: {' '.join(cmd)}")
    lines = done.stderr.strip().splitlines()
    if done.returncode not in ok_codes:
        raise ToolFailure(f"{name}: exit status {done.returncode}: {' '.join(cmd)}\n" + "\n".join(lines[-15:]))
    try:
        return seconds, int(lines[-1].split()[1]), stdout
    except (IndexError, ValueError):
        raise ToolFailure(f"{name}: no /usr/bin/time line in its standard error: {lines[-3:]}")


# ---------------------------------------------------------------- detection

def line_of(tree, path, line):
    try:
        with open(os.path.join(tree, path), encoding="utf-8", errors="replace") as f:
            for n, text in enumerate(f, 1):
                if n == line:
                    text = text.rstrip("\n")
                    return text if len(text) <= 160 else text[:157] + "..."
    except OSError:
        pass
    return ""


def files_in(tree):
    return [os.path.join(d, f) for d, _, files in os.walk(tree) for f in files]


def scanned_note(name, scanned, files, size):
    skipped = scanned.get("skipped") or []
    reasons = {}
    for s in skipped:
        reasons[str(s.get("reason"))] = reasons.get(str(s.get("reason")), 0) + 1
    return (f"{name} reported {scanned.get('files')} files, {scanned.get('bytes')} bytes scanned"
            + (f"; skipped {', '.join(f'{v} {k}' for k, v in sorted(reasons.items()))}" if skipped else "")
            + f" (the tree has {files} files" + (f", {size} bytes)." if size else ")."))


def pct(n, d):
    return f"{100 * n / d:.0f}%" if d else "-"


def detection(tools, tree, manifest, failures):
    planted = manifest["planted"]
    planted_keys = {(p["path"], p["line"]) for p in planted}
    results, scans = {}, {}
    notes = []
    for name, (cmd, cwd), parse in tools:
        log(f"detection: {name}")
        try:
            _, _, out = run_once(name, cmd, cwd, (0, 1), 600)
            results[name], scanned = parse(out, cwd, tree)
            scans[name] = scanned
            if scanned:
                notes.append(scanned_note(name, scanned, len(files_in(tree)), None))
        except ToolFailure as e:
            failures.append(str(e))
            results[name] = None
    names = [name for name, _, _ in tools]
    out = ["### Detection", "",
           f"{len(planted)} planted secrets in {len({p['path'] for p in planted})} files; "
           f"{len(manifest['decoys'])} decoy lines in clean/. Found = any finding on the planted line.", "",
           "| family | planted | " + " | ".join(names) + " |",
           "| --- | ---: | " + " | ".join("---:" for _ in names) + " |"]
    families = FAMILIES + sorted({p["family"] for p in planted} - set(FAMILIES))
    found = {name: {} for name in names}
    for family in families:
        items = [p for p in planted if p["family"] == family]
        if not items:
            continue
        cells = []
        for name in names:
            if results[name] is None:
                cells.append("failed")
                continue
            hit = [p for p in items if (p["path"], p["line"]) in results[name]]
            found[name][family] = hit
            cells.append(f"{len(hit)} ({pct(len(hit), len(items))})")
        out.append(f"| {family} | {len(items)} | " + " | ".join(cells) + " |")
    cells = []
    for name in names:
        if results[name] is None:
            cells.append("failed")
            continue
        n = sum(len(v) for v in found[name].values())
        cells.append(f"**{n} ({pct(n, len(planted))})**")
    out.append(f"| **all** | **{len(planted)}** | " + " | ".join(cells) + " |")
    fps, extras, filelevel = {}, {}, {}
    for name in names:
        if results[name] is None:
            continue
        fps[name] = sorted(k for k in results[name] if k[0].startswith("clean/"))
        extras[name] = sorted(k for k in results[name]
                              if not k[0].startswith("clean/") and k[1] > 0 and k not in planted_keys)
        filelevel[name] = sorted(k for k in results[name] if not k[0].startswith("clean/") and k[1] <= 0)
    cell = lambda d: " | ".join(str(len(d[n])) if n in d else "failed" for n in names)
    out.append(f"| false positives in clean/ (lines flagged) | {len(manifest['decoys'])} decoys | {cell(fps)} |")
    out.append(f"| other lines flagged outside clean/ | | {cell(extras)} |")
    out.append(f"| file-level findings (line 0) outside clean/ | | {cell(filelevel)} |")
    if notes:
        out += [""] + notes

    d = ["## Detection details", ""]
    for name in names:
        if results[name] is None:
            d += [f"### {name}: failed", ""]
            continue
        misses = [p for p in planted if (p["path"], p["line"]) not in results[name]]
        d += [f"### {name}: {len(misses)} missed", ""]
        d += [f"- {p['family']}: `{p['path']}:{p['line']}`: `{line_of(tree, p['path'], p['line'])}`" for p in misses]
        wrong = [(p, results[name][(p["path"], p["line"])]) for p in planted
                 if (p["path"], p["line"]) in results[name]
                 and p["family"] not in {fam for _, fam in results[name][(p["path"], p["line"])]}]
        if name == "quarterdeck" and wrong:
            d += ["", f"#### {name}: found under another family ({len(wrong)})", ""]
            d += [f"- {p['family']} reported as {', '.join(sorted({r for r, _ in hits}))}: `{p['path']}:{p['line']}`"
                  for p, hits in wrong]
        kinds = {(x["path"], x["line"]): x["kind"] for x in manifest["decoys"]}
        d += ["", f"#### {name}: false positives in clean/ ({len(fps[name])})", ""]
        d += [f"- {kinds.get(k, 'not a decoy line')} flagged by {', '.join(sorted({r for r, _ in results[name][k]}))}: "
              f"`{k[0]}:{k[1]}`: `{line_of(tree, *k) if k[1] > 0 else '(whole file)'}`" for k in fps[name]]
        d += ["", f"#### {name}: other lines flagged outside clean/ ({len(extras[name])})", ""]
        d += [f"- {', '.join(sorted({r for r, _ in results[name][k]}))}: `{k[0]}:{k[1]}`: `{line_of(tree, *k)}`"
              for k in extras[name]]
        skipped = scans.get(name, {}).get("skipped") or []
        if skipped:
            d += ["", f"#### {name}: skipped files ({len(skipped)})", ""]
            d += [f"- {s.get('reason')}: `{relative(str(s.get('path')), None, tree)}`" for s in skipped]
        if filelevel[name]:
            d += ["", f"#### {name}: file-level findings ({len(filelevel[name])})", ""]
            d += [f"- {', '.join(sorted({r for r, _ in results[name][k]}))}: `{k[0]}`" for k in filelevel[name]]
        d.append("")
    return out, d


# ---------------------------------------------------------------- throughput

def warm(tree):
    total = 0
    for dirpath, _, files in os.walk(tree):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    total += len(chunk)
    return total


def throughput(binary, tree, manifest, work, runs, sl_runs, scan_ok, failures):
    size = manifest["bytes"]
    mb = size / MIB
    log(f"throughput: warming the page cache ({mb:.0f} MB, {manifest['files']} files)")
    warm(tree)
    planted = {(p["path"], p["line"]) for p in manifest["planted"]}
    rows = []
    notes = []
    configs = []
    if scan_ok:
        cmd, cwd = quarterdeck_cmd(binary, tree)
        configs.append(("quarterdeck", cmd, cwd, (0, 1), runs, parse_quarterdeck))
        configs.append(("quarterdeck, one core (taskset -c 0, --jobs 1)", ["taskset", "-c", "0", *cmd, "--jobs", "1"],
                        cwd, (0, 1), runs, parse_quarterdeck))
    cmd, cwd = secretlint_cmd(tree, "unix")
    configs.append(("secretlint", cmd, cwd, (0, 1), sl_runs, parse_secretlint_unix))
    for name, cmd, cwd, ok, n, parse in configs:
        times, peaks = [], []
        try:
            for i in range(n):
                log(f"throughput: {name}, run {i + 1}/{n}")
                seconds, kb, out = run_once(name, cmd, cwd, ok, 3600, os.path.join(work, "scan-output.txt"))
                times.append(seconds)
                peaks.append(kb)
                if i == 0:
                    findings, scanned = parse(out, cwd, tree)
                if name == "secretlint" and seconds > SLOW_SECONDS:
                    break
        except ToolFailure as e:
            failures.append(str(e))
            rows.append((name, None))
            continue
        hits = sum(1 for k in planted if k in findings)
        other = sum(1 for k in findings if k not in planted and k[1] > 0)
        rows.append((name, (len(times), statistics.median(times), statistics.median(peaks) / 1024, hits, other)))
        if scanned and name == "quarterdeck":
            notes.append(scanned_note(name, scanned, manifest["files"], size))
    base = next((r for n, r in rows if n == "quarterdeck" and r), None)
    out = ["### Throughput", "",
           f"{mb:.0f} MB (MB = 2^20 bytes) in {manifest['files']} generated text files, {len(planted)} planted secrets; "
           f"page cache warm; median of the runs shown; {os.cpu_count()} cores.", "",
           "| tool | runs | median s | MB/s | peak RSS MB | time x | memory x | planted found | other lines flagged |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in rows:
        if r is None:
            out.append(f"| {name} | failed | | | | | | | |")
            continue
        n, seconds, peak, hits, other = r
        tx = f"{seconds / base[1]:.1f}" if base and base[1] > 0 else "-"
        mx = f"{peak / base[2]:.1f}" if base and base[2] > 0 else "-"
        rate = f"{mb / seconds:.1f}" if seconds > 0 else "-"
        out.append(f"| {name} | {n} | {seconds:.3f} | {rate} | {peak:.1f} | {tx} | {mx} | {hits}/{len(planted)} | {other} |")
    sl = next((r for n, r in rows if n == "secretlint" and r), None)
    if base and sl and base[1] > 0:
        out += ["", f"quarterdeck scans {sl[1] / base[1]:.1f}x as fast as secretlint "
                    f"({mb / base[1]:.1f} vs {mb / sl[1]:.1f} MB/s)."]
    if sl and sl[0] < sl_runs:
        notes.append(f"secretlint ran once: its first run took over {SLOW_SECONDS} s.")
    notes.append("secretlint writes --format unix here (its JSON repeats each file's content); quarterdeck --format json.")
    out += [""] + notes
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("quarterdeck")
    ap.add_argument("work")
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3, choices=range(1, 100), metavar="R")
    ap.add_argument("--secretlint-runs", type=int, default=None, help="default: --runs (1 when a run takes > 60 s)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--only", choices=["detection", "throughput"])
    ap.add_argument("--details", action="store_true", help="also print the misses and false positives")
    args = ap.parse_args()
    binary, work = os.path.abspath(args.quarterdeck), os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    npm_ci()
    failures = []
    scan_ok = has_scan(binary)
    if not scan_ok:
        failures.append(f"quarterdeck: `{binary} scan --help` does not work; quarterdeck was not measured")
    q_version = re.sub(r"^quarterdeck\s+", "", version([binary, "--version"]) or "?")
    sl_version = version([SECRETLINT, "--version"]) or "?"
    out = ["## Secret scanning: quarterdeck scan vs secretlint", "",
           f"quarterdeck {q_version}; secretlint {sl_version} with @secretlint/secretlint-rule-preset-recommend "
           f"(bench/scan/package-lock.json); node {version(['node', '--version']) or '?'}. "
           f"Corpora from bench/scan/gen_corpus.py, seed {args.seed}.", ""]
    details = []
    if args.only in (None, "detection"):
        tree, manifest = corpus(work, "detection", args.seed)
        tools = []
        if scan_ok:
            tools.append(("quarterdeck", quarterdeck_cmd(binary, tree), parse_quarterdeck))
        tools.append(("secretlint", secretlint_cmd(tree, "json"), parse_secretlint_json))
        table, details = detection(tools, tree, manifest, failures)
        out += table + [""]
    if args.only in (None, "throughput"):
        tree, manifest = corpus(work, "throughput", args.seed, args.size_mb)
        out += throughput(binary, tree, manifest, work, args.runs,
                          args.secretlint_runs if args.secretlint_runs is not None else args.runs,
                          scan_ok, failures) + [""]
    print("\n".join(out))
    if details:
        with open(os.path.join(work, "scan-details.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(details) + "\n")
        if args.details:
            print("\n".join(details))
        else:
            log(f"misses and false positives: {os.path.join(work, 'scan-details.md')}")
    if failures:
        for failure in failures:
            log(f"FAILED: {failure}")
        sys.exit(1)


if __name__ == "__main__":
    main()
