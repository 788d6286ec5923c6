"""The 13-week cash forecast checked by hand (issue 15) on the forecast test
portfolio (tests/portfolios/forecast), as of Monday 16 Nov 2026.

Weeks run Monday to Sunday; week 1 is 16-22 Nov counting the days after
as-of (17-22 Nov). Every figure below was worked out by hand from the
portfolio's files; the test asserts the program's `cash-forecast` section
equals it to the cent: each week's opening, receipts, payments, closing and
downside closing, and where each line comes from.

Gull Kayaks (service, paid on the tour day). Cash at as-of, books.journal:
  8,000.00 opening - 3 x 450.00 moorage - 3 x 600.00 payroll + 1,200.00 tours
  - 475.00 moorage = 5,575.00.
  Recurring: Dockside Marina, Expenses:Gull:Moorage, 14 Aug, 14 Sep, 14 Oct,
  13 Nov (each within 3 days of a month after the one before): monthly on
  the 13th, the last amount 475.00, next 13 Dec, 13 Jan, 13 Feb. Crew
  Payroll, Expenses:Gull:Wages, 30 Oct, 6 Nov, 13 Nov: weekly on Fridays,
  600.00, next 20 Nov and every Friday to 12 Feb (13 payments).
  Bookings: G-101 900.00 served 21 Nov; G-102 1,500.00 served 5 Dec; G-105
  2,000.00 (quoted) served 9 Jan. G-103 is cancelled, G-104 served and
  invoiced before as-of, G-106 served 1 Mar after the 13th week: none count.
  Planned action kayak-trailer 3,200.00 due 2 Dec.
  Downside: bookings 25% lower (675.00, 1,125.00, 1,500.00).

Tide Design (client book, invoices). Cash at as-of: 3,000.00 opening
  - 3 x 300.00 insurance - 3 x 120.00 hosting + 2,000.00 Harbor Dental
  = 3,740.00.
  Recurring: Cloud Host, Expenses:Tide:Hosting, 20 Aug, 20 Sep, 20 Oct:
  monthly on the 20th, 120.00, next 20 Nov, 20 Dec, 20 Jan. Shoreline
  Insurance, Expenses:Tide:Insurance, 25 Feb, 25 May, 25 Aug: quarterly on
  the 25th, 300.00, next 25 Nov (25 Feb is after the 13th week).
  Open invoices, with each customer's median days late on paid invoices:
  T-5 Harbor Dental 2,400.00 due 1 Dec; Harbor Dental paid 11, 7 and 15
  days late: median 11, so 12 Dec; downside +10 days: 22 Dec.
  T-6 Mission Fitness 600.00 due 10 Nov; paid 4 days early once: median -4,
  so 6 Nov, already past: the first week (17 Nov), downside too.
  T-7 Pier Bakery 1,000.00 due 10 Dec; no paid invoice: the portfolio's
  median of -4, 7, 11, 15 = (7 + 11) / 2 = 9 days, so 19 Dec; downside 29 Dec.
  T-8 Old Client 500.00 due 15 Jul: 124 days past due, left out as doubtful.
  Commitment: laptop lease 250.00 monthly from 1 Dec (1 Dec, 1 Jan, 1 Feb).

All entities: both, plus the portfolio-wide commitment (accountant retainer,
  400.00 quarterly from 15 Dec: 15 Dec only).
Floor 1,000.00: Gull Kayaks closes below it in the week of 21 Dec (700.00),
35 days after as-of: a medium finding. Tide Design never does, nor in the
downside, so it has no finding.
"""
import json
import tempfile

from reports import EXIT_OK, ROOT, Case, main, run

PORTFOLIO = ROOT / "tests" / "portfolios" / "forecast"
AS_OF = "2026-11-16"
WEEKS = ["16 Nov", "23 Nov", "30 Nov", "7 Dec", "14 Dec", "21 Dec", "28 Dec", "4 Jan 2027", "11 Jan 2027",
         "18 Jan 2027", "25 Jan 2027", "1 Feb 2027", "8 Feb 2027"]

