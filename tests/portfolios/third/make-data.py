#!/usr/bin/env python3
"""Writes the data files of the third test portfolio (South Shore Makers).

Run once from anywhere; the output is committed. Standard library only, fixed
seed, so a re-run writes the same bytes. Every name and number is invented.

Writes:
  data/books.journal   journal of the three entities (CAD)
  data/bookings.csv    kayak tours (May to September) and the seed box's monthly
                       charges (one row a subscriber a month); none for the shop
  data/channels.csv    marketing channels

What the reports should find, on purpose:
  * `bluenose-paddle` is closed from October to April (`season = "May-Sep"`):
    nothing booked ahead in February is no alarm, and its revenue targets are
    set aside until May;
  * `paper-lantern` is a shop: walk-in and online sales, no bookings; each till
    close and online payout carries a `sales` tag; a January restock leaves its
    account overdrawn at the as-of date;
  * `seedling-box` is a subscription: monthly charges per subscriber in
    bookings.csv, December gift subscriptions that lapse in January (churn);
    its books have no postings in November 2026 (a month the bookkeeper
    missed).
"""

import os
import random
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
rng = random.Random(20270215)

START = date(2026, 3, 1)
END = date(2027, 2, 12)      # last day of the books
AS_OF = date(2027, 2, 15)    # the reports' as-of date


