"""User data escaped for its context in every format (issue 13): a copy of the
reference portfolio whose data holds markup, generated as text, HTML, JSON,
Markdown and PDF. Run as `escaping_test.py QUARTERDECK` (CTest:
reports_escaping).

The hostile text goes into an entity's name (so into every table cell that
names it), an asset's name, a payee in the journal (an unusual expense names
it), a handoff note's open item, a channel's name and a known issue's title.
The JSON keeps each string exactly; the other formats must show the strings
the JSON holds as literal text:
- text: as it is (wrapped lines joined again);
- HTML: no <script> or <b> element comes from the data; the visible text
  (html.parser) holds each string;
- Markdown: no raw `<`; each string in its escaped form (backslash before
  Markdown punctuation, `<` as &lt;), so that GitHub shows it literally
  (tests/unit/markdown_render_test.cpp reads such Markdown with cmark-gfm);
- PDF: pdftotext finds each string.
"""
import html.parser
import json
import re
import subprocess
import tempfile
from pathlib import Path

from reports import AS_OF, EXIT_OK, Case, main, run
from hostile import copy_portfolio  # noqa: E402 (reports put it on the path)

HOSTILE = '<script>alert(1)</script> &amp; "quotes" *stars* [link](http://example.com) | pipe <b>x</b>'
ENTITY_NAME = "JADA " + HOSTILE
PAYEE = "Payee " + HOSTILE
ACTION = "Fix " + HOSTILE
CHANNEL = "Channel " + HOSTILE
ISSUE = "Issue " + HOSTILE
ASSET = "Asset " + HOSTILE
FORMATS = "text,html,json,markdown"


def toml_string(s):
    """`s` as a TOML basic string (JSON's escapes are TOML's for these)."""
    return json.dumps(s)


def csv_field(s):
    return '"' + s.replace('"', '""') + '"'


def hostile_portfolio(dest):
    """The reference portfolio with HOSTILE in six places of its data."""
    p = copy_portfolio(dest)
    jada = p / "entities" / "jada.toml"
    text = jada.read_text(encoding="utf-8")
    text = text.replace('name = "JADA Yacht Charters"', "name = " + toml_string(ENTITY_NAME), 1)
    text = text.replace('name = "Tender and outboard"', "name = " + toml_string(ASSET), 1)
    jada.write_text(text, encoding="utf-8")

    # A known issue about a subject of its own, so that it is a finding with
    # its own title.
    with jada.open("a", encoding="utf-8") as f:
        f.write(f"\n[[known_issues]]\ntitle = {toml_string(ISSUE)}\nsubject = \"issue:dock-lines\"\n"
                "severity = \"high\"\nowner = \"cto\"\n")

    # An expense far above the usual dockage: the unusual-expense finding
    # names its payee.
    journal = p / "data" / "books.journal"
    with journal.open("a", encoding="utf-8") as f:
        f.write(f"\n2026-10-20 * {PAYEE}\n    Expenses:JADA:Dockage                            $9,800.00\n"
                "    Assets:JADA:Checking\n")

    note = p / "notes" / "jada.md"
    text = note.read_text(encoding="utf-8")
    # Markdown itself: the handoff reader keeps the text of the item, so the
    # markup is written escaped there to arrive as typed.
    escaped = re.sub(r"([\\`*_\[\]<>|&])", r"\\\1", ACTION)
    # Due within the timeline's 30 days, so the reports' timelines show it.
    text = text.replace("- [ ] Put the bookings API behind authentication and a WAF @cto due: 2026-11-13",
                        f"- [ ] {escaped} @cto due: 2026-11-25", 1)
    note.write_text(text, encoding="utf-8")

    channels = p / "data" / "channels.csv"
    with channels.open("a", encoding="utf-8") as f:
        f.write(f"jada,{csv_field(CHANNEL)},listed,100,1,2026-11-10\n")
    return p


def normal(s):
    """Whitespace as one space: wrapped lines and table padding joined."""
    return " ".join(s.split())


