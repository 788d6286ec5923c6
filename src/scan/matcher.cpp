#include "scan/matcher.hpp"

#include <fmt/format.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

#include "scan/checks.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::scan {

constexpr std::string_view k_allow_marker = "quarterdeck:allow";
constexpr std::size_t k_max_hits_per_file = 100000;  // a pathological file stops here

struct Matcher::Compiled {
  hs_database_t* database = nullptr;
  bool precompiled = false;
  // By rule index, each compiled the first time Hyperscan reports a
  // candidate for its rule: most rules never fire in a given scan, and
  // compiling all of them took a third of a scan's start-up. A rules file's
  // patterns were compiled when it was read, which reported any bad one;
  // the built-in ones when the program was built.
  std::vector<std::unique_ptr<re2::RE2>> extractors;
  std::unique_ptr<std::once_flag[]> compiled_once;
  ~Compiled() { hs_free_database(database); }

  const re2::RE2& extractor(const RuleSet& rules, std::size_t rule) {
    std::call_once(compiled_once[rule], [&] {
      re2::RE2::Options options;
      options.set_log_errors(false);
      extractors[rule] = std::make_unique<re2::RE2>(rules.content[rule].regex, options);
    });
    return *extractors[rule];
  }
};

Matcher::Matcher(const RuleSet& rules, std::unique_ptr<Compiled> compiled)
    : rules_(rules), compiled_(std::move(compiled)) {}

Matcher::~Matcher() = default;

namespace {

std::string_view& precompiled_database() {
  static std::string_view blob;
  return blob;
}

// The registered database, when it was compiled from these rules and this
// machine's Hyperscan can load it.
hs_database_t* load_precompiled(const RuleSet& rules) {
  const std::string_view blob = precompiled_database();
  const std::size_t newline = blob.find('\n');
  if (newline == std::string_view::npos || blob.substr(0, newline) != database_key(rules)) return nullptr;
  const std::string_view bytes = blob.substr(newline + 1);
  hs_database_t* database = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS) return nullptr;
  return database;
}

}  // namespace

void register_precompiled_database(std::string_view blob) { precompiled_database() = blob; }

std::string database_key(const RuleSet& rules) {
  std::string patterns;
  for (const auto& rule : rules.content) {
    patterns += rule.prefilter.empty() ? rule.regex : rule.prefilter;  // what Hyperscan compiles
    patterns.push_back('\0');
  }
  return sha256_hex(patterns);
}

std::expected<std::shared_ptr<const Matcher>, Error> Matcher::build(const RuleSet& rules) {
  auto compiled = std::make_unique<Compiled>();
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  compiled->extractors.resize(rules.content.size());
  compiled->compiled_once = std::make_unique<std::once_flag[]>(rules.content.size());
  for (std::size_t i = 0; i < rules.content.size(); ++i) {
    const auto& rule = rules.content[i];
    expressions.push_back(rule.prefilter.empty() ? rule.regex.c_str() : rule.prefilter.c_str());
    flags.push_back(0);
    ids.push_back(static_cast<unsigned>(i));
  }
  if (!expressions.empty()) compiled->database = load_precompiled(rules);
  compiled->precompiled = compiled->database != nullptr;
  if (!expressions.empty() && compiled->database == nullptr) {
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &compiled->database, &error) != HS_SUCCESS) {
      const std::string where = error->expression >= 0
                                    ? fmt::format("rule `{}`: ", rules.content[static_cast<std::size_t>(error->expression)].id)
                                    : std::string();
      const std::string message = error->message;
      hs_free_compile_error(error);
      return std::unexpected(Error{fmt::format("{}Hyperscan cannot compile the pattern: {}", where, message)});
    }
  }
  return std::shared_ptr<const Matcher>(new Matcher(rules, std::move(compiled)));
}

bool Matcher::precompiled() const { return compiled_->precompiled; }

