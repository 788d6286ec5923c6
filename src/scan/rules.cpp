#include "scan/rules.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <stdexcept>

#include "config/table_reader.hpp"
#include "util/strings.hpp"

namespace quarterdeck::scan {
namespace {

using config_detail::Need;
using config_detail::TableReader;

std::optional<Check> parse_check(std::string_view s) {
  if (s == "none") return Check::none;
  if (s == "pem") return Check::pem;
  if (s == "jwt") return Check::jwt;
  if (s == "generic") return Check::generic;
  if (s == "jwt-base64") return Check::jwt_base64;
  if (s == "basic-auth") return Check::basic_auth;
  if (s == "url-password") return Check::url_password;
  if (s == "header-token") return Check::header_token;
  return std::nullopt;
}

Severity read_severity(TableReader& r, Severity fallback) {
  const auto s = r.string("severity");
  if (!s) return fallback;
  if (const auto v = parse_severity(*s)) return *v;
  r.diagnostics().push_back({r.where("severity"), "unknown severity", "critical, high, medium, low or info",
                             fmt::format("`{}`", *s), ""});
  return fallback;
}

// Both engines must accept the pattern; RE2 is checked here (Hyperscan when
// the matcher is built, which reports the rule id).
void check_regex(TableReader& r, ContentRule& rule) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  const re2::RE2 re(rule.regex, options);
  if (!re.ok()) {
    r.diagnostics().push_back({r.where("regex"), fmt::format("rule `{}`: invalid regex", rule.id),
                               "an RE2 pattern", re.error(), ""});
    return;
  }
  if (rule.secret_group < 0 || rule.secret_group > re.NumberOfCapturingGroups()) {
    r.diagnostics().push_back({r.where("secret_group"), fmt::format("rule `{}`: no such capture group", rule.id),
                               fmt::format("0 to {}", re.NumberOfCapturingGroups()),
                               fmt::format("{}", rule.secret_group), ""});
    rule.secret_group = 0;
  }
}

// The keys content and file rules share.
template <typename Rule>
void read_identity(TableReader& r, Rule& rule) {
  rule.where = r.where_table();
  rule.id = r.string("id", Need::required).value_or("");
  rule.family = r.string("family", Need::required).value_or("");
  rule.severity = read_severity(r, Severity::high);
  rule.description = r.string("description").value_or(rule.id);
}

ContentRule read_content_rule(TableReader& r, PatternCheck check) {
  ContentRule rule;
  read_identity(r, rule);
  rule.regex = r.string("regex", Need::required).value_or("");
  rule.prefilter = r.string("prefilter").value_or("");
  rule.secret_group = static_cast<int>(r.integer("secret_group").value_or(0));
  rule.keep = static_cast<int>(r.integer("keep").value_or(4));
  rule.min_entropy = r.number("min_entropy").value_or(0.0);
  rule.min_length = static_cast<int>(r.integer("min_length").value_or(0));
  rule.stop_words = r.strings("stop_words");
  for (auto& w : rule.stop_words) w = to_lower(w);
  rule.examples = r.strings("examples");
  rule.false_examples = r.strings("false_examples");
  if (const auto n = r.integer("lines")) {
    if (*n == 1 || *n == 2) {
      rule.lines = static_cast<int>(*n);
    } else {
      r.diagnostics().push_back({r.where("lines"), fmt::format("rule `{}`: lines out of range", rule.id), "1 or 2",
                                 fmt::format("{}", *n), ""});
    }
  }
  if (const auto c = r.string("check")) {
    if (const auto v = parse_check(*c)) {
      rule.check = *v;
    } else {
      r.diagnostics().push_back({r.where("check"), "unknown check", "none, pem, jwt, generic, jwt-base64, basic-auth, url-password or header-token",
                                 fmt::format("`{}`", *c), ""});
    }
  }
  if (!rule.regex.empty() && check == PatternCheck::compile) check_regex(r, rule);
  if (rule.keep < 0 && rule.check != Check::pem) {
    // Showing the whole match is only safe for a key block's header line.
    r.diagnostics().push_back({r.where("keep"), fmt::format("rule `{}`: keep = -1 shows the whole match", rule.id),
                               "a number of characters, or -1 only with check = \"pem\"",
                               fmt::format("{}", rule.keep), ""});
    rule.keep = 0;
  }
  r.finish();
  return rule;
}

FileRule read_file_rule(TableReader& r) {
  FileRule rule;
  read_identity(r, rule);
  rule.names = r.strings("names", Need::required);
  rule.except = r.strings("except");
  rule.public_pem_labels = r.strings("public_pem_labels");
  r.finish();
  return rule;
}

template <typename Rule>
void merge(std::vector<Rule>& into, Rule rule) {
  const auto same = std::ranges::find(into, rule.id, &Rule::id);
  if (same != into.end()) {
    *same = std::move(rule);
  } else {
    into.push_back(std::move(rule));
  }
}

void append(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& m : more) {
    if (std::ranges::find(into, m) == into.end()) into.push_back(m);
  }
}

}  // namespace

void load_rules(std::string_view text, const std::string& file, RuleSet& into, Diagnostics& diagnostics,
                PatternCheck check) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    diagnostics.push_back({config_detail::position_of(e.source(), file),
                           fmt::format("malformed TOML: {}", e.description()), "", "", ""});
    return;
  }
  TableReader r(root, file, "rules file", diagnostics, nullptr);
  if (const toml::table* t = r.table("limits")) {
    TableReader limits(*t, file, "[limits]", diagnostics, nullptr);
    if (const auto v = limits.integer("max_file_bytes")) {
      // Hyperscan takes a 32-bit length; a file is read whole into memory.
      if (*v > 0 && *v <= (std::int64_t{1} << 31)) {
        into.max_file_bytes = *v;
      } else {
        diagnostics.push_back({limits.where("max_file_bytes"), "max_file_bytes out of range",
                               "a number of bytes from 1 to 2 GiB", fmt::format("{}", *v), ""});
      }
    }
    limits.finish();
  }
  if (const toml::table* t = r.table("skip")) {
    TableReader skip(*t, file, "[skip]", diagnostics, nullptr);
    append(into.skip_directories, skip.strings("directories"));
    append(into.skip_files, skip.strings("files"));
    skip.finish();
  }
  if (const toml::table* t = r.table("ignore")) {
    TableReader ignore(*t, file, "[ignore]", diagnostics, nullptr);
    append(into.ignore_paths, ignore.strings("paths"));
    ignore.finish();
  }
  for (const toml::table* t : r.tables("rule")) {
    TableReader rr(*t, file, "[[rule]]", diagnostics, nullptr);
    merge(into.content, read_content_rule(rr, check));
  }
  for (const toml::table* t : r.tables("file")) {
    TableReader rr(*t, file, "[[file]]", diagnostics, nullptr);
    merge(into.files, read_file_rule(rr));
  }
  r.finish();
}

RuleSet builtin_rules(PatternCheck check) {
  RuleSet rules;
  Diagnostics diagnostics;
  load_rules(builtin_rules_text(), "rules/secrets.toml", rules, diagnostics, check);
  if (!diagnostics.empty()) {
    // The built-in file is tested; a problem here is a build defect.
    throw std::logic_error("built-in rules: " + diagnostics.front().to_string());
  }
  return rules;
}

}  // namespace quarterdeck::scan
