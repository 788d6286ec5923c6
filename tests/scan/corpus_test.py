#!/usr/bin/env python3
"""The team's labelled corpus (tests/scan/corpus) against `quarterdeck scan`.

corpus-expected.txt says what a correct scanner reports: one line per true
secret, `PATH:LINE FAMILY` (LINE 0 for a file-level finding).
corpus-decoys.txt lists the deliberate look-alikes, `PATH:LINE FAMILY what`,
which no rule may report. The corpus is copied to a temporary folder (no git:
a plain directory scan) and scanned; the set of (path, line, family) reported
must equal the expected set. On a difference every miss, false positive and
family mismatch is printed, one per line. No output form (json, text, sarif)
may contain an expected secret's value, and each family needs at least five
true and five false examples in at least three kinds of file.

corpus-known-misses.txt lists the true secrets the scanner is known to miss
(or to report under another family), `PATH:LINE FAMILY why`: the limits
docs/scan.md states. They stay in corpus-expected.txt, they are counted as
misses in the summary, and a known miss that starts being found fails the
test until it is taken off the list, so the list only shrinks.

Usage: corpus_test.py QUARTERDECK_BINARY
"""
import collections
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
MIN_PER_FAMILY = 5
MIN_KINDS_PER_FAMILY = 3


def read_labels(name, with_what):
    """Lines of `PATH:LINE FAMILY [what]`; a malformed line is an error with its place."""
    path = os.path.join(HERE, name)
    labels = []
    for number, text in enumerate(open(path, encoding="utf-8"), 1):
        text = text.rstrip("\n")
        m = re.fullmatch(r"(\S+):(\d+) ([a-z0-9-]+)( \S.*)?", text)
        if not m or (with_what and not m.group(4)):
            sys.exit(f"{name}:{number}:1: expected `PATH:LINE FAMILY{' what-it-is' if with_what else ''}`")
        where = (m.group(1), int(m.group(2)))
        if not os.path.isfile(os.path.join(CORPUS, where[0])):
            sys.exit(f"{name}:{number}:1: no file {where[0]} in tests/scan/corpus")
        labels.append((where, m.group(3), (m.group(4) or "").strip()))
    return labels


def file_lines(rel):
    with open(os.path.join(CORPUS, rel), "rb") as f:
        return f.read().decode("utf-8", "replace").split("\n")


def kind(rel):
    """The kind of file a case sits in: its extension, or its name when it has none."""
    base = os.path.basename(rel)
    ext = os.path.splitext(base)[1]
    return ext if ext and base[0] != "." else base


def entropy(s):
    counts = collections.Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def secret_of(rel, line, family):
    """The secret value on an expected line: its most random-looking token
    (for a PEM block, the first line of its body)."""
    lines = file_lines(rel)
    text = lines[line - 1]
    if family == "private-key" and line < len(lines):
        text += " " + lines[line]
    tokens = re.split(r"[\s\"'`=,;(){}\[\]<>@|&?:]+|\\n", text)
    best, best_score = None, 0.0
    for t in tokens:
        t = t.strip("/")
        classes = sum(bool(re.search(p, t)) for p in ("[a-z]", "[A-Z]", "[0-9]"))
        if len(t) < 12 or classes < 2 or "example.com" in t:
            continue
        score = len(t) * entropy(t)
        if score > best_score:
            best, best_score = t, score
    return best


