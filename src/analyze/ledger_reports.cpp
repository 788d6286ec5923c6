#include "analyze/ledger_reports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/strings.hpp"

namespace quarterdeck {
namespace {

bool in_range(Date d, const std::optional<Date>& begin, const std::optional<Date>& end) {
  return (!begin || d >= *begin) && (!end || d < *end);
}

// Adds `q` of `commodity` into a small sorted-by-id vector of amounts.
void add_to(std::vector<ReportAmount>& amounts, std::uint32_t commodity, std::int64_t q) {
  for (auto& a : amounts) {
    if (a.commodity == commodity) {
      a.quantity += q;
      return;
    }
  }
  amounts.push_back({commodity, q});
}

void tidy(std::vector<ReportAmount>& amounts, const Journal& journal) {
  std::erase_if(amounts, [](const ReportAmount& a) { return a.quantity == 0; });
  std::ranges::sort(amounts, [&](const ReportAmount& a, const ReportAmount& b) {
    return journal.commodities[a.commodity].symbol < journal.commodities[b.commodity].symbol;
  });
}

std::string truncate_depth(const std::string& account, int depth) {
  if (depth <= 0) return account;
  std::size_t pos = 0;
  for (int level = 0; level < depth; ++level) {
    pos = account.find(':', pos);
    if (pos == std::string::npos) return account;
    if (level + 1 < depth) ++pos;
  }
  return account.substr(0, pos);
}

// The account as ledger's register shows it: `(NAME)` for a virtual
// posting, `[NAME]` for a balanced virtual one.
std::string shown_account(const Journal& journal, const Posting& p) {
  switch (p.kind) {
    case PostingKind::virtual_unbalanced:
      return "(" + journal.account_name(p) + ")";
    case PostingKind::virtual_balanced:
      return "[" + journal.account_name(p) + "]";
    case PostingKind::real:
      break;
  }
  return journal.account_name(p);
}

struct Node {
  std::string name;
  std::vector<ReportAmount> own;
  std::vector<ReportAmount> total;
  std::map<std::string, Node> children;
};

void add_path(Node& root, const std::string& account, const std::vector<ReportAmount>& amounts) {
  Node* node = &root;
  for (const auto part : split(account, ':')) {
    Node& child = node->children[std::string(part)];
    child.name = std::string(part);
    for (const auto& a : amounts) add_to(child.total, a.commodity, a.quantity);
    node = &child;
  }
  for (const auto& a : amounts) add_to(node->own, a.commodity, a.quantity);
}

bool has_balance(const Node& node, const Journal& journal, bool own_only) {
  std::vector<ReportAmount> amounts = own_only ? node.own : node.total;
  tidy(amounts, journal);
  return !amounts.empty();
}

// Ledger's tree: a node shows its total; a chain of single children with no
// balance of their own is shown as one "parent:child" line. `node_depth` is
// the number of name components down to `node`; `max_depth` 0 is unlimited.
void emit(const Node& node, int node_depth, int indent, int max_depth, const Journal& journal,
          std::vector<BalanceRow>& rows) {
  for (const auto& [_, child] : node.children) {
    std::vector<ReportAmount> total = child.total;
    tidy(total, journal);
    if (total.empty()) continue;
    std::string name = child.name;
    const Node* shown = &child;
    int depth = node_depth + 1;
    while (max_depth == 0 || depth < max_depth) {
      if (has_balance(*shown, journal, true)) break;
      const Node* only = nullptr;
      int count = 0;
      for (const auto& [__, grandchild] : shown->children) {
        if (has_balance(grandchild, journal, false)) {
          ++count;
          only = &grandchild;
        }
      }
      if (count != 1) break;
      name += ":" + only->name;
      shown = only;
      ++depth;
    }
    rows.push_back({name, indent, total});
    if (max_depth == 0 || depth < max_depth) emit(*shown, depth, indent + 1, max_depth, journal, rows);
  }
}

// Replaces each account's amounts in `sums` (account x commodity, at each
// commodity's display precision) by their value; an error names the first
// that does not fit.
std::string value_sums(const Journal& journal, const Valuation& v, std::vector<std::int64_t>& sums) {
  constexpr int k_extra = 10;  // places kept below the target's precision until the account's sum is rounded
  const std::size_t n = journal.commodities.size();
  // Each commodity's target and rate, found once.
  std::vector<std::optional<std::pair<std::uint32_t, Rate>>> target(n);
  for (std::uint32_t c = 0; c < n; ++c) {
    const std::string& symbol = journal.commodities[c].symbol;
    std::optional<std::string> to;
    if (v.exchange) {
      if (c != *v.exchange) to = journal.commodities[*v.exchange].symbol;
    } else if (!v.rates->is_price_commodity(symbol)) {
      to = v.rates->price_commodity(symbol, v.date);
    }
    if (!to) continue;
    const auto at = std::ranges::find(journal.commodities, *to, &CommodityStyle::symbol);
    if (at == journal.commodities.end()) continue;
    if (const auto quote = v.rates->on(symbol, *to, v.date)) {
      target[c] = {{static_cast<std::uint32_t>(at - journal.commodities.begin()), quote->rate}};
    }
  }
  for (std::size_t a = 0; a * n < sums.size(); ++a) {
    std::vector<FxInt> exact(n, 0);  // by target, at its precision + k_extra
    std::vector<bool> touched(n, false);
    for (std::uint32_t c = 0; c < n; ++c) {
      std::int64_t& q = sums[a * n + c];
      if (q == 0 || !target[c]) continue;
      const auto [to, rate] = *target[c];
      const auto value = convert(q, journal.commodities[c].precision, rate, journal.commodities[to].precision + k_extra);
      if (!value) {
        return fmt::format("{}: {} is too large to value in {}", journal.accounts[a],
                           format_amount(q, journal.commodities[c]), journal.commodities[to].symbol);
      }
      exact[to] += *value;
      touched[to] = true;
      q = 0;
    }
    for (std::uint32_t t = 0; t < n; ++t) {
      if (!touched[t]) continue;
      const auto rounded = convert(1, k_extra, Rate{exact[t], 1}, 0);
      const std::int64_t base = sums[a * n + t];
      std::int64_t sum = 0;
      if (!rounded || __builtin_add_overflow(base, *rounded, &sum)) {
        return fmt::format("{}: the value in {} is too large", journal.accounts[a], journal.commodities[t].symbol);
      }
      sums[a * n + t] = sum;
    }
  }
  return {};
}

// A cost at `precision` decimals, rounded half away from zero when finer.
// The reader has checked that the costs of each commodity add up in 64 bits.
std::int64_t cost_at_precision(const Cost& c, int precision) {
  std::int64_t q = c.quantity;
  for (int s = c.scale; s < precision; ++s) q *= 10;
  if (c.scale > precision) {
    std::int64_t unit = 1;
    for (int s = precision; s < c.scale; ++s) unit *= 10;
    const std::int64_t r = q % unit;
    q = q / unit + (2 * (r < 0 ? -r : r) >= unit ? (q < 0 ? -1 : 1) : 0);
  }
  return q;
}

}  // namespace

BalanceReport balance_report(const Journal& journal, const BalanceOptions& options) {
  const std::size_t commodities = journal.commodities.size();
  // A dense account x commodity matrix: journals have few commodities.
  std::vector<std::int64_t> sums(journal.accounts.size() * commodities, 0);
  const bool filtered = options.begin || options.end;
  const auto add = [&](const Posting& p) {
    if (filtered && !in_range(p.date, options.begin, options.end)) return;
    if (options.real_only && p.kind != PostingKind::real) return;
    if (options.cost && p.cost != 0) {
      const Cost& c = *journal.cost_of(p);
      sums[p.account * commodities + c.commodity] += cost_at_precision(c, journal.commodities[c.commodity].precision);
      return;
    }
    sums[p.account * commodities + p.commodity] += journal.quantity_at_precision(p);
  };
  if (options.include) {
    for (const auto& t : journal.transactions) {
      for (const auto& p : journal.postings_of(t)) {
        if (options.include(t, p)) add(p);
      }
    }
  } else {
    for (const auto& p : journal.postings) add(p);
  }
  BalanceReport report;
  if (options.valuation && options.valuation->rates != nullptr) {
    report.error = value_sums(journal, *options.valuation, sums);
    if (!report.error.empty()) return report;
  }
  std::map<std::string, std::vector<ReportAmount>> by_account;
  for (std::size_t a = 0; a < journal.accounts.size(); ++a) {
    std::vector<ReportAmount> amounts;
    for (std::size_t c = 0; c < commodities; ++c) {
      const std::int64_t q = sums[a * commodities + c];
      if (q == 0) continue;
      amounts.push_back({static_cast<std::uint32_t>(c), q});
      add_to(report.total, static_cast<std::uint32_t>(c), q);
    }
    if (amounts.empty()) continue;
    auto& into = by_account[options.flat ? truncate_depth(journal.accounts[a], options.depth) : journal.accounts[a]];
    for (const auto& x : amounts) add_to(into, x.commodity, x.quantity);
  }
  tidy(report.total, journal);
  if (options.flat) {
    for (auto& [account, amounts] : by_account) {
      tidy(amounts, journal);
      if (!amounts.empty()) report.rows.push_back({account, 0, std::move(amounts)});
    }
    return report;
  }
  Node root;
  for (const auto& [account, amounts] : by_account) add_path(root, account, amounts);
  emit(root, 0, 0, options.depth, journal, report.rows);
  return report;
}

std::vector<RegisterRow> register_report(const Journal& journal, const RegisterOptions& options) {
  std::vector<RegisterRow> rows;
  std::vector<ReportAmount> running;
  const auto matches = [&](const Posting& p) {
    return (!options.real_only || p.kind == PostingKind::real) && (!options.include || options.include(p)) &&
           (!options.account_pattern || std::regex_search(journal.account_name(p), *options.account_pattern));
  };
  if (!options.monthly) {
    for (const auto& t : journal.transactions) {
      for (const auto& p : journal.postings_of(t)) {
        if (!in_range(p.date, options.begin, options.end) || !matches(p)) continue;
        const std::int64_t q = journal.quantity_at_precision(p);
        add_to(running, p.commodity, q);
        std::vector<ReportAmount> total = running;
        tidy(total, journal);
        rows.push_back({p.date, p.date, std::string(t.payee), shown_account(journal, p), {{p.commodity, q}}, total});
      }
    }
    return rows;
  }
  // Monthly: one row per month and account, in month order then account name.
  std::map<std::pair<Month, std::string>, std::vector<ReportAmount>> months;
  for (const auto& p : journal.postings) {
    if (!in_range(p.date, options.begin, options.end) || !matches(p)) continue;
    add_to(months[{Month::of(p.date), shown_account(journal, p)}], p.commodity, journal.quantity_at_precision(p));
  }
  for (auto& [key, amounts] : months) {
    tidy(amounts, journal);
    if (amounts.empty()) continue;
    for (const auto& a : amounts) add_to(running, a.commodity, a.quantity);
    std::vector<ReportAmount> total = running;
    tidy(total, journal);
    rows.push_back({key.first.first_day(), key.first.last_day(), "", key.second, amounts, total});
  }
  return rows;
}

}  // namespace quarterdeck
