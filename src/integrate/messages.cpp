#include "integrate/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/clock.hpp"
#include "util/date.hpp"

namespace quarterdeck::integrate {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::expected<Json, Error> parse_payload(const store::Event& event) {
  auto j = Json::parse(event.payload, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return std::unexpected(Error{fmt::format(
        "event {} ({}) has a payload that is not a JSON object", event.id, event.type)});
  }
  return j;
}

std::string text_of(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_of(const Json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// "16 Nov 2026" from "2026-11-16"; the text itself when it is no date.
std::string day_text(const std::string& iso) {
  const auto d = Date::parse(iso);
  if (!d) return iso;
  return fmt::format("{} {}", d->short_text(*d), d->year());
}

// At most `n` characters (bytes, cut at a UTF-8 boundary), with an ellipsis.
std::string shortened(std::string text, std::size_t n) {
  if (text.size() <= n) return text;
  std::size_t cut = n - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// A digest of one report, in words first (the `text` a person reads).
struct Digest {
  std::string title, headline, reference;
  std::vector<std::string> decisions;
};

std::string reference_of(const Json& report, const std::string& as_of) {
  const std::string title = text_of(report, "title");
  const std::string message_id = text_of(report, "message_id");
  if (message_id.empty())
    return fmt::format("The full report is in the e-mail \"{}\" of {}.", title, day_text(as_of));
  return fmt::format("The full report is in the e-mail \"{}\" of {} (Message-ID {}).", title,
                     day_text(as_of), message_id);
}

std::string digest_text(const Digest& d) {
  std::string out = d.title + "\n" + d.headline + "\n";
  if (!d.decisions.empty()) {
    out += "Decisions this week:\n";
    for (const auto& line : d.decisions) out += "- " + line + "\n";
  }
  return out + d.reference + "\n";
}

struct Failure {
  std::string title, what, why, resume;
};

std::string failure_text(const Failure& f) {
  return fmt::format("{}\nWhat failed: {}\nWhy: {}\nTo resume: {}\n", f.title, f.what, f.why,
                     f.resume);
}

Json slack_digest(const Digest& d) {
  std::string body = slack_escaped(d.headline);
  if (!d.decisions.empty()) {
    body += "\n\n*Decisions this week*";
    for (const auto& line : d.decisions) body += "\n• " + slack_escaped(line);
  }
  Json blocks = Json::array();
  blocks.push_back(Json{{"type", "header"},
                        {"text", {{"type", "plain_text"}, {"text", shortened(d.title, 150)}}}});
  blocks.push_back(
      Json{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", shortened(body, 3000)}}}});
  blocks.push_back(Json{
      {"type", "context"},
      {"elements", Json::array({Json{{"type", "mrkdwn"}, {"text", slack_escaped(d.reference)}}})}});
  return Json{{"text", slack_escaped(d.title + ": " + d.headline)}, {"blocks", blocks}};
}

Json slack_failure(const Failure& f) {
  const std::string body =
      fmt::format("*What failed:* {}\n*Why:* {}\n*To resume:* `{}`", slack_escaped(f.what),
                  slack_escaped(f.why), slack_escaped(f.resume));
  Json blocks = Json::array();
  blocks.push_back(Json{{"type", "header"},
                        {"text", {{"type", "plain_text"}, {"text", shortened(f.title, 150)}}}});
  blocks.push_back(
      Json{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", shortened(body, 3000)}}}});
  return Json{{"text", slack_escaped(f.title + ": " + f.what)}, {"blocks", blocks}};
}

// Teams: an Adaptive Card whose text is in TextRuns, which Teams shows as
// written (no Markdown): nothing in a title or a headline can format or link.
Json run(const std::string& text, bool bold = false, bool subtle = false) {
  Json r{{"type", "TextRun"}, {"text", text}};
  if (bold) r["weight"] = "Bolder";
  if (subtle) r["isSubtle"] = true;
  return r;
}
Json paragraph(Json runs) {
  return Json{{"type", "RichTextBlock"}, {"inlines", std::move(runs)}};
}

Json teams_card(Json body) {
  return Json{
      {"type", "message"},
      {"attachments",
       Json::array({Json{{"contentType", "application/vnd.microsoft.card.adaptive"},
                         {"contentUrl", nullptr},
                         {"content",
                          {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                           {"type", "AdaptiveCard"},
                           {"version", "1.4"},
                           {"body", std::move(body)}}}}})}};
}

Json teams_digest(const Digest& d) {
  Json body = Json::array();
  body.push_back(paragraph(Json::array({run(d.title, true)})));
  body.push_back(paragraph(Json::array({run(d.headline)})));
  if (!d.decisions.empty()) {
    body.push_back(paragraph(Json::array({run("Decisions this week", true)})));
    for (const auto& line : d.decisions) body.push_back(paragraph(Json::array({run("• " + line)})));
  }
  body.push_back(paragraph(Json::array({run(d.reference, false, true)})));
  return teams_card(std::move(body));
}

Json teams_failure(const Failure& f) {
  Json body = Json::array();
  body.push_back(paragraph(Json::array({run(f.title, true)})));
  body.push_back(paragraph(Json::array({run("What failed: ", true), run(f.what)})));
  body.push_back(paragraph(Json::array({run("Why: ", true), run(f.why)})));
  body.push_back(paragraph(Json::array({run("To resume: ", true), run(f.resume)})));
  return teams_card(std::move(body));
}

}  // namespace

std::string slack_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_escaped(std::string_view text) {
  static constexpr std::string_view k_special = "\\`*_{}[]()<>#+-!|~";
  std::string out;
  for (const char c : text) {
    if (k_special.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::expected<std::string, Error> webhook_body(const store::Event& event) {
  auto data = parse_payload(event);
  if (!data) return std::unexpected(data.error());
  Json body{{"type", event.type},
            {"timestamp", format_utc(event.created_at)},
            {"data", std::move(*data)}};
  return dump(body);
}

std::expected<std::vector<ChatMessage>, Error> chat_messages(const store::Event& event,
                                                             const ChatTarget& target) {
  std::vector<ChatMessage> out;
  if (event.type != "run.completed" && event.type != "run.failed") return out;
  auto payload = parse_payload(event);
  if (!payload) return std::unexpected(payload.error());
  const bool slack = target.kind == "slack";
  if (event.type == "run.failed") {
    if (!target.failures) return out;
    // The title stays short; `what` says which report in words.
    Failure f{fmt::format("{}: a run failed", text_of(*payload, "portfolio")),
              text_of(*payload, "what"), text_of(*payload, "why"), text_of(*payload, "resume")};
    out.push_back({"failure", dump(slack ? slack_failure(f) : teams_failure(f)), failure_text(f)});
    return out;
  }
  const auto reports = payload->find("reports");
  if (reports == payload->end() || !reports->is_array()) return out;
  const std::string as_of = text_of(*payload, "as_of");
  for (const auto& report : *reports) {
    if (!report.is_object()) continue;
    const std::string id = text_of(report, "id");
    if (!target.reports.empty() && std::ranges::find(target.reports, id) == target.reports.end())
      continue;
    // A digest goes with an e-mail that went out in this run: none for a
    // report skipped as unchanged, not sent (a failure notice covers that)
    // or already sent by an earlier run (whose digest went then).
    if (text_of(report, "status") != "sent") continue;
    Digest d{text_of(report, "title"), text_of(report, "headline"), reference_of(report, as_of),
             strings_of(report, "decisions")};
    if (d.decisions.size() > 3) d.decisions.resize(3);
    out.push_back({id, dump(slack ? slack_digest(d) : teams_digest(d)), digest_text(d)});
  }
  return out;
}

std::expected<IssueContent, Error> issue_content(const store::Event& event) {
  auto payload = parse_payload(event);
  if (!payload) return std::unexpected(payload.error());
  const auto task = payload->find("task");
  if (task == payload->end() || !task->is_object() || text_of(*task, "id").empty()) {
    return std::unexpected(
        Error{fmt::format("event {} ({}) has no task with an id", event.id, event.type)});
  }
  IssueContent issue;
  issue.task_id = text_of(*task, "id");
  issue.title = shortened(text_of(*task, "title"), 256);
  if (issue.title.empty()) issue.title = "Task " + issue.task_id;
  std::string body;
  const std::string owner_role = text_of(*task, "owner_role");
  const std::string owner = text_of(*task, "owner");
  if (!owner_role.empty() || !owner.empty()) {
    body += "**Owner:** " + markdown_escaped(owner_role.empty() ? owner : owner_role);
    if (!owner.empty() && !owner_role.empty()) body += " (" + markdown_escaped(owner) + ")";
    body += "  \n";
  }
  const std::string due = text_of(*task, "due");
  body += "**Due:** " + (due.empty() ? std::string("no date") : day_text(due)) + "  \n";
  const std::string report = text_of(*task, "source_report");
  const std::string finding = text_of(*task, "finding_title");
  if (!report.empty()) {
    body += "**From:** the " + markdown_escaped(report) + " report";
    if (!finding.empty()) body += ", finding \"" + markdown_escaped(finding) + "\"";
    body += "  \n";
  }
  const std::string first_seen = text_of(*task, "first_seen");
  if (!first_seen.empty()) body += "**First seen:** " + day_text(first_seen) + "  \n";
  if (const auto evidence = task->find("evidence");
      evidence != task->end() && evidence->is_array() && !evidence->empty()) {
    body += "\n**Evidence**\n";
    for (const auto& e : *evidence) {
      if (!e.is_object()) continue;
      const std::string source = text_of(e, "source");
      const std::string detail = text_of(e, "detail");
      body += "- " + (source.empty() ? "" : markdown_escaped(source) + ": ") +
              markdown_escaped(detail) + "\n";
    }
  }
  if (const auto changes = strings_of(*payload, "changes"); !changes.empty()) {
    body += "\n**Last change**\n";
    for (const auto& c : changes) body += "- " + markdown_escaped(c) + "\n";
  }
  body += fmt::format(
      "\n---\nOpened by Quarterdeck for task `{}`. Closing this issue marks the task done.\n",
      issue.task_id);
  issue.body = std::move(body);
  return issue;
}

}  // namespace quarterdeck::integrate
