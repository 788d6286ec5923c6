#include "integrate/push.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "integrate/messages.hpp"
#include "integrate/signing.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace quarterdeck::integrate {
namespace {

constexpr std::size_t k_event_page = 200;

enum class Kind { webhook, github, chat };

struct Target {
  Kind kind;
  std::string key;
  std::string label;
  const WebhookTarget* webhook = nullptr;
  const GithubTarget* github = nullptr;
  const ChatTarget* chat = nullptr;
};

// The role a task event's task is owned by ("" when the payload has none).
std::string task_owner_role(const store::Event& e) {
  const auto payload = nlohmann::json::parse(e.payload, nullptr, false);
  if (!payload.is_object()) return "";
  const auto task = payload.find("task");
  if (task == payload.end() || !task->is_object()) return "";
  const auto role = task->find("owner_role");
  return role != task->end() && role->is_string() ? role->get<std::string>() : "";
}

bool wants(const Target& t, const store::Event& e) {
  const std::string& type = e.type;
  switch (t.kind) {
    case Kind::webhook:
      return t.webhook->events.empty() ||
             std::ranges::find(t.webhook->events, type) != t.webhook->events.end();
    case Kind::github:
      if (type != "task.created" && type != "task.updated" && type != "task.resolved") return false;
      return t.github->owners.empty() ||
             std::ranges::find(t.github->owners, task_owner_role(e)) != t.github->owners.end();
    case Kind::chat:
      return type == "run.completed" || (type == "run.failed" && t.chat->failures);
  }
  return false;
}

// The answer to one call.
struct CallResult {
  enum class State { ok, retryable, permanent, skipped } state = State::ok;
  std::string detail;
  std::optional<std::int64_t> retry_after;
  std::string remote_id;
};

// "HTTP 503: the body's first line" (the body cut short).
std::string describe(const HttpResponse& r) {
  std::string body(trim(r.body));
  body = body.substr(0, body.find('\n'));
  if (body.size() > 200) body = body.substr(0, 197) + "...";
  return body.empty() ? fmt::format("HTTP {}", r.status)
                      : fmt::format("HTTP {}: {}", r.status, body);
}

CallResult classify(const std::expected<HttpResponse, std::string>& answer) {
  using State = CallResult::State;
  if (!answer) return {State::retryable, "no answer: " + answer.error(), std::nullopt, ""};
  const HttpResponse& r = *answer;
  if (r.status >= 200 && r.status < 300) return {State::ok, "", std::nullopt, ""};
  // Throttled (429, or GitHub's 403 with Retry-After), timed out, or the
  // server's own trouble: worth another try. Any other 4xx is final.
  const bool retryable = r.status == 408 || r.status == 429 || r.status >= 500 ||
                         (r.status == 403 && r.retry_after_seconds);
  return {retryable ? State::retryable : State::permanent, describe(r), r.retry_after_seconds, ""};
}

class Pusher {
 public:
  explicit Pusher(PushContext& c) : c_(c), backoff_(c.settings.retry, c.settings.seed) {}

  std::expected<PushReport, Error> run() {
    std::vector<Target> targets;
    for (std::size_t i = 0; i < c_.targets.webhooks.size(); ++i) {
      const auto& w = c_.targets.webhooks[i];
      targets.push_back({Kind::webhook, webhook_target_key(c_.portfolio, w),
                         fmt::format("webhook {}", i + 1), &w});
    }
    if (c_.targets.github) {
      targets.push_back({Kind::github, github_target_key(c_.portfolio, *c_.targets.github),
                         "GitHub " + c_.targets.github->repository, nullptr, &*c_.targets.github});
    }
    for (std::size_t i = 0; i < c_.targets.chat.size(); ++i) {
      const auto& chat = c_.targets.chat[i];
      targets.push_back({Kind::chat, chat_target_key(c_.portfolio, chat),
                         fmt::format("{} {}", chat.kind == "slack" ? "Slack" : "Teams", i + 1),
                         nullptr, nullptr, &chat});
    }
    for (const auto& t : targets) {
      if (auto r = enqueue(t); !r) return std::unexpected(r.error());
      if (auto r = deliver(t); !r) return std::unexpected(r.error());
    }
    if (c_.targets.github) {
      if (auto r = read_back(targets[c_.targets.webhooks.size()]); !r)
        return std::unexpected(r.error());
    }
    return std::move(report_);
  }

