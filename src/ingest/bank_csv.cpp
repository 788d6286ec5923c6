#include "ingest/bank_csv.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <memory>

#include "model/money.hpp"
#include "util/csv.hpp"
#include "util/date.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

struct Assignments {
  std::string account2, comment, description;
};

// Patterns are RE2, which matches in time linear in the line and without
// recursion: std::regex recurses once a character and overflows the stack
// on a long enough bank line.
struct IfBlock {
  std::vector<std::shared_ptr<const re2::RE2>> patterns;
  Assignments set;
  int line = 0;
};

struct Rules {
  int skip = 1;
  char separator = ',';
  std::vector<std::string> fields;
  std::string date_format = "%Y-%m-%d";
  std::string currency = "$";
  std::string account1;
  std::vector<IfBlock> blocks;
  int fields_line = 0;
};

constexpr std::string_view k_field_names[] = {"date", "description", "amount", "amount-in", "amount-out", "code",
                                              "comment"};

Rules parse_rules(std::string_view text, const std::string& file, Diagnostics& d) {
  Rules rules;
  int line_number = 0;
  IfBlock* open_if = nullptr;
  bool collecting_patterns = false;
  const auto bad = [&](int column, std::string message, std::string expected, std::string found) {
    d.push_back({{file, line_number, column}, std::move(message), std::move(expected), std::move(found), ""});
  };
  const auto add_pattern = [&](std::string_view pattern) {
    re2::RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto re = std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (re->ok()) {
      open_if->patterns.push_back(std::move(re));
    } else {
      bad(1, "invalid regular expression", "a pattern such as `HOME DEPOT|LOWES`",
          fmt::format("`{}`: {}", pattern, re->error()));
    }
  };
  for (const auto raw : split(text, '\n')) {
    ++line_number;
    const std::string_view line = raw.ends_with('\r') ? raw.substr(0, raw.size() - 1) : raw;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#' || content.front() == ';') {
      if (content.empty()) collecting_patterns = false;
      continue;
    }
    const bool indented = line.front() == ' ' || line.front() == '\t';
    const std::string_view word = content.substr(0, content.find_first_of(" \t"));
    const std::string_view value = trim(content.substr(word.size()));
    if (indented && open_if != nullptr) {
      collecting_patterns = false;
      if (word == "account2") {
        open_if->set.account2 = std::string(value);
      } else if (word == "comment") {
        open_if->set.comment = std::string(value);
      } else if (word == "description") {
        open_if->set.description = std::string(value);
      } else {
        bad(static_cast<int>(line.find(word)) + 1, fmt::format("unknown assignment `{}` in an if block", word),
            "`account2`, `comment` or `description`", fmt::format("`{}`", word));
      }
      continue;
    }
    if (collecting_patterns && !indented) {
      if (word != "if" && word != "fields" && word != "skip" && word != "account1" && word != "currency" &&
          word != "date-format" && word != "separator") {
        add_pattern(content);
        continue;
      }
    }
    collecting_patterns = false;
    open_if = nullptr;
    if (word == "skip") {
      // A count of header lines: checked, so a huge or negative one cannot
      // push the line numbers past what an int holds.
      int n = 1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (!value.empty() && (ec != std::errc{} || end != value.data() + value.size() || n < 0 || n > 1000000)) {
        bad(static_cast<int>(line.find(value)) + 1, "invalid `skip`", "a number of lines from 0 to 1000000",
            fmt::format("`{}`", value));
      } else {
        rules.skip = value.empty() ? 1 : n;
      }
    } else if (word == "separator") {
      rules.separator = value == "TAB" || value == "\\t" ? '\t' : value.empty() ? ',' : value.front();
    } else if (word == "fields") {
      rules.fields_line = line_number;
      rules.fields.clear();
      for (const auto f : split(value, ',')) rules.fields.push_back(to_lower(trim(f)));
      const bool has_date = std::ranges::find(rules.fields, "date") != rules.fields.end();
      const bool has_amount = std::ranges::find(rules.fields, "amount") != rules.fields.end() ||
                              std::ranges::find(rules.fields, "amount-in") != rules.fields.end() ||
                              std::ranges::find(rules.fields, "amount-out") != rules.fields.end();
      if (!has_date || !has_amount) {
        bad(1, "fields must name the date and the amount", "`date` and `amount` (or `amount-in`/`amount-out`)",
            fmt::format("`{}`", value));
      }
    } else if (word == "date-format") {
      rules.date_format = std::string(value);
    } else if (word == "currency") {
      rules.currency = std::string(value);
    } else if (word == "account1") {
      rules.account1 = std::string(value);
    } else if (word == "if") {
      rules.blocks.push_back({{}, {}, line_number});
      open_if = &rules.blocks.back();
      if (value.empty()) {
        collecting_patterns = true;
      } else {
        add_pattern(value);
      }
    } else {
      std::vector<std::string_view> known = {"skip", "separator", "fields", "date-format", "currency", "account1", "if"};
      const auto best = closest_match(word, known);
      d.push_back({{file, line_number, 1}, fmt::format("unknown rules directive `{}`", word),
                   "skip, separator, fields, date-format, currency, account1 or if", fmt::format("`{}`", word),
                   best ? fmt::format("did you mean `{}`?", *best) : ""});
    }
  }
  if (rules.fields.empty()) {
    d.push_back({{file, 1, 1}, "no `fields` directive", "`fields date, description, amount`", "none", ""});
  }
  if (rules.account1.empty()) {
    d.push_back({{file, 1, 1}, "no `account1` directive", "the bank account, e.g. `account1 Assets:X:Checking`",
                 "none", ""});
  }
  for (const auto& b : rules.blocks) {
    if (b.set.account2.empty() && b.set.comment.empty() && b.set.description.empty()) {
      d.push_back({{file, b.line, 1}, "if block sets nothing", "an indented `account2 ACCOUNT` under it", "none", ""});
    }
  }
  return rules;
}

