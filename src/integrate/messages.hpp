// What the integrations send, made from an event (store/store.hpp Event,
// whose payloads docs/operations.md "Integrations" lists): the Standard
// Webhooks body, Slack and Teams messages, and a task's GitHub issue. Pure
// functions of the event and the target's settings; the caller passes the
// result through the portfolio's Redactor.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "model/portfolio.hpp"
#include "store/store.hpp"
#include "util/diagnostic.hpp"

namespace quarterdeck::integrate {

// {"type": TYPE, "timestamp": RFC 3339 of the event, "data": PAYLOAD}.
std::expected<std::string, Error> webhook_body(const store::Event& event);

// One chat message: `part` names it within its event (a report id for a
// digest, "failure" for a failed run), `json` is what is posted and `text`
// what a person reads (for logs and tests).
struct ChatMessage {
  std::string part;
  std::string json;
  std::string text;
};

// What `target` gets for `event`: for run.completed, one digest for each
// report it follows that this run sent (the headline, the decisions of the week,
// where the full report is); for run.failed, when it takes failures, what
// failed, why and the command to resume; nothing otherwise.
std::expected<std::vector<ChatMessage>, Error> chat_messages(const store::Event& event,
                                                             const ChatTarget& target);

// Slack mrkdwn text: &, < and > escaped (the only characters Slack asks to).
std::string slack_escaped(std::string_view text);

// A task's issue, from a task.* payload.
struct IssueContent {
  std::string task_id;
  std::string title;
  std::string body;  // Markdown
};
std::expected<IssueContent, Error> issue_content(const store::Event& event);

// `text` with Markdown's special characters escaped, for GitHub.
std::string markdown_escaped(std::string_view text);

}  // namespace quarterdeck::integrate
