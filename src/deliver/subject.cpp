#include "deliver/subject.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "model/decisions.hpp"
#include "util/strings.hpp"

namespace quarterdeck::deliver {
namespace {

// The first `width` code points of `s`, cut at the last space before them
// when there is one, with "…"; `s` itself when it fits.
std::string shorten(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return "";
  // The byte where code point `width - 1` starts: room for the ellipsis.
  std::size_t bytes = 0;
  for (std::size_t points = 0; bytes < s.size(); ++bytes) {
    if ((static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) continue;
    if (points == width - 1) break;
    ++points;
  }
  std::string_view head = s.substr(0, bytes);
  if (const auto space = head.rfind(' '); space != std::string_view::npos && space > 0)
    head = head.substr(0, space);
  while (!head.empty() &&
         (head.back() == ' ' || head.back() == ',' || head.back() == ';' || head.back() == ':')) {
    head.remove_suffix(1);
  }
  return std::string(head) + "…";
}

}  // namespace

std::size_t decision_count(const ReportDocument& doc) { return decision_findings(doc).size(); }

std::string short_name(const ReportDocument& doc) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_personas = {
      {{"ceo", "CEO"},
       {"cto", "CTO"},
       {"cfo", "CFO"},
       {"cmo", "CMO"},
       {"accounting", "Accounting"}}};
  for (const auto& [persona, name] : k_personas) {
    if (doc.persona == persona) return std::string(name);
  }
  // "3028 51st St weekly report" -> "3028 51st St": the date says when.
  std::string_view title = trim(doc.title);
  for (const std::string_view suffix : {" report", " daily", " weekly", " monthly", " quarterly"}) {
    if (title.size() > suffix.size() &&
        to_lower(title.substr(title.size() - suffix.size())) == suffix) {
      title.remove_suffix(suffix.size());
    }
  }
  return std::string(title);
}

std::string subject_for(const ReportDocument& doc, std::string_view prefix,
                        const Redactor& redactor) {
  const std::string lead =
      redactor.apply(fmt::format("{}, {}: ", short_name(doc), doc.as_of.short_text(doc.as_of)));
  // The first two decisions' titles; without decisions, the report's first
  // finding alone.
  std::vector<std::string> titles;
  const std::vector<const Finding*> chosen = decision_findings(doc);
  const std::size_t decisions = chosen.size();
  for (const Finding* f : chosen) {
    if (titles.size() == 2) break;
    titles.push_back(redactor.apply(std::string(trim(f->title))));
  }
  if (chosen.empty() && !doc.findings.empty()) titles.push_back(redactor.apply(std::string(trim(doc.findings.front().title))));
  std::string headline;
  if (decisions > 0) {
    headline = plural(static_cast<std::int64_t>(decisions), "decision");
  } else {
    headline = doc.findings.empty() ? "no findings" : "no decisions this week";
  }
  std::string out = lead + headline;
  // A title cut to less than this says nothing: left out instead.
  constexpr std::size_t k_shortest_title = 12;
  const std::size_t used = display_width(out) + 3;  // " — "
  const std::size_t room = used < k_subject_budget ? k_subject_budget - used : 0;
  if (!titles.empty() && room >= k_shortest_title) {
    out += " — ";
    if (titles.size() == 2 && display_width(titles[0]) + 2 + display_width(titles[1]) <= room) {
      out += titles[0] + "; " + titles[1];
    } else {
      out += shorten(titles[0], room);
    }
  }
  return prefix.empty() ? out : redactor.apply(prefix) + " " + out;
}

}  // namespace quarterdeck::deliver