def run_scan(qd, root, fmt):
    proc = subprocess.run([qd, "scan", root, "--format", fmt, "--fail-on", "none"],
                          capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        sys.exit(f"`quarterdeck scan --format {fmt}` exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def reported_family(finding):
    # A file rule's finding names the file rule's kind: `private-key-file`
    # for a key file, beside the `private-key` family of a key block's line.
    if finding["line"] == 0 and finding["family"] == "private-key":
        return "private-key-file"
    return finding["family"]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: corpus_test.py QUARTERDECK_BINARY")
    qd = os.path.abspath(sys.argv[1])
    expected = read_labels("corpus-expected.txt", with_what=False)
    decoys = read_labels("corpus-decoys.txt", with_what=True)
    known = {where: why for where, _, why in read_labels("corpus-known-misses.txt", with_what=True)}
    problems = []
    for where in known:
        if where not in {w for w, _, _ in expected}:
            problems.append(f"label: known miss {where[0]}:{where[1]} is not in corpus-expected.txt")

    # The labels themselves: one label a place, no place both true and false,
    # enough cases of each family in enough kinds of file.
    want = {}
    for where, family, _ in expected:
        if where in want:
            problems.append(f"label: {where[0]}:{where[1]} is listed twice in corpus-expected.txt")
        want[where] = family
    decoy_at = {}
    for where, family, what in decoys:
        if where in want:
            problems.append(f"label: {where[0]}:{where[1]} is both expected and a decoy")
        decoy_at[where] = (family, what)
    for where in list(want) + list(decoy_at):
        if where[1] > len(file_lines(where[0])):
            problems.append(f"label: {where[0]}:{where[1]} is past the end of the file")
    true_by_family = collections.defaultdict(list)
    false_by_family = collections.defaultdict(list)
    for where, family, _ in expected:
        true_by_family[family].append(where)
    for where, family, _ in decoys:
        false_by_family[family].append(where)
    for family in sorted(set(true_by_family) | set(false_by_family)):
        for name, cases in (("true", true_by_family[family]), ("false", false_by_family[family])):
            kinds = {kind(p) for p, _ in cases}
            if len(cases) < MIN_PER_FAMILY or len(kinds) < MIN_KINDS_PER_FAMILY:
                problems.append(f"label: family {family} has {len(cases)} {name} examples in {len(kinds)} kinds "
                                f"of file (at least {MIN_PER_FAMILY} in {MIN_KINDS_PER_FAMILY} needed)")

    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "corpus")
        shutil.copytree(CORPUS, root)
        doc = json.loads(run_scan(qd, root, "json"))
        outputs = {"json": json.dumps(doc), "text": run_scan(qd, root, "text"), "sarif": run_scan(qd, root, "sarif")}

    got = {}
    for f in doc["findings"]:
        rel = os.path.relpath(f["path"], root) if os.path.isabs(f["path"]) else f["path"]
        got.setdefault((rel, f["line"]), set()).add(reported_family(f))

    missed = wrong = false_pos = 0
    found_by_family = collections.Counter()
    fp_by_family = collections.Counter()
    known_noted = []
    for where, family in sorted(want.items()):
        if where in known:
            if where in got and family in got[where]:
                problems.append(f"known miss now found: {where[0]}:{where[1]} {family}: "
                                "take it off corpus-known-misses.txt")
            else:
                known_noted.append(f"known miss: {where[0]}:{where[1]} {family} ({known[where]})")
            if where not in got:
                missed += 1
            elif family not in got[where]:
                wrong += 1
            else:
                found_by_family[family] += 1
            continue
        if where not in got:
            missed += 1
            problems.append(f"miss: {where[0]}:{where[1]} {family}")
        elif family not in got[where]:
            wrong += 1
            problems.append(f"family: {where[0]}:{where[1]} expected {family}, reported {' '.join(sorted(got[where]))}")
        else:
            found_by_family[family] += 1
    for where, families in sorted(got.items()):
        if where in want:
            continue
        false_pos += 1
        for family in families:
            fp_by_family[family] += 1
        note = f" (decoy {decoy_at[where][0]}: {decoy_at[where][1]})" if where in decoy_at else ""
        problems.append(f"false positive: {where[0]}:{where[1]} {' '.join(sorted(families))}{note}")

    # No output form shows a secret.
    for (rel, line), family in sorted(want.items()):
        if line == 0:
            continue
        secret = secret_of(rel, line, family)
        if secret is None:
            problems.append(f"label: no secret-looking token on {rel}:{line}")
            continue
        for fmt, text in outputs.items():
            if secret in text or secret[-12:] in text:
                problems.append(f"leak: the {fmt} output shows the secret of {rel}:{line} ({secret[:4]}…)")

    print("family: found/expected, false positives")
    for family in sorted(set(true_by_family) | set(fp_by_family)):
        print(f"  {family}: {found_by_family[family]}/{len(true_by_family[family])}, {fp_by_family[family]}")
    for p in known_noted + problems:
        print(p)
    print(f"{len(want)} expected: {len(want) - missed - wrong} found, {missed} missed, {wrong} of another family; "
          f"{false_pos} false positives ({sum(1 for w in got if w in decoy_at)} on listed decoys)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
