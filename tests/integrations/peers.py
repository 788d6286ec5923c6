"""Loopback HTTP peers for the integrations tests, run in the test process:
a GitHub Issues server and Slack and Teams incoming webhooks, each checking
every request against the shapes their documentation gives and keeping what
arrived. A request that does not fit is answered as the real service would
(401, 404, 422, 400) and recorded in `problems`.

@octokit/fixtures-server was considered for GitHub: its fixtures are recorded
scenarios with fixed repositories and request bodies (octokit-fixture-org,
lock-issue, ...), with no scenario that creates, edits and closes an issue of
an arbitrary repository, so the server below checks the documented shapes of
https://docs.github.com/en/rest/issues/issues instead.
"""
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Peer:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (method, path, headers dict (lower-case names), json body or None)
        self.problems = []
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                body = None
                if raw:
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        body = ValueError(raw)
                with peer.lock:
                    peer.requests.append((self.command, self.path, headers, body))
                    status, answer, extra = peer.answer(self.command, self.path, headers, body)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def problem(self, text):
        self.problems.append(text)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


ISSUE_CREATE_KEYS = {"title", "body", "assignee", "milestone", "labels", "assignees", "type"}
ISSUE_UPDATE_KEYS = ISSUE_CREATE_KEYS | {"state", "state_reason"}


class GitHub(Peer):
    """GitHub's REST API for issues: POST /repos/{owner}/{repo}/issues,
    PATCH and GET /repos/{owner}/{repo}/issues/{number}."""

    def __init__(self, repository, token):
        self.repository, self.token = repository, token
        self.issues = {}
        super().__init__()

    def issue_json(self, n):
        i = self.issues[n]
        return {"number": n, "html_url": f"https://github.example.com/{self.repository}/issues/{n}",
                "title": i["title"], "body": i["body"], "state": i["state"], "state_reason": i["state_reason"],
                "labels": [{"name": l} for l in i["labels"]]}

    def close_on_github(self, n):
        with self.lock:
            self.issues[n]["state"] = "closed"
            self.issues[n]["state_reason"] = "completed"

    def answer(self, method, path, headers, body):
        if headers.get("authorization") != f"Bearer {self.token}":
            self.problem(f"{method} {path}: Authorization is not the token")
            return 401, {"message": "Bad credentials"}, {}
        if headers.get("accept") != "application/vnd.github+json":
            self.problem(f"{method} {path}: Accept is {headers.get('accept')!r}")
        if headers.get("x-github-api-version") != "2022-11-28":
            self.problem(f"{method} {path}: X-GitHub-Api-Version is {headers.get('x-github-api-version')!r}")
        base = f"/repos/{self.repository}/issues"
        m = re.fullmatch(re.escape(base) + r"(?:/(\d+))?", path)
        if not m:
            self.problem(f"{method} {path}: no such endpoint")
            return 404, {"message": "Not Found"}, {}
        number = int(m.group(1)) if m.group(1) else None
        if method in ("POST", "PATCH"):
            if headers.get("content-type", "").split(";")[0] != "application/json":
                self.problem(f"{method} {path}: Content-Type is {headers.get('content-type')!r}")
            if not isinstance(body, dict):
                self.problem(f"{method} {path}: the body is not a JSON object")
                return 400, {"message": "Problems parsing JSON"}, {}
        if method == "POST" and number is None:
            wrong = self.check_fields(body, ISSUE_CREATE_KEYS, required=("title",))
            if wrong:
                self.problem(f"POST {path}: {wrong}")
                return 422, {"message": "Validation Failed", "errors": [wrong]}, {}
            n = len(self.issues) + 1
            self.issues[n] = {"title": body["title"], "body": body.get("body"), "state": "open",
                              "state_reason": None, "labels": list(body.get("labels", []))}
            return 201, self.issue_json(n), {}
        if number is None or number not in self.issues:
            return 404, {"message": "Not Found"}, {}
        if method == "GET":
            return 200, self.issue_json(number), {}
        if method == "PATCH":
            wrong = self.check_fields(body, ISSUE_UPDATE_KEYS, required=())
            if not wrong and body.get("state", "open") not in ("open", "closed"):
                wrong = f"state {body['state']!r}"
            if not wrong and body.get("state_reason") not in (None, "completed", "not_planned", "reopened"):
                wrong = f"state_reason {body['state_reason']!r}"
            if wrong:
                self.problem(f"PATCH {path}: {wrong}")
                return 422, {"message": "Validation Failed", "errors": [wrong]}, {}
            issue = self.issues[number]
            for k in ("title", "body", "state", "state_reason", "labels"):
                if k in body:
                    issue[k] = body[k]
            return 200, self.issue_json(number), {}
        self.problem(f"{method} {path}: method not allowed")
        return 404, {"message": "Not Found"}, {}

    @staticmethod
    def check_fields(body, allowed, required):
        unknown = sorted(set(body) - allowed)
        if unknown:
            return f"unknown fields {unknown}"
        for k in required:
            if not isinstance(body.get(k), str) or not body[k]:
                return f"{k} missing"
        for k in ("title", "body"):
            if k in body and not isinstance(body[k], str):
                return f"{k} is not a string"
        if "labels" in body and not (isinstance(body["labels"], list) and all(isinstance(l, str) for l in body["labels"])):
            return "labels is not an array of strings"
        return ""


