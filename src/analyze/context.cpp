#include "analyze/context.hpp"

#include <fmt/format.h>

#include <set>
#include <string_view>

namespace quarterdeck {

AnalysisContext::AnalysisContext(const Portfolio& p, const Dataset& d, Date as_of_date)
    : portfolio(p),
      data(d),
      entities(p),
      as_of(as_of_date),
      period(Month::of(as_of_date).plus(-1)),
      symbol(currency_symbol(p.currency)) {
  if (d.bookings) bookings_ = RowsByEntity<Booking>(*d.bookings);
  if (d.channels) channels_ = RowsByEntity<ChannelListing>(*d.channels);
  if (d.cloud_costs) cloud_costs_ = RowsByEntity<CloudCost>(*d.cloud_costs);
  if (d.invoices) invoices_ = RowsByEntity<Invoice>(*d.invoices);
  if (d.handoffs) handoffs_ = RowsByEntity<HandoffNote>(*d.handoffs);
  if (d.repos) repos_ = RowsByEntity<RepoAudit>(*d.repos);
  if (d.journal) {
    const Journal& journal = *d.journal;
    books = build_books(journal, entities, d.prices ? &*d.prices : nullptr);
    for (const auto& t : journal.transactions) {
      for (const auto& posting : journal.postings_of(t)) {
        if (const Entity* e = entity_of(journal, t, posting, entities))
          postings_[e->id].push_back({&t, &posting});
      }
    }
    for (std::uint32_t a = 0; a < journal.accounts.size(); ++a) {
      if (const Entity* e = entity_of_account(journal.accounts[a], entities))
        accounts_named_[e->id].push_back(a);
    }
  }
  if (d.bookings && d.channels) {
    const Date from = as_of.plus_days(-90);
    for (const auto& e : p.entities) {
      std::map<std::string_view, std::int64_t> via;
      std::int64_t all = 0;
      for (const Booking* b : bookings_of(e.id)) {
        if (b->status == "cancelled" || b->booked_on <= from || b->booked_on > as_of) continue;
        ++via[b->channel];
        ++all;
      }
      std::set<std::string_view> seen;  // the first row for each channel decides
      for (const ChannelListing* c : channels_of(e.id)) {
        if (!seen.insert(c->channel).second || c->status != "listed") continue;
        const auto n = via.find(c->channel);
        ListedPeers& l = listed_peers_[{e.kind, c->channel}];
        l.peers.push_back({&e, c, n == via.end() ? 0 : n->second, all});
        l.via += l.peers.back().via;
        l.all += all;
      }
    }
  }
}

const ChannelListing* AnalysisContext::channel_row(const std::string& entity,
                                                   const std::string& channel) const {
  for (const ChannelListing* c : channels_of(entity)) {
    if (c->channel == channel) return c;
  }
  return nullptr;
}

const ListedPeers& AnalysisContext::listed_peers(const std::string& kind,
                                                 const std::string& channel) const {
  static const ListedPeers k_none;
  const auto it = listed_peers_.find({kind, channel});
  return it == listed_peers_.end() ? k_none : it->second;
}

std::string AnalysisContext::at(const std::string& file, int line) const {
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

std::vector<const RepoAudit*> AnalysisContext::readable_repos(const std::string& entity) const {
  std::vector<const RepoAudit*> out;
  for (const RepoAudit* a : repos_.of(entity)) {
    if (a->exists && a->problem.empty()) out.push_back(a);
  }
  return out;
}

std::span<const PostingRef> AnalysisContext::postings_of(const std::string& entity) const {
  const auto it = postings_.find(entity);
  if (it == postings_.end()) return {};
  return it->second;
}

std::span<const std::uint32_t> AnalysisContext::accounts_named(const std::string& entity) const {
  const auto it = accounts_named_.find(entity);
  if (it == accounts_named_.end()) return {};
  return it->second;
}

}  // namespace quarterdeck
