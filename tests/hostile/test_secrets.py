"""Secrets never printed (issue 11, section 2; docs/config.md "Redaction").

Unique canary values are put in every place a secret can come from: the env
file, the process environment's credential variables, a ${VAR} expanded into
each string field that echoes its value when it fails validation, and the
user information of SMTP_URL and AWS_ENDPOINT_URL_SESV2. Then every error path
that can be reached is run (validate, generate, run against a closed port, a
535 from the real SMTP server, an SES endpoint error from the real emulator,
a journal that includes the env file, audit, a successful run to the outbox)
and no canary may appear in stdout, stderr, the reports, the outbox or any
text column of the store. Where a value was, `[redacted NAME]` is.

The one exception is an address a message is sent to or from (docs/config.md):
it is in the message's headers, the store's recipient columns and `audit`,
and nowhere else (not in a report, a subject, a body or a diagnostic).

SMTP credentials go in clear only to a loopback server (smtp_starttls =
"optional" does not change that), checked against the real smtp-server peer
listening on this machine's non-loopback address.
"""
import email
import email.policy
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import hostile
from hostile import AS_OF, EXIT_FAILED, EXIT_INVALID, EXIT_OK, ROOT, Case, run

PEERS = ROOT / "tests" / "peers"


def canary(field):
    """A value that fails every check it is put through: upper case and `_`."""
    return f"QD_{field}_{secrets.token_hex(6)}"


def closed_port():
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def non_loopback_address():
    """This machine's IPv4 address on a non-loopback interface, or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the route
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def store_texts(db):
    """(table, column, text) for every text or blob value in the store."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            for row in con.execute(f"SELECT * FROM {table}"):
                for column, value in zip(columns, row):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str):
                        yield table, column, value
    finally:
        con.close()


class Peer:
    """A node peer started for one test, stopped by its process id."""

    def __init__(self, args, ready, log):
        self.log = log
        self.out = open(log, "w")
        self.proc = subprocess.Popen(args, stdout=self.out, stderr=subprocess.STDOUT, text=True)
        self.match = None
        for _ in range(300):
            m = re.search(ready, Path(log).read_text())
            if m:
                self.match = m
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"peer did not start: {Path(log).read_text()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.out.close()


class SecretsCase(Case):
    def setUp(self):
        super().setUp()
        self.peers = []

    def tearDown(self):
        for peer in self.peers:
            peer.stop()
        super().tearDown()

    def smtp_sink(self, name, *args):
        out = self.tmp / name
        peer = Peer(["node", str(PEERS / "smtp_sink.js"), "--port", "0", "--out", str(out), *args],
                    r"listening (\d+)", self.tmp / f"{name}.log")
        self.peers.append(peer)
        return int(peer.match.group(1)), out

    def ses_emulator(self):
        peer = Peer([str(PEERS / "start_ses.sh"), "0"], r"running at http://[^:]+:(\d+)", self.tmp / "ses.log")
        self.peers.append(peer)
        return int(peer.match.group(1))

    def assertNoCanary(self, canaries, texts, where=""):
        """No canary (nor its random part) in any of `texts` ({label: text})."""
        for label, text in texts.items():
            for value in canaries:
                token = value.rsplit("_", 1)[-1]
                self.assertNotIn(value, text, f"{where}{label} holds the secret {value}:\n{text[:4000]}")
                self.assertNotIn(token, text, f"{where}{label} holds part of the secret {value}:\n{text[:4000]}")

    def assertNoCanaryIn(self, canaries, result, *folders, store=None):
        texts = {"stdout": result.out, "stderr": result.err}
        for folder in folders:
            for path in Path(folder).rglob("*"):
                if path.is_file():
                    texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
        if store is not None:
            for table, column, text in store_texts(store):
                texts[f"{table}.{column}"] = texts.get(f"{table}.{column}", "") + "\n" + text
        self.assertNoCanary(canaries, texts)