 private:
  std::int64_t now() const { return c_.clock.now_unix(); }

  // New events since the target's cursor become its pending rows; the
  // cursor moves only once they are recorded.
  std::expected<void, Error> enqueue(const Target& t) {
    auto cursor = c_.store.integration_cursor(t.key);
    if (!cursor) return std::unexpected(cursor.error());
    std::int64_t seq = 0;
    if (*cursor) {
      seq = **cursor;
    } else {
      auto start = c_.store.event_seq_before(now() - c_.settings.new_target_lookback_seconds);
      if (!start) return std::unexpected(start.error());
      seq = *start;
    }
    while (true) {
      auto events = c_.store.events_after(seq, k_event_page);
      if (!events) return std::unexpected(events.error());
      for (const auto& e : *events) {
        if (e.portfolio != c_.portfolio || !wants(t, e)) continue;
        store::IntegrationDelivery row;
        row.event_id = e.id;
        row.target = t.key;
        row.event_seq = e.seq;
        row.updated_at = now();
        if (auto added = c_.store.add_integration_delivery(row); !added)
          return std::unexpected(added.error());
      }
      if (!events->empty()) seq = events->back().seq;
      if (auto r = c_.store.set_integration_cursor(t.key, seq); !r) return r;
      if (events->size() < k_event_page) return {};
    }
  }

  std::expected<void, Error> save(store::IntegrationDelivery& row, std::string status) {
    row.status = std::move(status);
    row.updated_at = now();
    row.last_error = c_.redactor.apply(row.last_error);
    return c_.store.save_integration_delivery(row);
  }

  void line(const Target& t, const store::Event& e, std::string outcome, int attempts,
            std::string detail) {
    report_.lines.push_back(
        {t.label, e.type, e.id, std::move(outcome), attempts, c_.redactor.apply(detail)});
  }

  std::expected<void, Error> deliver(const Target& t) {
    auto rows = c_.store.unfinished_integration_deliveries(t.key);
    if (!rows) return std::unexpected(rows.error());
    for (std::size_t i = 0; i < rows->size(); ++i) {
      auto& [row, event] = (*rows)[i];
      const std::size_t behind = rows->size() - i - 1;
      if (row.next_attempt_at > now() && !c_.settings.flush) {
        line(t, event, "will retry", 0,
             fmt::format("not tried before {} (`quarterdeck push` tries now){}",
                         format_utc(row.next_attempt_at), waiting(behind)));
        report_.will_retry += static_cast<int>(rows->size() - i);
        return {};
      }
      auto stopped = deliver_one(t, row, event, behind);
      if (!stopped) return std::unexpected(stopped.error());
      if (*stopped) {
        report_.will_retry += static_cast<int>(behind);
        return {};
      }
    }
    return {};
  }

  static std::string waiting(std::size_t behind) {
    if (behind == 0) return "";
    return fmt::format("; {} wait{} behind it",
                       plural(static_cast<std::int64_t>(behind), "later event"),
                       behind == 1 ? "s" : "");
  }

