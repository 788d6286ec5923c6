#!/usr/bin/python3
"""GitHub Issues and chat digests, against loopback peers that check the
documented request shapes (tests/integrations/peers.py).

GitHub: a task's issue is created (labelled), updated, closed when the task
resolves, and an issue closed on GitHub is read back and its task marked
done. Slack and Teams: one digest per followed report that went out, and a
failure notice; the exact text is pinned, and no secret is in it.

github_chat_test.py QUARTERDECK
"""
import shutil
import sqlite3
import tempfile
import unittest

import integrations as it
from peers import GitHub, Slack, Teams

TOKEN = "ghp_quarterdeckTestToken0123456789abcdef"
REPO = "example/operations"


class GitHubTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.github = GitHub(REPO, TOKEN)

    def tearDown(self):
        self.github.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def issues_in_store(self, store):
        db = sqlite3.connect(store)
        rows = db.execute("SELECT task_id, number, state, closed_here FROM github_issues ORDER BY number").fetchall()
        db.close()
        return rows

    def test_create_update_close_and_read_back(self):
        env = {"GITHUB_API_URL": self.github.url(), "GITHUB_TOKEN": TOKEN}
        pf, store = it.make_portfolio(self.work, f'[github]\nrepository = "{REPO}"\ntoken = "${{GITHUB_TOKEN}}"\n'
                                                 'labels = ["quarterdeck", "finance"]\n')
        it.open_store(pf, store, env)
        a = it.task("tsk_a", "Cut the cloud bill of Quickdump")
        b = it.task("tsk_b", "Chase the 3 invoices over 60 days <DC Clients>", owner_role="accounting",
                    owner="books@example.com", due="2026-11-20",
                    evidence=[{"source": "data/invoices.csv", "detail": "INV-1041, INV-1043 & INV-1047 unpaid"}])
        created_a = it.add_event(it.Path(store), "task.created", "tsk_a", {"task": a, "changes": []})
        it.add_event(store, "task.created", "tsk_b", {"task": b, "changes": []})
        it.add_event(store, "run.completed", "run-1", it.run_completed("run-1", []))  # not for GitHub
        it.add_event(store, "task.updated", "tsk_a|due", {"task": dict(a, due="2026-12-04"),
                                                          "changes": ["due 2026-11-27 -> 2026-12-04"]})
        it.add_event(store, "task.resolved", "tsk_a|2026-11-23",
                     {"task": dict(a, status="resolved", resolved_at="2026-11-23"), "changes": []})

        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(self.github.problems, [])
        base = f"/repos/{REPO}/issues"
        self.assertEqual([(m, p) for m, p, _, _ in self.github.requests],
                         [("POST", base), ("POST", base), ("PATCH", base + "/1"), ("PATCH", base + "/1"),
                          ("GET", base + "/2")])
        create_b = self.github.requests[1][3]
        self.assertEqual(create_b["title"], "Chase the 3 invoices over 60 days <DC Clients>")
        self.assertEqual(create_b["labels"], ["quarterdeck", "finance"])
        self.assertEqual(create_b["body"],
                         "**Owner:** accounting (books@example.com)  \n"
                         "**Due:** 20 Nov 2026  \n"
                         "**From:** the cfo report, finding \"Chase the 3 invoices over 60 days \\<DC Clients\\>\"  \n"
                         "**First seen:** 9 Nov 2026  \n"
                         "\n**Evidence**\n"
                         "- data/invoices.csv: INV\\-1041, INV\\-1043 & INV\\-1047 unpaid\n"
                         "\n---\nOpened by Quarterdeck for task `tsk_b`. Closing this issue marks the task done.\n")
        update = self.github.requests[2][3]
        self.assertEqual(sorted(update), ["body", "title"])
        self.assertIn("**Due:** 4 Dec 2026", update["body"])
        self.assertIn("**Last change**\n- due 2026\\-11\\-27 \\-\\> 2026\\-12\\-04\n", update["body"])
        self.assertEqual(self.github.requests[3][3], {"state": "closed", "state_reason": "completed"})
        self.assertEqual(self.github.issues[1]["state"], "closed")
        self.assertEqual(self.github.issues[2]["state"], "open")
        self.assertEqual(self.issues_in_store(store), [("tsk_a", 1, "closed", 1), ("tsk_b", 2, "open", 0)])
        self.assertIn(f"GitHub {REPO}: 4 sent, 0 left for the next push, 0 rejected\n", r.out)
        self.assertIn(f"  sent              task.created {created_a}: issue #1\n", r.out)
        self.assertNotIn(TOKEN, r.out + r.err)

        # The read-back of an issue closed on GitHub needs a real task to mark done:
        # test_a_real_run_opens_the_owners_issues_and_reads_a_closed_one_back.
        seen = len(self.github.requests)
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(self.github.problems, [])
        self.assertEqual([m for m, _, _, _ in self.github.requests[seen:]], ["GET"], "only the read-back of #2")

    def test_a_real_run_opens_the_owners_issues_and_reads_a_closed_one_back(self):
        # A real run's tasks: only those of the roles in `owners` become issues,
        # and closing one on GitHub marks its task done in the store.
        env = {"GITHUB_API_URL": self.github.url(), "GITHUB_TOKEN": TOKEN}
        pf, store = it.make_portfolio(self.work, f'[github]\nrepository = "{REPO}"\ntoken = "${{GITHUB_TOKEN}}"\n'
                                                 'owners = ["operations"]\n')
        r = it.quarterdeck("run", pf, "--as-of", it.AS_OF, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(self.github.problems, [])
        r = it.quarterdeck("tasks", "list", pf, "--store", store, "--format", "json", env=env)
        self.assertEqual(r.code, 0, r)
        import json
        tasks = json.loads(r.out)
        operations = sorted(t["id"] for t in tasks if t["owner_role"] == "operations")
        self.assertTrue(operations and len(operations) < len(tasks), tasks)
        opened = self.issues_in_store(store)
        self.assertEqual(sorted(row[0] for row in opened), operations)
        self.assertTrue(all(state == "open" for _, _, state, _ in opened))
        self.assertEqual(len(self.github.issues), len(operations))

        task_id, number = opened[0][0], opened[0][1]
        self.github.close_on_github(number)
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertIn(f"issue #{number} closed on GitHub: task {task_id} marked done\n", r.out)
        r = it.quarterdeck("tasks", "list", pf, "--store", store, "--format", "json", "--all", env=env)
        status = {t["id"]: t["status"] for t in json.loads(r.out)}
        self.assertEqual(status[task_id], "done")
        self.assertEqual(sorted(i for i, s in status.items() if s == "done"), [task_id])
        self.assertNotIn(TOKEN, r.out + r.err)

    def test_bad_token_is_rejected_not_retried(self):
        env = {"GITHUB_API_URL": self.github.url(), "GITHUB_TOKEN": "ghp_wrongToken000000000000000000000000"}
        pf, store = it.make_portfolio(self.work, f'[github]\nrepository = "{REPO}"\ntoken = "${{GITHUB_TOKEN}}"\n')
        it.open_store(pf, store, env)
        eid = it.add_event(store, "task.created", "tsk_a", {"task": it.task("tsk_a", "A task"), "changes": []})
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 1, r)
        self.assertIn(f"  rejected          task.created {eid}: HTTP 401: {{\"message\": \"Bad credentials\"}} "
                      "(not retried)\n", r.out)
        self.assertEqual(len(self.github.requests), 1)
        self.assertEqual(it.deliveries(store)[(eid, "github")][:2], ("rejected", 1))
        self.assertNotIn("ghp_wrongToken", r.out + r.err)


