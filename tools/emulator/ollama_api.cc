// Ollama API: /api/chat and /api/generate (NDJSON or one object), routing of the rest.
#include <boost/json.hpp>

#include "answer.h"
#include "handlers.h"
#include "json_read.h"
#include "json_text.h"
#include "ollama_internal.h"

namespace splitpoint::emulator {
namespace {

namespace json = boost::json;
using ollama::kJson;

bool wants_json(const json::object& o) {
  const json::value* f = o.if_contains("format");
  if (f == nullptr || f->is_null()) return false;
  return !(f->is_string() && f->get_string().empty());
}

std::optional<int64_t> num_predict(const json::object& o) {
  const json::object* opts = obj_field(o, "options");
  return opts != nullptr ? int_field(*opts, "num_predict") : std::nullopt;
}

Prompt decode_chat(const json::object& o, const json::array& messages) {
  Prompt p;
  for (const json::value& m : messages) {
    const json::object* mo = m.if_object();
    if (mo == nullptr) continue;
    const std::string_view text = str_field(*mo, "content");
    const std::string_view role = str_field(*mo, "role");
    p.prompt_words += count_words(text);
    if (const json::array* images = arr_field(*mo, "images")) p.images += images->size();
    p.last_is_tool_result = role == "tool";
    if (role == "tool") p.tool_result = text;
    if (role == "user") p.last_user_text = text;
  }
  if (const json::array* tools = arr_field(o, "tools"); tools != nullptr && !tools->empty()) {
    const json::object* first = (*tools)[0].if_object();
    const json::object* fn = first != nullptr ? obj_field(*first, "function") : nullptr;
    p.tool_name = fn != nullptr ? std::string(str_field(*fn, "name")) : std::string();
    if (p.tool_name.empty()) p.tool_name = "tool";
  }
  p.json_format = wants_json(o);
  p.max_tokens = num_predict(o);
  return p;
}

Prompt decode_generate(const json::object& o) {
  Prompt p;
  p.last_user_text = str_field(o, "prompt");
  p.prompt_words = count_words(p.last_user_text) + count_words(str_field(o, "system"));
  if (const json::array* images = arr_field(o, "images")) p.images = images->size();
  p.json_format = wants_json(o);
  p.max_tokens = num_predict(o);
  return p;
}

// Builds the JSON lines of one /api/chat or /api/generate answer.
class Lines {
 public:
  Lines(std::string_view model, bool chat) : chat_(chat) {
    prefix_ = "{\"model\":";
    append_json_string(prefix_, model);
    prefix_.append(",\"created_at\":\"");
    prefix_.append(rfc3339_now());
    prefix_.append("\",");
  }

  // A streamed piece of text.
  const std::string& token(std::string_view text) {
    buf_.assign(prefix_);
    append_text(text);
    buf_.append(",\"done\":false}\n");
    return buf_;
  }

  // A streamed message carrying the tool call (chat only).
  const std::string& tool_call(const Answer& a) {
    buf_.assign(prefix_);
    append_tool_call(a);
    buf_.append(",\"done\":false}\n");
    return buf_;
  }

  // The last object: `text` is "" when streaming, the whole answer otherwise.
  const std::string& done(const Answer& a, std::string_view text, bool with_tool_call,
                          const Exchange& ex) {
    buf_.assign(prefix_);
    if (with_tool_call) {
      append_tool_call(a);
    } else {
      append_text(text);
    }
    buf_.append(",\"done\":true,\"done_reason\":\"");
    buf_.append(a.truncated ? "length" : "stop");
    const int64_t total = std::max<int64_t>(ex.elapsed_ns(), 2);
    const int64_t prompt_ns = std::clamp<int64_t>(ex.ttft_ns(), 1, total - 1);
    append_stat("\",\"total_duration\":", total);
    append_stat(",\"load_duration\":", 1);
    append_stat(",\"prompt_eval_count\":", static_cast<int64_t>(a.prompt_tokens));
    append_stat(",\"prompt_eval_duration\":", prompt_ns);
    append_stat(",\"eval_count\":", static_cast<int64_t>(a.completion_tokens));
    append_stat(",\"eval_duration\":", total - prompt_ns);
    buf_.append("}\n");
    return buf_;
  }

  // The answer to a request with nothing to generate (Ollama loads the model and says so).
  const std::string& load() {
    buf_.assign(prefix_);
    append_text("");
    buf_.append(",\"done_reason\":\"load\",\"done\":true}");
    return buf_;
  }