def minimal_portfolio(folder, env_file=True):
    """A portfolio in which every string field that echoes its value on a
    validation failure is a ${VAR}; returns {VAR: canary value}."""
    fields = ["CURRENCY", "TIMEZONE", "JOURNAL", "HANDOFFS", "BANK_FILE", "BANK_RULES", "BANK_ENTITY", "ADDRESS",
              "TRANSPORT", "FROM", "AUDIT_ROLE", "STARTTLS", "SCAN_RULES", "SCAN_BASELINE", "LOW_COST",
              "ACTION_ENTITY", "ACTION_COST", "ACTION_RETURN", "ACTION_DUE", "RULE_WHEN", "RULE_SEVERITY",
              "RULE_CATEGORY", "REPORT_ID", "PERSONA", "REPORT_ROLE", "FORMAT", "SCHEDULE", "SCOPE", "TEMPLATE",
              "CAMPAIGN_ENTITY", "KIND", "UNIT_COST", "ASSET_VALUE", "KPI_METRIC", "ISSUE_SEVERITY", "MARKET_RATE"]
    values = {f"C_{f}": canary(f) for f in fields}
    folder = Path(folder)
    (folder / "entities").mkdir(parents=True)
    (folder / "portfolio.toml").write_text(f"""name = "Canary portfolio"
currency = "${{C_CURRENCY}}"
timezone = "${{C_TIMEZONE}}"
{'env_file = "secrets.env"' if env_file else ''}
entities = ["shop"]

[data]
journal = "${{C_JOURNAL}}"
handoffs = "${{C_HANDOFFS}}"

[[data.bank]]
file = "${{C_BANK_FILE}}"
rules = "${{C_BANK_RULES}}"
entity = "${{C_BANK_ENTITY}}"

[recipients]
ceo = ["${{C_ADDRESS}}"]

[delivery]
transport = "${{C_TRANSPORT}}"
from = "${{C_FROM}}"
audit_bcc = ["${{C_AUDIT_ROLE}}"]
smtp_starttls = "${{C_STARTTLS}}"

[scan]
rules = "${{C_SCAN_RULES}}"
baseline = "${{C_SCAN_BASELINE}}"

[finance]
low_cost_limit = "${{C_LOW_COST}}"

[[actions]]
id = "a1"
title = "An action"
entity = "${{C_ACTION_ENTITY}}"
cost = "${{C_ACTION_COST}}"
monthly_return = "${{C_ACTION_RETURN}}"
basis = "a guess"
due = "${{C_ACTION_DUE}}"

[[campaigns]]
id = "c1"
title = "A campaign"
entity = "${{C_CAMPAIGN_ENTITY}}"
list_size = 10
open_low = 1
open_high = 2
convert_low = 1
convert_high = 2

[[rules]]
id = "r1"
when = "${{C_RULE_WHEN}}"
severity = "${{C_RULE_SEVERITY}}"
title = "A rule"
recommendation = "Do something"
category = "${{C_RULE_CATEGORY}}"

[[reports]]
id = "${{C_REPORT_ID}}"
persona = "${{C_PERSONA}}"
to = ["${{C_REPORT_ROLE}}"]
formats = ["${{C_FORMAT}}"]
schedule = "${{C_SCHEDULE}}"
scope = ["${{C_SCOPE}}"]

[[reports]]
id = "second"
template = "${{C_TEMPLATE}}"
scope = ["shop"]
to = ["ceo"]
""")
    (folder / "entities" / "shop.toml").write_text("""name = "Shop"
kind = "${C_KIND}"
unit_cost = "${C_UNIT_COST}"

[[assets]]
name = "Van"
kind = "vehicle"
value = "${C_ASSET_VALUE}"

[[kpis]]
id = "k1"
name = "A KPI"
metric = "${C_KPI_METRIC}"

[[known_issues]]
title = "An issue"
severity = "${C_ISSUE_SEVERITY}"

[market]
rate = "${C_MARKET_RATE}"
source = "a survey"
""")
    if env_file:
        (folder / "secrets.env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return values


class ExpandedFields(SecretsCase):
    def check(self, values, result):
        self.assertExit(result, EXIT_INVALID)
        for name in values:
            self.assertIn(f"[redacted {name}]", result.err, f"{name} is not in a diagnostic\n{result!r}")
        self.assertNoCanaryIn(values.values(), result)

    def test_every_echoed_field_from_the_env_file(self):
        values = minimal_portfolio(self.tmp / "pf")
        result = run("validate", self.tmp / "pf", "--as-of", AS_OF)
        self.check(values, result)
        # The diagnostics keep their place and their words; only the value is gone.
        self.assertLocated(result, "portfolio.toml:2:12: invalid currency: expected an ISO 4217 code such as "
                                   "`USD`, found `[redacted C_CURRENCY]`")
        self.assertLocated(result, "entities/shop.toml:2:8: invalid `kind`: expected one of `charter`, `service`, "
                                   "`agency`, `rental`, `client_book`, `retail`, `subscription`, found "
                                   "`[redacted C_KIND]`")
        for command in (("generate", "--out", self.tmp / "out"), ("run",)):
            with self.subTest(command=command[0]):
                self.check(values, run(command[0], self.tmp / "pf", "--as-of", AS_OF, *command[1:]))

    def test_every_echoed_field_from_the_process_environment(self):
        values = minimal_portfolio(self.tmp / "pf", env_file=False)
        self.check(values, run("validate", self.tmp / "pf", "--as-of", AS_OF, env=values))


class IncludedEnvFile(SecretsCase):
    """A journal that includes the env file, or the process environment, may
    be refused or read: either way no value of it is printed."""

    def test_journal_including_the_env_file(self):
        pf = self.portfolio()
        values = {"CANARY_TOKEN": canary("TOKEN"), "CANARY_SETTING": canary("SETTING")}
        with open(pf / "repos.env", "a") as f:
            f.writelines(f"{k}={v}\n" for k, v in values.items())
        journal = pf / "data" / "books.journal"
        journal.write_text("include ../repos.env\n" + journal.read_text())
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertNoCanaryIn(values.values(), result)
        example_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # the example's AWS_SECRET_ACCESS_KEY
        self.assertNotIn(example_secret[:12], result.err, repr(result))

    def test_journal_including_the_process_environment(self):
        values = {"AWS_SECRET_ACCESS_KEY": canary("AWSSECRET"), "DEPLOY_API_TOKEN": canary("DEPLOYTOKEN"),
                  "SMTP_PASSWORD": canary("SMTPPASS")}
        journal = self.tmp / "environ.journal"
        journal.write_text("include /proc/self/environ\n")
        result = run("ledger", "balance", journal, env=values)
        self.assertExit(result, EXIT_INVALID)
        self.assertNoCanaryIn(values.values(), result)


def smtp_portfolio(case, starttls="optional", name="pf"):
    pf = case.portfolio(name=name)
    text = (pf / "portfolio.toml").read_text()
    (pf / "portfolio.toml").write_text(text.replace('transport = "outbox"',
                                                    f'transport = "smtp"\nsmtp_starttls = "{starttls}"', 1))
    return pf


class SmtpErrors(SecretsCase):
    def test_closed_port_names_the_server_without_its_credentials(self):
        pf = smtp_portfolio(self)
        user, password = canary("SMTPUSER"), canary("SMTPPASS")
        port = closed_port()
        result = run("run", pf, "--as-of", AS_OF, env={"SMTP_URL": f"smtp://{user}:{password}@127.0.0.1:{port}"})
        self.assertExit(result, EXIT_INVALID)
        self.assertIn(f"delivery: SMTP server smtp://127.0.0.1:{port} does not answer: ", result.err)
        self.assertNoCanaryIn([user, password], result, pf / ".quarterdeck")

    def test_wrong_password_from_the_real_server(self):
        port, sink = self.smtp_sink("sink", "--auth", "qd-reports:the-right-password")
        for source in ("variables", "url"):
            with self.subTest(source=source):
                pf = smtp_portfolio(self, name=source)
                user, password = canary("SMTPUSER"), canary("SMTPPASS")
                env = ({"SMTP_URL": f"smtp://127.0.0.1:{port}", "SMTP_USERNAME": user, "SMTP_PASSWORD": password}
                       if source == "variables" else {"SMTP_URL": f"smtp://{user}:{password}@127.0.0.1:{port}"})
                result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env=env)
                self.assertExit(result, EXIT_FAILED)
                self.assertIn("SMTP authentication failed (check SMTP_USERNAME and SMTP_PASSWORD)", result.out)
                audit = run("audit", pf, "--format", "json", env=env)
                self.assertExit(audit, EXIT_OK)
                self.assertEqual([d["status"] for d in json.loads(audit.out)], ["rejected"])
                self.assertNoCanaryIn([user, password], result, pf / ".quarterdeck",
                                      store=pf / ".quarterdeck" / "state.db")
                self.assertNoCanaryIn([user, password], audit)
        # The server did see the (wrong) credentials: the canaries were really used, by each run's
        # message and by the failure notice to its owner, tried once (cli/notices.hpp).
        self.assertEqual(len((sink / "auth.jsonl").read_text().splitlines()), 4)

    def test_credentials_in_clear_only_to_loopback(self):
        pf = smtp_portfolio(self)
        user, password = "qd-reports", canary("SMTPPASS")
        port, sink = self.smtp_sink("loop", "--auth", f"{user}:{password}")
        env = {"SMTP_URL": f"smtp://127.0.0.1:{port}", "SMTP_USERNAME": user, "SMTP_PASSWORD": password}
        result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env=env)
        self.assertExit(result, EXIT_OK)
        auth = [json.loads(line) for line in (sink / "auth.jsonl").read_text().splitlines()]
        self.assertEqual(auth, [{"user": user, "tls": False}])
        self.assertNoCanaryIn([password], result, pf / ".quarterdeck", store=pf / ".quarterdeck" / "state.db")

        address = non_loopback_address()
        if address is None:
            self.skipTest("no non-loopback IPv4 address on this machine")
        for starttls in ("optional", "required"):
            with self.subTest(smtp_starttls=starttls):
                pf = smtp_portfolio(self, starttls, name=f"remote-{starttls}")
                port, sink = self.smtp_sink(f"remote-{starttls}", "--host", address, "--auth", f"{user}:{password}")
                url = f"smtp://{address}:{port}"
                result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env={**env, "SMTP_URL": url})
                self.assertExit(result, EXIT_INVALID)
                if starttls == "optional":
                    self.assertEqual(result.err,
                                     f"delivery: SMTP server {url} offers no STARTTLS: credentials are sent only over "
                                     "TLS to a server that is not on loopback, and smtp_starttls = \"optional\" does "
                                     "not change that (use smtps://, or a server that offers STARTTLS)\n"
                                     "quarterdeck: 1 delivery problem; nothing was sent.\n")
                self.assertFalse((sink / "auth.jsonl").exists(), "AUTH went out in clear")
                self.assertFalse((sink / "log.jsonl").exists(), "a message went out")
        # Without credentials, "optional" still sends in clear to that server.
        pf = smtp_portfolio(self, name="remote-open")
        port, sink = self.smtp_sink("remote-open", "--host", address)
        result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env={"SMTP_URL": f"smtp://{address}:{port}"})
        self.assertExit(result, EXIT_OK)
        self.assertEqual(len((sink / "log.jsonl").read_text().splitlines()), 1)


