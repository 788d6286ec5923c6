#include "ingest/journal.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "ingest/journal_amount.hpp"
#include "ingest/journal_periodic.hpp"
#include "ingest/journal_scan.hpp"
#include "ingest/journal_source.hpp"
#include "util/files.hpp"
#include "util/memory.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace quarterdeck {
namespace {

namespace fs = std::filesystem;
using journal_detail::is_env_file_name;
using journal_detail::not_a_journal;
using journal_detail::parse_amount;
using journal_detail::parse_date;
using journal_detail::pow10;
using journal_detail::quotable_date;
using journal_detail::quotable_word;
using journal_detail::RawAmount;

// Sums inside one transaction are kept in 128 bits so that adding many
// large amounts at a fine scale cannot overflow before the check.
__extension__ typedef __int128 Int128;

constexpr int k_max_include_depth = 16;

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Inlined here: the reader trims every field of every line.
[[gnu::always_inline]] inline std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (is_space(s[b]) || s[b] == '\r')) ++b;
  while (e > b && (is_space(s[e - 1]) || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// `q` at scale `from` rescaled to `to` (>= from) in `out`; false when it
// does not fit in 64 bits.
bool rescale(std::int64_t q, int from, int to, std::int64_t& out) {
  if (to <= from) {
    out = q;
    return true;
  }
  return !__builtin_mul_overflow(q, pow10(to - from), &out);
}

bool fits_int64(Int128 v) {
  return v >= INT64_MIN && v <= INT64_MAX;
}

// Why read_file refused a file, without the path its message starts with
// (the caller names the file as the person wrote it).
std::string unreadable(const Error& e) {
  const auto colon = e.message.find(": ");
  return colon == std::string::npos ? e.message : e.message.substr(colon + 2);
}

static_assert(sizeof(void*) != 8 || sizeof(Posting) == 40, "Posting grew: a large journal holds millions");
static_assert(sizeof(void*) != 8 || sizeof(Transaction) == 64, "Transaction grew: a large journal holds a million");

// Upper bounds on what a text adds: a transaction starts with a digit, a
// posting is an indented line. Counted before reading, so the journal's
// vectors are allocated once at their size rather than grown by doubling
// (where the old and the new buffer are both held).
struct LineCounts {
  std::size_t transactions = 0;
  std::size_t postings = 0;
};

LineCounts count_lines(std::string_view text) {
  LineCounts counts;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    if (is_digit(*p)) {
      ++counts.transactions;
    } else if (*p == ' ' || *p == '\t') {
      ++counts.postings;
    }
    p = journal_detail::find_newline(p, end);
    if (p < end) ++p;
  }
  return counts;
}

struct Balance {
  std::uint32_t commodity = 0;
  std::int64_t quantity = 0;
  int scale = 0;
};

// One commodity's sum within a transaction, at its largest scale there.
struct Sum {
  std::uint32_t commodity;
  Int128 quantity;
  int scale;
};

struct PendingPosting {
  Posting posting;
  bool has_date = false;
  bool asserts = false;
  std::uint32_t assert_commodity = 0;
  std::int64_t assert_quantity = 0;
  int assert_scale = 0;
  int assert_column = 0;
  int column = 1;  // where the account starts
  std::vector<Tag> tags;
  // What the posting balances at (the lot's total when it has a lot price,
  // as ledger's basis, else the `@` total) and the unit price it implies.
  bool has_cost = false;
  bool lot_only = false;  // a lot price and no `@`: a cost only with no elided posting
  Cost cost;
  Cost unit;
};

// `@ UNIT`/`@@ TOTAL` and a lot price `{UNIT}`/`{{TOTAL}}` on a posting, as
// written: read by indented_line, kept only while it reads the posting.
struct Annotations {
  std::optional<RawAmount> price;
  std::optional<RawAmount> lot;
  bool price_total = false;
  bool lot_total = false;
  int price_column = 0;
};

// |total| / |quantity| (scales `st`, `sq`) as a unit price: at the smallest
// scale from `st` up to max(`st`, 8) (at most 12) where it divides exactly,
// else at that last scale rounded half away from zero. Nullopt when it does
// not fit.
std::optional<std::pair<std::int64_t, int>> unit_price(Int128 total, int st, Int128 quantity, int sq) {
  if (total < 0) total = -total;
  if (quantity < 0) quantity = -quantity;
  if (quantity == 0) return std::nullopt;
  const int top = std::min(std::max(st, 8), journal_detail::k_max_scale);
  for (int s = st; s <= top; ++s) {
    // price * 10^-s * quantity * 10^-sq = total * 10^-st
    Int128 num = total;
    Int128 den = quantity;
    const int e = s - st + sq;
    for (int k = 0; k < e; ++k) {
      if (__builtin_mul_overflow(num, static_cast<Int128>(10), &num)) return std::nullopt;
    }
    const Int128 q = num / den;
    const Int128 r = num % den;
    if (r == 0 || s == top) {
      const Int128 rounded = q + (2 * r >= den ? 1 : 0);
      if (!fits_int64(rounded)) return std::nullopt;
      return std::pair{static_cast<std::int64_t>(rounded), s};
    }
  }
  return std::nullopt;
}


// The indented lines under a directive, other than `account`'s.
enum class Block : std::uint8_t { none, payee, tag, automated };

// An `apply account` or `apply year` in force, to be ended by `end`.
struct Applied {
  bool account = true;          // else `apply year`
  std::size_t prefix_size = 0;  // the account prefix before it
  std::optional<int> year;      // the year before it
};

// A posting of an automated transaction: a fixed amount, or a multiplier
// (an exact decimal) of the matched posting's amount.
struct AutoPosting {
  std::uint32_t account = 0;
  PostingKind kind = PostingKind::real;
  bool multiplier = false;
  std::uint32_t commodity = 0;
  std::int64_t quantity = 0;  // * 10^scale
  std::uint8_t scale = 0;
};

// Patterns from the journal are RE2: linear time, no recursion, whatever
// the journal holds. Searched anywhere in the text, ignoring case.
std::shared_ptr<const re2::RE2> compile_pattern(std::string_view pattern) {
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto re =
      std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) return nullptr;
  return re;
}