def months():
    y, m = START.year, START.month
    while (y, m) <= (END.year, END.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_end(y, m):
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return nxt - timedelta(days=1)


def r2(x):
    return round(x + 1e-9, 2)


FIRST = ["Ada", "Rory", "Maren", "Callum", "Isla", "Ewan", "Bridget", "Lachlan", "Fiona", "Duncan",
         "Ailsa", "Malcolm", "Greer", "Hamish", "Morag", "Angus", "Elspeth", "Niall", "Shona", "Tavish"]
LAST = ["MacLeod", "Zinck", "Hirtle", "Corkum", "Veinot", "Ernst", "Publicover", "Mossman", "Knickle",
        "Wentzell", "Heisler", "Conrad", "Oickle", "Feener", "Himmelman", "Rafuse", "Tanner", "Whynot"]

bookings = []


def booking(entity, bid, customer, booked_on, service, amount, status, invoiced, channel, units=""):
    if booked_on > END:
        return
    bookings.append(dict(entity=entity, id=bid, customer=customer, booked_on=booked_on.isoformat(),
                         service_date=service.isoformat(), amount=f"{amount:.2f}", status=status,
                         invoiced=invoiced, channel=channel, units=str(units)))


# ---------------------------------------------------------------- Bluenose Paddle Co.
# Guided kayak tours, May to September; a tour is one booking (units: paddlers).
PADDLE_SEASON = range(5, 10)
paddle_income = []  # (date, amount) of delivered tours
n = 1
day = date(2026, 5, 1)
while day <= date(2026, 9, 30):
    busy = {5: 0.8, 6: 1.3, 7: 2.0, 8: 2.1, 9: 1.0}[day.month]
    k = 0
    while rng.random() < busy / (1.6 + k):
        k += 1
        paddlers = rng.choice([1, 2, 2, 2, 3, 4, 4, 6])
        amount = r2(paddlers * rng.choice([85.0, 95.0, 120.0]))
        booked = day - timedelta(days=rng.randint(1, 45))
        cancelled = rng.random() < 0.08  # fog and wind
        customer = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        channel = rng.choice(["website", "website", "tripadvisor", "google_business", "walk_up"])
        booking("bluenose-paddle", f"BP-{n:04d}", customer, booked, day, amount,
                "cancelled" if cancelled else "delivered", "no" if cancelled else "yes", channel, paddlers)
        if not cancelled:
            paddle_income.append((day, amount))
        n += 1
    day += timedelta(days=1)

# ---------------------------------------------------------------- Seedling Box
# A monthly seed-and-garden box at 29.00 (gift subscriptions 25.00), charged
# on the subscriber's sign-up day of the month.
PRICE, GIFT = 29.00, 25.00
names = [f"{f} {l}" for f in FIRST for l in LAST]
rng.shuffle(names)
subscribers = []  # dicts: name, day, price, channel, gift_until (month index or None)
seed_charges = {}  # (y, m) -> list of amounts charged (not failed)
sub_n = 1


def month_index(y, m):
    return y * 12 + m - 1


for y, m in months():
    idx = month_index(y, m)
    # Who leaves before this month's charge: gifts that ran out, and ordinary churn.
    kept = []
    for s in subscribers:
        if s["gift_until"] is not None and idx > s["gift_until"]:
            continue
        if s["gift_until"] is None and rng.random() < 0.045:
            continue
        kept.append(s)
    subscribers = kept
    new = 40 if (y, m) == (2026, 3) else rng.randint(9, 16)
    gifts = 22 if m == 12 else 0
    for i in range(new + gifts):
        gift = i >= new
        subscribers.append(dict(name=names.pop(), day=rng.randint(1, 28), price=GIFT if gift else PRICE,
                                channel=rng.choice(["instagram", "instagram", "website", "referral", "market_stall"]),
                                gift_until=idx if gift else None))
    charged = []
    for s in sorted(subscribers, key=lambda s: (s["day"], s["name"])):
        service = date(y, m, s["day"])
        failed = rng.random() < 0.015  # a card declined
        booking("seedling-box", f"SB-{y}{m:02d}-{sub_n:05d}", s["name"], service, service, s["price"],
                "cancelled" if failed else "delivered", "no" if failed else "yes", s["channel"])
        sub_n += 1
        if not failed and service <= END:
            charged.append(s["price"])
    seed_charges[(y, m)] = charged

# ---------------------------------------------------------------- journal
tx = []


def t(d, payee, postings, comment=None, order=5):
    if d > END:
        return
    head = f"{d.isoformat()} * {payee}"
    if comment:
        head += f"  ; {comment}"
    tx.append((d, order, len(tx), head, postings))


def p(account, amount=None, comment=None):
    return (account, amount, comment)


t(START, "Opening balances", [
    p("Assets:Paddle:Checking", 16500.00),
    p("Assets:Lantern:Checking", 9200.00),
    p("Assets:Lantern:Cash", 300.00),
    p("Assets:Seedling:Checking", 5400.00),
    p("Equity:Opening Balances"),
], order=0)

# --- Bluenose Paddle: weekly card settlements in season; storage and
# insurance all year; guides paid in season.
week = date(2026, 5, 3)
while week <= date(2026, 10, 4):
    takings = r2(sum(a for d, a in paddle_income if week - timedelta(days=6) <= d <= week))
    if takings > 0:
        t(week, "Square settlement (tours)", [p("Assets:Paddle:Checking", takings),
                                              p("Income:Paddle:Tours", -takings)])
    week += timedelta(days=7)
for y, m in months():
    t(date(y, m, 1), "Harbour Sheds Ltd (kayak storage)", [p("Expenses:Paddle:Rent", 450.00),
                                                            p("Assets:Paddle:Checking")])
    t(date(y, m, 6), "Atlantic Marine Mutual", [p("Expenses:Paddle:Insurance", 212.50),
                                                 p("Assets:Paddle:Checking")])
    if m in PADDLE_SEASON:
        t(date(y, m, 15), "Guide payroll", [p("Expenses:Paddle:Payroll", r2(rng.uniform(3800, 5600))),
                                            p("Assets:Paddle:Checking")])
        t(date(y, m, 20), "Gear and repairs", [p("Expenses:Paddle:Gear", r2(rng.uniform(150, 620))),
                                               p("Assets:Paddle:Checking")])
    if m == 4:
        t(date(y, m, 10), "Tourism guide listing", [p("Expenses:Paddle:Marketing", 640.00),
                                                    p("Assets:Paddle:Checking")])

# --- The Paper Lantern: weekly till close and online payout, each with the
# number of sales it totals; stock, rent, staff, fees.
SHOP = {3: 0.7, 4: 0.8, 5: 0.9, 6: 1.0, 7: 1.2, 8: 1.25, 9: 0.95, 10: 0.9, 11: 1.1, 12: 1.9, 1: 0.6, 2: 0.65}
week = START + timedelta(days=(6 - START.weekday()) % 7)
while week <= END:
    s = SHOP[week.month]
    walk_in = rng.randint(230, 300) * s
    walk_in_sales = int(walk_in)
    walk_in_amount = r2(walk_in_sales * rng.uniform(13.5, 16.5))
    card = r2(walk_in_amount * rng.uniform(0.78, 0.86))
    t(week, "Till close", [
        p("Assets:Lantern:Checking", card, "card batch"),
        p("Assets:Lantern:Cash", r2(walk_in_amount - card)),
        p("Income:Lantern:Shop", -walk_in_amount, f"sales: {walk_in_sales}"),
    ])
    online_sales = int(rng.randint(25, 45) * s)
    online_amount = r2(online_sales * rng.uniform(22.0, 31.0))
    t(week + timedelta(days=2), "Shopify payout", [
        p("Assets:Lantern:Checking", r2(online_amount * 0.971)),
        p("Expenses:Lantern:Payment Fees", r2(online_amount * 0.029)),
        p("Income:Lantern:Online", -online_amount, f"sales: {online_sales}"),
    ])
    t(week + timedelta(days=1), "Cash deposit", [
        p("Assets:Lantern:Checking", r2(walk_in_amount - card)),
        p("Assets:Lantern:Cash"),
    ])
    t(max(START, week - timedelta(days=rng.randint(1, 3))), rng.choice(["Maritime Paper Co.", "Fundy Letterpress",
                                                                 "Brightwater Pens", "Dockside Distributors"]), [
        p("Expenses:Lantern:Stock", r2((walk_in_amount + online_amount) * rng.uniform(0.5, 0.58))),
        p("Assets:Lantern:Checking"),
    ])
    week += timedelta(days=7)
for y, m in months():
    t(date(y, m, 1), "Lincoln Street Properties (rent)", [p("Expenses:Lantern:Rent", 2650.00),
                                                           p("Assets:Lantern:Checking")])
    t(date(y, m, 4), "Shopify", [p("Expenses:Lantern:Software", 105.00), p("Assets:Lantern:Checking")])
    t(date(y, m, 25), "Shop payroll", [p("Expenses:Lantern:Payroll", r2(4600 + 2200 * SHOP[m])),
                                       p("Assets:Lantern:Checking")])
    t(month_end(y, m), "Nova Credit Union fees", [p("Expenses:Lantern:Bank Fees", 18.50),
                                                  p("Assets:Lantern:Checking")])

# --- Seedling Box: the month's charges paid out on the 2nd of the next
# month, less card fees; boxes, shipping and software. Nothing at all is
# recorded for November 2026.
for y, m in months():
    charged = seed_charges[(y, m)]
    if not charged:
        continue
    total = r2(sum(charged))
    fees = r2(total * 0.029 + 0.30 * len(charged))
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    payout = date(ny, nm, 2)
    books_month = (payout.year, payout.month)
    if books_month == (2026, 11):
        continue
    t(payout, f"Stripe payout, {date(y, m, 1).strftime('%B %Y')} charges", [
        p("Assets:Seedling:Checking", r2(total - fees)),
        p("Expenses:Seedling:Payment Fees", fees),
        p("Income:Seedling:Subscriptions", -total),
    ])
for y, m in months():
    if (y, m) == (2026, 11):
        continue
    boxes = len(seed_charges[(y, m)])
    t(date(y, m, 8), "Annapolis Seed Growers", [p("Expenses:Seedling:Stock", r2(boxes * rng.uniform(9.5, 11.5))),
                                                 p("Assets:Seedling:Checking")])
    t(date(y, m, 12), "Canada Post", [p("Expenses:Seedling:Shipping", r2(boxes * 7.40)),
                                      p("Assets:Seedling:Checking")])
    t(date(y, m, 3), "Subscription software", [p("Expenses:Seedling:Software", 79.00),
                                               p("Assets:Seedling:Checking")])


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


# The January restock: sized so that the shop's cash (account and till) is
# 1,238.40 below zero once everything else to the end of the books is paid.
restock = r2(balance_of("Assets:Lantern:Checking", END) + balance_of("Assets:Lantern:Cash", END) + 1238.40)
t(date(2027, 1, 18), "Maritime Paper Co. (spring restock)", [p("Expenses:Lantern:Stock", restock),
                                                              p("Assets:Lantern:Checking")])

ACCOUNTS = sorted({name for _, _, _, _, ps in tx for name, _, _ in ps})


def render(head, postings):
    lines = [head]
    for account, amount, comment in postings:
        line = f"    {account}"
        if amount is not None:
            line = f"{line:<44}  {amount:>12,.2f} CAD"
        if comment:
            line += f"  ; {comment}"
        lines.append(line)
    return "\n".join(lines)


os.makedirs(DATA, exist_ok=True)
with open(os.path.join(DATA, "books.journal"), "w", encoding="utf-8") as f:
    f.write("; South Shore Makers: synthetic books of the kayak tours, the paper shop and the seed box.\n")
    f.write("; Generated by tests/portfolios/third/make-data.py (fixed seed); do not edit by hand.\n")
    f.write(f"; Period {START.isoformat()} to {END.isoformat()}. Amounts in CAD.\n\n")
    for a in ACCOUNTS:
        f.write(f"account {a}\n")
    f.write("\n")
    for d, _, _, head, postings in sorted(tx, key=lambda x: (x[0], x[1], x[2])):
        f.write(render(head, postings) + "\n\n")

with open(os.path.join(DATA, "bookings.csv"), "w", encoding="utf-8") as f:
    f.write("entity,id,customer,booked_on,service_date,amount,status,invoiced,channel,units\n")
    for b in bookings:
        f.write(",".join(b[k] for k in ("entity", "id", "customer", "booked_on", "service_date", "amount",
                                         "status", "invoiced", "channel", "units")) + "\n")

CHANNELS = [
    ("bluenose-paddle", "google_business", "listed", 940, 6, "2027-02-09"),
    ("bluenose-paddle", "tripadvisor", "listed", 610, 2, "2027-02-09"),
    ("bluenose-paddle", "getyourguide", "not_listed", "", "", "2027-02-09"),
    ("bluenose-paddle", "website", "listed", 380, 3, "2027-02-09"),
    ("paper-lantern", "google_business", "listed", 2380, 44, "2027-02-09"),
    ("paper-lantern", "instagram", "listed", 6100, 57, "2027-02-09"),
    ("paper-lantern", "etsy", "pending", "", "", "2027-02-09"),
    ("paper-lantern", "website", "listed", 3900, 61, "2027-02-09"),
    ("seedling-box", "instagram", "listed", 8800, 73, "2027-02-09"),
    ("seedling-box", "website", "listed", 2650, 29, "2027-02-09"),
]
with open(os.path.join(DATA, "channels.csv"), "w", encoding="utf-8") as f:
    f.write("entity,channel,status,monthly_views,leads_30d,updated\n")
    for row in CHANNELS:
        f.write(",".join(str(x) for x in row) + "\n")

print(f"{len(tx)} transactions, {len(bookings)} bookings, {len(CHANNELS)} channels; "
      f"shop cash at {END}: {balance_of('Assets:Lantern:Checking', END) + balance_of('Assets:Lantern:Cash', END):.2f}")