std::optional<Date> parse_with_format(std::string_view text, std::string_view format) {
  static constexpr std::string_view k_months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  int year = -1, month = -1, day = -1;
  std::size_t i = 0;
  const auto number = [&](std::size_t max_digits, int& out) {
    const std::size_t start = i;
    out = 0;
    while (i < text.size() && i - start < max_digits && text[i] >= '0' && text[i] <= '9') out = out * 10 + (text[i++] - '0');
    return i > start;
  };
  for (std::size_t f = 0; f < format.size(); ++f) {
    if (format[f] != '%') {
      if (i >= text.size() || text[i] != format[f]) return std::nullopt;
      ++i;
      continue;
    }
    if (++f >= format.size()) return std::nullopt;
    if (format[f] == '-' && f + 1 < format.size()) ++f;  // %-m: no padding; we read 1-2 digits anyway
    switch (format[f]) {
      case 'Y': if (!number(4, year)) return std::nullopt; break;
      case 'y': if (!number(2, year)) return std::nullopt; year += 2000; break;
      case 'm': if (!number(2, month)) return std::nullopt; break;
      case 'd': case 'e': if (!number(2, day)) return std::nullopt; break;
      case 'b': {
        if (i + 3 > text.size()) return std::nullopt;
        const std::string name = to_lower(text.substr(i, 3));
        const auto it = std::ranges::find(k_months, name);
        if (it == std::end(k_months)) return std::nullopt;
        month = static_cast<int>(it - std::begin(k_months)) + 1;
        i += 3;
        break;
      }
      default: return std::nullopt;
    }
  }
  if (i != text.size() || year < 0 || month < 0 || day < 0) return std::nullopt;
  return Date::from_ymd(year, month, day);
}

// "1,250.00", "-75.10", "$12.00", "(12.50)" -> Money; empty -> zero.
std::optional<Money> parse_bank_amount(std::string_view text) {
  std::string cleaned;
  bool negative = false;
  text = trim(text);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    negative = true;
    text = text.substr(1, text.size() - 2);
  }
  for (const char c : text) {
    if (c == '$' || c == ',' || c == ' ') continue;
    if (c == '-') {
      negative = !negative;
      continue;
    }
    cleaned += c;
  }
  if (cleaned.empty()) return Money(0);
  auto m = Money::parse_decimal(cleaned, 2);
  if (!m) return std::nullopt;
  return negative ? -*m : *m;
}

std::string clean_text(std::string_view s) {
  std::string out;
  for (const char c : s) out += (c == '\n' || c == '\r' || c == ';') ? ' ' : c;
  return std::string(trim(out));
}

}  // namespace

