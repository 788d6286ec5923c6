#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <thread>

#include "store/store.hpp"
#include "util/hash.hpp"

namespace quarterdeck::store {
namespace {

// How long a process waits for another holding the store's write lock.
constexpr std::chrono::milliseconds k_busy_timeout{5000};

// Versioned schema migrations: each runs once, in order, in a transaction,
// and records its version in schema_migrations. Append, never edit.
constexpr auto k_migrations = std::to_array<std::string_view>({
    R"sql(
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  portfolio TEXT NOT NULL,
  as_of TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL
);
CREATE TABLE reports (
  run_id TEXT NOT NULL REFERENCES runs(id),
  report_id TEXT NOT NULL,
  title TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (run_id, report_id)
);
CREATE TABLE deliveries (
  idempotency_key TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id),
  report_id TEXT NOT NULL,
  recipients_to TEXT NOT NULL,
  recipients_cc TEXT NOT NULL,
  recipients_bcc TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned','sending','sent','failed','rejected','uncertain')),
  message_id TEXT NOT NULL,
  provider_message_id TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_seq INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deliveries_run ON deliveries(run_id);
)sql",
    // 2: the exact message is kept so a resumed run sends the same bytes;
    // sent_at feeds the daily recipient quota.
    R"sql(
ALTER TABLE deliveries ADD COLUMN mime BLOB NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN sent_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN recipient_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_sent_at ON deliveries(sent_at);
)sql",
    // 3: messages apart from their delivery state, so that each state change
    // rewrites a small row, not the whole message.
    R"sql(
CREATE TABLE messages (
  idempotency_key TEXT PRIMARY KEY REFERENCES deliveries(idempotency_key),
  mime BLOB NOT NULL
);
INSERT INTO messages(idempotency_key, mime) SELECT idempotency_key, mime FROM deliveries WHERE length(mime) > 0;
UPDATE deliveries SET mime = '';
CREATE INDEX deliveries_seq ON deliveries(created_seq);
)sql",
    // v4: what each run's reports said, to compare the next run with.
    R"sql(
CREATE TABLE snapshots (
  run_id TEXT NOT NULL REFERENCES runs(id),
  report_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (run_id, report_id)
);
CREATE INDEX snapshots_by_report ON snapshots(report_id, as_of);
)sql",
    // v5: who may deliver for this store (one row per lease name; times in
    // Unix seconds), and every lease taken over from a dead or expired holder.
    R"sql(
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  run_id TEXT NOT NULL DEFAULT '',
  acquired_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE lease_takeovers (
  name TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  new_owner TEXT NOT NULL,
  reason TEXT NOT NULL,
  previous_owner TEXT NOT NULL,
  previous_host TEXT NOT NULL,
  previous_pid INTEGER NOT NULL,
  previous_run_id TEXT NOT NULL,
  previous_acquired_at INTEGER NOT NULL,
  previous_heartbeat_at INTEGER NOT NULL,
  previous_expires_at INTEGER NOT NULL
);
)sql",
    // v6: test sends (`run --to ADDRESS`): the run names the one address its
    // messages went to, and each of its deliveries is marked, so a test is
    // never taken for the real delivery.
    R"sql(
ALTER TABLE runs ADD COLUMN test_to TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
)sql",
    // v7: events for the integrations (webhooks, GitHub, chat), appended by
    // runs, schedule slots and tasks, in order (seq), each once (id).
    R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  portfolio TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
)sql",
    // v8 (issue 14, schedule slots): each report's run at each scheduled
    // instant, once across every `serve` on this store (times in Unix
    // seconds); and the brief of each report a run made, for run.completed.
    R"sql(
CREATE TABLE slots (
  portfolio TEXT NOT NULL,
  report_id TEXT NOT NULL,
  scheduled_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','done','failed','skipped','missed')),
  run_id TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (portfolio, report_id, scheduled_at)
);
CREATE INDEX slots_status ON slots(portfolio, status);
CREATE TABLE report_briefs (
  run_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  title TEXT NOT NULL,
  headline TEXT NOT NULL,
  decisions TEXT NOT NULL,
  PRIMARY KEY (run_id, report_id)
);
)sql",
    // v9: tasks: one row per action item followed across runs (the fields
    // other than id, portfolio, key and status as JSON), and each task's
    // history, appended in order.
    R"sql(
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  portfolio TEXT NOT NULL,
  key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open','done','snoozed','resolved')),
  data TEXT NOT NULL
);
CREATE INDEX tasks_by_portfolio ON tasks(portfolio);
CREATE TABLE task_history (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  what TEXT NOT NULL,
  PRIMARY KEY (task_id, n)
);
)sql",
    // v10: each event's delivery to each integration
    // target, how far each target has read the events, and the GitHub
    // issue of each task.
    R"sql(
CREATE TABLE integration_deliveries (
  event_id TEXT NOT NULL,
  target TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  remote_id TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, target)
);
CREATE INDEX integration_deliveries_open ON integration_deliveries(target, status, event_seq);
CREATE TABLE integration_cursors (
  target TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);
CREATE TABLE github_issues (
  repository TEXT NOT NULL,
  task_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  closed_here INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (repository, task_id)
);
)sql",
    // v11: failure notices to the owner: one row per run.failed event noticed
    // (cli/notices.hpp), claimed before the notice is sent.
    R"sql(
CREATE TABLE notices (
  event_id TEXT PRIMARY KEY,
  claimed_at INTEGER NOT NULL,
  outcome TEXT NOT NULL DEFAULT ''
);
)sql",
});

struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string to_json_list(const std::vector<std::string>& v) { return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
std::vector<std::string> from_json_list(const char* text) {
  if (text == nullptr) return {};
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}
std::string column_text(sqlite3_stmt* s, int i) {
  const auto* t = sqlite3_column_text(s, i);
  return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
      device_ = st.st_dev;
      inode_ = st.st_ino;
      identity_known_ = true;
    }
  }

  std::expected<void, Error> migrate() {
    // WAL with synchronous=NORMAL: a commit survives the process being killed
    // at any point (it is in the WAL file); after a power cut the last few
    // commits may be lost, which at worst re-sends a message under the same
    // Message-ID. FULL would fsync every state change and halve throughput.
    if (auto r = enter_wal(); !r) return r;
    if (auto r = exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !r) return r;
    if (auto r = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT "
                      "NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));");
        !r) {
      return r;
    }
    // Two processes opening a new store at once: the version is read and the
    // migrations applied under one write lock, so each runs exactly once.
    auto migrated = immediate([&]() -> std::expected<void, Error> {
      auto current = query_int("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;");
      if (!current) return std::unexpected(current.error());
      if (*current > static_cast<int>(k_migrations.size())) {
        return std::unexpected(Error{fmt::format("{}: schema version {} is newer than this program knows ({})",
                                                 path_, *current, k_migrations.size())});
      }
      for (std::size_t v = static_cast<std::size_t>(*current); v < k_migrations.size(); ++v) {
        if (auto r = exec(fmt::format("{} INSERT INTO schema_migrations(version) VALUES ({});", k_migrations[v], v + 1));
            !r) {
          return r;
        }
      }
      return {};
    });
    if (!migrated) return migrated;
    version_ = static_cast<int>(k_migrations.size());
    return {};
  }

  std::expected<bool, Error> append_event(const Event& e) override {
    auto s = prepare("INSERT OR IGNORE INTO events(id, type, portfolio, created_at, payload) VALUES (?,?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {e.id, e.type, e.portfolio, "", e.payload});
    sqlite3_bind_int64(s->get(), 4, e.created_at);
    if (auto r = step_done(*s); !r) return std::unexpected(r.error());
    return sqlite3_changes(db_.get()) > 0;
  }

  std::expected<std::vector<Event>, Error> events_after(std::int64_t seq, std::size_t limit) override {
    auto s = prepare("SELECT seq, id, type, portfolio, created_at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?;");
    if (!s) return std::unexpected(s.error());
    sqlite3_bind_int64(s->get(), 1, seq);
    sqlite3_bind_int64(s->get(), 2, static_cast<std::int64_t>(limit));
    std::vector<Event> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      out.push_back({sqlite3_column_int64(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3),
                     sqlite3_column_int64(st, 4), column_text(st, 5)});
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  std::expected<bool, Error> claim_notice(const std::string& event_id, std::int64_t now) override {
    auto s = prepare("INSERT OR IGNORE INTO notices(event_id, claimed_at) VALUES (?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {event_id});
    sqlite3_bind_int64(s->get(), 2, now);
    if (auto r = step_done(*s); !r) return std::unexpected(r.error());
    return sqlite3_changes(db_.get()) > 0;
  }

  std::expected<void, Error> finish_notice(const std::string& event_id, const std::string& outcome) override {
    auto s = prepare("UPDATE notices SET outcome = ? WHERE event_id = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {outcome, event_id});
    return step_done(*s);
  }

  std::expected<void, Error> begin_run(const RunRecord& run) override {
    auto s = prepare("INSERT INTO runs(id, portfolio, as_of, started_at, status, test_to) VALUES (?,?,?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {run.id, run.portfolio, run.as_of, run.started_at, run.status, run.test_to});
    return step_done(*s);
  }

  std::expected<void, Error> finish_run(const std::string& id, const std::string& status,
                                        const std::string& finished_at) override {
    auto s = prepare("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {status, finished_at, id});
    return step_done(*s);
  }

  std::expected<void, Error> record_report(const ReportRecord& r) override {
    auto s = prepare("INSERT OR REPLACE INTO reports(run_id, report_id, title, content_hash) VALUES (?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {r.run_id, r.report_id, r.title, r.content_hash});
    return step_done(*s);
  }

  std::expected<void, Error> record_snapshot(const std::string& run_id, const ReportSnapshot& snapshot) override {
    nlohmann::json j;
    j["kpis"] = nlohmann::json::array();
    for (const auto& [id, q] : snapshot.kpis) {
      j["kpis"].push_back({{"id", id}, {"kind", static_cast<int>(q.kind)}, {"scaled", q.scaled}, {"scale", q.scale}});
    }
    j["findings"] = nlohmann::json::array();
    for (const auto& f : snapshot.findings) {
      j["findings"].push_back({{"id", f.id}, {"severity", to_string(f.severity)}, {"title", f.title}});
    }
    // Written only when there are some, so a snapshot without them reads
    // the same as one from before they were kept.
    if (!snapshot.digests.empty()) {
      j["digests"] = nlohmann::json::object();
      for (const auto& [name, digest] : snapshot.digests) j["digests"][name] = digest;
    }
    auto s = prepare("INSERT OR REPLACE INTO snapshots(run_id, report_id, as_of, snapshot) VALUES (?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {run_id, snapshot.report_id, snapshot.as_of.to_string(), j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
    return step_done(*s);
  }

  std::expected<std::optional<ReportSnapshot>, Error> previous_snapshot(const std::string& report_id,
                                                                       const Date& before) override {
    // The latest as-of date before `before`; among runs of that date, the last recorded.
    auto s = prepare(
        "SELECT as_of, snapshot FROM snapshots WHERE report_id = ? AND as_of < ? ORDER BY as_of DESC, rowid DESC "
        "LIMIT 1;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {report_id, before.to_string()});
    const int rc = sqlite3_step(s->get());
    if (rc == SQLITE_DONE) return std::optional<ReportSnapshot>{};
    if (rc != SQLITE_ROW) return std::unexpected(db_error("read"));
    ReportSnapshot snap;
    snap.report_id = report_id;
    const auto as_of = Date::parse(column_text(s->get(), 0));
    if (!as_of) return std::unexpected(db_error("snapshot with a bad date"));
    snap.as_of = *as_of;
    try {
      const auto j = nlohmann::json::parse(column_text(s->get(), 1));
      for (const auto& k : j.at("kpis")) {
        snap.kpis.emplace_back(k.at("id").get<std::string>(),
                               Quantity{static_cast<Quantity::Kind>(k.at("kind").get<int>()),
                                        k.at("scaled").get<std::int64_t>(), k.at("scale").get<int>()});
      }
      for (const auto& f : j.at("findings")) {
        snap.findings.push_back({f.at("id").get<std::string>(),
                                 parse_severity(f.at("severity").get<std::string>()).value_or(Severity::info),
                                 f.at("title").get<std::string>()});
      }
      if (const auto d = j.find("digests"); d != j.end()) {
        for (const auto& [name, digest] : d->items()) snap.digests.emplace_back(name, digest.get<std::string>());
      }
    } catch (const nlohmann::json::exception& e) {
      return std::unexpected(Error{fmt::format("{}: a stored snapshot cannot be read: {}", path_, e.what())});
    }
    return std::optional<ReportSnapshot>{std::move(snap)};
  }

  std::expected<std::optional<DeliveryRecord>, Error> find_delivery(const std::string& key) override {
    auto rows = select_deliveries("WHERE idempotency_key = ?", key);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<DeliveryRecord>{};
    return std::optional<DeliveryRecord>{std::move(rows->front())};
  }

  std::expected<void, Error> save_delivery(const DeliveryRecord& d) override {
    auto s = prepare(
        "INSERT INTO deliveries(idempotency_key, run_id, report_id, recipients_to, recipients_cc, recipients_bcc, "
        "status, message_id, provider_message_id, attempts, last_error, created_seq, updated_at, mime, sent_at, "
        "recipient_count, test) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,(SELECT COALESCE(MAX(created_seq),0)+1 FROM deliveries),?,?,?,?,?) "
        "ON CONFLICT(idempotency_key) DO UPDATE SET run_id=excluded.run_id, report_id=excluded.report_id, "
        "recipients_to=excluded.recipients_to, recipients_cc=excluded.recipients_cc, "
        "recipients_bcc=excluded.recipients_bcc, status=excluded.status, message_id=excluded.message_id, "
        "provider_message_id=excluded.provider_message_id, attempts=excluded.attempts, "
        "last_error=excluded.last_error, updated_at=excluded.updated_at, "
        "sent_at=excluded.sent_at, recipient_count=excluded.recipient_count, test=excluded.test;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {d.idempotency_key, d.run_id, d.report_id, to_json_list(d.to), to_json_list(d.cc), to_json_list(d.bcc),
              d.status, d.message_id, d.provider_message_id});
    sqlite3_bind_int(s->get(), 10, d.attempts);
    sqlite3_bind_text(s->get(), 11, d.last_error.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->get(), 12, d.updated_at.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s->get(), 13, "", 0, SQLITE_STATIC);  // column kept for schema 2; messages hold the MIME
    sqlite3_bind_text(s->get(), 14, d.sent_at.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s->get(), 15, static_cast<sqlite3_int64>(d.recipient_count()));
    sqlite3_bind_int(s->get(), 16, d.test ? 1 : 0);
    if (d.mime.empty()) return step_done(*s);
    // A new message: its state and its MIME in one transaction.
    return immediate([&]() -> std::expected<void, Error> {
      if (auto r = step_done(*s); !r) return r;
      auto m = prepare("INSERT OR REPLACE INTO messages(idempotency_key, mime) VALUES (?, ?);");
      if (!m) return std::unexpected(m.error());
      sqlite3_bind_text(m->get(), 1, d.idempotency_key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob(m->get(), 2, d.mime.data(), static_cast<int>(d.mime.size()), SQLITE_TRANSIENT);
      return step_done(*m);
    });
  }

  std::expected<std::vector<DeliveryRecord>, Error> run_deliveries(const std::string& run_id) override {
    return select_deliveries("WHERE run_id = ?", run_id);
  }

  std::expected<std::string, Error> message_of(const std::string& key) override {
    auto s = prepare("SELECT mime FROM messages WHERE idempotency_key = ?;");
    if (!s) return std::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, key.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s->get()) != SQLITE_ROW) return std::unexpected(Error{fmt::format("{}: no message {}", path_, key)});
    const void* blob = sqlite3_column_blob(s->get(), 0);
    return std::string(static_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_column_bytes(s->get(), 0)));
  }

  std::expected<std::int64_t, Error> recipients_sent_since(const std::string& since) override {
    auto s = prepare("SELECT COALESCE(SUM(recipient_count), 0) FROM deliveries WHERE status = 'sent' AND sent_at >= ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {since});
    if (sqlite3_step(s->get()) != SQLITE_ROW) return std::unexpected(db_error("read"));
    return static_cast<std::int64_t>(sqlite3_column_int64(s->get(), 0));
  }

  std::expected<std::optional<RunRecord>, Error> latest_run(bool unfinished_only) override {
    return select_run(unfinished_only ? "WHERE status != 'done' ORDER BY started_at DESC, rowid DESC LIMIT 1"
                                      : "ORDER BY started_at DESC, rowid DESC LIMIT 1",
                      "");
  }

  std::expected<std::optional<RunRecord>, Error> find_run(const std::string& run_id) override {
    return select_run("WHERE id = ?", run_id);
  }

  std::expected<std::vector<DeliveryRecord>, Error> deliveries() override { return select_deliveries("", ""); }

  // --- schedule slots (issue 14) ---
  std::expected<SlotClaim, Error> claim_slot(const SlotRecord& claim) override {
    return immediate([&]() -> std::expected<SlotClaim, Error> {
      auto current = select_slot(claim.portfolio, claim.report_id, claim.scheduled_at);
      if (!current) return std::unexpected(current.error());
      SlotClaim out;
      if (!*current) {
        if (auto r = write_slot(claim, "INSERT INTO"); !r) return std::unexpected(r.error());
        out.slot = claim;
        out.claimed = true;
        return out;
      }
      out.slot = **current;
      if (out.slot.status != "running") return out;
      out.claimed = true;
      if (out.slot.owner != claim.owner) {
        out.taken_over = true;
        out.slot.owner = claim.owner;
        if (auto r = write_slot(out.slot, "REPLACE INTO"); !r) return std::unexpected(r.error());
      }
      return out;
    });
  }

  std::expected<void, Error> update_slot(const SlotRecord& slot) override {
    return immediate([&]() -> std::expected<void, Error> {
      auto current = select_slot(slot.portfolio, slot.report_id, slot.scheduled_at);
      if (!current) return std::unexpected(current.error());
      if (*current && (*current)->owner != slot.owner) {
        return std::unexpected(Error{fmt::format("{}: the slot {} {} is no longer this process's", path_,
                                                 slot.report_id, slot.scheduled_at)});
      }
      return write_slot(slot, "REPLACE INTO");
    });
  }

  std::expected<bool, Error> record_missed_slot(const SlotRecord& slot) override {
    if (auto r = write_slot(slot, "INSERT OR IGNORE INTO"); !r) return std::unexpected(r.error());
    return sqlite3_changes(db_.get()) == 1;
  }

  std::expected<std::optional<SlotRecord>, Error> last_slot(const std::string& portfolio, const std::string& report_id,
                                                           bool finished_only) override {
    auto slots = select_slots(finished_only
                                  ? "WHERE portfolio = ?1 AND report_id = ?2 AND status != 'running' "
                                    "ORDER BY scheduled_at DESC LIMIT 1"
                                  : "WHERE portfolio = ?1 AND report_id = ?2 ORDER BY scheduled_at DESC LIMIT 1",
                              portfolio, report_id);
    if (!slots) return std::unexpected(slots.error());
    if (slots->empty()) return std::optional<SlotRecord>{};
    return std::optional<SlotRecord>{std::move(slots->front())};
  }

  std::expected<std::vector<SlotRecord>, Error> running_slots(const std::string& portfolio) override {
    return select_slots("WHERE portfolio = ?1 AND status = 'running' ORDER BY scheduled_at, report_id", portfolio, "");
  }

  std::expected<void, Error> record_report_brief(const std::string& run_id, const ReportBrief& brief) override {
    auto s = prepare(
        "INSERT OR REPLACE INTO report_briefs(run_id, report_id, title, headline, decisions) VALUES (?,?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {run_id, brief.report_id, brief.title, brief.headline, to_json_list(brief.decisions)});
    return step_done(*s);
  }

  std::expected<std::vector<ReportBrief>, Error> report_briefs(const std::string& run_id) override {
    auto s = prepare("SELECT report_id, title, headline, decisions FROM report_briefs WHERE run_id = ? ORDER BY rowid;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {run_id});
    std::vector<ReportBrief> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      out.push_back({column_text(st, 0), column_text(st, 1), column_text(st, 2),
                     from_json_list(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)))});
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  int schema_version() const override { return version_; }

  std::expected<LeaseAttempt, Error> try_acquire_lease(const std::string& name, const LeaseHolder& claim,
                                                       std::int64_t now, std::int64_t ttl_seconds) override {
    return immediate([&]() -> std::expected<LeaseAttempt, Error> {
      auto current = lease_holder(name);
      if (!current) return std::unexpected(current.error());
      LeaseAttempt attempt;
      if (*current && (*current)->owner != claim.owner && (*current)->expires_at > now) {
        attempt.holder = **current;
        return attempt;
      }
      LeaseHolder mine = claim;
      const bool renewal = *current && (*current)->owner == claim.owner;
      mine.acquired_at = renewal ? (*current)->acquired_at : now;
      mine.heartbeat_at = now;
      mine.expires_at = now + ttl_seconds;
      if (auto r = write_lease(name, mine); !r) return std::unexpected(r.error());
      if (*current && !renewal) {
        if (auto r = record_takeover(name, **current, claim.owner, "expired", now); !r) return std::unexpected(r.error());
        attempt.replaced = **current;
      }
      attempt.acquired = true;
      attempt.holder = mine;
      return attempt;
    });
  }

  std::expected<bool, Error> take_over_lease(const std::string& name, const LeaseHolder& claim,
                                             const LeaseHolder& previous, const std::string& reason, std::int64_t now,
                                             std::int64_t ttl_seconds) override {
    return immediate([&]() -> std::expected<bool, Error> {
      auto current = lease_holder(name);
      if (!current) return std::unexpected(current.error());
      if (!*current || (*current)->owner != previous.owner) return false;
      LeaseHolder mine = claim;
      mine.acquired_at = now;
      mine.heartbeat_at = now;
      mine.expires_at = now + ttl_seconds;
      if (auto r = write_lease(name, mine); !r) return std::unexpected(r.error());
      if (auto r = record_takeover(name, **current, claim.owner, reason, now); !r) return std::unexpected(r.error());
      return true;
    });
  }

  std::expected<bool, Error> renew_lease(const std::string& name, const std::string& owner, const std::string& run_id,
                                         std::int64_t now, std::int64_t ttl_seconds) override {
    auto s = prepare("UPDATE leases SET heartbeat_at = ?, expires_at = ?, run_id = ? WHERE name = ? AND owner = ?;");
    if (!s) return std::unexpected(s.error());
    sqlite3_bind_int64(s->get(), 1, now);
    sqlite3_bind_int64(s->get(), 2, now + ttl_seconds);
    sqlite3_bind_text(s->get(), 3, run_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->get(), 4, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->get(), 5, owner.c_str(), -1, SQLITE_TRANSIENT);
    if (auto r = step_done(*s); !r) return std::unexpected(r.error());
    return sqlite3_changes(db_.get()) == 1;
  }

  std::expected<void, Error> release_lease(const std::string& name, const std::string& owner) override {
    auto s = prepare("DELETE FROM leases WHERE name = ? AND owner = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {name, owner});
    return step_done(*s);
  }

  std::expected<std::optional<LeaseHolder>, Error> lease_holder(const std::string& name) override {
    auto s = prepare(
        "SELECT owner, host, pid, run_id, acquired_at, heartbeat_at, expires_at FROM leases WHERE name = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {name});
    const int rc = sqlite3_step(s->get());
    if (rc == SQLITE_DONE) return std::optional<LeaseHolder>{};
    if (rc != SQLITE_ROW) return std::unexpected(db_error("read"));
    sqlite3_stmt* st = s->get();
    LeaseHolder h;
    h.owner = column_text(st, 0);
    h.host = column_text(st, 1);
    h.pid = sqlite3_column_int64(st, 2);
    h.run_id = column_text(st, 3);
    h.acquired_at = sqlite3_column_int64(st, 4);
    h.heartbeat_at = sqlite3_column_int64(st, 5);
    h.expires_at = sqlite3_column_int64(st, 6);
    return std::optional<LeaseHolder>{std::move(h)};
  }

  std::expected<std::vector<LeaseTakeover>, Error> lease_takeovers(const std::string& name) override {
    auto s = prepare(
        "SELECT taken_at, new_owner, reason, previous_owner, previous_host, previous_pid, previous_run_id, "
        "previous_acquired_at, previous_heartbeat_at, previous_expires_at FROM lease_takeovers WHERE name = ? "
        "ORDER BY rowid;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {name});
    std::vector<LeaseTakeover> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      LeaseTakeover t;
      t.name = name;
      t.taken_at = sqlite3_column_int64(st, 0);
      t.new_owner = column_text(st, 1);
      t.reason = column_text(st, 2);
      t.previous.owner = column_text(st, 3);
      t.previous.host = column_text(st, 4);
      t.previous.pid = sqlite3_column_int64(st, 5);
      t.previous.run_id = column_text(st, 6);
      t.previous.acquired_at = sqlite3_column_int64(st, 7);
      t.previous.heartbeat_at = sqlite3_column_int64(st, 8);
      t.previous.expires_at = sqlite3_column_int64(st, 9);
      out.push_back(std::move(t));
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  // --- tasks (issue 14) ---
  std::expected<std::vector<Task>, Error> tasks(const std::string& portfolio) override {
    auto s = prepare(portfolio.empty() ? "SELECT id, key, status, data, portfolio FROM tasks ORDER BY id;"
                                       : "SELECT id, key, status, data, portfolio FROM tasks WHERE portfolio = ? ORDER BY id;");
    if (!s) return std::unexpected(s.error());
    if (!portfolio.empty()) bind(*s, {portfolio});
    std::vector<Task> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      auto task = task_from_row(column_text(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3));
      if (!task) return std::unexpected(task.error());
      task->portfolio = column_text(st, 4);
      out.push_back(std::move(*task));
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    auto h = prepare("SELECT n, at, what FROM task_history WHERE task_id = ? ORDER BY n;");
    if (!h) return std::unexpected(h.error());
    for (auto& t : out) {
      sqlite3_reset(h->get());
      bind(*h, {t.id});
      while ((rc = sqlite3_step(h->get())) == SQLITE_ROW) {
        t.history.push_back({column_text(h->get(), 1), column_text(h->get(), 2)});
      }
      if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    }
    return out;
  }

  std::expected<void, Error> update_tasks(const std::string& portfolio, const TaskUpdater& change) override {
    return immediate([&]() -> std::expected<void, Error> {
      auto current = tasks(portfolio);
      if (!current) return std::unexpected(current.error());
      auto update = change(*current);
      if (!update) return std::unexpected(update.error());
      const std::vector<Task>& changed = update->changed;
      const std::vector<Event>& events = update->events;
      auto s = prepare(
          "INSERT INTO tasks(id, portfolio, key, status, data) VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
          "portfolio=excluded.portfolio, key=excluded.key, status=excluded.status, data=excluded.data;");
      if (!s) return std::unexpected(s.error());
      auto h = prepare("INSERT OR IGNORE INTO task_history(task_id, n, at, what) VALUES (?,?,?,?);");
      if (!h) return std::unexpected(h.error());
      for (const auto& t : changed) {
        sqlite3_reset(s->get());
        bind(*s, {t.id, t.portfolio, t.key, std::string(to_string(t.status)), task_data(t)});
        if (auto r = step_done(*s); !r) return r;
        for (std::size_t n = 0; n < t.history.size(); ++n) {
          sqlite3_reset(h->get());
          bind(*h, {t.id, "", t.history[n].at, t.history[n].what});
          sqlite3_bind_int64(h->get(), 2, static_cast<std::int64_t>(n));
          if (auto r = step_done(*h); !r) return r;
        }
      }
      for (const auto& e : events) {
        if (auto r = append_event(e); !r) return std::unexpected(r.error());
      }
      return {};
    });
  }

  // --- integrations' delivery state (issue 14) ---
  std::expected<std::optional<std::int64_t>, Error> integration_cursor(const std::string& target) override {
    auto s = prepare("SELECT seq FROM integration_cursors WHERE target = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {target});
    const int rc = sqlite3_step(s->get());
    if (rc == SQLITE_DONE) return std::optional<std::int64_t>{};
    if (rc != SQLITE_ROW) return std::unexpected(db_error("read"));
    return std::optional<std::int64_t>{sqlite3_column_int64(s->get(), 0)};
  }

  std::expected<void, Error> set_integration_cursor(const std::string& target, std::int64_t seq) override {
    auto s = prepare(
        "INSERT INTO integration_cursors(target, seq) VALUES (?, ?) ON CONFLICT(target) DO UPDATE SET seq = "
        "excluded.seq;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {target});
    sqlite3_bind_int64(s->get(), 2, seq);
    return step_done(*s);
  }

  std::expected<std::int64_t, Error> event_seq_before(std::int64_t unix_seconds) override {
    auto s = prepare(
        "SELECT COALESCE((SELECT MIN(seq) FROM events WHERE created_at >= ?), (SELECT COALESCE(MAX(seq), 0) + 1 "
        "FROM events)) - 1;");
    if (!s) return std::unexpected(s.error());
    sqlite3_bind_int64(s->get(), 1, unix_seconds);
    if (sqlite3_step(s->get()) != SQLITE_ROW) return std::unexpected(db_error("read"));
    return static_cast<std::int64_t>(sqlite3_column_int64(s->get(), 0));
  }

  std::expected<std::vector<std::pair<IntegrationDelivery, Event>>, Error> unfinished_integration_deliveries(
      const std::string& target) override {
    auto s = prepare(
        "SELECT d.event_id, d.target, d.event_seq, d.status, d.attempts, d.next_attempt_at, d.last_error, "
        "d.remote_id, d.updated_at, e.seq, e.id, e.type, e.portfolio, e.created_at, e.payload "
        "FROM integration_deliveries d JOIN events e ON e.id = d.event_id "
        "WHERE d.target = ? AND d.status IN ('pending', 'sending', 'failed') ORDER BY d.event_seq;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {target});
    std::vector<std::pair<IntegrationDelivery, Event>> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      Event e{sqlite3_column_int64(st, 9), column_text(st, 10), column_text(st, 11), column_text(st, 12),
              sqlite3_column_int64(st, 13), column_text(st, 14)};
      out.emplace_back(integration_delivery_row(st), std::move(e));
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  std::expected<std::vector<IntegrationDelivery>, Error> integration_deliveries() override {
    auto s = prepare(
        "SELECT event_id, target, event_seq, status, attempts, next_attempt_at, last_error, remote_id, updated_at "
        "FROM integration_deliveries ORDER BY event_seq, target;");
    if (!s) return std::unexpected(s.error());
    std::vector<IntegrationDelivery> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) out.push_back(integration_delivery_row(s->get()));
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  std::expected<bool, Error> add_integration_delivery(const IntegrationDelivery& d) override {
    if (auto r = write_integration_delivery("INSERT OR IGNORE", d); !r) return std::unexpected(r.error());
    return sqlite3_changes(db_.get()) > 0;
  }

  std::expected<void, Error> save_integration_delivery(const IntegrationDelivery& d) override {
    return write_integration_delivery("INSERT OR REPLACE", d);
  }

  std::expected<void, Error> write_integration_delivery(const std::string& verb, const IntegrationDelivery& d) {
    const std::string sql = verb + " INTO integration_deliveries(event_id, target, event_seq, status, attempts, "
        "next_attempt_at, last_error, remote_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?);";
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    sqlite3_stmt* st = s->get();
    bind(*s, {d.event_id, d.target});
    sqlite3_bind_int64(st, 3, d.event_seq);
    sqlite3_bind_text(st, 4, d.status.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, d.attempts);
    sqlite3_bind_int64(st, 6, d.next_attempt_at);
    sqlite3_bind_text(st, 7, d.last_error.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, d.remote_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, d.updated_at);
    return step_done(*s);
  }

  std::expected<std::optional<GithubIssue>, Error> github_issue(const std::string& repository,
                                                               const std::string& task_id) override {
    auto rows = select_github_issues("repository = ? AND task_id = ?", repository, task_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<GithubIssue>{};
    return std::optional<GithubIssue>{std::move(rows->front())};
  }

  std::expected<std::vector<GithubIssue>, Error> github_issues(const std::string& repository,
                                                              const std::string& state) override {
    return select_github_issues("repository = ? AND state = ?", repository, state);
  }

  std::expected<void, Error> save_github_issue(const GithubIssue& issue) override {
    auto s = prepare(
        "INSERT OR REPLACE INTO github_issues(repository, task_id, number, state, closed_here) VALUES (?,?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    bind(*s, {issue.repository, issue.task_id});
    sqlite3_bind_int64(s->get(), 3, issue.number);
    sqlite3_bind_text(s->get(), 4, issue.state.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s->get(), 5, issue.closed_here ? 1 : 0);
    return step_done(*s);
  }

 private:
  static IntegrationDelivery integration_delivery_row(sqlite3_stmt* st) {
    IntegrationDelivery d;
    d.event_id = column_text(st, 0);
    d.target = column_text(st, 1);
    d.event_seq = sqlite3_column_int64(st, 2);
    d.status = column_text(st, 3);
    d.attempts = sqlite3_column_int(st, 4);
    d.next_attempt_at = sqlite3_column_int64(st, 5);
    d.last_error = column_text(st, 6);
    d.remote_id = column_text(st, 7);
    d.updated_at = sqlite3_column_int64(st, 8);
    return d;
  }

  std::expected<std::vector<GithubIssue>, Error> select_github_issues(const std::string& where, const std::string& a,
                                                                     const std::string& b) {
    const std::string sql =
        "SELECT repository, task_id, number, state, closed_here FROM github_issues WHERE " + where + " ORDER BY number;";
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    bind(*s, {a, b});
    std::vector<GithubIssue> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      sqlite3_stmt* st = s->get();
      out.push_back({column_text(st, 0), column_text(st, 1), sqlite3_column_int64(st, 2), column_text(st, 3),
                     sqlite3_column_int(st, 4) != 0});
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }
  // --- end of integrations' delivery state ---

 private:
  static std::string task_data(const Task& t) {
    nlohmann::json j;
    j["title"] = t.title;
    j["owner_role"] = t.owner_role;
    j["owner"] = t.owner;
    j["due"] = t.due ? t.due->to_string() : "";
    j["dated_by_plan"] = t.dated_by_plan;
    j["source_report"] = t.source_report;
    j["finding_id"] = t.finding_id;
    j["finding_title"] = t.finding_title;
    j["entity"] = t.entity;
    j["evidence"] = nlohmann::json::array();
    for (const auto& e : t.evidence) j["evidence"].push_back({{"source", e.source}, {"detail", e.detail}});
    j["first_seen"] = t.first_seen.to_string();
    j["last_seen"] = t.last_seen.to_string();
    j["resolved_at"] = t.resolved_at ? t.resolved_at->to_string() : "";
    j["snoozed_until"] = t.snoozed_until ? t.snoozed_until->to_string() : "";
    j["done_at"] = t.done_at;
    j["done_note"] = t.done_note;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  std::expected<Task, Error> task_from_row(std::string id, std::string key, const std::string& status,
                                           const std::string& data) const {
    Task t;
    t.id = std::move(id);
    t.key = std::move(key);
    const auto bad = [&](std::string_view why) {
      return Error{fmt::format("{}: stored task {} cannot be read: {}", path_, t.id, why)};
    };
    const auto st = parse_task_status(status);
    if (!st) return std::unexpected(bad("status `" + status + "`"));
    t.status = *st;
    const auto date = [](const std::string& text) -> std::optional<Date> {
      return text.empty() ? std::nullopt : Date::parse(text);
    };
    try {
      const auto j = nlohmann::json::parse(data);
      t.title = j.at("title").get<std::string>();
      t.owner_role = j.at("owner_role").get<std::string>();
      t.owner = j.at("owner").get<std::string>();
      t.due = date(j.at("due").get<std::string>());
      t.dated_by_plan = j.at("dated_by_plan").get<bool>();
      t.source_report = j.at("source_report").get<std::string>();
      t.finding_id = j.at("finding_id").get<std::string>();
      t.finding_title = j.at("finding_title").get<std::string>();
      t.entity = j.at("entity").get<std::string>();
      for (const auto& e : j.at("evidence")) {
        t.evidence.push_back({e.at("source").get<std::string>(), e.at("detail").get<std::string>()});
      }
      const auto first = date(j.at("first_seen").get<std::string>());
      const auto last = date(j.at("last_seen").get<std::string>());
      if (!first || !last) return std::unexpected(bad("no first or last seen date"));
      t.first_seen = *first;
      t.last_seen = *last;
      t.resolved_at = date(j.at("resolved_at").get<std::string>());
      t.snoozed_until = date(j.at("snoozed_until").get<std::string>());
      t.done_at = j.at("done_at").get<std::string>();
      t.done_note = j.at("done_note").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
      return std::unexpected(bad(e.what()));
    }
    return t;
  }

  std::expected<void, Error> write_lease(const std::string& name, const LeaseHolder& h) {
    auto s = prepare(
        "INSERT INTO leases(name, owner, host, pid, run_id, acquired_at, heartbeat_at, expires_at) "
        "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET owner=excluded.owner, host=excluded.host, "
        "pid=excluded.pid, run_id=excluded.run_id, acquired_at=excluded.acquired_at, "
        "heartbeat_at=excluded.heartbeat_at, expires_at=excluded.expires_at;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {name, h.owner, h.host});
    sqlite3_bind_int64(s->get(), 4, h.pid);
    sqlite3_bind_text(s->get(), 5, h.run_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s->get(), 6, h.acquired_at);
    sqlite3_bind_int64(s->get(), 7, h.heartbeat_at);
    sqlite3_bind_int64(s->get(), 8, h.expires_at);
    return step_done(*s);
  }

  std::expected<void, Error> record_takeover(const std::string& name, const LeaseHolder& previous,
                                             const std::string& new_owner, const std::string& reason,
                                             std::int64_t now) {
    auto s = prepare(
        "INSERT INTO lease_takeovers(name, taken_at, new_owner, reason, previous_owner, previous_host, previous_pid, "
        "previous_run_id, previous_acquired_at, previous_heartbeat_at, previous_expires_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?);");
    if (!s) return std::unexpected(s.error());
    sqlite3_stmt* st = s->get();
    sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_text(st, 3, new_owner.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, reason.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, previous.owner.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, previous.host.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, previous.pid);
    sqlite3_bind_text(st, 8, previous.run_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, previous.acquired_at);
    sqlite3_bind_int64(st, 10, previous.heartbeat_at);
    sqlite3_bind_int64(st, 11, previous.expires_at);
    return step_done(*s);
  }

  // --- schedule slots (issue 14) ---
  std::expected<void, Error> write_slot(const SlotRecord& slot, const char* verb) {
    const std::string sql = fmt::format(
        "{} slots(portfolio, report_id, scheduled_at, status, run_id, owner, started_at, finished_at, detail) "
        "VALUES (?,?,?,?,?,?,?,?,?);",
        verb);
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    sqlite3_stmt* st = s->get();
    sqlite3_bind_text(st, 1, slot.portfolio.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, slot.report_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, slot.scheduled_at);
    sqlite3_bind_text(st, 4, slot.status.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, slot.run_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, slot.owner.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, slot.started_at);
    sqlite3_bind_int64(st, 8, slot.finished_at);
    sqlite3_bind_text(st, 9, slot.detail.c_str(), -1, SQLITE_TRANSIENT);
    return step_done(*s);
  }

  std::expected<std::optional<SlotRecord>, Error> select_slot(const std::string& portfolio,
                                                             const std::string& report_id, std::int64_t at) {
    auto s = prepare(
        "SELECT portfolio, report_id, scheduled_at, status, run_id, owner, started_at, finished_at, detail FROM slots "
        "WHERE portfolio = ? AND report_id = ? AND scheduled_at = ?;");
    if (!s) return std::unexpected(s.error());
    bind(*s, {portfolio, report_id});
    sqlite3_bind_int64(s->get(), 3, at);
    const int rc = sqlite3_step(s->get());
    if (rc == SQLITE_DONE) return std::optional<SlotRecord>{};
    if (rc != SQLITE_ROW) return std::unexpected(db_error("read"));
    return std::optional<SlotRecord>{slot_of(s->get())};
  }

  std::expected<std::vector<SlotRecord>, Error> select_slots(const char* where, const std::string& a,
                                                            const std::string& b) {
    const std::string sql = fmt::format(
        "SELECT portfolio, report_id, scheduled_at, status, run_id, owner, started_at, finished_at, detail FROM slots "
        "{};",
        where);
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, a.c_str(), -1, SQLITE_TRANSIENT);
    if (!b.empty()) sqlite3_bind_text(s->get(), 2, b.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<SlotRecord> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) out.push_back(slot_of(s->get()));
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  static SlotRecord slot_of(sqlite3_stmt* st) {
    SlotRecord r;
    r.portfolio = column_text(st, 0);
    r.report_id = column_text(st, 1);
    r.scheduled_at = sqlite3_column_int64(st, 2);
    r.status = column_text(st, 3);
    r.run_id = column_text(st, 4);
    r.owner = column_text(st, 5);
    r.started_at = sqlite3_column_int64(st, 6);
    r.finished_at = sqlite3_column_int64(st, 7);
    r.detail = column_text(st, 8);
    return r;
  }

  Error db_error(std::string_view what) const {
    return Error{fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_.get()))};
  }

  // Switching a new store into WAL needs the file to itself, and SQLite
  // answers "database is locked" at once instead of calling the busy handler
  // when another process has it open (two runs creating a portfolio's store
  // together). It is retried here for as long as the busy timeout would wait.
  std::expected<void, Error> enter_wal() {
    using clock = std::chrono::steady_clock;
    const auto give_up = clock::now() + k_busy_timeout;
    auto pause = std::chrono::milliseconds(2);
    for (;;) {
      const int rc = sqlite3_exec(db_.get(), "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return {};
      if ((rc & 0xFF) != SQLITE_BUSY || clock::now() >= give_up) return std::unexpected(db_error("journal mode"));
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
  }

  std::expected<void, Error> exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      Error e{fmt::format("{}: {}", path_, message ? message : "SQL error")};
      sqlite3_free(message);
      return std::unexpected(e);
    }
    return {};
  }

  std::expected<Stmt, Error> prepare(const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) return std::unexpected(db_error("prepare"));
    return Stmt(raw);
  }

  static void bind(Stmt& s, std::initializer_list<std::string> values) {
    int i = 0;
    for (const auto& v : values) sqlite3_bind_text(s.get(), ++i, v.c_str(), -1, SQLITE_TRANSIENT);
  }

  // A write. Outside a transaction it commits on its own, so the file is
  // checked before and after it; inside one, commit() checks.
  std::expected<void, Error> step_done(Stmt& s) {
    const bool autocommit = sqlite3_get_autocommit(db_.get()) != 0;
    if (autocommit) {
      if (auto same = check_file(); !same) return same;
    }
    if (sqlite3_step(s.get()) != SQLITE_DONE) return std::unexpected(db_error("write"));
    if (autocommit) return check_file();
    return {};
  }

  std::expected<void, Error> commit() {
    if (auto same = check_file(); !same) return same;
    if (auto r = exec("COMMIT;"); !r) return r;
    return check_file();
  }

  // Runs `body` in a transaction that takes the write lock at once (waiting
  // up to the busy timeout for another writer), and commits when it succeeds.
  template <typename Body>
  auto immediate(Body&& body) -> decltype(body()) {
    if (auto r = exec("BEGIN IMMEDIATE;"); !r) return std::unexpected(r.error());
    auto result = body();
    if (!result) {
      (void)exec("ROLLBACK;");
      return result;
    }
    if (auto c = commit(); !c) {
      (void)exec("ROLLBACK;");
      return std::unexpected(c.error());
    }
    return result;
  }

  // SQLite goes on writing to a file that was deleted or replaced under it,
  // and the writes are lost to everyone else: the path must still name the
  // file that was opened. Once it does not, every write is refused.
  std::expected<void, Error> check_file() {
    if (!identity_known_) return {};
    if (file_lost_.empty()) {
      struct stat st {};
      if (::stat(path_.c_str(), &st) != 0) {
        file_lost_ = errno == ENOENT ? "was deleted" : fmt::format("cannot be checked ({})", std::strerror(errno));
      } else if (st.st_dev != device_ || st.st_ino != inode_) {
        file_lost_ = "was replaced by another file";
      }
    }
    if (file_lost_.empty()) return {};
    return std::unexpected(Error{fmt::format(
        "{}: the store {} while this process was using it; what it does from now on could not be recorded, so it "
        "stops here",
        path_, file_lost_)});
  }

  std::expected<int, Error> query_int(const char* sql) {
    auto s = prepare(sql);
    if (!s) return std::unexpected(s.error());
    if (sqlite3_step(s->get()) != SQLITE_ROW) return std::unexpected(db_error("read"));
    return sqlite3_column_int(s->get(), 0);
  }

  std::expected<std::optional<RunRecord>, Error> select_run(const std::string& where, const std::string& arg) {
    const std::string sql = "SELECT id, portfolio, as_of, started_at, COALESCE(finished_at, ''), status, test_to FROM runs " + where + ";";
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    if (!arg.empty()) sqlite3_bind_text(s->get(), 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(s->get());
    if (rc == SQLITE_DONE) return std::optional<RunRecord>{};
    if (rc != SQLITE_ROW) return std::unexpected(db_error("read"));
    RunRecord r;
    sqlite3_stmt* st = s->get();
    r.id = column_text(st, 0);
    r.portfolio = column_text(st, 1);
    r.as_of = column_text(st, 2);
    r.started_at = column_text(st, 3);
    r.finished_at = column_text(st, 4);
    r.status = column_text(st, 5);
    r.test_to = column_text(st, 6);
    return std::optional<RunRecord>{std::move(r)};
  }

  // Delivery states only: the MIME is read one message at a time (message_of).
  std::expected<std::vector<DeliveryRecord>, Error> select_deliveries(const std::string& where,
                                                                      const std::string& arg) {
    const std::string sql =
        "SELECT run_id, report_id, idempotency_key, recipients_to, recipients_cc, recipients_bcc, status, "
        "message_id, provider_message_id, attempts, last_error, updated_at, sent_at, created_seq, test FROM deliveries " +
        where + " ORDER BY created_seq;";
    auto s = prepare(sql.c_str());
    if (!s) return std::unexpected(s.error());
    if (!arg.empty()) sqlite3_bind_text(s->get(), 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<DeliveryRecord> out;
    int rc = 0;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) {
      DeliveryRecord d;
      sqlite3_stmt* st = s->get();
      d.run_id = column_text(st, 0);
      d.report_id = column_text(st, 1);
      d.idempotency_key = column_text(st, 2);
      d.to = from_json_list(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
      d.cc = from_json_list(reinterpret_cast<const char*>(sqlite3_column_text(st, 4)));
      d.bcc = from_json_list(reinterpret_cast<const char*>(sqlite3_column_text(st, 5)));
      d.status = column_text(st, 6);
      d.message_id = column_text(st, 7);
      d.provider_message_id = column_text(st, 8);
      d.attempts = sqlite3_column_int(st, 9);
      d.last_error = column_text(st, 10);
      d.updated_at = column_text(st, 11);
      d.sent_at = column_text(st, 12);
      d.sequence = sqlite3_column_int64(st, 13);
      d.test = sqlite3_column_int(st, 14) != 0;
      out.push_back(std::move(d));
    }
    if (rc != SQLITE_DONE) return std::unexpected(db_error("read"));
    return out;
  }

  std::unique_ptr<sqlite3, DbDeleter> db_;
  std::string path_;
  int version_ = 0;
  bool identity_known_ = false;  // the file's device and inode when it was opened
  dev_t device_ = 0;
  ino_t inode_ = 0;
  std::string file_lost_;  // "was deleted", ...: set once, then every write fails
};

}  // namespace

std::string event_id(std::string_view type, std::string_view key) {
  return "evt_" + sha256_hex(fmt::format("{}|{}", type, key)).substr(0, 32);
}

std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.string().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e{fmt::format("{}: cannot open the store: {}", path.string(), raw ? sqlite3_errmsg(raw) : "out of memory")};
    sqlite3_close(raw);
    return std::unexpected(e);
  }
  sqlite3_busy_timeout(raw, static_cast<int>(k_busy_timeout.count()));
  auto store = std::make_unique<SqliteStore>(raw, path.string());
  if (auto r = store->migrate(); !r) return std::unexpected(r.error());
  return store;
}

}  // namespace quarterdeck::store