bool search(std::string_view text, const re2::RE2& pattern) {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

struct AutoRule {
  std::shared_ptr<const re2::RE2> pattern;  // searched in each account name
  std::vector<AutoPosting> postings;
};

class Parser {
 public:
  Parser(Journal& journal, Diagnostics& diagnostics, JournalOptions options)
      : j_(journal), diagnostics_(diagnostics), options_(options) {
    intern_commodity("");  // id 0: no commodity
    running_.reserve(256);
    // Carrying on a journal read before: know its accounts and commodities.
    for (std::uint32_t id = 0; id < j_.accounts.size(); ++id) {
      j_.names.push_back(std::make_unique<const std::string>(j_.accounts[id]));
      account_ids_.emplace(*j_.names.back(), id);
      running_.emplace_back();
    }
    for (std::uint32_t id = 1; id < j_.commodities.size(); ++id) seen_commodity_.insert(id);
  }

  void parse_text(std::string_view text, std::uint32_t file, const fs::path& base_dir, int depth) {
    file_ = file;
    text = strip_bom(text);
    if (const auto bad = not_a_journal(text)) {
      error(bad->line, bad->column, "not a journal", "a ledger-format journal", bad->why);
      file_ = 0;
      return;
    }
    if (const auto bad = find_invalid_utf8(text)) {
      error(bad->line, bad->column, "invalid UTF-8", "UTF-8 text",
            fmt::format("byte 0x{:02X}", bad->byte));
      file_ = 0;
      return;
    }
    account_block_ = false;
    // What this text adds to what the texts including it have still to read.
    const LineCounts counts = count_lines(text);
    transactions_ahead_ += counts.transactions;
    postings_ahead_ += counts.postings;
    reserve_ahead(j_.transactions, transactions_ahead_);
    reserve_ahead(j_.postings, postings_ahead_);
    const char* p = text.data();
    const char* end = p + text.size();
    int line_number = 0;
    bool in_comment_block = false;
    while (p < end) {
      const char* line_end = journal_detail::find_newline(p, end);
      std::string_view line(p, static_cast<std::size_t>(line_end - p));
      p = line_end < end ? line_end + 1 : end;
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) {
        if (is_digit(line.front()) && transactions_ahead_ > 0) --transactions_ahead_;
        if (is_space(line.front()) && postings_ahead_ > 0) --postings_ahead_;
      }

      if (in_comment_block) {
        if (trim(line) == "end comment") in_comment_block = false;
        continue;
      }
      if (line.empty()) {
        close_transaction();
        account_block_ = false;
        block_ = Block::none;
        continue;
      }
      const char first = line.front();
      if (is_space(first)) {
        std::size_t start = 1;
        while (start < line.size() && is_space(line[start])) ++start;
        if (start == line.size()) {
          close_transaction();
          account_block_ = false;
          block_ = Block::none;
          continue;
        }
        if (account_block_) {
          account_subdirective(line.substr(start), static_cast<int>(start) + 1, line_number);
        } else if (block_ != Block::none) {
          block_line(line.substr(start), static_cast<int>(start) + 1, line_number);
        } else {
          indented_line(line, start, line_number);
        }
        continue;
      }
      close_transaction();
      account_block_ = false;
      block_ = Block::none;
      if (is_digit(first)) {
        transaction_line(line, line_number);
      } else if (first == '~') {
        periodic_line(line, line_number);
      } else if (first == ';' || first == '#' || first == '*' || first == '%' || first == '|') {
        continue;
      } else if (line == "comment" || line.starts_with("comment ")) {
        in_comment_block = true;
      } else {
        directive(line, line_number, base_dir, depth);
      }
    }
    close_transaction();
    file_ = 0;
  }

 private:
  template <typename T>
  static void reserve_ahead(std::vector<T>& v, std::size_t ahead) {
    if (v.size() + ahead <= v.capacity()) return;
    // The new buffer is advised before anything is written to it: an
    // included file's lines grow the vectors once more, by a copy.
    std::vector<T> bigger;
    bigger.reserve(v.size() + ahead);
    advise_huge_pages(bigger.data(), bigger.capacity() * sizeof(T));
    bigger.insert(bigger.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    v.swap(bigger);
  }

  void error(int line, int column, std::string message, std::string expected, std::string found) {
    diagnostics_.push_back({{j_.files[file_], line, column},
                            std::move(message),
                            std::move(expected),
                            std::move(found),
                            ""});
  }

  // A date token that parse_date refused: out of the range, or not a date.
  void date_error(int line, int column, std::string_view kind, std::string_view token,
                  bool out_of_range, std::string_view expected) {
    const std::string found = quotable_date(token)
                                  ? fmt::format("`{}`", token)
                                  : fmt::format("{} characters that are not a date", token.size());
    if (out_of_range) {
      error(line, column, fmt::format("{} out of range", kind), Date::range_text(), found);
    } else {
      error(line, column, fmt::format("invalid {}", kind), std::string(expected), found);
    }
  }

  std::uint32_t intern_commodity(std::string_view symbol) {
    for (const auto& [alias, id] : commodity_aliases_) {
      if (alias == symbol) return id;
    }
    for (std::uint32_t i = 0; i < j_.commodities.size(); ++i) {
      if (j_.commodities[i].symbol == symbol) return i;
    }
    j_.commodities.push_back({std::string(symbol), true, false, false, 0});
    return static_cast<std::uint32_t>(j_.commodities.size() - 1);
  }

  std::uint32_t commodity_of(const RawAmount& a) {
    if (a.commodity.empty() && default_commodity_ != 0) return default_commodity_;  // `D`
    // Most journals use one or two commodities: remember the last one.
    std::uint32_t id;
    if (last_commodity_ < j_.commodities.size() &&
        j_.commodities[last_commodity_].symbol == a.commodity) {
      id = last_commodity_;
    } else {
      id = intern_commodity(a.commodity);
      last_commodity_ = id;
    }
    CommodityStyle& style = j_.commodities[id];
    if (!seen_commodity_.contains(id)) {
      seen_commodity_.insert(id);
      style.prefix = a.prefix;
      style.spaced = a.spaced;
    }
    if (a.thousands) style.thousands = true;
    return id;
  }

  // The account with the most recent matching alias applied, or nullopt.
  std::optional<std::string> apply_aliases(std::string_view account) const {
    for (auto it = aliases_.rbegin(); it != aliases_.rend(); ++it) {
      const auto& [from, to] = *it;
      if (account == from) return to;
      if (account.size() > from.size() && account.starts_with(from) &&
          account[from.size()] == ':') {
        return to + std::string(account.substr(from.size()));
      }
    }
    return std::nullopt;
  }

  std::optional<std::uint32_t> intern_account(std::string_view name, int line, int column) {
    // An account as written maps to the same id until an alias or `apply account` changes.
    if (const std::uint32_t* known = written_ids_.find(name))
      return check_declared(*known, line, column);
    const std::uint32_t id = renamed_account(name);
    written_ids_.insert(name, id);
    return check_declared(id, line, column);
  }

  // The id of the account `name` (as written) names under the aliases and
  // `apply account` in force, interned if new.
  std::uint32_t renamed_account(std::string_view name) {
    std::string_view key = name;
    if (!aliases_.empty()) {
      if (auto aliased = apply_aliases(name)) {
        if (const auto it = account_ids_.find(*aliased); it != account_ids_.end()) {
          return it->second;
        }
        j_.names.push_back(std::make_unique<const std::string>(std::move(*aliased)));
        key = *j_.names.back();
      }
    }
    if (!apply_prefix_.empty() && key.data() == name.data()) {
      // Under `apply account`, an account no alias renamed is prefixed, as ledger.
      std::string prefixed = apply_prefix_ + std::string(name);
      if (const auto it = account_ids_.find(prefixed); it != account_ids_.end()) return it->second;
      j_.names.push_back(std::make_unique<const std::string>(std::move(prefixed)));
      key = *j_.names.back();
    }
    if (const auto it = account_ids_.find(key); it != account_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(j_.accounts.size());
    j_.accounts.emplace_back(key);
    account_ids_.emplace(key, id);
    running_.emplace_back();
    return id;
  }

  std::optional<std::uint32_t> check_declared(std::uint32_t id, int line, int column) {
    if (!options_.strict_accounts || declared_.contains(id)) return id;
    std::vector<std::string_view> names;
    for (const auto d : declared_) names.push_back(j_.accounts[d]);
    const auto best = closest_match(j_.accounts[id], names);
    diagnostics_.push_back(
        {{j_.files[file_], line, column},
         "account used but never declared",
         fmt::format("an `account {}` directive before its first use", j_.accounts[id]),
         fmt::format("`{}`", j_.accounts[id]),
         best ? fmt::format("did you mean `{}`?", *best) : ""});
    return std::nullopt;
  }

  // Tags and posting dates from a comment's text.
  void read_comment(std::string_view comment, std::vector<Tag>& tags, std::optional<Date>* date,
                    int line, int column) {
    if (std::ranges::none_of(comment, [](char c) { return c == ':' || c == '['; })) return;
    std::size_t i = 0;
    while (i < comment.size()) {
      while (i < comment.size() && is_space(comment[i])) ++i;
      if (i >= comment.size()) break;
      if (comment[i] == '[' && date != nullptr) {
        const auto close = comment.find(']', i);
        if (close != std::string_view::npos) {
          std::string_view inside = comment.substr(i + 1, close - i - 1);
          if (!inside.empty() && inside.front() == '=') {
            i = close + 1;  // an auxiliary posting date: not used for balances
            continue;
          }
          if (const auto eq = inside.find('='); eq != std::string_view::npos)
            inside = inside.substr(0, eq);
          bool out_of_range = false;
          if (auto d = parse_date(inside, &out_of_range)) {
            *date = d;
          } else {
            date_error(line, column + static_cast<int>(i) + 1, "posting date", inside, out_of_range,
                       "[YYYY-MM-DD]");
          }
          i = close + 1;
          continue;
        }
      }
      if (comment[i] == ':') {
        // :tag1:tag2:
        std::size_t k = i + 1;
        while (k < comment.size()) {
          const auto next = comment.find(':', k);
          if (next == std::string_view::npos || next == k) break;
          const std::string_view name = comment.substr(k, next - k);
          if (name.find_first_of(" \t") != std::string_view::npos) break;
          tags.push_back({name, {}});
          k = next + 1;
        }
        i = k;
        continue;
      }
      // key: value (up to a comma), or a plain word.
      std::size_t k = i;
      while (k < comment.size() && !is_space(comment[k]) && comment[k] != ':' && comment[k] != ',')
        ++k;
      if (k < comment.size() && comment[k] == ':' && k > i) {
        const std::string_view name = comment.substr(i, k - i);
        std::size_t v = k + 1;
        while (v < comment.size() && is_space(comment[v])) ++v;
        std::size_t stop = comment.find(',', v);
        if (stop == std::string_view::npos) stop = comment.size();
        const std::string_view value = trim(comment.substr(v, stop - v));
        tags.push_back({name, value});
        if (name == "date" && date != nullptr) {
          bool out_of_range = false;
          if (auto d = parse_date(value, &out_of_range)) {
            *date = d;
          } else {
            date_error(line, column + static_cast<int>(v) + 1, "posting date", value, out_of_range,
                       "date:YYYY-MM-DD");
          }
        }
        i = stop + 1;
        continue;
      }
      i = k + 1;
    }
  }

  // A date without a year (`01/15`, `1-15`, `1.15`) takes the `year`
  // directive's. Sets `out` when `token` is one; false (reported) when it is
  // one and no `year` came before it; true and `out` unset when it is not one.
  bool short_date(std::string_view token, int line_number, int column, std::optional<Date>& out) {
    std::size_t k = 0;
    int month = 0;
    int day = 0;
    while (k < token.size() && k < 2 && is_digit(token[k])) month = month * 10 + (token[k++] - '0');
    if (k == 0 || k >= token.size() || (token[k] != '/' && token[k] != '-' && token[k] != '.'))
      return true;
    const std::size_t day_start = ++k;
    while (k < token.size() && k - day_start < 2 && is_digit(token[k]))
      day = day * 10 + (token[k++] - '0');
    if (k == day_start || k != token.size()) return true;
    if (!year_) {
      error(line_number, column, "date without a year",
            "YYYY-MM-DD, or a `year YYYY` directive before it", fmt::format("`{}`", token));
      return false;
    }
    out = Date::from_ymd(*year_, month, day);
    return true;
  }

  void transaction_line(std::string_view line, int line_number) {
    std::size_t i = 0;
    while (i < line.size() && !is_space(line[i]) && line[i] != '=') ++i;
    bool out_of_range = false;
    auto date = parse_date(line.substr(0, i), &out_of_range);
    if (!date && !out_of_range && !short_date(line.substr(0, i), line_number, 1, date)) {
      skipping_ = true;
      return;
    }
    if (!date) {
      date_error(line_number, 1, "date", line.substr(0, i), out_of_range,
                 "YYYY-MM-DD or YYYY/MM/DD");
      skipping_ = true;
      return;
    }
    Transaction t;
    t.date = *date;
    t.date2 = *date;
    t.file = file_;
    t.line = static_cast<std::uint32_t>(line_number);
    if (i < line.size() && line[i] == '=') {
      const std::size_t start = ++i;
      while (i < line.size() && !is_space(line[i])) ++i;
      auto date2 = parse_date(line.substr(start, i - start), &out_of_range);
      if (!date2 && !out_of_range &&
          !short_date(line.substr(start, i - start), line_number, static_cast<int>(start) + 1,
                      date2)) {
        skipping_ = true;
        return;
      }
      if (!date2) {
        date_error(line_number, static_cast<int>(start) + 1, "auxiliary date",
                   line.substr(start, i - start), out_of_range, "DATE=YYYY-MM-DD");
        skipping_ = true;
        return;
      }
      t.date2 = *date2;
    }
    std::string_view rest = line.substr(i);
    const std::size_t rest_offset = i;
    // The comment starts at a `;` after whitespace (or right away).
    std::string_view comment;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      if (rest[k] == ';' && (k == 0 || is_space(rest[k - 1]))) {
        comment = rest.substr(k + 1);
        rest = rest.substr(0, k);
        break;
      }
    }
    rest = trim(rest);
    if (!rest.empty() && (rest.front() == '*' || rest.front() == '!')) {
      t.mark = rest.front();
      rest = trim(rest.substr(1));
    }
    if (!rest.empty() && rest.front() == '(') {
      const auto close = rest.find(')');
      if (close == std::string_view::npos) {
        error(line_number, static_cast<int>(line.size() - rest.size()) + 1, "unterminated code",
              "`(CODE)`", "no `)`");
        skipping_ = true;
        return;
      }
      t.code = rest.substr(1, close - 1);
      rest = trim(rest.substr(close + 1));
    }
    t.payee = rest;
    if (!payee_aliases_.empty()) {
      // `payee NAME` with `alias REGEX`: the first match names the payee, as ledger.
      for (const auto& [pattern, name] : payee_aliases_) {
        if (search(t.payee, *pattern)) {
          t.payee = name;
          break;
        }
      }
    }
    pending_tags_.clear();
    has_virtual_ = false;
    if (!comment.empty()) {
      read_comment(
          comment, pending_tags_, nullptr, line_number,
          static_cast<int>(rest_offset + (comment.data() - line.substr(rest_offset).data())));
    }
    current_ = t;
    open_ = true;
    bad_ = false;
    skipping_ = false;
    costs_ = false;
    periodic_ = false;
    pending_.clear();
  }

  // `~ PERIOD  [DESCRIPTION]`: a budget (journal_periodic.hpp). Its postings
  // are read and balanced as a transaction's, then kept apart from the books.
  void periodic_line(std::string_view line, int line_number) {
    std::string_view rest = line.substr(1);
    if (const auto semi = rest.find(';'); semi != std::string_view::npos) rest = rest.substr(0, semi);
    std::string_view expression = rest;
    std::string_view description;
    if (const auto gap = rest.find_first_not_of(" \t"); gap != std::string_view::npos) {
      const std::size_t two = rest.find("  ", gap);
      const std::size_t tab = rest.find('\t', gap);
      const std::size_t cut = std::min(two, tab);
      if (cut != std::string_view::npos) {
        expression = rest.substr(0, cut);
        description = trim(rest.substr(cut));
      }
    }
    const auto period = parse_period_expression(expression);
    if (!period) {
      const PeriodError& e = period.error();
      error(line_number, 2 + e.column, e.message, e.expected, e.found);
      skipping_ = true;
      return;
    }
    PeriodicTransaction pt;
    pt.period = *period;
    pt.expression = trim(expression);
    pt.description = description;
    pt.file = file_;
    pt.line = static_cast<std::uint32_t>(line_number);
    pending_periodic_ = pt;
    Transaction t;
    t.date = period->begin.value_or(Date{});
    t.date2 = t.date;
    t.file = file_;
    t.line = pt.line;
    t.payee = description;
    pending_tags_.clear();
    current_ = t;
    open_ = true;
    bad_ = false;
    skipping_ = false;
    periodic_ = true;
    costs_ = false;
    pending_.clear();
  }

  struct AccountPart {
    std::string_view name;
    std::string_view rest;  // what follows the account: amount, assertion, comment
    PostingKind kind = PostingKind::real;
  };

  // The account of a posting line `body` (starting at `column`): it ends at
  // two spaces, a tab, or the end of the line; `(NAME)` is a virtual posting
  // and `[NAME]` a balanced virtual one, as ledger and hledger read them.
  std::optional<AccountPart> account_part(std::string_view body, int line_number, int column) {
    // It ends at two spaces, a tab, or a comment right after the name
    // ("Assets:Cash ; note").
    const std::size_t end = journal_detail::account_end(body);
    AccountPart part;
    std::string_view account = body.substr(0, end);
    part.rest = body.substr(end);
    account = trim(account);
    if ((account.front() == '(' || account.front() == '[') &&
        !virtual_account(account, part, line_number, column))
      return std::nullopt;
    part.name = account;
    return part;
  }

  // `(NAME)` or `[NAME]`: sets the kind and strips the brackets; false
  // (reported) when they do not close or hold no name. Kept out of line: the
  // fast path reads real accounts.
  [[gnu::noinline, gnu::cold]] bool virtual_account(std::string_view& account, AccountPart& part,
                                                    int line_number, int column) {
    const char open = account.front();
    const char close = open == '(' ? ')' : ']';
    if (account.size() < 3 || account.back() != close) {
      error(line_number, column, "unterminated virtual account",
            fmt::format("`{}ACCOUNT{}`", open, close),
            fmt::format("no `{}` before the amount", close));
      return false;
    }
    part.kind = open == '(' ? PostingKind::virtual_unbalanced : PostingKind::virtual_balanced;
    account = trim(account.substr(1, account.size() - 2));
    if (account.empty()) {
      error(line_number, column, "virtual posting without an account",
            fmt::format("`{}ACCOUNT{}`", open, close), "nothing between the brackets");
      return false;
    }
    return true;
  }

  void indented_line(std::string_view line, std::size_t start, int line_number) {
    std::string_view body = line.substr(start);
    if (!open_) {
      if (!skipping_) {
        error(line_number, static_cast<int>(start) + 1, "posting outside a transaction",
              "a transaction line before it", "an indented line");
      }
      return;
    }
    if (body.front() == ';') {
      // A comment line: it belongs to the last posting, or to the transaction.
      std::vector<Tag>& tags = pending_.empty() ? pending_tags_ : pending_.back().tags;
      std::optional<Date> date;
      read_comment(body.substr(1), tags, pending_.empty() ? nullptr : &date, line_number,
                   static_cast<int>(start) + 1);
      if (date && !pending_.empty()) {
        pending_.back().posting.date = *date;
        pending_.back().has_date = true;
      }
      return;
    }
    if (bad_) return;
    // Posting-level automated checks, as ledger reads them: a word and a space.
    for (const std::string_view word : {std::string_view("assert"), std::string_view("check"),
                                        std::string_view("expr")}) {
      if (body.front() != word.front()) continue;
      if (body.starts_with(word) && body.size() > word.size() && is_space(body[word.size()])) {
        error(line_number, static_cast<int>(start) + 1,
              fmt::format("posting-level `{}` is not supported", word),
              "a posting `ACCOUNT  AMOUNT`", fmt::format("`{}`", word));
        bad_ = true;
        return;
      }
    }
    // A cleared or pending mark before the account; it wins over the transaction's.
    char mark = current_.mark;
    if (body.front() == '*' || body.front() == '!') {
      mark = body.front();
      start = line.find_first_not_of(" \t", start + 1);
      if (start == std::string_view::npos) {
        error(line_number, static_cast<int>(line.size()) + 1, "a posting mark without an account",
              "an account after the mark", "the end of the line");
        bad_ = true;
        return;
      }
      body = line.substr(start);
    }
    if (body.front() == '<') {
      error(line_number, static_cast<int>(start) + 1,
            "deferred postings `<ACCOUNT>` are not supported", "an account name", "`<`");
      bad_ = true;
      return;
    }
    const auto part = account_part(body, line_number, static_cast<int>(start) + 1);
    if (!part) {
      bad_ = true;
      return;
    }
    const std::string_view account = part->name;
    std::string_view rest = part->rest;
    PendingPosting pp;
    pp.posting.kind = part->kind;
    if (part->kind != PostingKind::real) has_virtual_ = true;
    pp.posting.line = static_cast<std::uint32_t>(line_number);
    pp.column = static_cast<int>(start) + 1;
    pp.posting.column = static_cast<std::uint32_t>(pp.column);
    pp.posting.mark = mark;
    pp.posting.date = current_.date;
    const auto id = intern_account(account, line_number, static_cast<int>(start) + 1);
    if (!id) {
      bad_ = true;
      return;
    }
    pp.posting.account = *id;

    // One pass over what follows the account: where its comment starts,
    // whether it has a price, lot or value expression, and its first `=`.
    std::string_view comment;
    bool annotated = false;
    std::size_t eq = std::string_view::npos;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      const char c = rest[k];
      if (c == ';') {
        comment = rest.substr(k + 1);
        rest = rest.substr(0, k);
        break;
      }
      if (c == '@' || c == '{' || c == '[' || c == '(') annotated = true;
      if (c == '=' && eq == std::string_view::npos) eq = k;
    }
    const int rest_column = static_cast<int>(start + (rest.data() - body.data()));
    std::string_view amount_text = rest;
    std::string_view assertion;
    int assertion_column = 0;
    Annotations notes;
    if (annotated) {
      // A price, a lot or a value expression: the uncommon case, read apart.
      if (!read_annotations(rest, rest_column, line_number, notes, amount_text, assertion,
                            assertion_column)) {
        bad_ = true;
        return;
      }
    } else if (eq != std::string_view::npos) {
      amount_text = rest.substr(0, eq);
      assertion = rest.substr(eq + 1);
      assertion_column = rest_column + static_cast<int>(eq) + 1;
      if (!assertion.empty() && (assertion.front() == '=' || assertion.front() == '*')) {
        error(line_number, assertion_column, "unsupported balance assertion", "`= AMOUNT`",
              fmt::format("`={}`", assertion.substr(0, 1)));
        bad_ = true;
        return;
      }
    }
    const std::string_view trimmed = trim(amount_text);
    if (trimmed.empty()) {
      if (!assertion.empty()) {
        error(line_number, assertion_column, "balance assignments are not supported",
              "an amount before `=`", "only a balance");
        bad_ = true;
        return;
      }
      if (notes.price || notes.lot) {
        error(line_number, notes.price_column, "a price without an amount",
              "an amount before the price, such as `10 EUR @ $1.10`", "no amount");
        bad_ = true;
        return;
      }
      if (pp.posting.kind == PostingKind::virtual_unbalanced) {
        // ledger leaves it without an amount, hledger refuses it: nothing to guess.
        error(line_number, pp.column, "a virtual posting `(ACCOUNT)` needs an amount",
              "`(ACCOUNT)  AMOUNT`", "no amount");
        bad_ = true;
        return;
      }
      pp.posting.elided = true;
    } else {
      std::string why;
      std::size_t at = 0;
      const auto amount = parse_amount(trimmed, why, at, comma_commodities_);
      const int column = static_cast<int>(trimmed.data() - line.data()) + 1;
      if (!amount) {
        error(line_number, column + static_cast<int>(at), "unknown amount format",
              "an amount such as `$1,250.00` or `1250.00 USD`", why);
        bad_ = true;
        return;
      }
      pp.posting.commodity = commodity_of(*amount);
      pp.posting.column = static_cast<std::uint32_t>(column);
      pp.posting.quantity = amount->quantity;
      pp.posting.scale = amount->scale;
      note_precision(pp.posting.commodity, amount->scale);
      if ((notes.price || notes.lot) && !set_cost(pp, notes, line_number)) {
        bad_ = true;
        return;
      }
    }
    if (!assertion.empty()) {
      std::string why;
      std::size_t at = 0;
      const std::string_view asserted_text = trim(assertion);
      const auto asserted = parse_amount(asserted_text, why, at, comma_commodities_);
      if (!asserted) {
        error(line_number, assertion_column, "unknown amount format in balance assertion",
              "an amount such as `$1,250.00`", why);
        bad_ = true;
        return;
      }
      pp.asserts = true;
      pp.assert_commodity = commodity_of(*asserted);
      pp.assert_quantity = asserted->quantity;
      pp.assert_scale = asserted->scale;
      pp.assert_column = assertion_column;
      note_precision(pp.assert_commodity, asserted->scale);
    }
    if (!comment.empty()) {
      std::optional<Date> date;
      read_comment(comment, pp.tags, &date, line_number,
                   static_cast<int>(comment.data() - line.data()));
      if (date) {
        pp.posting.date = *date;
        pp.has_date = true;
      }
    }
    pending_.push_back(std::move(pp));
  }

  // Splits `rest` (what follows the account) into the amount, its lot
  // annotations `{UNIT}` `{=UNIT}` `{{TOTAL}}` `[DATE]` `(NOTE)` in any
  // order, a price `@ UNIT` or `@@ TOTAL`, and a balance assertion `= AMOUNT`.
  // The lot date and note are read and left: they do not change a balance.
  [[gnu::cold, gnu::noinline]] bool read_annotations(std::string_view rest, int rest_column, int line_number, Annotations& pp,
                        std::string_view& amount_text, std::string_view& assertion,
                        int& assertion_column) {
    const auto column = [&](std::size_t k) { return rest_column + static_cast<int>(k) + 1; };
    std::size_t k = 0;
    while (k < rest.size() && is_space(rest[k])) ++k;
    if (k < rest.size() && rest[k] == '(') {
      error(line_number, column(k), "value expressions in amounts are not supported",
            "an amount such as `$1,250.00` or `1250.00 USD`", "`(`");
      return false;
    }
    const std::size_t amount_end = std::min(rest.find_first_of("{[(@="), rest.size());
    amount_text = rest.substr(0, amount_end);
    k = amount_end;
    bool lot_date = false;
    bool note = false;
    const auto amount_in = [&](std::string_view text, std::size_t at, std::string_view what,
                               std::optional<RawAmount>& out) {
      const std::string_view t = trim(text);
      const std::size_t offset = at + static_cast<std::size_t>(t.data() - text.data());
      if (!t.empty() && t.front() == '(') {
        error(line_number, column(offset),
              fmt::format("value expressions in a {} are not supported", what),
              "an amount such as `$1.10`", "`(`");
        return false;
      }
      std::string why;
      std::size_t bad = 0;
      auto a = parse_amount(t, why, bad, comma_commodities_);
      if (!a) {
        error(line_number, column(offset + bad), fmt::format("unknown amount format in a {}", what),
              "an amount such as `$1.10`", t.empty() ? "nothing" : why);
        return false;
      }
      if (a->quantity < 0) {
        error(line_number, column(offset), fmt::format("a negative {}", what),
              "a price of zero or more", fmt::format("`{}`", t));
        return false;
      }
      out = *a;
      return true;
    };
    while (k < rest.size()) {
      const char c = rest[k];
      if (is_space(c)) {
        ++k;
        continue;
      }
      if (c == '{') {
        const bool total = k + 1 < rest.size() && rest[k + 1] == '{';
        const std::string_view close = total ? "}}" : "}";
        const auto end = rest.find(close, k);
        if (end == std::string_view::npos) {
          error(line_number, column(k), "unterminated lot price",
                total ? "`{{TOTAL}}`" : "`{UNIT}`", fmt::format("no `{}`", close));
          return false;
        }
        if (pp.lot) {
          error(line_number, column(k), "a second lot price", "one `{...}` per amount", "another");
          return false;
        }
        std::size_t inner = k + close.size();
        if (inner < end && rest[inner] == '=') ++inner;  // a fixated price: the same for balances
        if (!amount_in(rest.substr(inner, end - inner), inner, "lot price", pp.lot)) return false;
        pp.lot_total = total;
        if (pp.price_column == 0) pp.price_column = column(k);
        k = end + close.size();
      } else if (c == '[' && !lot_date) {
        const auto end = rest.find(']', k);
        const std::string_view inside =
            end == std::string_view::npos ? rest.substr(k + 1) : rest.substr(k + 1, end - k - 1);
        bool out_of_range = false;
        if (end == std::string_view::npos || !parse_date(trim(inside), &out_of_range)) {
          date_error(line_number, column(k + 1), "lot date", trim(inside), out_of_range,
                     "[YYYY-MM-DD]");
          return false;
        }
        lot_date = true;
        k = end + 1;
      } else if (c == '(' && !note) {
        const auto end = rest.find(')', k);
        if (end == std::string_view::npos) {
          error(line_number, column(k), "unterminated lot note", "`(NOTE)`", "no `)`");
          return false;
        }
        note = true;
        k = end + 1;
      } else if (c == '@') {
        const bool total = k + 1 < rest.size() && rest[k + 1] == '@';
        pp.price_column = column(k);
        const std::size_t from = k + (total ? 2 : 1);
        const std::size_t end = std::min(rest.find('=', from), rest.size());
        if (!amount_in(rest.substr(from, end - from), from, "price", pp.price)) return false;
        pp.price_total = total;
        k = end;
      } else if (c == '=') {
        assertion = rest.substr(k + 1);
        assertion_column = column(k);
        if (!assertion.empty() && (assertion.front() == '=' || assertion.front() == '*')) {
          error(line_number, assertion_column, "unsupported balance assertion", "`= AMOUNT`",
                fmt::format("`={}`", assertion.substr(0, 1)));
          return false;
        }
        return true;
      } else {
        break;
      }
    }
    if (k < rest.size()) {
      const char c = rest[k];
      const std::string_view what = c == '[' ? "a second lot date"
                                    : c == '(' ? "a second lot note"
                                               : "text after the amount's annotations";
      error(line_number, column(k), fmt::format("unknown amount format: {}", what),
            "an amount, then `{PRICE}`, `[DATE]`, `(NOTE)`, `@ PRICE` and `= BALANCE`",
            fmt::format("`{}`", trim(rest.substr(k))));
      return false;
    }
    return true;
  }

  // `quantity` (scale `sq`) at `raw` a unit (or, `total`, for all of it): the
  // cost with the quantity's sign, kept at the price's scale where exact.
  std::optional<Cost> cost_at(std::int64_t quantity, int sq, const RawAmount& raw, bool total,
                              std::uint32_t commodity) {
    Int128 v = 0;
    int scale = raw.scale;
    if (total) {
      v = quantity < 0 ? -static_cast<Int128>(raw.quantity) : static_cast<Int128>(raw.quantity);
    } else {
      v = static_cast<Int128>(quantity) * raw.quantity;  // both < 2^63: fits in 128 bits
      scale = sq + raw.scale;
      while (scale > raw.scale && v % 10 == 0) {
        v /= 10;
        --scale;
      }
    }
    if (scale > journal_detail::k_max_scale || !fits_int64(v)) return std::nullopt;
    return Cost{commodity, static_cast<std::int64_t>(v), static_cast<std::uint8_t>(scale)};
  }

  // The posting's cost and unit price from its `@`/`@@` and lot price.
  [[gnu::cold, gnu::noinline]] bool set_cost(PendingPosting& pp, const Annotations& notes, int line_number) {
    const Posting& p = pp.posting;
    const bool use_lot = notes.lot.has_value();
    const RawAmount& basis = use_lot ? *notes.lot : *notes.price;
    const RawAmount& priced = notes.price ? *notes.price : *notes.lot;
    const bool basis_total = use_lot ? notes.lot_total : notes.price_total;
    const bool priced_total = notes.price ? notes.price_total : notes.lot_total;
    const std::uint32_t basis_commodity = commodity_of(basis);
    const std::uint32_t priced_commodity = notes.price ? commodity_of(*notes.price) : basis_commodity;
    if (basis_commodity == p.commodity || priced_commodity == p.commodity) {
      error(line_number, notes.price_column, "a price in the posting's own commodity",
            "a price in another commodity, such as `10 EUR @ $1.10`",
            fmt::format("a price in `{}`", j_.commodities[p.commodity].symbol));
      return false;
    }
    const auto cost = cost_at(p.quantity, p.scale, basis, basis_total, basis_commodity);
    if (!cost) {
      error(line_number, notes.price_column, "the posting's cost is too large or too precise",
            "a cost within 64-bit integers and 12 decimal places", "a result beyond that");
      return false;
    }
    pp.cost = *cost;
    pp.has_cost = true;
    pp.lot_only = use_lot && !notes.price;
    if (priced_total) {
      const auto unit = unit_price(priced.quantity, priced.scale, p.quantity, p.scale);
      pp.unit = unit ? Cost{priced_commodity, unit->first, static_cast<std::uint8_t>(unit->second)}
                     : Cost{};
    } else {
      pp.unit = Cost{priced_commodity, priced.quantity, priced.scale};
    }
    costs_ = true;
    return true;
  }

  void note_precision(std::uint32_t commodity, int scale) {
    CommodityStyle& s = j_.commodities[commodity];
    if (scale > s.precision) s.precision = scale;
  }

  std::string display(std::uint32_t commodity, std::int64_t quantity, int scale) const {
    CommodityStyle style = j_.commodities[commodity];
    style.precision = scale;
    return format_amount(quantity, style);
  }

  // An amount that does not fit: located at the posting, never wrapped.
  void too_large(const PendingPosting& pp, std::string message) {
    error(static_cast<int>(pp.posting.line), static_cast<int>(pp.posting.column),
          std::move(message),
          "amounts within 64-bit integers (at most 9,223,372,036,854,775,807 in the smallest unit)",
          "a result beyond that");
  }

  // Adds `amount` to its commodity's sum; false when it does not fit.
  static bool add_to_sums(std::vector<Sum>& sums, const Cost& amount) {
    auto it = std::ranges::find(sums, amount.commodity, &Sum::commodity);
    if (it == sums.end()) {
      sums.push_back({amount.commodity, amount.quantity, amount.scale});
      return true;
    }
    if (amount.scale > it->scale) {
      if (__builtin_mul_overflow(it->quantity, static_cast<Int128>(pow10(amount.scale - it->scale)),
                                 &it->quantity)) {
        return false;
      }
      it->scale = amount.scale;
    }
    // |quantity| < 2^63 and 10^12 < 2^40: the product fits in 128 bits.
    const Int128 term = static_cast<Int128>(amount.quantity) * pow10(it->scale - amount.scale);
    return !__builtin_add_overflow(it->quantity, term, &it->quantity);
  }

  // ledger's rule for a transaction in exactly two commodities with no
  // price: the first posting's commodity X is priced in the other, Y, at
  // |sum Y| / |sum X|. Each X posting's cost is its share of -sum Y, at Y's
  // scale, rounded half away from zero, the last one taking what rounding
  // left so that the costs add up to -sum Y exactly. Clears `sums` when
  // that balances the transaction (the sums have opposite signs).
  [[gnu::cold, gnu::noinline]] void infer_price(std::vector<Sum>& sums) {
    const std::uint32_t x = pending_.front().posting.commodity;
    const Sum& sx = sums[0].commodity == x ? sums[0] : sums[1];
    const Sum& sy = sums[0].commodity == x ? sums[1] : sums[0];
    if (sx.commodity != x || (sx.quantity < 0) == (sy.quantity < 0)) return;
    const auto unit = unit_price(sy.quantity, sy.scale, sx.quantity, sx.scale);
    if (!fits_int64(sy.quantity) || !unit) return;
    Int128 left = -sy.quantity;
    PendingPosting* last = nullptr;
    for (auto& pp : pending_) {
      const Posting& p = pp.posting;
      if (p.commodity != x) continue;
      // p.quantity * |Y| / |X|, at Y's scale: p's quantity at X's scale first.
      const Int128 q = static_cast<Int128>(p.quantity) * pow10(sx.scale - p.scale);
      Int128 num = 0;
      if (__builtin_mul_overflow(q, sy.quantity < 0 ? -sy.quantity : sy.quantity, &num)) return;
      const Int128 den = sx.quantity < 0 ? -sx.quantity : sx.quantity;
      Int128 share = num / den;
      const Int128 r = num % den;
      if (2 * (r < 0 ? -r : r) >= den) share += num < 0 ? -1 : 1;
      if (!fits_int64(share)) return;
      pp.has_cost = true;
      pp.cost = Cost{sy.commodity, static_cast<std::int64_t>(share), static_cast<std::uint8_t>(sy.scale)};
      pp.unit = Cost{sy.commodity, unit->first, static_cast<std::uint8_t>(unit->second)};
      left -= share;
      last = &pp;
    }
    if (last == nullptr || !fits_int64(last->cost.quantity + left)) return;
    last->cost.quantity = static_cast<std::int64_t>(last->cost.quantity + left);
    sums.clear();
  }

  // Checks that the postings of `group` (real, or `[bracketed]`) sum to
  // zero, as hledger and ledger balance them; with `fill`, the one posting
  // without an amount is filled in to balance the group.
  bool balance(PostingKind group, bool fill) {
    // Sum each commodity at the largest scale it has in this transaction.
    std::vector<Sum>& sums = sums_;
    sums.clear();
    if (costs_ && std::ranges::any_of(pending_, [](const PendingPosting& pp) { return pp.posting.elided; })) {
      // As ledger: with a posting left to balance, a lot price without `@` is no cost.
      for (auto& pp : pending_) {
        if (pp.lot_only) pp.has_cost = false;
      }
    }
    std::size_t elided = SIZE_MAX;
    const std::size_t count = pending_.size();
    for (std::size_t k = 0; k < count; ++k) {
      const Posting& p = pending_[k].posting;
      if (p.kind != group) continue;
      if (p.elided && fill) {
        if (elided != SIZE_MAX) {
          error(static_cast<int>(p.line), pending_[k].column,
                "more than one posting without an amount", "at most one", "a second");
          return false;
        }
        elided = k;
        continue;
      }
      // A posting with a cost balances at its cost, as ledger and hledger do.
      const Cost amount = pending_[k].has_cost ? pending_[k].cost : Cost{p.commodity, p.quantity, p.scale};
      if (!add_to_sums(sums, amount)) {
        too_large(pending_[k], "the transaction's amounts are too large to add up");
        return false;
      }
    }
    std::erase_if(sums, [](const Sum& s) { return s.quantity == 0; });
    if (fill && group == PostingKind::real && elided == SIZE_MAX && sums.size() == 2 && !costs_)
      infer_price(sums);
    if (elided == SIZE_MAX && !sums.empty()) {
      std::string remainder;
      for (const auto& s : sums) {
        if (!remainder.empty()) remainder += ", ";
        remainder += fits_int64(s.quantity)
                         ? display(s.commodity, static_cast<std::int64_t>(s.quantity), s.scale)
                         : "an amount too large for 64-bit integers";
      }
      if (group == PostingKind::virtual_balanced) {
        error(static_cast<int>(current_.line), 1, "bracketed virtual postings do not balance",
              "`[ACCOUNT]` postings summing to zero among themselves",
              "a remainder of " + remainder);
        return false;
      }
      const bool priced = costs_ || sums.size() == 2;
      error(static_cast<int>(current_.line), 1,
            !fill  ? "transaction does not balance with its automated postings"
            : priced ? "transaction does not balance at its prices"
                     : "transaction does not balance",
            "postings summing to zero",
            "a remainder of " + remainder +
                (fill && sums.size() == 2 && !costs_
                     ? " (of the same sign: no price of one in the other balances them)"
                     : ""));
      return false;
    }
    if (elided != SIZE_MAX) {
      for (const auto& s : sums) {
        if (!fits_int64(-s.quantity)) {
          too_large(pending_[elided], "the amount that balances the transaction is too large");
          return false;
        }
      }
      PendingPosting filler = pending_[elided];
      if (sums.empty()) {
        pending_[elided].posting.commodity = 0;
        pending_[elided].posting.quantity = 0;
      }
      for (std::size_t k = 0; k < sums.size(); ++k) {
        PendingPosting& target = k == 0 ? pending_[elided] : pending_.emplace_back(filler);
        target.posting.commodity = sums[k].commodity;
        target.posting.quantity = static_cast<std::int64_t>(-sums[k].quantity);
        target.posting.scale = static_cast<std::uint8_t>(sums[k].scale);
        note_precision(sums[k].commodity, sums[k].scale);
        if (k > 0) target.asserts = false;
      }
    }
    return true;
  }

  // ledger and hledger both refuse a second posting without an amount, in
  // whichever group it is: so does this reader.
  bool one_elided() {
    bool seen = false;
    for (const auto& pp : pending_) {
      if (!pp.posting.elided) continue;
      if (seen) {
        error(static_cast<int>(pp.posting.line), pp.column,
              "more than one posting without an amount", "at most one", "a second");
        return false;
      }
      seen = true;
    }
    return true;
  }

  // `matched` times `multiplier` (an exact decimal), at the commodity's
  // display precision known so far (at least the matched amount's decimals),
  // rounded half away from zero. False when it does not fit in 64 bits.
  bool multiply(const Posting& matched, const AutoPosting& rule, Posting& out) const {
    const int to = std::max<int>(matched.scale, j_.commodities[matched.commodity].precision);
    Int128 product = static_cast<Int128>(matched.quantity) * rule.quantity;  // < 2^126
    int scale = matched.scale + rule.scale;
    if (scale > to) {
      Int128 divisor = 1;
      for (int k = to; k < scale; ++k) divisor *= 10;
      const Int128 half = divisor / 2;
      product = product < 0 ? -((-product + half) / divisor) : (product + half) / divisor;
      scale = to;
    }
    for (; scale < to; ++scale) {
      if (__builtin_mul_overflow(product, static_cast<Int128>(10), &product)) return false;
    }
    if (!fits_int64(product)) return false;
    out.commodity = matched.commodity;
    out.quantity = static_cast<std::int64_t>(product);
    out.scale = static_cast<std::uint8_t>(scale);
    return true;
  }

  // Adds the postings of every automated transaction (`= PATTERN`) read so
  // far whose pattern matches an account of this transaction, as ledger 3.3
  // does: rule by rule, each over the transaction's own postings (never the
  // ones a rule generated), appended at the end; then checks the balance again.
  bool apply_automated() {
    const std::size_t own = pending_.size();
    bool added = false;
    for (const auto& rule : rules_) {
      for (std::size_t k = 0; k < own; ++k) {
        if (!search(j_.accounts[pending_[k].posting.account], *rule.pattern)) continue;
        for (const auto& ap : rule.postings) {
          PendingPosting generated;
          Posting& g = generated.posting;
          const Posting& matched = pending_[k].posting;
          g.account = ap.account;
          g.kind = ap.kind;
          g.generated = true;
          g.mark = current_.mark;
          g.date = current_.date;
          g.line = matched.line;
          g.column = matched.column;
          generated.column = pending_[k].column;
          if (ap.multiplier) {
            if (!multiply(matched, ap, g)) {
              too_large(pending_[k], "an automated posting's amount is too large");
              return false;
            }
          } else {
            g.commodity = ap.commodity;
            g.quantity = ap.quantity;
            g.scale = ap.scale;
          }
          note_precision(g.commodity, g.scale);
          if (g.kind != PostingKind::virtual_unbalanced) added = true;
          pending_.push_back(std::move(generated));
        }
      }
    }
    if (!added) return true;
    return balance(PostingKind::real, false) && balance(PostingKind::virtual_balanced, false);
  }

  void close_transaction() {
    if (!open_) return;
    open_ = false;
    if (bad_) return;
    // A single posting with an amount goes against the `default` account, as ledger does.
    if (default_account_ && pending_.size() == 1 && !pending_[0].posting.elided &&
        pending_[0].posting.kind != PostingKind::virtual_unbalanced) {
      PendingPosting filler;
      filler.posting.account = *default_account_;
      filler.posting.elided = true;
      filler.posting.mark = current_.mark;
      filler.posting.date = current_.date;
      filler.posting.line = current_.line;
      filler.posting.column = 1;
      filler.column = 1;
      pending_.push_back(std::move(filler));
    }
    if (has_virtual_ && !one_elided()) return;
    if (!balance(PostingKind::real, true)) return;
    if (has_virtual_ && !balance(PostingKind::virtual_balanced, true)) return;
    if (periodic_) {
      PeriodicTransaction pt = pending_periodic_;
      pt.first_posting = static_cast<std::uint32_t>(j_.periodic_postings.size());
      pt.posting_count = static_cast<std::uint32_t>(pending_.size());
      for (const auto& pp : pending_) j_.periodic_postings.push_back(pp.posting);
      j_.periodic.push_back(pt);
      return;
    }
    if (!rules_.empty() && !apply_automated()) return;
    // Apply to the running balances, checking assertions in file order.
    for (const auto& pp : pending_) {
      const Posting& p = pp.posting;
      if (!add_running(p.account, p.commodity, p.quantity, p.scale)) {
        too_large(pp, fmt::format("the balance of `{}` is too large", j_.accounts[p.account]));
        continue;
      }
      if (!pp.asserts) continue;
      const Balance actual = running_of(p.account, pp.assert_commodity);
      const int scale = std::max(actual.scale, pp.assert_scale);
      const int shown = std::max(scale, j_.commodities[pp.assert_commodity].precision);
      std::int64_t have = 0;
      std::int64_t want = 0;
      std::int64_t have_shown = 0;
      std::int64_t want_shown = 0;
      if (!rescale(actual.quantity, actual.scale, scale, have) ||
          !rescale(pp.assert_quantity, pp.assert_scale, scale, want) ||
          !rescale(have, scale, shown, have_shown) || !rescale(want, scale, shown, want_shown)) {
        error(static_cast<int>(p.line), pp.assert_column, "balance assertion amount too large",
              "amounts within 64-bit integers (at most 9,223,372,036,854,775,807 in the smallest "
              "unit)",
              "a result beyond that");
        continue;
      }
      if (have != want) {
        diagnostics_.push_back(
            {{j_.files[file_], static_cast<int>(p.line), pp.assert_column},
             fmt::format("balance assertion failed for `{}`", j_.accounts[p.account]),
             display(pp.assert_commodity, want_shown, shown),
             display(pp.assert_commodity, have_shown, shown),
             "the balance computed from every posting up to this line"});
        // The transaction is still recorded: the books are as written.
      }
    }
    Transaction t = current_;
    t.first_posting = static_cast<std::uint32_t>(j_.postings.size());
    t.posting_count = static_cast<std::uint32_t>(pending_.size());
    t.tags = store_tags(pending_tags_);
    for (auto& pp : pending_) {
      pp.posting.tags = store_tags(pp.tags);
      if (pp.has_cost) {
        pp.posting.cost = static_cast<std::uint32_t>(j_.costs.size());
        j_.costs.push_back(pp.cost);
        if (pp.unit.commodity != 0 || pp.unit.quantity != 0) {
          j_.prices.push_back({current_.date, pp.posting.commodity, pp.unit.commodity,
                               pp.unit.quantity, pp.unit.scale, true, file_, pp.posting.line});
        }
      }
      j_.postings.push_back(pp.posting);
    }
    j_.transactions.push_back(t);
  }

  std::uint32_t store_tags(const std::vector<Tag>& tags) {
    if (tags.empty()) return 0;
    // Doubling, as insert would, but through reserve_ahead's advice.
    if (j_.tag_list.size() + tags.size() > j_.tag_list.capacity())
      reserve_ahead(j_.tag_list, std::max(j_.tag_list.size(), tags.size()));
    j_.tag_list.insert(j_.tag_list.end(), tags.begin(), tags.end());
    j_.tag_set_starts.push_back(static_cast<std::uint32_t>(j_.tag_list.size()));
    return static_cast<std::uint32_t>(j_.tag_set_starts.size() - 2);
  }

  // False (and the balance unchanged) when the result does not fit.
  bool add_running(std::uint32_t account, std::uint32_t commodity, std::int64_t quantity,
                   int scale) {
    auto& balances = running_[account];
    auto it = std::ranges::find(balances, commodity, &Balance::commodity);
    if (it == balances.end()) {
      balances.push_back({commodity, quantity, scale});
      return true;
    }
    std::int64_t current = it->quantity;
    const int to = std::max(scale, it->scale);
    std::int64_t added = 0;
    std::int64_t sum = 0;
    if (!rescale(it->quantity, it->scale, to, current) || !rescale(quantity, scale, to, added) ||
        __builtin_add_overflow(current, added, &sum)) {
      return false;
    }
    it->quantity = sum;
    it->scale = to;
    return true;
  }

  Balance running_of(std::uint32_t account, std::uint32_t commodity) const {
    for (const auto& b : running_[account]) {
      if (b.commodity == commodity) return b;
    }
    return {commodity, 0, 0};
  }

  void directive(std::string_view line, int line_number, const fs::path& base_dir, int depth) {
    std::string_view word = line.substr(0, line.find_first_of(" \t"));
    std::string_view argument = trim(line.substr(word.size()));
    if (const auto semi = argument.find(" ;"); semi != std::string_view::npos)
      argument = trim(argument.substr(0, semi));
    const int argument_column = static_cast<int>(argument.data() - line.data()) + 1;
    if (word == "P") {
      price_directive(argument, argument_column, line_number);
      return;
    }
    if (word == "commodity") {
      commodity_directive(argument, argument_column, line_number);
      return;
    }
    if (word == "D") {
      default_commodity_directive(argument, argument_column, line_number);
      return;
    }
    if (line.front() == '=') {
      automated(trim(line.substr(1)), line_number);
      return;
    }
    if (line.front() == '-' && line.starts_with("--")) {
      const bool shown = word.size() <= 40 && std::ranges::all_of(word, [](char c) {
                           return c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                         });
      error(line_number, 1, "command-line options in a journal are not supported",
            "a transaction or a directive", shown ? fmt::format("`{}`", word) : "an option");
      return;
    }
    if (word == "year" || word == "Y" ||
        (word.size() == 5 && word.front() == 'Y' &&
         std::ranges::all_of(word.substr(1), is_digit))) {
      if (word.size() == 5) argument = word.substr(1);
      // ledger reads `year` as `apply year`: an `end` ends it.
      if (const auto y = year_argument(argument, line_number,
                                       word.size() == 5 ? 2 : static_cast<int>(word.size()) + 2)) {
        applied_.push_back({false, apply_prefix_.size(), year_});
        year_ = y;
      }
      return;
    }
    if (word == "apply") {
      apply(argument, line_number);
      return;
    }
    if (word == "payee") {
      if (argument.empty()) {
        error(line_number, 1, "payee directive without a name", "`payee NAME`", "nothing");
        return;
      }
      j_.names.push_back(std::make_unique<const std::string>(argument));
      block_payee_ = *j_.names.back();
      block_ = Block::payee;
      return;
    }
    if (word == "tag") {
      // Declares a tag: no effect on any figure.
      if (argument.empty()) {
        error(line_number, 1, "tag directive without a name", "`tag NAME`", "nothing");
        return;
      }
      block_ = Block::tag;
      return;
    }
    if (word == "bucket" || word == "A") {
      // The balancing account, as `default` under `account`.
      if (argument.empty()) {
        error(line_number, 1, fmt::format("{} directive without an account", word),
              fmt::format("`{} ACCOUNT`", word), "nothing");
        return;
      }
      const bool strict = options_.strict_accounts;
      options_.strict_accounts = false;
      const auto id = intern_account(argument, line_number, static_cast<int>(word.size()) + 2);
      options_.strict_accounts = strict;
      if (id) default_account_ = *id;
      return;
    }
    for (const std::string_view refused :
         {"define", "def", "assert", "check", "eval", "expr", "python", "import", "value"}) {
      if (word == refused) {
        error(line_number, 1, fmt::format("the `{}` directive is not supported", word),
              "a transaction or a directive this reader knows (docs/config.md, Journal)",
              fmt::format("`{}`", word));
        return;
      }
    }
    if (word == "account") {
      commodity_block_ = false;
      if (argument.empty()) {
        error(line_number, 1, "account directive without a name", "`account NAME`", "nothing");
        return;
      }
      // Declaring is not using: intern without the strict check.
      const bool strict = options_.strict_accounts;
      options_.strict_accounts = false;
      const auto id = intern_account(argument, line_number, 9);
      options_.strict_accounts = strict;
      if (id) declared_.insert(*id);
      block_account_ = id ? *id : UINT32_MAX;
      block_account_name_ = id ? j_.accounts[*id] : std::string(argument);
      account_block_ = true;  // the indented lines under it are its sub-directives
      return;
    }
    if (word == "alias") {
      const auto eq = argument.find('=');
      if (eq == std::string_view::npos || trim(argument.substr(0, eq)).empty()) {
        error(line_number, 7, "malformed alias", "`alias OLD=NEW`", fmt::format("`{}`", argument));
        return;
      }
      if (argument.front() == '/') {
        error(line_number, 7, "regular-expression aliases are not supported", "`alias OLD=NEW`",
              fmt::format("`{}`", argument));
        return;
      }
      aliases_.emplace_back(std::string(trim(argument.substr(0, eq))),
                            std::string(trim(argument.substr(eq + 1))));
      written_ids_.clear();
      return;
    }
    if (word == "end" && argument == "aliases") {
      aliases_.clear();
      written_ids_.clear();
      return;
    }
    if (word == "end" && (argument.empty() || argument.starts_with("apply"))) {
      end_apply(argument, line_number);
      return;
    }
    if (word == "include") {
      include(argument, line_number, base_dir, depth);
      return;
    }
    // Only a word that can be a directive's name is quoted, never the rest
    // of the line (quotable_word).
    const bool shown = quotable_word(word);
    error(line_number, 1,
          shown ? fmt::format("unsupported directive `{}`", word) : "unsupported line",
          "a transaction, a comment, or one of `account`, `commodity`, `include`, `alias`, "
          "`end aliases`, `P`, `D`, `year`, `apply account`, `payee`, `tag`, `bucket`, `= PATTERN`",
          shown ? fmt::format("`{}`", word) : "a line that is none of them");
  }

  // `year YYYY` and `apply year YYYY`: the year of dates written without one.
  std::optional<int> year_argument(std::string_view argument, int line_number, int column) {
    int year = 0;
    if (argument.size() == 4 && std::ranges::all_of(argument, is_digit)) {
      for (const char c : argument) year = year * 10 + (c - '0');
    }
    if (year < Date::k_first_year || year > Date::k_last_year) {
      error(line_number, column, "invalid year", "`year YYYY`, from 1900 to 2999",
            argument.empty()          ? "nothing"
            : quotable_date(argument) ? fmt::format("`{}`", argument)
                                      : "a word that is not a year");
      return std::nullopt;
    }
    return year;
  }

  void apply(std::string_view argument, int line_number) {
    const std::string_view what = argument.substr(0, argument.find_first_of(" \t"));
    const std::string_view rest = trim(argument.substr(what.size()));
    if (what == "account") {
      if (rest.empty()) {
        error(line_number, 7, "apply account without a name", "`apply account NAME`", "nothing");
        return;
      }
      applied_.push_back({true, apply_prefix_.size(), year_});
      apply_prefix_ += std::string(rest) + ":";
      written_ids_.clear();
      return;
    }
    if (what == "year") {
      if (const auto y = year_argument(rest, line_number, 12)) {
        applied_.push_back({false, apply_prefix_.size(), year_});
        year_ = y;
      }
      return;
    }
    const bool shown = quotable_word(what);
    error(line_number, 7,
          shown ? fmt::format("`apply {}` is not supported", what) : "unsupported `apply`",
          "`apply account NAME` or `apply year YYYY`",
          shown ? fmt::format("`{}`", what) : "a word that is neither");
  }

  // `end`, `end apply`, `end apply account`, `end apply year`: ends the
  // latest `apply`, which must be of the kind named.
  void end_apply(std::string_view argument, int line_number) {
    const std::string_view kind = trim(argument.substr(std::min<std::size_t>(argument.size(), 5)));
    if (!kind.empty() && kind != "account" && kind != "year") {
      error(line_number, 11, "unsupported `end apply`", "`end apply account` or `end apply year`",
            quotable_word(kind) ? fmt::format("`{}`", kind) : "a word that is neither");
      return;
    }
    if (applied_.empty() || (kind == "account" && !applied_.back().account) ||
        (kind == "year" && applied_.back().account)) {
      const std::string ended = kind.empty() ? "apply" : fmt::format("apply {}", kind);
      error(line_number, 1, fmt::format("`end {}` without an `{}` to end", ended, ended),
            fmt::format("an `{}` before it", ended), "none open");
      return;
    }
    const Applied last = applied_.back();
    applied_.pop_back();
    if (last.account) {
      apply_prefix_.resize(last.prefix_size);
      written_ids_.clear();
    } else {
      year_ = last.year;
    }
  }

  // ledger's `expr account =~ /REGEX/` (also quoted): the REGEX; nullopt
  // for any other text.
  static std::optional<std::string_view> account_match_expression(std::string_view pattern) {
    if (!pattern.starts_with("expr") || pattern.size() < 5 || !is_space(pattern[4]))
      return std::nullopt;
    std::string_view e = trim(pattern.substr(5));
    if (e.size() >= 2 && (e.front() == '\'' || e.front() == '"') && e.back() == e.front())
      e = trim(e.substr(1, e.size() - 2));
    if (!e.starts_with("account")) return std::nullopt;
    e = trim(e.substr(7));
    if (!e.starts_with("=~")) return std::nullopt;
    e = trim(e.substr(2));
    if (e.size() < 2 || e.front() != '/' || e.back() != '/') return std::nullopt;
    return e.substr(1, e.size() - 2);
  }

  // `= PATTERN`: an automated transaction; its postings are the indented
  // lines under it. PATTERN is `/REGEX/` or a single word, a regular
  // expression searched in account names ignoring case, as both ledger and
  // hledger read a bare word.
  void automated(std::string_view pattern, int line_number) {
    std::string_view regex = pattern;
    if (const auto expr = account_match_expression(pattern)) {
      regex = *expr;
    } else if (pattern.size() >= 2 && pattern.front() == '/' && pattern.back() == '/') {
      regex = pattern.substr(1, pattern.size() - 2);
    } else if (pattern.empty() || pattern.find_first_of(" \t") != std::string_view::npos) {
      const std::string_view first = pattern.substr(0, pattern.find_first_of(" \t"));
      error(line_number, 3, "automated transaction condition not supported",
            "`= /REGEX/` or `= ACCOUNT-REGEX` (one account pattern)",
            pattern.empty()        ? "nothing"
            : quotable_word(first) ? fmt::format("an expression starting `{}`", first)
                                   : "an expression of several words");
      block_ = Block::automated;
      rules_skipping_ = true;
      return;
    }
    auto compiled = compile_pattern(regex);
    if (!compiled) {
      error(line_number, 3, "invalid regular expression in automated transaction",
            "a regular expression such as `^Expenses:Food`", "a pattern that is not one");
      block_ = Block::automated;
      rules_skipping_ = true;
      return;
    }
    rules_.push_back({std::move(compiled), {}});
    block_ = Block::automated;
    rules_skipping_ = false;
  }

  // An indented line under `payee`, `tag` or `= PATTERN`.
  void block_line(std::string_view body, int column, int line_number) {
    if (body.front() == ';' || body.front() == '#') return;
    const std::string_view word = body.substr(0, body.find_first_of(" \t"));
    const std::string_view argument = trim(body.substr(word.size()));
    if (block_ == Block::automated) {
      if (!rules_skipping_) automated_posting(body, column, line_number);
      return;
    }
    if (block_ == Block::payee && word == "alias" && argument.empty()) {
      error(line_number, column, "payee alias without a pattern", "`alias REGEX`", "nothing");
      return;
    }
    if (block_ == Block::payee && word == "alias") {
      if (auto compiled = compile_pattern(argument)) {
        payee_aliases_.emplace_back(std::move(compiled), block_payee_);
      } else {
        error(line_number, column + 6, "invalid regular expression in payee alias",
              "a regular expression such as `^WHOLE FOODS`", "a pattern that is not one");
      }
      return;
    }
    const std::string_view directive = block_ == Block::payee ? "payee" : "tag";
    const bool shown = quotable_word(word);
    error(line_number, column,
          shown ? fmt::format("`{}` sub-directive `{}` is not supported", directive, word)
                : fmt::format("unsupported line under `{}`", directive),
          block_ == Block::payee ? "`alias REGEX` or a `;` comment" : "a `;` comment",
          shown ? fmt::format("`{}`", word) : "a line that is none of them");
  }

  // `ACCOUNT  AMOUNT` under `= PATTERN`: an AMOUNT without a commodity
  // multiplies the matched posting's amount (ledger's `0.1`, hledger's
  // `*0.1`); one with a commodity is a fixed amount.
  void automated_posting(std::string_view body, int column, int line_number) {
    const auto part = account_part(body, line_number, column);
    if (!part) {
      rules_skipping_ = true;
      rules_.pop_back();
      return;
    }
    std::string_view rest = part->rest;
    if (const auto semi = rest.find(';'); semi != std::string_view::npos)
      rest = rest.substr(0, semi);
    std::string_view amount_text = trim(rest);
    const int amount_column = column + static_cast<int>(amount_text.data() - body.data());
    const auto refuse = [&](std::string message, std::string found) {
      error(line_number, amount_text.empty() ? column : amount_column, std::move(message),
            "an amount (`$5.00`) or a multiplier of the matched amount (`0.1`, `-1`, `*0.1`)",
            std::move(found));
      rules_skipping_ = true;
      rules_.pop_back();
    };
    if (amount_text.empty()) return refuse("an automated posting needs an amount", "no amount");
    const bool starred = amount_text.front() == '*';
    if (starred) amount_text = trim(amount_text.substr(1));
    if (amount_text.find_first_of("=@{(") != std::string_view::npos)
      return refuse("unsupported amount in an automated posting",
                    "an expression, a price or an assertion");
    std::string why;
    std::size_t at = 0;
    const auto amount = parse_amount(amount_text, why, at);
    if (!amount) return refuse("unknown amount format in an automated posting", why);
    if (starred && !amount->commodity.empty())
      return refuse("a multiplier `*N` has no commodity", fmt::format("`{}`", amount->commodity));
    const auto id = intern_account(part->name, line_number, column);
    if (!id) {
      rules_skipping_ = true;
      rules_.pop_back();
      return;
    }
    AutoPosting ap;
    ap.account = *id;
    ap.kind = part->kind;
    ap.quantity = amount->quantity;
    ap.scale = amount->scale;
    if (amount->commodity.empty()) {
      ap.multiplier = true;
    } else {
      ap.commodity = commodity_of(*amount);
      note_precision(ap.commodity, amount->scale);
    }
    rules_.back().postings.push_back(ap);
  }

  // An indented line under `account NAME`. `alias`, `default` and `note` are
  // read as ledger reads them; the automated checks and the payee rules are not.
  void account_subdirective(std::string_view body, int column, int line_number) {
    if (body.front() == ';' || body.front() == '#') return;
    if (commodity_block_) {
      commodity_subdirective(body, column, line_number);
      return;
    }
    std::string_view word = body.substr(0, body.find_first_of(" \t"));
    std::string_view argument = trim(body.substr(word.size()));
    if (word == "note") return;  // a description: no effect on any figure
    if (word == "alias") {
      if (argument.empty()) {
        error(line_number, column, "account alias without a name", "`alias NAME`", "nothing");
        return;
      }
      // As `alias NAME=ACCOUNT`: the same table, the latest definition wins.
      aliases_.emplace_back(std::string(argument), block_account_name_);
      written_ids_.clear();
      return;
    }
    if (word == "default") {
      if (block_account_ != UINT32_MAX) default_account_ = block_account_;
      return;
    }
    const bool shown = quotable_word(word);
    error(line_number, column,
          shown ? fmt::format("`account` sub-directive `{}` is not supported", word)
                : "unsupported line under `account`",
          "`alias NAME`, `default`, `note TEXT` or a `;` comment",
          shown ? fmt::format("`{}`", word) : "a line that is none of them");
  }

  // `P DATE [HH:MM[:SS]] SYMBOL PRICE`: a market price.
  void price_directive(std::string_view argument, int column, int line_number) {
    const std::string_view expected = "`P DATE [TIME] SYMBOL PRICE`";
    std::size_t i = 0;
    const auto next_token = [&] {
      while (i < argument.size() && is_space(argument[i])) ++i;
      const std::size_t start = i;
      while (i < argument.size() && !is_space(argument[i])) ++i;
      return argument.substr(start, i - start);
    };
    const std::string_view date_text = next_token();
    bool out_of_range = false;
    const auto date = parse_date(date_text, &out_of_range);
    if (!date) {
      if (date_text.empty()) {
        error(line_number, column, "price directive without a date", std::string(expected), "nothing");
      } else {
        date_error(line_number, column, "price date", date_text, out_of_range, "P YYYY-MM-DD");
      }
      return;
    }
    while (i < argument.size() && is_space(argument[i])) ++i;
    // A time of day, HH:MM or HH:MM:SS: prices here are by day.
    if (i < argument.size() && is_digit(argument[i])) {
      const std::size_t start = i;
      const std::string_view time = next_token();
      const auto two = [&](std::size_t at, int most) {
        return is_digit(time[at]) && is_digit(time[at + 1]) &&
               (time[at] - '0') * 10 + (time[at + 1] - '0') <= most;
      };
      const bool ok = (time.size() == 5 || time.size() == 8) && two(0, 23) && time[2] == ':' &&
                      two(3, 59) && (time.size() == 5 || (time[5] == ':' && two(6, 59)));
      if (!ok) {
        error(line_number, column + static_cast<int>(start), "invalid time in price directive",
              "HH:MM or HH:MM:SS after the date", "a token that is not a time");
        return;
      }
      while (i < argument.size() && is_space(argument[i])) ++i;
    }
    const std::size_t symbol_start = i;
    std::string why;
    if (i >= argument.size() || !journal_detail::read_symbol(argument, i, why)) {
      error(line_number, column + static_cast<int>(symbol_start), "price directive without a commodity",
            std::string(expected), i >= argument.size() ? "nothing" : why);
      return;
    }
    const std::string_view symbol = argument.substr(symbol_start, i - symbol_start);
    const std::string_view price_text = trim(argument.substr(i));
    const int price_column = column + static_cast<int>(price_text.data() - argument.data());
    if (price_text.empty()) {
      error(line_number, column + static_cast<int>(i), "price directive without a price",
            std::string(expected), "nothing after the commodity");
      return;
    }
    std::size_t at = 0;
    const auto price = parse_amount(price_text, why, at, comma_commodities_);
    if (!price) {
      error(line_number, price_column + static_cast<int>(at), "unknown amount format in price directive",
            "a price such as `$1.10` or `1.10 USD`", why);
      return;
    }
    const std::uint32_t commodity = intern_commodity(symbol);
    const std::uint32_t in = commodity_of(*price);
    if (in == commodity) {
      error(line_number, price_column, "a price in the commodity itself",
            "a price in another commodity", fmt::format("`{}`", price_text));
      return;
    }
    j_.prices.push_back({*date, commodity, in, price->quantity, price->scale, false, file_,
                         static_cast<std::uint32_t>(line_number)});
  }

  // A declared format: side, spacing, marks and (at least) precision.
  void apply_format(std::uint32_t id, const RawAmount& format) {
    CommodityStyle& style = j_.commodities[id];
    seen_commodity_.insert(id);
    style.prefix = format.prefix;
    style.spaced = format.spaced;
    style.thousands = format.thousands;
    style.decimal_mark = format.decimal_mark;
    style.declared = true;
    note_precision(id, format.scale);
    const bool listed = std::ranges::find(comma_commodities_, style.symbol) != comma_commodities_.end();
    if (format.decimal_mark == ',' && !listed) comma_commodities_.push_back(style.symbol);
    if (format.decimal_mark == '.' && listed) std::erase(comma_commodities_, style.symbol);
  }

  // `commodity SYMBOL` (sub-directives follow, indented) or hledger's
  // one-line `commodity 1.000,00 EUR`.
  void commodity_directive(std::string_view argument, int column, int line_number) {
    if (argument.empty()) {
      error(line_number, column, "commodity directive without a commodity",
            "`commodity SYMBOL` or `commodity 1.000,00 SYMBOL`", "nothing");
      return;
    }
    if (std::ranges::any_of(argument, is_digit)) {
      std::string why;
      std::size_t at = 0;
      const auto format = journal_detail::parse_commodity_format(argument, why, at);
      if (!format) {
        error(line_number, column + static_cast<int>(at), "unknown commodity format",
              "a format such as `1.000,00 EUR` or `$1,000.00`", why);
        return;
      }
      apply_format(intern_commodity(format->commodity), *format);
      return;
    }
    std::size_t i = 0;
    std::string why;
    if (!journal_detail::read_symbol(argument, i, why) || i != argument.size()) {
      error(line_number, column, "unknown commodity symbol", "`commodity SYMBOL`",
            why.empty() ? fmt::format("`{}`", argument) : why);
      return;
    }
    block_commodity_ = intern_commodity(argument);
    j_.commodities[block_commodity_].declared = true;
    account_block_ = true;  // the indented lines under it are its sub-directives
    commodity_block_ = true;
  }

  // An indented line under `commodity SYMBOL`: `format`, `note`, `alias`,
  // `nomarket`, `default`.
  void commodity_subdirective(std::string_view body, int column, int line_number) {
    const std::string_view word = body.substr(0, body.find_first_of(" \t"));
    const std::string_view argument = trim(body.substr(word.size()));
    const int argument_column = column + static_cast<int>(argument.data() - body.data());
    if (word == "note" || word == "nomarket") return;  // no effect on any figure
    if (word == "default") {
      default_commodity_ = block_commodity_;
      return;
    }
    if (word == "alias") {
      if (argument.empty()) {
        error(line_number, column, "commodity alias without a symbol", "`alias SYMBOL`", "nothing");
        return;
      }
      commodity_aliases_.emplace_back(std::string(argument), block_commodity_);
      return;
    }
    if (word == "format") {
      std::string why;
      std::size_t at = 0;
      const auto format = journal_detail::parse_commodity_format(argument, why, at);
      if (!format) {
        error(line_number, argument_column + static_cast<int>(at), "unknown commodity format",
              "a format such as `1.000,00 EUR` or `$1,000.00`", why);
        return;
      }
      if (format->commodity != j_.commodities[block_commodity_].symbol) {
        error(line_number, argument_column, "a format for another commodity",
              fmt::format("a format in `{}`", j_.commodities[block_commodity_].symbol),
              fmt::format("`{}`", format->commodity));
        return;
      }
      apply_format(block_commodity_, *format);
      return;
    }
    const bool shown = quotable_word(word);
    error(line_number, column,
          shown ? fmt::format("`commodity` sub-directive `{}` is not supported", word)
                : "unsupported line under `commodity`",
          "`format AMOUNT`, `note TEXT`, `alias SYMBOL`, `nomarket`, `default` or a `;` comment",
          shown ? fmt::format("`{}`", word) : "a line that is none of them");
  }

  // `D AMOUNT`: amounts written without a commodity are in this one, and it
  // is shown in this format.
  void default_commodity_directive(std::string_view argument, int column, int line_number) {
    std::string why;
    std::size_t at = 0;
    const auto format = argument.empty() ? std::nullopt
                                         : journal_detail::parse_commodity_format(argument, why, at);
    if (!format) {
      error(line_number, column + static_cast<int>(at), "unknown default commodity",
            "`D AMOUNT`, such as `D $1,000.00`", argument.empty() ? "nothing" : why);
      return;
    }
    const std::uint32_t id = intern_commodity(format->commodity);
    apply_format(id, *format);
    default_commodity_ = id;
    std::erase(comma_commodities_, "");
    if (format->decimal_mark == ',') comma_commodities_.emplace_back();
  }

  void include(std::string_view argument, int line_number, const fs::path& base_dir, int depth) {
    if (argument.empty()) {
      error(line_number, 1, "include without a file", "`include FILE`", "nothing");
      return;
    }
    if (depth >= k_max_include_depth) {
      error(line_number, 9, "includes nested too deeply",
            fmt::format("at most {} levels", k_max_include_depth), fmt::format("`{}`", argument));
      return;
    }
    const fs::path path = base_dir / fs::path(argument);
    const std::string quoted = fmt::format("`{}`", argument);
    // Refused before anything of it is read: an env file holds secrets.
    if (is_env_file_name(path)) {
      error(line_number, 9, "an env file cannot be included", "a journal", quoted);
      return;
    }
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (including_.contains(canonical.string())) {
      error(line_number, 9, "include cycle", "a file not already being read", quoted);
      return;
    }
    // Checked before it is opened too: opening a pipe would wait for a writer.
    const auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
      error(line_number, 9, "included file not found", "a readable journal", quoted);
      return;
    }
    if (fs::status_known(status) && !fs::is_regular_file(status)) {
      error(line_number, 9, "included file is not a regular file", "a journal (a regular file)",
            fmt::format("{} (a folder, device or pipe)", quoted));
      return;
    }
    auto text = read_file(path);
    if (!text) {
      error(line_number, 9, "included file cannot be read", "a readable journal",
            fmt::format("{}: {}", quoted, unreadable(text.error())));
      return;
    }
    if (const auto bad = not_a_journal(strip_bom(*text))) {
      error(line_number, 9, "included file is not a journal", "a ledger-format journal",
            fmt::format("{}, which has {}", quoted, bad->why));
      return;
    }
    const fs::path parent_display = fs::path(j_.files[file_]).parent_path();
    j_.files.push_back((parent_display / fs::path(argument)).lexically_normal().generic_string());
    const auto index = static_cast<std::uint32_t>(j_.files.size() - 1);
    j_.texts.push_back(std::make_unique<const std::string>(std::move(*text)));
    const std::string_view included = *j_.texts.back();
    const std::uint32_t saved_file = file_;
    including_.insert(canonical.string());
    parse_text(included, index, path.parent_path(), depth + 1);
    including_.erase(canonical.string());
    file_ = saved_file;
  }

  Journal& j_;
  Diagnostics& diagnostics_;
  JournalOptions options_;
  std::uint32_t file_ = 0;
  // Transaction and posting lines not read yet in the texts being read (count_lines).
  std::size_t transactions_ahead_ = 0;
  std::size_t postings_ahead_ = 0;
  std::unordered_map<std::string_view, std::uint32_t> account_ids_;
  // Accounts as written (views into the text) to their ids; cleared when an
  // alias or `apply account` changes what a name means.
  journal_detail::WrittenAccounts written_ids_;
  std::set<std::uint32_t> declared_;
  std::set<std::uint32_t> seen_commodity_;
  std::uint32_t last_commodity_ = UINT32_MAX;
  std::vector<std::pair<std::string, std::string>> aliases_;
  bool account_block_ = false;  // reading the indented lines under `account`
  std::uint32_t block_account_ = UINT32_MAX;
  std::string block_account_name_;
  std::optional<std::uint32_t> default_account_;  // `default` under `account`
  std::vector<std::vector<Balance>> running_;
  std::set<std::string> including_;
  // The directives of issue 15: `year`, `apply account`, `payee` aliases,
  // `tag`, automated transactions; the indented lines under them.
  Block block_ = Block::none;
  std::optional<int> year_;
  std::string apply_prefix_;  // "Outer:Inner:" under `apply account`
  std::vector<Applied> applied_;
  std::string_view block_payee_;
  std::vector<std::pair<std::shared_ptr<const re2::RE2>, std::string_view>> payee_aliases_;
  std::vector<AutoRule> rules_;
  bool rules_skipping_ = false;  // the lines under a refused `= PATTERN`
  bool has_virtual_ = false;     // the current transaction has `(…)` or `[…]` postings

  Transaction current_;
  bool open_ = false;
  bool bad_ = false;
  bool skipping_ = false;
  std::vector<PendingPosting> pending_;
  std::vector<Tag> pending_tags_;
  bool periodic_ = false;  // the open transaction is a periodic one (`~`)
  PeriodicTransaction pending_periodic_;
  std::vector<Sum> sums_;  // scratch for close_transaction
  bool costs_ = false;     // a posting of the open transaction has a price or a lot price
  std::vector<std::string> comma_commodities_;  // declared with a decimal comma
  std::uint32_t default_commodity_ = 0;          // `D`: what amounts with no commodity are in
  bool commodity_block_ = false;  // the indented lines are a `commodity` directive's
  std::uint32_t block_commodity_ = 0;
  std::vector<std::pair<std::string, std::uint32_t>> commodity_aliases_;
};

}  // namespace