ConvertedJournal convert_bank_csv(std::string_view csv_text, const std::string& csv_file, std::string_view rules_text,
                                  const std::string& rules_file, const std::string& entity_segment,
                                  Diagnostics& diagnostics) {
  ConvertedJournal out;
  const std::size_t before = diagnostics.size();
  const Rules rules = parse_rules(rules_text, rules_file, diagnostics);
  if (diagnostics.size() != before) return out;

  // The CSV reader takes `,`; other separators are turned into commas first
  // only when the data has no commas of its own (kept simple on purpose).
  std::string text(csv_text);
  if (rules.separator != ',') std::ranges::replace(text, rules.separator, ',');
  // Skipped lines are dropped before parsing; a header line that is kept
  // would be read as data, so the CSV reader is given a synthetic header.
  std::string header;
  for (std::size_t i = 0; i < rules.fields.size(); ++i) header += (i ? "," : "") + fmt::format("f{}", i);
  std::size_t cut = 0;
  for (int i = 0; i < rules.skip && cut != std::string::npos; ++i) {
    cut = text.find('\n', cut);
    if (cut != std::string::npos) ++cut;
  }
  const std::string body = cut == std::string::npos ? std::string() : text.substr(cut);
  const CsvTable table = parse_csv(header + "\n" + body, csv_file, diagnostics);
  const int line_offset = rules.skip - 1;  // the synthetic header stands where the skipped lines were

  const auto column = [&](std::string_view name) -> int {
    const auto it = std::ranges::find(rules.fields, name);
    return it == rules.fields.end() ? -1 : static_cast<int>(it - rules.fields.begin());
  };
  const int c_date = column("date"), c_desc = column("description"), c_amount = column("amount");
  const int c_in = column("amount-in"), c_out = column("amount-out"), c_code = column("code"),
            c_comment = column("comment");
  const std::string unknown_out = entity_segment.empty() ? "Expenses:Unknown" : "Expenses:" + entity_segment + ":Unknown";
  const std::string unknown_in = entity_segment.empty() ? "Income:Unknown" : "Income:" + entity_segment + ":Unknown";

  for (const auto& row : table.rows) {
    const int csv_line = row.line + line_offset;
    const auto field = [&](int c) -> std::string_view {
      return c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? std::string_view(row.fields[static_cast<std::size_t>(c)].text) : std::string_view();
    };
    const auto where = [&](int c) {
      const int col = c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? row.fields[static_cast<std::size_t>(c)].column : 1;
      return SourcePosition{csv_file, csv_line, col};
    };
    const auto date = parse_with_format(trim(field(c_date)), rules.date_format);
    if (!date) {
      diagnostics.push_back({where(c_date), "invalid date",
                             fmt::format("{} in the format `{}`", Date::range_text(), rules.date_format),
                             fmt::format("`{}`", field(c_date)), ""});
      continue;
    }
    std::optional<Money> amount;
    if (c_amount >= 0) {
      amount = parse_bank_amount(field(c_amount));
    } else {
      const auto in = parse_bank_amount(field(c_in));
      const auto outflow = parse_bank_amount(field(c_out));
      if (in && outflow) amount = *in - (outflow->is_negative() ? -*outflow : *outflow);
    }
    if (!amount) {
      const int c = c_amount >= 0 ? c_amount : c_in;
      diagnostics.push_back({where(c), "invalid amount", "a decimal such as 1,250.00 or (12.50)",
                             fmt::format("`{}`", c_amount >= 0 ? field(c_amount) : field(c_in)), ""});
      continue;
    }
    // The whole record, for the `if` patterns.
    std::string record;
    for (std::size_t i = 0; i < row.fields.size(); ++i) record += (i ? "," : "") + row.fields[i].text;
    Assignments set;
    for (const auto& block : rules.blocks) {
      const bool matched = std::ranges::any_of(block.patterns, [&](const auto& re) { return re2::RE2::PartialMatch(record, *re); });
      if (!matched) continue;
      if (!block.set.account2.empty()) set.account2 = block.set.account2;
      if (!block.set.comment.empty()) set.comment = block.set.comment;
      if (!block.set.description.empty()) set.description = block.set.description;
    }
    if (set.account2.empty()) {
      set.account2 = amount->is_negative() ? unknown_out : unknown_in;
      ++out.uncategorised;
    }
    const std::string description = clean_text(set.description.empty() ? field(c_desc) : set.description);
    const std::string code = clean_text(field(c_code));
    const std::string comment = clean_text(set.comment.empty() ? field(c_comment) : set.comment);
    const bool prefix = rules.currency == "$";
    const std::string shown = prefix ? (amount->is_negative() ? "-$" + (-*amount).to_decimal() : "$" + amount->to_decimal())
                                     : amount->to_decimal() + " " + rules.currency;
    out.text += fmt::format("{}{} {}\n", date->to_string(), code.empty() ? "" : " (" + code + ")",
                            description.empty() ? "(no description)" : description);
    out.text += fmt::format("    {}  {}\n", rules.account1, shown);
    out.text += fmt::format("    {}{}\n\n", set.account2, comment.empty() ? "" : "  ; " + comment);
    for (int i = 0; i < 4; ++i) out.lines.push_back(csv_line);
    ++out.rows;
  }
  return out;
}

}  // namespace quarterdeck
