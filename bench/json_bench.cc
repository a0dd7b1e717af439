// splitpoint-json-bench: the measurement behind Boost.JSON as splitpoint's one JSON library.
//
// For three payloads - a typical ~1 KB chat request, a ~1 KB chat completion answer and a ~64 KB
// chat request (a long conversation) - it times DOM parse, serialize and parse+serialize with
// Boost.JSON (default allocator, a monotonic_resource over a reused buffer, and a reused
// boost::json::parser), and, when they were found at configure time, with nlohmann-json
// (SPLITPOINT_BENCH_NLOHMANN) and RapidJSON (SPLITPOINT_BENCH_RAPIDJSON). Throughput is reported
// as bytes of input JSON per second.
#include <benchmark/benchmark.h>

#include <array>
#include <boost/json.hpp>
#include <boost/version.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#ifdef SPLITPOINT_BENCH_NLOHMANN
#include <nlohmann/json.hpp>
#endif
#ifdef SPLITPOINT_BENCH_RAPIDJSON
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#endif

namespace {

namespace json = boost::json;

// The shape of ../shared/bench/peers/payloads/request.json (1015 bytes).
constexpr std::string_view kChatRequest =
    R"({"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a senior backend )"
    R"(engineer who answers questions about networking, HTTP proxies and distributed systems. )"
    R"(Be precise and concise. Prefer concrete numbers and configuration examples over general )"
    R"(advice. When a question is ambiguous, state the assumption you are making before )"
    R"(answering. Do not invent APIs or command-line flags; if you are unsure whether a flag )"
    R"(exists, say so. Format code blocks with the language name. Keep answers under 200 words )"
    R"(unless the user explicitly asks for more detail."},{"role":"user","content":"We are )"
    R"(building an OpenAI-compatible LLM gateway in C++ that forwards /v1/chat/completions )"
    R"(requests to several upstream inference servers. Explain briefly why upstream connection )"
    R"(pooling matters for latency, and what pool size and idle timeout you would start with )"
    R"(for about 500 requests per second spread over 4 upstream hosts."}],"temperature":0.7,)"
    R"("top_p":1,"max_tokens":256,"stream":false,"user":"bench-client-0001"})";

// The shape of ../shared/bench/peers/payloads/chat_completion.json (1009 bytes).
constexpr std::string_view kChatCompletion =
    R"({"id":"chatcmpl-AmockResp0000000000000000001","object":"chat.completion",)"
    R"("created":1732435200,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":)"
    R"({"role":"assistant","content":"Connection pooling keeps a small set of )"
    R"(already-established TCP (and TLS) connections open to each upstream so that a new )"
    R"(request can reuse one instead of paying for a fresh handshake. For an LLM gateway this )"
    R"(matters most for short, non-streaming calls, where the handshake can cost more than the )"
    R"(proxy logic itself. Size the pool per upstream host, cap idle time below the upstream )"
    R"(idle timeout, and retire connections after an error.","refusal":null},"logprobs":null,)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":221,"completion_tokens":87,)"
    R"("total_tokens":308,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)"
    R"("completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,)"
    R"("accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default",)"
    R"("system_fingerprint":"fp_mock000001"})";

// A ~64 KB chat request: the system prompt above, then alternating user/assistant turns whose
// text has escapes (\n, \", \t) and non-ASCII characters, like pasted code and logs do.
std::string make_large_request() {
  const std::string turn =
      R"(Here is the failing handler:\n```cpp\nauto r = co_await client.send(req);\nif )"
      R"((!r.ok()) co_return error(\"upstream \" + r.status().message());\n```\nThe log says )"
      R"(\"connection reset by peer\" after 30 s, roughly 1 in 500 requests. Latency p99 is )"
      R"(about 12 ms, p50 3 ms; the pool holds 32 connections per host, idle timeout 60 s, )"
      R"(keep-alive on. Münster, Zürich and São Paulo hosts behave the same.\t(ids: 7f3a, 9c1e))";
  std::string out = R"({"model":"gpt-4o","messages":[{"role":"system","content":"You are a )"
                    R"(senior backend engineer. Be precise and concise."})";
  for (int i = 0; out.size() < 64 * 1024 - 600; ++i) {
    out += R"(,{"role":")";
    out += i % 2 == 0 ? "user" : "assistant";
    out += R"(","content":"Turn )" + std::to_string(i) + ": " + turn + R"("})";
  }
  out += R"(],"temperature":0.2,"max_tokens":1024,"stream":true,)"
         R"("stream_options":{"include_usage":true},"user":"bench-client-0002"})";
  return out;
}

const std::string& large_request() {
  static const std::string s = make_large_request();
  return s;
}

// ---- Boost.JSON -------------------------------------------------------------------------

