"""Hostile input at the edge (issue 11, sections 3 and 6): what every reader
checks before it parses (docs/config.md "Input limits").

- a handoff note nested a million levels deep is read without recursion;
- a byte that is not UTF-8 is an error at its file, line and column, in every
  kind of file, and never reaches the JSON writer;
- dates lie in 1900-01-01..2999-12-31 wherever they are read;
- only regular files of at most 1 GiB are read;
- a byte-order mark at the start of a file is skipped;
- a `.pem` of certificates only is not a private-key finding, a key still is.
"""
import json
import os
import subprocess

from hostile import AS_OF, EXIT_INVALID, EXIT_OK, Case, main, run

LATIN1 = b"Ren\xe9e"  # "Renee" with e-acute in Latin-1: the byte 0xE9 is not UTF-8
NOT_UTF8 = "not UTF-8: expected UTF-8 text (save the file as UTF-8), found byte 0xE9"
DATE_RANGE = "a date from 1900-01-01 to 2999-12-31 (YYYY-MM-DD)"
BOM = b"\xef\xbb\xbf"


def edit(path, old, new, count=1):
    """Replaces `old` by `new` (bytes) in the file at `path`, `count` times."""
    data = path.read_bytes()
    assert data.count(old) >= count, f"{old!r} not in {path}"
    path.write_bytes(data.replace(old, new, count))


def line_of(path, needle):
    """1-based number of the first line of `path` holding `needle` (bytes)."""
    for number, line in enumerate(path.read_bytes().split(b"\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


class Inputs(Case):
    def validate(self, pf, *extra):
        return run("validate", pf, "--as-of", AS_OF, *extra)

    def generate(self, pf, out, *extra):
        return run("generate", pf, "--as-of", AS_OF, "--out", out, "--format", "json", *extra)

    def assertRefused(self, pf, message, generate=False):
        """validate (and with `generate`, generate too, which once stopped with
        exit 70) stops with exit 2 and `message` on stderr."""
        result = self.validate(pf)
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, message)
        if not generate:
            return
        result = self.generate(pf, self.tmp / "out")
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, message)
        self.assertFalse((self.tmp / "out").exists() and any((self.tmp / "out").iterdir()))


class DeepMarkdown(Inputs):
    def test_a_million_stars_around_a_word(self):
        # cmark nests emphasis half a million levels deep; the note reader
        # walks that tree without recursion and keeps the item.
        pf = self.portfolio()
        stars = "*" * 1_000_000
        (pf / "notes" / "deep.md").write_text(
            f"entity: jada\n\n# {stars}Deep{stars}\n\n- [ ] {stars}Call the surveyor{stars} @cto due: 2026-11-20\n")
        result = self.generate(pf, self.tmp / "out")
        self.assertExit(result, EXIT_OK)
        cto = (self.tmp / "out" / "cto.json").read_text()
        self.assertIn("Call the surveyor", cto)
        self.assertNotIn("*****", cto)

    def test_deep_nesting_of_every_kind(self):
        # Block quotes, lists, links and code spans a hundred thousand deep.
        pf = self.portfolio()
        depth = 100_000
        (pf / "notes" / "deep.md").write_text(
            "entity: jada\n\n" + "> " * depth + "quoted\n\n" + "- " * depth + "[ ] listed\n\n" +
            "[" * depth + "link" + "](x)" * depth + "\n\n" + "`" * depth + "code" + "`" * depth + "\n\n" +
            "_" * depth + "under" + "_" * depth + "\n")
        result = self.validate(pf)
        self.assertExit(result, EXIT_OK)


