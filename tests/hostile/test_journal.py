"""Hostile input for the journal reader (issue 11, sections 2, 3, 4 and 6).

Every construct ledger 3.3 accepts is run through `quarterdeck ledger balance`
and `ledger -f FILE balance --flat` on the same file, and the balances must be
the same; every construct the reader refuses gives its exact located message
and exit status 2. The include cases run `validate` on a copy of the example
portfolio whose data/books.journal gains the include line, and check that no
content of the included file (a canary value) is printed.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))

import compare  # noqa: E402  tests/ledger/compare.py: the peers' balances, parsed
import hostile  # noqa: E402
from hostile import EXIT_INVALID, EXIT_OK, Case, run  # noqa: E402

CANARY = "qd-canary-7f3a9c2e51"
TOO_LARGE = "expected amounts within 64-bit integers (at most 9,223,372,036,854,775,807 in the smallest unit), " \
            "found a result beyond that"


class JournalCase(Case):
    def journal(self, text, name="j.journal"):
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def balance(self, path, *options):
        return run("ledger", "balance", path.name, "--flat", *options, cwd=path.parent)

    def assertRefused(self, path, message, *options):
        """The journal is refused with exactly `message` (and nothing else)."""
        result = self.balance(path, *options)
        self.assertExit(result, EXIT_INVALID)
        self.assertEqual(result.err, f"{message}\nquarterdeck: 1 problem in the journal\n", repr(result))
        self.assertEqual(result.out, "", repr(result))

    def assertSameAsLedger(self, path, *options):
        """quarterdeck and ledger 3.3 give the same balances, and at least one."""
        ours = compare.quarterdeck(hostile.BIN, str(path), list(options))
        theirs = compare.ledger(str(path), list(options))
        self.assertEqual(ours, theirs, f"{path.read_text()}\noptions {options}")
        return ours


MARKS = """\
2026-01-01 Opening
    Assets:Checking   $100.00
    Equity:Opening

2026-01-02 * Cleared transaction
    Expenses:Fuel   $10.00
    Assets:Checking

2026-01-03 Marked postings
    * Expenses:Food   $5.00
    ! Assets:Checking   $-3.00
    Assets:Savings   $-2.00

2026-01-04 ! Pending transaction
    Expenses:Fuel   $7.00
    * Assets:Checking

2026-01-05 * Cleared, one posting pending
    !Expenses:Fuel   $1.50
    Assets:Checking
"""


class PostingMarks(JournalCase):
    def test_marks_are_not_part_of_the_account_name(self):
        path = self.journal(MARKS)
        ours = self.assertSameAsLedger(path)
        self.assertNotIn("* Assets:Checking", ours)
        self.assertEqual(str(ours["Assets:Checking"]["$"]), "78.50")

    def test_cleared_pending_uncleared_filter_as_ledger_does(self):
        path = self.journal(MARKS)
        expected = {
            "--cleared": {"Assets:Checking": "-18.50", "Expenses:Food": "5.00", "Expenses:Fuel": "10.00"},
            "--pending": {"Assets:Checking": "-3.00", "Expenses:Fuel": "8.50"},
            "--uncleared": {"Assets:Checking": "97.00", "Assets:Savings": "-2.00", "Equity:Opening": "-100.00",
                            "Expenses:Fuel": "8.50"},
        }
        for option, figures in expected.items():
            ours = self.assertSameAsLedger(path, option)
            self.assertEqual({a: str(v["$"]) for a, v in ours.items()}, figures, option)

    def test_register_cleared(self):
        path = self.journal(MARKS)
        result = run("ledger", "register", path.name, "--cleared", cwd=path.parent)
        self.assertExit(result, EXIT_OK)
        rows = [line.split() for line in result.out.splitlines()]
        # Only the cleared postings, with the running total of those alone.
        accounts = [word for row in rows for word in row if ":" in word]
        self.assertEqual(accounts, ["Expenses:Fuel", "Assets:Checking", "Expenses:Food", "Assets:Checking",
                                    "Assets:Checking"], result.out)
        self.assertEqual(rows[-1][-1], "$-3.50", result.out)

    def test_cleared_and_pending_together_are_refused(self):
        path = self.journal(MARKS)
        result = self.balance(path, "--cleared", "--pending")
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("--cleared excludes --pending", result.err)

    def test_mark_without_account(self):
        path = self.journal("2026-01-01 X\n    Assets:Cash  $1.00\n    *\n")
        self.assertRefused(path, "j.journal:3:6: a posting mark without an account: "
                                 "expected an account after the mark, found the end of the line")


class AccountSubdirectives(JournalCase):
    def test_alias_note_default_as_ledger_reads_them(self):
        path = self.journal("""\
