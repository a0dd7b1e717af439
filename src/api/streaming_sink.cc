#include "api/streaming_sink.h"

#include "api/route_headers.h"

namespace splitpoint::api {

boost::asio::awaitable<Status> LazyStream::begin() {
  Headers headers = route_headers(route_);
  headers.insert(headers.end(), extra_.begin(), extra_.end());
  co_return co_await exchange_.begin_stream(200, content_type_, headers);
}

boost::asio::awaitable<Status> LazyStream::send(std::string_view bytes) {
  if (client_gone_) co_return Status::cancelled("client gone");
  if (bytes.empty()) co_return Status::OK();
  if (!begun_) {
    begun_ = true;
    exchange_.record.ttft_ms = exchange_.ms_since_arrival();
    Status began = co_await begin();
    if (!began.is_ok()) {
      client_gone_ = true;
      co_return began;
    }
  }
  Status written = co_await exchange_.write(bytes);
  if (!written.is_ok()) client_gone_ = true;
  co_return written;
}

boost::asio::awaitable<void> LazyStream::close(std::string_view tail) {
  Status status = co_await send(tail);
  if (!status.is_ok()) co_return;  // the client is gone
  if (!begun_) {
    begun_ = true;
    status = co_await begin();
    if (!status.is_ok()) {
      client_gone_ = true;
      co_return;
    }
  }
  status = co_await exchange_.end_stream();
  if (!status.is_ok()) client_gone_ = true;
}

}  // namespace splitpoint::api