namespace {

// The invariant journal.hpp promises the reports: per commodity, the sum of
// the absolute values of all postings at the commodity's display precision
// fits in 64 bits. Reports the first posting (of each commodity) where it
// stops doing so.
void check_totals(const Journal& journal, Diagnostics& diagnostics) {
  std::vector<Int128> totals(journal.commodities.size(), 0);
  std::vector<bool> reported(journal.commodities.size(), false);
  for (const Transaction& tx : journal.transactions) {
    for (const auto& p : journal.postings_of(tx)) {
      if (reported[p.commodity]) continue;
      const int precision = journal.commodities[p.commodity].precision;
      // |quantity| < 2^63 and 10^12 < 2^40: the product fits in 128 bits, and
      // so does the sum, which stops growing once it passes INT64_MAX.
      Int128 q =
          static_cast<Int128>(p.quantity) * (p.scale < precision ? pow10(precision - p.scale) : 1);
      if (q < 0) q = -q;
      Int128& total = totals[p.commodity];
      total += q;
      if (const Cost* c = journal.cost_of(p); c != nullptr && !reported[c->commodity]) {
        // A cost counts in its commodity too (`balance -B`), at that precision.
        const int cp = journal.commodities[c->commodity].precision;
        Int128 cq = c->scale < cp ? static_cast<Int128>(c->quantity) * pow10(cp - c->scale)
                                  : static_cast<Int128>(c->quantity) / pow10(c->scale - cp) + 1;
        totals[c->commodity] += cq < 0 ? -cq : cq;
        if (totals[c->commodity] > INT64_MAX) {
          reported[c->commodity] = true;
          diagnostics.push_back(
              {{journal.files[tx.file], static_cast<int>(p.line), static_cast<int>(p.column)},
               fmt::format("costs in `{}` too large to add up", journal.commodities[c->commodity].symbol),
               "the amounts and costs of one commodity adding up (without signs) within "
               "9,223,372,036,854,775,807 in the smallest unit",
               "a sum beyond that from this posting on",
               ""});
        }
      }
      if (total > INT64_MAX) {
        reported[p.commodity] = true;
        diagnostics.push_back(
            {{journal.files[tx.file], static_cast<int>(p.line), static_cast<int>(p.column)},
             fmt::format("amounts in `{}` too large to add up",
                         journal.commodities[p.commodity].symbol),
             "the postings of one commodity adding up (without signs) within "
             "9,223,372,036,854,775,807 in the "
             "smallest unit",
             "a sum beyond that from this posting on",
             ""});
      }
    }
  }
}

Journal parse_owned(std::unique_ptr<const std::string> text, const std::string& file,
                    Diagnostics& diagnostics, JournalOptions options, const fs::path& base_dir) {
  Journal journal;
  journal.file = file;
  journal.files.push_back(file);
  const std::string_view view = *text;
  journal.texts.push_back(std::move(text));
  Parser parser(journal, diagnostics, options);
  parser.parse_text(view, 0, base_dir, 0);
  check_totals(journal, diagnostics);
  return journal;
}

}  // namespace

