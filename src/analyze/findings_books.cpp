// Finance and accounting findings from the journal and the bookings:
// runway, stalled revenue, losses, missing books, revenue that never reaches
// the books, billing gaps.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyze/finance.hpp"
#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"
#include "util/strings.hpp"

namespace quarterdeck::findings_detail {
namespace {

// Cash below zero at the as-of date: the entity is overdrawn.
Finding overdrawn(const AnalysisContext& ctx, const Entity& e, const EntityBooks& eb) {
  const Money cash = eb.cash_at(ctx.as_of);
  Finding f = make_finding(
      ctx, "runway-" + e.id, Severity::critical, "finance", e.id, "runway", "cfo",
      fmt::format("{}: overdrawn by {}", e.name, (-cash).to_display(ctx.symbol)),
      {{ctx.books->file, fmt::format("cash {} at {} (Assets:{}:Checking/Cash/Savings)", cash.to_display(ctx.symbol),
                                     ctx.as_of.to_string(), e.account)}},
      fmt::format("Bring {} accounts back above zero this week (a transfer, collected invoices or a paused "
                  "payment), then set a cash floor.",
                  possessive(e.name)));
  f.at_stake = -cash;
  f.days_to_impact = 0;
  return f;
}

// Months with no posting for the entity between its first and last, in its
// season: the books for those months are probably missing.
void gap_months(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  if (!ctx.books || !ctx.data.journal) return;
  const PostingGaps found = months_without_postings(e, ctx);
  const std::vector<Month>& gaps = found.months;
  if (gaps.empty()) return;
  std::vector<std::string> names;
  for (const Month m : gaps) names.push_back(m.name());
  std::vector<Evidence> evidence;
  for (const Month m : gaps) {
    evidence.push_back({ctx.books->file, fmt::format("no posting for {} (*:{}:* or tagged) dated in {}", e.name,
                                                     e.account, m.name())});
  }
  evidence.push_back({ctx.data.journal->where(*found.first->t, *found.first->p),
                      fmt::format("the entity's first posting, {}", found.first->p->date.to_string())});
  evidence.push_back({ctx.data.journal->where(*found.last->t, *found.last->p),
                      fmt::format("its last posting by {}, {}", ctx.as_of.to_string(), found.last->p->date.to_string())});
  Finding f = make_finding(
      ctx, "books-gap-" + e.id, Severity::medium, "accounting", e.id, "books", "accounting",
      fmt::format("{}: no postings in {}, with postings before and after: the books are probably incomplete",
                  e.name, join(names, ", ")),
      std::move(evidence),
      fmt::format("Record {} transactions for {} from the bank statements and receipts.", possessive(e.name),
                  join(names, ", ")));
  out.push_back(std::move(f));
}

}  // namespace

void detect_finance(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.books) return;
  const std::string& file = ctx.books->file;
  for (const auto& e : ctx.portfolio.entities) {
    const EntityBooks* eb = ctx.books->find(e.id);
    if (eb == nullptr) continue;
    if (eb->has_cash_accounts() && eb->cash_at(ctx.as_of).is_negative()) {
      out.push_back(overdrawn(ctx, e, *eb));  // no runway to speak of, whatever the burn
    } else if (const auto burn = monthly_burn(*eb, ctx); burn && burn->units() > 0) {
      const Money cash = eb->cash_at(ctx.as_of);
      const Quantity runway = Quantity::ratio_of(cash.units(), burn->units(), Quantity::Kind::months);
      // Cash out within a month puts continuity at risk now; within three
      // months, in the next month's decisions; under six, this quarter's.
      const Severity severity = runway.scaled < 10   ? Severity::critical
                                : runway.scaled < 30 ? Severity::high
                                : runway.scaled < 60 ? Severity::medium
                                : runway.scaled < 120 ? Severity::low
                                                      : Severity::info;
      if (severity != Severity::info) {
        Finding& f = out.emplace_back(make_finding(
            ctx, "runway-" + e.id, severity, "finance", e.id, "runway", "cfo",
            fmt::format("{}: {} of runway at the current burn", e.name, runway.to_display(ctx.symbol)),
            {{file, fmt::format("cash {} at {} (Assets:{}:Checking/Cash/Savings)", cash.to_display(ctx.symbol),
                                ctx.as_of.to_string(), e.account)},
             {file, fmt::format("cash fell {} from {} to {}: a burn of {} a month",
                                         burn->times(3).to_display(ctx.symbol), ctx.period.plus(-3).last_day().to_string(),
                                         ctx.period.last_day().to_string(), burn->to_display(ctx.symbol))}},
            fmt::format("Cut {} monthly burn or raise revenue to keep at least 6 months of runway.", possessive(e.name))));
        f.at_stake = *burn;
        f.days_to_impact = static_cast<int>(runway.scaled * 3);  // tenths of a month, 30 days each
      }
    }
    // Closed for the season: no income is expected, and its months lose money.
    const bool open = in_season(e, Month::of(ctx.as_of)) && in_season(e, ctx.period);
    if (open && eb->last_income && eb->last_income->days_until(ctx.as_of) > 60) {
      Finding& f = out.emplace_back(make_finding(
          ctx, "revenue-stalled-" + e.id, Severity::high, "finance", e.id, "sales", "cfo",
          fmt::format("{}: no revenue booked since {}", e.name, eb->last_income->to_string()),
          {{ctx.at(file, eb->last_income_line), fmt::format("last Income:{}:* posting", e.account)}},
          fmt::format("Find out why {} stopped earning and decide: restart sales, or wind down its costs.",
                      e.name)));
      // What keeps being spent while nothing comes in: last month's expenses.
      if (const Money spent = eb->expenses_in(ctx.period); spent.units() > 0) f.at_stake = spent;
      f.days_to_impact = 0;
    }
    if (open && eb->income_postings > 0) {
      Money net;
      int losing = 0;
      for (int i = 0; i < 3; ++i) {
        const Month m = ctx.period.plus(-i);
        const Money n = eb->revenue_in(m) - eb->expenses_in(m);
        net += n;
        if (n.is_negative()) ++losing;
      }
      if (losing == 3) {
        Finding& f = out.emplace_back(make_finding(
            ctx, "losing-money-" + e.id, Severity::medium, "finance", e.id, "profit", "cfo",
            fmt::format("{}: lost money three months running ({} net)", e.name, net.to_display(ctx.symbol)),
            {{file, fmt::format("Income and Expenses:{}:* in {} to {}", e.account, ctx.period.plus(-2).name(),
                                ctx.period.name())}},
            fmt::format("Review {} largest expense categories against its revenue.", possessive(e.name))));
        f.at_stake = Money() - net;
      }
    }
  }
}

