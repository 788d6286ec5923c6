#include "ingest/journal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

struct ParsedAmount {
  std::string commodity;
  Money amount;
};

// "$1,250.00", "-$75.10", "$-75.10", "1250.00 USD", "-1,250 USD".
std::optional<ParsedAmount> parse_amount(std::string_view text, std::string& why) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  std::string commodity;
  if (!text.empty() && text.front() == '$') {
    commodity = "$";
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') {
      negative = !negative;
      text.remove_prefix(1);
    }
  } else if (const auto space = text.rfind(' '); space != std::string_view::npos) {
    commodity = std::string(trim(text.substr(space + 1)));
    text = trim(text.substr(0, space));
    if (!std::ranges::all_of(commodity, [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
      why = fmt::format("commodity `{}`", commodity);
      return std::nullopt;
    }
  } else {
    why = "an amount without a commodity";
    return std::nullopt;
  }
  auto money = Money::parse_decimal(text, 2);
  if (!money || text.starts_with('-') || text.starts_with('+')) {
    why = fmt::format("`{}`", text);
    return std::nullopt;
  }
  return ParsedAmount{commodity, negative ? -*money : *money};
}

class JournalParser {
 public:
  JournalParser(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), diagnostics_(diagnostics) {
    journal_.file = file;
  }

  Journal parse() {
    int line_number = 0;
    for (const auto raw : split(text_, '\n')) {
      ++line_number;
      const std::string_view line = raw.ends_with('\r') ? raw.substr(0, raw.size() - 1) : raw;
      if (trim(line).empty()) {
        close_transaction();
        skipping_ = false;  // a blank line ends a skipped transaction too
        continue;
      }
      const char first = line.front();
      if (first == ';' || first == '#' || first == '*') continue;  // comment lines
      if (first == ' ' || first == '\t') {
        posting_line(line, line_number);
        continue;
      }
      close_transaction();
      if (std::isdigit(static_cast<unsigned char>(first))) {
        transaction_line(line, line_number);
      } else {
        error(line_number, 1, "unsupported directive", "a transaction date or a comment",
              fmt::format("`{}`", trim(line).substr(0, 30)));
      }
    }
    close_transaction();
    return std::move(journal_);
  }

 private:
  void error(int line, int column, std::string message, std::string expected, std::string found) {
    diagnostics_.push_back({{journal_.file, line, column}, std::move(message), std::move(expected),
                            std::move(found), ""});
  }

  void transaction_line(std::string_view line, int line_number) {
    const auto date_end = line.find_first_of(" \t");
    const std::string_view date_text = line.substr(0, date_end);
    const auto date = Date::parse(date_text);
    if (!date) {
      error(line_number, 1, "invalid date", "YYYY-MM-DD or YYYY/MM/DD", fmt::format("`{}`", date_text));
      skipping_ = true;
      return;
    }
    Transaction t;
    t.date = *date;
    t.line = line_number;
    std::string_view rest = date_end == std::string_view::npos ? "" : trim(line.substr(date_end));
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
      t.code = std::string(rest.substr(1, close - 1));
      rest = trim(rest.substr(close + 1));
    }
    if (const auto comment = rest.find(';'); comment != std::string_view::npos) {
      rest = trim(rest.substr(0, comment));
    }
    t.payee = std::string(rest);
    current_ = std::move(t);
    skipping_ = false;
  }

  void posting_line(std::string_view line, int line_number) {
    const auto start = line.find_first_not_of(" \t");
    std::string_view body = line.substr(start);
    if (body.front() == ';') return;  // a comment under a transaction
    if (!current_) {
      if (!skipping_) {
        error(line_number, static_cast<int>(start) + 1, "posting outside a transaction",
              "a transaction line before it", "an indented line");
      }
      return;
    }
    if (const auto comment = body.find(';'); comment != std::string_view::npos) {
      body = body.substr(0, comment);
    }
    body = trim(body);
    // The account ends at two spaces or a tab.
    std::size_t account_end = body.find("  ");
    const std::size_t tab = body.find('\t');
    if (tab != std::string_view::npos && (account_end == std::string_view::npos || tab < account_end)) {
      account_end = tab;
    }
    Posting p;
    p.line = line_number;
    p.account = std::string(trim(body.substr(0, account_end)));
    if (account_end == std::string_view::npos) {
      p.elided = true;
    } else {
      const std::string_view amount_text = trim(body.substr(account_end));
      std::string why;
      auto amount = parse_amount(amount_text, why);
      if (!amount) {
        const int column = static_cast<int>(start + (amount_text.data() - line.substr(start).data())) + 1;
        error(line_number, column, "invalid amount", "an amount such as `$1,250.00` or `1250.00 USD`", why);
        current_.reset();
        skipping_ = true;
        return;
      }
      p.commodity = amount->commodity;
      p.amount = amount->amount;
    }
    current_->postings.push_back(std::move(p));
  }

  void close_transaction() {
    if (!current_) return;
    Transaction t = std::move(*current_);
    current_.reset();
    std::map<std::string, Money> sums;
    Posting* elided = nullptr;
    for (auto& p : t.postings) {
      if (p.elided) {
        if (elided != nullptr) {
          error(p.line, 1, "more than one posting without an amount", "at most one", "a second");
          return;
        }
        elided = &p;
      } else {
        sums[p.commodity] += p.amount;
      }
    }
    if (t.postings.size() < 2) {
      error(t.line, 1, "transaction has fewer than two postings", "two or more postings",
            fmt::format("{}", t.postings.size()));
      return;
    }
    if (elided != nullptr) {
      std::vector<std::pair<std::string, Money>> open;
      for (const auto& [c, m] : sums) {
        if (!m.is_zero()) open.emplace_back(c, m);
      }
      if (open.size() > 1) {
        error(elided->line, 1, "cannot fill in an amount for several commodities",
              "one commodity when an amount is left out", fmt::format("{}", open.size()));
        return;
      }
      if (!open.empty()) {
        elided->commodity = open.front().first;
        elided->amount = -open.front().second;
      } else {
        elided->commodity = sums.empty() ? "$" : sums.begin()->first;
      }
    } else {
      for (const auto& [c, m] : sums) {
        if (!m.is_zero()) {
          error(t.line, 1, "transaction does not balance", "postings summing to zero",
                fmt::format("a remainder of {}", c == "$" ? m.to_display("$") : m.to_decimal() + " " + c));
          return;
        }
      }
    }
    journal_.transactions.push_back(std::move(t));
  }

  std::string_view text_;
  Diagnostics& diagnostics_;
  Journal journal_;
  std::optional<Transaction> current_;
  bool skipping_ = false;
};

}  // namespace

Journal parse_journal(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  return JournalParser(text, file, diagnostics).parse();
}

}  // namespace quarterdeck
