"""The PDF pack, checked with poppler (Debian poppler-utils, installed by
scripts/setup): every report of every test portfolio rendered with
`generate --format pdf` and read back by pdftotext, pdfinfo, pdftoppm,
pdffonts and pdfimages; a table longer than a page repeats its header; user
text is drawn as written; a logo that is not a PNG is a located error.

    python3 tests/pdf/pdf_test.py build-asan/quarterdeck
"""
import json
import math
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))

from hostile import (EXAMPLE, EXIT_INVALID, EXIT_OK, ROOT, SECOND, Case,  # noqa: E402
                     copy_portfolio, main, run)

THIRD = ROOT / "tests" / "portfolios" / "third"
# Each portfolio at the as-of date its goldens use (tests/golden/check.sh).
PORTFOLIOS = [("reference", EXAMPLE, "2026-11-16"), ("second", SECOND, "2026-11-16"),
              ("third", THIRD, "2027-02-15")]
HOSTILE_NAME = "<b>bold</b> & <script>"


def tool(*args):
    """Runs a poppler tool; its stdout as text (it must succeed)."""
    proc = subprocess.run(args, capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"{args[0]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", "replace")


def flat(text):
    """Whitespace collapsed: a paragraph wrapped over lines reads as one."""
    return " ".join(text.split())


def without_code_spans(text):
    """Prose as the renderers show it outside HTML: `code` without backticks."""
    return re.sub(r"`([^`]*)`", r"\1", text)


def page_count(pdf):
    return int(re.search(r"^Pages:\s+(\d+)$", tool("pdfinfo", str(pdf)), re.M).group(1))


def page_bound(doc):
    """The most pages a report may take. A page holds about 40 table rows or
    lines of findings at the sizes used; counting 15 units a page, plus the
    cover and a first page, is a generous ceiling that a runaway layout (a
    row or a line per page, a page break loop) still exceeds."""
    units = len(doc["summary"]) + len(doc["kpis"]) + len(doc["timeline"])
    for f in doc["findings"]:
        units += 4 + 3 * len(f["evidence"])  # the finding, and its evidence twice (inline and appendix)
    for s in doc["sections"]:
        units += 4 + len(s["rows"])
    return 2 + math.ceil(units / 15)


class Rendered:
    """Every report of the three test portfolios as PDF and JSON, made once."""
    folder = None
    reports = {}  # (portfolio, report id) -> (pdf path, JSON document)

    @classmethod
    def make(cls):
        if cls.folder is not None:
            return
        cls.folder = tempfile.TemporaryDirectory(prefix="qd-pdf-")
        tmp = Path(cls.folder.name)
        for name, source, as_of in PORTFOLIOS:
            pf = copy_portfolio(tmp / f"{name}-portfolio", source)
            out = tmp / name
            result = run("generate", pf, "--as-of", as_of, "--out", out, "--format", "pdf,json",
                         "--store", tmp / f"{name}.db")
            if result.code != EXIT_OK:
                raise AssertionError(repr(result))
            for doc_path in sorted(out.glob("*.json")):
                doc = json.loads(doc_path.read_text(encoding="utf-8"))
                cls.reports[(name, doc["report_id"])] = (out / f"{doc['report_id']}.pdf", doc)


class EveryReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        Rendered.make()

    def test_there_is_a_pdf_for_every_report(self):
        counts = {}
        for (portfolio, _), (pdf, _) in Rendered.reports.items():
            self.assertTrue(pdf.is_file(), pdf)
            self.assertTrue(pdf.read_bytes().startswith(b"%PDF-"), pdf)
            counts[portfolio] = counts.get(portfolio, 0) + 1
        self.assertEqual(counts["reference"], 8)
        self.assertGreater(counts["second"], 0)
        self.assertGreater(counts["third"], 0)

    def test_text_has_cover_sections_and_kpi_values(self):
        for key, (pdf, doc) in Rendered.reports.items():
            with self.subTest(report=key):
                text = tool("pdftotext", "-enc", "UTF-8", str(pdf), "-")
                pages = text.split("\f")
                cover = flat(pages[0])
                self.assertIn(flat(doc["portfolio"]), cover)
                self.assertIn(flat(doc["title"]), cover)
                self.assertIn(f"As of {doc['as_of']}", cover)
                self.assertIn(flat(without_code_spans(doc["summary"][0])), cover)
                body = flat(text)
                for section in doc["sections"]:
                    self.assertIn(flat(section["title"]), body, f"section {section['id']}")
                for kpi in doc["kpis"]:
                    shown = kpi.get("display") or "missing"
                    self.assertIn(shown, body, f"KPI {kpi['id']}")
                for finding in doc["findings"]:
                    for evidence in finding["evidence"]:
                        self.assertIn(flat(evidence["source"]), body, f"evidence of {finding['id']}")
                # Every page has its footer, numbered against the total.
                total = page_count(pdf)
                for n in range(1, total + 1):
                    self.assertIn(f"Page {n} of {total}", pages[n - 1], f"page {n}")

    def test_page_count_in_range(self):
        for key, (pdf, doc) in Rendered.reports.items():
            with self.subTest(report=key):
                pages = page_count(pdf)
                self.assertGreaterEqual(pages, 2)  # the cover and at least one page of report
                self.assertLessEqual(pages, page_bound(doc))

    def test_every_page_renders(self):
        with tempfile.TemporaryDirectory(prefix="qd-pdf-pages-") as tmp:
            for key, (pdf, _) in Rendered.reports.items():
                with self.subTest(report=key):
                    prefix = Path(tmp) / f"{key[0]}-{key[1]}"
                    proc = subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(prefix)],
                                          capture_output=True, timeout=300)
                    self.assertEqual(proc.returncode, 0, proc.stderr)
                    self.assertEqual(proc.stderr, b"")  # no syntax errors or warnings
                    images = list(Path(tmp).glob(f"{prefix.name}-*.png"))
                    self.assertEqual(len(images), page_count(pdf))

    def test_every_font_is_embedded(self):
        for key, (pdf, _) in Rendered.reports.items():
            with self.subTest(report=key):
                lines = tool("pdffonts", str(pdf)).splitlines()
                header = lines[0]
                fonts = lines[2:]
                self.assertTrue(fonts, "no fonts")
                emb = header.index(" emb ") + 1
                for line in fonts:
                    self.assertEqual(line[emb:emb + 3], "yes", line)
                    self.assertIn("DejaVu", line)

    def test_logo_on_the_cover_when_set(self):
        for key, (pdf, _) in Rendered.reports.items():
            with self.subTest(report=key):
                listing = [line.split() for line in tool("pdfimages", "-list", str(pdf)).splitlines()[2:]]
                # Its alpha channel is listed too, as an "smask".
                pages = [int(fields[0]) for fields in listing if fields[2] == "image"]
                # The reference portfolio has [branding] logo; the others none.
                self.assertEqual(pages, [1] if key[0] == "reference" else [])

    def test_same_input_same_bytes(self):
        pdf, doc = Rendered.reports[("reference", "ceo")]
        with tempfile.TemporaryDirectory(prefix="qd-pdf-again-") as tmp:
            pf = copy_portfolio(Path(tmp) / "pf", EXAMPLE)
            result = run("generate", pf, "--as-of", doc["as_of"], "--out", Path(tmp) / "out", "--format", "pdf",
                         "--only", "ceo", "--store", Path(tmp) / "none.db")
            self.assertEqual(result.code, EXIT_OK, repr(result))
            self.assertEqual((Path(tmp) / "out" / "ceo.pdf").read_bytes(), pdf.read_bytes())


class Hostile(Case):
    def test_long_table_repeats_header_and_user_text_is_literal(self):
        pf = self.portfolio()
        # 220 open, overdue invoices of as many customers: the aged
        # receivables table of the client book runs over several pages. One
        # customer's name is markup.
        lines = [f"dc-clients,{9000 + i},Long Table Customer {i:03d},2026-08-01,2026-09-01,{100 + i}.00,"
                 for i in range(220)]
        lines.append(f"dc-clients,9999,{HOSTILE_NAME},2026-08-01,2026-09-01,321.00,")
        invoices = pf / "data" / "invoices.csv"
        invoices.write_text(invoices.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
        out = self.tmp / "out"
        result = run("generate", pf, "--as-of", "2026-11-16", "--out", out, "--format", "pdf",
                     "--only", "dc-clients", "--store", self.tmp / "none.db")
        self.assertExit(result, EXIT_OK)
        text = tool("pdftotext", "-enc", "UTF-8", str(out / "dc-clients.pdf"), "-")
        self.assertIn(HOSTILE_NAME, text)
        pages = text.split("\f")
        # A cell of the table is a line of its own in pdftotext's output (the
        # evidence names the customers too, inside sentences).
        row = re.compile(r"^Long Table Customer \d{3}$", re.M)
        with_rows = [n for n, page in enumerate(pages) if row.search(page)]
        self.assertGreaterEqual(len(with_rows), 3, "the table should run over at least three pages")
        for n in with_rows:
            self.assertIn("Open invoices", pages[n], f"page {n + 1} has rows of the table but not its header")
        # Every row is there, none lost at a page break.
        for i in range(220):
            self.assertRegex(text, f"(?m)^Long Table Customer {i:03d}$")

    def test_logo_not_png_is_located_error(self):
        pf = self.portfolio()
        (pf / "brand" / "logo.png").write_bytes(b"GIF89a not a png at all")
        config = (pf / "portfolio.toml").read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(config, 1) if text.startswith("logo = "))
        result = run("validate", pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"portfolio.toml:{line}:")
        self.assertIn("logo is not a PNG image", result.err)

    def test_logo_that_is_not_png_by_name_is_located_error(self):
        pf = self.portfolio()
        (pf / "brand" / "logo.gif").write_bytes(b"GIF89a")
        config = pf / "portfolio.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace('logo = "brand/logo.png"', 'logo = "brand/logo.gif"'), encoding="utf-8")
        line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("logo = "))
        result = run("validate", pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"portfolio.toml:{line}:")
        self.assertIn("logo is not a PNG file", result.err)


if __name__ == "__main__":
    main()