class SesErrors(SecretsCase):
    def ses_portfolio(self, name="pf"):
        pf = self.portfolio(name=name)
        text = (pf / "portfolio.toml").read_text()
        (pf / "portfolio.toml").write_text(text.replace('transport = "outbox"', 'transport = "ses"', 1))
        return pf

    def ses_env(self, endpoint):
        values = {"AWS_ACCESS_KEY_ID": canary("AKID"), "AWS_SECRET_ACCESS_KEY": canary("AWSSECRET"),
                  "AWS_SESSION_TOKEN": canary("AWSSESSION")}
        return values, {**values, "AWS_ENDPOINT_URL_SESV2": endpoint}

    def test_endpoint_that_does_not_answer(self):
        pf = self.ses_portfolio()
        user, password, port = canary("ENDPOINTUSER"), canary("ENDPOINTPASS"), closed_port()
        values, env = self.ses_env(f"http://{user}:{password}@127.0.0.1:{port}")
        result = run("run", pf, "--as-of", AS_OF, env=env)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn(f"delivery: SES endpoint http://[redacted]@127.0.0.1:{port} does not answer: ", result.err)
        self.assertNoCanaryIn([user, password, *values.values()], result)

    def test_endpoint_error_and_success_from_the_real_emulator(self):
        port = self.ses_emulator()
        user, password = canary("ENDPOINTUSER"), canary("ENDPOINTPASS")
        # A path the emulator does not know: HTTP 404 for every message.
        pf = self.ses_portfolio()
        values, env = self.ses_env(f"http://{user}:{password}@127.0.0.1:{port}/nowhere")
        result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env=env)
        self.assertExit(result, EXIT_FAILED)
        self.assertIn("HTTP 404", result.out)
        secrets_used = [user, password, *values.values()]
        self.assertNoCanaryIn(secrets_used, result, pf / ".quarterdeck", store=pf / ".quarterdeck" / "state.db")
        self.assertNoCanaryIn(secrets_used, run("audit", pf, env=env))
        # And a send that goes through.
        pf = self.ses_portfolio(name="ok")
        values, env = self.ses_env(f"http://{user}:{password}@127.0.0.1:{port}")
        result = run("run", pf, "--as-of", AS_OF, "--only", "ceo", env=env)
        self.assertExit(result, EXIT_OK)
        self.assertNoCanaryIn([user, password, *values.values()], result, pf / ".quarterdeck",
                              store=pf / ".quarterdeck" / "state.db")