class ChatTest(unittest.TestCase):
    SLACK_PATH = "/services/T0EXAMPLE/B0EXAMPLE/slackSecretPart0123456789"
    TEAMS_PATH = "/workflows/0123abcd/triggers/manual/paths/invoke?sig=teamsSecretSig0123456789"

    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.slack = Slack(self.SLACK_PATH)
        self.teams = Teams(self.TEAMS_PATH)

    def tearDown(self):
        self.slack.close()
        self.teams.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def test_digests_and_failures(self):
        env = {"SLACK_WEBHOOK_URL": self.slack.url(self.SLACK_PATH), "TEAMS_WEBHOOK_URL": self.teams.url(self.TEAMS_PATH)}
        pf, store = it.make_portfolio(self.work, '[[chat]]\nkind = "slack"\nurl = "${SLACK_WEBHOOK_URL}"\n'
                                                 'reports = ["ceo", "cfo"]\n\n'
                                                 '[[chat]]\nkind = "teams"\nurl = "${TEAMS_WEBHOOK_URL}"\n'
                                                 'reports = ["ceo"]\n')
        it.open_store(pf, store, env)
        reports = [
            {"id": "ceo", "title": "CEO weekly brief",
             "headline": "Cash covers 7 months; cloud costs rose 40% & need a decision <this week>.",
             "decisions": ["Approve the Quickdump right-sizing (saves $310 a month)",
                           "List the 51st St rental on Airbnb by 27 Nov", "Hire a part-time bookkeeper"],
             "status": "sent", "message_id": "<r-ceo-1a2b@example.com>"},
            {"id": "cfo", "title": "CFO weekly brief", "headline": "Receivables over 60 days doubled.",
             "decisions": [], "status": "sent", "message_id": "<r-cfo-3c4d@example.com>"},
            {"id": "cto", "title": "CTO weekly brief", "headline": "Two repositories leak keys.",
             "decisions": ["Rotate the keys"], "status": "sent", "message_id": "<r-cto@example.com>"},
        ]
        completed = it.add_event(store, "run.completed", "run-7", it.run_completed("run-7", reports))
        failed = it.add_event(store, "run.failed", "run-8", it.run_failed("run-8"))
        # A quiet week (nothing changed) and a re-run (the e-mail went before,
        # and so did its digest): no digest.
        quiet = it.add_event(store, "run.completed", "run-9", it.run_completed("run-9", [
            dict(reports[0], status="skipped (unchanged)"), dict(reports[1], status="already sent")]))

        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(self.slack.problems + self.teams.problems, [])
        self.assertEqual(len(self.slack.posts), 3)
        self.assertEqual(self.slack.posts[0], {
            "text": "CEO weekly brief: Cash covers 7 months; cloud costs rose 40% &amp; need a decision "
                    "&lt;this week&gt;.",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "CEO weekly brief"}},
                {"type": "section", "text": {"type": "mrkdwn", "text":
                    "Cash covers 7 months; cloud costs rose 40% &amp; need a decision &lt;this week&gt;.\n\n"
                    "*Decisions this week*\n"
                    "• Approve the Quickdump right-sizing (saves $310 a month)\n"
                    "• List the 51st St rental on Airbnb by 27 Nov\n"
                    "• Hire a part-time bookkeeper"}},
                {"type": "context", "elements": [{"type": "mrkdwn", "text":
                    "The full report is in the e-mail \"CEO weekly brief\" of 16 Nov 2026 "
                    "(Message-ID &lt;r-ceo-1a2b@example.com&gt;)."}]},
            ]})
        self.assertEqual(self.slack.posts[1]["blocks"][0]["text"]["text"], "CFO weekly brief")
        self.assertEqual(self.slack.posts[2], {
            "text": "Harbor &amp; Hauling Portfolio: a run failed: The CFO report was not sent.",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Harbor & Hauling Portfolio: a run failed"}},
                {"type": "section", "text": {"type": "mrkdwn", "text":
                    "*What failed:* The CFO report was not sent.\n"
                    "*Why:* the SMTP server refused every message: 550 5.7.1 relaying denied "
                    "&lt;postmaster@example.org&gt;\n"
                    "*To resume:* `quarterdeck send --resume run-8`"}},
            ]})
        self.assertEqual(len(self.teams.posts), 2)
        self.assertEqual(Teams.lines(self.teams.posts[0]), [
            "CEO weekly brief",
            "Cash covers 7 months; cloud costs rose 40% & need a decision <this week>.",
            "Decisions this week",
            "• Approve the Quickdump right-sizing (saves $310 a month)",
            "• List the 51st St rental on Airbnb by 27 Nov",
            "• Hire a part-time bookkeeper",
            "The full report is in the e-mail \"CEO weekly brief\" of 16 Nov 2026 (Message-ID <r-ceo-1a2b@example.com>).",
        ])
        self.assertEqual(Teams.lines(self.teams.posts[1]), [
            "Harbor & Hauling Portfolio: a run failed",
            "What failed: The CFO report was not sent.",
            "Why: the SMTP server refused every message: 550 5.7.1 relaying denied <postmaster@example.org>",
            "To resume: quarterdeck send --resume run-8",
        ])
        state = it.deliveries(store)
        self.assertEqual(state[(completed, "slack")][0], "sent")
        self.assertEqual(state[(completed, "slack")][3], "ceo,cfo")
        self.assertEqual(state[(quiet, "slack")][:3], ("skipped", 1, "no report this chat follows was sent"))
        self.assertEqual(state[(failed, "teams")][0], "sent")
        # The webhook URLs are the secret: in no message, no output, no store row.
        everything = r.out + r.err + repr(self.slack.posts) + repr(self.teams.posts) + repr(state)
        for secret in ("slackSecretPart0123456789", "teamsSecretSig0123456789", "T0EXAMPLE"):
            self.assertNotIn(secret, everything)
        self.assertIn("Slack 1: 2 sent, 0 left for the next push, 0 rejected\n", r.out)
        self.assertIn(f"  skipped           run.completed {quiet}: no report this chat follows was sent\n", r.out)
        self.assertIn("Teams 2: 2 sent, 0 left for the next push, 0 rejected\n", r.out)

    def test_failures_off(self):
        env = {"SLACK_WEBHOOK_URL": self.slack.url(self.SLACK_PATH)}
        pf, store = it.make_portfolio(self.work, '[[chat]]\nkind = "slack"\nurl = "${SLACK_WEBHOOK_URL}"\n'
                                                 'failures = false\n')
        it.open_store(pf, store, env)
        it.add_event(store, "run.failed", "run-8", it.run_failed("run-8"))
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual((r.code, r.out), (0, "Nothing to push: every event was delivered.\n"), r)
        self.assertEqual(self.slack.requests, [])


if __name__ == "__main__":
    it.main(unittest.main)