class NotUtf8(Inputs):
    def test_bookings_csv(self):
        pf = self.portfolio()
        path = pf / "data" / "bookings.csv"
        line = line_of(path, b"Fallon Thistlewood")
        edit(path, b"Fallon Thistlewood", LATIN1)
        # jada,J-1001, is 12 characters; "Ren" takes 13 to 15.
        self.assertRefused(pf, f"data/bookings.csv:{line}:16: {NOT_UTF8}", generate=True)

    def test_channels_csv(self):
        pf = self.portfolio()
        edit(pf / "data" / "channels.csv", b"jada,website,", b"jada," + LATIN1 + b",")
        line = line_of(pf / "data" / "channels.csv", LATIN1)
        self.assertRefused(pf, f"data/channels.csv:{line}:9: {NOT_UTF8}", generate=True)

    def test_cloud_costs_csv(self):
        pf = self.portfolio()
        edit(pf / "data" / "cloud_costs.csv", b"i-0a1b2c3d4e5f60001 api", LATIN1)
        line = line_of(pf / "data" / "cloud_costs.csv", LATIN1)
        column = pf.joinpath("data", "cloud_costs.csv").read_bytes().split(b"\n")[line - 1].index(LATIN1) + 4
        self.assertRefused(pf, f"data/cloud_costs.csv:{line}:{column}: {NOT_UTF8}", generate=True)

    def test_invoices_csv(self):
        pf = self.portfolio()
        edit(pf / "data" / "invoices.csv", b"Harbor Dental", LATIN1)
        line = line_of(pf / "data" / "invoices.csv", LATIN1)
        # dc-clients,1001, is 16 characters.
        self.assertRefused(pf, f"data/invoices.csv:{line}:20: {NOT_UTF8}", generate=True)

    def test_bank_csv_and_its_rules(self):
        pf = self.portfolio()
        edit(pf / "data" / "rental-51st-card.csv", b"HOME DEPOT", LATIN1)
        line = line_of(pf / "data" / "rental-51st-card.csv", LATIN1)
        # 08/03/2026, is 11 characters.
        self.assertRefused(pf, f"data/rental-51st-card.csv:{line}:15: {NOT_UTF8}", generate=True)
        pf = self.portfolio(name="pf2")
        edit(pf / "data" / "rental-51st-card.rules", b"if SDGE", b"if " + LATIN1)
        line = line_of(pf / "data" / "rental-51st-card.rules", LATIN1)
        self.assertRefused(pf, f"data/rental-51st-card.rules:{line}:7: {NOT_UTF8}", generate=True)

    def test_handoff_note(self):
        pf = self.portfolio()
        edit(pf / "notes" / "jada.md", b"# JADA Yacht Charters", b"# " + LATIN1)
        self.assertRefused(pf, f"notes/jada.md:3:6: {NOT_UTF8}", generate=True)

    def test_toml_files(self):
        pf = self.portfolio()
        edit(pf / "portfolio.toml", b'name = "Harbor', b'name = "' + LATIN1 + b" Harbor")
        line = line_of(pf / "portfolio.toml", LATIN1)
        self.assertRefused(pf, f"portfolio.toml:{line}:12: {NOT_UTF8}", generate=True)
        pf = self.portfolio(name="pf2")
        edit(pf / "entities" / "jada.toml", b'name = "JADA Yacht', b'name = "' + LATIN1 + b" Yacht")
        line = line_of(pf / "entities" / "jada.toml", LATIN1)
        self.assertRefused(pf, f"entities/jada.toml:{line}:12: {NOT_UTF8}", generate=True)

    def test_env_file(self):
        pf = self.portfolio()
        edit(pf / "repos.env", b"RECIPIENT_EMAIL=owner@", b"RECIPIENT_EMAIL=" + LATIN1 + b"@")
        line = line_of(pf / "repos.env", LATIN1)
        self.assertRefused(pf, f"repos.env:{line}:20: {NOT_UTF8}", generate=True)

    def test_template(self):
        pf = self.portfolio()
        (pf / "templates").mkdir()
        (pf / "templates" / "report.txt.mustache").write_bytes(b"{{title}}\n" + LATIN1 + b"\n")
        self.assertRefused(pf, f"templates/report.txt.mustache:2:4: {NOT_UTF8}", generate=True)


