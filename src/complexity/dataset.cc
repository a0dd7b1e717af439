#include "complexity/dataset.h"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace splitpoint::complexity {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

Status parse_content(const json::value& content, Message& m) {
  if (content.is_null()) return Status::OK();
  if (content.is_string()) {
    m.parts.push_back({ContentPart::Kind::kText, std::string(content.get_string()), ""});
    return Status::OK();
  }
  if (!content.is_array()) return Status::invalid("content must be a string or an array");
  for (const auto& pv : content.get_array()) {
    if (!pv.is_object()) return Status::invalid("content part must be an object");
    const auto& p = pv.get_object();
    const std::string type = str(p, "type");
    if (type == "text") {
      m.parts.push_back({ContentPart::Kind::kText, str(p, "text"), ""});
    } else if (type == "image_url") {
      const json::value* iu = p.if_contains("image_url");
      std::string url;
      if (iu != nullptr && iu->is_object()) url = str(iu->get_object(), "url");
      if (iu != nullptr && iu->is_string()) url = std::string(iu->get_string());
      m.parts.push_back({ContentPart::Kind::kImage, url, ""});
    } else {
      return Status::invalid("unsupported content part type \"" + type + "\"");
    }
  }
  return Status::OK();
}

Status parse_message(const json::value& v, ChatRequest& r) {
  if (!v.is_object()) return Status::invalid("message must be an object");
  const auto& o = v.get_object();
  Message m;
  m.role = str(o, "role");
  if (m.role == "developer") m.role = "system";
  if (m.role.empty()) return Status::invalid("message without role");
  if (const json::value* c = o.if_contains("content")) {
    Status s = parse_content(*c, m);
    if (!s) return s;
  }
  if (const json::value* tcs = o.if_contains("tool_calls"); tcs != nullptr && tcs->is_array()) {
    for (const auto& tv : tcs->get_array()) {
      if (!tv.is_object()) continue;
      ToolCall tc;
      tc.id = str(tv.get_object(), "id");
      if (const json::value* fn = tv.get_object().if_contains("function");
          fn != nullptr && fn->is_object()) {
        tc.name = str(fn->get_object(), "name");
        tc.arguments = str(fn->get_object(), "arguments");
      }
      m.tool_calls.push_back(std::move(tc));
    }
  }
  m.tool_call_id = str(o, "tool_call_id");
  r.messages.push_back(std::move(m));
  return Status::OK();
}

void parse_extras(const json::object& o, ChatRequest& r) {
  for (const char* key : {"max_completion_tokens", "max_tokens"}) {
    const json::value* v = o.if_contains(key);
    if (v != nullptr && v->is_int64()) r.options.max_tokens = v->get_int64();
  }
  if (const json::value* tools = o.if_contains("tools"); tools != nullptr && tools->is_array()) {
    for (const auto& tv : tools->get_array()) {
      if (!tv.is_object()) continue;
      const json::value* fn = tv.get_object().if_contains("function");
      if (fn == nullptr || !fn->is_object()) continue;
      Tool t;
      t.name = str(fn->get_object(), "name");
      t.description = str(fn->get_object(), "description");
      if (const json::value* p = fn->get_object().if_contains("parameters")) {
        t.parameters = json::serialize(*p);
      }
      r.tools.push_back(std::move(t));
    }
  }
  if (const json::value* rf = o.if_contains("response_format"); rf != nullptr && rf->is_object()) {
    const std::string type = str(rf->get_object(), "type");
    if (type == "json_object") r.response_format.kind = ResponseFormat::Kind::kJsonObject;
    if (type == "json_schema") {
      r.response_format.kind = ResponseFormat::Kind::kJsonSchema;
      const json::value* js = rf->get_object().if_contains("json_schema");
      if (js != nullptr && js->is_object()) {
        r.response_format.name = str(js->get_object(), "name");
        if (const json::value* s = js->get_object().if_contains("schema")) {
          r.response_format.schema = json::serialize(*s);
        }
      }
    }
  }
}

// Prompts RouteLLM found in its router training data ("eval_prompt" of each line).
std::set<std::string> contaminated(const std::string& path) {
  std::set<std::string> out;
  auto text = read_file(path);
  if (!text.ok()) return out;
  std::istringstream lines(text.value());
  for (std::string line; std::getline(lines, line);) {
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (!ec && v.is_object()) out.insert(str(v.get_object(), "eval_prompt"));
  }
  return out;
}

Status load_routellm_csv(const std::string& path, const std::string& source,
                         const std::set<std::string>& skip, std::vector<RouteLlmItem>& out) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  const auto rows = parse_csv(text.value());
  if (rows.empty() || rows[0].size() < 3 || rows[0][0] != "prompt") {
    return Status::invalid(path + ": expected columns prompt, weak, strong");
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.size() < 3 || skip.count(row[0])) continue;
    RouteLlmItem it;
    it.source = source;
    it.prompt = row[0];
    it.weak_correct = row[1] == "True";
    it.strong_correct = row[2] == "True";
    it.heldout = (fnv1a(it.prompt) >> 63) == 1;  // the best-mixed bit
    out.push_back(std::move(it));
  }
  return Status::OK();
}