class ReportsMessagesAndStore(SecretsCase):
    """A run that succeeds: ${VAR} values in the portfolio's name, a report's
    title, the sender's name and an entity's known issue reach the reports,
    the subjects and the store only as `[redacted NAME]`; the addresses reach
    only the headers, the recipient columns and audit."""

    def test_generate_run_and_audit(self):
        pf = self.portfolio()
        recipient = f"qd.rcpt.{secrets.token_hex(6)}@example.com"
        sender = f"qd.from.{secrets.token_hex(6)}@example.com"
        values = {"PORTFOLIO_NAME": canary("NAME"), "CEO_TITLE": canary("TITLE"), "SENDER_NAME": canary("SENDER"),
                  "ISSUE_TITLE": canary("ISSUE"), "UNUSED_TOKEN": canary("UNUSED"),
                  "RENTAL_TITLE": canary("RENTAL")}
        env_text = (pf / "repos.env").read_text()
        env_text = re.sub(r"(?m)^RECIPIENT_EMAIL=.*$", f"RECIPIENT_EMAIL={recipient}", env_text)
        env_text = re.sub(r"(?m)^SES_FROM_ADDRESS=.*$", f"SES_FROM_ADDRESS={sender}", env_text)
        (pf / "repos.env").write_text(env_text + "".join(f"{k}={v}\n" for k, v in values.items()))
        text = (pf / "portfolio.toml").read_text()
        text = text.replace('name = "Harbor & Hauling Portfolio"', 'name = "${PORTFOLIO_NAME}"', 1)
        text = text.replace('title = "CEO weekly report"', 'title = "${CEO_TITLE}"', 1)
        # An entity report's subject starts with its title (a persona's with its short name).
        text = text.replace('title = "3028 51st St weekly report"', 'title = "${RENTAL_TITLE}"', 1)
        text = text.replace('from_name = "Quarterdeck Reports"', 'from_name = "${SENDER_NAME}"', 1)
        (pf / "portfolio.toml").write_text(text)
        with open(pf / "entities" / "jada.toml", "a") as f:
            f.write('\n[[known_issues]]\ntitle = "${ISSUE_TITLE}"\nseverity = "high"\n')
        process = {"AWS_SECRET_ACCESS_KEY": canary("AWSSECRET"), "SMTP_PASSWORD": canary("SMTPPASS")}

        out = self.tmp / "out"
        generated = run("generate", pf, "--as-of", AS_OF, "--out", out, "--format", "text,html,json",
                         env=process)
        self.assertExit(generated, EXIT_OK)
        ceo = (out / "ceo.txt").read_text()
        self.assertIn("[redacted CEO_TITLE]", ceo)
        self.assertIn("[redacted PORTFOLIO_NAME]", ceo)
        self.assertIn("[redacted ISSUE_TITLE]", (out / "ceo.json").read_text())
        everything = [*values.values(), *process.values(), recipient, sender]
        self.assertNoCanaryIn(everything, generated, out)

        result = run("run", pf, "--as-of", AS_OF, env=process)
        self.assertExit(result, EXIT_OK)
        self.assertIn("[redacted PORTFOLIO_NAME]", result.out)
        secrets_only = [*values.values(), *process.values()]
        store = pf / ".quarterdeck" / "state.db"
        self.assertNoCanaryIn(everything, result)
        self.assertNoCanaryIn(secrets_only, result, pf / ".quarterdeck", store=store)
        audit = run("audit", pf, env=process)
        self.assertExit(audit, EXIT_OK)
        self.assertNoCanaryIn(secrets_only, audit)
        self.assertIn(recipient, audit.out)  # the audit shows where each message went

        # Addresses: in the header block of a message and the recipient columns, nowhere else.
        messages = sorted((pf / ".quarterdeck" / "outbox" / "new").glob("*"))
        self.assertEqual(len(messages), 8)
        subjects = []
        for message in messages:
            raw = message.read_bytes().decode("utf-8", "replace")
            head, body = raw.split("\r\n\r\n", 1)
            self.assertIn(f"From: \"[redacted SENDER_NAME]\" <{sender}>", head)
            self.assertNoCanary([recipient, sender], {f"{message.name} body": body})
            # The subject is RFC 2047 encoded (it has a dash): read it decoded,
            # where an encoded canary would show.
            parsed = email.message_from_bytes(message.read_bytes(), policy=email.policy.default)
            subjects.append(str(parsed["Subject"]))
        self.assertNoCanary(everything, {"subjects": "\n".join(subjects)})
        self.assertEqual([s for s in subjects if "  " in s], [], "a subject decodes with a doubled space")
        self.assertEqual(len([s for s in subjects if s.startswith("[Quarterdeck] CEO, 16 Nov: ")]), 1, subjects)
        self.assertEqual(len([s for s in subjects if s.startswith("[Quarterdeck] [redacted RENTAL_TITLE], 16 Nov: ")]),
                         1, subjects)
        for table, column, text in store_texts(store):
            if column in ("recipients_to", "recipients_cc", "recipients_bcc"):
                continue
            if table == "messages" and column == "mime":
                text = text.split("\r\n\r\n", 1)[1]
            self.assertNoCanary([recipient, sender], {f"{table}.{column}": text})


