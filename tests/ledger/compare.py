#!/usr/bin/python3
"""Balances from quarterdeck, ledger and hledger on the same journal must be
identical for every account and commodity.

compare.py QUARTERDECK JOURNAL [OPTION...]
compare.py QUARTERDECK JOURNAL --register [OPTION...]

OPTION is passed to all three tools (`--begin DATE`, `--end DATE`,
`--depth N`, `--cleared`, `--pending`, `--uncleared`, `--real`, and `--cost`, which
is ledger's and hledger's `-B`); `--flat` is always on. `--peer NAME`
(ledger or hledger) compares with that peer only, for a construct the other
reads differently. Exits 1 and prints every difference.

With --register, the register's postings (date, payee, account as shown,
commodity, amount) are compared instead: with ledger in order, with hledger
per transaction in any order (hledger puts an automated transaction's
postings after the posting they matched, ledger at the end). `--auto` is
given to hledger, which applies automated transactions only with it.
"""
import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal

AMOUNT = re.compile(r"^(?P<pre>[^\d\s-]*)\s?(?P<num>-?[\d,.]+)\s?(?P<post>[^\d\s]*)$")


def parse_amount(text):
    """'$-1,250.00' -> ('$', Decimal('-1250.00')); '1250 EUR' -> ('EUR', ...)."""
    # ledger shows a lot with a fixed price (`{=$10}`) apart: its quantity
    # counts in the commodity, as quarterdeck reads lots for balances.
    text = re.sub(r"\s*(\{[^}]*\}|\[[^\]]*\]|\([^)]*\))", "", text).strip()
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    m = AMOUNT.match(text)
    if not m:
        raise ValueError(f"cannot read amount {text!r}")
    number = m["num"]
    # A decimal comma (`1.000,00 EUR`, declared with `commodity`): the part
    # after the last comma has no point and is not a group of three.
    tail = number.rsplit(",", 1)[-1]
    if "," in number and "." not in tail and ("." in number or len(tail) != 3):
        number = number.replace(".", "").replace(",", ".")
    value = Decimal(number.replace(",", ""))
    if negative:
        value = -value
    return (m["pre"] or m["post"]), value


def add(result, account, commodity, value):
    if value == 0:
        return
    result.setdefault(account, {})
    result[account][commodity] = result[account].get(commodity, Decimal(0)) + value


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"compare: {' '.join(cmd)} failed:\n{done.stderr}")
        sys.exit(1)
    return done.stdout


def quarterdeck(binary, journal, options):
    data = json.loads(run([binary, "ledger", "balance", journal, "--flat", "--format", "json", *options]))
    result = {}
    for account, amounts in data.items():
        for commodity, value in amounts.items():
            add(result, account, commodity, Decimal(value))
    return result


def ledger(journal, options):
    options = ["-B" if o == "--cost" else o for o in options]
    out = run(["ledger", "-f", journal, "bal", "--flat", "--no-total", *options])
    result, pending = {}, []
    for line in out.splitlines():
        if not line.strip():
            continue
        # A right-aligned amount (wider than 20 columns with a lot), two spaces, the account.
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
        amount_text, account = parts[0], parts[1] if len(parts) > 1 else ""
        pending.append(parse_amount(amount_text))
        if account:
            for commodity, value in pending:
                add(result, account, commodity, value)
            pending = []
    # Lots shown apart can add up to zero in their commodity.
    return {a: {c: v for c, v in amounts.items() if v != 0} for a, amounts in result.items()
            if any(v != 0 for v in amounts.values())}


def hledger(journal, options):
    # ledger's --uncleared (not cleared) is hledger's pending or unmarked.
    options = [o for u in options for o in (["--pending", "--unmarked"] if u == "--uncleared" else [u])]
    options = ["-B" if o == "--cost" else o for o in options]
    # --auto: hledger applies automated transactions only when asked.
    out = run(["hledger", "-f", journal, "bal", "--auto", "--flat", "--no-total", "-O", "csv", *options])
    result = {}
    for line in out.splitlines()[1:]:
        account, amounts = re.match(r'^"(.*)","(.*)"$', line).groups()
        if amounts == "0":
            continue
        for part in amounts.split(", "):
            commodity, value = parse_amount(part)
            add(result, account, commodity, value)
    return result


