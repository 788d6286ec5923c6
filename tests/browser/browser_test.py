"""Every report of every test portfolio, as its readers' browsers show it.

    browser_test.py QUARTERDECK OUT_DIR

Generates the HTML of the reference, second and third portfolios (`generate
--format html`: images become data: URIs) and opens each in headless
Chromium (tests/browser/render.js) at 375 px as a phone and 1280 px as a
desktop. Asserts: the document is no wider than the viewport, with its
<style> block and again without it (clients that strip it); every image
loaded; no script or event handler exists or ran, and nothing but the
document itself was requested. The file itself is checked for what the
e-mail rules of docs/reports.md ("The HTML e-mail") ask: the viewport and
colour-scheme metas, a hidden preheader, no external resources, and no
text colour without a background colour on the same element. Screenshots
are written to OUT_DIR.
"""
import json
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "tests" / "browser" / "render.js"
PORTFOLIOS = {  # name -> (source, as of)
    "reference": (ROOT / "examples" / "portfolio", "2026-11-16"),
    "second": (ROOT / "tests" / "portfolios" / "second", "2026-11-16"),
    "third": (ROOT / "tests" / "portfolios" / "third", "2027-02-15"),
}
WIDTHS = (375, 1280)
BIN = None
OUT = None


def render(files, out):
    """render.js's measurements, one per file and width."""
    done = subprocess.run(["node", str(RENDER), "--out", str(out), *map(str, files)], capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"render.js exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def problems_of(result):
    """What is wrong with one page at one width, in words; empty when nothing."""
    width = result["width"]
    found = []
    for form in ("styled", "unstyled"):
        m = result[form]
        # innerWidth alone is not enough: a phone without a viewport meta
        # lays the page out at 980 px and says so.
        if m["scroll_width"] > width or m["scroll_width"] > m["inner_width"]:
            found.append(f"{form}: {m['scroll_width']} px wide in a {width} px viewport")
        found += [f"{form}: image {i['src']}... did not load" for i in m["images"] if not i["loaded"]]
        found += [f"{form}: image {i['src']}... is {i['width']} px wide" for i in m["images"] if i["width"] > width]
        if m["scripts"]:
            found.append(f"{form}: {m['scripts']} script elements")
        found += [f"{form}: event handler {h}" for h in m["handlers"]]
        found += [f"{form}: blocked {v}" for v in m["violations"]]
    if result["unstyled"]["styles"]:
        found.append("a <style> element was left in")
    found += [f"requested {url}" for url in result["requests"]]
    return [f"{result['name']} at {width} px: {p}" for p in found]


def static_problems(name, html):
    """What the file breaks of the e-mail rules, read from its text."""
    found = []
    for needed in ('<meta name="viewport" content="width=device-width, initial-scale=1">',
                   '<meta name="color-scheme" content="light dark">',
                   '<meta name="supported-color-schemes" content="light dark">'):
        if needed not in html:
            found.append(f"no {needed}")
    if not re.search(r'<div style="display:none;max-height:0;[^"]*overflow:hidden[^"]*">[^<]+</div>', html):
        found.append("no hidden preheader")
    if re.search(r"<script|<link|@import|@font-face|url\(", html, re.I):
        found.append("a script, stylesheet link, import, web font or url()")
    if re.search(r"\son[a-z]+\s*=", html, re.I):
        found.append("an event handler attribute")
    if re.search(r'(src|href)="(https?:)?//', html, re.I):
        found.append("a remote resource")
    for style in re.findall(r'style="([^"]*)"', html):
        if re.search(r"(^|;)\s*color:", style) and not re.search(r"(^|;)\s*background(-color)?:", style):
            found.append(f"text colour without a background colour: {style}")
    for img in re.findall(r"<img [^>]*>", html):
        if not re.search(r'\salt="[^"]+"', img):
            found.append(f"image without alt text: {img[:80]}")
    return [f"{name}: {p}" for p in found]


class Browser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="qd-browser-")
        tmp = Path(cls._tmp.name)
        cls.files = []
        for name, (source, as_of) in PORTFOLIOS.items():
            pf = tmp / f"{name}-portfolio"
            subprocess.run([str(ROOT / "tests" / "tools" / "copy-portfolio"), str(source), str(pf)], check=True)
            out = tmp / name
            done = subprocess.run([BIN, "generate", str(pf), "--as-of", as_of, "--out", str(out), "--store",
                                   str(tmp / f"{name}.db"), "--format", "html"], capture_output=True, text=True)
            if done.returncode != 0:
                raise AssertionError(f"generate {name}: exit {done.returncode}\n{done.stderr}")
            cls.files += sorted(out.glob("*.html"))
        cls.results = render(cls.files, OUT)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_every_report_was_opened_at_both_widths(self):
        # 8 reference reports, 9 of the second portfolio and 6 of the third
        # with HTML among their formats (--format html asks all for it).
        self.assertEqual(len(self.files), 23, [f.name for f in self.files])
        self.assertEqual(sorted((r["file"], r["width"]) for r in self.results),
                         sorted((str(f), w) for f in self.files for w in WIDTHS))

    def test_no_overflow_every_image_loads_no_script(self):
        problems = [p for r in self.results for p in problems_of(r)]
        self.assertEqual(problems, [])

    def test_images_are_there_to_load(self):
        # The reference portfolio has a logo: its reports show it, loaded.
        reference = [r for r in self.results if r["name"].startswith("reference-")]
        self.assertEqual(len(reference), 16)
        for r in reference:
            self.assertTrue(any(i["src"].startswith("data:image/png;base64,") and i["loaded"]
                                for i in r["styled"]["images"]), r["name"])

    def test_the_files_follow_the_e_mail_rules(self):
        problems = []
        for f in self.files:
            problems += static_problems(f"{f.parent.name}/{f.name}", f.read_text(encoding="utf-8"))
        self.assertEqual(problems, [])

    def test_screenshots_written(self):
        for f in self.files:
            for suffix in ("375", "375-unstyled", "1280"):
                shot = OUT / f"{f.parent.name}-{f.stem}-{suffix}.png"
                self.assertTrue(shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), shot)