class Dates(Inputs):
    def test_as_of_out_of_range(self):
        pf = self.portfolio()
        for text in ("0000-01-01", "1899-12-31", "3000-01-01"):
            with self.subTest(text):
                result = run("validate", pf, "--as-of", text)
                self.assertExit(result, EXIT_INVALID)
                self.assertLocated(result, f"--as-of: invalid date: expected {DATE_RANGE}, found `{text}`")

    def test_as_of_at_the_ends_of_the_range(self):
        pf = self.portfolio()
        for text in ("1900-01-01", "2999-12-31"):
            with self.subTest(text):
                result = run("generate", pf, "--as-of", text, "--out", self.tmp / text, "--format", "json",
                             "--only", "ceo")
                self.assertExit(result, EXIT_OK)
                self.assertEqual(json.loads((self.tmp / text / "ceo.json").read_text())["as_of"], text)

    def test_csv_dates(self):
        cases = [  # file, the row's start, the column's index, the new value
            ("bookings.csv", b"jada,J-1001,", "booked_on", 3, b"0000-04-13"),
            ("invoices.csv", b"dc-clients,1001,", "issued", 3, b"0000-06-01"),
            ("channels.csv", b"jada,google_business,", "updated", 5, b"3000-11-10"),
        ]
        for file, row_start, column_name, index, value in cases:
            with self.subTest(file):
                pf = self.portfolio(name=file)
                path = pf / "data" / file
                lines = path.read_bytes().split(b"\n")
                line = next(i for i, text in enumerate(lines) if text.startswith(row_start))
                fields = lines[line].split(b",")
                column = len(b",".join(fields[:index])) + 2
                fields[index] = value
                lines[line] = b",".join(fields)
                path.write_bytes(b"\n".join(lines))
                self.assertRefused(pf, f"data/{file}:{line + 1}:{column}: invalid `{column_name}`: "
                                       f"expected {DATE_RANGE}, found `{value.decode()}`")

    def test_cloud_cost_month(self):
        pf = self.portfolio()
        edit(pf / "data" / "cloud_costs.csv", b"dangerouscentaur,2025-05,", b"dangerouscentaur,0000-05,")
        self.assertRefused(pf, "data/cloud_costs.csv:2:18: invalid `month`: "
                               "expected a month from 1900-01 to 2999-12 (YYYY-MM), found `0000-05`")

    def test_bank_csv_date(self):
        pf = self.portfolio()
        edit(pf / "data" / "rental-51st-card.csv", b"08/03/2026", b"08/03/0000")
        self.assertRefused(pf, "data/rental-51st-card.csv:2:1: invalid date: expected a date from 1900-01-01 to "
                               "2999-12-31 in the format `%m/%d/%Y`, found `08/03/0000`")

    def test_note_due_date(self):
        pf = self.portfolio()
        path = pf / "notes" / "jada.md"
        line = line_of(path, b"due: ")
        text = path.read_bytes()
        start = text.index(b"due: ") + 5
        path.write_bytes(text[:start] + b"0000-01-01" + text[start + 10:])
        self.assertRefused(pf, f"notes/jada.md:{line}:1: invalid due date: expected {DATE_RANGE}, found `0000-01-01`")

    def test_action_due_date(self):
        pf = self.portfolio()
        edit(pf / "portfolio.toml", b'due = "2026-11-27"', b'due = "0000-11-27"')
        line = line_of(pf / "portfolio.toml", b'due = "0000-11-27"')
        self.assertRefused(pf, f"portfolio.toml:{line}:7: invalid date: expected {DATE_RANGE}, found `0000-11-27`")

    def test_action_due_as_a_toml_date(self):
        # toml++ reads 0000-11-27 as a TOML date itself; it is not a string.
        pf = self.portfolio()
        edit(pf / "portfolio.toml", b'due = "2026-11-27"', b"due = 0000-11-27")
        line = line_of(pf / "portfolio.toml", b"due = 0000-11-27")
        self.assertRefused(pf, f"portfolio.toml:{line}:7: `due` has the wrong type: expected a string, found a date")

    def test_ledger_command_dates(self):
        pf = self.portfolio()
        for option in ("--begin", "--end"):
            with self.subTest(option):
                result = run("ledger", "balance", pf / "data" / "books.journal", option, "0000-01-01")
                self.assertExit(result, EXIT_INVALID)
                self.assertLocated(result, f"{option}: expected {DATE_RANGE}, found `0000-01-01`")


