"""docs/reports.md against the section catalogue (`quarterdeck sections
--format json`): every section is in the docs' catalogue table, no id the
docs name as a section is unknown, and every built-in definition names only
catalogue sections."""
import json
import re
import tomllib

from reports import PERSONAS, ROOT, Case, EXIT_OK, main, run

DOCS = ROOT / "docs" / "reports.md"


def catalogue_table(text):
    """The ids in the first column of the table under "## Section catalogue"."""
    part = text.split("\n## Section catalogue\n", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|", part, re.M)]


def described_sections(text):
    """The ids of the per-report section tables: rows "| `id`: Title | ..."."""
    return re.findall(r"^\| `([a-z0-9-]+)`: ", text, re.M)


class CatalogueDocs(Case):
    def setUp(self):
        super().setUp()
        result = run("sections", "--format", "json")
        self.assertExit(result, EXIT_OK)
        self.catalogue = json.loads(result.out)
        self.ids = [s["id"] for s in self.catalogue]
        self.docs = DOCS.read_text(encoding="utf-8")

    def test_catalogue_entries_are_complete(self):
        self.assertGreater(len(self.ids), 30)
        self.assertEqual(len(self.ids), len(set(self.ids)), "an id twice in the catalogue")
        for s in self.catalogue:
            self.assertEqual(sorted(s), ["id", "needs", "title"])
            self.assertTrue(s["title"] and s["needs"], s)

    def test_every_section_is_documented(self):
        documented = catalogue_table(self.docs)
        self.assertEqual([i for i in self.ids if i not in documented], [])
        self.assertEqual(len(documented), len(set(documented)), "an id twice in the docs' catalogue")

    def test_no_documented_section_is_unknown(self):
        self.assertEqual([i for i in catalogue_table(self.docs) if i not in self.ids], [])
        self.assertEqual([i for i in described_sections(self.docs) if i not in self.ids], [])

    def test_every_section_is_described_in_full(self):
        # A table row "| `id`: Title" or a sentence "`id`: Title" under its report.
        self.assertEqual([i for i in self.ids if f"`{i}`: " not in self.docs], [])

    def test_built_in_definitions_name_catalogue_sections(self):
        files = sorted(PERSONAS.glob("*.toml"))
        self.assertEqual([f.stem for f in files],
                         ["accounting", "ceo", "cfo", "client_book", "cmo", "cto", "rental", "service"])
        for f in files:
            sections = tomllib.loads(f.read_text(encoding="utf-8"))["sections"]
            self.assertEqual([s for s in sections if s not in self.ids], [], f.name)

    def test_text_lists_the_same_ids(self):
        result = run("sections")
        self.assertExit(result, EXIT_OK)
        lines = result.out.splitlines()
        self.assertEqual(lines[0].split()[:2], ["Id", "Title"])
        self.assertEqual([line.split()[0] for line in lines[1:]], self.ids)


if __name__ == "__main__":
    main()
