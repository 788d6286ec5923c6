// What every analyzer reads: the portfolio, its data, the books built from
// the journal, and the as-of date. Analysis is a pure function of these.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyze/books.hpp"
#include "analyze/entity_index.hpp"
#include "ingest/dataset.hpp"
#include "model/portfolio.hpp"
#include "util/date.hpp"

namespace quarterdeck {

// The entities of one kind listed on one channel (their first row for it
// has status `listed`), in portfolio order, with their bookings in the 90
// days to the as-of date (cancelled ones excepted): through the channel and
// in all. Empty without a bookings or a channels file.
struct ListedPeers {
  struct Peer {
    const Entity* entity;
    const ChannelListing* row;
    std::int64_t via;  // bookings through the channel
    std::int64_t all;  // bookings through any channel
  };
  std::vector<Peer> peers;
  std::int64_t via = 0;  // sums over the peers
  std::int64_t all = 0;
};

// A posting of the journal with its transaction.
struct PostingRef {
  const Transaction* t;
  const Posting* p;
};

struct AnalysisContext {
  const Portfolio& portfolio;
  const Dataset& data;
  EntityIndex entities;        // the portfolio's entities by id and account segment
  std::optional<Books> books;  // nullopt when there is no journal
  Date as_of;
  Month period;        // the last complete calendar month before as_of
  std::string symbol;  // the portfolio currency's symbol, for amounts in words and tables

  AnalysisContext(const Portfolio& p, const Dataset& d, Date as_of_date);
  // "data/bookings.csv:12"
  std::string at(const std::string& file, int line) const;
  // The audits of the entity's repositories that could be read (none when
  // the repositories were not scanned).
  std::vector<const RepoAudit*> readable_repos(const std::string& entity) const;

  // Each entity's rows, in file order (empty when the file is absent or has
  // none), so that per-entity work does not read every row.
  std::span<const Booking* const> bookings_of(const std::string& entity) const {
    return bookings_.of(entity);
  }
  std::span<const ChannelListing* const> channels_of(const std::string& entity) const {
    return channels_.of(entity);
  }
  std::span<const CloudCost* const> cloud_costs_of(const std::string& entity) const {
    return cloud_costs_.of(entity);
  }
  std::span<const Invoice* const> invoices_of(const std::string& entity) const {
    return invoices_.of(entity);
  }
  std::span<const HandoffNote* const> handoffs_of(const std::string& entity) const {
    return handoffs_.of(entity);
  }
  // Every audit of the entity's repositories, readable or not.
  std::span<const RepoAudit* const> repos_of(const std::string& entity) const {
    return repos_.of(entity);
  }
  // The journal postings that belong to the entity (entity_of), in journal order.
  std::span<const PostingRef> postings_of(const std::string& entity) const;
  // The journal accounts whose second segment names the entity, by index.
  std::span<const std::uint32_t> accounts_named(const std::string& entity) const;
  // The entity's first row for the channel; nullptr for none.
  const ChannelListing* channel_row(const std::string& entity, const std::string& channel) const;
  const ListedPeers& listed_peers(const std::string& kind, const std::string& channel) const;

 private:
  RowsByEntity<Booking> bookings_;
  RowsByEntity<ChannelListing> channels_;
  RowsByEntity<CloudCost> cloud_costs_;
  RowsByEntity<Invoice> invoices_;
  RowsByEntity<HandoffNote> handoffs_;
  RowsByEntity<RepoAudit> repos_;
  std::unordered_map<std::string, std::vector<PostingRef>> postings_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> accounts_named_;
  std::map<std::pair<std::string, std::string>, ListedPeers> listed_peers_;  // (kind, channel)
};

}  // namespace quarterdeck
