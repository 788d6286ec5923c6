#!/usr/bin/env python3
"""Writes the data files of the second test portfolio (Deichblick Gastro).

Run once from anywhere; the output is committed. Standard library only, fixed
seed, so a re-run writes the same bytes. Every name and number is invented.

Writes:
  data/books.journal     journal of three of the four entities (EUR; the studio's US software in `$`,
                         with monthly `P` prices of the dollar in euros)
  data/bookings.csv      catering orders, bike rentals (April to October), apartment stays, studio engagements
  data/channels.csv      marketing channels (some views and leads unknown)
  data/cloud_costs.csv   the web studio's AWS bill (the only entity with one)
  data/invoices.csv      the web studio's invoices (due in 14 days; October's still open)

Deliberate data problems (the reports should say each, never guess):
  * `fewo-deich` has no books at all: not one journal posting;
  * one transaction posts to `Expenses:CafeHafen:Equipment Repair`, which no
    `account` directive declares (allowed: strict_accounts = false);
  * the group liability policy (three instalments) is split by `; entity:`
    tags on the shared account Expenses:Group:Insurance;
  * cancelled rows in bookings.csv (bike rentals rained off, apartment stays);
  * blank monthly_views / leads_30d in channels.csv;
  * cloud costs for the studio only, with an unattached EBS volume;
  * the studio's US software (Vercel and GitHub) is billed in dollars on a
    dollar card; the journal's `P` prices of the dollar start in June, so
    May's bill has no rate and is left out of the books (never counted as
    euros).

sites/studio-portal/ (a plain directory, no .git, with a committed .env holding
a random fake Stripe-style key) is written by hand, not by this script.
"""

import os
import random
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
rng = random.Random(20261116)

START = date(2026, 5, 1)
END = date(2026, 11, 14)      # last day of the books
AS_OF = date(2026, 11, 16)    # the reports' as-of date (used for statuses only)