# Each week: opening, receipts, payments, closing, downside closing (in dollars),
# and where the receipts and payments come from.
GULL = [
    (5575.00, 900.00, 600.00, 5875.00, 5650.00, "G-101 900; payroll 20 Nov"),
    (5875.00, 0.00, 600.00, 5275.00, 5050.00, "payroll 27 Nov"),
    (5275.00, 1500.00, 3800.00, 2975.00, 2375.00, "G-102 1,500; trailer 2 Dec 3,200 + payroll 4 Dec"),
    (2975.00, 0.00, 1075.00, 1900.00, 1300.00, "payroll 11 Dec + moorage 13 Dec 475"),
    (1900.00, 0.00, 600.00, 1300.00, 700.00, "payroll 18 Dec"),
    (1300.00, 0.00, 600.00, 700.00, 100.00, "payroll 25 Dec: below the 1,000 floor"),
    (700.00, 0.00, 600.00, 100.00, -500.00, "payroll 1 Jan"),
    (100.00, 2000.00, 600.00, 1500.00, 400.00, "G-105 2,000 (downside 1,500); payroll 8 Jan"),
    (1500.00, 0.00, 1075.00, 425.00, -675.00, "payroll 15 Jan + moorage 13 Jan"),
    (425.00, 0.00, 600.00, -175.00, -1275.00, "payroll 22 Jan"),
    (-175.00, 0.00, 600.00, -775.00, -1875.00, "payroll 29 Jan"),
    (-775.00, 0.00, 600.00, -1375.00, -2475.00, "payroll 5 Feb"),
    (-1375.00, 0.00, 1075.00, -2450.00, -3550.00, "payroll 12 Feb + moorage 13 Feb"),
]
TIDE = [
    (3740.00, 600.00, 120.00, 4220.00, 4220.00, "T-6 600 (past its expected date); hosting 20 Nov"),
    (4220.00, 0.00, 300.00, 3920.00, 3920.00, "insurance 25 Nov"),
    (3920.00, 0.00, 250.00, 3670.00, 3670.00, "lease 1 Dec"),
    (3670.00, 2400.00, 0.00, 6070.00, 3670.00, "T-5 12 Dec (downside 22 Dec)"),
    (6070.00, 1000.00, 120.00, 6950.00, 3550.00, "T-7 19 Dec (downside 29 Dec); hosting 20 Dec"),
    (6950.00, 0.00, 0.00, 6950.00, 5950.00, "downside: T-5"),
    (6950.00, 0.00, 250.00, 6700.00, 6700.00, "lease 1 Jan; downside: T-7"),
    (6700.00, 0.00, 0.00, 6700.00, 6700.00, ""),
    (6700.00, 0.00, 0.00, 6700.00, 6700.00, ""),
    (6700.00, 0.00, 120.00, 6580.00, 6580.00, "hosting 20 Jan"),
    (6580.00, 0.00, 0.00, 6580.00, 6580.00, ""),
    (6580.00, 0.00, 250.00, 6330.00, 6330.00, "lease 1 Feb"),
    (6330.00, 0.00, 0.00, 6330.00, 6330.00, ""),
]
# The two together, and the accountant retainer (400.00, 15 Dec) in week 5.
TOTAL = [
    (9315.00, 1500.00, 720.00, 10095.00, 9870.00, ""),
    (10095.00, 0.00, 900.00, 9195.00, 8970.00, ""),
    (9195.00, 1500.00, 4050.00, 6645.00, 6045.00, ""),
    (6645.00, 2400.00, 1075.00, 7970.00, 4970.00, ""),
    (7970.00, 1000.00, 1120.00, 7850.00, 3850.00, "retainer 15 Dec"),
    (7850.00, 0.00, 600.00, 7250.00, 5650.00, ""),
    (7250.00, 0.00, 850.00, 6400.00, 5800.00, ""),
    (6400.00, 2000.00, 600.00, 7800.00, 6700.00, ""),
    (7800.00, 0.00, 1075.00, 6725.00, 5625.00, ""),
    (6725.00, 0.00, 720.00, 6005.00, 4905.00, ""),
    (6005.00, 0.00, 600.00, 5405.00, 4305.00, ""),
    (5405.00, 0.00, 850.00, 4555.00, 3455.00, ""),
    (4555.00, 0.00, 1075.00, 3480.00, 2380.00, ""),
]