  // Sends one row until it is sent, rejected, or out of tries for this
  // push; true when the target should not be tried further this push.
  std::expected<bool, Error> deliver_one(const Target& t, store::IntegrationDelivery& row,
                                         const store::Event& event, std::size_t behind) {
    const bool resumed = row.status == "sending";
    const std::int64_t started = c_.clock.now_ms();
    int tries = 0;
    while (true) {
      if (c_.confirm) {
        if (auto held = c_.confirm(); !held) return std::unexpected(held.error());
      }
      ++tries;
      ++row.attempts;
      if (auto r = save(row, "sending"); !r) return std::unexpected(r.error());
      auto result = call(t, row, event);
      if (!result) return std::unexpected(result.error());
      using State = CallResult::State;
      row.last_error = result->detail;
      row.next_attempt_at = 0;
      if (!result->remote_id.empty()) row.remote_id = result->remote_id;
      if (result->state == State::ok) {
        if (auto r = save(row, "sent"); !r) return std::unexpected(r.error());
        ++report_.sent;
        std::string detail = tries > 1 ? fmt::format("after {} attempts", tries) : "";
        if (resumed)
          detail +=
              std::string(detail.empty() ? "" : "; ") + "sent again: an earlier push was cut off";
        if (!row.remote_id.empty() && t.kind == Kind::github) {
          detail = "issue " + row.remote_id + (detail.empty() ? "" : "; " + detail);
        }
        line(t, event, "sent", tries, detail);
        return false;
      }
      if (result->state == State::skipped) {
        if (auto r = save(row, "skipped"); !r) return std::unexpected(r.error());
        line(t, event, "skipped", tries, result->detail);
        return false;
      }
      if (result->state == State::permanent) {
        if (auto r = save(row, "rejected"); !r) return std::unexpected(r.error());
        ++report_.rejected;
        line(t, event, "rejected", tries, result->detail + " (not retried)");
        return false;
      }
      const std::int64_t elapsed = c_.clock.now_ms() - started;
      std::optional<std::int64_t> delay;
      if (result->retry_after) {
        const std::int64_t asked = *result->retry_after * 1000;
        if (tries < c_.settings.retry.max_attempts &&
            elapsed + asked <= c_.settings.retry.max_total_ms)
          delay = asked;
        else
          row.next_attempt_at = now() + *result->retry_after;
      } else {
        delay = backoff_.next_delay(tries, elapsed);
        if (!delay) {
          // The pushes that gave up on it so far, this one included.
          const int pushes = std::max(1, (row.attempts + c_.settings.retry.max_attempts - 1) /
                                             c_.settings.retry.max_attempts);
          const std::int64_t wait =
              std::min(c_.settings.max_push_backoff_seconds,
                       c_.settings.push_backoff_seconds << std::min(pushes - 1, 20));
          row.next_attempt_at = now() + wait;
        }
      }
      if (!delay) {
        if (auto r = save(row, "failed"); !r) return std::unexpected(r.error());
        ++report_.will_retry;
        line(t, event, "will retry", tries,
             fmt::format("{}; tried again at the next push{}", result->detail, waiting(behind)));
        return true;
      }
      if (auto r = save(row, "failed"); !r) return std::unexpected(r.error());
      c_.sleeper.sleep_ms(*delay);
    }
  }

  std::expected<CallResult, Error> call(const Target& t, store::IntegrationDelivery& row,
                                        const store::Event& e) {
    switch (t.kind) {
      case Kind::webhook:
        return call_webhook(*t.webhook, e);
      case Kind::chat:
        return call_chat(*t.chat, row, e);
      case Kind::github:
        return call_github(*t.github, row, e);
    }
    return CallResult{};
  }

  std::expected<CallResult, Error> call_webhook(const WebhookTarget& w, const store::Event& e) {
    auto body = webhook_body(e);
    if (!body)
      return CallResult{CallResult::State::permanent, body.error().message, std::nullopt, ""};
    auto key = webhook_key(w.secret);
    if (!key)
      return CallResult{CallResult::State::permanent, key.error().message, std::nullopt, ""};
    const std::string sent_body = c_.redactor.apply(*body);
    const std::int64_t timestamp = now();
    HttpRequest request{
        "POST",
        w.url,
        {{"Content-Type", "application/json"},
         {"webhook-id", e.id},
         {"webhook-timestamp", fmt::format("{}", timestamp)},
         {"webhook-signature", webhook_signature(*key, e.id, timestamp, sent_body)}},
        sent_body};
    return classify(c_.http.send(request));
  }

  // Every digest of the event the chat follows; the ones already posted
  // (remote_id: their parts, comma-separated) are not posted again.
  std::expected<CallResult, Error> call_chat(const ChatTarget& chat,
                                             store::IntegrationDelivery& row,
                                             const store::Event& e) {
    auto messages = chat_messages(e, chat);
    if (!messages)
      return CallResult{CallResult::State::permanent, messages.error().message, std::nullopt, ""};
    if (messages->empty()) {
      return CallResult{
          CallResult::State::skipped,
          e.type == "run.completed" ? "no report this chat follows was sent" : "nothing to post",
          std::nullopt, ""};
    }
    std::vector<std::string> done;
    for (const auto part : split(row.remote_id, ',')) {
      if (!part.empty()) done.emplace_back(part);
    }
    for (const auto& m : *messages) {
      if (std::ranges::find(done, m.part) != done.end()) continue;
      HttpRequest request{
          "POST", chat.url, {{"Content-Type", "application/json"}}, c_.redactor.apply(m.json)};
      CallResult result = classify(c_.http.send(request));
      if (result.state != CallResult::State::ok) return result;
      done.push_back(m.part);
      row.remote_id = join(done, ",");
      if (auto r = c_.store.save_integration_delivery(row); !r) return std::unexpected(r.error());
    }
    return CallResult{};
  }

