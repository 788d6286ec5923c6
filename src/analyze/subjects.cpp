#include "analyze/subjects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <utility>

#include "analyze/findings.hpp"
#include "util/strings.hpp"

namespace quarterdeck {
namespace {

// Lower-case letters and digits only: "Google Business" and
// "google_business" both become "googlebusiness".
std::string squeezed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0)
      out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

bool contains_ci(std::string_view text, std::string_view word) {
  return to_lower(text).find(to_lower(word)) != std::string::npos;
}

// "waf" as a word, not inside "wafer".
bool names_word(std::string_view text, std::string_view word) {
  const std::string lower = to_lower(text);
  for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    const bool starts = at == 0 || std::isalnum(static_cast<unsigned char>(lower[at - 1])) == 0;
    const std::size_t end = at + word.size();
    const bool ends =
        end == lower.size() || std::isalnum(static_cast<unsigned char>(lower[end])) == 0;
    if (starts && ends) return true;
  }
  return false;
}

// "https://jada.example.com/api/bookings?x" -> "/api/bookings"; "" for none.
std::string url_path(std::string_view url) {
  const auto scheme = url.find("://");
  const std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return "";
  std::string_view path = rest.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  return path == "/" ? "" : std::string(path);
}

std::string slug_prefix(std::string_view text) {
  std::string s = slugify(text).substr(0, 40);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

bool listed(const AnalysisContext& ctx, const Entity& e, std::string_view channel) {
  const auto rows = ctx.channels_of(e.id);
  return std::ranges::any_of(rows, [&](const ChannelListing* c) {
    return c->channel == channel && c->status == "listed";
  });
}

// Where a finding comes from, in the order that picks the merged finding's
// primary: a detector's title and recommendation first.
enum class Origin { detector, known_issue, rule, overdue_item, folded_item };

Origin origin_of(std::string_view id) {
  if (id.starts_with("known-issue-")) return Origin::known_issue;
  if (id.starts_with("rule-")) return Origin::rule;
  if (id.starts_with("overdue-")) return Origin::overdue_item;
  if (id.starts_with("planned-") || id.starts_with("handoff-")) return Origin::folded_item;
  return Origin::detector;
}

// The planned actions and open handoff items, as findings that only join a
// finding about the same subject (and are dropped otherwise).
void folded_candidates(const AnalysisContext& ctx, std::vector<Finding>& out) {
  for (const auto& a : ctx.portfolio.actions) {
    const Entity* e = a.entity.empty() ? nullptr : ctx.entities.by_id(a.entity);
    if (e == nullptr) continue;
    std::string subject = infer_subject(ctx, *e, a.title);
    if (subject.empty()) continue;
    Finding f;
    f.id = action_item_id(a);
    f.entity = e->id;
    f.subject = std::move(subject);
    f.severity = Severity::info;
    f.title = a.title;
    f.owner = a.owner;
    const std::string expected =
        a.monthly_return.units() > 0
            ? fmt::format(", {} a month expected", a.monthly_return.to_display(ctx.symbol))
            : "";
    f.evidence.push_back({ctx.at("portfolio.toml", a.where.line),
                          fmt::format("planned: {}{}{}", a.title, expected,
                                      a.due ? fmt::format(", due {}", a.due->to_string()) : "")});
    out.push_back(std::move(f));
  }
  if (!ctx.data.handoffs) return;
  for (const auto& note : *ctx.data.handoffs) {
    const Entity* e = ctx.entities.by_id(note.entity);
    if (e == nullptr) continue;
    for (const auto& item : note.items) {
      // Overdue items are findings of their own (findings_people.cpp).
      if (item.done || (item.due && *item.due < ctx.as_of)) continue;
      std::string subject = infer_subject(ctx, *e, item.text);
      if (subject.empty()) continue;
      Finding f;
      f.id = handoff_item_id(note, item);
      f.entity = e->id;
      f.subject = std::move(subject);
      f.severity = Severity::info;
      f.title = item.text;
      f.owner = item.owner;
      f.evidence.push_back(
          {ctx.at(note.file, item.line),
           fmt::format("open handoff item{}: {}",
                       item.due ? fmt::format(" due {}", item.due->to_string()) : "", item.text)});
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

std::string channel_words(std::string_view channel) {
  static const std::map<std::string_view, std::string_view> k_names = {
      {"getmyboat", "GetMyBoat"},
      {"vrbo", "Vrbo"},
      {"airbnb", "Airbnb"},
      {"booking_com", "Booking.com"},
      {"bookingcom", "Booking.com"},
      {"tripadvisor", "Tripadvisor"},
      {"website", "the website"},
      {"etsy", "Etsy"},
      {"ebay", "eBay"},
      {"getyourguide", "GetYourGuide"},
      {"vrbo_com", "Vrbo"}};
  if (const auto it = k_names.find(channel); it != k_names.end()) return std::string(it->second);
  std::string out;
  bool start = true;
  for (const char c : channel) {
    if (c == '_' || c == '-') {
      out.push_back(' ');
      start = true;
    } else {
      out.push_back(start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
      start = false;
    }
  }
  return out;
}

std::vector<std::string> channels_named(const Entity& e, std::string_view text) {
  const std::string haystack = squeezed(text);
  std::vector<std::string> out;
  for (const auto& c : e.expected_channels) {
    // "website" is a word every note uses; it names no channel.
    if (c == "website") continue;
    const std::string id = squeezed(c);
    const std::string words = squeezed(channel_words(c));
    if ((!id.empty() && haystack.find(id) != std::string::npos) ||
        (!words.empty() && haystack.find(words) != std::string::npos)) {
      out.push_back(c);
    }
  }
  return out;
}

std::string infer_subject(const AnalysisContext& ctx, const Entity& e, std::string_view text) {
  for (const auto& ep : e.stack.endpoints) {
    const std::string path = url_path(ep.url);
    if (path.size() > 1 && text.find(path) != std::string_view::npos)
      return endpoint_subject(ep.url);
  }
  for (const auto& declared : e.stack.repos) {
    const std::string name = repo_subject_name(declared);
    if (name.empty() || !contains_ci(text, name)) continue;
    const bool secret = names_word(text, "key") || names_word(text, "keys") ||
                        contains_ci(text, "secret") || contains_ci(text, "credential") ||
                        contains_ci(text, "password") || contains_ci(text, ".env");
    return (secret ? "secrets:" : "repo:") + name;
  }
  const auto channels = channels_named(e, text);
  if (!channels.empty()) {
    const bool missing =
        std::ranges::any_of(channels, [&](const std::string& c) { return !listed(ctx, e, c); });
    return missing ? std::string("listing") : "channel:" + channels.front();
  }
  if (names_word(text, "waf")) return "waf";
  return "";
}

std::string known_issue_subject(const AnalysisContext& ctx, const Entity& e,
                                const KnownIssue& issue) {
  if (!issue.subject.empty()) return issue.subject;
  std::string inferred = infer_subject(ctx, e, issue.title + "\n" + issue.detail);
  return inferred.empty() ? "issue:" + slug_prefix(issue.title) : inferred;
}

std::string_view subject_of_metrics(const std::vector<std::string>& metrics) {
  // In priority order: a rule naming several metrics restates the first.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> k_table = {{
      {"runway_months", "runway"},
      {"monthly_burn", "runway"},
      {"cash", "runway"},
      {"secrets_found", "secrets"},
      {"net_month", "profit"},
      {"expenses_month", "profit"},
      {"cloud_cost_month", "cloud-cost"},
      {"cloud_savings_month", "cloud-savings"},
      {"channels_listed", "listing"},
      {"leads_30d", "sales"},
      {"forward_bookings", "sales"},
      {"forward_bookings_value", "sales"},
      {"bookings_month", "sales"},
      {"revenue_month", "sales"},
      {"open_items", "handoffs"},
      {"commits_12w", "dev-activity"},
      {"days_since_commit", "dev-activity"},
  }};
  for (const auto& [name, subject] : k_table) {
    if (std::ranges::find(metrics, name) != metrics.end()) return subject;
  }
  return "";
}

std::string handoff_item_id(const HandoffNote& note, const HandoffItem& item) {
  return fmt::format("handoff-{}-{}", note.entity, slug_prefix(item.text));
}

std::string action_item_id(const CapitalAction& action) {
  return "planned-" + action.id;
}

bool folded_into(const std::vector<Finding>& findings, std::string_view id) {
  return std::ranges::any_of(findings, [&](const Finding& f) {
    return std::ranges::find(f.merged, id) != f.merged.end();
  });
}

const CapitalAction* planned_listing(const Portfolio& p, const Entity& entity,
                                     std::string_view channel) {
  for (const auto& a : p.actions) {
    if (a.entity != entity.id || a.monthly_return.units() <= 0) continue;
    const auto named = channels_named(entity, a.title);
    if (std::ranges::find(named, channel) != named.end()) return &a;
  }
  return nullptr;
}

std::int64_t ranking_score(const Finding& f) {
  // severity × 10^15 + money at stake in whole currency units (capped below
  // 10^9) × 10^3 + (999 − days to impact, capped at 999; unknown counts 999).
  const std::int64_t severity = 4 - rank(f.severity);  // critical 4 ... info 0
  std::int64_t money = 0;
  if (f.at_stake && f.at_stake->units() > 0) {
    std::int64_t whole = f.at_stake->units();
    for (int i = 0; i < f.at_stake->precision(); ++i) whole /= 10;
    money = std::min<std::int64_t>(whole, 999'999'999);
  }
  const std::int64_t days = f.days_to_impact ? std::clamp(*f.days_to_impact, 0, 999) : 999;
  return severity * 1'000'000'000'000'000 + money * 1'000 + (999 - days);
}

std::vector<Finding> merge_and_rank(const AnalysisContext& ctx, std::vector<Finding> findings) {
  folded_candidates(ctx, findings);
  using Key = std::pair<std::string, std::string>;  // entity, subject
  std::map<Key, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    if (f.subject.empty()) f.subject = "finding:" + f.id;  // a detector that names none stays alone
    if (f.subject != "secrets") groups[{f.entity, f.subject}].push_back(i);
  }
  // A rule on secrets_found restates every secrets finding of its entity.
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.subject != "secrets") continue;
    bool attached = false;
    for (auto& [key, members] : groups) {
      if (key.first == f.entity && key.second.starts_with("secrets:")) {
        members.push_back(i);
        attached = true;
      }
    }
    if (!attached) groups[{f.entity, f.subject}].push_back(i);
  }

  std::vector<Finding> out;
  out.reserve(groups.size());
  for (auto& [key, members] : groups) {
    const bool real = std::ranges::any_of(
        members, [&](std::size_t i) { return origin_of(findings[i].id) != Origin::folded_item; });
    if (!real) continue;
    std::ranges::stable_sort(members, [&](std::size_t a, std::size_t b) {
      const auto oa = origin_of(findings[a].id);
      const auto ob = origin_of(findings[b].id);
      if (oa != ob) return oa < ob;
      return rank(findings[a].severity) < rank(findings[b].severity);
    });
    Finding merged = findings[members.front()];
    const bool detected = origin_of(merged.id) == Origin::detector;
    for (std::size_t k = 1; k < members.size(); ++k) {
      const Finding& other = findings[members[k]];
      if (rank(other.severity) < rank(merged.severity)) merged.severity = other.severity;
      // A rule restating a detector adds the rule (its first line); the
      // metrics' evidence behind it is the detector's own.
      const std::size_t kept =
          detected && origin_of(other.id) == Origin::rule ? 1 : other.evidence.size();
      for (std::size_t n = 0; n < kept && n < other.evidence.size(); ++n) {
        const Evidence& ev = other.evidence[n];
        const bool seen = std::ranges::any_of(merged.evidence, [&](const Evidence& x) {
          return x.source == ev.source && x.detail == ev.detail;
        });
        if (!seen) merged.evidence.push_back(ev);
      }
      if (other.at_stake && (!merged.at_stake || *other.at_stake > *merged.at_stake))
        merged.at_stake = other.at_stake;
      if (other.days_to_impact &&
          (!merged.days_to_impact || *other.days_to_impact < *merged.days_to_impact)) {
        merged.days_to_impact = other.days_to_impact;
      }
      if (origin_of(other.id) != Origin::folded_item && other.due &&
          (!merged.due || *other.due < *merged.due)) {
        merged.due = other.due;
      }
      if (std::ranges::find(merged.merged, other.id) == merged.merged.end())
        merged.merged.push_back(other.id);
    }
    // A stronger severity brings its own, nearer, due date.
    if (const auto due = findings_detail::due_for(merged.severity, ctx.as_of);
        due && (!merged.due || *due < *merged.due)) {
      merged.due = due;
    }
    // Plain words for the reader: no Markdown code spans in what a finding says.
    const auto plain = [](std::string& text) { std::erase(text, '`'); };
    plain(merged.title);
    plain(merged.recommendation);
    for (auto& ev : merged.evidence) plain(ev.detail);
    merged.score = ranking_score(merged);
    out.push_back(std::move(merged));
  }
  std::ranges::sort(out, [](const Finding& a, const Finding& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.entity != b.entity) return a.entity < b.entity;
    if (a.subject != b.subject) return a.subject < b.subject;
    return a.id < b.id;
  });
  return out;
}

}  // namespace quarterdeck
