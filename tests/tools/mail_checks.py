"""Checks of a report e-mail shared by the delivery tests (check_outbox.py,
tests/delivery/html_email_test.py, tests/delivery/ses_test.sh).

- expected_attachments: the files a report's message carries, from its
  definition's `formats` in portfolio.toml (pdf, markdown and json are
  attached; text and HTML are the body).
- html_part_problems: the HTML part is quoted-printable, under
  HTML_LIMIT bytes as encoded on the wire, and every `cid:` it refers to is
  an inline part of the same multipart/related, and every inline part is
  referred to.
"""
import re
import tomllib
from pathlib import Path

# Gmail clips a message body past ~102 KB; every HTML part stays under this.
HTML_LIMIT = 100 * 1024
ATTACHED = {"pdf": "pdf", "markdown": "md", "json": "json"}  # format -> extension


def formats_by_report(portfolio):
    """{report id: formats} of a portfolio folder; a report without
    `formats` gets text and HTML (the loader's default)."""
    config = tomllib.loads((Path(portfolio) / "portfolio.toml").read_text(encoding="utf-8"))
    return {r["id"]: r.get("formats", ["text", "html"]) for r in config["reports"]}


def logo_of(portfolio):
    """The path of the portfolio's `[branding] logo`, or None."""
    config = tomllib.loads((Path(portfolio) / "portfolio.toml").read_text(encoding="utf-8"))
    logo = config.get("branding", {}).get("logo")
    return Path(portfolio) / logo if logo else None


def expected_attachments(formats, report_id):
    return sorted(f"{report_id}.{ATTACHED[f]}" for f in formats if f in ATTACHED)


def cids_in(html):
    return re.findall(r"""cid:([^"'\s)>]+)""", html)


def html_part(msg):
    return msg.get_body(preferencelist=("html",))


def related_images(msg):
    """{Content-ID without brackets: part} of the inline parts next to the HTML."""
    images = {}
    for part in msg.walk():
        if part.get_content_type() != "multipart/related":
            continue
        for child in part.iter_parts():
            cid = child.get("Content-ID")
            if cid is not None and child.get_content_type() != "text/html":
                images[cid.strip().strip("<>")] = child
    return images


def html_part_problems(msg):
    """(problems in words, the HTML part's encoded size in bytes)."""
    problems = []
    html = html_part(msg)
    if html is None:
        return ["no text/html part"], 0
    text = msg.get_body(preferencelist=("plain",))
    for name, part in (("text/html", html), ("text/plain", text)):
        if part is not None and part.get("Content-Transfer-Encoding", "").lower() != "quoted-printable":
            problems.append(f"{name} is {part.get('Content-Transfer-Encoding')}, not quoted-printable")
    encoded = html.get_payload(decode=False)
    size = len(encoded.encode("ascii", "replace"))
    if size >= HTML_LIMIT:
        problems.append(f"HTML part is {size} bytes on the wire, over {HTML_LIMIT}")
    images = related_images(msg)
    referenced = set(cids_in(html.get_content()))
    for cid in sorted(referenced - set(images)):
        problems.append(f"cid:{cid} is not a part of the message")
    for cid in sorted(set(images) - referenced):
        problems.append(f"inline part {cid} is not referred to")
    for cid, part in images.items():
        if not part.get_content_type().startswith("image/") or not part.get_payload(decode=True):
            problems.append(f"inline part {cid} is not an image: {part.get_content_type()}")
    for part in msg.walk():
        if part.defects:
            problems.append(f"parser defects in {part.get_content_type()}: {part.defects}")
    return problems, size
