#!/usr/bin/python3
"""The journal's directives and posting kinds against ledger 3.3 and hledger 1.25.

directives_test.py QUARTERDECK

For several seeds, a small generator writes the same books twice: in
ledger's syntax (L) and in hledger's (H), because the two peers spell some
constructs differently. Quarterdeck must read both to the same books, and
agree with ledger on L and with hledger on H: `bal`, `bal --real`, `reg`,
`reg --real`.

The spellings that differ, and why:
- an automated posting's multiplier is `0.1` in ledger and `*0.1` in
  hledger (to hledger a bare `0.1` is an amount without a commodity); an
  account pattern `/REGEX/` or `expr 'account =~ /REGEX/'` is ledger's,
  hledger reads the slashes as part of the pattern, so H writes the bare
  REGEX, which both read alike;
- `year YYYY`, `apply year`, `bucket`/`A`, bare `end` and `end apply` and
  `payee` `alias` lines are ledger's only (hledger 1.25 refuses them): H
  writes `Y YYYY`, `end apply account`, the balancing posting and the
  aliased payee out in full.

Differences in what the peers compute, kept out of the generated books and
asserted on small journals below:
- ledger 3.3 applies an automated transaction only to the transactions after
  it, hledger to every transaction: quarterdeck follows ledger (rules come
  first in the generated books, where both agree);
- ledger 3.3 never matches a posting an automated transaction generated,
  hledger does: quarterdeck follows ledger;
- hledger puts generated postings right after the posting they matched,
  ledger at the end of the transaction: quarterdeck follows ledger; the
  register is compared with hledger per transaction in any order;
- ledger keeps a multiplied amount unrounded (`$10.05 * 0.1` is $1.005,
  shown $1.00 or $1.01 depending on the sum it is in); quarterdeck rounds
  each generated amount half away from zero at the commodity's precision
  ($1.01), so its figures are exact cents: the generated books use amounts
  whose products are whole cents.
"""
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

FOOD = ["Harbor Grocer", "Market Hall", "Fish Dock"]
FUEL = ["Marina Fuel", "Coastal Fuel"]
CLIENTS = ["Lumen Studio", "Northwind", "Blue Kite"]