class VisibleText(html.parser.HTMLParser):
    """What a browser shows of an HTML document, and the elements it has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.tags = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "title", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def markdown_escaped(s):
    """`s` as the Markdown renderer escapes it mid-line (util/strings.hpp
    markdown_with_code_spans): punctuation backslashed, `<` as &lt;, `&` as
    &amp; before an entity."""
    out = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", s)
    out = re.sub(r"([\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))", r"\\\1", out)
    return out.replace("<", "&lt;")


class Escaping(Case):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="qd-escaping-")
        tmp = Path(cls._tmp.name)
        cls.portfolio = hostile_portfolio(tmp / "pf")
        cls.out = tmp / "out"
        cls.result = run("generate", cls.portfolio, "--as-of", AS_OF, "--out", cls.out, "--store",
                         tmp / "none.db", "--format", FORMATS)
        cls.reports = sorted(p.stem for p in cls.out.glob("*.json")) if cls.result.code == EXIT_OK else []
        # Every string of every report's JSON that holds the hostile text:
        # what the document says, which the other formats must show.
        cls.strings = {}
        for r in cls.reports:
            found = set()

            def collect(value):
                if isinstance(value, str):
                    if "<script>" in value:
                        found.add(value)
                elif isinstance(value, list):
                    for v in value:
                        collect(v)
                elif isinstance(value, dict):
                    for v in value.values():
                        collect(v)

            collect(json.loads((cls.out / f"{r}.json").read_text(encoding="utf-8")))
            cls.strings[r] = found

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def read(self, report, ext):
        return (self.out / f"{report}.{ext}").read_text(encoding="utf-8")

    def test_generated(self):
        self.assertExit(self.result, EXIT_OK)
        self.assertEqual(len(self.reports), 8, self.reports)

    def test_json_keeps_every_string_exactly(self):
        self.assertExit(self.result, EXIT_OK)
        everything = set().union(*self.strings.values())
        # Each place the data went in comes out whole: the name, the payee,
        # the handoff's item, the channel, the known issue, the asset.
        for piece in (ENTITY_NAME, PAYEE, ACTION, CHANNEL, ISSUE, ASSET):
            self.assertTrue(any(piece in s for s in everything), f"{piece!r} in no JSON string")
        # The entity's name exactly, as a value of its own (a table cell).
        self.assertIn(ENTITY_NAME, everything)

    def test_text_shows_it_as_it_is(self):
        self.assertExit(self.result, EXIT_OK)
        for r in self.reports:
            text = normal(self.read(r, "txt"))
            # The text leaves out JSON-only columns and the findings beyond
            # the budget; what it shows of the data, it shows as it is.
            if r in ("ceo", "cto", "cmo", "accounting"):  # the name, the item, the channel, the payee
                self.assertIn(normal(HOSTILE), text, r)
            self.assertNotIn("&lt;", text, r)  # not escaped for another context
            self.assertNotIn("&amp;amp;", text, r)
            self.assertNotIn("\\*stars", text, r)

    def test_text_shows_the_entity_in_its_tables(self):
        self.assertExit(self.result, EXIT_OK)
        ceo = normal(self.read("ceo", "txt"))
        self.assertIn(normal(ENTITY_NAME), ceo)
        self.assertIn(normal(ASSET), ceo)

    def test_html_has_no_element_from_the_data(self):
        self.assertExit(self.result, EXIT_OK)
        for r in self.reports:
            page = VisibleText()
            page.feed(self.read(r, "html"))
            page.close()
            self.assertNotIn("script", page.tags, r)
            self.assertNotIn("b", page.tags, r)
            visible = normal("".join(page.text))
            missing = [s for s in self.strings[r] if normal(s) in normal(self.read(r, "txt")) and normal(s) not in visible]
            self.assertEqual(missing, [], f"{r}: shown in the text but not as text in the HTML")
            if normal(HOSTILE) in normal(self.read(r, "txt")):
                self.assertIn(normal(HOSTILE), visible, r)

    def test_markdown_shows_it_literally(self):
        self.assertExit(self.result, EXIT_OK)
        for r in self.reports:
            md = self.read(r, "md")
            self.assertNotIn("<script", md, r)
            self.assertNotIn("<b>", md, r)
            self.assertNotRegex(md, r"(?<!\\)\*stars", r)
            self.assertNotRegex(md, r"(?<!\\)\[link", r)
            # Every string the text shows is in the Markdown, escaped.
            text = normal(self.read(r, "txt"))
            missing = [s for s in self.strings[r] if normal(s) in text and normal(markdown_escaped(s)) not in normal(md)]
            self.assertEqual(missing, [], r)
            if normal(HOSTILE) in text:
                self.assertIn(markdown_escaped(HOSTILE), md, r)

    def test_markdown_table_rows_keep_their_columns(self):
        self.assertExit(self.result, EXIT_OK)
        md = self.read("ceo", "md")
        rows = [line for line in md.splitlines() if line.startswith("| ") and ENTITY_NAME[:4] in line]
        self.assertTrue(rows, md)
        for row in rows:
            # A header's cells, counted by unescaped pipes, match every row's.
            cells = len(re.findall(r"(?<!\\)\|", row))
            table = md[: md.index(row)].rsplit("\n\n", 1)[-1].splitlines()[0]
            self.assertEqual(cells, len(re.findall(r"(?<!\\)\|", table)), row)

    def test_pdf_shows_it_literally(self):
        pdf_out = self.out.parent / "pdf"
        result = run("generate", self.portfolio, "--as-of", AS_OF, "--out", pdf_out, "--store",
                     self.out.parent / "none-pdf.db", "--format", "text,pdf")
        self.assertExit(result, EXIT_OK)
        # A table cell wraps in the PDF, and pdftotext reads a row's wrapped
        # cells side by side; so each piece of the markup is looked for
        # whole, with white space left out, in every report that shows it.
        pieces = [re.sub(r"\s+", "", p) for p in
                  ("<script>alert(1)</script>", '&amp; "quotes" *stars*', "[link](http://example.com)",
                   "| pipe <b>x</b>")]
        checked = 0
        for r in self.reports:
            if normal(HOSTILE) not in normal(self.read(r, "txt")):
                continue
            checked += 1
            text = subprocess.run(["pdftotext", str(pdf_out / f"{r}.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout
            compact = re.sub(r"\s+", "", text)
            for piece in pieces:
                self.assertIn(piece, compact, r)
        self.assertGreaterEqual(checked, 5, "the markup reaches most reports")

if __name__ == "__main__":
    main()
