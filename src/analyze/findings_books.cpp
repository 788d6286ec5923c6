// Finance and accounting findings from the journal and the bookings:
// runway, stalled revenue, losses, missing books, revenue that never reaches
// the books, billing gaps.
#include <fmt/format.h>

#include "analyze/findings.hpp"
#include "analyze/metrics.hpp"

namespace quarterdeck::findings_detail {

void detect_finance(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.books) return;
  const std::string& file = ctx.books->file;
  for (const auto& e : ctx.portfolio.entities) {
    const EntityBooks* eb = ctx.books->find(e.id);
    if (eb == nullptr) continue;
    if (const auto burn = monthly_burn(*eb, ctx); burn && burn->units() > 0) {
      const Money cash = eb->cash_at(ctx.as_of);
      const Quantity runway = Quantity::ratio_of(cash.units(), burn->units(), Quantity::Kind::months);
      const Severity severity = runway.scaled < 30 ? Severity::critical
                                : runway.scaled < 60 ? Severity::high
                                : runway.scaled < 120 ? Severity::medium
                                                      : Severity::info;
      if (severity != Severity::info) {
        out.push_back(make_finding(
            ctx, "runway-" + e.id, severity, "finance", e.id, "cfo",
            fmt::format("{}: {} of runway at the current burn", e.name, runway.to_display()),
            {{file, fmt::format("cash {} at {} (Assets:{}:Checking/Cash/Savings)", cash.to_display(),
                                ctx.as_of.to_string(), e.account)},
             {"metric:burn", fmt::format("cash fell {} from {} to {}: {} a month",
                                         burn->times(3).to_display(), ctx.period.plus(-3).last_day().to_string(),
                                         ctx.period.last_day().to_string(), burn->to_display())}},
            fmt::format("Cut {}'s monthly burn or raise revenue to keep at least 6 months of runway.", e.name)));
      }
    }
    if (eb->last_income && eb->last_income->days_until(ctx.as_of) > 60) {
      out.push_back(make_finding(
          ctx, "revenue-stalled-" + e.id, Severity::high, "finance", e.id, "cfo",
          fmt::format("{}: no revenue booked since {}", e.name, eb->last_income->to_string()),
          {{ctx.at(file, eb->last_income_line), fmt::format("last Income:{}:* posting", e.account)}},
          fmt::format("Find out why {} stopped earning and decide: restart sales, or wind down its costs.",
                      e.name)));
    }
    if (eb->income_postings > 0) {
      Money net;
      int losing = 0;
      for (int i = 0; i < 3; ++i) {
        const Month m = ctx.period.plus(-i);
        const Money n = eb->revenue_in(m) - eb->expenses_in(m);
        net += n;
        if (n.is_negative()) ++losing;
      }
      if (losing == 3) {
        out.push_back(make_finding(
            ctx, "losing-money-" + e.id, Severity::medium, "finance", e.id, "cfo",
            fmt::format("{}: lost money three months running ({} net)", e.name, net.to_display()),
            {{file, fmt::format("Income and Expenses:{}:* in {} to {}", e.account, ctx.period.plus(-2).name(),
                                ctx.period.name())}},
            fmt::format("Review {}'s largest expense categories against its revenue.", e.name)));
      }
    }
  }
}

void detect_accounting(const AnalysisContext& ctx, std::vector<Finding>& out) {
  if (!ctx.books) {
    out.push_back(make_finding(ctx, "no-books", Severity::critical, "accounting", "", "accounting",
                               "No books: the portfolio has no journal",
                               {{"portfolio.toml", "no `journal` in [data]"}},
                               "Start a ledger-format journal for every entity and name it in [data] journal."));
  }
  for (const auto& e : ctx.portfolio.entities) {
    // Work delivered, from the bookings: what the books should show.
    Money delivered;
    int delivered_count = 0;
    Money uninvoiced;
    std::vector<Evidence> uninvoiced_evidence;
    if (ctx.data.bookings) {
      for (const auto& b : *ctx.data.bookings) {
        if (b.entity != e.id || b.status != "delivered" || b.service_date > ctx.as_of) continue;
        if (b.service_date.days_until(ctx.as_of) <= 365) {
          delivered += b.amount;
          ++delivered_count;
        }
        if (!b.invoiced) {
          uninvoiced += b.amount;
          uninvoiced_evidence.push_back({ctx.at(ctx.data.bookings_file, b.line),
                                         fmt::format("{} {} for {}, {}, not invoiced", b.id, b.amount.to_display(),
                                                     b.customer, b.service_date.to_string())});
        }
      }
    }
    if (ctx.books) {
      const EntityBooks* eb = ctx.books->find(e.id);
      if (eb == nullptr) {
        out.push_back(make_finding(
            ctx, "no-books-" + e.id, Severity::high, "accounting", e.id, "accounting",
            fmt::format("{}: no books (no postings under `*:{}:*`)", e.name, e.account),
            {{ctx.books->file, fmt::format("no account with segment `{}`", e.account)}},
            fmt::format("Open accounts for {} in the journal and record its transactions.", e.name)));
      } else if (eb->income_postings == 0 && delivered_count > 0) {
        out.push_back(make_finding(
            ctx, "revenue-untracked-" + e.id, Severity::critical, "accounting", e.id, "accounting",
            fmt::format("{}: revenue not tracked, {} delivered in the last year and no income in the books",
                        e.name, delivered.to_display()),
            {{ctx.books->file, fmt::format("{} postings for `{}`, none to Income:{}:*", eb->postings, e.account,
                                           e.account)},
             {ctx.data.bookings_file, fmt::format("{} delivered bookings worth {} in the last 365 days",
                                                  delivered_count, delivered.to_display())}},
            fmt::format("Record {}'s income in the journal (Income:{}:*) for every delivered job, starting "
                        "with the last year's {}.",
                        e.name, e.account, delivered.to_display())));
      }
    }
    if ((e.kind == "client_book" || e.kind == "agency") && e.billing_model.empty()) {
      out.push_back(make_finding(
          ctx, "billing-model-" + e.id, Severity::high, "accounting", e.id, "accounting",
          fmt::format("{}: no billing model", e.name),
          {{e.file, "no `billing_model` (hourly, retainer, fixed, per_job)"}},
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
      out.push_back(make_finding(
          ctx, "unbilled-work-" + e.id, uninvoiced.units() >= 100000 ? Severity::critical : Severity::high,
          "accounting", e.id, "accounting",
          fmt::format("{}: {} of delivered work not invoiced ({} {})", e.name, uninvoiced.to_display(), count,
                      count == 1 ? "booking" : "bookings"),
          std::move(uninvoiced_evidence),
          fmt::format("Invoice the {} delivered and unbilled for {} this week, oldest first.",
                      uninvoiced.to_display(), e.name)));
    }
  }
}

}  // namespace quarterdeck::findings_detail
