// The emulator's own admin API under /_emulator/ (not part of either protocol; never recorded,
// never faulted).
#include <boost/json.hpp>

#include "handlers.h"

namespace splitpoint::emulator {
namespace {

namespace json = boost::json;
constexpr std::string_view kJson = "application/json";

Task<> reply_json(Exchange& ex, unsigned status, const json::value& v) {
  co_await ex.reply(status, kJson, json::serialize(v));
}

// (Not built inside the coroutines: GCC 12 rejects brace-initialized string literals there.)
json::value error_json(std::string_view message) {
  return json::object{{"error", message}};
}

json::value ok_json() {
  return json::object{{"ok", true}};
}

Task<> reply_error(Exchange& ex, unsigned status, std::string_view message) {
  co_await reply_json(ex, status, error_json(message));
}

json::value config_json(const RuntimeConfig& c) {
  return json::object{{"ttft_ms", c.ttft_ms},
                      {"tokens_per_sec", c.tokens_per_sec},
                      {"reply_tokens", c.reply_tokens}};
}

// Parses the body and applies `update` (which returns an error text, empty on success).
template <class F>
Task<> update(Exchange& ex, F&& update, json::value (*answer)(Emulator&)) {
  json::error_code ec;
  const json::value doc = json::parse(ex.request().body(), ec);
  if (ec) co_return co_await reply_error(ex, 400, "invalid JSON body: " + ec.message());
  if (const std::string error = update(doc); !error.empty()) {
    co_return co_await reply_error(ex, 400, error);
  }
  co_await reply_json(ex, 200, answer(ex.emulator()));
}

json::value current_config(Emulator& emu) {
  return config_json(emu.config());
}

json::value pending_faults(Emulator& emu) {
  return json::object{{"pending", emu.pending_faults()}};
}

json::value stats(Emulator& emu) {
  Stats& s = emu.stats();
  return json::object{{"connections_accepted", s.connections_accepted.load()},
                      {"open_connections", s.open_connections.load()},
                      {"requests", s.requests.load()}};
}

}  // namespace

Task<> handle_admin(Exchange& ex) {
  Emulator& emu = ex.emulator();
  const std::string_view path = ex.path();
  const http::verb method = ex.request().method();
  const bool post = method == http::verb::post;
  const bool get = method == http::verb::get;
  if (path == "/_emulator/config" && post) {
    co_return co_await update(
        ex, [&](const json::value& v) { return emu.update_config(v); }, current_config);
  }
  if (path == "/_emulator/config" && get)
    co_return co_await reply_json(ex, 200, current_config(emu));
  if (path == "/_emulator/faults" && post) {
    co_return co_await update(
        ex, [&](const json::value& v) { return emu.add_faults(v); }, pending_faults);
  }
  if (path == "/_emulator/faults" && get)
    co_return co_await reply_json(ex, 200, pending_faults(emu));
  if (path == "/_emulator/requests" && get) {
    co_return co_await reply_json(ex, 200, emu.recorded_json());
  }
  if (path == "/_emulator/reset" && post) {
    emu.reset();
    co_return co_await reply_json(ex, 200, ok_json());
  }
  if (path == "/_emulator/stats" && get) co_return co_await reply_json(ex, 200, stats(emu));
  co_await reply_error(ex, 404, "unknown admin endpoint");
}

}  // namespace splitpoint::emulator
