#include "deliver/plan.hpp"

#include <algorithm>
#include <set>

#include "util/address.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::deliver {

Addressing resolve_recipients(const ReportDefinition& def, const Portfolio& portfolio) {
  Addressing out;
  std::set<std::string> seen;
  const auto add = [&](const std::vector<std::string>& roles, std::vector<std::string>& into) {
    for (const auto& role : roles) {
      const auto it = portfolio.recipients.find(role);
      if (it == portfolio.recipients.end()) continue;
      for (const auto& written : it->second) {
        const auto normalized = normalize_address(written);
        const std::string address = normalized ? *normalized : written;  // validation reported the bad ones
        if (seen.insert(to_lower(address)).second) into.push_back(address);
      }
    }
  };
  add(def.to, out.to);
  add(def.cc, out.cc);
  add(def.bcc, out.bcc);
  add(portfolio.delivery.audit_bcc, out.bcc);
  return out;
}

std::vector<Addressing> split_recipients(const Addressing& a, std::size_t max) {
  std::vector<Addressing> parts(1);
  std::size_t count = 0;
  const auto place = [&](const std::vector<std::string>& from, std::vector<std::string> Addressing::*field) {
    for (const auto& address : from) {
      if (count == max) {
        parts.emplace_back();
        count = 0;
      }
      (parts.back().*field).push_back(address);
      ++count;
    }
  };
  place(a.to, &Addressing::to);
  place(a.cc, &Addressing::cc);
  place(a.bcc, &Addressing::bcc);
  return parts;
}

std::string idempotency_key(const Portfolio& portfolio, const ReportDefinition& def, const std::string& as_of,
                            const Addressing& a, const std::string& content_hash) {
  std::string material = portfolio.name + '\n' + def.id + '\n' + as_of + '\n';
  for (const auto* list : {&a.to, &a.cc, &a.bcc}) {
    std::vector<std::string> sorted = *list;
    std::ranges::sort(sorted);
    material += join(sorted, ",") + '\n';
  }
  material += content_hash;
  return sha256_hex(material);
}

std::string test_idempotency_key(const std::string& key, const std::string& address) {
  return sha256_hex("test\n" + to_lower(address) + '\n' + key);
}

std::string message_id_for(const std::string& key, const std::string& from_address) {
  const auto at = from_address.rfind('@');
  const std::string domain = at == std::string::npos ? "quarterdeck.invalid" : from_address.substr(at + 1);
  return "qd." + key.substr(0, 32) + "@" + domain;
}

}  // namespace quarterdeck::deliver