namespace {

// Deposits booked as income before the service date.
void early_income(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  const auto early = income_before_service(e, ctx);
  if (early.empty()) return;
  Money total;
  Money unearned;
  int unearned_count = 0;
  std::vector<Evidence> evidence;
  for (const auto& x : early) {
    total += x.amount;
    if (x.service > ctx.as_of) {
      unearned += x.amount;
      ++unearned_count;
    }
  }
  // Show the not-yet-delivered ones first: they are wrong in today's balance sheet.
  std::vector<const EarlyIncome*> shown;
  for (const auto& x : early) if (x.service > ctx.as_of) shown.push_back(&x);
  for (const auto& x : early) if (x.service <= ctx.as_of) shown.push_back(&x);
  for (std::size_t i = 0; i < shown.size() && i < 5; ++i) {
    const EarlyIncome& x = *shown[i];
    evidence.push_back({x.where, fmt::format("{} income on {} for {} ({}), service on {}", x.amount.to_display(ctx.symbol),
                                             x.posted.to_string(), x.booking_id, x.customer, x.service.to_string())});
  }
  if (early.size() > 5) evidence.push_back({ctx.data.journal->file, fmt::format("and {} more", early.size() - 5)});
  // Wrong in this quarter's statements when services are still to come;
  // otherwise a bookkeeping habit to change.
  Finding& f = out.emplace_back(make_finding(
      ctx, "revenue-recognition-" + e.id, unearned.is_zero() ? Severity::low : Severity::medium, "accounting", e.id,
      "deposits", "accounting",
      fmt::format("{}: {} of customer deposits booked as income before the service date ({} postings; {} for {} "
                  "services not yet delivered)",
                  e.name, total.to_display(ctx.symbol), early.size(), unearned.to_display(ctx.symbol), unearned_count),
      std::move(evidence),
      fmt::format("Book deposits to Liabilities:{}:Customer Deposits and move them to income on the service date; "
                  "reclassify the {} still unearned today.",
                  e.account, unearned.to_display(ctx.symbol))));
  if (!unearned.is_zero()) f.at_stake = unearned;
}

// Postings to an `Unknown` account: imported lines nobody categorised. One
// finding for each account and the entity its postings belong to: a tag
// names another entity than the account's segment (`Expenses:Group:Unknown
// ; entity: radwerk`), and that entity has to categorise them.
void uncategorised(const AnalysisContext& ctx, std::vector<Finding>& out) {
  struct Lines {
    int count = 0;
    Money total;
    std::string first_seen;
  };
  const Journal& journal = *ctx.data.journal;
  std::map<std::pair<std::string, std::string>, Lines> by_account;  // (account, entity id or "")
  for (const auto& t : journal.transactions) {
    for (const auto& p : journal.postings_of(t)) {
      const std::string& account = journal.account_name(p);
      if (!(account.ends_with(":Unknown"))) continue;
      const Entity* owner = entity_of(journal, t, p, ctx.entities);
      Lines& lines = by_account[{account, owner != nullptr ? owner->id : ""}];
      ++lines.count;
      if (const auto amount = ctx.books->amount_of(journal, p)) lines.total += *amount;
      if (lines.first_seen.empty()) lines.first_seen = journal.where(t, p);
    }
  }
  for (const auto& [key, lines] : by_account) {
    const auto& [account, entity] = key;
    // An untagged posting's finding keeps the id and title it has always had;
    // those tagged to another entity than the segment's get it in both.
    const Entity* named = entity_of_account(account, ctx.entities);
    const Entity* tagged =
        entity.empty() || (named != nullptr && named->id == entity) ? nullptr : ctx.entities.by_id(entity);
    out.push_back(make_finding(
        ctx, "uncategorised-" + slugify(account) + (tagged != nullptr ? "-" + tagged->id : ""), Severity::medium,
        "accounting", entity, "uncategorised:" + account, "accounting",
        fmt::format("{}{} in {} ({})", tagged != nullptr ? tagged->name + ": " : "",
                    plural(lines.count, "uncategorised posting", "uncategorised postings"), account,
                    lines.total.to_display(ctx.symbol)),
        {{lines.first_seen, fmt::format("first posting to {}", account)}},
        fmt::format("Add rules for the lines in {} to the bank rules file, or categorise them in the journal.",
                    account)));
    if (lines.total.units() != 0) out.back().at_stake = lines.total.is_negative() ? Money() - lines.total : lines.total;
  }
}

// Expense postings in the period far above what the category usually costs.
void unusual_expenses(const AnalysisContext& ctx, const Entity& e, std::vector<Finding>& out) {
  const Journal& journal = *ctx.data.journal;
  const Date history_start = ctx.period.plus(-6).first_day();
  std::map<std::string, std::vector<std::int64_t>> history;
  std::vector<std::pair<const Transaction*, const Posting*>> current;
  // The entity's expenses as the books count them, tagged ones included;
  // the history stays per account, the one the finding names.
  for (const auto& [t, p] : ctx.postings_of(e.id)) {
    const std::string& account = journal.account_name(*p);
    if (!account.starts_with("Expenses:")) continue;
    if (p->date >= history_start && p->date < ctx.period.first_day()) {
      if (const auto amount = ctx.books->amount_of(journal, *p)) history[account].push_back(amount->units());
    } else if (ctx.period.contains(p->date)) {
      current.emplace_back(t, p);
    }
  }
  for (const auto& [t, p] : current) {
    const auto amount = ctx.books->amount_of(journal, *p);
    if (!amount) continue;
    auto& past = history[journal.account_name(*p)];
    if (past.size() < 3) continue;
    std::vector<std::int64_t> sorted = past;
    std::ranges::sort(sorted);
    const std::int64_t median = sorted[sorted.size() / 2];
    if (amount->units() < 20000 || median <= 0 || amount->units() < median * 3) continue;
    out.push_back(make_finding(
        ctx, fmt::format("unusual-expense-{}-{}", e.id, t->line), Severity::low, "accounting", e.id,
        fmt::format("expense:{}:{}", journal.account_name(*p), t->line), "accounting",
        fmt::format("{}: unusual {} expense of {} ({}), {}x the usual", e.name, journal.account_name(*p),
                    amount->to_display(ctx.symbol), t->payee, amount->units() / median),
        {{journal.where(*t, *p), fmt::format("{} on {}; the median of {} postings in the 6 months before is {}",
                                              amount->to_display(ctx.symbol), p->date.to_string(), past.size(),
                                              Money(median).to_display(ctx.symbol))}},
        fmt::format("Check the invoice behind {} expense: a one-off, a price change, or a mistake.",
                    possessive(e.name))));
  }
}

// How a commodity is named in a title: its ISO code for the usual symbols.
std::string commodity_name(std::string_view symbol) {
  if (symbol == "€") return "EUR";
  if (symbol == "£") return "GBP";
  if (symbol == "¥") return "JPY";
  return std::string(symbol);
}

// Postings the books leave out: in a commodity other than the reporting
// currency, or in it but finer than a cent. Nothing else reports them.
void left_out(const AnalysisContext& ctx, std::vector<Finding>& out) {
  // "€" and "EUR" are the same money: one finding for both.
  std::map<std::string, LeftOut> by_name;
  std::map<std::string, std::set<std::string>> seen;  // name -> entities already in by_name's list
  for (const auto& l : ctx.books->left_out) {
    const std::string name = commodity_name(l.commodity);
    LeftOut& into = by_name[name];
    std::set<std::string>& known = seen[name];
    if (into.count == 0) into.commodity = l.commodity;
    if (into.missing_rate.empty()) into.missing_rate = l.missing_rate;
    into.count += l.count;
    for (const auto& place : l.places) {
      if (into.places.size() < LeftOut::k_places) into.places.push_back(place);
    }
    for (const auto& e : l.entities) {
      if (known.insert(e).second) into.entities.push_back(e);
    }
  }
  for (const auto& [name, l] : by_name) {
    // `$` is the portfolio's own only in USD; elsewhere it wants a rate.
    const bool sub_cent = l.missing_rate.empty() && (l.commodity == ctx.portfolio.currency || l.commodity == ctx.symbol);
    const std::string what = sub_cent ? fmt::format("in {} finer than a cent", l.commodity)
                             : name.empty() ? std::string("with no commodity")
                                            : fmt::format("in {}", currency_code(name));
    const Entity* entity = l.entities.size() == 1 ? ctx.entities.by_id(l.entities.front()) : nullptr;
    std::vector<Evidence> evidence;
    for (const auto& place : l.places) evidence.push_back({place, fmt::format("a posting {}", what)});
    evidence.push_back({ctx.books->file,
                        fmt::format("{} posting{} {} in all, none counted in revenue, expenses or cash", l.count,
                                    l.count == 1 ? "" : "s", what)});
    out.push_back(make_finding(
        ctx, "left-out-" + (name.empty() ? std::string("no-commodity") : sub_cent && name == "$" ? "sub-cent"
                                                                  : sub_cent ? "sub-cent-" + slugify(name)
                                                                             : slugify(name)),
        Severity::medium, "accounting", entity != nullptr ? entity->id : "", "books:left-out:" + name, "accounting",
        fmt::format("{}{} posting{} {} {} left out of the books", entity != nullptr ? entity->name + ": " : "",
                    l.count, l.count == 1 ? "" : "s", what, l.count == 1 ? "is" : "are"),
        std::move(evidence),
        sub_cent                   ? std::string("Round these amounts to whole cents in the journal.")
        : !l.missing_rate.empty() ? fmt::format("Give them a rate: {}.", l.missing_rate)
                                  : fmt::format("Record these amounts in {} at the rate of the day they were paid (note the original "
                               "amount and the rate in the posting's comment), so that they count in the books.",
                               ctx.portfolio.currency)));
  }
}

}  // namespace