  HttpRequest github_request(const GithubTarget& g, std::string method, const std::string& path,
                             std::string body) {
    HttpRequest request{std::move(method),
                        g.api_url + "/repos/" + g.repository + path,
                        {{"Accept", "application/vnd.github+json"},
                         {"Authorization", "Bearer " + g.token},
                         {"X-GitHub-Api-Version", "2022-11-28"}},
                        std::move(body)};
    if (!request.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    return request;
  }

  // An issue opened for `task_id` by an earlier attempt whose answer never
  // came: the newest 100 issues with the labels, searched for the task's
  // line in the body. nullopt inside: none; an unexpected CallResult: the
  // search itself failed.
  std::expected<std::optional<std::int64_t>, CallResult> find_issue(const GithubTarget& g,
                                                                    const std::string& task_id) {
    std::string query = "?state=all&per_page=100&sort=created&direction=desc";
    if (!g.labels.empty()) query += "&labels=" + percent_encoded(join(g.labels, ","));
    const auto answer = c_.http.send(github_request(g, "GET", "/issues" + query, ""));
    CallResult result = classify(answer);
    if (result.state != CallResult::State::ok) return std::unexpected(result);
    const auto json = nlohmann::json::parse(answer->body, nullptr, false);
    if (!json.is_array()) return std::optional<std::int64_t>{};
    const std::string marker = fmt::format("for task `{}`.", task_id);
    for (const auto& issue : json) {
      if (!issue.is_object() || !issue.contains("number") || !issue["number"].is_number_integer())
        continue;
      if (issue.contains("body") && issue["body"].is_string() &&
          issue["body"].get<std::string>().find(marker) != std::string::npos) {
        return std::optional<std::int64_t>{issue["number"].get<std::int64_t>()};
      }
    }
    return std::optional<std::int64_t>{};
  }

  static std::string percent_encoded(std::string_view text) {
    std::string out;
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
        out += c;
      } else {
        out += fmt::format("%{:02X}", u);
      }
    }
    return out;
  }

  std::expected<CallResult, Error> call_github(const GithubTarget& g,
                                               const store::IntegrationDelivery& row,
                                               const store::Event& e) {
    using Json = nlohmann::ordered_json;
    auto issue = issue_content(e);
    if (!issue)
      return CallResult{CallResult::State::permanent, issue.error().message, std::nullopt, ""};
    auto existing = c_.store.github_issue(g.repository, issue->task_id);
    if (!existing) return std::unexpected(existing.error());
    const auto apply = [&](const Json& j) {
      return c_.redactor.apply(j.dump(-1, ' ', false, Json::error_handler_t::replace));
    };
    if (e.type == "task.resolved") {
      if (!*existing)
        return CallResult{CallResult::State::skipped, "no issue was opened for this task",
                          std::nullopt, ""};
      const std::int64_t number = (*existing)->number;
      CallResult result = classify(c_.http.send(
          github_request(g, "PATCH", fmt::format("/issues/{}", number),
                         apply(Json{{"state", "closed"}, {"state_reason", "completed"}}))));
      if (result.state != CallResult::State::ok) return result;
      store::GithubIssue closed = **existing;
      closed.state = "closed";
      closed.closed_here = true;
      if (auto r = c_.store.save_github_issue(closed); !r) return std::unexpected(r.error());
      result.remote_id = fmt::format("#{}", number);
      return result;
    }
    const Json fields{{"title", issue->title}, {"body", issue->body}};
    // Not the first attempt: an earlier one may have opened the issue and
    // lost the answer (a timeout, a crash). Look before opening another.
    if (!*existing && row.attempts > 1) {
      auto found = find_issue(g, issue->task_id);
      if (!found) return found.error();
      if (*found) {
        store::GithubIssue adopted{g.repository, issue->task_id, **found, "open", false};
        if (auto r = c_.store.save_github_issue(adopted); !r) return std::unexpected(r.error());
        *existing = adopted;
      }
    }
    if (*existing) {
      const std::int64_t number = (*existing)->number;
      CallResult result = classify(c_.http.send(
          github_request(g, "PATCH", fmt::format("/issues/{}", number), apply(fields))));
      if (result.state == CallResult::State::ok) result.remote_id = fmt::format("#{}", number);
      return result;
    }
    Json create = fields;
    create["labels"] = g.labels;
    const auto answer = c_.http.send(github_request(g, "POST", "/issues", apply(create)));
    CallResult result = classify(answer);
    if (result.state != CallResult::State::ok) return result;
    const auto json = nlohmann::json::parse(answer->body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("number") ||
        !json["number"].is_number_integer()) {
      return CallResult{CallResult::State::permanent,
                        "GitHub created the issue but its answer has no issue number", std::nullopt,
                        ""};
    }
    const std::int64_t number = json["number"].get<std::int64_t>();
    if (auto r = c_.store.save_github_issue({g.repository, issue->task_id, number, "open", false});
        !r) {
      return std::unexpected(r.error());
    }
    result.remote_id = fmt::format("#{}", number);
    return result;
  }

