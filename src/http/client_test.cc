#include "http/client.h"

#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "http/testing_server.h"

namespace splitpoint::http {
namespace {

using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using namespace test_support;
using boost::beast::http::field;
using boost::beast::http::status;
using boost::beast::http::verb;

Clock::time_point in(std::chrono::milliseconds d) {
  return Clock::now() + d;
}

Request get(std::string path) {
  Request r;
  r.method = verb::get;
  r.path = std::move(path);
  return r;
}

class ClientTest : public ::testing::Test {
 protected:
  // Starts a server answering every request with `respond` on keep-alive connections.
  void serve(std::function<TestResponse(const TestRequest&)> respond) {
    respond_ = std::move(respond);
    start([this](tcp::socket socket, int) -> asio::awaitable<void> {
      co_await serve_http(socket, respond_);
    });
  }
  void start(TestServer::Session session) {
    server_ = std::make_unique<TestServer>(io_, std::move(session));
  }
  Client& client(ClientOptions options = {}, std::string base = "") {
    Result<Url> url = Url::parse(server_->url() + base);
    EXPECT_TRUE(url.ok()) << url.status().to_string();
    client_ = std::make_unique<Client>(io_.get_executor(), *url, options);
    return *client_;
  }
  Result<Response> send(Request request, Clock::time_point deadline = in(5s)) {
    auto task = [&]() -> asio::awaitable<Result<Response>> {
      co_return co_await client_->send(std::move(request), deadline);
    };
    std::optional<Result<Response>> r = run(io_, task());
    if (!r) return Status::internal("test: call did not finish");
    return std::move(*r);
  }