Status for_each_jsonl(const std::string& path,
                      const std::function<Status(const json::object&, std::size_t)>& fn) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  std::istringstream lines(text.value());
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      return Status::invalid(path + ":" + std::to_string(n) + ": not a JSON object");
    }
    Status s = fn(v.get_object(), n);
    if (!s) return Status::invalid(path + ":" + std::to_string(n) + ": " + s.message());
  }
  return Status::OK();
}

}  // namespace

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c != '"')
        field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<ChatRequest> parse_openai_request(std::string_view json_text) {
  boost::system::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec) return Status::invalid(ec.message());
  if (!v.is_object()) return Status::invalid("request must be an object");
  const auto& o = v.get_object();
  ChatRequest r;
  r.model = str(o, "model");
  const json::value* msgs = o.if_contains("messages");
  if (msgs == nullptr || !msgs->is_array()) return Status::invalid("messages must be an array");
  for (const auto& mv : msgs->get_array()) {
    Status s = parse_message(mv, r);
    if (!s) return s;
  }
  parse_extras(o, r);
  return r;
}

ChatRequest user_request(std::string prompt) {
  ChatRequest r;
  r.model = "auto";
  Message m;
  m.role = "user";
  m.parts.push_back({ContentPart::Kind::kText, std::move(prompt), ""});
  r.messages.push_back(std::move(m));
  return r;
}

Result<std::vector<LabelledRequest>> load_requests(const std::string& path, bool require_label) {
  std::vector<LabelledRequest> out;
  Status s = for_each_jsonl(path, [&](const json::object& o, std::size_t) {
    const json::value* req = o.if_contains("request");
    if (req == nullptr && (require_label || !o.contains("messages"))) {
      return Status::invalid("no request");
    }
    auto r = parse_openai_request(req != nullptr ? json::serialize(*req) : json::serialize(o));
    if (!r.ok()) return Status::invalid("request: " + r.status().message());
    const std::string label = str(o, "label");
    int value = label == "reasoning" ? 1 : label == "reflex" ? 0 : -1;
    if (value < 0 && (require_label || !label.empty())) {
      return Status::invalid("label must be \"reflex\" or \"reasoning\"");
    }
    std::string tag = str(o, "lang");
    if (const std::string kind = str(o, "kind"); !kind.empty()) {
      tag += (tag.empty() ? "" : "/") + kind;
    }
    out.push_back({std::move(r).value(), value, std::move(tag)});
    return Status::OK();
  });
  if (!s) return s;
  return out;
}

Result<std::vector<LabelledRequest>> load_archive(const std::string& path) {
  return load_requests(path, true);
}

Result<std::vector<RouteLlmItem>> load_routellm(const std::string& dir) {
  std::vector<RouteLlmItem> out;
  Status s = load_routellm_csv(dir + "/gsm8k/gsm8k_responses.csv", "gsm8k",
                               contaminated(dir + "/gsm8k/contaminated_prompts.jsonl"), out);
  if (!s) return s;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir + "/mmlu/responses", ec)) {
    if (e.path().extension() == ".csv") files.push_back(e.path().string());
  }
  if (ec) return Status::not_found("cannot list " + dir + "/mmlu/responses");
  std::sort(files.begin(), files.end());
  const auto skip = contaminated(dir + "/mmlu/contaminated_prompts.jsonl");
  for (const auto& f : files) {
    s = load_routellm_csv(f, "mmlu", skip, out);
    if (!s) return s;
  }
  return out;
}

Result<std::vector<LabelledRequest>> load_mt_bench(const std::string& path) {
  std::vector<LabelledRequest> out;
  Status s = for_each_jsonl(path, [&](const json::object& o, std::size_t) {
    const std::string cat = str(o, "category");
    int label = -1;
    if (cat == "math" || cat == "reasoning" || cat == "coding" || cat == "writing") label = 1;
    if (cat == "extraction") label = 0;
    const json::value* turns = o.if_contains("turns");
    if (label < 0 || turns == nullptr || !turns->is_array() || turns->get_array().empty() ||
        !turns->get_array()[0].is_string()) {
      return Status::OK();
    }
    out.push_back(
        {user_request(std::string(turns->get_array()[0].get_string())), label, "mt_bench/" + cat});
    return Status::OK();
  });
  if (!s) return s;
  return out;
}

Result<std::vector<LabelledRequest>> load_arena_hard(const std::string& dir) {
  std::vector<LabelledRequest> out;
  std::set<uint64_t> seen;
  auto add = [&](const json::object& o) {
    const std::string prompt = str(o, "prompt");
    if (!prompt.empty() && seen.insert(fnv1a(prompt)).second) {
      out.push_back({user_request(prompt), 1, "arena_hard"});
    }
  };
  Status s = for_each_jsonl(dir + "/v0.1_question.jsonl", [&](const json::object& o, std::size_t) {
    add(o);
    return Status::OK();
  });
  if (!s) return s;
  s = for_each_jsonl(dir + "/v2.0_question.jsonl", [&](const json::object& o, std::size_t) {
    const std::string sub = str(o, "subcategory");
    if (str(o, "category") == "hard_prompt" && (sub == "coding" || sub == "math")) add(o);
    return Status::OK();
  });
  if (!s) return s;
  return out;
}

}  // namespace splitpoint::complexity