class Slack(Peer):
    """A Slack incoming webhook: POST a JSON object with `text` and optional
    `blocks` (header: plain_text up to 150 characters; section: mrkdwn up to
    3,000; context: mrkdwn elements); answers 200 "ok"."""

    def __init__(self, path):
        self.path, self.posts = path, []
        super().__init__()

    def answer(self, method, path, headers, body):
        if method != "POST" or path != self.path:
            self.problem(f"{method} {path}: not the webhook's path")
            return 404, b"no_service", {}
        if headers.get("content-type", "").split(";")[0] != "application/json" or not isinstance(body, dict):
            self.problem("not a JSON object")
            return 400, b"invalid_payload", {}
        wrong = self.check(body)
        if wrong:
            self.problem(wrong)
            return 400, b"invalid_blocks", {}
        self.posts.append(body)
        return 200, b"ok", {}

    @staticmethod
    def check(body):
        if not isinstance(body.get("text"), str) or not body["text"]:
            return "text missing"
        for b in body.get("blocks", []):
            kind = b.get("type")
            if kind == "header":
                if b["text"].get("type") != "plain_text" or len(b["text"]["text"]) > 150:
                    return f"bad header {b}"
            elif kind == "section":
                if b["text"].get("type") != "mrkdwn" or len(b["text"]["text"]) > 3000:
                    return f"bad section {b}"
            elif kind == "context":
                if not b.get("elements") or any(e.get("type") != "mrkdwn" for e in b["elements"]):
                    return f"bad context {b}"
            else:
                return f"unexpected block {kind}"
            if set(b) - {"type", "text", "elements", "block_id"}:
                return f"unknown keys in {b}"
        for text in Slack.texts(body):
            # & < > escaped: only entities or Slack's own <...> controls may appear.
            if re.search(r"&(?!amp;|lt;|gt;)|[<>]", text):
                return f"unescaped text {text!r}"
        return ""

    @staticmethod
    def texts(body):
        out = [body["text"]]
        for b in body.get("blocks", []):
            if b["type"] == "section":
                out.append(b["text"]["text"])
            if b["type"] == "context":
                out += [e["text"] for e in b["elements"]]
        return out


class Teams(Peer):
    """A Teams incoming webhook (Workflows): POST a message whose attachment
    is an Adaptive Card; answers 202."""

    def __init__(self, path):
        self.path, self.posts = path, []
        super().__init__()

    def answer(self, method, path, headers, body):
        if method != "POST" or path != self.path:
            self.problem(f"{method} {path}: not the webhook's path")
            return 404, b"", {}
        wrong = self.check(body)
        if wrong:
            self.problem(wrong)
            return 400, {"error": {"code": "InvalidRequestContent", "message": wrong}}, {}
        self.posts.append(body)
        return 202, b"", {}

    @staticmethod
    def check(body):
        if not isinstance(body, dict) or body.get("type") != "message":
            return "not a message"
        atts = body.get("attachments")
        if not isinstance(atts, list) or len(atts) != 1:
            return "attachments is not one card"
        a = atts[0]
        if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
            return f"contentType {a.get('contentType')!r}"
        card = a.get("content", {})
        if card.get("type") != "AdaptiveCard" or not re.fullmatch(r"1\.[0-6]", str(card.get("version"))):
            return "not an Adaptive Card of version 1.0-1.6"
        for element in card.get("body", []):
            if element.get("type") != "RichTextBlock":
                return f"unexpected element {element.get('type')}"
            for run in element.get("inlines", []):
                if run.get("type") != "TextRun" or not isinstance(run.get("text"), str):
                    return f"bad inline {run}"
        return ""

    @staticmethod
    def lines(post):
        card = post["attachments"][0]["content"]
        return ["".join(r["text"] for r in e["inlines"]) for e in card["body"]]
