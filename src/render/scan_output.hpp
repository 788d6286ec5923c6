// `quarterdeck scan` output: a text listing for people, a JSON document for
// scripts, and SARIF 2.1.0 for code hosts. None of them carries a secret:
// findings hold only their redacted form.
#pragma once

#include <string>

#include "scan/rules.hpp"
#include "scan/scanner.hpp"

namespace quarterdeck::render {

std::string scan_text(const scan::ScanResult& result);
std::string scan_json(const scan::ScanResult& result);
std::string scan_sarif(const scan::ScanResult& result, const scan::RuleSet& rules, std::string_view version);

}  // namespace quarterdeck::render
