#include "stream/framing.h"

#include <cstring>

namespace splitpoint::stream {
namespace {

// The first of '\n' or '\r' in [p, end), or nullptr.
const char* find_eol(const char* p, const char* end) {
  const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
  const char* stop = nl ? nl : end;
  const char* cr = static_cast<const char*>(std::memchr(p, '\r', stop - p));
  return cr ? cr : nl;
}

Status oversized(std::size_t max) {
  return Status::upstream("stream frame larger than " + std::to_string(max) + " bytes");
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

Status SseParser::feed(std::string_view bytes, const EventHandler& on_event) {
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  if (last_cr_ && p != end) {
    last_cr_ = false;
    if (*p == '\n') ++p;  // the second half of a "\r\n" split between feeds
  }
  Status status;
  while (p != end) {
    const char* eol = find_eol(p, end);
    if (eol == nullptr) {
      std::size_t frame =
          line_.size() + (end - p) + (pending_active_ ? pending_.size() : data_.size());
      if (frame > max_) {
        status = oversized(max_);
        break;
      }
      line_.append(p, end);
      break;
    }
    std::string_view line(p, eol - p);
    p = eol + 1;
    if (*eol == '\r') {
      if (p == end) {
        last_cr_ = true;
      } else if (*p == '\n') {
        ++p;
      }
    }
    if (line_.empty()) {
      status = on_line(line, /*stable=*/true, on_event);
    } else {
      line_.append(line);
      status = on_line(line_, /*stable=*/false, on_event);
      line_.clear();
    }
    if (!status) break;
  }
  if (pending_active_) {  // the fed bytes go away: keep a copy
    data_.assign(pending_);
    pending_active_ = false;
    pending_ = {};
  }
  return status;
}

Status SseParser::on_line(std::string_view line, bool stable, const EventHandler& on_event) {
  if (line.empty()) return dispatch(on_event);
  if (line.front() == ':') return Status::OK();  // comment
  std::string_view field = line;
  std::string_view value;
  if (std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") return on_data_line(value, stable);
  if (field == "event") event_.assign(value);
  return Status::OK();  // id:, retry: and unknown fields are ignored
}

Status SseParser::on_data_line(std::string_view value, bool stable) {
  std::size_t have = pending_active_ ? pending_.size() : data_.size();
  if (have + value.size() + 1 > max_) return oversized(max_);
  if (!has_data_) {
    has_data_ = true;
    if (stable) {
      pending_ = value;
      pending_active_ = true;
    } else {
      data_.assign(value);
    }
    return Status::OK();
  }
  if (pending_active_) {
    data_.assign(pending_);
    pending_active_ = false;
  }
  data_.push_back('\n');
  data_.append(value);
  return Status::OK();
}

Status SseParser::dispatch(const EventHandler& on_event) {
  Status status;
  if (has_data_) {
    std::string_view data = pending_active_ ? pending_ : std::string_view(data_);
    status = on_event(event_, data);
  }
  has_data_ = false;
  pending_active_ = false;
  pending_ = {};
  data_.clear();
  event_.clear();
  return status;
}

bool SseParser::has_partial() const {
  return !line_.empty() || has_data_;
}

Status NdjsonParser::feed(std::string_view bytes, const LineHandler& on_line) {
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  if (!buf_.empty()) {  // finish the line that spans feeds
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* stop = nl ? nl : end;
    if (buf_.size() + (stop - p) > max_) return oversized(max_);
    buf_.append(p, stop);
    if (!nl) return Status::OK();
    p = nl + 1;
    std::string_view line = strip_cr(buf_);
    Status status = line.empty() ? Status::OK() : on_line(line);
    buf_.clear();
    if (!status) return status;
  }
  while (p != end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    if (nl == nullptr) {
      if (static_cast<std::size_t>(end - p) > max_) return oversized(max_);
      buf_.assign(p, end);
      break;
    }
    std::string_view line = strip_cr(std::string_view(p, nl - p));
    p = nl + 1;
    if (line.size() > max_) return oversized(max_);
    if (line.empty()) continue;
    if (Status status = on_line(line); !status) return status;
  }
  return Status::OK();
}

Status NdjsonParser::finish(const LineHandler& on_line) {
  std::string_view line = strip_cr(buf_);
  Status status = line.empty() ? Status::OK() : on_line(line);
  buf_.clear();
  return status;
}

std::string sse_frame(std::string_view data) {
  static constexpr std::string_view kPrefix = "data: ";
  std::string out;
  out.reserve(kPrefix.size() + data.size() + 2);
  out.append(kPrefix);
  // A '\n' inside the data would end the field: continue it on another data: line.
  for (std::size_t nl; (nl = data.find('\n')) != std::string_view::npos;) {
    out.append(data.substr(0, nl));
    out.append("\n").append(kPrefix);
    data.remove_prefix(nl + 1);
  }
  out.append(data);
  out.append("\n\n");
  return out;
}

}  // namespace splitpoint::stream
