// OpenAI API: /v1/chat/completions (JSON or SSE), /v1/embeddings, /v1/models.
#include <boost/json.hpp>

#include "answer.h"
#include "handlers.h"
#include "json_read.h"
#include "json_text.h"

namespace splitpoint::emulator {
namespace {

namespace json = boost::json;
constexpr std::string_view kJson = "application/json";
constexpr int kMaxDimensions = 1 << 16;

Task<> fail(Exchange& ex, unsigned status, std::string_view message, std::string_view code = {}) {
  auto [type, default_code] = openai_error_kind(status);
  co_await ex.reply(status, kJson,
                    openai_error_body(message, type, code.empty() ? default_code : code));
}

Task<> fail_bad_json(Exchange& ex) {
  co_await fail(ex, 400,
                "We could not parse the JSON body of your request. (HINT: This likely means you "
                "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
                "but what was sent was not valid JSON.)");
}

Task<> fail_unknown_model(Exchange& ex, std::string_view model) {
  co_await fail(ex, 404, "The model `" + std::string(model) + "` does not exist",
                "model_not_found");
}

// The text of a message's content (a string, or the text parts joined by " "); counts images.
std::string content_text(const json::value* content, uint64_t& images) {
  if (content == nullptr) return {};
  if (const json::string* s = content->if_string()) return std::string(*s);
  std::string text;
  const json::array* parts = content->if_array();
  if (parts == nullptr) return text;
  for (const json::value& part : *parts) {
    const json::object* po = part.if_object();
    if (po == nullptr) continue;
    const std::string_view type = str_field(*po, "type");
    if (type == "image_url") ++images;
    if (type != "text") continue;
    if (!text.empty()) text.push_back(' ');
    text.append(str_field(*po, "text"));
  }
  return text;
}

std::string tool_to_call(const json::object& o) {
  const json::array* tools = arr_field(o, "tools");
  if (tools == nullptr || tools->empty()) return {};
  const json::value* choice = o.if_contains("tool_choice");
  if (choice != nullptr && choice->is_string() && choice->get_string() == "none") return {};
  if (const json::object* co = choice != nullptr ? choice->if_object() : nullptr) {
    if (const json::object* fn = obj_field(*co, "function")) {
      if (std::string_view name = str_field(*fn, "name"); !name.empty()) return std::string(name);
    }
  }
  const json::object* first = (*tools)[0].if_object();
  const json::object* fn = first != nullptr ? obj_field(*first, "function") : nullptr;
  std::string name = fn != nullptr ? std::string(str_field(*fn, "name")) : std::string();
  return name.empty() ? "tool" : name;
}

Prompt decode_prompt(const json::object& o, const json::array& messages) {
  Prompt p;
  for (const json::value& m : messages) {
    const json::object* mo = m.if_object();
    if (mo == nullptr) continue;
    std::string text = content_text(mo->if_contains("content"), p.images);
    p.prompt_words += count_words(text);
    const std::string_view role = str_field(*mo, "role");
    p.last_is_tool_result = role == "tool";
    if (role == "tool") p.tool_result = text;
    if (role == "user") p.last_user_text = std::move(text);
  }
  p.tool_name = tool_to_call(o);
  if (const json::object* rf = obj_field(o, "response_format")) {
    const std::string_view type = str_field(*rf, "type");
    p.json_format = type == "json_object" || type == "json_schema";
  }
  p.max_tokens = int_field(o, "max_completion_tokens");
  if (!p.max_tokens) p.max_tokens = int_field(o, "max_tokens");
  return p;
}

// Fields shared by every object of one completion.
struct Head {
  std::string id;
  int64_t created;
  std::string_view model;
};

void append_usage(std::string& out, const Answer& a) {
  out.append("{\"prompt_tokens\":");
  append_int(out, static_cast<int64_t>(a.prompt_tokens));
  out.append(",\"completion_tokens\":");
  append_int(out, static_cast<int64_t>(a.completion_tokens));
  out.append(",\"total_tokens\":");
  append_int(out, static_cast<int64_t>(a.prompt_tokens + a.completion_tokens));
  out.push_back('}');
}

void append_head(std::string& out, const Head& h, std::string_view object) {
  out.append("{\"id\":\"");
  out.append(h.id);
  out.append("\",\"object\":\"");
  out.append(object);
  out.append("\",\"created\":");
  append_int(out, h.created);
  out.append(",\"model\":");
  append_json_string(out, h.model);
  out.append(",\"system_fingerprint\":\"fp_emulator\"");
}

std::string_view finish_reason(const Answer& a) {
  if (a.tool_call) return "tool_calls";
  return a.truncated ? "length" : "stop";
}

std::string completion_body(const Head& h, const Answer& a) {
  std::string out;
  out.reserve(256 + a.text.size());
  append_head(out, h, "chat.completion");
  out.append(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
  if (a.tool_call) {
    out.append("null,\"tool_calls\":[{\"id\":\"");
    out.append(a.tool_call_id);
    out.append("\",\"type\":\"function\",\"function\":{\"name\":");
    append_json_string(out, a.tool_name);
    out.append(",\"arguments\":");
    append_json_string(out, a.text);
    out.append("}}]");
  } else {
    append_json_string(out, a.content());
  }
  out.append(",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"");
  out.append(finish_reason(a));
  out.append("\"}],\"usage\":");
  append_usage(out, a);
  out.push_back('}');
  return out;
}

// Writes chat.completion.chunk SSE events.
class ChunkWriter {
 public:
  ChunkWriter(Exchange& ex, const Head& h, bool include_usage)
      : ex_(ex), head_(h), include_usage_(include_usage) {
    prefix_ = "data: ";
    append_head(prefix_, h, "chat.completion.chunk");
    prefix_.append(",\"choices\":[{\"index\":0,\"delta\":");
  }

  // One event with `delta` (a JSON object) and `finish` (a JSON value).
  void delta(std::string_view delta, std::string_view finish) {
    buf_.assign(prefix_);
    buf_.append(delta);
    buf_.append(",\"logprobs\":null,\"finish_reason\":");
    buf_.append(finish);
    buf_.append("}]");
    if (include_usage_) buf_.append(",\"usage\":null");
    buf_.append("}\n\n");
    ex_.event(buf_);
  }

  void content(std::string_view text) {
    delta_.assign("{\"content\":");
    append_json_string(delta_, text);
    delta_.push_back('}');
    delta(delta_, "null");
  }

  void tool_arguments(std::string_view fragment) {
    delta_.assign("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":");
    append_json_string(delta_, fragment);
    delta_.append("}}]}");
    delta(delta_, "null");
  }

  void finish(const Answer& a) {
    std::string reason = "\"" + std::string(finish_reason(a)) + "\"";
    delta("{}", reason);
    if (include_usage_) {
      buf_.assign("data: ");
      append_head(buf_, head_, "chat.completion.chunk");
      buf_.append(",\"choices\":[],\"usage\":");
      append_usage(buf_, a);
      buf_.append("}\n\n");
      ex_.event(buf_);
    }
    ex_.event("data: [DONE]\n\n");
  }

 private:
  Exchange& ex_;
  const Head& head_;
  const bool include_usage_;
  std::string prefix_;
  std::string buf_;
  std::string delta_;
};

// Splits `s` near its middle on a UTF-8 character boundary.
size_t utf8_middle(std::string_view s) {
  size_t mid = s.size() / 2;
  while (mid > 0 && (static_cast<unsigned char>(s[mid]) & 0xC0) == 0x80) --mid;
  return mid;
}

Task<> stream_chat(Exchange& ex, const Head& h, const Answer& a, bool include_usage) {
  ChunkWriter w(ex, h, include_usage);
  ex.begin_stream("text/event-stream");
  co_await ex.wait_token(0);
  if (a.tool_call) {
    w.delta("{\"role\":\"assistant\",\"content\":null,\"refusal\":null}", "null");
    std::string first = "{\"tool_calls\":[{\"index\":0,\"id\":\"" + a.tool_call_id +
                        "\",\"type\":\"function\",\"function\":{\"name\":";
    append_json_string(first, a.tool_name);
    first.append(",\"arguments\":\"\"}}]}");
    w.delta(first, "null");
    const size_t mid = utf8_middle(a.text);
    co_await ex.wait_token(1);
    w.tool_arguments(std::string_view(a.text).substr(0, mid));
    co_await ex.wait_token(2);
    w.tool_arguments(std::string_view(a.text).substr(mid));
  } else {
    w.delta("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null");
    for (size_t i = 0; i < a.token_count(); ++i) {
      co_await ex.wait_token(i);
      w.content(a.token(i));
    }
  }
  w.finish(a);
  co_await ex.end_stream();
}

Task<> chat(Exchange& ex) {
  json::error_code ec;
  const json::value doc = json::parse(ex.request().body(), ec);
  const json::object* o = ec ? nullptr : doc.if_object();
  if (o == nullptr) co_return co_await fail_bad_json(ex);
  const std::string_view model = str_field(*o, "model");
  if (model.empty()) co_return co_await fail(ex, 400, "you must provide a model parameter");
  const json::array* messages = arr_field(*o, "messages");
  if (messages == nullptr) {
    co_return co_await fail(ex, 400, "Missing required parameter: 'messages'.");
  }
  if (!ex.emulator().has_model(model)) co_return co_await fail_unknown_model(ex, model);
  const Answer a = make_answer(decode_prompt(*o, *messages), ex.config().reply_tokens);
  const Head h{"chatcmpl-emu" + std::to_string(ex.emulator().next_id()), unix_now(), model};
  if (bool_field(*o, "stream", false)) {
    const json::object* so = obj_field(*o, "stream_options");
    co_await stream_chat(ex, h, a, so != nullptr && bool_field(*so, "include_usage", false));
    co_return;
  }
  const size_t pieces = a.tool_call ? 1 : a.token_count();
  co_await ex.wait_token(pieces > 0 ? pieces - 1 : 0);
  co_await ex.reply(200, kJson, completion_body(h, a));
}

// Each input as text to embed: strings as they are, token arrays as their JSON text.
bool embedding_inputs(const json::value& input, std::vector<std::string>& out, uint64_t& words) {
  if (const json::string* s = input.if_string()) {
    out.emplace_back(*s);
    words += count_words(*s);
    return true;
  }
  const json::array* arr = input.if_array();
  if (arr == nullptr || arr->empty()) return false;
  if ((*arr)[0].is_number()) {  // one list of token ids
    out.push_back(json::serialize(input));
    words += arr->size();
    return true;
  }
  for (const json::value& v : *arr) {
    if (const json::string* s = v.if_string()) {
      out.emplace_back(*s);
      words += count_words(*s);
    } else if (const json::array* tokens = v.if_array()) {
      out.push_back(json::serialize(v));
      words += tokens->size();
    } else {
      return false;
    }
  }
  return true;
}

Task<> embeddings(Exchange& ex) {
  json::error_code ec;
  const json::value doc = json::parse(ex.request().body(), ec);
  const json::object* o = ec ? nullptr : doc.if_object();
  if (o == nullptr) co_return co_await fail_bad_json(ex);
  const std::string_view model = str_field(*o, "model");
  if (model.empty()) co_return co_await fail(ex, 400, "you must provide a model parameter");
  std::vector<std::string> inputs;
  uint64_t words = 0;
  const json::value* input = o->if_contains("input");
  if (input == nullptr || !embedding_inputs(*input, inputs, words)) {
    co_return co_await fail(ex, 400, "'$.input' is invalid. Please check the API reference.");
  }
  if (!ex.emulator().has_model(model)) co_return co_await fail_unknown_model(ex, model);
  int dim = ex.emulator().options().embedding_dim;
  if (auto d = int_field(*o, "dimensions"); d && *d > 0)
    dim = static_cast<int>(std::min<int64_t>(*d, kMaxDimensions));
  const bool base64 = str_field(*o, "encoding_format") == "base64";
  co_await ex.wait_token(0);
  std::string out = "{\"object\":\"list\",\"data\":[";
  for (size_t i = 0; i < inputs.size(); ++i) {
    out.append(i == 0 ? "{\"object\":\"embedding\",\"index\":"
                      : ",{\"object\":\"embedding\",\"index\":");
    append_int(out, static_cast<int64_t>(i));
    out.append(",\"embedding\":");
    if (base64) {
      append_embedding_base64(out, inputs[i], dim);
    } else {
      append_embedding_json(out, inputs[i], dim);
    }
    out.push_back('}');
  }
  out.append("],\"model\":");
  append_json_string(out, model);
  out.append(",\"usage\":{\"prompt_tokens\":");
  append_int(out, static_cast<int64_t>(words));
  out.append(",\"total_tokens\":");
  append_int(out, static_cast<int64_t>(words));
  out.append("}}");
  co_await ex.reply(200, kJson, out);
}

json::object model_object(std::string_view id) {
  return {{"id", id}, {"object", "model"}, {"created", 1700000000}, {"owned_by", "emulator"}};
}

std::string model_list(const std::vector<std::string>& models) {
  json::array data;
  for (const std::string& m : models) data.push_back(model_object(m));
  return json::serialize(json::object{{"object", "list"}, {"data", std::move(data)}});
}

Task<> models(Exchange& ex, std::string_view id) {
  if (!id.empty()) {
    if (!ex.emulator().has_model(id)) co_return co_await fail_unknown_model(ex, id);
    co_return co_await ex.reply(200, kJson, json::serialize(model_object(id)));
  }
  co_await ex.reply(200, kJson, model_list(ex.emulator().options().models));
}

bool authorized(Exchange& ex) {
  const std::string& key = ex.emulator().options().require_key;
  if (key.empty()) return true;
  const std::string_view auth = ex.request()[http::field::authorization];
  return auth.starts_with("Bearer ") && auth.substr(7) == key;
}

}  // namespace

std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code) {
  std::string out = "{\"error\":{\"message\":";
  append_json_string(out, message);
  out.append(",\"type\":");
  append_json_string(out, type);
  out.append(",\"param\":null,\"code\":");
  if (code.empty()) {
    out.append("null");
  } else {
    append_json_string(out, code);
  }
  out.append("}}");
  return out;
}

std::pair<std::string_view, std::string_view> openai_error_kind(unsigned status) {
  if (status == 401) return {"invalid_request_error", "invalid_api_key"};
  if (status == 429) return {"requests", "rate_limit_exceeded"};
  if (status >= 500) return {"server_error", ""};
  return {"invalid_request_error", ""};
}

Task<> handle_openai(Exchange& ex) {
  if (!authorized(ex)) {
    co_return co_await fail(ex, 401, "Incorrect API key provided.", "invalid_api_key");
  }
  const std::string_view path = ex.path();
  const http::verb method = ex.request().method();
  const bool post = method == http::verb::post;
  const bool get = method == http::verb::get;
  if (path == "/v1/chat/completions" && post) co_return co_await chat(ex);
  if (path == "/v1/embeddings" && post) co_return co_await embeddings(ex);
  if (path == "/v1/models" && get) co_return co_await models(ex, {});
  if (path.starts_with("/v1/models/") && get) co_return co_await models(ex, path.substr(11));
  co_await fail(
      ex, 404,
      "Invalid URL (" + std::string(ex.request().method_string()) + " " + std::string(path) + ")");
}

}  // namespace splitpoint::emulator