std::expected<std::string, Error> Matcher::serialized() const {
  if (compiled_->database == nullptr) return std::unexpected(Error{"no patterns to serialize"});
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(compiled_->database, &bytes, &length) != HS_SUCCESS) {
    return std::unexpected(Error{"Hyperscan cannot serialize the database"});
  }
  std::string out = database_key(rules_) + "\n";
  out.append(bytes, length);
  std::free(bytes);
  return out;
}

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<int, 256> counts{};
  for (const unsigned char c : s) ++counts[c];
  double bits = 0;
  const auto n = static_cast<double>(s.size());
  for (const int count : counts) {
    if (count == 0) continue;
    const double p = count / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

std::string redact(std::string_view secret, int keep) {
  std::size_t shown = keep < 0 ? secret.size() : static_cast<std::size_t>(keep);
  // Never the whole secret: a fixed prefix at most, and never over half.
  if (keep >= 0) shown = std::min(shown, secret.size() / 2);
  if (shown >= secret.size()) return std::string(secret);
  return fmt::format("{}… ({} chars)", secret.substr(0, shown), secret.size());
}

std::string fingerprint_of(std::string_view rule, std::string_view path, std::string_view line_hash) {
  return sha256_hex(fmt::format("{}\n{}\n{}", rule, path, line_hash)).substr(0, 24);
}

std::string fingerprint(std::string_view rule, std::string_view path, std::string_view line) {
  return fingerprint_of(rule, path, sha256_hex(trim(line)));
}

namespace {

struct Hit {
  unsigned rule;
  std::size_t line_begin;
  std::size_t line_end;
};

struct Collector {
  std::string_view text;
  std::vector<Hit>* hits;
  std::vector<std::size_t>* done_until;  // by rule: the end of the last line taken
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* context) {
  auto& c = *static_cast<Collector*>(context);
  const std::size_t last = to == 0 ? 0 : static_cast<std::size_t>(to) - 1;
  if (last < (*c.done_until)[id]) return 0;  // this rule's candidate line is taken already
  const std::size_t newline = c.text.find('\n', last);
  const std::size_t end = newline == std::string_view::npos ? c.text.size() : newline;
  (*c.done_until)[id] = end + 1;
  const std::size_t begin = last == 0 ? 0 : c.text.rfind('\n', last - 1);
  c.hits->push_back({id, begin == std::string_view::npos || last == 0 ? 0 : begin + 1, end});
  return c.hits->size() >= k_max_hits_per_file ? 1 : 0;
}

}  // namespace

struct Matcher::Session::State {
  std::shared_ptr<const Matcher> matcher;
  hs_scratch_t* scratch = nullptr;
  std::vector<Hit> hits;
  std::vector<std::size_t> done_until;
  std::vector<re2::StringPiece> captured;  // reused for every candidate line
  ~State() { hs_free_scratch(scratch); }
};

Matcher::Session::Session(std::shared_ptr<const Matcher> matcher) : state_(std::make_unique<State>()) {
  state_->matcher = std::move(matcher);
  if (state_->matcher->compiled_->database != nullptr &&
      hs_alloc_scratch(state_->matcher->compiled_->database, &state_->scratch) != HS_SUCCESS) {
    throw std::bad_alloc();
  }
}

Matcher::Session::~Session() = default;

bool Matcher::Session::scan(std::string_view text, const std::string& path, std::vector<SecretFinding>& out,
                            int& suppressed) {
  const Matcher& m = *state_->matcher;
  if (m.compiled_->database == nullptr || text.empty()) return true;
  auto& hits = state_->hits;
  hits.clear();
  state_->done_until.assign(m.rules_.content.size(), 0);
  Collector collector{text, &hits, &state_->done_until};
  // Hyperscan takes an unsigned length; files are capped far below 4 GiB.
  const hs_error_t status = hs_scan(m.compiled_->database, text.data(), static_cast<unsigned>(text.size()), 0,
                                    state_->scratch, on_match, &collector);
  const bool complete = status == HS_SUCCESS;
  if (hits.empty()) return complete;
  // A rule whose value is on the line after its key is matched on both lines.
  for (Hit& hit : hits) {
    if (m.rules_.content[hit.rule].lines < 2 || hit.line_begin < 2) continue;
    const std::size_t previous = text.rfind('\n', hit.line_begin - 2);
    hit.line_begin = previous == std::string_view::npos ? 0 : previous + 1;
  }
  std::ranges::stable_sort(hits, {}, &Hit::line_begin);

  struct Found {
    SecretFinding finding;
    int length;  // of the secret, in bytes at `byte_column`
    int byte_column;
  };
  std::vector<Found> found;
  std::size_t hashed_line = std::string_view::npos;
  std::string line_hash;
  std::size_t counted_to = 0;
  int line_no = 1;
  std::size_t last_allowed_line = std::string_view::npos;
  for (const Hit& hit : hits) {
    line_no += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                            text.begin() + static_cast<std::ptrdiff_t>(hit.line_begin), '\n'));
    counted_to = hit.line_begin;
    std::string_view line = text.substr(hit.line_begin, hit.line_end - hit.line_begin);
    if (line.find(k_allow_marker) != std::string_view::npos) {
      if (last_allowed_line != hit.line_begin) ++suppressed;
      last_allowed_line = hit.line_begin;
      continue;
    }
    const ContentRule& rule = m.rules_.content[hit.rule];
    const re2::RE2& re = m.compiled_->extractor(m.rules_, hit.rule);
    if (!re.ok()) continue;  // not reachable: see Compiled::extractors
    const int groups = re.NumberOfCapturingGroups() + 1;
    auto& captured = state_->captured;
    captured.assign(static_cast<std::size_t>(groups), re2::StringPiece());
    const re2::StringPiece input(line.data(), line.size());
    std::size_t pos = 0;
    // Columns count characters: a cursor moves along the line, as matches come in order.
    std::size_t column_bytes = 0;
    int column_chars = 0;
    std::size_t column_line = 0;  // where the secret's own line starts in `line`
    while (pos <= line.size() &&
           re.Match(input, pos, line.size(), re2::RE2::UNANCHORED, captured.data(), groups)) {
      const re2::StringPiece whole = captured[0];
      const re2::StringPiece secret_piece = captured[static_cast<std::size_t>(rule.secret_group)];
      const std::size_t match_end = static_cast<std::size_t>(whole.data() - line.data()) + whole.size();
      pos = std::max(match_end, pos + 1);
      if (secret_piece.data() == nullptr) continue;
      const std::string_view secret(secret_piece.data(), secret_piece.size());
      if (!passes(rule, {secret, std::string_view(whole.data(), whole.size()), line, text, hit.line_begin + match_end})) continue;
      if (hashed_line != hit.line_begin) {  // one hash per line, however many findings it holds
        line_hash = sha256_hex(trim(line));
        hashed_line = hit.line_begin;
      }
      const auto byte_offset = static_cast<std::size_t>(secret.data() - line.data());
      SecretFinding f;
      f.rule = rule.id;
      f.family = rule.family;
      f.severity = rule.severity;
      f.description = rule.description;
      f.path = path;
      // A two-line match reports the line the secret is on.
      const std::size_t own_line = byte_offset == 0 ? std::string_view::npos : line.rfind('\n', byte_offset - 1);
      const std::size_t own_begin = own_line == std::string_view::npos ? 0 : own_line + 1;
      if (own_begin != column_line) {
        column_line = own_begin;
        column_bytes = own_begin;
        column_chars = 0;
      }
      f.line = line_no + static_cast<int>(std::count(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(own_begin), '\n'));
      // Columns count characters (UTF-8 code points), as SARIF and editors do.
      column_chars += static_cast<int>(std::ranges::count_if(
          line.substr(column_bytes, byte_offset - column_bytes), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
      column_bytes = byte_offset;
      f.column = 1 + column_chars;
      f.redacted = redact(secret, rule.keep);
      f.fingerprint = fingerprint_of(rule.id, path, line_hash);
      found.push_back({std::move(f), static_cast<int>(secret.size()), static_cast<int>(byte_offset - own_begin)});
    }
  }
  // A secret a more specific rule explains is not also reported by a more
  // general one (the same line and overlapping bytes): a vendor key, even a
  // vendor's JWT (a service-role key), is that vendor's finding; a JWT in a
  // URL or header is the JWT's; a header's or URL's token is not also a
  // generic one. A place reported twice is reported once.
  std::ranges::stable_sort(found, [](const Found& a, const Found& b) {
    return std::tie(a.finding.line, a.byte_column, a.finding.rule) < std::tie(b.finding.line, b.byte_column, b.finding.rule);
  });
  const auto generality = [](std::string_view family) {
    if (family == "generic") return 3;
    if (family == "curl" || family == "url-password") return 2;
    if (family == "jwt") return 1;
    return 0;
  };
  std::map<std::pair<int, int>, int> claimed;  // (line, byte) -> the most specific generality covering it
  for (const auto& f : found) {
    const int g = generality(f.finding.family);
    for (int b = f.byte_column; b < f.byte_column + f.length; ++b) {
      const auto [it, inserted] = claimed.try_emplace({f.finding.line, b}, g);
      if (!inserted) it->second = std::min(it->second, g);
    }
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& f = found[i];
    // The same place twice: by one rule, or by two generic rules (an
    // assignment both `key = value` and `key value` shapes read).
    if (i > 0 && f.finding.line == found[i - 1].finding.line && f.byte_column == found[i - 1].byte_column &&
        (f.finding.rule == found[i - 1].finding.rule ||
         (f.finding.family == "generic" && found[i - 1].finding.family == "generic"))) {
      continue;
    }
    const int g = generality(f.finding.family);
    bool explained = false;
    for (int b = f.byte_column; b < f.byte_column + f.length && !explained && g > 0; ++b) {
      explained = claimed.at({f.finding.line, b}) < g;
    }
    if (explained) continue;
    out.push_back(f.finding);
  }
  return complete;
}

}  // namespace quarterdeck::scan