def money(x):
    cents = round(x * 100)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


class Forecast(Case):
    @classmethod
    def setUpClass(cls):
        cls._out = tempfile.TemporaryDirectory(prefix="qd-forecast-")
        cls.out = cls._out.name
        cls.result = run("generate", PORTFOLIO, "--as-of", AS_OF, "--out", cls.out, "--store", f"{cls.out}/none.db",
                         "--format", "json")

    @classmethod
    def tearDownClass(cls):
        cls._out.cleanup()

    def report(self, name):
        self.assertExit(self.result, EXIT_OK)
        with open(f"{self.out}/{name}.json", encoding="utf-8") as f:
            return json.load(f)

    def section(self, name, sid="cash-forecast"):
        found = [s for s in self.report(name)["sections"] if s["id"] == sid]
        self.assertEqual(len(found), 1, f"{name}: one {sid} section")
        return found[0]

    def check_weeks(self, section, table):
        self.assertEqual(section["columns"],
                         ["Week of", "Opening", "Receipts", "Payments", "Closing", "Downside", "Where from"])
        self.assertEqual(len(section["rows"]), 13)
        for week, (row, expected) in enumerate(zip(section["rows"], table)):
            opening, receipts, payments, closing, downside, _why = expected
            self.assertEqual(row[:6], [WEEKS[week], money(opening), money(receipts), money(payments),
                                       money(closing), money(downside)], f"week {week + 1}")
            # The table is consistent with itself: each week opens where the last closed.
            self.assertAlmostEqual(opening + receipts - payments, closing)

    def test_hand_table_is_consistent(self):
        for table in (GULL, TIDE, TOTAL):
            for before, after in zip(table, table[1:]):
                self.assertAlmostEqual(before[3], after[0])
        # All entities = the two, less the 400.00 retainer from the week of 14 Dec on.
        for week, (g, t, a) in enumerate(zip(GULL, TIDE, TOTAL)):
            retainer = 400.00 if week >= 4 else 0.00
            self.assertAlmostEqual(g[3] + t[3] - retainer, a[3], msg=f"week {week + 1}")
            self.assertAlmostEqual(g[4] + t[4] - retainer, a[4], msg=f"week {week + 1} downside")

    def test_gull_kayaks_week_by_week(self):
        self.check_weeks(self.section("gull-kayaks"), GULL)

    def test_tide_design_week_by_week(self):
        self.check_weeks(self.section("tide-design"), TIDE)

    def test_all_entities_week_by_week(self):
        self.check_weeks(self.section("cfo"), TOTAL)

    def test_where_each_line_comes_from(self):
        gull = self.section("gull-kayaks")["rows"]
        self.assertEqual(
            gull[0][6],
            "2026-11-20 out $600.00: Crew Payroll, Expenses:Gull:Wages, weekly on Fridays, $600.00 "
            "(data/books.journal:19, :27, :31); "
            "2026-11-21 in $900.00: Booking G-101 Ann Lee, confirmed, served 2026-11-21 (data/bookings.csv:2)")
        self.assertEqual(
            gull[2][6],
            "2026-12-02 out $3,200.00: Planned: Buy a second kayak trailer, due 2026-12-02 (portfolio.toml:44); "
            "2026-12-04 out $600.00: Crew Payroll, Expenses:Gull:Wages, weekly on Fridays, $600.00 "
            "(data/books.journal:19, :27, :31); "
            "2026-12-05 in $1,500.00: Booking G-102 Ben Ortiz, confirmed, served 2026-12-05 (data/bookings.csv:3)")
        self.assertIn("Dockside Marina, Expenses:Gull:Moorage, monthly on the 13th, $475.00 "
                      "(data/books.journal:11, :15, :35)", gull[3][6])
        tide = self.section("tide-design")["rows"]
        self.assertIn("2026-11-17 in $600.00: Invoice T-6 Mission Fitness due 2026-11-10 - 4 days usually paid early "
                      "(1 paid invoice): past that, counted in week 1 (data/invoices.csv:7)", tide[0][6])
        self.assertIn("2026-12-12 in $2,400.00: Invoice T-5 Harbor Dental due 2026-12-01 + 11 days usual delay "
                      "(3 paid invoices) (data/invoices.csv:6)", tide[3][6])
        self.assertIn("2026-12-19 in $1,000.00: Invoice T-7 Pier Bakery due 2026-12-10 + 9 days, the portfolio's "
                      "usual delay (no paid invoice from Pier Bakery yet) (data/invoices.csv:8)", tide[4][6])
        self.assertIn("Shoreline Insurance, Expenses:Tide:Insurance, quarterly on the 25th, $300.00", tide[1][6])
        self.assertIn("Commitment: Laptop lease, monthly from 2026-12-01 (portfolio.toml:", tide[2][6])
        total = self.section("cfo")["rows"]
        self.assertIn("2026-12-15 out $400.00: Portfolio: Commitment: Accountant retainer, quarterly from 2026-12-15 "
                      "(portfolio.toml:", total[4][6])
        self.assertIn("Tide Design: Invoice T-7 Pier Bakery", total[4][6])

    def test_the_note_names_the_lowest_week_the_floor_and_what_was_left_out(self):
        note = self.section("gull-kayaks")["note"]
        self.assertEqual(
            note,
            "Cash today $5,575.00. Lowest -$2,450.00 in the week of 8 Feb 2027; below the $1,000.00 floor from the "
            "week of 21 Dec. Downside (bookings 25% lower, collections 10 days slower): lowest -$3,550.00 in the "
            "week of 8 Feb 2027, below the floor from the week of 14 Dec.")
        self.assertEqual(
            self.section("cfo")["note"],
            "Cash today $9,315.00 across the entities with cash accounts. Lowest $3,480.00 in the week of 8 Feb "
            "2027; above the $1,000.00 floor all 13 weeks. Downside (bookings 25% lower, collections 10 days "
            "slower): lowest $2,380.00 in the week of 8 Feb 2027, above the floor. Below the floor on its own: Gull "
            "Kayaks from the week of 21 Dec. Left out as doubtful (more than 90 days past due): invoice T-8 Old "
            "Client of $500.00, 124 days past due (data/invoices.csv:9).")
        tide = self.section("tide-design")["note"]
        self.assertIn("Lowest $3,670.00 in the week of 30 Nov; above the $1,000.00 floor all 13 weeks.", tide)
        self.assertIn("Left out as doubtful (more than 90 days past due): invoice T-8 Old Client of $500.00, "
                      "124 days past due (data/invoices.csv:9).", tide)

    def test_entities_side_by_side_in_the_cfo_report(self):
        s = self.section("cfo", "cash-forecast-entities")
        self.assertEqual(s["columns"], ["Entity", "Today", "Lowest", "Below floor", "Week 13"])
        self.assertEqual(s["rows"], [
            ["Gull Kayaks", "$5,575.00", "-$2,450.00 (8 Feb 2027)", "21 Dec", "-$2,450.00"],
            ["Tide Design", "$3,740.00", "$3,670.00 (30 Nov)", "-", "$6,330.00"],
        ])

    def test_floor_finding(self):
        findings = {f["id"]: f for f in self.report("cfo")["findings"]}
        gull = [f for f in findings.values() if "cash-floor-gull-kayaks" in [f["id"], *f["merged"]]]
        self.assertEqual(len(gull), 1)
        self.assertEqual(gull[0]["severity"], "medium")  # 21 Dec is 35 days away: this quarter
        self.assertNotIn("cash-floor-tide-design", findings)
        self.assertNotIn("cash-floor-downside-tide-design", findings)
        self.assertFalse(any(f["id"].startswith("cash-floor-downside-gull") for f in findings.values()))


if __name__ == "__main__":
    main()
