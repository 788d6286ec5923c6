// The ledger/hledger journal: transactions and postings with exact amounts.
//
// The reader takes the subset small businesses use, as both `ledger` 3.3 and
// `hledger` 1.25 read it:
//   DATE[=DATE2] [*|!] [(CODE)] PAYEE [; comment]
//       ACCOUNT  AMOUNT [= ASSERTED] [; comment, :tags:, key: value, [=DATE] or date:DATE]
// with amounts `$1,250.00`, `-$75.10`, `$-75.10`, `1250.00 USD`, `1250 EUR`,
// one posting per transaction without an amount (filled in to balance, one
// posting per commodity when several are open), a cleared `*` or pending `!`
// mark on a transaction or a posting (a posting's own mark wins, as in
// ledger), `;`/`#`/`*`/`%`/`|` comment lines and `comment` ... `end comment`
// blocks, and the directives `account` (with the sub-directives `alias NAME`,
// `default` and `note`), `include` (relative to the including file),
// `alias OLD=NEW` and `end aliases`; prices and commodities: `P` directives,
// `@ UNIT`/`@@ TOTAL` costs, ledger's price inference for two commodities,
// lots `{UNIT}` `{=UNIT}` `{{TOTAL}}` `[DATE]` `(NOTE)`, `commodity` (with
// `format`, or one-line `commodity 1.000,00 EUR`) and `D`; virtual postings
// `(ACCOUNT)` and `[ACCOUNT]`, `year`/`Y`, `apply account` ... `end apply
// account`, `payee`, `tag`, `bucket`/`A`, automated transactions `= PATTERN`
// and periodic transactions `~ PERIOD` (budgets, kept apart in
// Journal::periodic) (docs/config.md, "Journal"). Anything else is a
// Diagnostic with
// file:line:column; the transaction it is in is dropped, never half-read.
//
// Messages quote at most the offending token (a date, an amount, a
// directive's word), never a whole line, and a token that cannot be a
// directive's name or a date is described, not quoted. An include of a file
// that is not a journal (an env file by its name, a file with `KEY=VALUE`
// lines, a PEM block or NUL bytes, a device or folder) is refused at the
// include line and none of its content is quoted. A byte-order mark is skipped; invalid UTF-8 is an error.
//
// Amount arithmetic is checked: an amount, a transaction's sum or a running
// balance that does not fit in 64 bits is an error at the posting. Once a
// journal is read, the absolute values of each commodity's postings (at its
// display precision) add up within INT64_MAX, or the reader has reported the
// posting where they stop doing so: every balance, total or running total a
// report adds up from them (any subset, in any order) then fits as well.
//
// Amounts are integers with a scale (digits after the point). Each
// commodity's display precision is the largest scale seen for it, as ledger
// keeps it. The Journal owns the text it was read from; strings in it are
// views into that text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck {

// How a commodity is written, learned from the journal (first use decides
// the side and spacing; any use of a thousands separator turns it on).
struct CommodityStyle {
  std::string symbol;  // "$", "USD", "" (no commodity)
  bool prefix = true;  // "$1.00" rather than "1.00 USD"
  bool spaced = false;  // a space between symbol and number
  bool thousands = false;
  int precision = 0;  // digits after the point, the most seen
  // Set by a `commodity` directive's format (`commodity 1.000,00 EUR`):
  // the decimal mark amounts in this commodity are read and shown with.
  char decimal_mark = '.';
  bool declared = false;  // named by a `commodity` directive
};

struct Tag {
  std::string_view name;
  std::string_view value;  // empty for :tag: tags
};

// What a posting is, as ledger reads its account: `Assets:Cash` (real),
// `(Budget:Food)` (virtual, need not balance) or `[Savings:Goal]`
// (balanced virtual: balances with the other bracketed postings).
enum class PostingKind : std::uint8_t { real, virtual_unbalanced, virtual_balanced };

// A posting's cost in another commodity (`10 EUR @ $1.10` or `@@ $11.00`),
// always the total, with the posting's sign: 10 EUR @ $1.10 costs $11.00.
// For a posting with a lot price, the lot's total (ledger's basis), with
// or without `@`; none for a lot price without `@` in a transaction with a
// posting left without an amount (ledger balances the quantity then). Set
// too for a price ledger infers in a two-commodity transaction.
struct Cost {
  std::uint32_t commodity = 0;
  std::int64_t quantity = 0;  // * 10^scale
  std::uint8_t scale = 0;
};

// A market price: one unit of `commodity` was worth quantity / 10^scale of
// `in_commodity` on `date`. From a `P` directive, or implied by a posting's
// cost (ledger records those too, and `-X` uses them).
struct Price {
  Date date;
  std::uint32_t commodity = 0;
  std::uint32_t in_commodity = 0;
  std::int64_t quantity = 0;
  std::uint8_t scale = 0;
  bool from_posting = false;
  std::uint32_t file = 0;  // index into Journal::files
  std::uint32_t line = 0;
};

// A periodic transaction's interval (`~ monthly`, `~ every 2 weeks from
// 2026-01-01`): hledger's period expressions as budgets use them.
enum class PeriodUnit : std::uint8_t { day, week, month, quarter, year };
struct Period {
  PeriodUnit unit = PeriodUnit::month;
  int every = 1;  // every N units
  std::optional<Date> begin;  // inclusive
  std::optional<Date> end;    // exclusive
};

