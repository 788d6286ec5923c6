#!/usr/bin/python3
"""Webhooks: events pushed to a Standard Webhooks receiver on loopback
(tests/peers/webhook_receiver.js) that verifies every call's signature with
the `standardwebhooks` package and fails some calls (503, a dropped
connection, a 429 with Retry-After) before accepting. Every event is
accepted exactly once per webhook-id, a 4xx is recorded as rejected and
never tried again, and what an outage left behind goes at the next push.

webhook_test.py QUARTERDECK
"""
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import integrations as it

SECRET = "whsec_" + base64.b64encode(b"quarterdeck-test-webhook-key-0123456789").decode()


class WebhookTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.log = os.path.join(self.work, "calls.jsonl")
        self.receiver = None

    def tearDown(self):
        self.stop_receiver()
        shutil.rmtree(self.work, ignore_errors=True)

    def start_receiver(self, *options, port=0):
        self.receiver = subprocess.Popen(
            ["node", str(it.PEERS / "webhook_receiver.js"), "--port", str(port), "--secret", SECRET, "--out", self.log,
             *options], stdout=subprocess.PIPE, text=True)
        line = self.receiver.stdout.readline()
        match = re.match(r"listening (\d+)", line)
        self.assertIsNotNone(match, f"the receiver did not start: {line!r}")
        return int(match.group(1))

    def stop_receiver(self):
        if self.receiver is not None:
            self.receiver.terminate()
            self.receiver.wait(timeout=30)
            self.receiver.stdout.close()
            self.receiver = None

    def test_each_event_once_per_webhook_id(self):
        port = self.start_receiver("--fail", "1:503", "--fail", "2:drop", "--fail", "3:429", "--reject-type",
                                   "run.failed")
        url = f"http://127.0.0.1:{port}/quarterdeck/hook"
        env = {"DASHBOARD_WEBHOOK_URL": url, "DASHBOARD_WEBHOOK_SECRET": SECRET}
        pf, store = it.make_portfolio(self.work, '[[webhooks]]\nurl = "${DASHBOARD_WEBHOOK_URL}"\n'
                                                 'secret = "${DASHBOARD_WEBHOOK_SECRET}"\n')
        it.open_store(pf, store, env)
        a = it.task("tsk_a", "Cut the cloud bill of Quickdump")
        b = it.task("tsk_b", "List the 51st St rental on Airbnb", owner_role="ceo", owner="ceo@example.com")
        events = [
            it.add_event(store, "task.created", "tsk_a", {"task": a, "changes": []}),
            it.add_event(store, "task.created", "tsk_b", {"task": b, "changes": []}),
            it.add_event(store, "task.updated", "tsk_a|due", {"task": dict(a, due="2026-12-04"),
                                                              "changes": ["due 2026-11-27 -> 2026-12-04"]}),
            it.add_event(store, "run.failed", "run-1", it.run_failed("run-1")),
            it.add_event(store, "task.resolved", "tsk_a|2026-11-23",
                         {"task": dict(a, status="resolved", resolved_at="2026-11-23"), "changes": []}),
        ]
        rejected = events[3]

        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 1, r)  # something was rejected
        calls = it.read_jsonl(self.log)
        # Every call verified by the peer library.
        self.assertEqual([c for c in calls if not c["verified"]], [], calls)
        # The first event met a 503, a dropped connection and a 429 before it was taken.
        self.assertEqual([(c["id"], c["status"]) for c in calls[:4]],
                         [(events[0], 503), (events[0], "dropped"), (events[0], 429), (events[0], 204)])
        accepted = [c["id"] for c in calls if c["status"] == 204]
        self.assertEqual(accepted, [e for e in events if e != rejected])
        self.assertEqual([c["status"] for c in calls if c["id"] == rejected], [400])
        # The body is {"type","timestamp","data"}, data the event's payload.
        first = json.loads(calls[3]["body"])
        self.assertEqual(list(first), ["type", "timestamp", "data"])
        self.assertEqual(first["type"], "task.created")
        self.assertEqual(first["data"]["task"]["id"], "tsk_a")
        self.assertRegex(calls[3]["timestamp"], r"^\d{10}$")
        self.assertRegex(first["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

        state = it.deliveries(store)
        self.assertEqual(state[(events[0], "webhook")][:2], ("sent", 4))
        self.assertEqual(state[(rejected, "webhook")][:2], ("rejected", 1))
        self.assertEqual(state[(rejected, "webhook")][2],
                         "HTTP 400: {\"error\":\"events of type run.failed are not accepted here\"}")
        self.assertIn("webhook 1: 4 sent, 0 left for the next push, 1 rejected\n", r.out)
        self.assertIn(f"  sent              task.created {events[0]}: after 4 attempts\n", r.out)
        self.assertIn(f"  rejected          run.failed {rejected}: HTTP 400: ", r.out)
        for text in (r.out, r.err):
            self.assertNotIn(str(port) + "/quarterdeck", text)
            self.assertNotIn(SECRET[6:], text)

        # A second push has nothing to do: nothing is sent twice, the rejection is not retried.
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual((r.code, r.out), (0, "Nothing to push: every event was delivered.\n"), r)
        self.assertEqual(len(it.read_jsonl(self.log)), len(calls))

        # An outage: the receiver drops every call. The new event stays for the next push.
        self.stop_receiver()
        self.start_receiver("--fail-all", "drop", port=port)
        later = it.add_event(store, "task.updated", "tsk_b|owner", {"task": dict(b, owner_role="cmo"),
                                                                    "changes": ["owner ceo -> cmo"]})
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 1, r)
        self.assertIn("webhook 1: 0 sent, 1 left for the next push, 0 rejected\n", r.out)
        self.assertIn(f"  will retry        task.updated {later}: no answer: ", r.out)
        self.assertIn("tried again at the next push", r.out)
        self.assertEqual(it.deliveries(store)[(later, "webhook")][0], "failed")
        dropped = [c for c in it.read_jsonl(self.log) if c["id"] == later]
        self.assertEqual({c["status"] for c in dropped}, {"dropped"})
        self.assertEqual(len(dropped), 5)  # the bounded attempts of one push

        # The receiver is back: the next push delivers it, once.
        self.stop_receiver()
        self.start_receiver(port=port)
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertIn("webhook 1: 1 sent, 0 left for the next push, 0 rejected\n", r.out)
        calls = it.read_jsonl(self.log)
        accepted = [c["id"] for c in calls if c["status"] == 204]
        self.assertEqual(accepted, [e for e in events if e != rejected] + [later])
        self.assertEqual(it.deliveries(store)[(later, "webhook")][:2], ("sent", 6))

    def test_events_filter(self):
        port = self.start_receiver()
        env = {"DASHBOARD_WEBHOOK_URL": f"http://127.0.0.1:{port}/hook", "DASHBOARD_WEBHOOK_SECRET": SECRET}
        pf, store = it.make_portfolio(self.work, '[[webhooks]]\nurl = "${DASHBOARD_WEBHOOK_URL}"\n'
                                                 'secret = "${DASHBOARD_WEBHOOK_SECRET}"\n'
                                                 'events = ["run.completed", "run.failed"]\n')
        it.open_store(pf, store, env)
        it.add_event(store, "task.created", "tsk_a", {"task": it.task("tsk_a", "A"), "changes": []})
        failed = it.add_event(store, "run.failed", "run-2", it.run_failed("run-2"))
        r = it.quarterdeck("push", pf, "--store", store, env=env)
        self.assertEqual(r.code, 0, r)
        self.assertEqual([(c["id"], c["type"], c["status"]) for c in it.read_jsonl(self.log)],
                         [(failed, "run.failed", 204)])

    def test_an_unreachable_receiver_never_shows_its_url(self):
        # Port 1 on loopback: nothing listens, every call is refused.
        url = "http://hookuser:hookPassw0rd@127.0.0.1:1/quarterdeck/hook?token=queryToken0123456789"
        pf, store = it.make_portfolio(self.work, f'[[webhooks]]\nurl = "{url}"\nsecret = "{SECRET}"\n')
        it.open_store(pf, store, {})
        eid = it.add_event(store, "task.created", "tsk_a", {"task": it.task("tsk_a", "A task"), "changes": []})
        r = it.quarterdeck("push", pf, "--store", store)
        self.assertEqual(r.code, 1, r)
        self.assertIn("webhook 1: 0 sent, 1 left for the next push, 0 rejected\n", r.out)
        self.assertIn(f"  will retry        task.created {eid}: no answer: ", r.out)
        row = it.deliveries(store)[(eid, "webhook")]
        self.assertEqual(row[:2], ("failed", 5))
        for secret in ("hookuser", "hookPassw0rd", "queryToken0123456789", "/quarterdeck/hook", SECRET[6:]):
            self.assertNotIn(secret, r.out + r.err + repr(row))


if __name__ == "__main__":
    it.main(unittest.main)
