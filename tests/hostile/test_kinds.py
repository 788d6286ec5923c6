"""Entity kinds and seasons through the whole program, on the third test
portfolio (tests/portfolios/third): a season written wrong is a located error;
a business closed for the winter gets no pipeline alarm (and gets it back when
its season is taken away); a shop gets no bookings alarm.

    python3 tests/hostile/test_kinds.py build-asan/quarterdeck
"""
import json

from hostile import EXIT_INVALID, EXIT_OK, ROOT, Case, main, run

THIRD = ROOT / "tests" / "portfolios" / "third"
AS_OF = "2027-02-15"
PADDLE = "entities/bluenose-paddle.toml"


class Kinds(Case):
    def finding_ids(self, pf, name):
        out = self.tmp / name
        result = run("generate", pf, "--as-of", AS_OF, "--out", out, "--format", "json",
                     "--store", self.tmp / f"{name}.db")
        self.assertExit(result, EXIT_OK)
        ids = set()
        for report in out.glob("*.json"):
            ids.update(f["id"] for f in json.loads(report.read_text())["findings"])
        return ids

    def test_a_season_written_wrong_is_located(self):
        pf = self.portfolio(THIRD)
        entity = pf / PADDLE
        text = entity.read_text()
        self.assertIn('season = "May-Sep"\n', text)
        entity.write_text(text.replace('season = "May-Sep"', 'season = "May-Spt"'))
        result = run("validate", pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"{PADDLE}:10:15: invalid `season`: expected a month such as `Apr` or "
                                   "`April` after `-` (a season is written like \"Apr-Oct\" or \"Nov-Feb, Jun\"), "
                                   "found `Spt`")

    def test_closed_for_the_winter_is_no_pipeline_alarm(self):
        pf = self.portfolio(THIRD)
        ids = self.finding_ids(pf, "seasonal")
        self.assertNotIn("empty-pipeline-bluenose-paddle", ids)
        self.assertNotIn("no-bookings-paper-lantern", ids)  # a shop has no bookings
        self.assertNotIn("no-bookings-seedling-box", ids)
        self.assertIn("books-gap-seedling-box", ids)      # November 2026 has no postings
        self.assertIn("runway-paper-lantern", ids)        # overdrawn
        entity = pf / PADDLE
        entity.write_text(entity.read_text().replace('season = "May-Sep"\n', ""))
        self.assertIn("empty-pipeline-bluenose-paddle", self.finding_ids(pf, "all-year"))


if __name__ == "__main__":
    main()
