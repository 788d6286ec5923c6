#!/usr/bin/python3
"""Bank CSV + rules: quarterdeck's balances must equal hledger's reading the
same CSV with the same rules file (account names compared without case:
hledger's default is expenses:unknown, quarterdeck's Expenses:Unknown).

csv_peer_test.py QUARTERDECK

Generates seeded exports in two layouts (one signed amount column, or money
in and money out columns), with quoted descriptions holding commas, two date
formats, single- and multi-pattern if blocks, and lines no rule matches.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import hledger as hledger_balances  # noqa: E402

MERCHANTS = [("HOME DEPOT #1832", -1), ("LOWES #00921", -1), ("AMAZON MKTPLACE", -1), ("SDGE WEB PAYMENT", -1),
             ("AIRBNB PAYOUT", 1), ("VRBO, INC PAYOUT", 1), ("STRIPE TRANSFER", 1), ("SQ *LOCKSMITH", -1),
             ("VENMO *HANDYMAN, J.", -1), ("INTEREST PAID", 1)]

RULES = """# generated
skip 1
fields {fields}
date-format {date_format}
currency $
account1 Assets:Bank:Checking

if HOME DEPOT|LOWES
  account2 Expenses:Rental:Maintenance

if
AMAZON
SDGE
  account2 Expenses:Rental:Supplies and Utilities

if AIRBNB|VRBO
  account2 Income:Rental:Stays
  comment payout

if STRIPE
  account2 Income:Agency:Clients
"""


def write_case(directory, seed, layout, date_format):
    rng = random.Random(seed)
    rows = []
    for _ in range(400):
        name, sign = rng.choice(MERCHANTS)
        cents = rng.randint(100, 250000) * sign
        date = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        y, m, d = date.split("-")
        shown_date = f"{m}/{d}/{y}" if date_format == "%m/%d/%Y" else date
        amount = f"{cents / 100:.2f}" if rng.random() < 0.7 else f"{cents / 100:,.2f}"
        description = f'"{name}"' if "," in name or rng.random() < 0.3 else name
        if layout == "signed":
            rows.append(f'{shown_date},{description},"{amount}",{rng.randint(1000, 9999)}')
        else:
            value = f"{abs(cents) / 100:.2f}"
            rows.append(f"{shown_date},{description},{value if cents > 0 else ''},{value if cents < 0 else ''}")
    csv_path = os.path.join(directory, f"bank-{seed}.csv")
    rules_path = csv_path + ".rules"
    header = "Date,Description,Amount,Ref" if layout == "signed" else "Date,Description,Credit,Debit"
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write(header + "\n" + "\n".join(rows) + "\n")
    fields = "date, description, amount, code" if layout == "signed" else "date, description, amount-in, amount-out"
    with open(rules_path, "w", encoding="utf-8") as f:
        f.write(RULES.format(fields=fields, date_format=date_format))
    return csv_path, rules_path


def ours(binary, csv_path, rules_path):
    out = subprocess.run([binary, "ledger", "balance", csv_path, "--rules", rules_path, "--flat", "--format", "json"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"csv: quarterdeck failed:\n{out.stderr}")
    return {account.lower(): {c: Decimal(v) for c, v in amounts.items()}
            for account, amounts in json.loads(out.stdout).items()}


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as directory:
        for seed, layout, date_format in ((1, "signed", "%m/%d/%Y"), (2, "in-out", "%Y-%m-%d"), (3, "signed", "%Y-%m-%d")):
            csv_path, rules_path = write_case(directory, seed, layout, date_format)
            a = ours(binary, csv_path, rules_path)
            b = {k.lower(): v for k, v in hledger_balances(csv_path, ["--rules-file", rules_path]).items()}
            if a != b:
                print(f"csv: {layout} {date_format} differs:")
                for account in sorted(set(a) | set(b)):
                    if a.get(account) != b.get(account):
                        print(f"  {account}: quarterdeck {a.get(account)} != hledger {b.get(account)}")
                sys.exit(1)
            print(f"csv: {layout} layout, {date_format}: {len(a)} accounts identical to hledger")


if __name__ == "__main__":
    main()
