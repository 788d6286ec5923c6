#include "render/scan_output.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

namespace quarterdeck::render {
namespace {

using nlohmann::ordered_json;

std::string location(const SecretFinding& f) {
  return f.line > 0 ? fmt::format("{}:{}:{}", f.path, f.line, f.column) : f.path;
}

std::string where_in_history(const SecretFinding& f) {
  if (f.commit.empty()) return "";
  return f.in_tree ? fmt::format(" (since commit {})", f.commit.substr(0, 12))
                   : fmt::format(" (deleted, still in history: commit {})", f.commit.substr(0, 12));
}

std::string human_bytes(std::int64_t bytes) {
  if (bytes >= 1024 * 1024) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  if (bytes >= 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{} B", bytes);
}

// SARIF levels: error for what must be rotated now, warning, note.
std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::critical:
    case Severity::high: return "error";
    case Severity::medium: return "warning";
    case Severity::low:
    case Severity::info: return "note";
  }
  return "note";
}

// GitHub code scanning reads `security-severity` (0-10) to rank alerts.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::critical: return "9.5";
    case Severity::high: return "8.0";
    case Severity::medium: return "5.5";
    case Severity::low: return "3.0";
    case Severity::info: return "1.0";
  }
  return "1.0";
}

// A relative URI reference for a path: unreserved characters and '/' as
// they are, every other byte percent-encoded (RFC 3986).
std::string uri_path(std::string_view path) {
  std::string out;
  for (const unsigned char c : path) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace

std::string scan_text(const scan::ScanResult& result) {
  std::string out;
  std::map<Severity, int> by_severity;
  for (const auto& f : result.findings) {
    ++by_severity[f.severity];
    out += fmt::format("{}: {} {}: {}{}{}\n", location(f), to_string(f.severity), f.rule, f.description,
                       f.redacted.empty() ? "" : " " + f.redacted, where_in_history(f));
  }
  for (const auto& n : result.notes) out += fmt::format("note: {}\n", n);
  std::string counts;
  for (const auto& [severity, n] : by_severity) {
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, to_string(severity));
  }
  out += fmt::format("Scanned {} file{} ({}){}; {} finding{}{}", result.files, result.files == 1 ? "" : "s",
                     human_bytes(result.bytes),
                     result.blobs > 0 ? fmt::format(" and {} blobs of history", result.blobs) : "",
                     result.findings.size(), result.findings.size() == 1 ? "" : "s",
                     counts.empty() ? "" : " (" + counts + ")");
  if (result.suppressed_inline > 0 || result.suppressed_baseline > 0) {
    out += fmt::format("; {} allowed inline, {} in the baseline", result.suppressed_inline, result.suppressed_baseline);
  }
  if (!result.skipped.empty()) out += fmt::format("; {} skipped", result.skipped.size());
  out += ".\n";
  return out;
}

std::string scan_json(const scan::ScanResult& result) {
  ordered_json doc;
  doc["version"] = 1;
  ordered_json skipped = ordered_json::array();
  for (const auto& s : result.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  doc["scanned"] = {{"files", result.files},
                    {"bytes", result.bytes},
                    {"blobs", result.blobs},
                    {"suppressed_inline", result.suppressed_inline},
                    {"suppressed_baseline", result.suppressed_baseline},
                    {"skipped", skipped},
                    {"notes", result.notes}};
  ordered_json findings = ordered_json::array();
  for (const auto& f : result.findings) {
    findings.push_back({{"rule", f.rule},
                        {"family", f.family},
                        {"severity", to_string(f.severity)},
                        {"description", f.description},
                        {"path", f.path},
                        {"line", f.line},
                        {"column", f.column},
                        {"redacted", f.redacted},
                        {"fingerprint", f.fingerprint},
                        {"commit", f.commit.empty() ? ordered_json(nullptr) : ordered_json(f.commit)},
                        {"in_tree", f.in_tree}});
  }
  doc["findings"] = findings;
  // Paths come from the file system and need not be UTF-8.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string scan_sarif(const scan::ScanResult& result, const scan::RuleSet& rules, std::string_view version) {
  ordered_json driver_rules = ordered_json::array();
  std::map<std::string, std::size_t> index;
  const auto add_rule = [&](const std::string& id, const std::string& description, Severity severity,
                            const std::string& family) {
    index[id] = driver_rules.size();
    driver_rules.push_back({{"id", id},
                            {"name", id},
                            {"shortDescription", {{"text", description}}},
                            {"defaultConfiguration", {{"level", sarif_level(severity)}}},
                            {"properties",
                             {{"tags", {"security", "secret", family}},
                              {"security-severity", security_severity(severity)}}}});
  };
  for (const auto& r : rules.content) add_rule(r.id, r.description, r.severity, r.family);
  for (const auto& r : rules.files) add_rule(r.id, r.description, r.severity, r.family);

  ordered_json results = ordered_json::array();
  for (const auto& f : result.findings) {
    ordered_json physical = {{"artifactLocation", {{"uri", uri_path(f.path)}}}};
    if (f.line > 0) physical["region"] = {{"startLine", f.line}, {"startColumn", f.column}};
    ordered_json r = {{"ruleId", f.rule}};
    if (const auto it = index.find(f.rule); it != index.end()) r["ruleIndex"] = it->second;
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", fmt::format("{}{}{}", f.description, f.redacted.empty() ? "" : ": " + f.redacted,
                                         where_in_history(f))}};
    r["locations"] = ordered_json::array({{{"physicalLocation", physical}}});
    r["partialFingerprints"] = {{"quarterdeck/v1", f.fingerprint}};
    if (!f.commit.empty()) r["properties"] = {{"commit", f.commit}, {"inTree", f.in_tree}};
    results.push_back(r);
  }
  ordered_json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({{{"tool",
                                      {{"driver",
                                        {{"name", "quarterdeck"},
                                         {"version", version},
                                         {"rules", driver_rules}}}}},
                                     {"results", results}}})}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace quarterdeck::render