class ControlCharacters(SecretsCase):
    def test_escaped_in_diagnostics(self):
        pf = self.portfolio()
        text = (pf / "portfolio.toml").read_text()
        text = text.replace('currency = "USD"', 'currency = "\\u001b[2J\\u001b[31mUSD\\u0007"', 1)
        text = text.replace('timezone = "America/Los_Angeles"', 'timezone = "Etc/\\u202eUTC\\u0085"', 1)
        (pf / "portfolio.toml").write_text(text)
        result = run("validate", pf, "--as-of", AS_OF)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, "portfolio.toml:6:12: invalid currency: expected an ISO 4217 code such as `USD`, "
                                   "found `\\x1b[2J\\x1b[31mUSD\\x07`")
        self.assertLocated(result, "portfolio.toml:7:12: unknown time zone: expected an IANA zone such as "
                                   "`America/Los_Angeles`, found `Etc/\\u{202e}UTC\\u{85}`")
        for raw in ("\x1b", "\x07", "\u202e", "\u0085"):
            self.assertNotIn(raw, result.err)

    def test_escaped_in_ledger_output(self):
        journal = self.tmp / "names.journal"
        journal.write_text("2026-01-05 Coffee\n    Expenses:\x1b]0;owned\x07Food    $4.00\n    Assets:Cash\n")
        result = run("ledger", "balance", journal, "--flat")
        self.assertExit(result, EXIT_OK)
        self.assertIn("Expenses:\\x1b]0;owned\\x07Food", result.out)
        self.assertNotIn("\x1b", result.out)


if __name__ == "__main__":
    hostile.main()