account Assets:Checking
    alias chk
    note The main account
    ; a comment
account Assets:Savings
    alias sav
account Equity:Opening
    default

2026-01-01 Opening
    sav   $100.00
    chk:Sub   $1.00
    Equity:Opening  $-101.00

2026-01-02 One posting: the rest goes to the default account
    Expenses:Fuel   $10.00
""")
        ours = self.assertSameAsLedger(path)
        self.assertEqual(str(ours["Assets:Savings"]["$"]), "100.00")
        self.assertEqual(str(ours["Assets:Checking:Sub"]["$"]), "1.00")
        self.assertEqual(str(ours["Equity:Opening"]["$"]), "-111.00")
        self.assertEqual(sorted(ours), ["Assets:Checking:Sub", "Assets:Savings", "Equity:Opening", "Expenses:Fuel"])

    def test_account_alias_is_strictly_declared(self):
        path = self.journal("account Assets:Checking\n    alias chk\naccount Equity\n\n"
                            "2026-01-01 X\n    chk   $1.00\n    Equity\n")
        result = self.balance(path, "--strict")
        self.assertExit(result, EXIT_OK)
        self.assertIn("Assets:Checking", result.out)

    def test_latest_alias_wins_as_in_ledger(self):
        path = self.journal("account Assets:Checking\n    alias chk\naccount Assets:Savings\n    alias chk\n\n"
                            "2026-01-01 X\n    chk   $1.00\n    Equity\n")
        ours = self.assertSameAsLedger(path)
        self.assertIn("Assets:Savings", ours)

    def test_unsupported_subdirectives_are_refused(self):
        for line in ("payee Shell", "assert abs(amount) < 1000", "check commodity == \"$\"", "eval 1",
                     "value market"):
            word = line.split()[0]
            path = self.journal(f"account Assets:Checking\n    {line}\n\n"
                                "2026-01-01 X\n    Assets:Checking   $1.00\n    Equity\n")
            self.assertRefused(path, f"j.journal:2:5: `account` sub-directive `{word}` is not supported: "
                                     "expected `alias NAME`, `default`, `note TEXT` or a `;` comment, "
                                     f"found `{word}`")

    def test_indented_line_after_a_blank_line_is_not_a_subdirective(self):
        path = self.journal("account Assets:Checking\n\n    alias chk\n")
        self.assertRefused(path, "j.journal:3:5: posting outside a transaction: "
                                 "expected a transaction line before it, found an indented line")


class PostingLevelConstructs(JournalCase):
    def test_posting_level_checks_are_refused(self):
        for word in ("assert", "check", "expr"):
            path = self.journal(f"2026-01-01 X\n    Assets:Cash   $1.00\n    {word} amount > 0\n    Equity\n")
            self.assertRefused(path, f"j.journal:3:5: posting-level `{word}` is not supported: "
                                     f"expected a posting `ACCOUNT  AMOUNT`, found `{word}`")

    def test_deferred_posting_is_refused(self):
        path = self.journal("2026-01-01 X\n    Assets:Cash   $1.00\n    <Equity:Opening>   $-1.00\n")
        self.assertRefused(path, "j.journal:3:5: deferred postings `<ACCOUNT>` are not supported: "
                                 "expected an account name, found `<`")

    def test_deferred_posting_after_a_mark(self):
        path = self.journal("2026-01-01 X\n    Assets:Cash   $1.00\n    * <Equity>   $-1.00\n")
        self.assertRefused(path, "j.journal:3:7: deferred postings `<ACCOUNT>` are not supported: "
                                 "expected an account name, found `<`")


BIG = "$90,000,000,000,000,000.00"


class Overflow(JournalCase):
    def test_sum_that_does_not_fit_is_an_error_at_the_posting(self):
        path = self.journal(f"2026-01-01 X\n    Assets:A   {BIG}\n    Assets:B   {BIG}\n    Equity\n")
        self.assertRefused(path, "j.journal:4:5: the amount that balances the transaction is too large: "
                                 + TOO_LARGE)

    def test_running_balance_that_does_not_fit(self):
        tx = f"    Assets:A   {BIG}\n    Equity   -{BIG}\n"
        path = self.journal(f"2026-01-01 X\n{tx}\n2026-01-02 Y\n{tx}")
        result = self.balance(path)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("j.journal:6:16: the balance of `Assets:A` is too large: " + TOO_LARGE, result.err)
        self.assertIn("j.journal:7:14: the balance of `Equity` is too large: " + TOO_LARGE, result.err)

    def test_unbalanced_remainder_that_does_not_fit(self):
        path = self.journal(f"2026-01-01 X\n    Assets:A   {BIG}\n    Assets:B   {BIG}\n")
        self.assertRefused(path, "j.journal:1:1: transaction does not balance: expected postings summing to "
                                 "zero, found a remainder of an amount too large for 64-bit integers")

    def test_amount_too_large_to_parse(self):
        path = self.journal("2026-01-01 X\n    Assets:A   $99,999,999,999,999,999,999.00\n    Equity\n")
        self.assertRefused(path, "j.journal:2:17: unknown amount format: expected an amount such as `$1,250.00` "
                                 "or `1250.00 USD`, found an amount too large: at most 18 digits fit in the "
                                 "64-bit integer amounts are kept in")

    def test_totals_at_a_finer_precision_that_do_not_fit(self):
        # Each amount fits, but once `$` has cents (line 6) they no longer do.
        path = self.journal("2026-01-01 X\n    Assets:A   $4,000,000,000,000,000,000\n    Equity\n\n"
                            "2026-01-02 Y\n    Assets:B   $0.01\n    Income\n")
        self.assertRefused(path, "j.journal:2:16: amounts in `$` too large to add up: expected the postings of "
                                 "one commodity adding up (without signs) within 9,223,372,036,854,775,807 in "
                                 "the smallest unit, found a sum beyond that from this posting on")

    def test_largest_amounts_that_fit_are_exact(self):
        path = self.journal("2026-01-01 X\n    Assets:A   $46,000,000,000,000,000.00\n    Equity\n")
        # ledger 3.3's --flat columns are too narrow for it: hledger's CSV is read instead.
        ours = compare.quarterdeck(hostile.BIN, str(path), [])
        self.assertEqual(ours, compare.hledger(str(path), []))
        self.assertEqual(str(ours["Equity"]["$"]), "-46000000000000000.00")


class OverflowInAPortfolio(Case):
    def test_generate_refuses_books_whose_totals_do_not_fit(self):
        pf = self.portfolio()
        books = pf / "data" / "books.journal"
        text = books.read_text()
        n = text.count("\n") + 2
        books.write_text(text + "\n2026-01-01 X\n    Assets:JADA:Savings   $4,000,000,000,000,000,000\n"
                                "    Equity:JADA\n")
        result = run("generate", pf, "--as-of", hostile.AS_OF, "--out", self.tmp / "out")
        self.assertExit(result, EXIT_INVALID)
        self.assertLocated(result, f"data/books.journal:{n + 1}:27: amounts in `$` too large to add up: ")
        self.assertFalse((self.tmp / "out").exists())


class Encoding(JournalCase):
    def test_byte_order_mark_is_skipped(self):
        inner = self.journal(b"\xef\xbb\xbf2026-01-02 Y\n    Assets:Cash   $2.00\n    Equity\n", "inner.journal")
        path = self.journal(b"\xef\xbb\xbf2026-01-01 X\n    Assets:Cash   $1.00\n    Equity\n\n"
                            b"include inner.journal\n")
        # ledger 3.3 refuses a byte-order mark; hledger skips it, as we do.
        ours = compare.quarterdeck(hostile.BIN, str(path), [])
        self.assertEqual(ours, compare.hledger(str(path), []))
        self.assertEqual(str(ours["Assets:Cash"]["$"]), "3.00")
        self.assertTrue(inner.exists())

    def test_latin1_is_an_error_with_its_place(self):
        cases = {
            b"2026-01-01 X\n    Assets:Ren\xe9e   $1.00\n    Equity\n": "j.journal:2:15",
            b"2026-01-01 Ren\xe9e\n    Assets:Cash   $1.00\n    Equity\n": "j.journal:1:15",
            b"2026-01-01 X  ; Ren\xe9e\n    Assets:Cash   $1.00\n    Equity\n": "j.journal:1:20",
        }
        for text, where in cases.items():
            path = self.journal(text)
            self.assertRefused(path, f"{where}: invalid UTF-8: expected UTF-8 text, found byte 0xE9")

    def test_latin1_in_an_included_journal(self):
        self.journal(b"2026-01-02 Y\n    Assets:Ren\xe9e   $2.00\n    Equity\n", "sub/inner.journal")
        path = self.journal("include sub/inner.journal\n")
        self.assertRefused(path, "sub/inner.journal:2:15: invalid UTF-8: expected UTF-8 text, found byte 0xE9")


class Dates(JournalCase):
    RANGE = "expected a date from 1900-01-01 to 2999-12-31"

    def test_transaction_dates_out_of_range(self):
        for date in ("0000-01-01", "1899-12-31", "3000-01-01", "9999/12/31"):
            path = self.journal(f"{date} X\n    Assets:Cash   $1.00\n    Equity\n")
            self.assertRefused(path, f"j.journal:1:1: date out of range: {self.RANGE}, found `{date}`")

    def test_not_a_date_is_still_invalid(self):
        path = self.journal("0000-02-30 X\n    Assets:Cash   $1.00\n    Equity\n")
        self.assertRefused(path, "j.journal:1:1: invalid date: expected YYYY-MM-DD or YYYY/MM/DD, found `0000-02-30`")

    def test_auxiliary_and_posting_dates_out_of_range(self):
        path = self.journal("2026-01-01=0001-01-01 X\n    Assets:Cash   $1.00\n    Equity\n")
        self.assertRefused(path, f"j.journal:1:12: auxiliary date out of range: {self.RANGE}, found `0001-01-01`")
        path = self.journal("2026-01-01 X\n    Assets:Cash   $1.00  ; [0000-01-01]\n    Equity\n")
        self.assertRefused(path, f"j.journal:2:28: posting date out of range: {self.RANGE}, found `0000-01-01`")
        path = self.journal("2026-01-01 X\n    Assets:Cash   $1.00  ; date:3001-01-01\n    Equity\n")
        self.assertRefused(path, f"j.journal:2:33: posting date out of range: {self.RANGE}, found `3001-01-01`")

    def test_year_directive_out_of_range_is_refused(self):
        path = self.journal("year 0000\n\n01/05 X\n    Assets:Cash   $1.00\n    Equity\n")
        result = self.balance(path)
        self.assertExit(result, EXIT_INVALID)
        self.assertIn("j.journal:1:6: invalid year: expected `year YYYY`, from 1900 to 2999, found `0000`\n",
                      result.err)
        self.assertIn("j.journal:3:1: date without a year: expected YYYY-MM-DD, or a `year YYYY` directive before "
                      "it, found `01/05`\n", result.err)


class Includes(Case):
    """`include` of files that are not journals, through `validate`."""

    def portfolio_including(self, line, name="pf"):
        pf = self.portfolio(name=name)
        books = pf / "data" / "books.journal"
        text = books.read_text()
        if not text.endswith("\n"):
            text += "\n"
        number = text.count("\n") + 1
        books.write_text(text + line + "\n")
        return pf, number

    def validate(self, pf, env=None):
        result = run("validate", pf, "--as-of", hostile.AS_OF, env=env)
        self.assertExit(result, EXIT_INVALID)
        self.assertNotIn(CANARY, result.out + result.err, repr(result))
        return result

    def test_env_file_by_name(self):
        pf, n = self.portfolio_including("include ../repos.env")
        with open(pf / "repos.env", "a") as f:
            f.write(f"QD_TEST_TOKEN={CANARY}\n")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: an env file cannot be included: "
                                   "expected a journal, found `../repos.env`")

    def test_env_file_by_content(self):
        pf, n = self.portfolio_including("include settings.txt")
        (pf / "data" / "settings.txt").write_text(f"# settings\nexport QD_TEST_TOKEN={CANARY}\n")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a journal: expected a "
                                   "ledger-format journal, found `settings.txt`, which has `NAME=VALUE` lines "
                                   "(an env or settings file)")

    def test_toml_file(self):
        pf, n = self.portfolio_including("include ../portfolio.toml")
        with open(pf / "portfolio.toml", "a") as f:
            f.write(f"# {CANARY}\n")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a journal: expected a "
                                   "ledger-format journal, found `../portfolio.toml`, which has `NAME=VALUE` "
                                   "lines (an env or settings file)")

    def test_proc_self_environ(self):
        pf, n = self.portfolio_including("include /proc/self/environ")
        result = self.validate(pf, env={"QD_TEST_TOKEN": CANARY})
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a journal: expected a "
                                   "ledger-format journal, found `/proc/self/environ`, which has NUL bytes "
                                   "(a binary or system file)")

    def test_dev_zero(self):
        pf, n = self.portfolio_including("include /dev/zero")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a regular file: expected a "
                                   "journal (a regular file), found `/dev/zero` (a folder, device or pipe)")

    def test_fifo_and_folder(self):
        pf, n = self.portfolio_including("include pipe.journal")
        os.mkfifo(pf / "data" / "pipe.journal")
        result = self.validate(pf)  # would wait for a writer forever if it were opened
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a regular file: expected a "
                                   "journal (a regular file), found `pipe.journal` (a folder, device or pipe)")
        pf, n = self.portfolio_including("include ../notes", name="pf2")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a regular file: expected a "
                                   "journal (a regular file), found `../notes` (a folder, device or pipe)")

    def test_file_over_the_size_limit(self):
        pf, n = self.portfolio_including("include big.journal")
        with open(pf / "data" / "big.journal", "wb") as f:
            f.truncate((1 << 30) + 1)  # sparse: no disk space used
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file cannot be read: expected a readable "
                                   "journal, found `big.journal`: 1073741825 bytes, over the limit of 1 GiB for "
                                   "an input file")

    def test_device_as_the_journal_itself(self):
        result = run("ledger", "balance", "/dev/zero", cwd=self.tmp)
        self.assertExit(result, EXIT_INVALID)
        self.assertEqual(result.err, "/dev/zero: cannot read journal: expected a readable file, found not a regular "
                                     "file (a folder, device or pipe); only regular files are read\n"
                                     "quarterdeck: 1 problem in the journal\n")

    def test_main_journal_that_is_an_env_file(self):
        path = self.tmp / "x.env"
        path.write_text(f"# settings\nQD_TEST_TOKEN={CANARY}\n")
        result = run("ledger", "balance", path.name, cwd=self.tmp)
        self.assertExit(result, EXIT_INVALID)
        self.assertEqual(result.err, "x.env:2:1: not a journal: expected a ledger-format journal, found "
                                     "`NAME=VALUE` lines (an env or settings file)\n"
                                     "quarterdeck: 1 problem in the journal\n")

    def test_pem_file(self):
        pf, n = self.portfolio_including("include key.pem")
        (pf / "data" / "key.pem").write_text(f"-----BEGIN PRIVATE KEY-----\nMIIE{CANARY}\n-----END PRIVATE KEY-----\n")
        result = self.validate(pf)
        self.assertLocated(result, f"data/books.journal:{n}:9: included file is not a journal: expected a "
                                   "ledger-format journal, found `key.pem`, which has a PEM block (a key or a "
                                   "certificate)")

    def test_errors_quote_only_a_token(self):
        path = self.tmp / "j.journal"
        path.write_text(f"define secret {CANARY}\nP 2026-01-01 EUR {CANARY}\nMIIE{CANARY}\n2026{CANARY}\n"
                        f"account Assets:Cash\n    {CANARY}\n")
        result = run("ledger", "balance", path.name, cwd=self.tmp)
        self.assertExit(result, EXIT_INVALID)
        self.assertNotIn(CANARY, result.out + result.err)
        self.assertEqual(result.err.splitlines(), [
            "j.journal:1:1: the `define` directive is not supported: expected a transaction or a directive this "
            "reader knows (docs/config.md, Journal), found `define`",
            "j.journal:2:21: unknown amount format in price directive: expected a price such as `$1.10` or "
            "`1.10 USD`, found `c` where a number belongs",
            "j.journal:3:1: unsupported line: expected a transaction, a comment, or one of `account`, `commodity`, "
            "`include`, `alias`, `end aliases`, `P`, `D`, `year`, `apply account`, `payee`, `tag`, `bucket`, "
            "`= PATTERN`, found a line that is none of them",
            "j.journal:4:1: invalid date: expected YYYY-MM-DD or YYYY/MM/DD, found 24 characters that are not a "
            "date",
            "j.journal:6:5: unsupported line under `account`: expected `alias NAME`, `default`, `note TEXT` or a "
            "`;` comment, found a line that is none of them",
            "quarterdeck: 5 problems in the journal"])


if __name__ == "__main__":
    hostile.main()