void boost_parse(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    benchmark::DoNotOptimize(v);
    if (ec) state.SkipWithError("parse failed");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void boost_serialize(benchmark::State& state, std::string_view text) {
  const json::value v = json::parse(text);
  for (auto _ : state) {
    std::string out = json::serialize(v);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void boost_roundtrip(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    std::string out = json::serialize(v);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// Parse into a monotonic_resource over a buffer reused across iterations (a per-request arena).
void boost_parse_monotonic(benchmark::State& state, std::string_view text) {
  static std::array<unsigned char, 512 * 1024> arena;
  for (auto _ : state) {
    json::monotonic_resource mr(arena.data(), arena.size());
    boost::system::error_code ec;
    json::value v = json::parse(text, ec, &mr);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void boost_roundtrip_monotonic(benchmark::State& state, std::string_view text) {
  static std::array<unsigned char, 512 * 1024> arena;
  for (auto _ : state) {
    json::monotonic_resource mr(arena.data(), arena.size());
    boost::system::error_code ec;
    json::value v = json::parse(text, ec, &mr);
    std::string out = json::serialize(v);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// A boost::json::parser kept across iterations (its temporary stack is reused), plus an arena.
void boost_parser_reuse(benchmark::State& state, std::string_view text) {
  static std::array<unsigned char, 512 * 1024> arena;
  json::parser p;
  for (auto _ : state) {
    json::monotonic_resource mr(arena.data(), arena.size());
    p.reset(&mr);
    boost::system::error_code ec;
    p.write(text.data(), text.size(), ec);
    json::value v = p.release();
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// ---- nlohmann-json ----------------------------------------------------------------------

#ifdef SPLITPOINT_BENCH_NLOHMANN
void nlohmann_parse(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    auto v = nlohmann::json::parse(text, nullptr, false);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void nlohmann_serialize(benchmark::State& state, std::string_view text) {
  const auto v = nlohmann::json::parse(text, nullptr, false);
  for (auto _ : state) {
    std::string out = v.dump();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void nlohmann_roundtrip(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    std::string out = nlohmann::json::parse(text, nullptr, false).dump();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
#endif

// ---- RapidJSON --------------------------------------------------------------------------

#ifdef SPLITPOINT_BENCH_RAPIDJSON
std::string rapidjson_write(const rapidjson::Document& d) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  d.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

void rapidjson_parse(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void rapidjson_serialize(benchmark::State& state, std::string_view text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  for (auto _ : state) {
    std::string out = rapidjson_write(d);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void rapidjson_roundtrip(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    std::string out = rapidjson_write(d);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
#endif

using BenchFn = void (*)(benchmark::State&, std::string_view);

struct Case {
  const char* name;
  BenchFn fn;
};

constexpr Case kCases[] = {
    {"boost/parse", boost_parse},
    {"boost/parse_monotonic", boost_parse_monotonic},
    {"boost/parser_reuse", boost_parser_reuse},
    {"boost/serialize", boost_serialize},
    {"boost/roundtrip", boost_roundtrip},
    {"boost/roundtrip_monotonic", boost_roundtrip_monotonic},
#ifdef SPLITPOINT_BENCH_NLOHMANN
    {"nlohmann/parse", nlohmann_parse},
    {"nlohmann/serialize", nlohmann_serialize},
    {"nlohmann/roundtrip", nlohmann_roundtrip},
#endif
#ifdef SPLITPOINT_BENCH_RAPIDJSON
    {"rapidjson/parse", rapidjson_parse},
    {"rapidjson/serialize", rapidjson_serialize},
    {"rapidjson/roundtrip", rapidjson_roundtrip},
#endif
};

// Every payload must be valid JSON, or the numbers mean nothing.
bool payloads_valid() {
  for (std::string_view text : {kChatRequest, kChatCompletion, std::string_view(large_request())}) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) {
      std::fprintf(stderr, "invalid payload (%zu bytes): %s\n", text.size(), ec.message().c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (!payloads_valid()) return 1;
  const struct {
    const char* name;
    std::string_view text;
  } payloads[] = {{"chat_request_1k", kChatRequest},
                  {"chat_completion_1k", kChatCompletion},
                  {"chat_request_64k", large_request()}};
  for (const auto& p : payloads) {
    for (const auto& c : kCases) {
      std::string name = std::string(c.name) + "/" + p.name;
      benchmark::RegisterBenchmark(name.c_str(), c.fn, p.text);
    }
  }
  std::printf("payload sizes: chat_request_1k=%zu chat_completion_1k=%zu chat_request_64k=%zu\n",
              kChatRequest.size(), kChatCompletion.size(), large_request().size());
  std::printf("libraries: boost.json %d.%d.%d", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000,
              BOOST_VERSION % 100);
#ifdef SPLITPOINT_BENCH_NLOHMANN
  std::printf(", nlohmann-json %d.%d.%d", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
              NLOHMANN_JSON_VERSION_PATCH);
#else
  std::printf(", nlohmann-json not found at configure time");
#endif
#ifdef SPLITPOINT_BENCH_RAPIDJSON
  std::printf(", rapidjson %s", RAPIDJSON_VERSION_STRING);
#else
  std::printf(", rapidjson not found at configure time");
#endif
  std::printf("\n");
  std::fflush(stdout);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