  asio::io_context io_;
  std::function<TestResponse(const TestRequest&)> respond_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(ClientTest, PostRoundTripSendsTheExpectedRequest) {
  TestRequest seen;
  serve([&](const TestRequest& r) {
    seen = r;
    return make_response(r, status::ok, R"({"ok":true})");
  });
  client({}, "/v1/");
  Request request;
  request.path = "/chat/completions";
  request.body = R"({"model":"m"})";
  request.headers = {{"Authorization", "Bearer k"}, {"X-Extra", "1"}};
  Result<Response> r = send(request);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"ok":true})");
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(seen.method(), verb::post);
  EXPECT_EQ(seen.target(), "/v1/chat/completions");
  EXPECT_EQ(seen[field::host], "127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(seen[field::user_agent], "splitpoint/0.1");
  EXPECT_EQ(seen[field::content_type], "application/json");
  EXPECT_EQ(seen[field::authorization], "Bearer k");
  EXPECT_EQ(seen["X-Extra"], "1");
  EXPECT_FALSE(seen[field::accept].empty());
  EXPECT_EQ(seen.body(), R"({"model":"m"})");
  EXPECT_TRUE(seen.keep_alive());
}

TEST_F(ClientTest, GetHasNoBodyNorContentType) {
  TestRequest seen;
  serve([&](const TestRequest& r) {
    seen = r;
    return make_response(r, status::ok, "[]");
  });
  client();
  Result<Response> r = send(get("/api/tags"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "[]");
  EXPECT_EQ(seen.method(), verb::get);
  EXPECT_EQ(seen.target(), "/api/tags");
  EXPECT_TRUE(seen[field::content_type].empty());
  EXPECT_TRUE(seen.body().empty());
}

TEST_F(ClientTest, KeepAliveReusesOneConnection) {
  serve([](const TestRequest& r) { return make_response(r, status::ok, r.target()); });
  client();
  for (int i = 0; i < 5; ++i) {
    Result<Response> r = send(get("/n" + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->body, "/n" + std::to_string(i));
  }
  EXPECT_EQ(server_->accepted(), 1);
  EXPECT_EQ(client_->idle_connections(), 1u);
}

TEST_F(ClientTest, IdleConnectionsAreBounded) {
  serve([](const TestRequest& r) { return make_response(r, status::ok, "x"); });
  client({.max_idle_connections = 1});
  auto one = [&]() -> asio::awaitable<bool> {
    Result<Response> r = co_await client_->send(get("/"), in(5s));
    co_return r.ok();
  };
  auto three = [&]() -> asio::awaitable<bool> {
    auto [a, b, c] = co_await (one() && one() && one());
    co_return a&& b&& c;
  };
  std::optional<bool> ok = run(io_, three());
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(*ok);
  EXPECT_EQ(server_->accepted(), 3);
  EXPECT_EQ(client_->idle_connections(), 1u);
}

TEST_F(ClientTest, ServerClosingAnIdleConnectionIsHandled) {
  bool closed = false;
  start([&](tcp::socket socket, int) -> asio::awaitable<void> {
    co_await serve_http(
        socket, [](const TestRequest& r) { return make_response(r, status::ok, "hi"); }, 1);
    socket.close();  // like an upstream's idle timeout
    closed = true;
  });
  client();
  ASSERT_TRUE(send(get("/")).ok());
  ASSERT_TRUE(run_until(io_, [&] { return closed; }));
  Result<Response> r = send(get("/"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "hi");
  EXPECT_EQ(server_->accepted(), 2);
}

// The first connection answers one request, then reads the next one and closes without an
// answer (the race of an idle timeout with a new request); later connections answer normally,
// or, with `fail_fresh`, read a request and close without an answer.
class StaleConnectionTest : public ClientTest {
 protected:
  void start_racy_server(bool fail_fresh) {
    start([this, fail_fresh](tcp::socket socket, int index) -> asio::awaitable<void> {
      const bool answer_once = index == 0;
      if (answer_once || !fail_fresh) {
        co_await serve_http(
            socket, [](const TestRequest& r) { return make_response(r, status::ok, "fine"); },
            answer_once ? 1 : 1000);
      }
      beast::flat_buffer buffer;
      TestRequest request;
      co_await bhttp::async_read(socket, buffer, request, kTuple);
      ++unanswered_;
      socket.close();
    });
  }
  int unanswered_ = 0;
};

TEST_F(StaleConnectionTest, PooledConnectionFailingBeforeAnAnswerIsRetriedOnce) {
  start_racy_server(/*fail_fresh=*/false);
  client();
  ASSERT_TRUE(send(get("/")).ok());
  Result<Response> r = send(get("/"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "fine");
  EXPECT_EQ(unanswered_, 1);
  EXPECT_EQ(server_->accepted(), 2);
}

TEST_F(StaleConnectionTest, RetryHappensOnlyOnce) {
  start_racy_server(/*fail_fresh=*/true);
  client();
  ASSERT_TRUE(send(get("/")).ok());
  Result<Response> r = send(get("/"));
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream) << r.status().to_string();
  EXPECT_EQ(unanswered_, 2);
  EXPECT_EQ(server_->accepted(), 2);
}

TEST_F(ClientTest, FreshConnectionIsNotRetried) {
  start([](tcp::socket socket, int) -> asio::awaitable<void> {
    beast::flat_buffer buffer;
    TestRequest request;
    co_await bhttp::async_read(socket, buffer, request, kTuple);
    socket.close();
  });
  client();
  Result<Response> r = send(get("/"));
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream) << r.status().to_string();
  EXPECT_NE(r.status().message().find(server_->url()), std::string::npos);
  EXPECT_EQ(server_->accepted(), 1);
}

TEST_F(ClientTest, NonSuccessAnswerIsAResponseNotAnError) {
  serve([](const TestRequest& r) {
    TestResponse response = make_response(r, status::too_many_requests, R"({"error":"slow"})");
    response.set(field::retry_after, "7");
    return response;
  });
  client();
  bool called = false;
  DataHandler on_data = [&](std::string_view) -> asio::awaitable<Status> {
    called = true;
    co_return Status::OK();
  };
  auto task = [&]() -> asio::awaitable<Result<Response>> {
    Request request;  // not `Request{}` as an argument: GCC 12 frees such a temporary twice
    co_return co_await client_->send_streaming(std::move(request), in(5s), on_data);
  };
  std::optional<Result<Response>> r = run(io_, task());
  ASSERT_TRUE(r && r->ok());
  EXPECT_EQ((*r)->status, 429);
  EXPECT_EQ((*r)->retry_after, "7");
  EXPECT_EQ((*r)->body, R"({"error":"slow"})");
  EXPECT_FALSE(called);
  EXPECT_EQ(client_->idle_connections(), 1u);
}

TEST_F(ClientTest, OversizedBodyIsAnUpstreamError) {
  serve([](const TestRequest& r) { return make_response(r, status::ok, std::string(5000, 'x')); });
  client({.max_body_bytes = 1000});
  Result<Response> r = send(get("/big"));
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream);
  EXPECT_NE(r.status().message().find("larger than 1000"), std::string::npos);
  EXPECT_EQ(client_->idle_connections(), 0u);
}

TEST_F(ClientTest, ConnectionRefusedIsAnUpstreamErrorNamingTheOrigin) {
  unsigned short port;
  {
    tcp::acceptor a(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = a.local_endpoint().port();
  }
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  client_ = std::make_unique<Client>(io_.get_executor(), *Url::parse(base));
  const auto start = Clock::now();
  Result<Response> r = send(get("/"));
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream) << r.status().to_string();
  EXPECT_NE(r.status().message().find(base), std::string::npos) << r.status().message();
  EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(ClientTest, SilentServerHitsTheDeadline) {
  bool saw_close = false;
  start([&](tcp::socket socket, int) -> asio::awaitable<void> {
    co_await read_then_wait_for_close(socket, &saw_close);
  });
  client();
  const auto start = Clock::now();
  Result<Response> r = send(get("/"), in(300ms));
  const auto took = Clock::now() - start;
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().to_string();
  EXPECT_GE(took, 290ms);
  EXPECT_LT(took, 2s);
  EXPECT_TRUE(run_until(io_, [&] { return saw_close; }));
  EXPECT_EQ(client_->idle_connections(), 0u);
}

TEST_F(ClientTest, PastDeadlineFailsAtOnce) {
  serve([](const TestRequest& r) { return make_response(r, status::ok, ""); });
  client();
  Result<Response> r = send(get("/"), Clock::now() - 1ms);
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(server_->accepted(), 0);
}

TEST_F(ClientTest, CancellationThroughAwaitableOperatorsClosesTheConnection) {
  bool saw_close = false;
  start([&](tcp::socket socket, int) -> asio::awaitable<void> {
    co_await read_then_wait_for_close(socket, &saw_close);
  });
  client();
  std::optional<Result<Response>> result;
  auto call = [&]() -> asio::awaitable<void> {
    result.emplace(co_await client_->send(get("/"), in(10s)));
  };
  auto race = [&]() -> asio::awaitable<int> {
    asio::steady_timer timer(io_, 100ms);
    auto winner = co_await (call() || timer.async_wait(asio::use_awaitable));
    co_return static_cast<int>(winner.index());
  };
  const auto start = Clock::now();
  std::optional<int> winner = run(io_, race());
  ASSERT_TRUE(winner.has_value());
  EXPECT_EQ(*winner, 1);
  EXPECT_LT(Clock::now() - start, 2s);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->status().code(), StatusCode::kCancelled) << result->status().to_string();
  EXPECT_TRUE(run_until(io_, [&] { return saw_close; }));
  EXPECT_EQ(client_->idle_connections(), 0u);
}

}  // namespace
}  // namespace splitpoint::http