 private:
  void append_text(std::string_view text) {
    buf_.append(chat_ ? "\"message\":{\"role\":\"assistant\",\"content\":" : "\"response\":");
    append_json_string(buf_, text);
    if (chat_) buf_.push_back('}');
  }

  void append_tool_call(const Answer& a) {
    buf_.append("\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"");
    buf_.append(a.tool_call_id);
    buf_.append("\",\"function\":{\"index\":0,\"name\":");
    append_json_string(buf_, a.tool_name);
    buf_.append(",\"arguments\":");
    buf_.append(a.text);
    buf_.append("}}]}");
  }

  void append_stat(std::string_view key, int64_t v) {
    buf_.append(key);
    append_int(buf_, v);
  }

  const bool chat_;
  std::string prefix_;
  std::string buf_;
};

Task<> answer(Exchange& ex, std::string_view model, const Answer& a, bool chat, bool stream) {
  Lines lines(model, chat);
  if (!stream) {
    const size_t pieces = a.tool_call ? 1 : a.token_count();
    co_await ex.wait_token(pieces > 0 ? pieces - 1 : 0);
    co_await ex.reply(200, kJson, lines.done(a, a.content(), a.tool_call, ex));
    co_return;
  }
  ex.begin_stream("application/x-ndjson");
  if (a.tool_call) {
    co_await ex.wait_token(0);
    ex.event(lines.tool_call(a));
  }
  for (size_t i = 0; !a.tool_call && i < a.token_count(); ++i) {
    co_await ex.wait_token(i);
    ex.event(lines.token(a.token(i)));
  }
  ex.event(lines.done(a, "", false, ex));
  co_await ex.end_stream();
}

// POST /api/chat (chat = true) and POST /api/generate.
Task<> generate(Exchange& ex, bool chat) {
  json::error_code ec;
  const json::value doc = json::parse(ex.request().body(), ec);
  const json::object* o = ec ? nullptr : doc.if_object();
  if (o == nullptr) co_return co_await ollama::fail(ex, 400, "invalid JSON body: " + ec.message());
  const std::string_view model = str_field(*o, "model");
  if (model.empty()) co_return co_await ollama::fail(ex, 400, "model is required");
  if (ollama::resolve_model(ex.emulator(), model).empty()) {
    co_return co_await ollama::fail_unknown_model(ex, model);
  }
  const json::array* messages = chat ? arr_field(*o, "messages") : nullptr;
  const bool nothing_to_do = chat ? (messages == nullptr || messages->empty())
                                  : (str_field(*o, "prompt").empty() && !o->contains("images"));
  if (nothing_to_do) co_return co_await ex.reply(200, kJson, Lines(model, chat).load());
  const Prompt prompt = chat ? decode_chat(*o, *messages) : decode_generate(*o);
  const Answer a = make_answer(prompt, ex.config().reply_tokens);
  co_await answer(ex, model, a, chat, bool_field(*o, "stream", true));
}

Task<> not_found(Exchange& ex) {
  co_await ex.reply(404, "text/plain", "404 page not found");
}

}  // namespace

std::string ollama_error_body(std::string_view message) {
  std::string out = "{\"error\":";
  append_json_string(out, message);
  out.push_back('}');
  return out;
}

Task<> handle_ollama(Exchange& ex) {
  const std::string_view path = ex.path();
  const http::verb method = ex.request().method();
  const bool post = method == http::verb::post;
  const bool get = method == http::verb::get || method == http::verb::head;
  if (path == "/" && get)
    co_return co_await ex.reply(200, "text/plain; charset=utf-8", "Ollama is running");
  if (path == "/api/chat" && post) co_return co_await generate(ex, true);
  if (path == "/api/generate" && post) co_return co_await generate(ex, false);
  if (path == "/api/embed" && post) co_return co_await ollama::embed(ex);
  if (path == "/api/embeddings" && post) co_return co_await ollama::embeddings(ex);
  if (path == "/api/tags" && get) co_return co_await ollama::tags(ex);
  if (path == "/api/ps" && get) co_return co_await ollama::ps(ex);
  if (path == "/api/show" && post) co_return co_await ollama::show(ex);
  if (path == "/api/version" && get) {
    co_return co_await ex.reply(200, kJson, "{\"version\":\"0.12.6\"}");
  }
  co_await not_found(ex);
}

}  // namespace splitpoint::emulator
