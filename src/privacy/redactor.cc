#include "privacy/redactor.h"

#include <cstring>
#include <random>

#include "privacy/json_text.h"

namespace splitpoint::privacy {
namespace {

using detail::append_json_escaped;
using detail::DecodedJson;

constexpr const char* kLabels[] = {"EMAIL", "PHONE", "IBAN", "CARD", "NATIONAL_ID", "IP", "SECRET"};

// True if text holds "[LABEL_" for a placeholder label: placeholders would not be unambiguous.
bool has_placeholder_like(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const void* p = std::memchr(text.data() + i, '[', text.size() - i);
    if (p == nullptr) return false;
    i = static_cast<std::size_t>(static_cast<const char*>(p) - text.data()) + 1;
    for (const char* label : kLabels) {
      const std::size_t n = std::strlen(label);
      if (text.substr(i, n) == label && text.substr(i + n, 1) == "_") return true;
    }
  }
  return false;
}

std::string random_salt() {
  thread_local std::mt19937 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "_";
  const unsigned v = rng();
  for (int k = 0; k < 4; ++k) s += kHex[(v >> (4 * k)) & 0xF];
  return s;
}

}  // namespace

void Redaction::choose_salt(const std::vector<const std::string*>& texts) {
  salt_chosen_ = true;
  bool clash = false;
  for (const std::string* t : texts) clash = clash || has_placeholder_like(*t);
  if (!clash) return;
  for (int attempt = 0; attempt < 32; ++attempt) {
    std::string salt = random_salt();
    const std::string tail = salt + "]";
    bool used = false;
    for (const std::string* t : texts) used = used || t->find(tail) != std::string::npos;
    if (!used) {
      salt_ = std::move(salt);
      return;
    }
  }
  salt_ = random_salt() + random_salt();  // 8 hex digits: a clash is now astronomically unlikely
}

const std::string& Redaction::placeholder(Kind kind, std::string_view original) {
  const auto k = static_cast<std::size_t>(kind);
  std::string key(1, static_cast<char>('A' + k));
  key.append(original);
  if (auto it = by_value_.find(key); it != by_value_.end()) return originals_[it->second].first;
  std::string ph = "[";
  ph += kLabels[k];
  ph += '_';
  ph += std::to_string(++next_ordinal_[k]);
  ph += salt_;
  ph += ']';
  longest_ = std::max(longest_, ph.size());
  const std::size_t index = originals_.size();
  by_placeholder_.emplace(ph, index);
  by_value_.emplace(std::move(key), index);
  originals_.emplace_back(std::move(ph), std::string(original));
  return originals_.back().first;
}

int Redaction::mask_plain(const Detector& detector, std::string& text) {
  const std::vector<Finding> findings = detector.scan(text);
  if (findings.empty()) return 0;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Finding& f : findings) {
    out.append(text, pos, f.begin - pos);
    out += placeholder(f.kind, std::string_view(text).substr(f.begin, f.end - f.begin));
    pos = f.end;
  }
  out.append(text, pos);
  text = std::move(out);
  return static_cast<int>(findings.size());
}

int Redaction::mask_json(const Detector& detector, std::string& json) {
  DecodedJson d;
  if (!detail::decode_json(json, d)) return mask_plain(detector, json);  // not JSON: as text
  const std::vector<Finding> findings = detector.scan(d.text);
  if (findings.empty()) return 0;
  std::string out;
  out.reserve(json.size());
  std::size_t pos = 0;  // raw offset
  for (const Finding& f : findings) {
    const std::size_t b = d.raw_offset(f.begin), e = d.raw_offset(f.end);
    out.append(json, pos, b - pos);
    const std::string& ph =
        placeholder(f.kind, std::string_view(d.text).substr(f.begin, f.end - f.begin));
    if (d.string_of(f.begin, f.end) >= 0) {
      out += ph;  // placeholders need no escaping
    } else {
      out += '"';  // a bare value (a JSON number): the placeholder becomes a string
      out += ph;
      out += '"';
    }
    pos = e;
  }
  out.append(json, pos);
  json = std::move(out);
  return static_cast<int>(findings.size());
}

