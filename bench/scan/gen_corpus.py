#!/usr/bin/python3
"""Writes the corpora for the secret-scanner benchmark (bench/scan/run.py).

gen_corpus.py detection OUT_DIR [--seed N]
gen_corpus.py throughput OUT_DIR [--size-mb N] [--secrets N] [--seed N]

The files go to OUT_DIR/corpus/ (the directory to scan) and the manifest
to OUT_DIR/manifest.json, outside it, so that no scanner reads it.

detection: a small tree of realistic source and config files (JS, TS,
Python, Go, YAML, JSON, INI/properties, shell, Markdown, one .env file, key
files) with several planted secrets of every family, plus a clean/
sub-tree of decoys that a scanner must not report (UUIDs, hashes, npm
integrity lines, data URIs, the documented AWS example key on a
`quarterdeck:allow` line, placeholders, publishable keys, minified code,
CSS hashes, i18n keys, JWT-looking strings that are not tokens, public keys
and certificates). OUT_DIR/manifest.json lists every planted secret as
{path, line, family} (line = 1-based; for a PEM block, its BEGIN line) and
every decoy as {path, line, kind}; paths are relative to OUT_DIR/corpus.

throughput: about N MiB (default 200) of generated text in thousands of
files of 1 KiB to 1 MiB (code, JSON, YAML, Markdown, CSV, logs) in nested
directories, with --secrets (default 50) planted secrets, listed in the manifest
with the file count and bytes. No directory is named node_modules, vendor,
dist, build or the like, and there are no binary files.

Every value is drawn from random.Random(seed): nothing is a real key.
Standard library only; the same arguments give the same bytes.
"""
import argparse
import base64
import json
import os
import random
import shutil
import string
import sys

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
DIGITS = string.digits
ALNUM = UPPER + LOWER + DIGITS
B32 = UPPER + "234567"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"
SYMBOLS = "#$%&*!@^~+"

WORDS = ("account invoice ledger report balance payment customer order vendor charter booking harbor "
         "fuel dock crew schedule route summary budget forecast margin revenue expense client session "
         "request response handler service worker queue event metric status record entry batch export "
         "import config option setting value result error retry timeout cache index page filter total "
         "count amount period quarter month year region store branch portfolio audit delivery message").split()


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def ident(rng, parts=2, style="snake"):
    words = [rng.choice(WORDS) for _ in range(parts)]
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if style == "pascal":
        return "".join(w.capitalize() for w in words)
    if style == "upper":
        return "_".join(w.upper() for w in words)
    return "_".join(words)


def sentence(rng, n=None):
    n = n or rng.randint(5, 12)
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[0].upper() + text[1:] + "."


# ---------------------------------------------------------------- secrets