Journal parse_journal(std::string_view text, const std::string& file, Diagnostics& diagnostics,
                      JournalOptions options, const fs::path& base_dir) {
  return parse_owned(std::make_unique<const std::string>(text), file, diagnostics, options,
                     base_dir);
}

Journal read_journals(const std::vector<fs::path>& paths, Diagnostics& diagnostics,
                      JournalOptions options) {
  Journal journal;
  Parser parser(journal, diagnostics, options);
  for (const auto& path : paths) {
    const std::string display = path.string();
    if (journal.file.empty()) journal.file = display;
    journal.files.push_back(display);
    const auto index = static_cast<std::uint32_t>(journal.files.size() - 1);
    auto text = read_file(path);
    if (!text) {
      diagnostics.push_back({{display, 0, 0},
                             "cannot read journal",
                             "a readable file",
                             unreadable(text.error()),
                             ""});
      continue;
    }
    journal.texts.push_back(std::make_unique<const std::string>(std::move(*text)));
    parser.parse_text(*journal.texts.back(), index, path.parent_path(), 0);
  }
  check_totals(journal, diagnostics);
  return journal;
}

void append_converted(Journal& journal, std::string text, const std::string& display,
                      const std::vector<int>& lines, Diagnostics& diagnostics,
                      JournalOptions options) {
  if (journal.files.empty()) {
    journal.file = display;
  }
  journal.files.push_back(display);
  const auto index = static_cast<std::uint32_t>(journal.files.size() - 1);
  journal.texts.push_back(std::make_unique<const std::string>(std::move(text)));
  const std::size_t first_transaction = journal.transactions.size();
  Diagnostics found;
  {
    Parser parser(journal, found, options);
    parser.parse_text(*journal.texts.back(), index, {}, 0);
  }
  // Precision may have grown: the whole journal is checked again.
  Diagnostics overflow;
  check_totals(journal, overflow);
  for (auto& d : overflow) {
    const bool known = std::ranges::any_of(diagnostics, [&](const Diagnostic& e) {
      return e.where.file == d.where.file && e.where.line == d.where.line && e.message == d.message;
    });
    if (!known) found.push_back(std::move(d));
  }
  // Point lines back at the source the text was converted from.
  const auto source_line = [&](int line) {
    return line >= 1 && static_cast<std::size_t>(line) <= lines.size()
               ? lines[static_cast<std::size_t>(line - 1)]
               : line;
  };
  for (auto& d : found) {
    if (d.where.file == display) d.where.line = source_line(d.where.line);
    diagnostics.push_back(std::move(d));
  }
  for (std::size_t t = first_transaction; t < journal.transactions.size(); ++t) {
    Transaction& tx = journal.transactions[t];
    tx.line = static_cast<std::uint32_t>(source_line(static_cast<int>(tx.line)));
    for (std::uint32_t k = 0; k < tx.posting_count; ++k) {
      Posting& p = journal.postings[tx.first_posting + k];
      p.line = static_cast<std::uint32_t>(source_line(static_cast<int>(p.line)));
    }
  }
}

Journal read_journal(const fs::path& path, const std::string& display, Diagnostics& diagnostics,
                     JournalOptions options) {
  auto text = read_file(path);
  if (!text) {
    diagnostics.push_back(
        {{display, 0, 0}, "cannot read journal", "a readable file", unreadable(text.error()), ""});
    Journal empty;
    empty.file = display;
    empty.files.push_back(display);
    return empty;
  }
  return parse_owned(std::make_unique<const std::string>(std::move(*text)), display, diagnostics,
                     options, path.parent_path());
}

}  // namespace quarterdeck
