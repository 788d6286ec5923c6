"""`quarterdeck schedule`: each report's next runs in the portfolio's time
zone and in UTC, across a daylight-saving change; a bad cron expression or
date is a located error."""
from hostile import EXIT_INVALID, EXIT_OK, Case, main, run


class Schedule(Case):
    def test_mondays_at_seven_across_the_spring_change(self):
        pf = self.portfolio()
        result = run("schedule", pf, "--from", "2027-03-01", "--count", "3")
        self.assertExit(result, EXIT_OK)
        lines = result.out.splitlines()
        # No store yet: every report's last outcome is "never run", under its runs.
        at = lines.index("ceo (0 7 * * MON)")
        self.assertEqual(lines[at + 4], "  last: never run")
        self.assertEqual(lines[0], "Next runs in America/Los_Angeles (and UTC):")
        at = lines.index("ceo (0 7 * * MON)")
        # 07:00 local stays 07:00 local; in UTC it moves an hour on 14 March.
        self.assertEqual(lines[at + 1:at + 4], [
            "  Mon 2027-03-01 07:00 PST  (2027-03-01 15:00 UTC)",
            "  Mon 2027-03-08 07:00 PST  (2027-03-08 15:00 UTC)",
            "  Mon 2027-03-15 07:00 PDT  (2027-03-15 14:00 UTC)",
        ])
        self.assertEqual(sum(1 for line in lines if line.endswith("(0 7 * * MON)")), 8)

    def test_a_skipped_time_runs_at_the_transition_and_a_macro_is_read(self):
        pf = self.portfolio()
        config = pf / "portfolio.toml"
        text = config.read_text(encoding="utf-8")
        text = text.replace('schedule = "0 7 * * MON"', 'schedule = "30 2 * * *"', 1)
        text = text.replace('schedule = "0 7 * * MON"', 'schedule = "@monthly"', 1)
        config.write_text(text, encoding="utf-8")
        result = run("schedule", pf, "--from", "2027-03-13", "--count", "3")
        self.assertExit(result, EXIT_OK)
        lines = result.out.splitlines()
        at = lines.index("ceo (30 2 * * *)")
        self.assertEqual(lines[at + 1:at + 4], [
            "  Sat 2027-03-13 02:30 PST  (2027-03-13 10:30 UTC)",
            "  Sun 2027-03-14 03:00 PDT  (2027-03-14 10:00 UTC)",
            "  Mon 2027-03-15 02:30 PDT  (2027-03-15 09:30 UTC)",
        ])
        at = lines.index("cto (@monthly)")
        self.assertEqual(lines[at + 1], "  Thu 2027-04-01 00:00 PDT  (2027-04-01 07:00 UTC)")

    def test_bad_input_is_an_error(self):
        pf = self.portfolio()
        config = pf / "portfolio.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace('schedule = "0 7 * * MON"', 'schedule = "0 9-5 * * MON"', 1),
                          encoding="utf-8")
        result = run("schedule", pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("invalid cron expression", result.err)
        self.assertIn("range 9-5 runs backwards", result.err)
        result = run("schedule", self.portfolio(name="pf2"), "--from", "2027-02-30")
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("--from: expected a date, YYYY-MM-DD, found `2027-02-30`", result.err)


if __name__ == "__main__":
    main()