  // The issues still open here: one closed on GitHub marks its task done.
  std::expected<void, Error> read_back(const Target& t) {
    const GithubTarget& g = *t.github;
    auto open = c_.store.github_issues(g.repository, "open");
    if (!open) return std::unexpected(open.error());
    store::Event none;
    for (auto issue : *open) {
      none.type = "read-back";
      none.id = fmt::format("issue #{}", issue.number);
      if (c_.confirm) {
        if (auto held = c_.confirm(); !held) return std::unexpected(held.error());
      }
      const auto answer =
          c_.http.send(github_request(g, "GET", fmt::format("/issues/{}", issue.number), ""));
      if (!answer) {
        line(t, none, "not read", 1,
             fmt::format("could not read issue #{}: no answer: {}", issue.number, answer.error()));
        return {};
      }
      if (answer->status == 404 || answer->status == 410) {
        issue.state = "missing";
        if (auto r = c_.store.save_github_issue(issue); !r) return r;
        line(t, none, "skipped", 1,
             fmt::format("issue #{} no longer exists on GitHub; its task is left as it is",
                         issue.number));
        continue;
      }
      if (answer->status < 200 || answer->status >= 300) {
        line(t, none, "not read", 1,
             fmt::format("could not read issue #{}: {}", issue.number, describe(*answer)));
        continue;
      }
      const auto json = nlohmann::json::parse(answer->body, nullptr, false);
      // Whatever the server answers, only a string "closed" counts.
      const bool closed = json.is_object() && json.contains("state") && json["state"].is_string() &&
                          json["state"].get<std::string>() == "closed";
      if (!closed) continue;
      const std::string note = fmt::format("issue #{} closed on GitHub", issue.number);
      if (!c_.on_closed) continue;
      if (auto done = c_.on_closed(issue.task_id, note); !done) {
        line(t, none, "not read", 1,
             fmt::format("{}, but its task could not be marked done: {}", note,
                         done.error().message));
        continue;
      }
      issue.state = "closed";
      if (auto r = c_.store.save_github_issue(issue); !r) return r;
      report_.closed_tasks.push_back(issue.task_id);
      line(t, none, "closed on GitHub", 1,
           fmt::format("{}: task {} marked done", note, issue.task_id));
    }
    return {};
  }

  PushContext& c_;
  deliver::Backoff backoff_;
  PushReport report_;
};

std::string short_hash(std::string_view portfolio, std::string_view kind, std::string_view where) {
  return sha256_hex(fmt::format("quarterdeck-target|{}|{}|{}", portfolio, kind, where))
      .substr(0, 12);
}

}  // namespace

std::string webhook_target_key(const std::string& portfolio, const WebhookTarget& target) {
  return "webhook:" + short_hash(portfolio, "webhook", target.url);
}
std::string chat_target_key(const std::string& portfolio, const ChatTarget& target) {
  return target.kind + ":" + short_hash(portfolio, target.kind, target.url);
}
std::string github_target_key(const std::string& portfolio, const GithubTarget& target) {
  return "github:" + short_hash(portfolio, "github", target.repository);
}

std::expected<PushReport, Error> push_integrations(PushContext& context) {
  return Pusher(context).run();
}

}  // namespace quarterdeck::integrate