class Secrets:
    """Random secret values in each family's real format."""

    def __init__(self, rng):
        self.rng = rng

    def aws_key_id(self):
        return "AKIA" + rs(self.rng, B32, 16)

    def aws_secret(self):
        return rs(self.rng, B64, 40)

    def stripe(self, prefix=None):
        prefix = prefix or self.rng.choice(["sk_live_", "sk_test_", "rk_live_"])
        return prefix + rs(self.rng, ALNUM, self.rng.choice([24, 34, 99]))

    def github_classic(self):
        return "ghp_" + rs(self.rng, ALNUM, 36)

    def github_fine(self):
        return "github_pat_" + rs(self.rng, ALNUM, 22) + "_" + rs(self.rng, ALNUM, 59)

    def slack_bot(self):
        return f"xoxb-{rs(self.rng, DIGITS, 11)}-{rs(self.rng, DIGITS, 13)}-{rs(self.rng, ALNUM, 24)}"

    def slack_user(self):
        return (f"xoxp-{rs(self.rng, DIGITS, 11)}-{rs(self.rng, DIGITS, 11)}-{rs(self.rng, DIGITS, 13)}-"
                f"{rs(self.rng, HEX, 32)}")

    def slack_webhook(self):
        return (f"https://hooks.slack.com/services/T{rs(self.rng, UPPER + DIGITS, 8)}/"
                f"B{rs(self.rng, UPPER + DIGITS, 10)}/{rs(self.rng, ALNUM, 24)}")

    def google(self):
        return "AIza" + rs(self.rng, ALNUM + "-_", 35)

    def twilio_api_key(self):
        return "SK" + rs(self.rng, HEX, 32)

    def twilio_sid(self):
        return "AC" + rs(self.rng, HEX, 32)

    def twilio_token(self):
        return rs(self.rng, HEX, 32)

    def sendgrid(self):
        return "SG." + rs(self.rng, B64URL, 22) + "." + rs(self.rng, B64URL, 43)

    def jwt(self, alg=None):
        alg = alg or self.rng.choice(["HS256", "HS256", "RS256"])
        header = {"alg": alg, "typ": "JWT"}
        if alg == "RS256":
            header["kid"] = rs(self.rng, HEX, 16)
        now = 1760000000 + self.rng.randint(0, 10_000_000)
        payload = {"sub": rs(self.rng, DIGITS, 8), "name": ident(self.rng, 2, "pascal"),
                   "scope": self.rng.choice(["read:reports", "admin", "billing:write"]),
                   "iat": now, "exp": now + 3600 * self.rng.choice([1, 24, 720])}
        sig = self.rng.randbytes(256 if alg == "RS256" else 32)
        return ".".join([b64url(json.dumps(header, separators=(",", ":")).encode()),
                         b64url(json.dumps(payload, separators=(",", ":")).encode()), b64url(sig)])

    def password(self, symbols=True, n=None):
        n = n or self.rng.randint(16, 24)
        alphabet = ALNUM + SYMBOLS if symbols else ALNUM
        while True:
            value = rs(self.rng, alphabet, n)
            if (any(c in UPPER for c in value) and any(c in LOWER for c in value) and any(c in DIGITS for c in value)
                    and (not symbols or any(c in SYMBOLS for c in value))):
                return value

    def db_url(self, scheme=None):
        scheme = scheme or self.rng.choice(["postgres", "mysql", "mongodb+srv", "redis"])
        pw = self.password(symbols=False, n=self.rng.randint(14, 22))
        user = self.rng.choice(["app", "svc_reports", "admin", "deploy", "quarterdeck"])
        if scheme in ("postgres", "postgresql"):
            return f"{scheme}://{user}:{pw}@db-{rs(self.rng, LOWER, 5)}.internal.example.com:5432/{ident(self.rng, 1)}"
        if scheme == "mysql":
            return f"mysql://{user}:{pw}@10.{self.rng.randint(0, 255)}.{self.rng.randint(0, 255)}.7:3306/{ident(self.rng, 1)}"
        if scheme == "mongodb+srv":
            return (f"mongodb+srv://{user}:{pw}@cluster0.{rs(self.rng, LOWER + DIGITS, 5)}.mongodb.net/"
                    f"{ident(self.rng, 1)}?retryWrites=true&w=majority")
        return f"redis://:{pw}@cache-{rs(self.rng, LOWER, 4)}.internal.example.com:6379/0"

    def pem(self, kind):
        """Returns (begin, body_lines, end) of a plausible PEM or OpenSSH private key."""
        rng = self.rng
        if kind == "RSA":
            data = bytes.fromhex("308204a40201000282010100") + rng.randbytes(1192 - 12)
            label, width = "RSA PRIVATE KEY", 64
        elif kind == "OPENSSH":
            data = (b"openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01"
                    b"\x00\x00\x00\x33\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(347))
            label, width = "OPENSSH PRIVATE KEY", 70
        else:
            data = (bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100")
                    + rng.randbytes(1217 - 38))
            label, width = "PRIVATE KEY", 64
        text = base64.b64encode(data).decode()
        body = [text[i:i + width] for i in range(0, len(text), width)]
        return f"-----BEGIN {label}-----", body, f"-----END {label}-----"


# ---------------------------------------------------------------- files

class Doc:
    """One file being written: lines, plus the planted secrets and decoys on them."""

    def __init__(self, path):
        self.path = path
        self.lines = []
        self.planted = []
        self.decoys = []

    def add(self, text=""):
        self.lines.extend(text.split("\n"))
        return self

    def plant(self, line, family):
        self.lines.append(line)
        self.planted.append({"path": self.path, "line": len(self.lines), "family": family})
        return self

    def decoy(self, line, kind):
        self.lines.append(line)
        self.decoys.append({"path": self.path, "line": len(self.lines), "kind": kind})
        return self

    def text(self):
        return "\n".join(self.lines) + "\n"


def write_docs(out, docs):
    manifest = {"planted": [], "decoys": []}
    for doc in docs:
        full = os.path.join(out, doc.path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(doc.text())
        manifest["planted"].extend(doc.planted)
        manifest["decoys"].extend(doc.decoys)
    return manifest


def py_filler(rng, n=2):
    out = []
    for _ in range(n):
        fn, arg, var = ident(rng), ident(rng, 1), ident(rng, 2)
        out.append(f"\n\ndef {fn}({arg}, *, limit={rng.randint(10, 500)}):\n"
                   f"    \"\"\"{sentence(rng)}\"\"\"\n"
                   f"    {var} = [x for x in {arg} if x.get(\"{ident(rng, 1)}\") is not None]\n"
                   f"    if len({var}) > limit:\n"
                   f"        log.warning(\"%s: %d items over limit\", \"{fn}\", len({var}))\n"
                   f"    return sorted({var}, key=lambda x: x[\"{ident(rng, 1)}\"])[:limit]")
    return "\n".join(out)


def js_filler(rng, n=2):
    out = []
    for _ in range(n):
        fn, arg, var = ident(rng, 2, "camel"), ident(rng, 1), ident(rng, 2, "camel")
        out.append(f"\nexport async function {fn}({arg}, options = {{}}) {{\n"
                   f"  // {sentence(rng)}\n"
                   f"  const {var} = await fetch(`/api/v1/{ident(rng, 1)}s/${{{arg}.id}}`, {{ method: 'GET' }});\n"
                   f"  if (!{var}.ok) throw new Error(`{fn} failed: ${{{var}.status}}`);\n"
                   f"  return {{ ...options, data: await {var}.json(), fetchedAt: Date.now() }};\n"
                   f"}}")
    return "\n".join(out)


def yaml_filler(rng, n=4, indent=""):
    out = []
    for _ in range(n):
        out.append(f"{indent}{ident(rng, 2)}:\n{indent}  enabled: {rng.choice(['true', 'false'])}\n"
                   f"{indent}  replicas: {rng.randint(1, 6)}\n{indent}  timeout_seconds: {rng.randint(5, 120)}")
    return "\n".join(out)


def md_filler(rng, n=2):
    return "\n\n".join(f"{sentence(rng, 14)} {sentence(rng, 10)} {sentence(rng, 8)}" for _ in range(n))


def ini_filler(rng, n=4):
    return "\n".join(f"{ident(rng, 2, 'upper')}={rng.choice([str(rng.randint(1, 9999)), 'true', 'false', ident(rng, 1)])}"
                     for _ in range(n))


def detection(out, seed):
    rng = random.Random(seed)
    s = Secrets(rng)
    docs = []

    # --- JavaScript: payments service
    d = Doc("src/server/payments.js")
    d.add("'use strict';\n\nconst express = require('express');\nconst Stripe = require('stripe');\n"
          "const sgMail = require('@sendgrid/mail');\n")
    d.plant(f"const stripe = Stripe('{s.stripe('sk_live_')}');", "stripe")
    d.add("const refunds = {")
    d.plant(f"  restrictedKey: \"{s.stripe('rk_live_')}\",", "stripe")
    d.add("  currency: 'usd',\n};")
    d.plant(f"sgMail.setApiKey(\"{s.sendgrid()}\");", "sendgrid")
    d.plant(f"const MAPS_KEY = '{s.google()}';", "google")
    d.add(js_filler(rng, 2))
    d.add("\nasync function notifyOps(text) {\n  // posts to #ops-alerts")
    d.plant(f"  await fetch('{s.slack_webhook()}', {{", "slack")
    d.add("    method: 'POST',\n    body: JSON.stringify({ text }),\n  });\n}")
    d.plant(f"const SERVICE_TOKEN = \"{s.jwt()}\";", "jwt")
    d.add(js_filler(rng, 1))
    d.add("\nmodule.exports = { notifyOps, stripe };")
    docs.append(d)

    # --- TypeScript: auth helpers
    d = Doc("src/lib/auth.ts")
    d.add("import jwt from 'jsonwebtoken';\nimport { Octokit } from '@octokit/rest';\n")
    d.plant(f"const clientSecret = \"{s.password(symbols=False, n=32)}\";", "generic")
    d.plant(f"const octokit = new Octokit({{ auth: '{s.github_fine()}' }});", "github")
    d.add(js_filler(rng, 1))
    d.plant(f"export const INTERNAL_JWT = '{s.jwt('RS256')}';", "jwt")
    d.add(js_filler(rng, 1))
    docs.append(d)

    # --- Python: Django-style settings
    d = Doc("app/settings.py")
    d.add("import os\n\nimport boto3\nfrom twilio.rest import Client\n\nDEBUG = False\nALLOWED_HOSTS = [\"reports.example.com\"]\n")
    d.plant(f"SECRET_KEY = \"{s.password(n=40)}\"", "generic")
    d.plant(f"DATABASE_URL = \"{s.db_url('postgres')}\"", "database-url")
    d.add("\ns3 = boto3.client(\n    \"s3\",\n    region_name=\"us-west-2\",")
    d.plant(f"    aws_access_key_id=\"{s.aws_key_id()}\",", "aws")
    d.plant(f"    aws_secret_access_key=\"{s.aws_secret()}\",", "aws")
    d.add(")\n")
    d.plant(f"twilio = Client(\"{s.twilio_sid()}\", \"{s.twilio_token()}\")", "twilio")
    d.plant(f"GITHUB_TOKEN = \"{s.github_classic()}\"", "github")
    d.add(py_filler(rng, 1))
    d.add("\n\nclass Mailer:\n    host = \"smtp.example.com\"\n    user = \"reports\"")
    d.plant(f"    password = \"{s.password()}\"", "generic")
    d.add(py_filler(rng, 1))
    docs.append(d)

    # --- Python: Slack notifier
    d = Doc("src/notify/slack_client.py")
    d.add("\"\"\"Posts report summaries to Slack.\"\"\"\nimport json\nimport urllib.request\n")
    d.plant(f"BOT_TOKEN = \"{s.slack_bot()}\"", "slack")
    d.add(py_filler(rng, 1))
    begin, body, end = s.pem("RSA")
    d.add("\n\n# signing key for webhook payloads")
    d.plant(f"SIGNING_KEY = \"\"\"{begin}", "private-key")
    d.add("\n".join(body) + "\n" + end + "\n\"\"\"")
    d.add("\n\ndef post(channel, text):\n    req = urllib.request.Request(\"https://slack.com/api/chat.postMessage\",\n"
          "        data=json.dumps({\"channel\": channel, \"text\": text}).encode(),\n"
          "        headers={\"Authorization\": \"Bearer \" + BOT_TOKEN, \"Content-Type\": \"application/json\"})\n"
          "    return urllib.request.urlopen(req, timeout=10)")
    d.plant(f"REPORTS_API_JWT = \"{s.jwt()}\"", "jwt")
    docs.append(d)

    # --- Go
    d = Doc("services/geo/main.go")
    d.add("package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n")
    d.plant(f"const mapsAPIKey = \"{s.google()}\"", "google")
    d.plant(f"var sendgridKey = \"{s.sendgrid()}\"", "sendgrid")
    d.add("\nfunc geocode(addr string) (*http.Response, error) {\n"
          "\treturn http.Get(fmt.Sprintf(\"https://maps.googleapis.com/maps/api/geocode/json?address=%s&key=%s\", addr, mapsAPIKey))\n}")
    d.plant(f"const twilioAPIKey = \"{s.twilio_api_key()}\"", "twilio")
    d.add("\nfunc main() {\n\thttp.ListenAndServe(\":8080\", nil)\n}")
    docs.append(d)

    # --- YAML: Helm values
    d = Doc("deploy/k8s/values.yaml")
    d.add("image:\n  repository: registry.example.com/quarterdeck\n  tag: \"2.4.1\"\n")
    d.add(yaml_filler(rng, 2))
    d.add("secrets:")
    d.plant(f"  api_secret: '{s.password(symbols=False, n=16)}'", "generic")
    d.plant(f"  slackBotToken: {s.slack_bot()}", "slack")
    d.plant(f"  redisUrl: \"{s.db_url('redis')}\"", "database-url")
    d.plant(f"  google_api_key: {s.google()}", "google")
    d.plant(f"  sendgrid_api_key: \"{s.sendgrid()}\"", "sendgrid")
    d.add("tls:")
    begin, body, end = s.pem("PKCS8")
    d.add("  tls.key: |")
    d.plant(f"    {begin}", "private-key")
    d.add("\n".join("    " + b for b in body) + "\n    " + end)
    d.add(yaml_filler(rng, 2))
    docs.append(d)

    # --- YAML: CI workflow
    d = Doc(".github/workflows/deploy.yml")
    d.add("name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:")
    d.plant(f"      AWS_ACCESS_KEY_ID: {s.aws_key_id()}", "aws")
    d.plant(f"      AWS_SECRET_ACCESS_KEY: {s.aws_secret()}", "aws")
    d.plant(f"      GH_TOKEN: {s.github_classic()}", "github")
    d.add("    steps:\n      - uses: actions/checkout@v4\n      - run: make deploy")
    docs.append(d)

    # --- JSON: service account and integrations
    d = Doc("config/service-account.json")
    begin, body, end = s.pem("PKCS8")
    d.add("{\n  \"type\": \"service_account\",\n  \"project_id\": \"quarterdeck-reports-41\",")
    d.add(f"  \"private_key_id\": \"{rs(rng, HEX, 40)}\",")
    d.plant("  \"private_key\": \"" + begin + "\\n" + "\\n".join(body) + "\\n" + end + "\\n\",", "private-key")
    d.add("  \"client_email\": \"reports@quarterdeck-reports-41.iam.gserviceaccount.com\",\n"
          f"  \"client_id\": \"{rs(rng, DIGITS, 21)}\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}}")
    docs.append(d)

    d = Doc("config/integrations.json")
    d.add("{\n  \"stripe\": {")
    d.plant(f"    \"secret_key\": \"{s.stripe('sk_test_')}\",", "stripe")
    d.add("    \"webhook_tolerance\": 300\n  },\n  \"github\": {")
    d.plant(f"    \"token\": \"{s.github_fine()}\",", "github")
    d.add("    \"org\": \"quarterdeck\"\n  },\n  \"slack\": {")
    d.plant(f"    \"webhook_url\": \"{s.slack_webhook()}\"", "slack")
    d.add("  },")
    d.plant(f"  \"twilio\": {{\"account_sid\": \"{s.twilio_sid()}\", \"auth_token\": \"{s.twilio_token()}\"}},", "twilio")
    d.plant(f"  \"mongo_uri\": \"{s.db_url('mongodb+srv')}\",", "database-url")
    d.plant(f"  \"client_secret\": \"{s.password(symbols=False, n=24)}\",", "generic")
    d.plant(f"  \"session_jwt\": \"{s.jwt()}\"", "jwt")
    d.add("}")
    docs.append(d)

    # --- env-like config that is not named .env
    d = Doc("config/production.conf")
    d.add("# production settings, loaded by systemd EnvironmentFile=\n" + ini_filler(rng, 3))
    d.plant(f"DB_PASSWORD={s.password(symbols=False, n=16)}", "generic")
    d.plant(f"AWS_ACCESS_KEY_ID={s.aws_key_id()}", "aws")
    d.plant(f"AWS_SECRET_ACCESS_KEY={s.aws_secret()}", "aws")
    d.plant(f"MYSQL_URL={s.db_url('mysql')}", "database-url")
    d.add(ini_filler(rng, 2))
    d.plant(f"SLACK_USER_TOKEN={s.slack_user()}", "slack")
    d.plant(f"TWILIO_API_KEY={s.twilio_api_key()}", "twilio")
    d.plant(f"STRIPE_SECRET_KEY={s.stripe('sk_live_')}", "stripe")
    docs.append(d)

    # --- INI and Java properties
    d = Doc("config/runtime.ini")
    d.add("[server]\nport = 8443\nworkers = 4\n\n[database]\nhost = db.internal.example.com\nuser = reports")
    d.plant(f"password = \"{s.password()}\"", "generic")
    d.add("\n[aws]\nregion = us-west-2")
    d.plant(f"aws_secret_access_key = {s.aws_secret()}", "aws")
    d.add("\n[google]")
    d.plant(f"api_key = {s.google()}", "google")
    docs.append(d)

    d = Doc("services/ledger-sync/src/main/resources/application.properties")
    d.add("server.port=8080\nspring.application.name=ledger-sync\n"
          "spring.datasource.url=jdbc:postgresql://db.internal.example.com:5432/ledger\nspring.datasource.username=ledger")
    d.plant(f"spring.datasource.password={s.password(symbols=False, n=18)}", "generic")
    d.plant(f"twilio.account={s.twilio_sid()}:{s.twilio_token()}", "twilio")
    d.plant(f"sendgrid.api-key={s.sendgrid()}", "sendgrid")
    docs.append(d)

    # --- shell
    d = Doc("scripts/deploy.sh")
    d.add("#!/usr/bin/env bash\nset -euo pipefail\n")
    d.plant(f"export GITHUB_TOKEN={s.github_classic()}", "github")
    d.plant(f"export AWS_ACCESS_KEY_ID={s.aws_key_id()}", "aws")
    d.plant(f"export AWS_SECRET_ACCESS_KEY=\"{s.aws_secret()}\"", "aws")
    d.plant(f"SENDGRID_API_KEY=\"{s.sendgrid()}\"", "sendgrid")
    d.add("\nmkdir -p ~/.ssh\ncat > ~/.ssh/deploy_key <<'EOF'")
    begin, body, end = s.pem("OPENSSH")
    d.plant(begin, "private-key")
    d.add("\n".join(body) + "\n" + end + "\nEOF\nchmod 600 ~/.ssh/deploy_key\n")
    d.plant(f"psql \"{s.db_url('postgresql')}\" -c 'select 1'", "database-url")
    d.plant(f"curl -sS -X POST -H 'Content-type: application/json' --data '{{\"text\":\"deployed\"}}' {s.slack_webhook()}",
            "slack")
    d.plant(f"curl -u \"{s.twilio_api_key()}:{s.twilio_token()}\" https://api.twilio.com/2010-04-01/Accounts.json", "twilio")
    d.plant(f"stripe_key='{s.stripe('sk_test_')}'", "stripe")
    docs.append(d)

    # --- Markdown
    d = Doc("docs/setup.md")
    d.add("# Setting up the reporting stack\n\n" + md_filler(rng, 1) + "\n\n```bash")
    d.plant(f"export STRIPE_SECRET_KEY={s.stripe('sk_live_')}", "stripe")
    d.plant(f"curl https://api.github.com/user -H \"Authorization: token {s.github_fine()}\"", "github")
    d.add("```\n\n" + md_filler(rng, 1) + "\n\n| service | key |\n| --- | --- |")
    d.plant(f"| maps | `{s.google()}` |", "google")
    d.add("\nConnect to the analytics cluster with:\n\n```")
    d.plant(f"mongosh \"{s.db_url('mongodb+srv')}\"", "database-url")
    d.add("```\n\nA request from the staging dashboard:\n\n```http\nGET /api/v1/reports HTTP/1.1\nHost: staging.example.com")
    d.plant(f"Authorization: Bearer {s.jwt()}", "jwt")
    d.add("```\n\nThe Slack bot uses:")
    d.plant(f"`{s.slack_user()}`", "slack")
    d.add("\n" + md_filler(rng, 1))
    docs.append(d)

    # --- key files
    d = Doc("deploy/keys/id_rsa")
    begin, body, end = s.pem("OPENSSH")
    d.plant(begin, "private-key")
    d.add("\n".join(body) + "\n" + end)
    docs.append(d)

    d = Doc("certs/server.key")
    begin, body, end = s.pem("RSA")
    d.plant(begin, "private-key")
    d.add("\n".join(body) + "\n" + end)
    docs.append(d)

    # --- the one .env file (quarterdeck also reports it as a file at line 0)
    d = Doc("services/billing/.env")
    d.add("NODE_ENV=production\nPORT=3000")
    d.plant(f"DB_PASSWORD={s.password(symbols=False, n=20)}", "generic")
    d.plant(f"DATABASE_URL={s.db_url('postgres')}", "database-url")
    d.plant(f"STRIPE_SECRET_KEY={s.stripe('rk_live_')}", "stripe")
    d.plant(f"REDIS_URL={s.db_url('redis')}", "database-url")
    d.plant(f"GITHUB_TOKEN={s.github_classic()}", "github")
    docs.append(d)

    docs.extend(clean_docs(rng, s))
    manifest = write_docs(out, docs)
    manifest["kind"] = "detection"
    manifest["seed"] = seed
    return manifest


def clean_docs(rng, s):
    docs = []

    def uuid():
        h = rs(rng, HEX, 32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"

    d = Doc("clean/src/ids.py")
    d.add("\"\"\"Identifiers seen in fixtures; none of them is a credential.\"\"\"\n")
    for i in range(3):
        d.decoy(f"REQUEST_ID_{i} = \"{uuid()}\"", "uuid")
    d.decoy(f"tenant_id = uuid.UUID(\"{uuid()}\")", "uuid")
    for _ in range(3):
        d.decoy(f"RELEASE_COMMIT = \"{rs(rng, HEX, 40)}\"  # git rev-parse HEAD", "git-sha")
    d.decoy(f"short_sha = \"{rs(rng, HEX, 7)}\"", "git-sha")
    for _ in range(3):
        d.decoy(f"EXPECTED_SHA256 = \"{rs(rng, HEX, 64)}\"", "sha256")
    d.decoy(f"checksum = hashlib.sha256(data).hexdigest()  # e.g. {rs(rng, HEX, 64)}", "sha256")
    d.decoy(f"etag = 'W/\"{rs(rng, HEX, 32)}\"'", "etag")
    d.decoy(f"secret_hash = \"{rs(rng, HEX, 64)}\"  # sha256 of the secret, stored instead of it", "sha256")
    docs.append(d)

    d = Doc("clean/SHA256SUMS")
    for name in ["quarterdeck-2.4.1-linux-x86_64.tar.gz", "quarterdeck-2.4.1-linux-aarch64.tar.gz",
                 "quarterdeck-2.4.1-source.tar.gz"]:
        d.decoy(f"{rs(rng, HEX, 64)}  {name}", "sha256")
    docs.append(d)

    d = Doc("clean/CHANGELOG.md")
    d.add("# Changelog\n")
    for v in range(5):
        d.decoy(f"- 2.{4 - v // 2}.{v}: {sentence(rng, 6)} ({rs(rng, HEX, 40)})", "git-sha")
    docs.append(d)

    d = Doc("clean/web/deps-lock.yaml")
    d.add("lockfileVersion: '9.0'\n\npackages:\n")
    for _ in range(6):
        name = ident(rng, 2).replace("_", "-")
        d.add(f"  {name}@{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}:\n    resolution:")
        d.decoy(f"      integrity: sha512-{base64.b64encode(rng.randbytes(64)).decode()}", "npm-integrity")
        d.add("    engines: {node: '>=18'}\n")
    docs.append(d)

    d = Doc("clean/web/deps.lock.json")
    d.add("{\n  \"name\": \"dashboard\",\n  \"lockfileVersion\": 3,\n  \"packages\": {")
    for i in range(4):
        name = ident(rng, 2).replace("_", "-")
        d.add(f"    \"node_modules/{name}\": {{\n      \"version\": \"{rng.randint(1, 9)}.{rng.randint(0, 9)}.0\",")
        d.decoy(f"      \"integrity\": \"sha512-{base64.b64encode(rng.randbytes(64)).decode()}\",", "npm-integrity")
        d.add("      \"license\": \"MIT\"\n    }" + ("," if i < 3 else ""))
    d.add("  }\n}")
    docs.append(d)

    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    d = Doc("clean/web/styles.css")
    d.add(":root {\n  --brand: #1f6feb;\n}\n")
    d.decoy(f".logo {{ background: url(data:image/png;base64,{base64.b64encode(png + rng.randbytes(420)).decode()}); }}",
            "data-uri")
    d.decoy(f".icon-ok {{ background-image: url(\"data:image/png;base64,{base64.b64encode(png + rng.randbytes(300)).decode()}\"); }}",
            "data-uri")
    for _ in range(3):
        d.decoy(f".css-{rs(rng, LOWER + DIGITS, 7)}-{ident(rng, 1, 'pascal')} {{ display: flex; gap: 8px; }}",
                "css-hash")
    d.decoy(f"._{rs(rng, ALNUM, 9)}_button {{ color: var(--brand); }}", "css-hash")
    d.decoy(f".sc-{rs(rng, ALNUM, 6)}.{rng.choice(LOWER)}{rs(rng, ALNUM, 5)} {{ margin: 0 auto; }}", "css-hash")
    docs.append(d)

    d = Doc("clean/web/index.html")
    d.add("<!doctype html>\n<html>\n<head>")
    d.decoy(f"  <script src=\"/static/js/main.{rs(rng, HEX, 20)}.js\" "
            f"integrity=\"sha384-{base64.b64encode(rng.randbytes(48)).decode()}\" crossorigin=\"anonymous\"></script>",
            "sri-hash")
    d.add("</head>\n<body>")
    d.decoy(f"  <div class=\"sc-{rs(rng, ALNUM, 6)} {rs(rng, ALNUM, 6)}\" id=\"root\"></div>", "css-hash")
    d.decoy(f"  <img alt=\"\" src=\"data:image/png;base64,{base64.b64encode(png + rng.randbytes(200)).decode()}\">",
            "data-uri")
    d.add("</body>\n</html>")
    docs.append(d)

    d = Doc("clean/web/bundle.js")
    names = [rs(rng, ALNUM, rng.randint(12, 20)) for _ in range(6)]
    d.decoy("!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof module?module.exports=t():"
            f"\"function\"==typeof define&&define.amd?define(t):(e=e||self).{names[0]}=t()}}(this,function(){{"
            f"var {names[1]}=function(n){{return n.{names[2]}}},{names[3]}={{}};return {names[4]}}});", "minified-js")
    d.decoy(f"var r={{{rng.randint(100, 999)}:\"{rs(rng, HEX, 8)}\",{rng.randint(100, 999)}:\"{rs(rng, HEX, 8)}\","
            f"{rng.randint(100, 999)}:\"{rs(rng, HEX, 8)}\"}};__webpack_require__.p+\"static/js/\"+e+\".\"+r[e]+\".chunk.js\";",
            "chunk-hashes")
    d.decoy(f"const {names[5]}=(a,b)=>a.{rs(rng, ALNUM, 16)}(b)||a.{rs(rng, ALNUM, 16)};", "minified-js")
    d.decoy(f"//# sourceMappingURL=data:application/json;base64,{base64.b64encode(rng.randbytes(150)).decode()}",
            "data-uri")
    docs.append(d)

    d = Doc("clean/src/client.js")
    d.add("const config = {")
    d.decoy("  token: process.env.TOKEN,", "placeholder")
    d.decoy("  apiKey: process.env.GOOGLE_MAPS_API_KEY,", "placeholder")
    d.decoy("  password: process.env.DB_PASSWORD || '',", "placeholder")
    d.add("};\n")
    d.decoy(f"const stripe = Stripe('pk_live_{rs(rng, ALNUM, 24)}');", "stripe-publishable")
    d.decoy(f"const stripeTest = Stripe('pk_test_{rs(rng, ALNUM, 99)}');", "stripe-publishable")
    d.decoy("const headers = { Authorization: `Bearer ${session.accessToken}` };", "placeholder")
    d.decoy("const secret = await vault.read('secret/data/stripe');", "placeholder")
    d.decoy("const passwordField = document.querySelector('input[type=password]');", "keyword-only")
    d.decoy(f"const nextCursor = 'eyJ{b64url(json.dumps({'id': rng.randint(1000, 99999)}).encode())[3:]}';",
            "jwt-like")
    docs.append(d)

    d = Doc("clean/config/defaults.py")
    d.add("import os\n")
    d.decoy("password = \"changeme\"", "placeholder")
    d.decoy("api_key = \"${API_KEY}\"", "placeholder")
    d.decoy("password = \"<your-password>\"", "placeholder")
    d.decoy("secret = \"xxxxxxxxxxxxxxxx\"", "placeholder")
    d.decoy("secret_key = \"your-secret-key-here\"", "placeholder")
    d.decoy("DB_PASSWORD = os.environ[\"DB_PASSWORD\"]", "placeholder")
    d.decoy("api_token = os.getenv(\"API_TOKEN\", \"\")", "placeholder")
    d.decoy("password = None", "placeholder")
    d.decoy("PASSWORD_MIN_LENGTH = 12", "keyword-only")
    d.decoy("new_password = form.cleaned_data[\"new_password\"]", "keyword-only")
    d.decoy("token = request.headers.get(\"Authorization\", \"\").removeprefix(\"Bearer \")", "keyword-only")
    d.decoy("key = \"AKIAIOSFODNN7EXAMPLE\"  # quarterdeck:allow", "aws-example")
    d.decoy("GITHUB_TOKEN = \"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "placeholder")
    d.decoy("STRIPE_KEY = \"sk_live_...\"  # set in the vault", "placeholder")
    docs.append(d)

    d = Doc("clean/config/settings.yaml")
    d.add("database:\n  host: localhost\n  port: 5432\n  user: app")
    d.decoy("  password: changeme", "placeholder")
    d.decoy("  url: postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app", "placeholder")
    d.decoy("  replica_url: postgres://localhost:5432/app", "no-credential")
    d.add("cache:")
    d.decoy("  url: redis://localhost:6379/0", "no-credential")
    d.add("integrations:")
    d.decoy("  api_key: \"${API_KEY}\"", "placeholder")
    d.decoy("  secret: xxxxxxxxxxxxxxxx", "placeholder")
    d.decoy("  slack_token: xoxb-your-bot-token-here", "placeholder")
    d.decoy("  sendgrid_api_key: SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder")
    d.decoy("  api_key: {{ .Values.apiKey }}", "placeholder")
    d.decoy("  password: \"{{ env \\\"DB_PASSWORD\\\" }}\"", "placeholder")
    d.decoy("  password: '********'", "placeholder")
    docs.append(d)

    d = Doc("clean/.env.example")
    d.add("# copy to .env and fill in")
    d.decoy("DB_PASSWORD=", "placeholder")
    d.decoy("DATABASE_URL=postgres://user:password@localhost:5432/app", "placeholder")
    d.decoy("STRIPE_SECRET_KEY=sk_test_your_key_here", "placeholder")
    d.decoy("SENDGRID_API_KEY=your-sendgrid-api-key", "placeholder")
    docs.append(d)

    d = Doc("clean/i18n/en.json")
    d.add("{")
    for key, text in [("auth.resetPassword.tokenExpired", "Your reset link has expired. Request a new one."),
                      ("settings.security.apiKeyDescription", "API keys let scripts read your reports."),
                      ("checkout.paymentForm.secretCodeHint", "Enter the 3-digit code on the back of your card."),
                      ("auth.login.passwordPlaceholder", "Password"),
                      ("errors.invalidCredentials", "The e-mail or password is wrong.")]:
        d.decoy(f"  \"{key}\": \"{text}\",", "i18n-key")
    for _ in range(3):
        d.decoy(f"  \"{rs(rng, ALNUM, 12)}\": \"{sentence(rng, 6)}\",", "i18n-hash-key")
    d.add("  \"app.title\": \"Quarterdeck\"\n}")
    docs.append(d)

    d = Doc("clean/docs/api.md")
    d.add("# API\n\n" + md_filler(rng, 1) + "\n\nSend the token in the header:\n\n```")
    d.decoy("Authorization: Bearer <token>", "placeholder")
    d.add("```\n\nA token has three parts; the first two decode to JSON:")
    header = b64url(b'{"alg":"HS256","typ":"JWT"}')
    d.decoy(f"`{header}` is the header.", "jwt-like")
    d.decoy(f"`{header}.{b64url(json.dumps({'sub': 'demo'}).encode())}` is header and payload, without the signature.",
            "jwt-like")
    d.decoy(f"Pagination cursors look like `eyJ{b64url(json.dumps({'page': 3, 'size': 50}).encode())[3:]}`.", "jwt-like")
    d.add("\nKeys are never shown in full; the console shows")
    d.decoy("`sk_live_••••••••••••3f9a` or `ghp_****************************Xk2p`.", "redacted")
    d.add("\nThe AWS documentation uses this example key:\n\n```bash")
    d.decoy("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE  # quarterdeck:allow", "aws-example")
    d.add("```\n\nA private key file starts like this:\n\n```")
    d.decoy("-----BEGIN RSA PRIVATE KEY-----", "pem-placeholder")
    d.add("...\n-----END RSA PRIVATE KEY-----\n```\n\nThe public key to verify tokens:\n\n```")
    data = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100") + rng.randbytes(257)
    text = base64.b64encode(data).decode()
    d.decoy("-----BEGIN PUBLIC KEY-----", "public-key")
    d.add("\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n-----END PUBLIC KEY-----\n```")
    docs.append(d)

    d = Doc("clean/certs/ca.pem")
    data = bytes.fromhex("308203") + rng.randbytes(780)
    text = base64.b64encode(data).decode()
    d.decoy("-----BEGIN CERTIFICATE-----", "certificate")
    d.add("\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n-----END CERTIFICATE-----")
    docs.append(d)

    d = Doc("clean/ssh/authorized_keys")
    for who in ["deploy@ci", "ops@bastion"]:
        blob = base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32)).decode()
        d.decoy(f"ssh-ed25519 {blob} {who}", "public-key")
    docs.append(d)

    d = Doc("clean/logs/app.log")
    for i in range(8):
        d.decoy(f"2026-11-{10 + i:02d}T08:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z INFO request_id={uuid()} "
                f"trace={rs(rng, HEX, 32)} user={rng.randint(1000, 9999)} status=200 duration_ms={rng.randint(3, 900)}",
                "log-ids")
    d.decoy("2026-11-18T09:12:44Z WARN login failed for user=4411 reason=bad_password", "keyword-only")
    docs.append(d)
    return docs


# ---------------------------------------------------------------- throughput

DIR_NAMES = ["src", "lib", "services", "api", "internal", "pkg", "docs", "data", "logs", "reports", "web", "app",
             "core", "handlers", "models", "jobs", "tools", "config", "fixtures", "exports", "ledger", "billing",
             "charters", "harbor", "audit", "delivery", "ui", "components", "utils", "migrations"]
FILE_KINDS = [("py", 18), ("js", 14), ("ts", 10), ("go", 8), ("java", 6), ("json", 12), ("yaml", 6), ("md", 10),
              ("csv", 8), ("log", 8)]


def line_pool(rng, kind, n=3000):
    pool = []
    for _ in range(n):
        a, b, c = ident(rng), ident(rng, 2, "camel"), ident(rng, 1)
        num = rng.randint(0, 100000)
        if kind == "py":
            pool.append(rng.choice([
                f"    {a} = {c}.get(\"{ident(rng, 1)}\", {num})",
                f"def {a}(self, {c}, limit={num % 500}):",
                f"        return [x for x in self.{c}s if x.{ident(rng, 1)} > {num}]",
                f"    # {sentence(rng)}",
                f"    log.info(\"{sentence(rng, 5)} %s\", {c})",
                f"from .{c} import {ident(rng, 2, 'pascal')}",
                f"class {ident(rng, 2, 'pascal')}({ident(rng, 1, 'pascal')}):",
                f"        if {a} is None:\n            raise ValueError(\"{c} missing\")",
                ""]))
        elif kind in ("js", "ts"):
            typ = ": number" if kind == "ts" else ""
            pool.append(rng.choice([
                f"  const {b}{typ} = {c}.{ident(rng, 1)} ?? {num};",
                f"export function {b}({c}{': string' if kind == 'ts' else ''}) {{",
                f"  return items.filter((x) => x.{ident(rng, 1)} > {num}).map((x) => x.{c});",
                f"  // {sentence(rng)}",
                f"  logger.debug(`{sentence(rng, 4)} ${{{c}}}`);",
                f"import {{ {b} }} from './{c}';",
                "}",
                f"  if (!{b}) throw new Error('{c} missing');",
                ""]))
        elif kind == "go":
            pool.append(rng.choice([
                f"\t{b} := {c}.{ident(rng, 1, 'pascal')}({num})",
                f"func ({c[0]} *{ident(rng, 1, 'pascal')}) {ident(rng, 2, 'pascal')}(ctx context.Context) error {{",
                f"\tif err != nil {{\n\t\treturn fmt.Errorf(\"{ident(rng, 1)}: %w\", err)\n\t}}",
                f"\t// {sentence(rng)}",
                "}", ""]))
        elif kind == "java":
            pool.append(rng.choice([
                f"    private final {ident(rng, 1, 'pascal')} {b} = new {ident(rng, 1, 'pascal')}({num});",
                f"    public {ident(rng, 1, 'pascal')} {b}(String {c}) {{",
                f"        return repository.findBy{ident(rng, 1, 'pascal')}({c}).orElseThrow();",
                f"    // {sentence(rng)}",
                "    }", ""]))
        elif kind == "md":
            pool.append(rng.choice([
                f"{sentence(rng, 14)} {sentence(rng, 9)}",
                f"## {sentence(rng, 3)[:-1]}",
                f"- {sentence(rng, 7)}",
                f"| {c} | {num} | {ident(rng, 1)} |",
                f"See [{c}](./{c}.md) and `{b}()`.",
                ""]))
        elif kind == "yaml":
            pool.append(rng.choice([
                f"  {a}: {num}",
                f"  {b}: {rng.choice(['true', 'false', c])}",
                f"{a}:",
                f"    - name: {c}\n      replicas: {num % 7}",
                f"  # {sentence(rng)}"]))
        elif kind == "log":
            pool.append(rng.choice([
                f"INFO  [{c}] {sentence(rng, 6)} request_id={rs(rng, HEX, 8)}-{rs(rng, HEX, 4)}-4{rs(rng, HEX, 3)}-"
                f"a{rs(rng, HEX, 3)}-{rs(rng, HEX, 12)} duration_ms={num % 3000}",
                f"DEBUG [{c}] cache {rng.choice(['hit', 'miss'])} key={ident(rng, 2)}:{num} etag={rs(rng, HEX, 32)}",
                f"WARN  [{c}] retry {num % 5}/5 after {rng.randint(1, 30)}s: {sentence(rng, 4)}",
                f"INFO  [deploy] commit={rs(rng, HEX, 40)} image=sha256:{rs(rng, HEX, 64)}",
                f"ERROR [{c}] {sentence(rng, 5)} code={num}"]))
    return pool


def json_record(rng):
    return ("  {\n" + f"    \"id\": {rng.randint(1, 10 ** 7)},\n    \"{ident(rng, 1)}\": \"{ident(rng, 2)}\",\n"
            f"    \"amount\": {rng.randint(0, 10 ** 6) / 100},\n    \"currency\": \"{rng.choice(['USD', 'EUR', 'GBP'])}\",\n"
            f"    \"note\": \"{sentence(rng, 6)}\",\n    \"checksum\": \"{rs(rng, HEX, 40)}\"\n  }}")


def csv_row(rng):
    return (f"{rng.randint(1, 10 ** 7)},{ident(rng, 1)},2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
            f"{rng.randint(0, 10 ** 6) / 100},{rng.choice(['USD', 'EUR'])},\"{sentence(rng, 5)}\"")


def planted_line(s, kind, family):
    """A line of the given file kind holding one secret of the family."""
    value = {
        "aws": lambda: s.aws_secret(),
        "stripe": lambda: s.stripe(),
        "github": lambda: s.rng.choice([s.github_classic, s.github_fine])(),
        "slack": lambda: s.rng.choice([s.slack_bot, s.slack_user, s.slack_webhook])(),
        "google": s.google,
        "twilio": s.twilio_api_key,
        "sendgrid": s.sendgrid,
        "jwt": s.jwt,
        "database-url": s.db_url,
        "generic": lambda: s.password(symbols=False, n=20),
    }[family]()
    name = {"aws": "aws_secret_access_key", "stripe": "stripe_secret_key", "github": "github_token",
            "slack": "slack_token", "google": "google_api_key", "twilio": "twilio_api_key",
            "sendgrid": "sendgrid_api_key", "jwt": "service_jwt", "database-url": "database_url",
            "generic": "db_password"}[family]
    if kind == "py":
        return f"    {name} = \"{value}\""
    if kind in ("js", "ts"):
        return f"  const {name} = '{value}';"
    if kind == "go":
        return f"\t{name} := \"{value}\""
    if kind == "java":
        return f"    private static final String {name.upper()} = \"{value}\";"
    if kind == "yaml":
        return f"  {name}: {value}"
    if kind == "json":
        return f"    \"{name}\": \"{value}\","
    if kind == "md":
        return f"    export {name.upper()}={value}"
    if kind == "csv":
        return f"{s.rng.randint(1, 10 ** 7)},{name},2026-01-01,0,USD,\"{value}\""
    return f"INFO  [config] loaded {name}={value}"


def file_size(rng):
    r = rng.random()
    if r < 0.78:
        return rng.randint(1024, 16 * 1024)
    if r < 0.98:
        return rng.randint(16 * 1024, 192 * 1024)
    return rng.randint(256 * 1024, 1000 * 1024)


def throughput(out, size_mb, secrets, seed):
    rng = random.Random(seed)
    s = Secrets(random.Random(seed + 1))
    kinds = [k for k, w in FILE_KINDS for _ in range(w)]
    pools = {k: line_pool(rng, k) for k in ["py", "js", "ts", "go", "java", "md", "yaml", "log"]}
    target = size_mb * 1024 * 1024
    plan = []
    total = 0
    while total < target:
        size = min(file_size(rng), max(1024, target - total))
        depth = rng.randint(1, 5)
        parts = [f"{rng.choice(DIR_NAMES)}{rng.randint(1, 9) if rng.random() < 0.4 else ''}" for _ in range(depth)]
        kind = rng.choice(kinds)
        plan.append((os.path.join(*parts, f"{ident(rng, 2)}_{len(plan)}.{kind}"), kind, size))
        total += size
    families = ["aws", "stripe", "github", "slack", "google", "twilio", "sendgrid", "jwt", "database-url", "generic",
                "private-key"]
    chosen = sorted(rng.sample(range(len(plan)), min(secrets, len(plan))))
    plants = {index: families[n % len(families)] for n, index in enumerate(chosen)}
    manifest = {"kind": "throughput", "seed": seed, "size_mb": size_mb, "files": len(plan), "bytes": 0, "planted": []}
    for index, (path, kind, size) in enumerate(plan):
        lines = []
        length = 0
        if kind == "json":
            lines.append("[")
            while length < size:
                rec = json_record(rng)
                lines.append(rec + ",")
                length += len(rec) + 2
            lines[-1] = lines[-1][:-1]
            lines.append("]")
        elif kind == "csv":
            lines.append("id,account,date,amount,currency,memo")
            while length < size:
                row = csv_row(rng)
                lines.append(row)
                length += len(row) + 1
        else:
            pool = pools[kind]
            while length < size:
                chunk = rng.choices(pool, k=max(4, min(64, (size - length) // 48)))
                lines.extend(chunk)
                length += sum(len(x) + 1 for x in chunk)
        text = "\n".join(lines).split("\n")
        if index in plants:
            family = plants[index]
            at = rng.randint(2, max(2, len(text) - 2))
            if family == "private-key":
                begin, body, end = s.pem(rng.choice(["RSA", "OPENSSH", "PKCS8"]))
                if kind in ("py",):
                    block = [f"KEY = \"\"\"{begin}"] + body + [end + "\"\"\""]
                elif kind in ("js", "ts"):
                    block = [f"const KEY = `{begin}"] + body + [end + "`;"]
                elif kind == "json":
                    block = ["    \"private_key\": \"" + begin + "\\n" + "\\n".join(body) + "\\n" + end + "\\n\","]
                else:
                    block = [begin] + body + [end]
                text[at - 1:at - 1] = block
            else:
                text.insert(at - 1, planted_line(s, kind, family))
            manifest["planted"].append({"path": path, "line": at, "family": family})
        data = ("\n".join(text) + "\n").encode("utf-8")
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        manifest["bytes"] += len(data)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["detection", "throughput"])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--secrets", type=int, default=50)
    args = ap.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    tree = os.path.join(args.out, "corpus")
    os.makedirs(tree)
    if args.mode == "detection":
        manifest = detection(tree, args.seed)
    else:
        manifest = throughput(tree, args.size_mb, args.secrets, args.seed)
    # Written last: run.py takes a corpus with a manifest as complete.
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"gen_corpus: {args.mode} corpus in {tree}: {len(manifest['planted'])} planted"
          + (f", {len(manifest['decoys'])} decoys" if "decoys" in manifest else f", {manifest['bytes']:,} bytes"),
          file=sys.stderr)


if __name__ == "__main__":
    main()
