#!/usr/bin/python3
"""Writes a seeded random journal that uses every syntax item the finance
engine reads, for the side-by-side tests against ledger and hledger.

gen_journal.py OUT_DIR TRANSACTIONS SEED

Writes OUT_DIR/main.journal, which includes OUT_DIR/more/rest.journal (the
second half of the transactions). Covers: account directives (with a
`note`), alias, include, dates with - and /, auxiliary dates, * and ! marks
(on transactions and postings), codes, comment lines and trailing comments, :tags: and key: value
metadata on transactions and postings, posting dates ([DATE]), prefix and
suffix commodities ($, USD, EUR), negative amounts written -$1 and $-1,
thousands separators, differing precisions, one elided amount (also across
two commodities), balance assertions, several entities.
"""
import datetime
import os
import random
import sys

ENTITIES = ["JADA", "QueenofSanDiego", "QuickDumpNow", "DangerousCentaur", "Rental51st"]
INCOME = ["Charters", "Events", "Jobs", "Hosting", "Rent"]
EXPENSES = ["Fuel", "Dockage", "Insurance", "Payroll", "Software", "Cloud", "Dump Fees", "Cleaning"]
PAYEES = ["Harbor Dental", "Bayside Roasters", "Point Loma Marina", "Coastal Supply", "Mission Fitness",
          "Indigo Underhill", "Oakhurst Associates", "Lakeside Bookkeeping"]


def money(rng, low, high, decimals=2):
    cents = rng.randint(low * 100, high * 100)
    if decimals == 0:
        return cents // 100 * 100
    return cents


def fmt_amount(rng, cents, commodity):
    """Writes `cents` (hundredths) of `commodity` in one of the styles the tools read."""
    negative = cents < 0
    value = abs(cents)
    whole, frac = divmod(value, 100)
    if commodity == "$":
        grouped = f"{whole:,}" if rng.random() < 0.5 else str(whole)
        number = f"{grouped}.{frac:02d}"
        if not negative:
            return f"${number}"
        return f"-${number}" if rng.random() < 0.5 else f"$-{number}"
    if commodity == "EUR":  # whole euros sometimes: the precision grows to 2 when cents appear
        number = str(whole) if frac == 0 else f"{whole}.{frac:02d}"
        return f"{'-' if negative else ''}{number} EUR"
    grouped = f"{whole:,}" if rng.random() < 0.3 else str(whole)
    return f"{'-' if negative else ''}{grouped}.{frac:02d} {commodity}"


def date_text(rng, d):
    return d.strftime("%Y-%m-%d") if rng.random() < 0.7 else d.strftime("%Y/%m/%d")


def transaction(rng, d, n, cash_balance):
    """Returns (lines, cash_change) for transaction number n."""
    lines = []
    header = date_text(rng, d)
    if rng.random() < 0.1:
        header += "=" + date_text(rng, d + datetime.timedelta(days=rng.randint(1, 5)))
    mark = rng.choice(["*", "*", "*", "!", ""])
    if mark:
        header += " " + mark
    if rng.random() < 0.4:
        header += f" ({1000 + n})"
    header += " " + rng.choice(PAYEES)
    if rng.random() < 0.2:
        header += "  ; :" + rng.choice(["deposit", "review", "recurring"]) + ":"
    lines.append(header)
    if rng.random() < 0.2:
        lines.append(f"    ; client: {rng.choice(PAYEES)}")
    entity = rng.choice(ENTITIES)
    kind = rng.random()
    cash_change = 0
    if kind < 0.35:  # income into the bank, elided
        amount = money(rng, 80, 4000)
        lines.append(f"    bank:{entity}  {fmt_amount(rng, amount, '$')}" +
                     (f"  ; [{(d + datetime.timedelta(days=rng.randint(1, 3))).isoformat()}]" if rng.random() < 0.15 else ""))
        lines.append(f"    Income:{entity}:{rng.choice(INCOME)}" + ("  ; entity: " + entity.lower() if rng.random() < 0.2 else ""))
    elif kind < 0.65:  # an expense on the card, explicit amounts
        amount = money(rng, 5, 1500)
        lines.append(f"    Expenses:{entity}:{rng.choice(EXPENSES)}  {fmt_amount(rng, amount, '$')}")
        lines.append(f"    Liabilities:{entity}:Card  {fmt_amount(rng, -amount, '$')}  ; card")
    elif kind < 0.75:  # USD suffix commodity, elided first posting
        amount = money(rng, 10, 9000)
        lines.append(f"    Assets:{entity}:Savings")
        lines.append(f"    Income:{entity}:Interest  {fmt_amount(rng, -amount, 'USD')}")
    elif kind < 0.82:  # two commodities, one elided posting fills both
        lines.append(f"    Expenses:{entity}:Travel  {fmt_amount(rng, money(rng, 20, 600, 0), 'EUR')}")
        lines.append(f"    Expenses:{entity}:Fees  {fmt_amount(rng, money(rng, 1, 30), '$')}")
        lines.append(f"    Liabilities:{entity}:Card")
    else:  # petty cash, with a balance assertion
        amount = money(rng, 5, 200)
        sign = 1 if rng.random() < 0.5 else -1
        cash_change = sign * amount
        new_balance = cash_balance + cash_change
        assertion = f"  = {fmt_amount(rng, new_balance, '$')}" if rng.random() < 0.5 else ""
        lines.append(f"    Assets:Petty Cash  {fmt_amount(rng, cash_change, '$')}{assertion}")
        lines.append(f"    Equity:{entity}:Owner  {fmt_amount(rng, -cash_change, '$')}")
    if rng.random() < 0.1:
        lines.append("    ; a note on the last posting")
    # A posting's own cleared or pending mark, as ledger-mode writes it; it
    # wins over the transaction's (its own random stream: the rest is as before).
    marks = random.Random(n * 7919 + len(lines))
    for k in range(1, len(lines)):
        if lines[k].startswith("    ") and not lines[k].startswith("    ;") and marks.random() < 0.15:
            lines[k] = "    " + marks.choice(["* ", "! ", "*"]) + lines[k][4:]
    return lines, cash_change


def main():
    out_dir, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    os.makedirs(os.path.join(out_dir, "more"), exist_ok=True)
    start = datetime.date(2025, 5, 1)
    days = 540
    dates = sorted(start + datetime.timedelta(days=rng.randrange(days)) for _ in range(count))
    half = count // 2
    cash = 0
    parts = [[], []]
    for n, d in enumerate(dates):
        lines, change = transaction(rng, d, n, cash)
        cash += change
        parts[0 if n < half else 1].append("\n".join(lines))
    with open(os.path.join(out_dir, "main.journal"), "w", encoding="utf-8") as f:
        f.write("; generated by tests/ledger/gen_journal.py, seed %d\n" % seed)
        f.write("# accounts\n")
        for e in ENTITIES:
            f.write(f"account Assets:Bank:{e}\n")
        f.write("account Assets:Petty Cash  ; the till\n    note cash in the drawer\n\n")
        f.write("alias bank=Assets:Bank\n\n")
        f.write("\n\n".join(parts[0]) + "\n\n")
        f.write("include more/rest.journal\n")
    with open(os.path.join(out_dir, "more", "rest.journal"), "w", encoding="utf-8") as f:
        f.write("comment\nThe second half of the year.\nend comment\n\n")
        f.write("\n\n".join(parts[1]) + "\n")


if __name__ == "__main__":
    main()