class Harness(unittest.TestCase):
    """The checks above can fail: a page that breaks each rule is caught."""

    def test_a_bad_page_is_caught(self):
        with tempfile.TemporaryDirectory(prefix="qd-browser-bad-") as tmp:
            page = Path(tmp) / "bad" / "page.html"
            page.parent.mkdir()
            page.write_text(
                '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
                "<style>td { white-space: nowrap; }</style></head><body>"
                "<script>document.title = 'ran';</script>"
                '<img src="data:image/png;base64,AAAA" alt="broken" onerror="void 0">'
                '<p style="color:#123456">' + "word " * 40 + "</p>"
                '<table><tr><td>Expenses:Cloud:Hosting:' + "x" * 60 + "</td></tr></table></body></html>",
                encoding="utf-8")
            results = render([page], Path(tmp) / "shots")
            problems = [p for r in results for p in problems_of(r)]
            for expected in ("bad-page at 375 px: styled: ", "bad-page at 375 px: unstyled: "):
                self.assertTrue(any(p.startswith(expected) and "px wide in a 375 px viewport" in p
                                    for p in problems), problems)
            self.assertIn("bad-page at 375 px: styled: image data:image/png;base64,AAAA... did not load", problems)
            self.assertIn("bad-page at 375 px: styled: 1 script elements", problems)
            self.assertIn("bad-page at 375 px: styled: event handler IMG onerror", problems)
            self.assertIn("bad-page at 375 px: styled: blocked script-src-elem inline", problems)
            # At 1280 px the long cell fits; the script is still there.
            self.assertFalse(any("1280 px" in p and "viewport" in p for p in problems), problems)
            self.assertEqual(static_problems("bad", page.read_text()), [
                'bad: no <meta name="color-scheme" content="light dark">',
                'bad: no <meta name="supported-color-schemes" content="light dark">',
                "bad: no hidden preheader",
                "bad: a script, stylesheet link, import, web font or url()",
                "bad: an event handler attribute",
                "bad: text colour without a background colour: color:#123456",
            ])


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: browser_test.py QUARTERDECK OUT_DIR [TEST...]")
    BIN = str(Path(sys.argv[1]).resolve())
    OUT = Path(sys.argv[2]).resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    unittest.main(argv=[sys.argv[0], *sys.argv[3:]], verbosity=2)
