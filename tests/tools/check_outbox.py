#!/usr/bin/python3
"""Checks an outbox Maildir against the audit log, with Python's own mail parser.

check_outbox.py MAILDIR AUDIT_JSON EXPECTED_COUNT PORTFOLIO

Every message must parse as RFC 5322 / MIME, carry From, To, Subject, Date
and a Message-ID, have a multipart/alternative body with text/plain and
text/html parts (quoted-printable, the HTML under 100 KB on the wire, every
`cid:` it refers to an inline part of the message), never a Bcc header,
carry exactly the attachments its report's `formats` in PORTFOLIO's
portfolio.toml ask for (pdf, markdown, json; none by default), and match
exactly one `sent` delivery of the audit log (same Message-ID, same To and
Cc). Prints what it checked; exits 1 on the first mismatch.
"""
import email
import email.policy
import json
import os
import re
import sys

from mail_checks import expected_attachments, formats_by_report, html_part_problems


def fail(message):
    print(f"check_outbox: {message}")
    sys.exit(1)


def addresses(header_value):
    if header_value is None:
        return []
    return sorted(a.addr_spec for a in header_value.addresses)


def main():
    maildir, audit_path, expected, portfolio = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    formats = formats_by_report(portfolio)
    with open(audit_path, encoding="utf-8") as f:
        audit = json.load(f)
    sent = {d["message_id"]: d for d in audit if d["status"] == "sent"}
    files = sorted(os.listdir(os.path.join(maildir, "new")))
    if len(files) != expected:
        fail(f"expected {expected} messages in {maildir}/new, found {len(files)}")
    if os.listdir(os.path.join(maildir, "tmp")):
        fail("tmp/ is not empty: a message was left half written")
    seen = set()
    for name in files:
        with open(os.path.join(maildir, "new", name), "rb") as f:
            raw = f.read()
        if any(len(line) > 998 for line in raw.split(b"\r\n")):
            fail(f"{name}: a line is longer than 998 octets")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        for header in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
            if msg[header] is None:
                fail(f"{name}: no {header} header")
        if msg["Bcc"] is not None:
            fail(f"{name}: has a Bcc header; Bcc belongs in the envelope only")
        if msg.defects:
            fail(f"{name}: parser defects {msg.defects}")
        body = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        if body is None or html is None:
            fail(f"{name}: needs text/plain and text/html parts")
        if not any(p.get_content_type() == "multipart/alternative" for p in msg.walk()):
            fail(f"{name}: no multipart/alternative part")
        # Every report has a summary; a report lists its findings under
        # FINDINGS, or (a budget of none in full, the CEO brief) says how
        # many there are and where.
        text = body.get_content()
        if "SUMMARY" not in text or ("FINDINGS" not in text and not re.search(r"\d+ findings? (are|is) ", text)
                                     and " findings: " not in text):
            fail(f"{name}: the text part has no SUMMARY and FINDINGS sections")
        # Mail from a program says so (RFC 3834) and names its list (RFC 2919).
        if msg["Auto-Submitted"] != "auto-generated":
            fail(f"{name}: Auto-Submitted is {msg['Auto-Submitted']!r}, not auto-generated")
        if not re.fullmatch(r'"[^"]+" <[a-z0-9-]+\.quarterdeck\.[a-z0-9.-]+>', str(msg["List-Id"] or "")):
            fail(f"{name}: List-Id {msg['List-Id']!r} is not a quoted phrase and a list id")
        problems, html_size = html_part_problems(msg)
        if problems:
            fail(f"{name}: {'; '.join(problems)}")
        attachments = sorted(p.get_filename() for p in msg.iter_attachments() if p.get_filename())
        message_id = msg["Message-ID"].strip()
        delivery = sent.get(message_id)
        if delivery is None:
            fail(f"{name}: Message-ID {message_id} is not a sent delivery in the audit log")
        wanted = expected_attachments(formats[delivery["report_id"]], delivery["report_id"])
        if attachments != wanted:
            fail(f"{name}: expected attachments {wanted}, found {attachments}")
        for field in ("to", "cc"):
            header = msg["To"] if field == "to" else msg["Cc"]
            if addresses(header) != sorted(delivery[field]):
                fail(f"{name}: {field} {addresses(header)} != audit {delivery[field]}")
        if delivery["provider_message_id"] != name:
            fail(f"{name}: audit provider_message_id is {delivery['provider_message_id']}")
        seen.add(message_id)
        print(f"ok {delivery['report_id']}: {msg['Subject']} -> {', '.join(delivery['to'])}; "
              f"HTML {html_size} bytes on the wire, attachments {attachments}")
    if seen != set(sent):
        fail(f"audit lists sent messages not in the outbox: {sorted(set(sent) - seen)}")


if __name__ == "__main__":
    main()
