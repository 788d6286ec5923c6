#include "scan/portfolio_scan.hpp"

#include "scan/probe.hpp"
#include "scan/repo_audit.hpp"
#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "util/text_input.hpp"

namespace quarterdeck::scan {

void scan_portfolio(const Portfolio& portfolio, const std::filesystem::path& directory,
                    const PortfolioScanOptions& options, Dataset& data, Diagnostics& diagnostics) {
  RuleSet rules = builtin_rules();
  const std::size_t before = diagnostics.size();
  // A missing or non-regular file was reported by the config check.
  const auto read = [&](const std::string& file) -> std::optional<std::string> {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(directory / file, ec)) return std::nullopt;
    return read_text_input(directory / file, file, diagnostics);
  };
  if (!portfolio.scan.rules.empty()) {
    if (const auto text = read(portfolio.scan.rules)) {
      load_rules(*text, portfolio.scan.rules, rules, diagnostics);
    }
  }
  std::set<std::string> baseline;
  if (!portfolio.scan.baseline.empty()) {
    if (const auto text = read(portfolio.scan.baseline)) {
      auto parsed = parse_baseline(*text, portfolio.scan.baseline);
      if (parsed) {
        baseline = std::move(*parsed);
      } else {
        diagnostics.push_back({{portfolio.scan.baseline, 0, 0}, parsed.error().message, "", "", ""});
      }
    }
  }
  if (diagnostics.size() != before) return;
  auto scanner = Scanner::create(rules);
  if (!scanner) {
    diagnostics.push_back({portfolio.scan.where, scanner.error().message, "", "", ""});
    return;
  }
  AuditOptions audit_options;
  audit_options.history = portfolio.scan.history;
  audit_options.ignore = portfolio.scan.ignore;
  std::vector<RepoAudit> audits;
  for (const auto& e : portfolio.entities) {
    for (const auto& repo : e.stack.repos) {
      RepoAudit audit = audit_repository(*scanner, directory / repo, repo, e.id, audit_options);
      std::erase_if(audit.secrets, [&](const SecretFinding& f) { return baseline.contains(f.fingerprint); });
      audits.push_back(std::move(audit));
    }
  }
  data.repos = std::move(audits);
  if (options.probe) {
    for (const auto& e : portfolio.entities) {
      for (const auto& ep : e.stack.endpoints) data.probes.push_back(probe_endpoint(e.id, ep.url));
    }
  }
}

}  // namespace quarterdeck::scan
