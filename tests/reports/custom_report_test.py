"""A report of the portfolio's own made from the section catalogue: the
second test portfolio's `board-update`. It renders in text, HTML and JSON,
the JSON validates against docs/report.schema.json, it holds exactly the
sections, findings and KPIs its definition names, and a bad section id,
chart id, category or metric is a located error with a "did you mean"."""
import json
import re
import subprocess
import sys

from reports import AS_OF, EXIT_INVALID, EXIT_OK, ROOT, SECOND, Case, main, reports_of, run

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


class CustomReport(Case):
    def generate(self, portfolio, *extra):
        out = self.tmp / "out"
        result = run("generate", portfolio, "--as-of", AS_OF, "--out", out, "--store", self.tmp / "none.db",
                     "--only", "board-update", *extra)
        return result, out

    def test_renders_in_every_format_and_validates(self):
        pf = self.portfolio(SECOND)
        result, out = self.generate(pf)
        self.assertExit(result, EXIT_OK)
        self.assertEqual(sorted(p.name for p in out.iterdir()),
                         ["board-update.html", "board-update.json", "board-update.txt"])
        check = subprocess.run([sys.executable, ROOT / "tests" / "tools" / "validate_schema.py",
                                ROOT / "docs" / "report.schema.json", out / "board-update.json"],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

        doc = json.loads((out / "board-update.json").read_text(encoding="utf-8"))
        self.assertEqual(doc["persona"], "custom")
        self.assertEqual(doc["title"], "Board update")
        # The sections in the definition's order; `occupancy` for the one rental.
        self.assertEqual([s["id"] for s in doc["sections"]],
                         ["snapshot", "pnl", "runway", "occupancy", "capital-deployment"])
        # Its findings: finance and pipeline, high or critical; its KPIs: two metrics.
        self.assertTrue(doc["findings"])
        for f in doc["findings"]:
            self.assertIn(f["category"], ("finance", "pipeline"), f["id"])
            self.assertLessEqual(SEVERITY_RANK[f["severity"]], SEVERITY_RANK["high"], f["id"])
        self.assertTrue(doc["kpis"])
        for k in doc["kpis"]:
            self.assertRegex(k["id"], r"\.(cash|revenue[-_a-z]*)$")
        self.assertLessEqual(len(doc["summary"]), 5)

        text = (out / "board-update.txt").read_text(encoding="utf-8")
        self.assertIn("Board update", text)
        html = (out / "board-update.html").read_text(encoding="utf-8")
        self.assertIn("<title>", html)
        self.assertIn("Board update", html)

    def test_definition_is_the_one_in_the_config(self):
        board = [r for r in reports_of(SECOND) if r["id"] == "board-update"]
        self.assertEqual(len(board), 1)
        self.assertEqual(board[0]["budget"], {"findings": 3, "lines": 120, "summary_items": 2})

    def replace_in_config(self, pf, old, new):
        path = pf / "portfolio.toml"
        text = path.read_text(encoding="utf-8")
        self.assertIn(old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        # The (line, column) of the replacement, 1-based.
        before = text[:text.index(old)]
        return before.count("\n") + 1, len(before) - before.rfind("\n")

    def test_unknown_section_is_located_with_did_you_mean(self):
        pf = self.portfolio(SECOND)
        line, col = self.replace_in_config(pf, '"runway", "occupancy"', '"runwya", "occupancy"')
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"portfolio.toml:{line}:{col}: report `board-update` names an unknown section: "
                                   "expected a section id from `quarterdeck sections`, found `runwya` "
                                   "(did you mean `runway`?)")
        result, _ = self.generate(pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("found `runwya`", result.err)

    def test_unknown_chart_is_located_with_did_you_mean(self):
        pf = self.portfolio(SECOND)
        old = 'sections = ["snapshot", "pnl", "runway", "occupancy", "capital-deployment"]\n'
        line, _ = self.replace_in_config(pf, old, old + 'charts = ["cash-runway", "cash-runaway"]\n')
        line += 1
        col = len('charts = ["cash-runway", ') + 1
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"portfolio.toml:{line}:{col}: report `board-update` names an unknown chart: "
                                   "expected a chart id from `quarterdeck sections --charts`, found `cash-runaway` "
                                   "(did you mean `cash-runway`?)")

    def test_unknown_category_and_metric_are_located(self):
        pf = self.portfolio(SECOND)
        line, col = self.replace_in_config(pf, 'categories = ["finance", "pipeline"]',
                                           'categories = ["finance", "pipelin"]')
        col += len('categories = ["finance", ')
        kline, kcol = self.replace_in_config(pf, 'kpis = ["cash", "revenue_month"]',
                                             'kpis = ["csh", "revenue_month"]')
        kcol += len('kpis = [')
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"portfolio.toml:{line}:{col}: invalid `categories`: expected one of ")
        self.assertIn("found `pipelin` (did you mean `pipeline`?)", result.err)
        self.assertLocated(result, f"portfolio.toml:{kline}:{kcol}: invalid `kpis`: expected one of ")
        self.assertIn("found `csh` (did you mean `cash`?)", result.err)

    def test_report_without_persona_template_or_sections(self):
        pf = self.portfolio(SECOND)
        self.replace_in_config(pf, 'sections = ["snapshot", "pnl", "runway", "occupancy", "capital-deployment"]\n',
                               "")
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("report `board-update` needs `persona`, `template` or `sections`", result.err)

    def test_override_of_a_persona(self):
        pf = self.portfolio(SECOND)
        self.replace_in_config(pf, 'id = "ceo"\npersona = "ceo"\n',
                               'id = "ceo"\npersona = "ceo"\nsections = ["runway", "agenda"]\n'
                               'min_severity = "critical"\nkpis = "none"\n')
        out = self.tmp / "out"
        result = run("generate", pf, "--as-of", AS_OF, "--out", out, "--store", self.tmp / "none.db",
                     "--only", "ceo", "--format", "json")
        self.assertExit(result, EXIT_OK)
        doc = json.loads((out / "ceo.json").read_text(encoding="utf-8"))
        self.assertEqual(doc["persona"], "ceo")
        self.assertEqual([s["id"] for s in doc["sections"]], ["runway", "agenda"])
        self.assertEqual(doc["kpis"], [])
        self.assertEqual({f["severity"] for f in doc["findings"]} - {"critical"}, set())


if __name__ == "__main__":
    main()