void detect_accounting(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (ctx.data.journal) {
    uncategorised(ctx, out);
    for (const auto& e : ctx.portfolio.entities) {
      early_income(ctx, e, out);
      unusual_expenses(ctx, e, out);
      gap_months(ctx, e, out);
    }
  }
  if (ctx.books) left_out(ctx, out);
  if (!ctx.books) {
    out.push_back(make_finding(ctx, "no-books", Severity::high, "accounting", "", "books", "accounting",
                               "No books: the portfolio has no journal",
                               {{"portfolio.toml", "no journal in [data]"}},
                               "Start a ledger-format journal for every entity and name it in [data] journal."));
  }
  for (const auto& e : ctx.portfolio.entities) {
    // Work delivered, from the bookings: what the books should show.
    Money delivered;
    int delivered_count = 0;
    Money uninvoiced;
    std::vector<Evidence> uninvoiced_evidence;
    if (ctx.data.bookings) {
      for (const Booking* row : ctx.bookings_of(e.id)) {
        const Booking& b = *row;
        if (b.status != "delivered" || b.service_date > ctx.as_of) continue;
        if (b.service_date.days_until(ctx.as_of) <= 365) {
          delivered += b.amount;
          ++delivered_count;
        }
        if (!b.invoiced) {
          uninvoiced += b.amount;
          uninvoiced_evidence.push_back({ctx.at(ctx.data.bookings_file, b.line),
                                         fmt::format("{} {} for {}, {}, not invoiced", b.id, b.amount.to_display(ctx.symbol),
                                                     b.customer, b.service_date.to_string())});
        }
      }
    }
    if (ctx.books) {
      const EntityBooks* eb = ctx.books->find(e.id);
      if (eb == nullptr) {
        out.push_back(make_finding(
            ctx, "no-books-" + e.id, Severity::high, "accounting", e.id, "books", "accounting",
            fmt::format("{}: no books (no postings under {})", e.name, e.account),
            {{ctx.books->file, fmt::format("no account with the segment {}", e.account)}},
            fmt::format("Open accounts for {} in the journal and record its transactions.", e.name)));
      } else if (eb->income_postings == 0 && delivered_count > 0) {
        // Income that never reaches the business's books is money at risk
        // now (it may sit in a personal account; the year's accounts are wrong).
        Finding& f = out.emplace_back(make_finding(
            ctx, "revenue-untracked-" + e.id, Severity::critical, "accounting", e.id, "books:income", "accounting",
            fmt::format("{}: revenue not tracked, {} delivered in the last year and no income in the books",
                        e.name, delivered.to_display(ctx.symbol)),
            {{ctx.books->file, fmt::format("{} postings for {}, none to Income:{}:*", count_text(eb->postings), e.account,
                                           e.account)},
             {ctx.data.bookings_file, fmt::format("{} delivered bookings worth {} in the last 365 days",
                                                  delivered_count, delivered.to_display(ctx.symbol))}},
            fmt::format("Record {} income in the journal (Income:{}:*) for every delivered job, starting "
                        "with the last year's {}.",
                        possessive(e.name), e.account, delivered.to_display(ctx.symbol))));
        f.at_stake = delivered;
      }
    }
    if ((e.kind == "client_book" || e.kind == "agency") && e.billing_model.empty()) {
      out.push_back(make_finding(
          ctx, "billing-model-" + e.id, Severity::medium, "accounting", e.id, "billing-model", "accounting",
          fmt::format("{}: no billing model", e.name),
          {{e.file, "no billing model declared (hourly, retainer, fixed or per job)"}},
          fmt::format("Decide how {} bills (hourly, retainer or fixed fee), write it into each client "
                      "agreement and declare it in {}.",
                      e.name, e.file)));
    }
    if (!uninvoiced_evidence.empty()) {
      const std::size_t count = uninvoiced_evidence.size();
      if (count > 6) {
        uninvoiced_evidence.resize(6);
        uninvoiced_evidence.push_back({ctx.data.bookings_file, fmt::format("and {} more", count - 6)});
      }
      // Delivered work not invoiced is money the business is owed and not
      // asking for: at risk within the month.
      Finding& f = out.emplace_back(make_finding(
          ctx, "unbilled-work-" + e.id, uninvoiced.units() >= 100000 ? Severity::high : Severity::medium,
          "accounting", e.id, "invoicing", "accounting",
          fmt::format("{}: {} of delivered work not invoiced ({} {})", e.name, uninvoiced.to_display(ctx.symbol), count,
                      count == 1 ? "booking" : "bookings"),
          std::move(uninvoiced_evidence),
          fmt::format("Invoice the {} delivered and unbilled for {} this week, oldest first.",
                      uninvoiced.to_display(ctx.symbol), e.name)));
      f.at_stake = uninvoiced;
      f.days_to_impact = 0;
    }
  }
}

}  // namespace quarterdeck::findings_detail
