#include "ingest/handoffs.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

#include "util/files.hpp"

namespace quarterdeck {
namespace {


const char* const k_note =
    "entity: jada\n"                                                              // 1
    "\n"                                                                          // 2
    "# JADA Yacht Charters: handoff\n"                                            // 3
    "\n"                                                                          // 4
    "Some prose about the season.\n"                                              // 5
    "\n"                                                                          // 6
    "## Open items\n"                                                             // 7
    "\n"                                                                          // 8
    "- [ ] Put the bookings API behind a login @cto due: 2026-11-20\n"            // 9
    "- [ ] Move deposits to a liability account, due: 2026-12-01 @accounting\n"   // 10
    "- [x] Haul out and antifoul @operations\n"                                   // 11
    "- [ ] Find a relief captain\n"                                               // 12
    "- a plain list item, not a task\n"                                           // 13
    "- [X] Renew the insurance due: 2026-10-01\n";                                // 14

TEST(Handoffs, ParsesEntityTitleAndItems) {
  Diagnostics diags;
  const HandoffNote note = parse_handoff(k_note, "notes/jada.md", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(note.file, "notes/jada.md");
  EXPECT_EQ(note.entity, "jada");
  EXPECT_EQ(note.title, "JADA Yacht Charters: handoff");
  ASSERT_EQ(note.items.size(), 5u);

  const HandoffItem& a = note.items[0];
  EXPECT_EQ(a.text, "Put the bookings API behind a login");
  EXPECT_FALSE(a.done);
  EXPECT_EQ(a.owner, "cto");
  ASSERT_TRUE(a.due.has_value());
  EXPECT_EQ(a.due->to_string(), "2026-11-20");
  EXPECT_EQ(a.line, 9);

  const HandoffItem& b = note.items[1];
  EXPECT_EQ(b.text, "Move deposits to a liability account");
  EXPECT_EQ(b.owner, "accounting");
  ASSERT_TRUE(b.due.has_value());
  EXPECT_EQ(b.due->to_string(), "2026-12-01");
  EXPECT_EQ(b.line, 10);

  const HandoffItem& c = note.items[2];
  EXPECT_EQ(c.text, "Haul out and antifoul");
  EXPECT_TRUE(c.done);
  EXPECT_EQ(c.owner, "operations");
  EXPECT_FALSE(c.due.has_value());
  EXPECT_EQ(c.line, 11);

  const HandoffItem& d = note.items[3];
  EXPECT_EQ(d.text, "Find a relief captain");
  EXPECT_FALSE(d.done);
  EXPECT_EQ(d.owner, "");
  EXPECT_FALSE(d.due.has_value());
  EXPECT_EQ(d.line, 12);

  const HandoffItem& e = note.items[4];
  EXPECT_EQ(e.text, "Renew the insurance");
  EXPECT_TRUE(e.done);
  EXPECT_EQ(e.line, 14);
}

TEST(Handoffs, AnEmailAddressIsNotAnOwner) {
  Diagnostics diags;
  const HandoffNote note =
      parse_handoff("entity: jada\n\n- [ ] Write to captain@example.com about dates\n", "n.md", diags);
  ASSERT_EQ(note.items.size(), 1u);
  EXPECT_EQ(note.items[0].owner, "");
  EXPECT_EQ(note.items[0].text, "Write to captain@example.com about dates");
}

TEST(Handoffs, MissingEntityLine) {
  Diagnostics diags;
  const HandoffNote note =
      parse_handoff("# Handoff without its entity\n\n- [ ] Something @cto\n", "notes/x.md", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "notes/x.md:1:1: handoff note does not name its entity: expected a first line `entity: ID`, "
            "found `# Handoff without its entity`");
  EXPECT_EQ(note.entity, "");
  // The rest is still read.
  ASSERT_EQ(note.items.size(), 1u);
  EXPECT_EQ(note.items[0].line, 3);
}

TEST(Handoffs, EmptyFile) {
  Diagnostics diags;
  const HandoffNote note = parse_handoff("", "notes/empty.md", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].found, "an empty line");
  EXPECT_TRUE(note.items.empty());
}

TEST(Handoffs, InvalidDueDateIsReported) {
  Diagnostics diags;
  const HandoffNote note =
      parse_handoff("entity: alpha\n\n- [ ] Renew the permit @operations due: 2026-02-30\n", "notes/alpha.md", diags);
  ASSERT_EQ(note.items.size(), 1u);
  EXPECT_FALSE(note.items[0].due.has_value());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "notes/alpha.md:3:1: invalid due date: expected a date from 1900-01-01 to 2999-12-31 (YYYY-MM-DD), "
            "found `2026-02-30`");
}

TEST(Handoffs, ReferenceNotesParse) {
  // Every note of the reference portfolio names its entity.
  for (const char* id : {"jada", "queenofsandiego", "quickdumpnow", "dangerouscentaur", "rental-51st",
                         "expert-yacht-delivery", "dc-clients"}) {
    const std::string path = std::string(QD_SOURCE_DIR "/examples/portfolio/notes/") + id + ".md";
    const auto text = read_file(path);
    ASSERT_TRUE(text.has_value()) << path;
    Diagnostics diags;
    const HandoffNote note = parse_handoff(*text, std::string("notes/") + id + ".md", diags);
    EXPECT_TRUE(diags.empty()) << all(diags);
    EXPECT_EQ(note.entity, id);
    EXPECT_FALSE(note.items.empty()) << id;
  }
}

// A million `*` around a word is emphasis half a million levels deep:
// read without recursion, the item keeps its words, owner and date.
TEST(Handoffs, DeepEmphasisIsWalkedWithoutRecursion) {
  const std::string stars(1'000'000, '*');
  Diagnostics diags;
  const HandoffNote note = parse_handoff("entity: jada\n\n# " + stars + "Deep" + stars + "\n\n- [ ] " + stars +
                                            "Call the surveyor" + stars + " @cto due: 2026-11-20\n",
                                        "notes/deep.md", diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  EXPECT_EQ(note.title, "Deep");
  ASSERT_EQ(note.items.size(), 1u);
  EXPECT_EQ(note.items[0].text, "Call the surveyor");
  EXPECT_EQ(note.items[0].owner, "cto");
  ASSERT_TRUE(note.items[0].due.has_value());
  EXPECT_EQ(note.items[0].due->to_string(), "2026-11-20");
}

TEST(Handoffs, MarkersNeedTheirBoundaries) {
  Diagnostics diags;
  const HandoffNote note = parse_handoff(
      "entity: jada\n\n- [ ] Overdue: 2026-01-01 stays text, x@y too, then @ops-2_b and due:\t2026-03-04\n", "n.md",
      diags);
  ASSERT_TRUE(diags.empty()) << all(diags);
  ASSERT_EQ(note.items.size(), 1u);
  EXPECT_EQ(note.items[0].owner, "ops-2_b");
  ASSERT_TRUE(note.items[0].due.has_value());
  EXPECT_EQ(note.items[0].due->to_string(), "2026-03-04");
  EXPECT_EQ(note.items[0].text, "Overdue: 2026-01-01 stays text, x@y too, then and");
}

TEST(Handoffs, DueDateOutOfRangeIsLocated) {
  Diagnostics diags;
  parse_handoff("entity: jada\n\n- [ ] Renew due: 0000-01-01\n", "notes/n.md", diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(), "notes/n.md:3:1: invalid due date: expected a date from 1900-01-01 to "
                                  "2999-12-31 (YYYY-MM-DD), found `0000-01-01`");
}

}  // namespace
}  // namespace quarterdeck
