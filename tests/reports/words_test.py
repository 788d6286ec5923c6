"""Words for people (issue 12, item 7): every text and HTML report of the
reference and second portfolios, generated into a temporary folder, reads in
plain words. Run as `words_test.py QUARTERDECK` (CTest: reports_words).

Each check lists every offending line as FILE:LINE: TEXT. What is checked:
- no status code (below_target, on_track, above_target, no_target, not_listed);
- no internal id: no finding id (from the report's JSON), no planned action's
  `action ID`, no engineering action's `eng-KIND`;
- no backtick (code spans are <code> in HTML, plain words in text);
- no count in the wrong number ("1 findings", "3 finding");
- no wrong article ("a agency", "an booking");
- no raw metric expression ("holds with", "runway_months < 6");
- counts and amounts of 1,000 or more carry separators, in every table cell
  of the HTML and before a counted noun in the prose.
The JSON is not checked: it keeps the codes and ids.
"""
import html.parser
import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Each test portfolio at the date its goldens use.
PORTFOLIOS = {
    "reference": (ROOT / "examples" / "portfolio", "2026-11-16"),
    "second": (ROOT / "tests" / "portfolios" / "second", "2026-11-16"),
    "third": (ROOT / "tests" / "portfolios" / "third", "2027-02-15"),
}
BIN = None

STATUS_CODES = re.compile(r"\b(below_target|on_track|above_target|no_target|not_listed|out_of_season)\b")
ENGINEERING_ID = re.compile(r"(?<![\w-])eng-[a-z][a-z0-9-]*")
COUNTED = ("finding|item|asset|booking|day|hour|customer|channel|lead|view|secret|commit|decision|night|stay|job|"
           "client|listing|invoice|engagement|contact|KPI|key|repositor(?:y|ies)|entit(?:y|ies)|week")
# "1 findings": one of a plural noun. Not after a digit, a decimal point or a
# separator ("21 days", "0.1 days"), nor "1 days'" in a range ("1-30 days").
ONE_OF_MANY = re.compile(r"(?<![\d.,:/-])\b1 (findings|items|assets|bookings|days|hours|customers|channels|leads|"
                         r"views|secrets|commits|decisions|nights|stays|jobs|clients|listings|invoices|engagements|"
                         r"contacts|KPIs|keys|repositories|entities|weeks)\b(?![-])")
MANY_OF_ONE = re.compile(r"(?<![\d.,:/$€£-])\b(0|[2-9]|[1-9][\d,]*\d) (finding|item|asset|booking|day|hour|customer|"
                         r"channel|lead|view|secret|commit|decision|night|stay|job|client|listing|invoice|engagement|"
                         r"contact|KPI|repository|entity|week)\b(?![-'’])")
A_BEFORE_VOWEL = re.compile(r"(?<![\w-])[Aa] ([aeiouAEIOU][a-z]+)")
AN_BEFORE_CONSONANT = re.compile(r"(?<![\w-])[Aa]n ([b-df-hj-np-tv-z][a-z]+)")
VOWEL_LETTER_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once")
SILENT_H = ("hour", "honest", "honor", "heir")
EXPRESSION = re.compile(r"holds with|\b[a-z]+(?:_[a-z0-9]+)+ (?:<|>|<=|>=|==|!=) -?[\d.]+")
# A figure of four digits or more without a separator: in a table cell (the
# whole cell), or before a counted noun in prose.
BARE_CELL = re.compile(r"^[-+]?(?:\$|€|£|¥|[A-Z]{2}\$|[A-Z]{3} )?\d{4,}(?:\.\d+)?(?:%|×| months| h)?$")
BARE_COUNT = re.compile(r"(?<![\d,.:/#-])\b\d{4,}\b(?![\d,.:/-]) (?:" + COUNTED + r")s?\b")


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees in an HTML report, line by line, and its table
    cells; <style> and <title> are left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.cells = []
        self._skip = 0
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None
        if tag in ("p", "li", "tr", "div", "h1", "h2", "td", "th"):
            self.text.append("\n")

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def lines_of(text):
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


