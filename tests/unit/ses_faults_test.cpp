// The SES transport and the delivery engine against a fault-injecting HTTP
// server started in this test binary on loopback: throttling and 5xx
// bursts, a rejection, a response slower than the timeout, and a
// connection dropped after the request was read.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "deliver/engine.hpp"
#include "deliver/ses.hpp"
#include "delivery_fakes.hpp"

namespace quarterdeck {
namespace {

using testing::FakeSleeper;
using testing::ManualClock;
using testing::MemoryLog;

// An httplib server on a free loopback port, answering SendEmail through `handler`.
class FaultServer {
 public:
  explicit FaultServer(httplib::Server::Handler handler) {
    server_.Post("/v2/email/outbound-emails", std::move(handler));
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~FaultServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

deliver::SesSettings settings_for(const std::string& url) {
  deliver::SesSettings s;
  s.region = "us-west-2";
  s.access_key_id = "AKIDTESTTESTTEST";
  s.secret_access_key = "secret-for-tests";
  s.session_token = "session-token-for-tests";
  s.endpoint = url;
  s.configuration_set = "reports";
  s.timeout_seconds = 1;
  return s;
}

struct EngineRun {
  MemoryLog log;
  ManualClock clock;
  FakeSleeper sleeper{clock};
  deliver::EngineSettings settings;
  EngineRun() {
    settings.from = "reports@example.com";
    deliver::DeliveryRecord& r = log.plan("run-1", "ceo", 2);
    r.bcc = {"audit@example.com"};
    (void)log.save_delivery(r);
  }
  const deliver::DeliveryRecord& deliver(deliver::Transport& t) {
    auto outcome = deliver::deliver_run(log, t, "run-1", settings, clock, sleeper, {});
    EXPECT_TRUE(outcome.has_value());
    return log.get("run-1", "ceo");
  }
};

TEST(SesFaults, ThrottlingBurstIsRetriedAndTheRequestIsSignedAndComplete) {
  std::atomic<int> calls{0};
  nlohmann::json last_body;
  std::string authorization, token;
  FaultServer server([&](const httplib::Request& req, httplib::Response& res) {
    last_body = nlohmann::json::parse(req.body);
    authorization = req.get_header_value("Authorization");
    token = req.get_header_value("X-Amz-Security-Token");
    if (++calls <= 3) {
      res.status = 429;
      res.set_content(R"({"__type":"TooManyRequestsException","message":"Maximum sending rate exceeded."})",
                      "application/json");
      return;
    }
    res.set_content(R"({"MessageId":"0100018c-test"})", "application/json");
  });
  deliver::SesTransport ses(settings_for(server.url()));
  EngineRun run;
  const auto& r = run.deliver(ses);
  EXPECT_EQ(r.status, "sent");
  EXPECT_EQ(r.attempts, 4);
  EXPECT_EQ(r.provider_message_id, "0100018c-test");
  EXPECT_EQ(run.sleeper.slept.size(), 3u);
  EXPECT_TRUE(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST/")) << authorization;
  EXPECT_NE(authorization.find("/us-west-2/ses/aws4_request"), std::string::npos) << authorization;
  EXPECT_EQ(token, "session-token-for-tests");
  EXPECT_EQ(last_body["FromEmailAddress"], "reports@example.com");
  EXPECT_EQ(last_body["Destination"]["BccAddresses"], nlohmann::json::array({"audit@example.com"}));
  EXPECT_EQ(last_body["ConfigurationSetName"], "reports");
  EXPECT_EQ(last_body["EmailTags"][0]["Value"], "run-1");
  EXPECT_FALSE(last_body["Content"]["Raw"]["Data"].get<std::string>().empty());
}

TEST(SesFaults, ServerErrorBurstEndsFailedAfterTheLastAttempt) {
  FaultServer server([&](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content(R"({"message":"Service Unavailable"})", "application/json");
  });
  deliver::SesTransport ses(settings_for(server.url()));
  EngineRun run;
  run.settings.retry.max_attempts = 3;
  const auto& r = run.deliver(ses);
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.last_error, "HTTP 503: Service Unavailable");
}

TEST(SesFaults, RejectionIsRecordedWithTheProvidersReasonAndNotRetried) {
  std::atomic<int> calls{0};
  FaultServer server([&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 400;
    res.set_content(R"({"__type":"MessageRejected","message":"Email address is not verified."})", "application/json");
  });
  deliver::SesTransport ses(settings_for(server.url()));
  EngineRun run;
  const auto& r = run.deliver(ses);
  EXPECT_EQ(r.status, "rejected");
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(r.last_error, "HTTP 400 MessageRejected: Email address is not verified.");
}

TEST(SesFaults, SlowResponsePastTheTimeoutIsRetried) {
  std::atomic<int> calls{0};
  FaultServer server([&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    res.set_content(R"({"MessageId":"m-2"})", "application/json");
  });
  deliver::SesTransport ses(settings_for(server.url()));
  EngineRun run;
  const auto& r = run.deliver(ses);
  EXPECT_EQ(r.status, "sent");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.provider_message_id, "m-2");
}

// A raw server: reads each request; drops the first connection without an
// answer, answers the others.
class DroppingServer {
 public:
  DroppingServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 4);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~DroppingServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::atomic<int> connections{0};

 private:
  void serve() {
    while (!stop_) {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string request;
      char buffer[4096];
      // Read the headers and the body (Content-Length).
      while (true) {
        const auto n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
        const auto end = request.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        const auto cl = request.find("Content-Length: ");
        const std::size_t length = cl == std::string::npos ? 0 : std::stoul(request.substr(cl + 16));
        if (request.size() >= end + 4 + length) break;
      }
      if (++connections > 1) {
        const std::string body = R"({"MessageId":"m-3"})";
        const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        ::send(client, response.data(), response.size(), 0);
      }
      ::close(client);  // the first time: the request was read, no answer
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(SesFaults, ConnectionDroppedAfterTheRequestIsRetried) {
  DroppingServer server;
  deliver::SesTransport ses(settings_for(server.url()));
  EngineRun run;
  const auto& r = run.deliver(ses);
  EXPECT_EQ(r.status, "sent");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(server.connections.load(), 2);
}

}  // namespace
}  // namespace quarterdeck
