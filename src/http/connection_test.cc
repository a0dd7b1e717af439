#include "http/connection.h"

#include <cstring>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace splitpoint::http::detail {
namespace {

namespace asio = boost::asio;

std::unique_ptr<Connection> open_connection(asio::io_context& io) {
  auto c = std::make_unique<Connection>(io.get_executor());
  c->tcp().socket().open(asio::ip::tcp::v4());  // open, so the pool may hand it out again
  return c;
}

TEST(ConnectionPool, PooledConnectionsHoldNoBuffersAndGetThemBackWhenTaken) {
  asio::io_context io;
  auto c = open_connection(io);
  ASSERT_NE(c->chunk, nullptr);
  EXPECT_GE(c->buffer.capacity(), kChunkBytes);
  Connection* const raw = c.get();

  ConnectionPool pool(4);
  pool.put(std::move(c));
  ASSERT_EQ(pool.size(), 1u);
  EXPECT_EQ(raw->chunk, nullptr);
  EXPECT_EQ(raw->buffer.capacity(), 0u);

  // Taken at once: within kFreshIdle it is handed out without the socket peek.
  std::unique_ptr<Connection> again = pool.take();
  ASSERT_EQ(again.get(), raw);
  ASSERT_NE(again->chunk, nullptr);
  EXPECT_GE(again->buffer.capacity(), kChunkBytes);
  EXPECT_EQ(pool.size(), 0u);
}

TEST(ConnectionPool, BytesReadAheadSurviveTheRelease) {
  asio::io_context io;
  auto c = open_connection(io);
  const auto dst = c->buffer.prepare(3);
  std::memcpy(dst.data(), "abc", 3);
  c->buffer.commit(3);
  c->release_buffers();
  ASSERT_EQ(c->buffer.size(), 3u);
  EXPECT_EQ(std::memcmp(c->buffer.data().data(), "abc", 3), 0);
  c->reserve_buffers();
  EXPECT_EQ(std::memcmp(c->buffer.data().data(), "abc", 3), 0);
  EXPECT_GE(c->buffer.capacity(), kChunkBytes);
}

}  // namespace
}  // namespace splitpoint::http::detail
