// https against a loopback TLS server with a throwaway certificate made here with OpenSSL.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "http/client.h"
#include "http/testing_server.h"

namespace splitpoint::http {
namespace {

using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using namespace test_support;
namespace ssl = boost::asio::ssl;
using boost::beast::http::status;
using boost::beast::http::verb;

struct Pem {
  std::string cert;
  std::string key;
};

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

bool add_ext(X509* x, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  bool ok = X509_add_ext(x, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A self-signed P-256 certificate valid for the subject alternative names `san`
// ("DNS:localhost,IP:127.0.0.1"); empty Pem on failure.
Pem self_signed(const char* san) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  if (!key || !x) return {};
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("splitpoint test"), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  if (!add_ext(x.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !add_ext(x.get(), NID_subject_alt_name, san) ||
      X509_sign(x.get(), key.get(), EVP_sha256()) == 0) {
    return {};
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(cert_bio.get(), x.get());
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return {bio_string(cert_bio.get()), bio_string(key_bio.get())};
}

class TlsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!ca_file_.empty()) std::filesystem::remove(ca_file_);
  }

  // Starts a TLS server with a certificate for `san`; each session runs `after_handshake`.
  using Session = std::function<asio::awaitable<void>(ssl::stream<tcp::socket>&)>;
  void start(const char* san, Session after_handshake) {
    pem_ = self_signed(san);
    ASSERT_FALSE(pem_.cert.empty());
    server_ctx_.use_certificate(asio::buffer(pem_.cert), ssl::context::pem);
    server_ctx_.use_private_key(asio::buffer(pem_.key), ssl::context::pem);
    after_handshake_ = std::move(after_handshake);
    server_ =
        std::make_unique<TestServer>(io_, [this](tcp::socket socket, int) -> asio::awaitable<void> {
          ssl::stream<tcp::socket> stream(std::move(socket), server_ctx_);
          auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
          if (ec) co_return;
          const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
          sni_ = sni ? sni : "";
          co_await after_handshake_(stream);
        });
  }
  void serve_ok(const char* san) {
    start(san, [](ssl::stream<tcp::socket>& s) -> asio::awaitable<void> {
      co_await serve_http(s, [](const TestRequest& r) {
        return make_response(r, status::ok, std::string(r.target()));
      });
    });
  }
  // A client for `host` that trusts the test certificate if `trust`.
  Client& client(bool trust, std::string host = "127.0.0.1") {
    ClientOptions options;
    if (trust) {
      ca_file_ = (std::filesystem::temp_directory_path() /
                  ("splitpoint_tls_test_" + std::to_string(::getpid()) + ".pem"))
                     .string();
      std::ofstream(ca_file_) << pem_.cert;
      options.ca_file = ca_file_;
    }
    std::string url = "https://" + host + ":" + std::to_string(server_->port()) + "/v1";
    client_ = std::make_unique<Client>(io_.get_executor(), *Url::parse(url), options);
    return *client_;
  }
  Result<Response> get(std::string path, Clock::time_point deadline) {
    auto task = [&]() -> asio::awaitable<Result<Response>> {
      Request request;
      request.method = verb::get;
      request.path = path;
      co_return co_await client_->send(std::move(request), deadline);
    };
    std::optional<Result<Response>> r = run(io_, task());
    if (!r) return Status::internal("test: call did not finish");
    return std::move(*r);
  }

  asio::io_context io_;
  ssl::context server_ctx_{ssl::context::tls_server};
  Pem pem_;
  Session after_handshake_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> client_;
  std::string ca_file_;
  std::string sni_;
};

TEST_F(TlsTest, UntrustedSelfSignedCertificateFailsVerification) {
  serve_ok("DNS:localhost,IP:127.0.0.1");
  client(/*trust=*/false);
  Result<Response> r = get("/models", Clock::now() + 5s);
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream) << r.status().to_string();
  EXPECT_NE(r.status().message().find("TLS handshake"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("https://127.0.0.1:"), std::string::npos);
}

TEST_F(TlsTest, TrustedCertificateRoundTripsAndReusesTheConnection) {
  serve_ok("DNS:localhost,IP:127.0.0.1");
  client(/*trust=*/true, "localhost");
  for (int i = 0; i < 3; ++i) {
    Result<Response> r = get("/models", Clock::now() + 5s);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    EXPECT_EQ(r->body, "/v1/models");
  }
  EXPECT_EQ(server_->accepted(), 1);
  EXPECT_EQ(sni_, "localhost");
}

TEST_F(TlsTest, IpAddressIsVerifiedWithoutSni) {
  serve_ok("IP:127.0.0.1");
  client(/*trust=*/true);
  Result<Response> r = get("/x", Clock::now() + 5s);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(sni_, "");
}

TEST_F(TlsTest, HostNameMismatchFailsVerification) {
  serve_ok("DNS:other.example");
  client(/*trust=*/true);
  Result<Response> r = get("/x", Clock::now() + 5s);
  EXPECT_EQ(r.status().code(), StatusCode::kUpstream) << r.status().to_string();
  EXPECT_NE(r.status().message().find("certificate verify failed"), std::string::npos);
}

TEST_F(TlsTest, BodyUntilCloseWithoutCloseNotifyIsAccepted) {
  start("IP:127.0.0.1", [](ssl::stream<tcp::socket>& s) -> asio::awaitable<void> {
    beast::flat_buffer buffer;
    TestRequest request;
    if (std::get<0>(co_await bhttp::async_read(s, buffer, request, kTuple))) co_return;
    std::string answer = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it";
    co_await asio::async_write(s, asio::buffer(answer), kTuple);
    s.lowest_layer().close();  // no TLS close_notify
  });
  client(/*trust=*/true);
  Result<Response> r = get("/x", Clock::now() + 5s);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "all of it");
  EXPECT_EQ(client_->idle_connections(), 0u);
}

// Cancellation and deadlines reach the operations inside the ssl_stream.
class SilentTlsTest : public TlsTest {
 protected:
  void SetUp() override {
    start("IP:127.0.0.1", [this](ssl::stream<tcp::socket>& s) -> asio::awaitable<void> {
      beast::flat_buffer buffer;
      TestRequest request;
      if (std::get<0>(co_await bhttp::async_read(s, buffer, request, kTuple))) co_return;
      char byte;
      auto [ec, n] = co_await s.async_read_some(asio::buffer(&byte, 1), kTuple);
      saw_close_ = ec.failed();
    });
    client(/*trust=*/true);
  }
  bool saw_close_ = false;
};

TEST_F(SilentTlsTest, DeadlineExceeded) {
  const auto start = Clock::now();
  Result<Response> r = get("/x", Clock::now() + 300ms);
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().to_string();
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_TRUE(run_until(io_, [&] { return saw_close_; }));
}

TEST_F(SilentTlsTest, CancelledThroughAwaitableOperators) {
  std::optional<Result<Response>> result;
  auto call = [&]() -> asio::awaitable<void> {
    Request request;
    result.emplace(co_await client_->send(std::move(request), Clock::now() + 10s));
  };
  auto race = [&]() -> asio::awaitable<int> {
    asio::steady_timer timer(io_, 200ms);
    auto winner = co_await (call() || timer.async_wait(asio::use_awaitable));
    co_return static_cast<int>(winner.index());
  };
  const auto start = Clock::now();
  ASSERT_EQ(run(io_, race()), 1);
  EXPECT_LT(Clock::now() - start, 2s);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->status().code(), StatusCode::kCancelled) << result->status().to_string();
  EXPECT_TRUE(run_until(io_, [&] { return saw_close_; }));
  EXPECT_EQ(client_->idle_connections(), 0u);
}

}  // namespace
}  // namespace splitpoint::http
