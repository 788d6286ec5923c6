// From a report definition to the addresses of one message: roles resolved
// through [recipients], the audit BCC added, each address once (To wins
// over Cc, Cc over Bcc). And the message's idempotency key and Message-ID.
#pragma once

#include <string>
#include <vector>

#include "model/portfolio.hpp"

namespace quarterdeck::deliver {

struct Addressing {
  std::vector<std::string> to, cc, bcc;
};

// Addresses are normalised (international domains as punycode).
Addressing resolve_recipients(const ReportDefinition& def, const Portfolio& portfolio);

// Splits addressing over `max` recipients into messages of at most `max`
// (SES allows 50 To+Cc+Bcc per message): To first, then Cc, then Bcc, in
// order. Addressing within the limit comes back as one part.
std::vector<Addressing> split_recipients(const Addressing& addressing, std::size_t max = 50);

// sha256 of the portfolio name, report id, as-of date, the sorted
// recipients and the content hash: the same report to the same people is
// the same key.
std::string idempotency_key(const Portfolio& portfolio, const ReportDefinition& def, const std::string& as_of,
                            const Addressing& addressing, const std::string& content_hash);

// The key of a test send (`run --to ADDRESS`) of the message whose real key
// is `key`: sha256 of "test", the address and that key. Never equal to a
// real key, so a test neither collapses with the real delivery nor counts
// as it; the same test sent again is the same key (nothing twice on resume).
std::string test_idempotency_key(const std::string& key, const std::string& address);

// "qd.<first 32 hex of the key>@<sender's domain>".
std::string message_id_for(const std::string& key, const std::string& from_address);

}  // namespace quarterdeck::deliver
