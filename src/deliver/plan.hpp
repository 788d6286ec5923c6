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

Addressing resolve_recipients(const ReportDefinition& def, const Portfolio& portfolio);

// sha256 of the portfolio name, report id, as-of date, the sorted
// recipients and the content hash: the same report to the same people is
// the same key.
std::string idempotency_key(const Portfolio& portfolio, const ReportDefinition& def, const std::string& as_of,
                            const Addressing& addressing, const std::string& content_hash);

// "qd.<first 32 hex of the key>@<sender's domain>".
std::string message_id_for(const std::string& key, const std::string& from_address);

}  // namespace quarterdeck::deliver
