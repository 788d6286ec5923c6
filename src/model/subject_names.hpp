// The subjects a finding can be about within its entity (Finding::subject,
// KnownIssue::subject): fixed names, and prefixed ones that name a thing of
// the entity. One table, read by the config loader (to check a known
// issue's `subject`) and by analyze/subjects; docs/reports.md ("Subjects")
// describes each.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace quarterdeck {

// The fixed names. Besides them, a subject is a prefix and what it names: a
// declared endpoint's path ("endpoint:/api/bookings", endpoint_subject), a
// declared repository's name ("secrets:jada-site", "repo:jada-site"), an
// expected channel ("channel:google_business"), a team member
// ("person:Morgan Tidewell"), or anything ("issue:...", a known issue's own).
// "secrets" alone is every "secrets:REPO" of the entity.
inline constexpr std::array<std::string_view, 22> k_subject_names = {
    "sales",    "runway",    "profit",      "listing",       "books",      "books:income",
    "deposits", "invoicing", "receivables", "billing-model", "cloud-cost", "cloud-savings",
    "waf",      "dev-cycle", "analytics",   "availability",  "kpis",       "kpis:undeclared",
    "equity",   "handoffs",  "secrets",     "dev-activity"};

// An endpoint's subject: "endpoint:" and its URL's path
// ("endpoint:/api/bookings"), or its host when the path is empty or "/".
inline std::string endpoint_subject(std::string_view url) {
  const auto scheme = url.find("://");
  const std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  const auto slash = rest.find('/');
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    if (path.size() > 1) return "endpoint:" + std::string(path);
  }
  return "endpoint:" + std::string(rest.substr(0, rest.find_first_of("/?#")));
}

// A declared repository's name in a subject: "repos/jada-site" -> "jada-site".
inline std::string repo_subject_name(std::string_view declared) {
  while (!declared.empty() && declared.back() == '/') declared.remove_suffix(1);
  const auto slash = declared.rfind('/');
  return std::string(slash == std::string_view::npos ? declared : declared.substr(slash + 1));
}

}  // namespace quarterdeck