def generate(seed, count):
    """Returns (ledger_text, hledger_text) of the same books."""
    rng = random.Random(seed)
    L, H = [], []

    def both(line):
        L.append(line)
        H.append(line)

    both(f"; directives_test seed {seed}")
    # Automated transactions first: ledger applies them only to later
    # transactions, hledger to all.
    L.append("= /^Expenses:Food/")
    H.append("= ^Expenses:Food")
    L.append("    (Budget:Food)  -1")
    H.append("    (Budget:Food)  *-1")
    L.append("    [Savings:Food]  0.5")
    H.append("    [Savings:Food]  *0.5")
    L.append("    [Assets:Checking]  -0.5")
    H.append("    [Assets:Checking]  *-0.5")
    both("")
    both("= Expenses:Fuel")
    both("    (Tracking:Fuel)  $5.00")
    both("")
    L.append(rng.choice(["= /^Income/", "= expr 'account =~ /^Income/'"]))
    H.append("= ^Income")
    L.append("    Liabilities:Tax  -0.1")
    H.append("    Liabilities:Tax  *-0.1")
    L.append("    Assets:Reserve  0.1")
    H.append("    Assets:Reserve  *0.1")
    both("")
    both("tag project")
    L.append("payee Harbor Grocer")
    L.append("    alias ^HARBOR GROC")
    both("")

    year = 2025
    month, day = 1, 1
    applied = False
    bucket = None
    for i in range(count):
        day += rng.randint(0, 3)
        if day > 28:
            day = 1
            month += 1
        if month > 12:
            month = 1
            year += 1
        # ledger reads `year` as `apply year`: never inside `apply account`,
        # whose `end apply account` would then not match.
        new_year = i == 0 or (month == 1 and day == 1)
        if applied and new_year:
            both("end apply account")
            applied = False
        if new_year or (not applied and rng.random() < 0.05):
            # A year directive, in one of ledger's spellings.
            L.append(rng.choice([f"year {year}", f"Y {year}", f"Y{year}"]))
            H.append(f"Y {year}")
        date = f"{month:02d}/{day:02d}" if rng.random() < 0.5 else f"{month}-{day}"
        if not applied and rng.random() < 0.1:
            both("apply account Side")
            applied = True
        elif applied and rng.random() < 0.2:
            L.append(rng.choice(["end apply account", "end", "end apply"]))
            H.append("end apply account")
            applied = False
        kind = rng.choice(["food", "fuel", "sale", "virtual", "bucket", "plain"])
        if kind == "bucket" and applied and bucket is not None and not bucket.startswith("Side:"):
            kind = "plain"  # H could not name an account outside `apply account` here
        cents = rng.randint(1, 500) * 20  # multiples of $0.20: every product is whole cents
        amount = f"${cents // 100}.{cents % 100:02d}"
        if kind == "food":
            payee = rng.choice(FOOD)
            if payee == "Harbor Grocer" and rng.random() < 0.5:
                L.append(f"{date} HARBOR GROCERY #{rng.randint(1, 99)}")
                H.append(f"{date} Harbor Grocer")
            else:
                both(f"{date} {payee}")
            both(f"    Expenses:Food  {amount}")
            both("    Assets:Checking")
        elif kind == "fuel":
            both(f"{date} * {rng.choice(FUEL)}")
            both(f"    Expenses:Fuel  {amount}")
            both(f"    Liabilities:Card  -{amount}")
        elif kind == "sale":
            both(f"{date} {rng.choice(CLIENTS)}  ; project: p{rng.randint(1, 3)}")
            both("    Assets:Checking")
            both(f"    Income:Services  -{amount}")
        elif kind == "virtual":
            # A budget posting that need not balance, and an earmark that does.
            both(f"{date} ! Transfer to goal")
            both(f"    Assets:Savings  {amount}")
            both(f"    Assets:Checking  -{amount}")
            both(f"    (Budget:Goal)  -{amount}")
            both(f"    [Savings:Goal]  {amount}")
            if rng.random() < 0.5:
                both("    [Assets:Savings]")
            else:
                both(f"    [Assets:Savings]  -{amount}")
        elif kind == "bucket":
            # One posting: the `bucket` account balances it (ledger only).
            if bucket is None:
                L.append(rng.choice(["bucket Assets:Checking", "A Assets:Checking"]))
                # Under `apply account`, the bucket is named with its prefix, as ledger.
                bucket = ("Side:" if applied else "") + "Assets:Checking"
            both(f"{date} Bank fee")
            both(f"    Expenses:Bank  {amount}")
            H.append(f"    {bucket[len('Side:'):] if applied else bucket}")
        else:
            both(f"{date} Owner")
            both(f"    Equity:Owner  -{amount}")
            both("    Assets:Checking")
        both("")
    if applied:
        both("end apply account")
    return "\n".join(L) + "\n", "\n".join(H) + "\n"


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def check(binary, work, seed, count):
    lj, hj = os.path.join(work, f"l{seed}.journal"), os.path.join(work, f"h{seed}.journal")
    ltext, htext = generate(seed, count)
    with open(lj, "w") as f:
        f.write(ltext)
    with open(hj, "w") as f:
        f.write(htext)
    problems = []
    for options in ([], ["--real"]):
        ours_l = compare.quarterdeck(binary, lj, options)
        ours_h = compare.quarterdeck(binary, hj, options)
        if ours_l != ours_h:
            problems.append(f"seed {seed} {options}: quarterdeck reads L and H differently")
        for name, theirs in (("ledger", compare.ledger(lj, options)), ("hledger", compare.hledger(hj, options))):
            found = compare.differences(name, ours_l, theirs)
            if found:
                problems.append(f"seed {seed} bal {' '.join(options)}: {name} disagrees:")
                problems.extend(found[:10])
        rows_l, found = compare.compare_register(binary, lj, options, peers=("ledger",))
        problems.extend(found)
        rows_h, found = compare.compare_register(binary, hj, options, peers=("hledger",))
        problems.extend(found)
        if rows_l != rows_h:
            problems.append(f"seed {seed} reg {options}: quarterdeck's register of L and H differ")
    if problems:
        print("\n".join(problems))
        return False
    accounts = len(compare.quarterdeck(binary, lj, []))
    rows = len(compare.quarterdeck_register(binary, lj, []))
    print(f"directives: seed {seed}: {count} transactions, {accounts} accounts, {rows} register rows: "
          "bal, bal --real, reg, reg --real identical to ledger (L) and hledger (H)")
    return True


def register(binary, text, work, name, options=()):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path, compare.quarterdeck_register(binary, path, list(options))


