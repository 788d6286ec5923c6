// Fuzz target for the secret scanner (AFL++, built like journal_fuzz by
// `make fuzz`). An input is a rules file and a text to scan, separated by a
// line holding only `%%`; without the separator the whole input is the
// text, scanned with the built-in rules. Rules that load are merged into
// the built-in set, compiled (Hyperscan and RE2) and used on the text. Any
// crash or sanitizer report is a bug; rejected rules are not.
#include <string>
#include <string_view>

#include "fuzz_main.hpp"

#include "scan/rules.hpp"
#include "scan/scanner.hpp"

namespace {

void run(std::string_view input) {
  using namespace quarterdeck;
  scan::RuleSet rules = scan::builtin_rules();
  std::string_view text = input;
  if (const auto cut = input.find("\n%%\n"); cut != std::string_view::npos) {
    Diagnostics diagnostics;
    scan::load_rules(input.substr(0, cut), "fuzz-rules.toml", rules, diagnostics);
    for (const auto& d : diagnostics) (void)d.to_string();
    if (!diagnostics.empty()) return;
    text = input.substr(cut + 4);
  }
  auto scanner = scan::Scanner::create(rules);
  if (!scanner) return;
  scan::ScanResult result;
  scanner->scan_text(text, "fuzz/input.txt", result);
  for (const auto& f : result.findings) {
    // A finding's value is redacted: never longer than the text it came from.
    if (f.redacted.size() > text.size() + 32) __builtin_trap();
  }
}

}  // namespace

int main(int argc, char** argv) { return quarterdeck::fuzz::run(argc, argv, run); }
