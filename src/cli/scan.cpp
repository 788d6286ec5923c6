// `quarterdeck scan PATH...`: the repository security scan on its own, for
// people and for CI (SARIF for code hosts, a baseline so only new findings
// fail the build).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "render/scan_output.hpp"
#include "scan/rules.hpp"
#include "scan/scanner.hpp"
#include "util/files.hpp"

namespace quarterdeck::cli {
namespace {

constexpr std::string_view k_version = "0.1.0";

int invalid(const Output& out, const std::string& message) {
  out.error("quarterdeck scan: {}\n", message);
  return k_exit_invalid;
}

}  // namespace

int scan_command(const ScanOptions& o, const Environment& env) {
  const Output out = output_for(env);
  std::optional<Severity> fail_on;
  if (o.fail_on != "none") {
    fail_on = parse_severity(o.fail_on);
    if (!fail_on) return invalid(out, fmt::format("--fail-on: expected critical, high, medium, low, info or none, found `{}`", o.fail_on));
  }
  scan::RuleSet rules = scan::builtin_rules();
  Diagnostics diagnostics;
  for (const auto& file : o.rules) {
    const auto text = read_file(file);
    if (!text) {
      diagnostics.push_back({{file, 0, 0}, "cannot read file", "a readable rules file", "nothing at that path", ""});
      continue;
    }
    scan::load_rules(*text, file, rules, diagnostics);
  }
  if (!diagnostics.empty()) {
    for (const auto& d : diagnostics) out.error("{}\n", d.to_string());
    return invalid(out, fmt::format("{} problem{} in the rules", diagnostics.size(), diagnostics.size() == 1 ? "" : "s"));
  }
  std::set<std::string> baseline;
  if (!o.baseline.empty()) {
    const auto text = read_file(o.baseline);
    if (!text) return invalid(out, fmt::format("{}: cannot read the baseline file", o.baseline));
    auto parsed = scan::parse_baseline(*text, o.baseline);
    if (!parsed) return invalid(out, parsed.error().message);
    baseline = std::move(*parsed);
  }
  auto scanner = scan::Scanner::create(rules);
  if (!scanner) return invalid(out, scanner.error().message);
  if (o.jobs > 0) scanner->set_jobs(o.jobs);

  scan::ScanResult result;
  const scan::ScanOptions options{o.history, o.ignore};
  for (const auto& path : o.paths) {
    if (auto done = scanner->scan(path, path, options, result); !done) return invalid(out, done.error().message);
  }
  if (!o.write_baseline.empty()) {
    if (auto w = write_file_atomic(o.write_baseline, scan::baseline_json(result.findings)); !w) {
      return invalid(out, w.error().message);
    }
  }
  scan::apply_baseline(result, baseline);

  const std::string report = o.format == "json"    ? render::scan_json(result)
                             : o.format == "sarif" ? render::scan_sarif(result, rules, k_version)
                                                   : render::scan_text(result);
  if (o.output.empty()) {
    if (o.format == "text") {
      out.print("{}", report);
    } else {
      out.data(report);
    }
  } else if (auto w = write_file_atomic(o.output, out.redactor().apply(report)); !w) {
    return invalid(out, w.error().message);
  }
  const bool failing = fail_on && std::ranges::any_of(result.findings, [&](const SecretFinding& f) {
    return rank(f.severity) <= rank(*fail_on);
  });
  return failing ? k_exit_failed : k_exit_ok;
}

}  // namespace quarterdeck::cli
