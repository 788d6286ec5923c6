#!/usr/bin/python3
"""The integrations' configuration: [[webhooks]], [github] and [[chat]] are
checked like every other table, each problem located with what was expected,
what was found and a likely fix; a target's URL or secret is never quoted,
even in an error about it.

config_test.py QUARTERDECK
"""
import shutil
import tempfile
import unittest

import integrations as it

BROKEN = '''
[[webhooks]]
url = "http://hooks.example.com/quarterdeck/hookSecretPath42"
secret = "plainSecretValue0123456789"
events = ["task.created", "task.resolvd"]
retries = 3

[[webhook]]
url = "https://hooks.example.com/"

[github]
repository = "example"
token = "${GITHUB_TOKEN}"
owners = ["cto", "ctoo"]

[[chat]]
kind = "teams"
url = "https://teams.example.com/workflows/teamsSecretPath42"

[[chat]]
kind = "slak"
url = "ftp://chat.example.com/slackSecretPath42"
reports = ["ceo", "cfoo"]

[[chat]]
kind = "teams"
url = "https://teams.example.com/workflows/teamsSecretPath42"
'''


class ConfigTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def test_located_errors_that_quote_no_secret(self):
        pf, _ = it.make_portfolio(self.work, BROKEN)
        lines = (pf / "portfolio.toml").read_text(encoding="utf-8").split("\n")
        at = lambda text: next(i + 1 for i, l in enumerate(lines) if l.startswith(text))
        r = it.quarterdeck("validate", pf, env={"GITHUB_TOKEN": "ghp_token0123456789",
                                                "GITHUB_API_URL": "http://api.example.com/"})
        self.assertEqual(r.code, 2, r)
        hook_url, kind, chat_url, reports = (at('url = "http://hooks'), at('kind = "slak'), at('url = "ftp'),
                                             at('reports = ["ceo", "cfoo'))
        expected = [
            f"portfolio.toml:{hook_url}:7: invalid webhook `url`: expected an `https://` URL "
            "(`http://` only to this machine, for tests), found an `http://` URL to another machine (the URL itself "
            "is not shown: it is a secret)",
            f"portfolio.toml:{at('secret =')}:10: invalid webhook `secret`: expected a Standard Webhooks secret: "
            "`whsec_` and the Base64 of 24 to 64 random bytes, found a value without the `whsec_` prefix (not "
            "shown: it is a secret)",
            f"portfolio.toml:{at('events =')}:27: unknown event: expected one of `run.completed`, `run.failed`, "
            "`task.created`, `task.updated`, `task.resolved`, found `task.resolvd` (did you mean `task.resolved`?)",
            f"portfolio.toml:{at('retries')}:1: unknown key `retries` in [[webhooks]]: expected one of events, "
            "secret, url",
            f"portfolio.toml:{at('repository =')}:14: invalid GitHub `repository`: expected OWNER/NAME, such as "
            "`example/operations`, found `example`",
            f"portfolio.toml:{at('[github]')}:1: invalid GITHUB_API_URL: expected an `https://` URL (`http://` only "
            "to this machine, for tests), found a URL to `api.example.com` that is not https",
            f"portfolio.toml:{kind}:8: invalid chat `kind`: expected one of `slack`, `teams`, found "
            "`slak` (did you mean `slack`?)",
            f"portfolio.toml:{chat_url}:7: invalid chat `url`: expected an `https://` URL (`http://` only "
            "to this machine, for tests), found a `ftp://` URL (the URL itself is not shown: it is a secret)",
            f"portfolio.toml:{reports}:19: unknown report in `reports`: expected a report "
            "id of this portfolio, found `cfoo` (did you mean `cfo`?)",
            f"portfolio.toml:{at('owners =')}:18: unknown role in `owners`: expected a role of [recipients], "
            "found `ctoo` (did you mean `cto`?)",
        ]
        second_teams = [i + 1 for i, l in enumerate(lines) if l.startswith('url = "https://teams')][1]
        expected.append(f"portfolio.toml:{second_teams}:7: duplicate chat `url`: expected each chat once, found the "
                        "same URL as chat 1 (not shown: it is a secret) (keep one table per URL; this is chat 3)")
        for line in expected:
            self.assertIn(line + "\n", r.err)
        self.assertIn(f"portfolio.toml:{at('[[webhook]]')}:3: unknown key `webhook` in portfolio.toml: ", r.err)
        self.assertIn("(did you mean `webhooks`?)\n", r.err)
        for secret in ("hookSecretPath42", "plainSecretValue", "slackSecretPath42", "teamsSecretPath42", "ghp_token"):
            self.assertNotIn(secret, r.out + r.err)

    def test_valid_targets_and_unset_variables(self):
        pf, _ = it.make_portfolio(self.work, '[[webhooks]]\nurl = "${DASHBOARD_WEBHOOK_URL}"\n'
                                             'secret = "${DASHBOARD_WEBHOOK_SECRET}"\n')
        r = it.quarterdeck("validate", pf)
        self.assertEqual(r.code, 2, r)
        self.assertIn("variable `DASHBOARD_WEBHOOK_URL` is not set", r.err)
        self.assertIn("variable `DASHBOARD_WEBHOOK_SECRET` is not set", r.err)
        secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        r = it.quarterdeck("validate", pf, env={"DASHBOARD_WEBHOOK_URL": "https://dash.example.com/hooks/k3y",
                                                "DASHBOARD_WEBHOOK_SECRET": secret})
        self.assertEqual(r.code, 0, r)
        self.assertNotIn("dash.example.com/hooks/k3y", r.out + r.err)


if __name__ == "__main__":
    it.main(unittest.main)