def quarterdeck_register(binary, journal, options):
    out = run([binary, "ledger", "register", journal, "--format", "csv", *options])
    rows = []
    for line in list(csv.reader(io.StringIO(out)))[1:]:
        date, payee, account, commodity, value = line
        rows.append((date, payee, account, commodity, Decimal(value)))
    return rows


LEDGER_REGISTER = '%(format_date(date, "%Y-%m-%d"))\t%(payee)\t%(display_account)\t%(scrub(display_amount))\n'


def ledger_register(journal, options):
    out = run(["ledger", "-f", journal, "reg", "--format", LEDGER_REGISTER, *options])
    rows = []
    for line in out.splitlines():
        date, payee, account, amount = line.split("\t")
        commodity, value = parse_amount(amount)
        rows.append((date, payee, account, commodity, value))
    return rows


def hledger_register(journal, options):
    out = run(["hledger", "-f", journal, "reg", "--auto", "-O", "csv", *options])
    rows = []
    for line in list(csv.reader(io.StringIO(out)))[1:]:
        _, date, _, payee, account, amount, _ = line
        commodity, value = parse_amount(amount)
        rows.append((date, payee, account, commodity, value))
    return rows


def by_transaction(rows):
    """Postings grouped by (date, payee) runs, each group sorted."""
    groups, key = [], None
    for row in rows:
        if row[:2] != key:
            groups.append([])
            key = row[:2]
        groups[-1].append(row)
    return [sorted(g) for g in groups]


def register_differences(name, ours, theirs, ordered):
    if not ordered:
        ours, theirs = by_transaction(ours), by_transaction(theirs)
    problems = []
    for i in range(max(len(ours), len(theirs))):
        a = ours[i] if i < len(ours) else None
        b = theirs[i] if i < len(theirs) else None
        if a != b:
            problems.append(f"  row {i + 1}: quarterdeck {a} != {name} {b}")
    return problems


def compare_register(binary, journal, options, peers=("ledger", "hledger"), hledger_journal=None):
    """Problems (a list of lines) between quarterdeck's register and the peers'.
    hledger_journal: the same books written in hledger's syntax, when it differs."""
    ours = quarterdeck_register(binary, journal, options)
    problems = []
    for name in peers:
        if name == "ledger":
            theirs, ordered = ledger_register(journal, options), True
        else:
            theirs, ordered = hledger_register(hledger_journal or journal, options), False
        found = register_differences(name, ours, theirs, ordered)
        if found:
            problems.append(f"{name} register disagrees on {len(found)} rows:")
            problems.extend(found[:20])
    return ours, problems


def differences(name, ours, theirs):
    problems = []
    for account in sorted(set(ours) | set(theirs)):
        a, b = ours.get(account, {}), theirs.get(account, {})
        if a != b:
            problems.append(f"  {account}: quarterdeck {dict(sorted(a.items()))} != {name} {dict(sorted(b.items()))}")
    return problems


def main():
    binary, journal, options = sys.argv[1], sys.argv[2], sys.argv[3:]
    only = None
    if "--peer" in options:
        at = options.index("--peer")
        only = options[at + 1]
        options = options[:at] + options[at + 2:]
    if "--register" in options:
        options = [o for o in options if o != "--register"]
        rows, problems = compare_register(binary, journal, options)
        label = " ".join(options) or "all dates"
        if problems:
            print(f"compare: {journal} register ({label}):")
            print("\n".join(problems))
            sys.exit(1)
        print(f"compare: {journal} register ({label}): {len(rows)} postings, identical to ledger and hledger")
        return
    ours = quarterdeck(binary, journal, options)
    problems = []
    peers = [("hledger", hledger)]
    # With --flat --depth N, ledger 3.3 drops deeper accounts instead of
    # adding them into their depth-N parent; quarterdeck and hledger add them.
    if "--depth" not in options:
        peers.insert(0, ("ledger", ledger))
    if only:
        peers = [peer for peer in peers if peer[0] == only]
    for name, tool in peers:
        theirs = tool(journal, options)
        found = differences(name, ours, theirs)
        if found:
            problems.append(f"{name} disagrees on {len(found)} accounts:")
            problems.extend(found[:20])
    label = " ".join(options) or "all dates"
    if problems:
        print(f"compare: {journal} ({label}):")
        print("\n".join(problems))
        sys.exit(1)
    postings = sum(len(v) for v in ours.values())
    names = " and ".join(name for name, _ in peers)
    print(f"compare: {journal} ({label}): {len(ours)} accounts, {postings} balances, identical to {names}")


if __name__ == "__main__":
    main()