def months():
    y, m = START.year, START.month
    while (y, m) <= (END.year, END.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_end(y, m):
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return nxt - timedelta(days=1)


def eur(x):
    return f"{x:,.2f} EUR"


class Usd(float):
    """An amount in US dollars, written `$64.00` in the journal."""


def r2(x):
    return round(x + 1e-9, 2)


# Seasonality of the coast: May to September busy, October thin, November quiet.
SEASON = {5: 0.85, 6: 1.0, 7: 1.2, 8: 1.25, 9: 0.95, 10: 0.65, 11: 0.45}

# ---------------------------------------------------------------- bookings

bookings = []  # dicts with the CSV columns


def booking(entity, bid, customer, booked_on, service, amount, status, invoiced, channel, units=""):
    if booked_on > END:
        return  # not yet booked when the sheet was exported
    bookings.append(dict(entity=entity, id=bid, customer=customer, booked_on=booked_on.isoformat(),
                         service_date=service.isoformat(), amount=f"{amount:.2f}", status=status,
                         invoiced=invoiced, channel=channel, units=str(units)))


FIRST = ["Hanna", "Jonas", "Frieke", "Ole", "Maren", "Thies", "Wiebke", "Lasse", "Imke", "Hauke",
         "Greta", "Piet", "Swantje", "Keno", "Tjark", "Antje", "Jorid", "Momme", "Elke", "Fiete"]
LAST = ["Brodersen", "Petersen", "Carstensen", "Ketelsen", "Hansen", "Lorenzen", "Jessen", "Paulsen",
        "Thomsen", "Asmussen", "Nissen", "Clausen", "Boysen", "Volquardsen", "Matthiesen", "Feddersen"]


def person():
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def status_for(service, cancelled=False):
    if cancelled:
        return "cancelled", "no"
    if service < AS_OF:
        return "delivered", "yes"
    return "confirmed", "no"


# Café Hafenkante: catering orders and room hire, a few a month.
cafe_catering = []  # (service date, amount, id) delivered and invoiced
n = 1
for y, m in months():
    count = 2 if m == 11 else rng.randint(3, 5)
    days = sorted(rng.sample(range(1, month_end(y, m).day + 1), count))
    for d in days:
        service = date(y, m, d)
        booked = service - timedelta(days=rng.randint(6, 40))
        amount = r2(rng.choice([180, 240, 320, 450, 620, 880, 1150, 1400]) * rng.uniform(0.95, 1.1))
        channel = rng.choice(["direct", "website", "instagram", "referral"])
        cancelled = n % 7 == 3  # one order in seven is called off
        st, inv = status_for(service, cancelled)
        bid = f"C-{n:03d}"
        booking("cafe-hafen", bid, rng.choice(["Deichgraf Reederei", "Amt Husumer Bucht", "Kita Strandläufer",
                                                  "Praxis Dr. Ketelsen", "Segelclub Nordstrand", person(),
                                                  "Landfrauen Eiderstedt", "Hotel Seeblick"]),
                booked, service, amount, st, inv, channel)
        if st == "delivered":
            cafe_catering.append((service, amount, bid))
        n += 1
# Two quotes for December parties, not yet confirmed.
booking("cafe-hafen", f"C-{n:03d}", "Segelclub Nordstrand", date(2026, 11, 9), date(2026, 12, 5), 1650.00,
        "quoted", "no", "direct", "")
booking("cafe-hafen", f"C-{n + 1:03d}", "Amt Husumer Bucht", date(2026, 11, 12), date(2026, 12, 12), 980.00,
        "quoted", "no", "referral", "")

# Radwerk Deichweg: bike and e-bike rentals (units: bike-days); rain cancels some.
# It rents from April to October and is closed for the winter; the workshop
# goes on repairing bikes all year.
RADWERK_SEASON = range(4, 11)
radwerk_rentals = []  # (service date, amount) delivered
n = 1
day = START
while day <= date(2026, 12, 20):
    season = SEASON.get(day.month, 0.3) if day.year == 2026 else 0.3
    if day > END:
        per_day = 0.25  # what is booked ahead
    else:
        per_day = 0.9 * season
    k = 0
    while rng.random() < per_day / (1 + k):
        k += 1
        units = rng.choice([1, 1, 2, 2, 3, 4, 6])
        ebike = rng.random() < 0.55
        rate = 35.0 if ebike else 18.0
        amount = r2(units * rate)
        lead = rng.randint(0, 21)
        booked = day - timedelta(days=lead)
        rained_off = rng.random() < 0.11
        st, inv = status_for(day, rained_off)
        if st == "delivered" and rng.random() < 0.5:
            inv = "no"  # paid at the counter, no invoice: normal for rentals
        channel = rng.choice(["direct", "direct", "google_business", "getyourguide", "hotel_referral"])
        customer = person()
        if day.month not in RADWERK_SEASON:
            continue  # closed for the winter (`season = "Apr-Oct"`): the draws above keep the seed's sequence
        booking("radwerk", f"R-{n:04d}", customer, booked, day, amount, st, "yes" if st == "delivered" else inv,
                channel, "" if units == 1 else units)
        if st == "delivered":
            radwerk_rentals.append((day, amount))
        n += 1
    day += timedelta(days=1)

# Ferienwohnung Deichblick: stays (units: nights). No books are kept for it.
n = 1
day = date(2026, 5, 2)
while day <= date(2027, 1, 10):
    season = SEASON.get(day.month, 0.4) if day.year == 2026 else 0.35
    gap = rng.randint(0, 3) if season >= 0.9 else rng.randint(2, 9)
    day += timedelta(days=gap)
    if day > date(2027, 1, 10):
        break
    if day > END and rng.random() < 0.45:
        day += timedelta(days=5)  # the forward calendar is thin
        continue
    nights = rng.choice([2, 3, 3, 4, 5, 7]) if season >= 0.9 else rng.choice([2, 2, 3, 4])
    rate = 118 if day.month in (7, 8) else 96 if season >= 0.9 else 78
    amount = r2(nights * rate + 60)  # plus the cleaning fee
    booked = day - timedelta(days=rng.randint(5, 90))
    cancelled = rng.random() < 0.12
    st, inv = status_for(day, cancelled)
    channel = rng.choice(["airbnb", "airbnb", "booking_com", "booking_com", "direct"])
    booking("fewo-deich", f"F-{n:03d}", person(), booked, day, amount, st, inv, channel, nights)
    n += 1
    if not cancelled:
        day += timedelta(days=nights)

# Pixelwerft client book: monthly retainers (units: hours) and one fixed project.
CLIENTS = [  # id, name, monthly fee, hours, first month, last month
    ("BS", "Bäckerei Sönnichsen", 650.00, 6, 5, 12),
    ("HS", "Hotel Seeblick", 1200.00, 10, 5, 12),
    ("TB", "Tischlerei Brandt", 450.00, 4, 6, 12),
    ("NT", "Nordfriesland Tourismus e.V.", 2400.00, 20, 5, 9),  # did not renew after September
]
studio_invoices = []  # (paid date, amount, booking id, client)
for y, m in list(months()) + [(2026, 12)]:
    for cid, name, fee, hours, first, last in CLIENTS:
        if not first <= m <= last:
            continue
        service = month_end(y, m)
        bid = f"P-{y}{m:02d}-{cid}"
        st, inv = status_for(service)
        booking("studio-clients", bid, name, date(y, m, 1) - timedelta(days=21), service, fee, st, inv, "referral", hours)
        if st == "delivered":
            studio_invoices.append((service + timedelta(days=rng.randint(8, 16)), fee, bid, name))
# One fixed-price site build, delivered in August.
booking("studio-clients", "P-PRJ-KA", "Kanzlei Albers", date(2026, 6, 2), date(2026, 8, 21), 6800.00,
        "delivered", "yes", "website", 52)
studio_invoices.append((date(2026, 9, 4), 6800.00, "P-PRJ-KA", "Kanzlei Albers"))
booking("studio-clients", "P-PRJ-MF", "Meierei Föhr", date(2026, 11, 3), date(2027, 1, 29), 4200.00,
        "quoted", "no", "linkedin", 30)

# ---------------------------------------------------------------- cloud costs (studio only)

cloud = []  # rows
cloud_by_month = {}
snap = 7.80
for y, m in months():
    if (y, m) > (2026, 10):
        break  # the November bill is not out yet
    key = f"{y}-{m:02d}"
    days = month_end(y, m).day
    rows = [
        ("Amazon EC2", "EUC1-BoxUsage:t3.medium", r2(0.0456 * 24 * days), "i-07c4e1d2b3a490001 client-sites",
         "running", rng.randint(31, 46)),
        ("Amazon RDS", "EUC1-InstanceUsage:db.t4g.micro", r2(0.018 * 24 * days), "client-sites-db", "running",
         rng.randint(18, 27)),
        ("Amazon EC2", "EUC1-EBS:VolumeUsage.gp3", r2(9.52), "", "", ""),
        ("Amazon EC2", "EUC1-EBS:SnapshotUsage", r2(snap), "", "", ""),
        ("Amazon S3", "EUC1-TimedStorage-ByteHrs", r2(rng.uniform(2.1, 3.4)), "", "", ""),
        ("Amazon CloudFront", "EU-DataTransfer-Out-Bytes", r2(rng.uniform(3.0, 8.5) * SEASON[m]), "", "", ""),
        ("Amazon Route 53", "HostedZone", 3.50, "", "", ""),
    ]
    if (y, m) >= (2026, 7):
        # The old WordPress server was shut down in June; its data volume was kept.
        rows.insert(3, ("Amazon EC2", "EUC1-EBS:VolumeUsage.gp2", 11.90,
                        "vol-0e6a2b9c4d1f70001 old-wordpress-data", "unattached", ""))
    snap += 2.35  # snapshots are never pruned
    total = 0.0
    for service, usage, cost, resource, state, util in rows:
        cloud.append(dict(entity="studio-clients", month=key, provider="aws", service=service, usage_type=usage,
                          cost=f"{cost:.2f}", resource=resource, state=state, utilization=str(util)))
        total += cost
    cloud_by_month[(y, m)] = r2(total)

# ---------------------------------------------------------------- journal

tx = []  # (date, order, sequence, header, postings)


def posting(account, amount=None, comment=None):
    return (account, amount, comment)


def t(d, payee, postings, status="*", code=None, comment=None, order=5):
    head = f"{d.isoformat()} {status} " + (f"({code}) " if code else "") + payee
    if comment:
        head += f"  ; {comment}"
    tx.append((d, order, len(tx), head, postings))


def render(head, postings):
    lines = [head]
    for account, amount, comment in postings:
        line = f"    {account}"
        if amount is not None:
            text = f"${amount:,.2f}" if isinstance(amount, Usd) else eur(amount)
            line = f"{line:<46}  {text:>16}"
        if comment:
            line += f"  ; {comment}"
        lines.append(line)
    return "\n".join(lines)


# Opening balances.
t(START, "Eröffnungsbilanz (opening balances)", [
    posting("Assets:CafeHafen:Checking", 21500.00),
    posting("Assets:CafeHafen:Cash", 600.00),
    posting("Assets:Radwerk:Checking", 7200.00),
    posting("Assets:StudioClients:Checking", 9800.00),
    posting("Equity:Opening Balances"),
], order=0)

# --- Café Hafenkante
week = START + timedelta(days=(6 - START.weekday()) % 7)  # first Sunday
while week <= END:
    s = SEASON[week.month]
    takings = r2(rng.uniform(3900, 4700) * s)
    cash = r2(takings * rng.uniform(0.22, 0.3))
    t(week, "Kassenabschluss Woche (weekly till close)", [
        posting("Assets:CafeHafen:Checking", r2(takings - cash), "card payments"),
        posting("Assets:CafeHafen:Cash", cash),
        posting("Income:CafeHafen:Sales", -takings, f"sales: {round(takings / 9.4)}"),
    ])
    if week + timedelta(days=1) <= END:
        t(week + timedelta(days=1), "Bareinzahlung Sparkasse (cash deposit)", [
            posting("Assets:CafeHafen:Checking", cash),
            posting("Assets:CafeHafen:Cash", -cash),
        ])
    supplies = r2(takings * rng.uniform(0.26, 0.31))
    t(max(START, week - timedelta(days=rng.randint(2, 4))), rng.choice(["Rösterei Nordlicht", "Meierei Eiderstedt",
                                                              "Backhaus Friedrichstadt"]), [
        posting("Expenses:CafeHafen:Food Supplies", supplies),
        posting("Assets:CafeHafen:Checking"),
    ])
    week += timedelta(days=7)

for service, amount, bid in cafe_catering:
    paid = service + timedelta(days=rng.randint(3, 12))
    if paid > END:
        continue
    t(paid, f"Catering {bid}", [
        posting("Assets:CafeHafen:Checking", amount),
        posting("Income:CafeHafen:Catering", -amount, f"booking {bid}"),
    ])

for y, m in months():
    first = date(y, m, 1)
    s = SEASON[m]
    t(first, "Hafenkontor Immobilien", [posting("Expenses:CafeHafen:Rent", 2900.00),
                                         posting("Assets:CafeHafen:Checking")])
    if date(y, m, 3) <= END:
        t(date(y, m, 3), "Kassensystem GmbH", [posting("Expenses:CafeHafen:Software", 69.00),
                                                posting("Assets:CafeHafen:Checking")])
    if date(y, m, 15) <= END:
        t(date(y, m, 15), "Stadtwerke Husum", [posting("Expenses:CafeHafen:Utilities", r2(rng.uniform(560, 690))),
                                                posting("Assets:CafeHafen:Checking")])
    if date(y, m, 28) <= END:
        t(date(y, m, 28), "Lohnlauf (payroll)", [posting("Expenses:CafeHafen:Payroll", r2(7400 + 5200 * s)),
                                                  posting("Assets:CafeHafen:Checking")])
    if month_end(y, m) <= END:
        t(month_end(y, m), "Sparkasse Kontoführung", [posting("Expenses:CafeHafen:Bank Fees", 24.90),
                                                        posting("Assets:CafeHafen:Checking")])

# The espresso machine broke in September: an account nobody declared.
t(date(2026, 9, 17), "Kaffeetechnik Nord", [
    posting("Expenses:CafeHafen:Equipment Repair", 1480.00, "brew group and pump"),
    posting("Assets:CafeHafen:Checking"),
], code="KT-2291")

# --- Radwerk Deichweg
week = START + timedelta(days=(6 - START.weekday()) % 7)
while week <= END:
    rentals = r2(sum(a for d, a in radwerk_rentals if week - timedelta(days=6) <= d <= week))
    repairs = r2(rng.uniform(420, 1050) * SEASON[week.month])
    t(week, "Wochenumsatz Verleih und Werkstatt (weekly takings)", [
        posting("Assets:Radwerk:Checking", r2(rentals + repairs)),
        posting("Income:Radwerk:Rentals", -rentals),
        posting("Income:Radwerk:Repairs", -repairs),
    ])
    if rng.random() < 0.6:
        t(max(START, week - timedelta(days=rng.randint(1, 5))), rng.choice(["Fahrradgroßhandel Jessen", "Schwalbe-Vertrieb Nord",
                                                                 "Bosch eBike Service"]), [
            posting("Expenses:Radwerk:Parts", r2(rng.uniform(180, 640) * SEASON[week.month])),
            posting("Assets:Radwerk:Checking"),
        ])
    week += timedelta(days=7)

for y, m in months():
    first = date(y, m, 1)
    t(first, "Werkstatt Deichweg 4 (workshop rent)", [posting("Expenses:Radwerk:Rent", 1150.00),
                                                      posting("Assets:Radwerk:Checking")])
    if date(y, m, 5) <= END:
        t(date(y, m, 5), "Nordlease e-bike fleet", [posting("Expenses:Radwerk:Fleet Lease", 890.00),
                                                     posting("Assets:Radwerk:Checking")])
    if date(y, m, 27) <= END:
        t(date(y, m, 27), "Lohnlauf (payroll)", [posting("Expenses:Radwerk:Payroll", r2(2100 + 1400 * SEASON[m])),
                                                  posting("Assets:Radwerk:Checking")])

# --- Pixelwerft client book
for paid, fee, bid, name in studio_invoices:
    if paid > END:
        continue
    t(paid, name, [
        posting("Assets:StudioClients:Checking", fee),
        posting("Income:StudioClients:Retainers" if not bid.startswith("P-PRJ") else "Income:StudioClients:Projects",
                -fee, f"invoice {bid}"),
    ])

for y, m in months():
    if date(y, m, 2) <= END:
        t(date(y, m, 2), "Figma und Adobe", [posting("Expenses:StudioClients:Software", 142.80),
                                              posting("Assets:StudioClients:Checking")])
    if (y, m) > (2026, 5) and date(y, m, 3) <= END:
        prev = (y, m - 1)
        t(date(y, m, 3), "Amazon Web Services EMEA", [
            posting("Expenses:StudioClients:Cloud", cloud_by_month[prev], f"bill {prev[0]}-{prev[1]:02d}"),
            posting("Assets:StudioClients:Checking"),
        ])
    if date(y, m, 20) <= END:
        busy = 1.0 if m <= 9 else 0.55
        t(date(y, m, 20), "Freelance Entwicklung Paulsen", [
            posting("Expenses:StudioClients:Contractors", r2(rng.uniform(1100, 1600) * busy)),
            posting("Assets:StudioClients:Checking"),
        ])
    if date(y, m, 26) <= END:
        t(date(y, m, 26), "Gehalt Designerin (part-time designer)", [
            posting("Expenses:StudioClients:Payroll", 2350.00),
            posting("Assets:StudioClients:Checking"),
        ])

# The studio's US software, billed in dollars on a dollar card on the 9th (no
# random draws: the rest of the data stays as it was).
for y, m in months():
    if date(y, m, 9) <= END:
        t(date(y, m, 9), "Vercel und GitHub (USD)", [
            posting("Expenses:StudioClients:Software", Usd(64.00)),
            posting("Liabilities:StudioClients:USD Card"),
        ])

# The dollar in euros on the first of each month from June (invented rates):
# May's bill above has none on or before its date.
USD_IN_EUR = {6: "0.9212", 7: "0.9174", 8: "0.9256", 9: "0.9301", 10: "0.9248", 11: "0.9275"}

# --- The group's liability policy: one payment from the café's account, split
# between three entities by `; entity:` tags on a shared account.
for d in (date(2026, 5, 4), date(2026, 7, 6), date(2026, 10, 5)):  # three instalments
    t(d, "Nordsee Versicherung, Betriebshaftpflicht (group liability policy)", [
        posting("Expenses:Group:Insurance", 186.00, "entity: cafe-hafen"),
        posting("Expenses:Group:Insurance", 141.00, "entity: radwerk"),
        posting("Expenses:Group:Insurance", 63.00, "entity: studio-clients"),
        posting("Assets:CafeHafen:Checking", -390.00),
    ])

# One balance assertion, after the last transaction of 31 October (ledger
# checks assertions in file order, hledger in date order: here they agree).
assert_day = date(2026, 10, 31)


def balance_of(account, upto):
    total = 0.0
    for d, _, _, _, postings in tx:
        if d > upto:
            continue
        known = sum(a for _, a, _ in postings if a is not None)
        for name, amount, _ in postings:
            if name == account:
                total += amount if amount is not None else -known
    return r2(total)


studio_cash = balance_of("Assets:StudioClients:Checking", assert_day)
tx.append((assert_day, 9, len(tx), f"{assert_day.isoformat()} * Kontoabgleich Oktober (balance check)", [
    ("Assets:StudioClients:Checking", 0.0, None), ("Equity:Opening Balances", 0.0, None)]))
ORDERED = sorted(tx, key=lambda x: (x[0], x[1], x[2]))

DECLARED = [
    "Assets:CafeHafen:Checking", "Assets:CafeHafen:Cash", "Assets:Radwerk:Checking",
    "Assets:StudioClients:Checking", "Equity:Opening Balances",
    "Income:CafeHafen:Sales", "Income:CafeHafen:Catering", "Income:Radwerk:Rentals", "Income:Radwerk:Repairs",
    "Income:StudioClients:Retainers", "Income:StudioClients:Projects",
    "Expenses:CafeHafen:Food Supplies", "Expenses:CafeHafen:Rent", "Expenses:CafeHafen:Software",
    "Expenses:CafeHafen:Utilities", "Expenses:CafeHafen:Payroll", "Expenses:CafeHafen:Bank Fees",
    "Expenses:Radwerk:Parts", "Expenses:Radwerk:Rent", "Expenses:Radwerk:Fleet Lease", "Expenses:Radwerk:Payroll",
    "Expenses:StudioClients:Software", "Expenses:StudioClients:Cloud", "Expenses:StudioClients:Contractors",
    "Expenses:StudioClients:Payroll", "Expenses:Group:Insurance", "Liabilities:StudioClients:USD Card",
    # Expenses:CafeHafen:Equipment Repair is used once and deliberately not declared.
]

os.makedirs(DATA, exist_ok=True)
with open(os.path.join(DATA, "books.journal"), "w", encoding="utf-8") as f:
    f.write("; Deichblick Gastro: synthetic books of the café, the bike shop and the web studio.\n")
    f.write("; Generated by tests/portfolios/second/make-data.py (fixed seed); do not edit by hand.\n")
    f.write("; The holiday apartment (fewo-deich) keeps no books: it has no postings here on purpose.\n")
    f.write(f"; Period {START.isoformat()} to {END.isoformat()}. Amounts in EUR.\n\n")
    for a in DECLARED:
        f.write(f"account {a}\n")
    f.write("\n")
    for m, rate in USD_IN_EUR.items():
        f.write(f"P 2026-{m:02d}-01 $ {rate} EUR\n")
    current = None
    for d, _, _, head, postings in ORDERED:
        ym = (d.year, d.month)
        if ym != current:
            current = ym
            f.write(f"\n; ===== {d.year}-{d.month:02d} =====\n")
        text = render(head, postings)
        if head.endswith("(balance check)"):
            first, second = text.split("\n")[1:3]
            text = f"{head}\n{first} = {eur(studio_cash)}\n{second}"
        f.write("\n" + text + "\n")

# Invoices are issued on the service date, due 14 days later; the payment
# dates are the journal's deposits, and those after END are still open.
with open(os.path.join(DATA, "invoices.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("entity,invoice,customer,issued,due,amount,paid_on\n")
    for number, (paid, fee, bid, name) in enumerate(sorted(studio_invoices, key=lambda i: (i[2][-2:] == "KA", i[0])), 1):
        b = next(x for x in bookings if x["id"] == bid)
        issued = date.fromisoformat(b["service_date"])
        if issued > END:
            continue
        f.write(f"studio-clients,PW-{2026000 + number},{name},{issued},{issued + timedelta(days=14)},{fee:.2f},"
                f"{paid if paid <= END else ''}\n")

with open(os.path.join(DATA, "bookings.csv"), "w", encoding="utf-8", newline="") as f:
    cols = ["entity", "id", "customer", "booked_on", "service_date", "amount", "status", "invoiced", "channel",
            "units"]
    f.write(",".join(cols) + "\n")
    for b in bookings:
        f.write(",".join(b[c] for c in cols) + "\n")

CHANNELS = [
    # entity, channel, status, monthly_views, leads_30d
    ("cafe-hafen", "google_business", "listed", "4120", "31"),
    ("cafe-hafen", "instagram", "listed", "", ""),       # views not exported
    ("cafe-hafen", "tripadvisor", "listed", "", "3"),     # leads known, views not
    ("cafe-hafen", "website", "listed", "390", ""),
    ("radwerk", "google_business", "listed", "1480", "14"),
    ("radwerk", "getyourguide", "pending", "", ""),
    ("radwerk", "website", "not_listed", "", ""),
    ("fewo-deich", "airbnb", "listed", "760", "9"),
    ("fewo-deich", "booking_com", "listed", "", ""),
    ("fewo-deich", "website", "not_listed", "", ""),
    ("studio-clients", "website", "listed", "210", ""),
    ("studio-clients", "linkedin", "listed", "", ""),
]
with open(os.path.join(DATA, "channels.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("entity,channel,status,monthly_views,leads_30d,updated\n")
    for row in CHANNELS:
        f.write(",".join(row) + ",2026-11-09\n")

with open(os.path.join(DATA, "cloud_costs.csv"), "w", encoding="utf-8", newline="") as f:
    cols = ["entity", "month", "provider", "service", "usage_type", "cost", "resource", "state", "utilization"]
    f.write(",".join(cols) + "\n")
    for row in cloud:
        f.write(",".join(row[c] for c in cols) + "\n")

print(f"{len(ORDERED) + 1} transactions, {len(bookings)} bookings, {len(CHANNELS)} channels, "
      f"{len(cloud)} cloud cost lines; studio cash at {assert_day}: {studio_cash:.2f}")
