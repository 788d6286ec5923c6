#!/usr/bin/python3
"""`quarterdeck ledger balance -X COMMODITY` and `--value` against ledger 3.3
(`bal -X`, `bal -V`) and hledger 1.25 (`bal -X`), on seeded journals with
`P` prices in four commodities.

value_test.py QUARTERDECK

The journals: dollars, euros, pounds, Swiss francs and pesos, each posting
balanced in its own commodity, and weekly prices of EUR and GBP in `$`, of
CHF in EUR (so CHF reaches `$` through EUR) and of `$` in MXN (so MXN is
valued by the inverse). Every balance must be identical to ledger's; to
hledger's as well, within these documented differences:

  * hledger values at the day before `--end` (the last day of the report),
    ledger and quarterdeck on the `--end` date itself (a price dated on it
    counts). The hledger comparisons use `--end` dates with no price on them
    and the day before; one case with a price on the end date is compared
    with ledger only, and the difference is checked to be that price.
  * hledger prints valued amounts at up to 10 decimal places (it divides an
    inverse price to 10 places); its JSON values are rounded here to the
    target's display precision, half away from zero, as quarterdeck and
    ledger round.
  * hledger's `-V` also converts commodities that are the price side of
    another price (EUR, MXN here); ledger's leaves such "primary"
    commodities as they are, and quarterdeck follows ledger. `--value` is
    compared with ledger only.

Exits 1 and prints every difference.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

START = date(2025, 1, 6)
ACCOUNTS = {
    "$": ["Assets:Bank", "Expenses:Office", "Income:Sales"],
    "EUR": ["Assets:Euro", "Expenses:Travel:Europe", "Income:Consulting"],
    "GBP": ["Assets:Pound", "Expenses:Travel:London"],
    "CHF": ["Assets:Franc", "Expenses:Travel:Zurich"],
    "MXN": ["Assets:Peso", "Expenses:Travel:Mexico", "Income:Charters"],
}


def amount(commodity, cents):
    sign = "-" if cents < 0 else ""
    c = abs(cents)
    text = f"{c // 100}.{c % 100:02d}"
    return f"{sign}${text}" if commodity == "$" else f"{sign}{text} {commodity}"


def write_journal(path, seed, count):
    rng = random.Random(seed)
    lines = []
    # Weekly prices from START, on Mondays; a few dates have none.
    rates = {"EUR": 10850, "GBP": 12640, "CHF": 10410, "MXN": 172500}
    price_days = []
    for week in range(52):
        d = START + timedelta(days=7 * week)
        if rng.random() < 0.15:
            continue
        price_days.append(d)
        for c in rates:
            rates[c] += rng.randint(-60, 60) * (10 if c == "MXN" else 1)
        lines.append(f"P {d.isoformat()} EUR ${rates['EUR'] / 10000:.4f}")
        lines.append(f"P {d.isoformat()} GBP ${rates['GBP'] / 10000:.4f}")
        lines.append(f"P {d.isoformat()} CHF {rates['CHF'] / 10000:.4f} EUR")
        lines.append(f"P {d.isoformat()} $ {rates['MXN'] / 10000:.4f} MXN")
    lines.append("")
    for i in range(count):
        # Some postings before the first price: no rate, left as they are.
        d = START + timedelta(days=rng.randint(-10, 360))
        commodity = rng.choice(list(ACCOUNTS))
        first, second = rng.sample(ACCOUNTS[commodity], 2)
        cents = rng.randint(100, 900000)
        lines.append(f"{d.isoformat()} * Payee {i}")
        lines.append(f"    {first:<30}  {amount(commodity, cents)}")
        lines.append(f"    {second}")
        lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return price_days


def hledger_valued(journal, options, places):
    """hledger's balances from its JSON, rounded to `places` half away from zero."""
    out = compare.run(["hledger", "-f", journal, "bal", "--flat", "--no-total", "-O", "json", *options])
    rows = json.loads(out)[0]
    result = {}
    quantum = Decimal(1).scaleb(-places)
    for account, _, _, amounts in rows:
        for a in amounts:
            q = a["aquantity"]
            value = Decimal(q["decimalMantissa"]).scaleb(-q["decimalPlaces"])
            if a["acommodity"] in ("$", "EUR"):
                value = value.quantize(quantum, rounding=ROUND_HALF_UP)
            compare.add(result, account, a["acommodity"], value)
    return result


def check(label, ours, peers):
    problems = []
    for name, theirs in peers:
        found = compare.differences(name, ours, theirs)
        if found:
            problems.append(f"{name} disagrees on {len(found)} accounts:")
            problems.extend(found[:20])
    if problems:
        print(f"value_test: {label}:")
        print("\n".join(problems))
        return False
    names = " and ".join(name for name, _ in peers)
    print(f"value_test: {label}: {len(ours)} accounts identical to {names}")
    return True


def main():
    binary = sys.argv[1]
    ok = True
    with tempfile.TemporaryDirectory() as work:
        for seed, count in ((1, 40), (2, 400), (3, 2000)):
            journal = os.path.join(work, f"fx{seed}.journal")
            price_days = write_journal(journal, seed, count)
            # An end date with no price on it or the day before, and one on a price day.
            quiet = next(d for d in (START + timedelta(days=n) for n in range(120, 300))
                         if d not in price_days and d - timedelta(days=1) not in price_days)
            on_price = price_days[len(price_days) // 2]
            cases = [
                (["-X", "$"], True),
                (["-X", "EUR"], True),
                (["-X", "$", "--end", quiet.isoformat()], True),
                (["-X", "EUR", "--begin", "2025-03-01", "--end", quiet.isoformat()], True),
                (["-X", "$", "--end", on_price.isoformat()], False),
            ]
            for options, with_hledger in cases:
                label = f"fx{seed} ({count} transactions) {' '.join(options)}"
                ours = compare.quarterdeck(binary, journal, options)
                peers = [("ledger", compare.ledger(journal, options))]
                if with_hledger:
                    peers.append(("hledger", hledger_valued(journal, options, 2)))
                ok = check(label, ours, peers) and ok
            # hledger values at the day before --end: on a price day it uses
            # the week before's price, so it differs where ledger and
            # quarterdeck agree.
            options = ["-X", "$", "--end", on_price.isoformat()]
            theirs = hledger_valued(journal, options, 2)
            if theirs == compare.quarterdeck(binary, journal, options):
                print(f"value_test: fx{seed}: hledger was expected to value at the day before "
                      f"{on_price} and differ, and did not")
                ok = False
            # --value: each commodity in its own price commodity, as ledger's -V.
            for options in ([], ["--end", quiet.isoformat()]):
                label = f"fx{seed} ({count} transactions) --value {' '.join(options)}".rstrip()
                ours = compare.quarterdeck(binary, journal, ["--value", *options])
                ok = check(label, ours, [("ledger", compare.ledger(journal, ["-V", *options]))]) and ok
        # A commodity the journal does not have is bad input (exit 2), named.
        done = subprocess.run([binary, "ledger", "balance", journal, "-X", "NOPE"], capture_output=True, text=True)
        expected = "-X: expected a commodity of the journal, found `NOPE`\n"
        if done.returncode != 2 or done.stderr != expected or done.stdout:
            print(f"value_test: -X NOPE: exit {done.returncode}, stderr {done.stderr!r}; expected exit 2 and {expected!r}")
            ok = False
        else:
            print("value_test: -X NOPE: refused with exit 2, naming the commodity")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