def documented_differences(binary, work):
    """Each difference named in the module's comment, shown on a small journal."""
    ok = True

    def expect(what, got, want):
        nonlocal ok
        if got != want:
            print(f"{what}: got {got}, want {want}")
            ok = False

    D = compare.Decimal
    # A rule applies to later transactions (ledger), not earlier ones (hledger: all).
    later = ("2026-01-01 Before\n    Expenses:Food  $10.00\n    Assets:Cash\n\n"
             "= Food\n    (Budget)  -1\n\n"
             "2026-01-02 After\n    Expenses:Food  $4.00\n    Assets:Cash\n")
    path, ours = register(binary, later, work, "later.journal")
    budget = [r for r in ours if r[2] == "(Budget)"]
    expect("later only: quarterdeck", budget, [("2026-01-02", "After", "(Budget)", "$", D("-4.00"))])
    expect("later only: ledger", [r for r in compare.ledger_register(path, []) if r[2] == "(Budget)"], budget)
    with open(os.path.join(work, "later-h.journal"), "w") as f:
        f.write(later.replace("  -1", "  *-1"))
    hl = [r for r in compare.hledger_register(os.path.join(work, "later-h.journal"), []) if r[2] == "(Budget)"]
    expect("later only: hledger applies to every transaction", len(hl), 2)

    # A rule never matches a generated posting (ledger); hledger chains them.
    chain = ("= Food\n    (Budget:Food)  -1\n= Budget\n    (Meta)  2\n\n"
             "2026-01-02 After\n    Expenses:Food  $4.00\n    Assets:Cash\n")
    path, ours = register(binary, chain, work, "chain.journal")
    expect("no chaining: quarterdeck", [r[2] for r in ours], ["Expenses:Food", "Assets:Cash", "(Budget:Food)"])
    expect("no chaining: ledger", [r[2] for r in compare.ledger_register(path, [])], [r[2] for r in ours])
    with open(os.path.join(work, "chain-h.journal"), "w") as f:
        f.write(chain.replace("  -1", "  *-1").replace("  2\n", "  *2\n"))
    expect("no chaining: hledger adds (Meta)",
           "(Meta)" in [r[2] for r in compare.hledger_register(os.path.join(work, "chain-h.journal"), [])], True)

    # Rounding: quarterdeck rounds $10.05 * 0.1 to $1.01; ledger keeps $1.005.
    rounding = ("= Food\n    [Savings]  0.1\n    [Assets:Cash]  -0.1\n\n"
                "2026-01-02 After\n    Expenses:Food  $10.05\n    Assets:Cash\n")
    path, ours = register(binary, rounding, work, "rounding.journal")
    expect("rounding: quarterdeck", [r[4] for r in ours if r[2] == "[Savings]"], [D("1.01")])
    out = run(["ledger", "-f", path, "reg", "Savings", "--format", "%(quantity(scrub(amount)))\n"]).stdout.split()
    expect("rounding: ledger keeps the exact product", out, ["1.005"])

    # Bracketed postings balance among themselves: ledger would also accept
    # them balancing together with the real postings; hledger and quarterdeck refuse.
    together = "2026-01-05 A\n    Expenses:Food  $50.00\n    Assets:Cash  $-30.00\n    [Savings:Goal]  $-20.00\n"
    path = os.path.join(work, "together.journal")
    with open(path, "w") as f:
        f.write(together)
    done = run([binary, "ledger", "balance", path])
    expect("bracketed apart: quarterdeck exit", done.returncode, 2)
    expect("bracketed apart: quarterdeck says", done.stderr.splitlines()[0],
           f"{path}:1:1: transaction does not balance: expected postings summing to zero, "
           "found a remainder of $20.00")
    expect("bracketed apart: ledger accepts", run(["ledger", "-f", path, "bal"]).returncode, 0)
    expect("bracketed apart: hledger refuses", run(["hledger", "-f", path, "bal"]).returncode, 1)
    if ok:
        print("directives: the documented differences with ledger and hledger hold")
    return ok


def main():
    binary = os.path.realpath(sys.argv[1])
    ok = True
    with tempfile.TemporaryDirectory() as work:
        for seed, count in ((1, 40), (2, 200), (3, 600), (4, 1500), (5, 3000)):
            ok = check(binary, work, seed, count) and ok
        ok = documented_differences(binary, work) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
