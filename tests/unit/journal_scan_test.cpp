#include "ingest/journal_scan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/journal.hpp"

namespace quarterdeck::journal_detail {
namespace {

// Plain loops: what the sixteen-bytes-at-a-time versions must agree with.
std::size_t newline_slowly(const std::string& s, std::size_t from) {
  const auto at = s.find('\n', from);
  return at == std::string::npos ? s.size() : at;
}

std::size_t account_end_slowly(std::string_view body) {
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (body[k] == '\t') return k;
    if (body[k] == ' ' && k + 1 < body.size() && (body[k + 1] == ' ' || body[k + 1] == ';'))
      return k;
  }
  return body.size();
}

TEST(JournalScan, FindsEveryNewlineWhereverItFallsInABlock) {
  // A newline at every offset from 0 to 40, so some fall on the sixteen-byte
  // block edges, some in the tail after the last whole block, one at the end.
  for (std::size_t at = 0; at <= 40; ++at) {
    std::string s(41, 'x');
    s[at] = '\n';
    const char* found = find_newline(s.data(), s.data() + s.size());
    EXPECT_EQ(static_cast<std::size_t>(found - s.data()), at) << "newline at " << at;
    // Searching after it finds no other: the end.
    EXPECT_EQ(find_newline(s.data() + at + 1, s.data() + s.size()), s.data() + s.size());
  }
  const std::string none(100, 'y');
  EXPECT_EQ(find_newline(none.data(), none.data() + none.size()), none.data() + none.size());
  EXPECT_EQ(find_newline(none.data(), none.data()), none.data());
}

TEST(JournalScan, NewlinesOfAJournalAreFoundInOrder) {
  const std::string text =
      "2026-01-01 * Coastal Supply\n    Expenses:JADA:Fuel  $134.13\n\n"
      "    Liabilities:JADA:Card  -$134.13  ; card\n\n\n" +
      std::string(37, 'z') + "\nend";
  std::size_t from = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (from <= text.size()) {
    const char* nl = find_newline(p + from, end);
    ASSERT_EQ(static_cast<std::size_t>(nl - p), newline_slowly(text, from));
    from = static_cast<std::size_t>(nl - p) + 1;
  }
}

TEST(JournalScan, AnAccountEndsAtATabTwoSpacesOrAComment) {
  EXPECT_EQ(account_end("Assets:Cash  $5"), 11U);
  EXPECT_EQ(account_end("Assets:Cash\t$5"), 11U);
  EXPECT_EQ(account_end("Assets:Petty Cash  $5"), 17U);  // one space belongs to the name
  EXPECT_EQ(account_end("Assets:Cash ; a note"), 11U);
  EXPECT_EQ(account_end("Assets:Cash"), 11U);
  EXPECT_EQ(account_end("Assets:Cash "), 12U);   // a space at the end: trimmed by the caller
  EXPECT_EQ(account_end("Assets:Cash;x"), 13U);  // `;` without a space is part of the name
  EXPECT_EQ(account_end(""), 0U);
}

TEST(JournalScan, AccountEndsAgreeWithAPlainLoopAcrossBlockEdges) {
  // Single spaces before the end (part of the name), then the end itself,
  // at every offset around the sixteen-byte edges.
  for (std::size_t at = 0; at < 40; ++at) {
    for (const std::string end : {"  $5", "\t$5", " ; note", " ;", "  ", " "}) {
      std::string body;
      for (std::size_t k = 0; k < at; ++k) body += k % 5 == 4 ? ' ' : 'a';
      body += end;
      EXPECT_EQ(account_end(body), account_end_slowly(body)) << '`' << body << '`';
    }
  }
}

TEST(JournalScan, WrittenAccountsFindWhatWasInsertedAndNothingElse) {
  WrittenAccounts map;
  EXPECT_EQ(map.find("Assets:Cash"), nullptr);
  // Names are views into a text that outlives the map, as the journal's.
  std::vector<std::string> names;
  for (int k = 0; k < 1000; ++k) names.push_back("Expenses:Entity" + std::to_string(k) + ":Fuel");
  names.push_back("Assets:Bank:A");
  names.push_back("Assets:Bank:B");  // differs from the one before in its last byte only
  names.push_back("A");
  for (std::size_t k = 0; k < names.size(); ++k)
    map.insert(names[k], static_cast<std::uint32_t>(k));
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string copy = names[k];  // found by content, not by address
    const std::uint32_t* id = map.find(copy);
    ASSERT_NE(id, nullptr) << copy;
    EXPECT_EQ(*id, k);
  }
  EXPECT_EQ(map.find("Assets:Bank:C"), nullptr);
  EXPECT_EQ(map.find("Assets:Bank"), nullptr);
  EXPECT_EQ(map.find("Expenses:Entity1000:Fuel"), nullptr);
  map.clear();
  EXPECT_EQ(map.find("A"), nullptr);
  map.insert(names[0], 7);
  ASSERT_NE(map.find(names[0]), nullptr);
  EXPECT_EQ(*map.find(names[0]), 7U);
}

// Through the reader: the same account written many ways, including at
// lengths around the block edges and with comments right after the name.
TEST(JournalScan, TheReaderSplitsPostingsAsBefore) {
  Diagnostics diags;
  const Journal j = parse_journal(
      "2026-01-01 * Shop\n"
      "    Expenses:Supplies:Paper and Ink  $10.00\n"
      "    Expenses:Supplies:Paper and Ink\t$5.00\n"
      "    Assets:Cash ; paid from the till\n"
      "\n"
      "2026-01-02 Shop\n"
      "    Expenses:ABCDEFGHIJKLMNO  $1\n"  // 16 bytes of name: the end on a block edge
      "    Expenses:ABCDEFGHIJKLMNOP  $2\n"
      "    Assets:Cash  ; no amount\n",
      "t.journal", diags);
  ASSERT_TRUE(diags.empty()) << diags.front().message;
  ASSERT_EQ(j.transactions.size(), 2U);
  ASSERT_EQ(j.accounts.size(), 4U);
  EXPECT_EQ(j.accounts[0], "Expenses:Supplies:Paper and Ink");
  EXPECT_EQ(j.accounts[1], "Assets:Cash");
  EXPECT_EQ(j.accounts[2], "Expenses:ABCDEFGHIJKLMNO");
  EXPECT_EQ(j.accounts[3], "Expenses:ABCDEFGHIJKLMNOP");
  const auto first = j.postings_of(j.transactions[0]);
  ASSERT_EQ(first.size(), 3U);
  EXPECT_EQ(first[0].quantity, 1000);
  EXPECT_EQ(first[1].quantity, 500);
  EXPECT_EQ(first[2].quantity, -1500);
  EXPECT_TRUE(first[2].elided);
  const auto second = j.postings_of(j.transactions[1]);
  ASSERT_EQ(second.size(), 3U);
  EXPECT_EQ(second[2].quantity, -3);
}

}  // namespace
}  // namespace quarterdeck::journal_detail