class WordsForPeople(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.reports = {}  # name -> {"text": [(line, text)], "html": [...], "raw_html": str, "cells": [], "json": dict}
        for name, (source, as_of) in PORTFOLIOS.items():
            pf = Path(cls.tmp.name) / f"{name}-portfolio"
            subprocess.run([str(ROOT / "tests" / "tools" / "copy-portfolio"), str(source), str(pf)], check=True)
            out = Path(cls.tmp.name) / name
            result = subprocess.run([BIN, "generate", str(pf), "--as-of", as_of, "--out", str(out), "--format",
                                     "text,html,json"], capture_output=True, text=True)
            if result.returncode != 0:
                raise AssertionError(f"generate {name}: exit {result.returncode}\n{result.stderr}")
            for txt in sorted(out.glob("*.txt")):
                stem = txt.stem
                raw_html = (out / f"{stem}.html").read_text()
                visible = VisibleText()
                visible.feed(raw_html)
                cls.reports[f"{name}/{stem}"] = {
                    "text": lines_of(txt.read_text()),
                    "html": lines_of("".join(visible.text)),
                    "raw_html": raw_html,
                    "cells": visible.cells,
                    "json": json.loads((out / f"{stem}.json").read_text()),
                }
        if len(cls.reports) < 23:
            raise AssertionError(f"expected the 23 reports of three portfolios, found {sorted(cls.reports)}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def offending(self, find):
        """Every `file:line: text` of the text and HTML where find(text) is
        true (a non-empty match), over all reports."""
        hits = []
        for name, report in sorted(self.reports.items()):
            for fmt in ("text", "html"):
                for n, line in report[fmt]:
                    found = find(line)
                    if found:
                        hits.append(f"{name}.{'txt' if fmt == 'text' else 'html'}:{n}: {found!r} in {line.strip()[:160]}")
        return hits

    def assertNone(self, hits, what):
        self.assertEqual(hits, [], f"{len(hits)} lines with {what}:\n" + "\n".join(hits[:40]))

    def test_no_status_codes(self):
        self.assertNone(self.offending(lambda line: STATUS_CODES.findall(line)), "a status code")

    def test_no_internal_ids(self):
        ids, actions = set(), set()
        for report in self.reports.values():
            doc = report["json"]
            ids.update(f["id"] for f in doc["findings"] if "-" in f["id"])
            ids.update(r["finding"] for r in doc["recommendations"] if "-" in r["finding"])
            actions.update(t["source"] for t in doc["timeline"] if t["source"].startswith("action "))
            for section in doc["sections"]:
                for row in section["rows"]:
                    actions.update(c for c in row if re.fullmatch(r"action [a-z0-9][a-z0-9_.-]*", c))
        self.assertTrue(ids, "the reports have findings with ids to look for")
        id_pattern = re.compile(r"(?<![\w./-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) +
                                r")(?![\w-])")

        def find(line):
            found = id_pattern.findall(line) + ENGINEERING_ID.findall(line)
            return found + [a for a in actions if a in line]

        self.assertNone(self.offending(find), "an internal id")

    def test_no_backticks(self):
        hits = [f"{name}.html: {line.strip()[:160]}" for name, r in sorted(self.reports.items())
                for line in r["raw_html"].splitlines() if "`" in line]
        self.assertNone(hits, "a backtick in the HTML")
        self.assertNone(self.offending(lambda line: "`" if "`" in line else None), "a backtick in the text")

    def test_plurals_agree(self):
        self.assertNone(self.offending(lambda line: ONE_OF_MANY.findall(line) + MANY_OF_ONE.findall(line)),
                        "a count in the wrong number")

    def test_articles_agree(self):
        def find(line):
            wrong = [f"a {w}" for w in A_BEFORE_VOWEL.findall(line)
                     if not w.lower().startswith(VOWEL_LETTER_CONSONANT_SOUND) or w.lower().startswith("unin")]
            wrong += [f"an {w}" for w in AN_BEFORE_CONSONANT.findall(line) if not w.lower().startswith(SILENT_H)]
            return wrong

        self.assertNone(self.offending(find), "a wrong article")

    def test_no_metric_expressions(self):
        self.assertNone(self.offending(lambda line: EXPRESSION.findall(line)), "a raw metric expression")

    def test_thousands_separators(self):
        hits = [f"{name}.html: cell {c!r}" for name, r in sorted(self.reports.items())
                for c in r["cells"] if BARE_CELL.match(c)]
        hits += self.offending(lambda line: BARE_COUNT.findall(line))
        self.assertNone(hits, "a figure of 1,000 or more without separators")


class CheckersCatchWhatTheyLookFor(unittest.TestCase):
    """The patterns above, on lines that must and must not match: a check
    that can never fail proves nothing."""

    def test_patterns(self):
        self.assertTrue(STATUS_CODES.search("Net income  $231.36  below_target"))
        self.assertFalse(STATUS_CODES.search("below target"))
        self.assertTrue(ONE_OF_MANY.search("repos/infra: 1 findings"))
        self.assertFalse(ONE_OF_MANY.search("21 findings, 0.1 days, 1-30 days"))
        self.assertTrue(MANY_OF_ONE.search("3 finding"))
        self.assertFalse(MANY_OF_ONE.search("3 findings, a 30-day agenda, $2 item"))
        self.assertTrue(A_BEFORE_VOWEL.search("a agency business"))
        self.assertTrue(AN_BEFORE_CONSONANT.search("an booking"))
        self.assertTrue(EXPRESSION.search("runway_months < 6 holds with runway_months = 5.6"))
        self.assertTrue(EXPRESSION.search("runway_months < 6"))
        self.assertFalse(EXPRESSION.search("less than 6 months of runway"))
        self.assertTrue(BARE_CELL.match("1200") and BARE_CELL.match("$1200.00") and BARE_CELL.match("€12345"))
        self.assertFalse(BARE_CELL.match("1,200") or BARE_CELL.match("2026-11") or BARE_CELL.match("999"))
        self.assertTrue(BARE_COUNT.search("1200 views on google_business"))
        self.assertFalse(BARE_COUNT.search("1,200 views; the 2027 season; invoice 1018 this week"))
        self.assertTrue(ENGINEERING_ID.search("eng-rotate-secrets"))


if __name__ == "__main__":
    BIN = sys.argv.pop(1)
    unittest.main(verbosity=2)