class NotARegularFile(Inputs):
    def test_csv_linked_to_dev_zero(self):
        pf = self.portfolio()
        (pf / "data" / "bookings.csv").unlink()
        os.symlink("/dev/zero", pf / "data" / "bookings.csv")
        line = line_of(pf / "portfolio.toml", b'bookings = "data/bookings.csv"')
        self.assertRefused(pf, f"portfolio.toml:{line}:12: data file is not a regular file: expected a file "
                               "`data/bookings.csv`, found a device, pipe or socket")

    def test_csv_that_is_a_fifo_or_a_folder(self):
        pf = self.portfolio()
        (pf / "data" / "channels.csv").unlink()
        os.mkfifo(pf / "data" / "channels.csv")
        (pf / "data" / "invoices.csv").unlink()
        (pf / "data" / "invoices.csv").mkdir()
        channels = line_of(pf / "portfolio.toml", b'channels = "data/channels.csv"')
        invoices = line_of(pf / "portfolio.toml", b'invoices = "data/invoices.csv"')
        self.assertRefused(pf, f"portfolio.toml:{channels}:12: data file is not a regular file: expected a file "
                               "`data/channels.csv`, found a device, pipe or socket")
        self.assertRefused(pf, f"portfolio.toml:{invoices}:12: data file is not a regular file: expected a file "
                               "`data/invoices.csv`, found a folder")

    def test_note_env_file_entity_and_template_linked_to_dev_zero(self):
        refused = "cannot read file: expected a regular file of at most 1 GiB, found not a regular file " \
                  "(a folder, device or pipe); only regular files are read"
        for rel in ("notes/zero.md", "repos.env", "entities/jada.toml", "templates/report.txt.mustache"):
            with self.subTest(rel):
                pf = self.portfolio(name=rel.replace("/", "-"))
                (pf / rel).parent.mkdir(exist_ok=True)
                if (pf / rel).exists():
                    (pf / rel).unlink()
                os.symlink("/dev/zero", pf / rel)
                self.assertRefused(pf, f"{rel}: {refused}")

    def test_file_over_one_gibibyte(self):
        pf = self.portfolio()
        with open(pf / "data" / "bookings.csv", "r+b") as f:
            f.truncate((1 << 30) + 1)  # sparse: no gigabyte is written
        self.assertRefused(pf, "data/bookings.csv: cannot read file: expected a regular file of at most 1 GiB, "
                               "found 1073741825 bytes, over the limit of 1 GiB for an input file")


class ByteOrderMark(Inputs):
    FILES = ("portfolio.toml", "entities/jada.toml", "repos.env", "data/bookings.csv", "data/channels.csv",
             "data/cloud_costs.csv", "data/invoices.csv", "data/rental-51st-card.csv",
             "data/rental-51st-card.rules", "notes/jada.md")

    def test_every_file_with_a_mark_reads_as_without(self):
        plain = self.portfolio(name="plain")
        marked = self.portfolio(name="marked")
        for rel in self.FILES:
            path = marked / rel
            path.write_bytes(BOM + path.read_bytes())
        self.assertExit(self.generate(plain, self.tmp / "plain-out"), EXIT_OK)
        result = self.generate(marked, self.tmp / "marked-out")
        self.assertExit(result, EXIT_OK)
        reports = sorted(p.name for p in (self.tmp / "plain-out").iterdir())
        self.assertIn("cfo.json", reports)
        for name in reports:
            with self.subTest(name):
                self.assertEqual((self.tmp / "marked-out" / name).read_text(),
                                 (self.tmp / "plain-out" / name).read_text())
        # The figures the marked files feed are there: the bookings (first
        # column `entity`) and the card export (first column the date).
        cfo = (self.tmp / "marked-out" / "cfo.json").read_text()
        self.assertIn("rental-51st", cfo)


class PemFiles(Case):
    def openssl(self, *args):
        subprocess.run(["openssl", *args], cwd=self.tmp, check=True, capture_output=True)

    def scan(self, folder):
        result = run("scan", folder, "--format", "json", "--fail-on", "none")
        self.assertExit(result, EXIT_OK)
        return [(f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(result.out)["findings"]]

    def test_certificates_only_is_not_a_finding_a_key_is(self):
        self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "server.pem",
                     "-days", "1", "-subj", "/CN=www.example.com")
        certs = self.tmp / "certs"
        certs.mkdir()
        cert = (self.tmp / "server.pem").read_text()
        (certs / "server.pem").write_text(cert)
        (certs / "bundle.pem").write_text(cert + cert)
        self.assertEqual(self.scan(certs), [])
        keys = self.tmp / "keys"
        keys.mkdir()
        (keys / "server.pem").write_text((self.tmp / "key.pem").read_text())
        (keys / "both.pem").write_text(cert + (self.tmp / "key.pem").read_text())
        cert_lines = cert.count("\n")
        self.assertEqual(self.scan(keys), [("private-key", str(keys / "both.pem"), cert_lines + 1, 1),
                                           ("private-key", str(keys / "server.pem"), 1, 1)])


if __name__ == "__main__":
    main()