// `~ PERIOD  [DESCRIPTION]` and its postings: a budget (hledger's
// `--budget` convention), never a posting in the books.
struct PeriodicTransaction {
  Period period;
  std::string_view expression;  // the period expression as written
  std::string_view description;
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t first_posting = 0;  // into Journal::periodic_postings
  std::uint32_t posting_count = 0;
};

// Laid out for size (40 bytes): a large journal holds millions of these.
struct Posting {
  std::int64_t quantity = 0;  // the amount * 10^scale
  std::uint32_t account = 0;
  std::uint32_t commodity = 0;
  Date date;            // the posting date: its own, or the transaction's
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // where its amount starts (the account, for an elided one)
  std::uint32_t tags = 0;  // a tag set: Journal::tags(tags); 0 = none
  std::uint32_t cost = 0;  // index into Journal::costs; 0 = none
  std::uint8_t scale = 0;
  char mark = ' ';      // '*' cleared, '!' pending, ' ': its own, else its transaction's
  PostingKind kind = PostingKind::real;
  bool elided : 1 = false;     // filled in to balance
  bool generated : 1 = false;  // added by an automated transaction (`= PATTERN`)
};

// 64 bytes.
struct Transaction {
  Date date;
  Date date2;  // the auxiliary (effective) date; equal to `date` when absent
  std::string_view code;
  std::string_view payee;
  std::uint32_t file = 0;  // index into Journal::files
  std::uint32_t line = 0;
  std::uint32_t first_posting = 0;
  std::uint32_t posting_count = 0;
  std::uint32_t tags = 0;
  char mark = ' ';  // '*', '!' or ' '
};

struct JournalOptions {
  // Every account must be declared with an `account` directive first.
  bool strict_accounts = false;
};

class Journal {
 public:
  std::string file;  // the main file, as named by the caller
  std::vector<std::string> files;  // every file read, main first (display names)
  std::vector<std::string> accounts;  // interned names; Posting::account indexes it
  std::vector<CommodityStyle> commodities;
  std::vector<Transaction> transactions;  // in file order (includes in place)
  std::vector<Posting> postings;
  // Tag set k is tag_list[tag_set_starts[k], tag_set_starts[k + 1]); set 0 is empty.
  // One vector for all of them: a journal can have a tag set per posting.
  std::vector<Tag> tag_list;
  std::vector<std::uint32_t> tag_set_starts{0, 0};
  std::vector<Cost> costs{1};                 // [0]: no cost
  std::vector<Price> prices;                  // in file order
  std::vector<PeriodicTransaction> periodic;  // in file order
  std::vector<Posting> periodic_postings;

  std::span<const Posting> postings_of(const Transaction& t) const {
    return {postings.data() + t.first_posting, t.posting_count};
  }
  const std::string& account_name(const Posting& p) const { return accounts[p.account]; }
  const CommodityStyle& commodity_of(const Posting& p) const { return commodities[p.commodity]; }
  // The posting's quantity at its commodity's display precision.
  std::int64_t quantity_at_precision(const Posting& p) const;
  // The posting's amount as Money at its commodity's precision.
  Money money(const Posting& p) const;
  std::span<const Tag> tags(std::uint32_t set) const {
    return {tag_list.data() + tag_set_starts[set], tag_set_starts[set + 1] - tag_set_starts[set]};
  }
  std::span<const Posting> postings_of(const PeriodicTransaction& t) const {
    return {periodic_postings.data() + t.first_posting, t.posting_count};
  }
  const Cost* cost_of(const Posting& p) const { return p.cost == 0 ? nullptr : &costs[p.cost]; }
  // "data/books.journal:120" for a transaction or posting.
  std::string where(const Transaction& t) const;
  std::string where(const Transaction& t, const Posting& p) const;

  // Keeps the texts that the string_views point into.
  std::vector<std::unique_ptr<const std::string>> texts;
  std::vector<std::unique_ptr<const std::string>> names;  // alias results and other made names
};

// Formats `quantity` (at `precision` decimals) in a commodity's style:
// "$1,250.00", "$-75.10", "1250.50 USD", "0" for zero with no commodity.
std::string format_amount(std::int64_t quantity, const CommodityStyle& style);

// Parses `text` as the journal `file` (a display name). `include`
// directives are read relative to `base_dir`.
Journal parse_journal(std::string_view text, const std::string& file, Diagnostics& diagnostics,
                      JournalOptions options = {}, const std::filesystem::path& base_dir = {});

// Reads and parses the journal at `path`; `display` names it in messages.
Journal read_journal(const std::filesystem::path& path, const std::string& display, Diagnostics& diagnostics,
                     JournalOptions options = {});

// Adds journal `text` converted from another source (a bank CSV through its
// rules) to `journal`, as the file `display`; line L of `text` is reported
// as line `lines[L-1]` of that source.
void append_converted(Journal& journal, std::string text, const std::string& display, const std::vector<int>& lines,
                      Diagnostics& diagnostics, JournalOptions options = {});

// Reads several journals into one, in order, as `ledger -f A -f B` does;
// each is named by its path as given.
Journal read_journals(const std::vector<std::filesystem::path>& paths, Diagnostics& diagnostics,
                      JournalOptions options = {});

}  // namespace quarterdeck
