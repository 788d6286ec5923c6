// `quarterdeck ledger balance|register FILE...`: the finance engine on its
// own, laid out like ledger so its figures can be checked side by side.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <functional>

#include "analyze/budget.hpp"
#include "analyze/ledger_reports.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "ingest/bank_csv.hpp"
#include "ingest/journal.hpp"
#include "render/budget_output.hpp"
#include "render/ledger_output.hpp"
#include "util/text_input.hpp"

namespace quarterdeck::cli {
namespace {

// Journals are read as they are; a `.csv` file is a bank export read through
// its rules (`--rules`, or FILE.rules beside it, as hledger looks for them).
std::optional<Journal> load(const Output& out, const std::vector<std::string>& files,
                            const std::string& rules_option, bool strict) {
  std::vector<std::filesystem::path> journals;
  std::vector<std::string> csvs;
  for (const auto& f : files) {
    if (f.ends_with(".csv")) {
      csvs.push_back(f);
    } else {
      journals.emplace_back(f);
    }
  }
  Diagnostics diagnostics;
  Journal journal = read_journals(journals, diagnostics, {strict});
  for (const auto& csv : csvs) {
    const std::string rules_path = rules_option.empty() ? csv + ".rules" : rules_option;
    const auto csv_text = read_text_input(csv, csv, diagnostics);
    const auto rules_text = read_text_input(rules_path, rules_path, diagnostics);
    if (!csv_text || !rules_text) continue;
    ConvertedJournal converted =
        convert_bank_csv(*csv_text, csv, *rules_text, rules_path, "", diagnostics);
    append_converted(journal, std::move(converted.text), csv, converted.lines, diagnostics,
                     {strict});
  }
  if (diagnostics.empty()) return journal;
  for (const auto& d : diagnostics) out.error("{}\n", d.to_string());
  out.error("quarterdeck: {} problem{} in the journal\n", diagnostics.size(),
            diagnostics.size() == 1 ? "" : "s");
  return std::nullopt;
}

// ledger's --cleared, --pending and --uncleared (not cleared: pending or
// unmarked), on each posting's own mark or, without one, its transaction's.
std::function<bool(const Posting&)> mark_filter(const LedgerOptions& o) {
  if (o.cleared) return [](const Posting& p) { return p.mark == '*'; };
  if (o.pending) return [](const Posting& p) { return p.mark == '!'; };
  if (o.uncleared) return [](const Posting& p) { return p.mark != '*'; };
  return {};
}

bool parse_date_option(const Output& out, const std::string& text, const char* name,
                       std::optional<Date>& date) {
  if (text.empty()) return true;
  date = Date::parse(text);
  if (!date)
    out.error("{}: expected {} (YYYY-MM-DD), found `{}`\n", name, Date::range_text(), text);
  return date.has_value();
}

// `balance --budget [-M]`: hledger's budget report (analyze/budget.hpp).
int budget_balance(const Output& out, const LedgerOptions& o, const Journal& journal, const BalanceOptions& options) {
  if (o.format != "text" && o.format != "csv") {
    out.error("--format: expected text or csv with --budget, found `{}`\n", o.format);
    return k_exit_invalid;
  }
  const BudgetReport report = budget_report(journal, {options.begin, options.end, o.monthly});
  if (report.overflow) {
    out.error("quarterdeck: a budget amount times its occurrences does not fit in 64-bit integers\n");
    return k_exit_invalid;
  }
  out.print("{}", o.format == "csv" ? render::budget_csv(journal, report) : render::budget_text(journal, report));
  return k_exit_ok;
}

}  // namespace

int ledger_balance_command(const LedgerOptions& o, const Environment& env) {
  const Output out = output_for(env);
  BalanceOptions options;
  options.flat = o.flat;
  options.depth = o.depth;
  options.cost = o.cost;
  options.real_only = o.real;
  if (auto filter = mark_filter(o)) {
    options.include = [filter](const Transaction&, const Posting& p) { return filter(p); };
  }
  if (!parse_date_option(out, o.begin, "--begin", options.begin) ||
      !parse_date_option(out, o.end, "--end", options.end)) {
    return k_exit_invalid;
  }
  const auto journal = load(out, o.files, o.rules, o.strict);
  if (!journal) return k_exit_invalid;
  if (o.budget) return budget_balance(out, o, *journal, options);
  // -X and --value: the journal's own prices, on or before --end (as ledger
  // 3.3 values at the end it is given), else the latest of each.
  RateTable rates;
  if (!o.exchange.empty() || o.value) {
    rates.add(*journal);
    Valuation v{std::nullopt, &rates, options.end.value_or(*Date::from_ymd(Date::k_last_year, 12, 31))};
    if (!o.exchange.empty()) {
      const auto at = std::ranges::find(journal->commodities, o.exchange, &CommodityStyle::symbol);
      if (at == journal->commodities.end()) {
        out.error("-X: expected a commodity of the journal, found `{}`\n", o.exchange);
        return k_exit_invalid;
      }
      v.exchange = static_cast<std::uint32_t>(at - journal->commodities.begin());
    }
    options.valuation = v;
  }
  const BalanceReport report = balance_report(*journal, options);
  if (!report.error.empty()) {
    out.error("quarterdeck: {}\n", report.error);
    return k_exit_invalid;
  }
  if (o.format == "json") {
    out.data(render::balance_json(*journal, report));
  } else if (o.format == "csv") {
    out.print("{}", render::balance_csv(*journal, report));
  } else {
    out.print("{}", render::balance_text(*journal, report));
  }
  return k_exit_ok;
}

int ledger_register_command(const LedgerOptions& o, const Environment& env) {
  const Output out = output_for(env);
  RegisterOptions options;
  options.monthly = o.monthly;
  options.real_only = o.real;
  options.include = mark_filter(o);
  if (!parse_date_option(out, o.begin, "--begin", options.begin) ||
      !parse_date_option(out, o.end, "--end", options.end)) {
    return k_exit_invalid;
  }
  if (!o.pattern.empty()) {
    try {
      options.account_pattern = std::regex(o.pattern, std::regex::icase);
    } catch (const std::regex_error& e) {
      out.error("PATTERN: invalid regular expression `{}`: {}\n", o.pattern, e.what());
      return k_exit_invalid;
    }
  }
  const auto journal = load(out, o.files, o.rules, o.strict);
  if (!journal) return k_exit_invalid;
  const auto rows = register_report(*journal, options);
  out.print("{}", o.format == "csv" ? render::register_csv(*journal, rows)
                                    : render::register_text(*journal, rows));
  return k_exit_ok;
}

}  // namespace quarterdeck::cli
