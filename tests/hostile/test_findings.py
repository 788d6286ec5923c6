"""One finding per problem, ranked by a score (issue 12, sections 1 and 2).

- no two findings of a report share entity and subject, in every report of
  the reference and the second portfolio, and the JSON says why (subject,
  merged, score, at_stake, days_to_impact), ranked by score;
- a rule that restates a detector attaches to it (runway, secrets);
- a repository's secrets are one finding;
- a listing's value is the same figure in its finding and the capital table;
- reversing the order of `entities` in portfolio.toml changes no ranking;
- a known issue's `subject` that names nothing is an error at its place.
"""
import json
import re

from hostile import AS_OF, EXAMPLE, EXIT_INVALID, EXIT_OK, SECOND, Case, main, run


def generate(case, pf, out):
    result = run("generate", pf, "--as-of", AS_OF, "--out", out, "--format", "json",
                 "--store", case.tmp / (out.name + ".db"))
    case.assertExit(result, EXIT_OK)
    reports = {}
    for path in sorted(out.glob("*.json")):
        reports[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    case.assertTrue(reports, "no JSON reports written")
    return reports


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


class Findings(Case):
    def test_no_two_findings_of_a_report_share_a_subject(self):
        for source in (EXAMPLE, SECOND):
            with self.subTest(portfolio=source.name):
                reports = generate(self, source, self.tmp / ("out-" + source.name))
                for name, doc in reports.items():
                    keys = [(f["entity"], f["subject"]) for f in doc["findings"]]
                    self.assertEqual(len(keys), len(set(keys)), f"{name}: {keys}")
                    scores = [f["score"] for f in doc["findings"]]
                    self.assertEqual(scores, sorted(scores, reverse=True), name)
                    for f in doc["findings"]:
                        self.assertTrue(f["subject"], f["id"])
                        self.assertIsInstance(f["merged"], list)
                        self.assertTrue(f["at_stake"] is None or re.fullmatch(r"-?\d+\.\d+", f["at_stake"]), f)
                        self.assertTrue(f["days_to_impact"] is None or f["days_to_impact"] >= 0, f)
                        text = " ".join([f["title"], f["recommendation"]] + [e["detail"] for e in f["evidence"]])
                        self.assertNotIn("`", text, f["id"])
                        self.assertNotIn("Close the known issue", text, f["id"])
                        self.assertNotIn("not_listed", text, f["id"])

    def test_rules_and_secrets_join_their_detectors(self):
        ceo = generate(self, EXAMPLE, self.tmp / "out")["ceo"]
        by_id = {f["id"]: f for f in ceo["findings"]}
        runway = by_id["runway-dangerouscentaur"]
        self.assertEqual(runway["severity"], "critical")  # the rule's, stronger than the detector's
        self.assertEqual(runway["merged"], ["rule-runway-floor-dangerouscentaur"])
        self.assertIn("runway 5.6 months, under the portfolio's floor of 6 (rule runway-floor)",
                      [e["detail"] for e in runway["evidence"]])
        self.assertEqual(runway["at_stake"], "9023.62")
        secrets = by_id["secrets-jada-jada-site"]
        self.assertEqual(secrets["title"], "JADA Yacht Charters: 5 secrets and a committed .env file in jada-site")
        self.assertEqual(secrets["subject"], "secrets:jada-site")
        self.assertEqual(secrets["merged"], ["rule-no-secrets-jada"])
        self.assertTrue(secrets["recommendation"].startswith("Rotate JADA Yacht Charters' secrets from jada-site"))
        self.assertEqual(len([f for f in ceo["findings"] if f["subject"].startswith("secrets:")
                              and f["entity"] == "jada"]), 1)
        self.assertFalse([f["id"] for f in ceo["findings"] if f["id"].startswith("rule-")])
        # The business news first.
        self.assertEqual([f["id"] for f in ceo["findings"][:5]],
                         ["revenue-untracked-expert-yacht-delivery", "runway-dangerouscentaur",
                          "empty-pipeline-queenofsandiego",
                          "unauthenticated-endpoint-jada-jada-example-com-api-bookings", "secrets-jada-jada-site"])
        self.assertEqual(ceo["findings"][2]["merged"],
                         ["revenue-stalled-queenofsandiego",
                          "known-issue-queenofsandiego-no-charters-or-events-booked-after-augus"])

    def test_a_listing_is_worth_one_figure_and_its_planned_action_leaves_the_timeline(self):
        cmo = generate(self, EXAMPLE, self.tmp / "out")["cmo"]
        listing = next(f for f in cmo["findings"] if f["id"] == "listing-gap-jada")
        self.assertIn("$1,800.00 a month expected", listing["recommendation"])
        self.assertEqual(listing["at_stake"], "1800.00")
        self.assertIn("planned-jada-getmyboat", listing["merged"])
        self.assertNotIn("action jada-getmyboat", [t["source"] for t in cmo["timeline"]])
        sequence = next(s for s in cmo["sections"] if s["id"] == "listing-sequence")
        jada = [r for r in sequence["rows"] if r[0] == "JADA Yacht Charters" and r[2] == "getmyboat"]
        self.assertEqual(len(jada), 1, sequence["rows"])
        self.assertEqual(jada[0][5], "$1,800.00")  # the capital table's return for the planned listing

    def test_reversing_the_entities_changes_no_ranking(self):
        pf = self.portfolio()
        toml = pf / "portfolio.toml"
        text = toml.read_text(encoding="utf-8")
        block = re.search(r"^entities = \[(.*?)\]", text, re.S | re.M)
        names = re.findall(r'"([^"]+)"', block.group(1))
        self.assertGreater(len(names), 2)
        reversed_block = "entities = [" + ", ".join(f'"{n}"' for n in reversed(names)) + "]"
        toml.write_text(text[:block.start()] + reversed_block + text[block.end():], encoding="utf-8")
        before = generate(self, EXAMPLE, self.tmp / "before")
        after = generate(self, pf, self.tmp / "after")
        self.assertEqual(sorted(before), sorted(after))
        for name in before:
            self.assertEqual([f["id"] for f in before[name]["findings"]],
                             [f["id"] for f in after[name]["findings"]], name)

    def test_a_known_issue_subject_that_names_nothing_is_located(self):
        pf = self.portfolio()
        entity = pf / "entities" / "jada.toml"
        text = entity.read_text(encoding="utf-8")
        title = 'title = "Bookings API is reachable without authentication"\n'
        self.assertIn(title, text)
        entity.write_text(text.replace(title, title + 'subject = "endpoint:/api/booking"\n'), encoding="utf-8")
        line = line_of(entity, 'subject = "endpoint:/api/booking"')
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"entities/jada.toml:{line}:")
        self.assertIn("invalid `subject`", result.err)
        self.assertIn("did you mean `endpoint:/api/bookings`?", result.err)
        self.assertIn("`endpoint:/api/booking`", result.err)

    def test_a_known_issue_subject_of_another_type_is_located(self):
        pf = self.portfolio()
        entity = pf / "entities" / "jada.toml"
        text = entity.read_text(encoding="utf-8")
        title = 'title = "Captain is a single point of failure"\n'
        text = text.replace('subject = "person:Morgan Tidewell"\n', 'subject = 7\n')
        entity.write_text(text, encoding="utf-8")
        line = line_of(entity, "subject = 7")
        self.assertGreater(line, line_of(entity, title.strip()))
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"entities/jada.toml:{line}:")


if __name__ == "__main__":
    main()