int Redaction::apply(const Detector& detector, ChatRequest& request) {
  std::vector<std::string*> plain, json;
  for (Message& m : request.messages) {
    for (ContentPart& p : m.parts) {
      if (p.kind == ContentPart::Kind::kText && !p.text.empty()) plain.push_back(&p.text);
    }
    if (!m.thinking.empty()) plain.push_back(&m.thinking);
    for (ToolCall& c : m.tool_calls) {
      if (!c.arguments.empty()) json.push_back(&c.arguments);
    }
  }
  if (!request.suffix.empty()) plain.push_back(&request.suffix);
  for (ExtraField& x : request.extra) json.push_back(&x.json);
  if (!salt_chosen_) {
    std::vector<const std::string*> all(plain.begin(), plain.end());
    all.insert(all.end(), json.begin(), json.end());
    choose_salt(all);
  }
  int masked = 0;
  for (std::string* s : plain) masked += mask_plain(detector, *s);
  for (std::string* s : json) masked += mask_json(detector, *s);
  count_ += masked;
  return masked;
}

int Redaction::placeholder_at(std::string_view text, std::size_t i, std::size_t* end) const {
  const std::size_t window = std::min(text.size() - i, longest_);
  const void* close = std::memchr(text.data() + i, ']', window);
  if (close == nullptr) return -1;
  const std::size_t e = static_cast<std::size_t>(static_cast<const char*>(close) - text.data()) + 1;
  const auto it = by_placeholder_.find(text.substr(i, e - i));
  if (it == by_placeholder_.end()) return -1;
  *end = e;
  return static_cast<int>(it->second);
}

void Redaction::restore_into(std::string& out, std::string_view text) const {
  if (originals_.empty()) {
    out.append(text);
    return;
  }
  std::size_t pos = 0, i = 0;
  while (i < text.size()) {
    const void* p = std::memchr(text.data() + i, '[', text.size() - i);
    if (p == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const char*>(p) - text.data());
    std::size_t end = 0;
    const int index = placeholder_at(text, i, &end);
    if (index < 0) {
      ++i;
      continue;
    }
    out.append(text, pos, i - pos);
    out += originals_[static_cast<std::size_t>(index)].second;
    pos = i = end;
  }
  out.append(text, pos);
}

std::string Redaction::restore(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  restore_into(out, text);
  return out;
}

void Redaction::restore_json_into(std::string& out, std::string_view json, bool& in_string,
                                  bool& escape) const {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (escape) {
      escape = false;
    } else if (in_string && c == '\\') {
      escape = true;
    } else if (c == '"') {
      in_string = !in_string;
    } else if (c == '[' && !originals_.empty()) {
      std::size_t end = 0;
      const int index = placeholder_at(json, i, &end);
      if (index < 0) continue;
      out.append(json, pos, i - pos);
      const std::string& original = originals_[static_cast<std::size_t>(index)].second;
      if (!in_string) out += '"';
      append_json_escaped(out, original);
      if (!in_string) out += '"';
      pos = end;
      i = end - 1;
    }
  }
  out.append(json, pos);
}

std::string Redaction::restore_json(std::string_view json) const {
  std::string out;
  out.reserve(json.size());
  bool in_string = false, escape = false;
  restore_json_into(out, json, in_string, escape);
  return out;
}

void Redaction::restore(ChatResponse& response) const {
  if (originals_.empty()) return;
  for (ContentPart& p : response.message.parts) {
    if (p.kind == ContentPart::Kind::kText) p.text = restore(p.text);
  }
  if (!response.message.thinking.empty()) {
    response.message.thinking = restore(response.message.thinking);
  }
  for (ToolCall& c : response.message.tool_calls) c.arguments = restore_json(c.arguments);
}

std::size_t Redaction::pending_tail(std::string_view text) const {
  if (originals_.empty() || text.empty()) return 0;
  const std::size_t lo = text.size() > longest_ ? text.size() - longest_ : 0;
  std::size_t i = text.size();
  while (i > lo && text[i - 1] != '[') --i;
  if (i == lo) return 0;
  const std::string_view tail = text.substr(i - 1);
  for (const auto& [ph, original] : originals_) {
    if (ph.size() > tail.size() && ph.compare(0, tail.size(), tail) == 0) return tail.size();
  }
  return 0;
}

void Redaction::StreamRestorer::emit(std::string& out, std::string_view text) {
  if (mode_ == Mode::kJson) {
    r_.restore_json_into(out, text, in_string_, escape_);
  } else {
    r_.restore_into(out, text);
  }
}

std::string Redaction::StreamRestorer::feed(std::string_view text) {
  std::string joined;
  std::string_view s = text;
  if (!held_.empty()) {
    joined = std::move(held_);
    joined.append(text);
    s = joined;
  }
  const std::size_t keep = r_.pending_tail(s);
  std::string out;
  out.reserve(s.size());
  emit(out, s.substr(0, s.size() - keep));
  held_.assign(s.substr(s.size() - keep));
  return out;
}

std::string Redaction::StreamRestorer::flush() {
  std::string out;
  emit(out, held_);
  held_.clear();
  return out;
}

}  // namespace splitpoint::privacy
